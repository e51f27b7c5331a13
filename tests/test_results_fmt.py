"""`planctl fmt` on results files: keys in the results model's order (not a plan's), comments kept with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunCli

MESSY = """\
# yaml-language-server: $schema=../schemas/results.schema.json
publications:
  monitor: {status: published}
# what the campaigns did
activities:
  1A.a1:
    as_of: 2017-06-30
    status: closed
plan: example
"""

# the results model's order (plan, ..., activities, ..., publications); a plan's would put
# `publications` first, as a plan has that field and not the others
CANONICAL = """\
# yaml-language-server: $schema=../schemas/results.schema.json
plan: example
# what the campaigns did
activities:
  1A.a1:
    as_of: 2017-06-30
    status: closed
publications:
  monitor: {status: published}
"""


def test_fmt_orders_a_results_file_by_the_results_model(run_cli: RunCli, tmp_path: Path) -> None:
    results = tmp_path / "example.yaml"
    results.write_text(MESSY, encoding="utf-8")
    result = run_cli("fmt", results)
    assert result.exit_code == 0, result
    assert results.read_text(encoding="utf-8") == CANONICAL


def test_a_file_written_by_progress_set_is_formatted(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import CASES

    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "example.yaml").write_bytes((CASES / "results" / "plans" / "example.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANCTL_TODAY", "2017-12-31")
    for args in (
        ["1A.a1", "--status", "closed"],
        ["1A.i1", "--period", "2017-H2", "--actual", "4", "--source", "a report: page 3"],
        ["1A.g1", "--country", "Benin", "--outcome", "joined", "--date", "2017-08-27"],
    ):
        assert run_cli("progress", "set", *args).exit_code == 0
    result = run_cli("fmt", "--check", "progress")
    assert result.exit_code == 0, result


def test_a_new_section_goes_in_its_place_and_the_comments_stay_with_theirs(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import CASES

    (tmp_path / "plans").mkdir()
    (tmp_path / "progress").mkdir()
    (tmp_path / "plans" / "example.yaml").write_bytes((CASES / "results" / "plans" / "example.yaml").read_bytes())
    results = tmp_path / "progress" / "example.yaml"
    results.write_text(
        'plan: "example"\n# countries, as the monitor reports them\ncountries:\n  1A.g1:\n'
        "    Benin: {outcome: joined, date: 2017-08-27}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANCTL_TODAY", "2017-12-31")
    assert run_cli("progress", "set", "1A.a1", "--status", "closed").exit_code == 0
    assert results.read_text(encoding="utf-8") == (
        'plan: "example"\nactivities:\n  1A.a1:\n    status: closed\n    as_of: 2017-12-31\n'
        "# countries, as the monitor reports them\ncountries:\n"
        "  1A.g1:\n    Benin: {outcome: joined, date: 2017-08-27}\n"
    )

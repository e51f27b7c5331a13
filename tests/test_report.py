"""`planctl report`: the progress report, built as a document tree that Markdown and HTML render alike."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from planctl.api import load_plan
from planctl.document import Bar, Section, Table
from planctl.files.yaml import parse_document
from planctl.model.results import Results
from planctl.model.results_checks import validate_results_data
from planctl.render import html, markdown
from planctl.results.report import build
from tests.conftest import CASES, RunCli

PLAN = load_plan(CASES / "results" / "plans" / "example.yaml")
VALID = CASES / "results" / "progress" / "valid.yaml"


def _results(path: Path = VALID) -> Results:
    results, problems = validate_results_data(parse_document(path.read_text(encoding="utf-8"), positions=False).data)
    assert results is not None, problems
    return results


def _walk(blocks: list[object]) -> list[object]:
    out: list[object] = []
    for block in blocks:
        out.append(block)
        if isinstance(block, Section):
            out += _walk(list(block.blocks))
    return out


def test_each_objective_has_a_table_and_a_bar_per_indicator_with_figures() -> None:
    doc = build(PLAN, _results(), today=date(2017, 12, 31))
    blocks = _walk(list(doc.sections))
    tables = [b for b in blocks if isinstance(b, Table)]
    bars = [b for b in blocks if isinstance(b, Bar)]
    assert [len(t.rows) for t in tables] == [4, 1]  # objectives 1A and 1B
    assert [b.label[0].text for b in bars] == ["1A.i1", "1A.i2", "1A.i4", "1B.i1"]  # not the qualitative 1A.i3
    by_label = {b.label[0].text: b for b in bars}
    assert by_label["1A.i1"].caption == "5 of 7 (60% of the way), off track, as of 31 December 2017"
    assert by_label["1A.i2"].caption == "2 of 3 (67% of the way), off track, as of 31 December 2017"
    assert by_label["1A.i4"].caption == "55.5% of 80% (69% of the way), off track, as of 31 December 2017"


def test_markdown_draws_text_bars_and_lists_the_countries_that_joined() -> None:
    text = markdown.render(build(PLAN, _results(), today=date(2017, 12, 31)))
    assert "| **1A.i1** # of states that have ratified or acceded | 2 | 7 | 5 | 60% | off track | 31 Dec 2017 |" in text
    assert "**1A.i1** # of states that have ratified or acceded `████████████░░░░░░░░` 5 of 7 (60% of the way)" in text
    assert "- **Benin** — 27 August 2017, by ratification *(source: invented for the tests)*" in text
    assert "2 target countries joined: **Benin (27 August 2017), Philippines (20 November 2017)**." in text


def test_a_period_report_counts_only_that_period() -> None:
    text = markdown.render(build(PLAN, _results(), period="2017-Q3", today=date(2017, 12, 31)))
    assert "**Reporting on:** 2017-Q3 (1 July – 30 September 2017)" in text
    assert "1 target country joined: **Benin (27 August 2017)**." in text
    assert "| **1A.i2** # of target states that joined |  | 3 | 1 (counted) |" in text


def test_plan_text_in_the_report_is_escaped(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        VALID.read_text(encoding="utf-8").replace(
            "source: invented for the tests", 'source: "<script>alert(1)</script> *bold* | pipe"'
        ),
        encoding="utf-8",
    )
    doc = build(PLAN, _results(hostile), today=date(2017, 12, 31))
    page = html.render(doc)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "\\*bold\\*" in markdown.render(doc)


@pytest.mark.parametrize("name", ["report.html", "report.md"])
def test_the_command_writes_the_report(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    shutil.copytree(CASES / "results" / "plans", tmp_path / "plans")
    (tmp_path / "progress").mkdir()
    shutil.copy(VALID, tmp_path / "progress" / "example.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANCTL_TODAY", "2017-12-31")
    result = run_cli("report", "-o", name)
    assert result.exit_code == 0, result
    written = (tmp_path / name).read_text(encoding="utf-8")
    assert ("<svg" in written) == name.endswith(".html")
    assert "Progress report: Example Operational Plan" in written
    again = run_cli("report", "-o", name)
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_a_period_outside_the_plan_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copy(CASES / "results" / "plans" / "example.yaml", tmp_path / "example.yaml")
    result = run_cli("report", tmp_path / "example.yaml", "--period", "2018")
    assert result.exit_code == 2, result
    assert "--period '2018' is outside the period of plan example" in result.stderr

"""docs/results-format.md says what the code does: its field reference is the model's, its example plan
and results are valid, and its commands run on them and print what it shows."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from planctl.model.reference import END, START, fields_markdown
from planctl.model.results import Results
from tests.conftest import REPO, RunCli
from tests.test_docs import _code_blocks

RESULTS_FORMAT = REPO / "docs" / "results-format.md"


def _text() -> str:
    return RESULTS_FORMAT.read_text(encoding="utf-8")


def test_field_reference_matches_the_model() -> None:
    text = _text()
    current = text[text.index(START) : text.index(END) + len(END)]
    assert current == fields_markdown(Results), (
        "docs/results-format.md is stale: run python -c 'import tests.test_results_docs as t; t.regenerate()'"
    )


def regenerate() -> None:
    """Rewrite the generated part of docs/results-format.md."""
    text = _text()
    start, end = text.index(START), text.index(END) + len(END)
    RESULTS_FORMAT.write_text(text[:start] + fields_markdown(Results) + text[end:], encoding="utf-8")


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The docs' example plan and results, as plans/example.yaml and progress/example.yaml."""
    plan, results = (b for b in _code_blocks(_text(), "yaml") if b.startswith("# yaml-language-server") and "\n" in b)
    (tmp_path / "plans").mkdir()
    (tmp_path / "progress").mkdir()
    (tmp_path / "plans" / "example.yaml").write_text(plan + "\n", encoding="utf-8")
    (tmp_path / "progress" / "example.yaml").write_text(results + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANCTL_TODAY", "2017-12-31")
    return tmp_path


def test_the_example_is_marked_invented_and_valid(run_cli: RunCli, example: Path) -> None:
    assert "**Everything in this example is invented**" in _text()
    result = run_cli("validate")
    assert result.exit_code == 0, result
    assert result.stdout == "All 2 plan files valid.\n"


def test_the_commands_run_on_the_example_and_the_diff_is_as_shown(run_cli: RunCli, example: Path) -> None:
    original = (example / "progress" / "example.yaml").read_text(encoding="utf-8")
    (example / "original.yaml").write_text(original, encoding="utf-8")
    commands = [line.split("  #")[0].strip() for b in _code_blocks(_text(), "sh") for line in b.splitlines()]
    assert len(commands) >= 10
    for command in commands:
        args = shlex.split(command)[1:]
        result = run_cli(*args)
        assert result.exit_code == 0, (command, str(result))
    diff = run_cli("diff", "original.yaml", "progress/example.yaml")
    shown = next(b for b in _code_blocks(_text(), "text") if b.startswith("Indicators"))
    assert shown in diff.stdout, diff.stdout

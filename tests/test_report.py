"""`planctl report`: the progress report, built as a document tree that Markdown and HTML render alike."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from planctl.api import load_plan
from planctl.document import Bar, Section, Table
from planctl.files.yaml import parse_document
from planctl.model.results import Results
from planctl.model.results_checks import validate_results_data
from planctl.render import html, markdown
from planctl.results.report import HEADER, build
from tests.conftest import CASES, RunCli

PLAN = load_plan(CASES / "results" / "plans" / "example.yaml")
VALID = CASES / "results" / "progress" / "valid.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """plans/example.yaml and its results in progress/, the working directory; today 31 December 2017."""
    shutil.copytree(CASES / "results" / "plans", tmp_path / "plans")
    (tmp_path / "progress").mkdir()
    shutil.copy(VALID, tmp_path / "progress" / "example.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANCTL_TODAY", "2017-12-31")
    return tmp_path


@pytest.mark.parametrize("name", ["report.html", "report.md"])
def test_the_command_writes_the_report(run_cli: RunCli, checkout: Path, name: str) -> None:
    result = run_cli("report", "-o", name)
    assert result.exit_code == 0, result
    written = (checkout / name).read_text(encoding="utf-8")
    assert ("<svg" in written) == name.endswith(".html")
    assert "Progress report: Example Operational Plan" in written
    again = run_cli("report", "-o", name)
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_word_has_a_table_with_a_header_row_and_a_bar_line_per_indicator(run_cli: RunCli, checkout: Path) -> None:
    result = run_cli("report", "-o", "report.docx")
    assert result.exit_code == 0, result
    assert "wrote report.docx (docx, " in result.stderr
    document = docx.Document(str(checkout / "report.docx"))
    figures = [t for t in document.tables if t.style.name == "Table Grid"]
    assert [len(t.rows) for t in figures] == [5, 2], "a header row and a row per indicator, for 1A and 1B"
    header = figures[0].rows[0]
    assert [c.text for c in header.cells] == list(HEADER)
    assert header._tr.trPr is not None and header._tr.trPr.find(f"{W}tblHeader") is not None, "repeated on each page"
    assert figures[0].rows[1].cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT, "figures align right"
    bars = [p.text for p in document.paragraphs if "░" in p.text or "█" in p.text]
    assert bars[0] == (
        "1A.i1 # of states that have ratified or acceded ████████████░░░░░░░░ "
        "5 of 7 (60% of the way), off track, as of 31 December 2017"
    )
    assert len(bars) == 4


def test_word_goes_down_a_pipe_but_not_onto_a_terminal(checkout: Path) -> None:
    def report(**kwargs: object) -> subprocess.CompletedProcess[bytes]:
        env = {k: v for k, v in os.environ.items() if k != "PLANCTL_PLANS"}
        return subprocess.run(  # type: ignore[call-overload,no-any-return]
            [sys.executable, "-m", "planctl", "report", "--format", "docx"], env=env, check=False, **kwargs
        )

    piped = report(capture_output=True)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith(b"PK\x03\x04"), "a .docx file is a zip"
    _, terminal = pty.openpty()
    try:
        shown = report(stdout=terminal, stderr=subprocess.PIPE)
    finally:
        os.close(terminal)
    assert shown.returncode == 2
    assert b"a Word document is a binary file, not for a terminal" in shown.stderr


def test_pdf_without_a_browser_says_how_to_get_one(
    run_cli: RunCli, checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANCTL_CHROMIUM", "no-such-browser")
    result = run_cli("report", "-o", "report.pdf")
    assert result.exit_code == 2, result
    assert "writing PDF needs a Chromium-family browser" in result.stderr
    assert not (checkout / "report.pdf").exists()


def test_a_file_ending_report_cannot_write_is_refused(run_cli: RunCli, checkout: Path) -> None:
    result = run_cli("report", "-o", "report.odt")
    assert result.exit_code == 2, result
    assert "planctl cannot write .odt files; it writes .docx, .htm, .html, .markdown, .md, .pdf, .txt" in result.stderr


def test_a_period_outside_the_plan_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copy(CASES / "results" / "plans" / "example.yaml", tmp_path / "example.yaml")
    result = run_cli("report", tmp_path / "example.yaml", "--period", "2018")
    assert result.exit_code == 2, result
    assert "--period '2018' is outside the period of plan example" in result.stderr

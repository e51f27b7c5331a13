"""The progress report's HTML page in headless chromium: no console error, nothing fetched, one bar
(inline SVG) per indicator with figures, and it prints on A4 pages; `planctl report -o x.pdf` prints it.

Browser tests: marked slow (left out of a developer's run, run in CI)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planctl.api import load_plan
from planctl.files.yaml import parse_document
from planctl.model.results_checks import validate_results_data
from planctl.render import html
from planctl.results.report import build
from tests.browser import Chromium
from tests.conftest import CASES, RunCli
from tests.test_render_browser import A4_POINTS, CHECKS, HEIGHT, WIDTH, _chromium, _pdf_pages, _squeezed
from tests.test_render_browser import browser as browser  # the chromium fixture, shared

pytestmark = pytest.mark.slow

REPORT_CHECKS = {
    **CHECKS,
    "bars": "document.querySelectorAll('.bar svg').length",
    "bar_widths": "[...document.querySelectorAll('.bar svg')].map(s => s.getBoundingClientRect().width)",
    "tables": "document.querySelectorAll('table.figures').length",
}


def test_report_loads_cleanly_and_prints_to_a4(browser: Chromium, tmp_path: Path) -> None:
    plan = load_plan(CASES / "results" / "plans" / "example.yaml")
    data = parse_document((CASES / "results" / "progress" / "valid.yaml").read_text(encoding="utf-8")).data
    results, problems = validate_results_data(data)
    assert results is not None, problems
    page = tmp_path / "report.html"
    page.write_text(html.render(build(plan, results, today=date(2017, 12, 31))), encoding="utf-8")

    report = browser.open(
        page.as_uri(), width=WIDTH, height=HEIGHT, screenshot=tmp_path / "report.png", checks=REPORT_CHECKS
    )

    assert report.console_errors == []
    assert report.requests == [page.as_uri()], "the page fetched something"
    got = report.evaluated
    assert got["h1"] == ["Progress report: Example Operational Plan"]
    assert got["scripts"] == 0
    assert got["broken_links"] == []
    assert got["overflows"] is False
    assert (got["bars"], got["tables"]) == (4, 2)
    assert all(width > 100 for width in got["bar_widths"]), got["bar_widths"]
    pages = _pdf_pages(report.pdf)
    assert pages and all(abs(w - A4_POINTS[0]) < 1 and abs(h - A4_POINTS[1]) < 1 for w, h in pages), pages


def test_report_pdf_has_the_figures_of_every_indicator_on_a4_pages(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypdf

    monkeypatch.setenv("PLANCTL_CHROMIUM", _chromium())
    monkeypatch.setenv("PLANCTL_TODAY", "2017-12-31")
    out = tmp_path / "report.pdf"
    plan = CASES / "results" / "plans" / "example.yaml"
    results = tmp_path / "progress"
    results.mkdir()
    (results / "example.yaml").write_bytes((CASES / "results" / "progress" / "valid.yaml").read_bytes())
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "example.yaml").write_bytes(plan.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = run_cli("report", "-o", out)
    assert result.exit_code == 0, result
    assert f"wrote {out} (pdf, " in result.stderr
    reader = pypdf.PdfReader(out)
    text = _squeezed("".join(page.extract_text() for page in reader.pages))
    assert _squeezed("Progress report: Example Operational Plan") in text
    assert _squeezed("5 of 7 (60% of the way), off track, as of 31 December 2017") in text
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - A4_POINTS[0]) < 1 and abs(float(box.height) - A4_POINTS[1]) < 1

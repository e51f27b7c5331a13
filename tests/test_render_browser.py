"""The HTML page in a real browser (headless chromium): it loads without a console error, fetches
nothing, has one h1 and working internal links, and prints on A4 pages. And `planctl render -o x.pdf`,
which prints that page with chromium: A4, numbered pages, every objective, contents and links.

Screenshots are kept as artifacts under the test's tmp dir (pytest prints where on failure;
`--basetemp=DIR` keeps them somewhere known). Without chromium the test is skipped on a
developer's machine but fails in CI (CI=true), where .ci/run installs it.
"""

from __future__ import annotations

import os
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planctl.api import load_plan
from planctl.document import build
from planctl.render import html
from tests.browser import Chromium, find_chromium
from tests.conftest import CASES, PLANS, RunCli

PAGES = [PLANS / "2017.yaml", *(CASES / "valid" / f"{n}.yaml" for n in ("strategy-shape", "action-plan-shape"))]
PAGES.append(CASES / "valid" / "hostile-text.yaml")
A4_POINTS = (595.28, 841.89)
WIDTH, HEIGHT = 1240, 1754  # A4 proportions

CHECKS = {
    "h1": "[...document.querySelectorAll('h1')].map(h => h.textContent)",
    "lang": "document.documentElement.lang",
    "scripts": "document.scripts.length",
    "broken_links": "[...document.querySelectorAll('a[href^=\"#\"]')]"
    ".filter(a => !document.getElementById(decodeURIComponent(a.hash.slice(1)))).map(a => a.hash)",
    "overflows": "document.documentElement.scrollWidth > window.innerWidth",
    "toc_entries": "document.querySelectorAll('nav.toc a').length",
}


def _chromium() -> str:
    executable = find_chromium()
    if executable is None:
        message = "chromium is not installed (apt-get install chromium, or set PLANCTL_CHROMIUM)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; .ci/run installs it")
        pytest.skip(message)
    return executable


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    with Chromium(_chromium(), tmp_path_factory.mktemp("chromium")) as chromium:
        yield chromium


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


@pytest.mark.slow
@pytest.mark.parametrize("plan_file", PAGES, ids=lambda p: p.stem)
def test_page_loads_cleanly_and_prints_to_a4(browser: Chromium, plan_file: Path, tmp_path: Path) -> None:
    plan = load_plan(plan_file)
    page = tmp_path / f"{plan.id}.html"
    page.write_text(html.render(build(plan)), encoding="utf-8")
    screenshot = tmp_path / f"{plan.id}.png"

    report = browser.open(page.as_uri(), width=WIDTH, height=HEIGHT, screenshot=screenshot, checks=CHECKS)

    assert report.console_errors == []
    assert report.requests == [page.as_uri()], "the page fetched something"
    got = report.evaluated
    assert got["h1"] == [plan.title]
    assert got["lang"] == plan.language
    assert got["scripts"] == 0
    assert got["broken_links"] == []
    assert got["overflows"] is False, "the page is wider than the window"
    assert got["toc_entries"] >= 3
    assert _png_size(screenshot) == (WIDTH, HEIGHT)
    pages = _pdf_pages(report.pdf)
    assert pages, "printing produced no pages"
    assert all(abs(w - A4_POINTS[0]) < 1 and abs(h - A4_POINTS[1]) < 1 for w, h in pages), pages
    if plan.id == "2017":
        assert len(pages) > 5


def _squeezed(text: str) -> str:
    """Text without spaces, line breaks and hyphens: a title reads the same however the page broke it."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def test_render_pdf_has_every_objective_numbered_a4_pages_contents_and_links(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypdf

    monkeypatch.setenv("PLANCTL_CHROMIUM", _chromium())
    out = tmp_path / "x.pdf"
    result = run_cli("render", PLANS / "2017.yaml", "-o", out)
    assert result.exit_code == 0, result
    assert f"wrote {out} (pdf, " in result.stderr
    reader = pypdf.PdfReader(out)
    plan = load_plan(PLANS / "2017.yaml")
    text = _squeezed("".join(page.extract_text() for page in reader.pages))
    for objective in plan.objectives():
        assert _squeezed(objective.title) in text, objective.id
    assert _squeezed("Implements ICBL-CMC Strategy 2017-2021") in text  # the strategy by its title
    assert _squeezed("Version") in text
    assert reader.metadata is not None and reader.metadata.title == plan.title
    pages = len(reader.pages)
    assert pages > 5
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        assert abs(float(box.width) - A4_POINTS[0]) < 1 and abs(float(box.height) - A4_POINTS[1]) < 1
        assert page.extract_text(extraction_mode="layout").rstrip().endswith(f"{number} / {pages}")
    outline = list(_flatten(reader.outline))
    assert any(_squeezed(o.title).startswith(_squeezed("Objective 1A")) for o in outline), "bookmarks"
    contents = reader.pages[0].extract_text()
    assert "Contents" in contents
    links = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    destinations = reader.trailer["/Root"]["/Dests"]
    internal = [a["/Dest"] for a in links if a.get("/Subtype") == "/Link" and "/Dest" in a]
    assert len(internal) >= len(plan.objectives()), "the contents link to every goal and objective"
    assert all(str(d).lstrip("/") in {str(k).lstrip("/") for k in destinations} for d in internal)


def _flatten(items: list[object]) -> Iterator[Any]:
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_render_pdf_shows_plan_text_as_written(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypdf

    monkeypatch.setenv("PLANCTL_CHROMIUM", _chromium())
    out = tmp_path / "hostile.pdf"
    assert run_cli("render", CASES / "valid" / "hostile-text.yaml", "-o", out).exit_code == 0
    text = _squeezed(pypdf.PdfReader(out).pages[0].extract_text())
    assert _squeezed('<script>alert("x")</script> & *Plan* [link](http://example.com)') in text

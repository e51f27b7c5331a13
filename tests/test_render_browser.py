"""The HTML page in a real browser (headless chromium): it loads without a console error, fetches
nothing, has one h1 and working internal links, and prints on A4 pages.

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

import pytest

from planctl.api import load_plan
from planctl.document import build
from planctl.render import html
from tests.browser import Chromium, find_chromium
from tests.conftest import CASES, PLANS

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


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    executable = find_chromium()
    if executable is None:
        message = "chromium is not installed (apt-get install chromium, or set PLANCTL_CHROMIUM)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; .ci/run installs it")
        pytest.skip(message)
    with Chromium(executable, tmp_path_factory.mktemp("chromium")) as chromium:
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

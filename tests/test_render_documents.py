"""`planctl render` to PDF without its engine, and file endings render cannot write. (The PDF itself is
printed in tests/test_render_browser.py, beside the other tests that need Chromium.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PLANS, RunCli

PLAN_2017 = PLANS / "2017.yaml"


def test_pdf_without_a_browser_says_how_to_get_one(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANCTL_CHROMIUM", "no-such-browser-here")
    out = tmp_path / "x.pdf"
    result = run_cli("render", PLAN_2017, "-o", out)
    assert result.exit_code == 2
    assert "writing PDF needs a Chromium-family browser" in result.stderr
    assert "apt-get install chromium" in result.stderr and "PLANCTL_CHROMIUM" in result.stderr
    assert not out.exists()
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on the PATH either
    monkeypatch.delenv("PLANCTL_CHROMIUM")
    from planctl.render import pdf

    monkeypatch.setattr(pdf, "CANDIDATES", ("chromium",))
    result = run_cli("render", PLAN_2017, "-o", out)
    assert result.exit_code == 2 and "no Chromium or Chrome found" in result.stderr


def test_a_file_ending_render_cannot_write_is_refused_with_those_it_can(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "plan.odt"
    result = run_cli("render", PLAN_2017, "-o", out)
    assert result.exit_code == 2
    for ending in (".md", ".html", ".pdf"):
        assert ending in result.stderr
    assert not out.exists()


def test_formats_offered_are_the_document_renderers() -> None:
    from planctl.cli.render import FORMATS
    from planctl.render.document import RENDERERS, SUFFIXES

    assert list(RENDERERS) == FORMATS
    assert set(SUFFIXES.values()) == set(FORMATS)

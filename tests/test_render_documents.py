"""`planctl render` to Word: a real .docx that opens without repair, with Word's own styles; and what
PDF and Word say when their engine is missing. (The PDF itself is printed in tests/test_render_browser.py,
beside the other tests that need Chromium.)"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest

from planctl.api import load_plan
from planctl.document import Document, Para, Section, Span, build
from planctl.render import docx as render_docx
from tests.conftest import CASES, PLANS, RunCli

PLAN_2017 = PLANS / "2017.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SHAPES = [PLAN_2017, *(CASES / "valid" / f"{n}.yaml" for n in ("strategy-shape", "action-plan-shape", "hostile-text"))]


def _parts(data: bytes) -> dict[str, ElementTree.Element]:
    """Every XML part of the package, parsed: a part that is not well-formed raises."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: ElementTree.fromstring(z.read(n)) for n in z.namelist() if n.endswith((".xml", ".rels"))}


def test_docx_has_every_objective_as_a_word_heading(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    result = run_cli("render", PLAN_2017, "-o", out)
    assert result.exit_code == 0, result
    assert f"wrote {out} (docx, " in result.stderr
    document = docx.Document(str(out))
    headings = {p.text: p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")}
    plan = load_plan(PLAN_2017)
    for objective in plan.objectives():
        title = " ".join(f"Objective {objective.id} — {objective.title}".split())
        assert headings.get(title) == "Heading 2", title
    assert {f"Goal {g.id} — {' '.join(g.title.split())}" for g in plan.goals} <= {
        t for t, s in headings.items() if s == "Heading 1"
    }
    assert document.paragraphs[0].style.name == "Title" and document.paragraphs[0].text == plan.title
    assert document.core_properties.title == plan.title
    styles = {p.style.name for p in document.paragraphs}
    assert {"List Bullet", "List Bullet 2", "List Number", "toc 1", "toc 2"} <= styles
    assert [c.text for c in document.tables[0].columns[0].cells][:2] == ["Organisation", "Period"]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), "A4"


@pytest.mark.parametrize("plan_file", SHAPES, ids=lambda p: p.stem)
def test_docx_is_a_package_word_opens_without_repair(plan_file: Path) -> None:
    data = render_docx.render(build(load_plan(plan_file)))
    parts = _parts(data)
    assert docx.Document(io.BytesIO(data)).paragraphs, "python-docx reads it back"
    body = parts["word/document.xml"]
    bookmarks = [b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")]
    assert len(bookmarks) == len(set(bookmarks)), "bookmark names are unique"
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", b or "") for b in bookmarks), bookmarks
    ids = [b.get(f"{W}id") for b in body.iter(f"{W}bookmarkStart")]
    assert sorted(ids) == sorted(b.get(f"{W}id") for b in body.iter(f"{W}bookmarkEnd")), "each start has its end"
    anchors = {h.get(f"{W}anchor") for h in body.iter(f"{W}hyperlink")}
    assert anchors <= set(bookmarks), "every link leads to a bookmark"
    numbering = parts["word/numbering.xml"]
    defined = {n.get(f"{W}numId") for n in numbering.iter(f"{W}num")}
    used = {n.get(f"{W}val") for n in body.iter(f"{W}numId")}
    assert used <= defined, "every numbered paragraph's numbering exists"
    style_ids = {s.get(f"{W}styleId") for s in parts["word/styles.xml"].iter(f"{W}style")}
    referenced = {s.get(f"{W}val") for tag in ("pStyle", "rStyle") for s in body.iter(f"{W}{tag}")}
    assert referenced <= style_ids, referenced - style_ids
    fields = (
        [f.get(f"{W}instr") for f in parts["word/footer1.xml"].iter(f"{W}fldSimple")]
        if any(n.startswith("word/footer") for n in parts)
        else []
    )
    assert fields == ["PAGE"], "pages are numbered in the footer"
    kinds = [c.get(f"{W}fldCharType") for c in body.iter(f"{W}fldChar")]
    assert kinds in ([], ["begin", "separate", "end"]), "the contents are one complete TOC field"


def test_docx_numbers_items_as_the_plan_does(tmp_path: Path) -> None:
    """Numbered paragraphs keep their numbers, also where a list starts past 1 or skips."""
    plan = load_plan(CASES / "valid" / "action-plan-shape.yaml")
    doc = build(plan)
    numbered = [
        (item.number, item.spans[0].text)
        for section in doc.sections
        for block in section.blocks
        if hasattr(block, "numbered") and block.numbered
        for item in block.items
    ]
    assert numbered, "the action plan has numbered paragraphs"
    parts = _parts(render_docx.render(doc))
    starts = {
        n.get(f"{W}numId"): int(s.get(f"{W}val"))
        for n in parts["word/numbering.xml"].iter(f"{W}num")
        for s in n.iter(f"{W}startOverride")
    }
    shown = []
    current: dict[str, int] = {}
    for p in parts["word/document.xml"].iter(f"{W}p"):
        num = p.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is None or num.get(f"{W}val") not in starts:
            continue
        key = num.get(f"{W}val")
        current[key] = current.get(key, starts[key] - 1) + 1
        shown.append((current[key], "".join(t.text or "" for t in p.iter(f"{W}t"))))
    assert [n for n, _ in shown[: len(numbered)]] == [n for n, _ in numbered]


def test_plan_text_stays_text_in_word() -> None:
    data = render_docx.render(build(load_plan(CASES / "valid" / "hostile-text.yaml")))
    text = "".join(t.text or "" for t in _parts(data)["word/document.xml"].iter(f"{W}t"))
    assert '<script>alert("x")</script> & *Plan* [link](http://example.com)' in text
    title = "Bell\x07, escape \x1b[31m, lone \ud800"
    doc = Document(title, "en", [], [Section(title, "s", [Para([Span(title, "strong")])])])
    text = "".join(t.text or "" for t in _parts(render_docx.render(doc))["word/document.xml"].iter(f"{W}t"))
    assert "\x1b" not in text and "\\x07" in text and "\\x1b[31m" in text and "\\ud800" in text


def test_word_without_python_docx_says_how_to_get_it(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)  # as if not installed: importing it fails
    out = tmp_path / "x.docx"
    result = run_cli("render", PLAN_2017, "-o", out)
    assert result.exit_code == 2
    assert "needs python-docx" in result.stderr and "pip install 'plans-as-code[docx]'" in result.stderr
    assert not out.exists()


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
    for ending in (".md", ".html", ".pdf", ".docx"):
        assert ending in result.stderr
    assert not out.exists()


def test_formats_offered_are_the_document_renderers() -> None:
    from planctl.cli.render import FORMATS
    from planctl.render.document import RENDERERS, SUFFIXES

    assert list(RENDERERS) == FORMATS
    assert set(SUFFIXES.values()) == set(FORMATS)

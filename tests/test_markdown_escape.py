"""Plan text in every Markdown output reads as written in a CommonMark viewer: nothing in it becomes markup.

The viewer is markdown-it (CommonMark, with GitHub's tables for listings); each test reads the token
tree it builds, so a stray heading, rule, list, quote or link shows as a block or tag planctl never meant.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from planctl.document import Document, Item, ItemList, Para, Section, Span, collapse_spaces
from planctl.query.listing import Column, Listing
from planctl.render import listing, markdown
from planctl.render.escape import markdown_code, safe
from tests.conftest import CASES, RunCli, examples

COMMONMARK = MarkdownIt("commonmark")
GITHUB = MarkdownIt("commonmark").enable("table")

# Characters Markdown reads as markup, often, and any others.
TEXT = st.text(
    st.one_of(st.sampled_from(list("#>-+=*_`~[]()<>!&;:|\\/.)0123456789 \n\taxAT")), st.characters()),
    min_size=1,
    max_size=30,
)
BLOCK_CONSTRUCTS = [
    "---",
    "***",
    "___",
    "- - -",
    "===",
    "1)",
    "1. x",
    "2017. A year",
    "#",
    "## h ##",
    "> q",
    "+ x",
    "- x",
    "* x",
    "-",
    "    code",
    "```",
    "~~~ py",
    "<div>",
    "<!-- c -->",
    "[a]: b",
    "| a | b |",
    "|---|",
    "AT&amp;T",
    "&#35; &copy;",
    "x\\",
    "a  \nb",
    "[l](http://x) ![i](y) <http://z> `c` *e* _e_ ~~s~~",
]


def _blocks(tokens: list[Token]) -> list[str]:
    """The block structure: token types, headings with their level."""
    return [t.tag if t.type.startswith("heading") else t.type for t in tokens if t.type != "inline"]


def _text(inline: Token) -> str:
    """What the viewer shows of an inline run; only text, no markup."""
    children = inline.children or []
    assert [c.type for c in children if c.type != "text"] == [], inline.content
    return "".join(c.content for c in children)


def _document(text: str) -> Document:
    items = [Item([Span(text)])]
    numbered = [Item([Span(text)], number=1)]
    blocks: list[Any] = [Para([Span(text)]), ItemList(items), ItemList(numbered, numbered=True)]
    return Document(text, "en", [], [Section(text, "s", blocks)])


@pytest.mark.parametrize("text", BLOCK_CONSTRUCTS)
def test_block_markup_in_plan_text_stays_text(text: str) -> None:
    _check_document(text)


@settings(max_examples=examples(300), deadline=None)
@given(TEXT)
def test_any_plan_text_is_one_heading_paragraph_or_item_of_that_text(text: str) -> None:
    _check_document(text)


def _check_document(raw: str) -> None:
    text = collapse_spaces(raw)  # as the document builder puts text in a title, paragraph or item
    if not text:
        return
    tokens = COMMONMARK.parse(markdown.render(_document(text)))
    item = ["list_item_open", "paragraph_open", "paragraph_close", "list_item_close"]
    assert _blocks(tokens) == [
        *["h1", "h1", "h2", "h2", "paragraph_open", "paragraph_close"],
        *["bullet_list_open", *item, "bullet_list_close", "ordered_list_open", *item, "ordered_list_close"],
    ]
    shown = [_text(t) for t in tokens if t.type == "inline"]
    assert shown == [safe(text)] * 5


def _cells(markdown_table: str) -> list[str]:
    """The body cells of the one table in the Markdown, a line break in a cell read as a newline."""
    tokens = GITHUB.parse(markdown_table)
    assert [t.type for t in tokens if t.type.startswith("table")] == ["table_open", "table_close"]
    cells = []
    body = tokens[next(i for i, t in enumerate(tokens) if t.type == "tbody_open") :]
    for t in body:
        if t.type == "inline":
            children = t.children or []
            assert {c.type for c in children} <= {"text", "html_inline"}, t.content
            assert all(c.content == "<br>" for c in children if c.type == "html_inline")
            cells.append("".join("\n" if c.type == "html_inline" else c.content for c in children))
    return cells


@pytest.mark.parametrize("text", [*BLOCK_CONSTRUCTS, "a | b", "a\\|b", "a\nb | c\n- d"])
def test_table_cells_hold_plan_text_as_written(text: str) -> None:
    _check_cell(text)


@settings(max_examples=examples(300), deadline=None)
@given(TEXT)
def test_any_plan_text_is_one_table_cell_of_that_text(text: str) -> None:
    _check_cell(text)


def _check_cell(text: str) -> None:
    text = text.strip()  # a table cell's edges are trimmed
    table = Listing([Column("text", "Text"), Column("id", "Id")])
    table.add(text=text, id="x")
    assert _cells(listing.to_markdown(table)) == [safe(text), "x"]


# -- the shipped commands ----------------------------------------------------------------------


@pytest.fixture
def entity_plan(tmp_path: Path) -> Path:
    source = (CASES / "valid" / "full-shape.yaml").read_text(encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(source.replace("title: Norway joins", "title: AT&amp;T joins"), encoding="utf-8")
    return path


def test_an_entity_in_plan_text_reads_as_written_in_every_markdown_output(run_cli: RunCli, entity_plan: Path) -> None:
    rendered = run_cli("render", entity_plan)
    listed = run_cli("objectives", "--plan", entity_plan, "--format", "markdown")
    diffed = run_cli("diff", CASES / "valid" / "full-shape.yaml", entity_plan, "--format", "markdown")
    for result, viewer in ((rendered, COMMONMARK), (listed, GITHUB), (diffed, COMMONMARK)):
        assert result.exit_code in (0, 1), result
        shown = viewer.render(result.stdout)
        assert "AT&amp;amp;T joins" in shown, result.stdout  # the viewer's HTML for the text 'AT&amp;T'


def test_block_markup_in_a_plan_renders_as_the_items_it_is(run_cli: RunCli, tmp_path: Path) -> None:
    source = (CASES / "valid" / "full-shape.yaml").read_text(encoding="utf-8")
    indicators = "".join(
        f"          - id: 1A.i{n}\n            text: {json.dumps(text)}\n" for n, text in enumerate(ITEMS)
    )
    source = re.sub(
        r"        indicators:\n(?:          .*\n)+", lambda _: "        indicators:\n" + indicators, source, count=1
    )
    path = tmp_path / "plan.yaml"
    path.write_text(source.replace("text: Prose.", 'text: "A line\\n===\\n\\n---"'), encoding="utf-8")
    result = run_cli("render", path)
    assert result.exit_code == 0, result
    tokens = COMMONMARK.parse(result.stdout)
    assert "hr" not in _blocks(tokens) and "blockquote_open" not in _blocks(tokens)
    inline = [t for t in tokens if t.type == "inline"]
    start = [t.content for t in inline].index("Indicators") + 1
    assert [_text(t) for t in inline[start : start + len(ITEMS)]] == ITEMS
    context = [t.content for t in inline].index("Context")
    assert [_text(t) for t in inline[context + 1 : context + 3]] == ["A line ===", "---"]


ITEMS = [t for t in BLOCK_CONSTRUCTS if t == collapse_spaces(t)]  # as the document builder puts them


def test_numbers_no_list_marker_can_hold_still_number_their_items() -> None:
    for numbers in ([10**9, 10**9 + 1], [-1, 0]):
        items = [Item([Span("x")], number=n) for n in numbers]
        doc = Document("T", "en", [], [Section("S", "s", [ItemList(items, numbered=True)])])
        tokens = COMMONMARK.parse(markdown.render(doc))
        assert _blocks(tokens).count("list_item_open") == 2
        shown = ["".join(c.content for c in t.children or []) for t in tokens if t.type == "inline"]
        assert shown[2:] == [f"{n}. x" for n in numbers]


@pytest.mark.parametrize("text", ["plans/2017.yaml", "a`b", "a``b`", "`a", " a ", "  "])
def test_ids_and_paths_in_diffs_are_code_of_that_text(text: str) -> None:
    [inline] = [t for t in COMMONMARK.parse(markdown_code(text)) if t.type == "inline"]
    assert [(c.type, c.content) for c in inline.children or []] == [("code_inline", text)]

"""A plan document as CommonMark: plain text people can read as it is, and any Markdown tool can render.

Plan text is escaped by `markdown_text`, the escaper of every Markdown planctl writes, so a title like
`<script>`, an indicator starting with `#` or a paragraph that reads `---` shows as written.
Links inside the document are left out (Markdown viewers name heading anchors each their own way).
"""

from __future__ import annotations

import re

from planctl.document import Block, Document, Fields, Item, ItemList, Para, Span
from planctl.render.escape import markdown_text

# The numbers an ordered list's marker may have: one to nine digits.
_LIST_NUMBERS = range(10**9)


def _span(span: Span, starts_line: bool) -> str:
    marker = {"strong": "**", "em": "*", "meta": "*"}.get(span.style, "")
    text = markdown_text(span.text, starts_line=starts_line and not marker)
    if not marker or not text.strip():
        return text
    lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.S).groups()  # type: ignore[union-attr]
    return f"{lead}{marker}{core}{marker}{trail}"


def inline(spans: list[Span], *, starts_line: bool = True) -> str:
    """Spans as one line of Markdown; `starts_line`: the line is theirs from its start."""
    out = ""
    for s in spans:
        out += _span(s, starts_line and not out)
    return out


def _item_lines(item: Item, marker: str) -> list[str]:
    lines = [marker + inline(item.spans)]
    indent = " " * len(marker)
    for child in item.children:
        if isinstance(child, ItemList) and child.intro is not None:
            lines.append("")  # a paragraph after a list item's text, not a lazy continuation of it
        lines += [indent + line if line else "" for line in _block(child, 0)]
    return lines


def _list(block: ItemList) -> list[str]:
    lines: list[str] = []
    if block.numbered and block.consecutive and all(i.number in _LIST_NUMBERS for i in block.items):
        for item in block.items:
            lines += _item_lines(item, f"{item.number}. ")
    else:
        for item in block.items:
            if block.numbered and item.number is not None:
                item = Item([Span(f"{item.number}.", "strong"), Span(" "), *item.spans], item.children)
            lines += _item_lines(item, "- ")
    return lines


def _block(block: Block, depth: int) -> list[str]:
    if isinstance(block, Para):
        return [inline(block.line)]
    if isinstance(block, ItemList):
        return ([*_block(block.intro, depth), ""] if block.intro else []) + _list(block)
    if isinstance(block, Fields):
        rows = [
            f"**{markdown_text(label, starts_line=False)}:** {inline(value, starts_line=False)}"
            for label, value in block.rows
        ]
        return [row + "\\" for row in rows[:-1]] + rows[-1:]
    heading = "#" * min(depth + 2, 6) + " " + markdown_text(block.title, starts_line=False)
    lines = [heading]
    for child in block.blocks:
        lines += ["", *_block(child, depth + 1)]
    return lines


def render(doc: Document) -> str:
    """The whole document: title, front matter, then every section."""
    lines = ["# " + markdown_text(doc.title, starts_line=False)]
    for block in [*doc.front, *doc.sections]:
        lines += ["", *_block(block, 0)]
    return "\n".join(lines) + "\n"

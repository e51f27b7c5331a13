"""A plan document as CommonMark: plain text people can read as it is, and any Markdown tool can render.

Plan text is escaped, so a title like `<script>` or an indicator starting with `#` shows as written.
Links inside the document are left out (Markdown viewers name heading anchors each their own way).
"""

from __future__ import annotations

import re

from planctl.document import Bar, Block, Document, Fields, Item, ItemList, Para, Span, Table
from planctl.render.escape import safe

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_MARK = re.compile(r"^(#|>|[-+*](?=\s|$)|=+\s*$)")
_NUMBER_MARK = re.compile(r"^(\d+)([.)])(?=\s|$)")


def escape(text: str) -> str:
    """`text` with every character Markdown would read as markup backslash-escaped."""
    text = _INLINE_SPECIAL.sub(r"\\\1", safe(text))
    return _ENTITY.sub(r"\\&", text)


def _line_start(line: str) -> str:
    """Escape what would turn the start of a line into a heading, quote or list item."""
    line = _BLOCK_MARK.sub(r"\\\1", line, count=1)
    return _NUMBER_MARK.sub(r"\1\\\2", line, count=1)


def _span(span: Span) -> str:
    text = escape(span.text)
    marker = {"strong": "**", "em": "*", "meta": "*"}.get(span.style, "")
    if not marker or not text.strip():
        return text
    lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.S).groups()  # type: ignore[union-attr]
    return f"{lead}{marker}{core}{marker}{trail}"


def inline(spans: list[Span]) -> str:
    return _line_start("".join(_span(s) for s in spans))


def _item_lines(item: Item, marker: str) -> list[str]:
    lines = [marker + inline(item.spans)]
    indent = " " * len(marker)
    for child in item.children:
        lines += [indent + line if line else "" for line in _block(child, 0)]
    return lines


def _list(block: ItemList) -> list[str]:
    lines: list[str] = []
    if block.numbered and block.consecutive:
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
        return [inline(block.spans)]
    if isinstance(block, ItemList):
        return _list(block)
    if isinstance(block, Fields):
        rows = [f"**{escape(label)}:** {inline(value)}" for label, value in block.rows]
        return [row + "\\" for row in rows[:-1]] + rows[-1:]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Bar):
        return [f"{inline(block.label)} `{text_bar(block.share)}` {escape(block.caption)}"]
    heading = "#" * min(depth + 2, 6) + " " + escape(block.title).replace("#", "\\#")
    lines = [heading]
    for child in block.blocks:
        lines += ["", *_block(child, depth + 1)]
    return lines


def _table(table: Table) -> list[str]:
    """A GitHub-flavoured Markdown table; pipes in cells escaped."""

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    rule = ["---:" if i in table.numeric else "---" for i in range(len(table.header))]
    lines = [row([escape(h) for h in table.header]), "|" + "|".join(rule) + "|"]
    return lines + [row(["".join(_span(s) for s in cell) for cell in cells]) for cells in table.rows]


BAR_WIDTH = 20


def text_bar(share: float | None) -> str:
    """A bar of BAR_WIDTH characters filled to `share`: '████████░░░░░░░░░░░░' (no data: all light)."""
    filled = round(max(0.0, min(share or 0.0, 1.0)) * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def render(doc: Document) -> str:
    """The whole document: title, front matter, then every section."""
    lines = ["# " + escape(doc.title).replace("#", "\\#")]
    for block in [*doc.front, *doc.sections]:
        lines += ["", *_block(block, 0)]
    return "\n".join(lines) + "\n"

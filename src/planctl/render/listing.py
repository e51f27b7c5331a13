"""A Listing as a rich table (people), JSON, CSV, Markdown or an Excel workbook (tools and documents)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from planctl.query.listing import Column, Listing, gist
from planctl.render import xlsx
from planctl.render.escape import json_document, markdown_text, safe
from planctl.render.table import laid_out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):  # counts: {"objectives": 8, "events": 0} -> "8 objectives"
        return ", ".join(f"{n} {k}" for k, n in value.items() if n)
    return str(value)


def table(listing: Listing) -> FittedTable | Text:
    """A rich table that wraps long text at word boundaries to fit the terminal.

    A `tucked` column has no column of its own: its non-empty values are added to the cell of the
    column before it as a "Title: value" line, so that an 80-column terminal keeps room for the text.
    A `gist` column shows the gist of its text: the only format that shortens anything.
    """
    if not listing.rows:
        return Text(listing.empty_message + "\n")
    short = [c.key for c in listing.columns if c.gist]
    if short:
        rows = [{k: gist(v) if k in short and isinstance(v, str) else v for k, v in r.items()} for r in listing.rows]
        listing = replace(listing, rows=rows)
    return FittedTable(listing)


class FittedTable:
    """A listing's table, laid out when the width it is printed in is known.

    Columns of single words (ids such as `strategy-2017-2021`) are kept whole when the width leaves
    room for them beside the other columns at their narrowest; otherwise they fold like the rest.
    """

    MIN_TEXT = 10  # the narrowest a wrapping column is counted at when deciding what fits
    MAX_WORD = 40  # longer single words fold whatever the width

    def __init__(self, listing: Listing) -> None:
        self.listing = listing

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield laid_out(self.build(options.max_width), console, options)

    def build(self, width: int) -> Table:
        listing = self.listing
        # Text objects, never strings: rich reads markup ("[bold]") in plain strings, and titles may quote plan text.
        title = Text(safe(listing.title), style="table.title") if listing.title else None
        t = Table(
            title=title,
            box=box.SIMPLE_HEAD,
            show_lines=False,
            expand=False,
            title_justify="left",
            pad_edge=False,
            show_edge=False,
        )
        shown = [c for c in listing.columns if not c.tucked] or listing.columns
        widest = {c.key: max(len(c.title), *(_longest_line(_cell(r[c.key])) for r in listing.rows)) for c in shown}
        tucked_into: dict[str, str] = {}  # a tucked column -> the shown column whose cells hold its lines
        host = shown[0]
        for c in listing.columns:
            if c in shown:
                host = c
            else:
                tucked_into[c.key] = host.key
        hosts = set(tucked_into.values())
        words = [
            c.key
            for c in shown
            if c.wrap and c.key not in hosts and widest[c.key] <= self._word_limit(c) and _one_word(listing, c.key)
        ]
        # a column that must not wrap gets at least the width of its widest cell
        least = {
            c.key: widest[c.key] if not c.wrap else min(widest[c.key], c.min_width or self.MIN_TEXT) for c in shown
        }
        room = width - 3 * (len(shown) - 1) - sum(least.values())  # each gap between columns is 3 wide
        whole = set()
        for key in words:  # the first such column first: it names the rows
            if widest[key] - least[key] <= room:
                room -= widest[key] - least[key]
                whole.add(key)
        for c in shown:
            keep = not c.wrap or c.key in whole
            t.add_column(
                Text(safe(c.title), style="table.header"),
                overflow="fold",
                no_wrap=keep,
                min_width=max(widest[c.key], c.min_width or 0) if keep else c.min_width,
                max_width=c.max_width,
            )
        tucked = [c for c in listing.columns if c.key in tucked_into]
        for row in listing.rows:
            cells = {c.key: Text(safe(_cell(row[c.key]))) for c in shown}
            for c in tucked:
                if _cell(row[c.key]):
                    cells[tucked_into[c.key]].append("\n" + c.title + ": ", style="dim")
                    cells[tucked_into[c.key]].append(safe(_cell(row[c.key])))
            t.add_row(*(cells[c.key] for c in shown))
        return t

    def _word_limit(self, column: Column) -> int:
        """The longest word a column keeps whole; past its max_width, a word folds."""
        return min(self.MAX_WORD, column.max_width or self.MAX_WORD)


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def _one_word(listing: Listing, key: str) -> bool:
    """Every cell of the column is one word (or empty): an id, a code."""
    return all(not any(ch.isspace() for ch in _cell(row[key])) for row in listing.rows)


def to_json(listing: Listing) -> str:
    """An array of objects whose keys are the table's columns in snake_case."""
    return json_document(listing.rows)


def to_csv(listing: Listing) -> str:
    """CSV with a header row, lists joined with '; ', that spreadsheets open as they are."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe(c.key) for c in listing.columns])
    for row in listing.rows:
        writer.writerow(
            [
                safe("; ".join(_cell(v) for v in row[c.key]) if isinstance(row[c.key], list) else _cell(row[c.key]))
                for c in listing.columns
            ]
        )
    return out.getvalue()


def _md_escape(text: str) -> str:
    """Text in a table cell: no block markup there, and a line break is an HTML one."""
    return markdown_text(text, starts_line=False).replace("\n", "<br>")


def to_markdown(listing: Listing) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = []
    if listing.title:
        lines += [f"**{_md_escape(listing.title)}**", ""]
    lines.append("| " + " | ".join(_md_escape(c.title) for c in listing.columns) + " |")
    lines.append("|" + "|".join("---" for _ in listing.columns) + "|")
    for row in listing.rows:
        lines.append("| " + " | ".join(_md_escape(_cell(row[c.key])) for c in listing.columns) + " |")
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Listing], Any]] = {
    "table": table,
    "json": to_json,
    "csv": to_csv,
    "markdown": to_markdown,
    "xlsx": xlsx.render,  # bytes
}

"""A Listing as a rich table (people), JSON, CSV, Markdown or an Excel workbook (tools and documents)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from planctl import dates
from planctl.query.listing import Column, Importance, Listing, gist
from planctl.render import xlsx
from planctl.render.escape import json_document, markdown_text, safe
from planctl.render.table import laid_out
from planctl.words import count


def _singular(noun: str) -> str:
    """'activities' -> 'activity', 'goals' -> 'goal': the keys of counts are plural nouns."""
    return noun[:-3] + "y" if noun.endswith("ies") else noun.removesuffix("s")


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
        return ", ".join(count(n, _singular(k), k) for k, n in value.items() if n)
    return str(value)


def table(listing: Listing) -> FittedTable | Text:
    """A rich table that fits the terminal: text wraps at spaces, never inside a word (see `FittedTable`).

    A `tucked` column has no column of its own: its non-empty values are added to the cell of the
    column before it as a "Title: value" line, so that an 80-column terminal keeps room for the text.
    A `gist` column shows the gist of its text: the only format that shortens anything. A `dates`
    column says its ISO dates in words ('4–6 Sep 2017'), as the other formats do not.
    """
    if not listing.rows:
        return Text(listing.empty_message + "\n")
    short = {c.key for c in listing.columns if c.gist}
    worded = {c.key for c in listing.columns if c.dates}
    if short or worded:
        rows = [{k: _for_people(v, k in short, k in worded) for k, v in r.items()} for r in listing.rows]
        listing = replace(listing, rows=rows)
    return FittedTable(listing)


def _for_people(value: Any, short: bool, worded: bool) -> Any:
    if short and isinstance(value, str):
        return gist(value)
    if worded and isinstance(value, str):
        return dates.from_iso(value) or value
    return value


class FittedTable:
    """A listing's table, laid out when the width it is printed in is known.

    Every column is at least as wide as its longest word (an id such as `cartagena-action-plan-2010-2014`,
    a word such as `Anti-Personnel`), so text wraps at spaces only and no id is split. When the width
    cannot hold every column so, the least important columns are left out (`Column.importance`, the
    rightmost first among equals) and a line under the table names them: first to give the main column
    MIN_MAIN characters, then to keep words whole. The room left over goes to columns capped by a
    `max_width`, to the `main` column (the title or text the rows are about), then to the others in
    proportion to what they lack. Only when even the key columns cannot fit do words fold.
    """

    GAP = 3  # between two columns: a space, the divider, a space
    MIN_TEXT = 10  # a wrapping column is no narrower than this, unless its text is
    MIN_MAIN = 20  # nor is the main text, while other columns can make room for it
    MAX_WORD = 40  # longer single words (web addresses) fold whatever the width

    def __init__(self, listing: Listing) -> None:
        self.listing = listing

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table, left_out = self.build(options.max_width)
        yield laid_out(table, console, options)
        if left_out:
            note = f"left out: {', '.join(c.title for c in left_out)} (widen the terminal or use --format csv)"
            yield Text(safe(note), style="dim")

    def build(self, width: int) -> tuple[Table, list[Column]]:
        """The table at `width`, and the columns it leaves out."""
        listing = self.listing
        shown = [c for c in listing.columns if not c.tucked] or listing.columns
        host = shown[0]
        tucked_into: dict[str, Column] = {}  # a tucked column -> the shown column whose cells hold its lines
        for c in listing.columns:
            if c in shown:
                host = c
            else:
                tucked_into[c.key] = host
        # Text objects, never strings: rich reads markup ("[bold]") in plain strings, and plan text may hold some.
        rows = []
        for row in listing.rows:
            cells = {c.key: Text(safe(_cell(row[c.key]))) for c in shown}
            for tucked in listing.columns:
                if tucked.key in tucked_into and _cell(row[tucked.key]):
                    cell = cells[tucked_into[tucked.key].key]
                    cell.append("\n" + safe(tucked.title) + ": ", style="dim")
                    cell.append(safe(_cell(row[tucked.key])))
            rows.append(cells)

        # The main text MIN_MAIN wide, else words whole: columns go to make room for either; words fold last.
        kept: list[Column] = []
        fits: tuple[Literal["roomy", "whole", "fold"], ...] = ("roomy", "whole", "fold")
        for fit in fits:
            least, most = self._extent(shown, rows, fit)
            if fit != "fold":  # folding is for the key columns that could not fit whole
                kept = list(shown)
            while self._needs(kept, least) > width and any(c.importance < Importance.KEY for c in kept):
                kept.remove(min(reversed(kept), key=lambda c: c.importance))  # the rightmost of the least important
            if self._needs(kept, least) <= width:
                break
        gone = [c for c in shown if c not in kept]
        left_out = [c for c in listing.columns if c in gone or tucked_into.get(c.key) in gone]
        widths = self._widths(kept, least, most, width - self.GAP * (len(kept) - 1))

        t = Table(
            title=Text(safe(listing.title), style="table.title") if listing.title else None,
            box=box.SIMPLE_HEAD,
            show_lines=False,
            expand=False,
            title_justify="left",
            pad_edge=False,
            show_edge=False,
        )
        for c in kept:
            t.add_column(
                Text(safe(c.title), style="table.header"), overflow="fold", no_wrap=not c.wrap, width=widths[c.key]
            )
        for cells in rows:
            t.add_row(*(cells[c.key] for c in kept))
        return t, left_out

    def _extent(
        self, shown: list[Column], rows: list[dict[str, Text]], fit: Literal["roomy", "whole", "fold"]
    ) -> tuple[dict[str, int], dict[str, int]]:
        """The narrowest each column may be and the widest it needs. The narrowest holds the longest word
        unless words `fit` by folding; a `roomy` main column also holds MIN_MAIN characters."""
        least: dict[str, int] = {}
        most: dict[str, int] = {}
        for c in shown:
            texts = [c.title, *(cells[c.key].plain for cells in rows)]
            widest = max(cell_len(line) for text in texts for line in text.splitlines() or [""])
            if not c.wrap:
                least[c.key] = widest
            else:
                word = min(self.MAX_WORD, max(cell_len(w) for text in texts for w in text.split() or [""]))
                floor = c.min_width or (self.MIN_MAIN if c.main and fit == "roomy" else self.MIN_TEXT)
                floor = floor if fit == "fold" else max(word, floor)
                least[c.key] = min(widest, floor)
            most[c.key] = max(least[c.key], min(widest, c.max_width or widest))
        return least, most

    def _needs(self, shown: list[Column], least: dict[str, int]) -> int:
        return sum(least[c.key] for c in shown) + self.GAP * (len(shown) - 1)

    def _widths(self, shown: list[Column], least: dict[str, int], most: dict[str, int], room: int) -> dict[str, int]:
        """Each column at its narrowest, then the room left: to the columns capped by a max_width (small by
        design), to the main columns, then to the others."""
        widths = {c.key: least[c.key] for c in shown}
        slack = room - sum(widths.values())
        for c in [*(c for c in shown if c.max_width), *(c for c in shown if c.main)]:
            if slack > 0:
                grow = min(slack, most[c.key] - widths[c.key])
                widths[c.key] += grow
                slack -= grow
        wants = {c.key: most[c.key] - widths[c.key] for c in shown if most[c.key] > widths[c.key]}
        total = sum(wants.values())
        if slack <= 0 or not total:
            return widths
        if total <= slack:
            return {k: w + wants.get(k, 0) for k, w in widths.items()}
        for key, want in wants.items():  # in proportion; what rounding leaves, to the first columns
            widths[key] += want * slack // total
        left = room - sum(widths.values())
        for key in wants:
            if left <= 0:
                break
            if widths[key] < most[key]:
                widths[key] += 1
                left -= 1
        return widths


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

"""A Listing as a rich table (people), JSON, CSV or Markdown (tools and documents)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from planctl.listing import Listing
from planctl.render.escape import json_text, safe


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


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def table(listing: Listing) -> Table | Text:
    """A rich table that wraps long text at word boundaries to fit the terminal.

    A `tucked` column has no column of its own: its non-empty values are added to the cell of the
    column before it as a "Title: value" line, so that an 80-column terminal keeps room for the text.
    """
    if not listing.rows:
        return Text(listing.empty_message + "\n")
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
    for c in shown:
        # a column that must not wrap gets at least the width of its widest cell
        width = max(len(c.title), *(len(_cell(r[c.key])) for r in listing.rows)) if not c.wrap else None
        t.add_column(
            Text(safe(c.title), style="table.header"),
            overflow="fold",
            no_wrap=not c.wrap,
            min_width=c.min_width or width,
            max_width=c.max_width,
        )
    for row in listing.rows:
        cells = {c.key: Text(safe(_cell(row[c.key]))) for c in shown}
        host = shown[0]
        for c in listing.columns:
            if c in shown:
                host = c
            elif _cell(row[c.key]):
                cells[host.key].append("\n" + c.title + ": ", style="dim")
                cells[host.key].append(safe(_cell(row[c.key])))
        t.add_row(*(cells[c.key] for c in shown))
    return t


def to_json(listing: Listing) -> str:
    """An array of objects whose keys are the table's columns in snake_case."""
    rows = [{k: _json_value(v) for k, v in row.items()} for row in listing.rows]
    return json_text(json.dumps(rows, indent=2, ensure_ascii=False)) + "\n"


def to_csv(listing: Listing) -> str:
    """CSV with a header row, lists joined with '; ', that spreadsheets open as they are."""
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


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def _md_escape(text: str) -> str:
    """Plan text as literal Markdown: emphasis, links, HTML and table pipes are shown, never obeyed."""
    return _MD_SPECIAL.sub(r"\\\1", safe(text)).replace("\n", "<br>")


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
}

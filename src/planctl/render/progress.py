"""`planctl progress` as a table for people (indicators, activity statuses, countries), Markdown or JSON.

Each part is a Listing, rendered by planctl.render.listing; JSON puts the three in one object. The
long CSV table is a Listing of its own (planctl.results.progress.long_table).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from planctl.render.escape import json_document
from planctl.render.listing import table, to_markdown
from planctl.results.progress import Progress


def to_table(progress: Progress) -> Group:
    parts: list[RenderableType] = []
    for i, listing in enumerate(progress.listings):
        if i:
            parts.append(Text(""))
        ditto = ("objective",) if listing is not progress.activities else ()
        shown = listing.compact(constant=("plan", "period"), ditto=ditto)  # the title says both
        if listing is progress.indicators and all(
            str(row["indicator"]).startswith(f"{row['objective']}.") for row in listing.rows
        ):  # '1A.i1' says its objective: the column's room goes to the text
            shown = replace(shown, columns=[c for c in shown.columns if c.key != "objective"])
        parts.append(table(shown))
    return Group(*parts)


def markdown(progress: Progress) -> str:
    return "\n".join(to_markdown(listing) for listing in progress.listings)


def to_json(progress: Progress) -> str:
    """One object: the period (null: the whole plan), today, and the rows of each part."""
    payload: dict[str, Any] = {
        "period": progress.period,
        "today": progress.today,
        "indicators": progress.indicators.rows,
        "activities": progress.activities.rows,
        "countries": progress.countries.rows,
    }
    return json_document(payload)


RENDERERS: dict[str, Callable[[Progress], Any]] = {
    "table": to_table,
    "json": to_json,
    "markdown": markdown,
}

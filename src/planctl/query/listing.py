"""Tabular results as plain data: what query functions return and every listing renderer takes.

A `Listing` has columns (a snake_case key, used by json and csv, and a title for people) and rows
of plain values, every text whole. Rendering to a rich table, JSON, CSV, Markdown or a workbook lives
in `planctl.render.listing`; only the table shortens text (a `gist` column) and, when the terminal is
too narrow for every column, leaves out the least important ones and says which.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import Any, Protocol


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


def plans_phrase(plans: Sequence[_Identified]) -> str:
    """'plan 2017' or 'plans 2017, strategy-2017-2021': which plans a listing's title speaks of."""
    ids = [p.id for p in plans]
    return f"plan {ids[0]}" if len(ids) == 1 else f"plans {', '.join(ids)}"


GIST_WIDTH = 80
_FOLLOWING = re.compile(
    r"^(?:in addition,\s*)?the following (?:states|countries) (?:are|will be)\s+(?:also\s+)?", re.IGNORECASE
)


def gist(text: str, width: int = GIST_WIDTH) -> str:
    """The first sentence of `text`, without a 'the following states are' lead, cut at a word to `width`."""
    text = " ".join(text.split())
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text, maxsplit=1)[0]
    stripped = _FOLLOWING.sub("", first)
    if stripped != first and stripped:
        first = stripped[0].upper() + stripped[1:]
    return textwrap.shorten(first, width=width, placeholder="…") if len(first) > width else first


class Importance(IntEnum):
    """How much a table needs a column. When the terminal is too narrow for every column, a table leaves
    out the least important first (the rightmost first among equals) and says which; KEY columns (what
    names the rows and what they say) are always shown."""

    LOW = 1
    NORMAL = 2
    KEY = 3


@dataclass(frozen=True)
class Column:
    key: str  # snake_case: json object key and csv header
    title: str  # heading in tables and markdown
    wrap: bool = True  # long text wraps in tables (at spaces, never inside a word); short codes and dates do not
    min_width: int | None = None
    max_width: int | None = None  # in tables: caps a secondary column so the main text gets the room
    tucked: bool = False  # in tables: shown as a "Title: value" line inside the cell of the column before it
    gist: bool = False  # in tables: only the gist of a long text (`gist`); other formats carry it whole
    importance: Importance = Importance.NORMAL  # in tables: which columns go first when they cannot all fit
    main: bool = False  # in tables: the text (a title, a description) that gets the room the others leave
    dates: bool = False  # ISO dates, ranges and months ('2017-09-04/2017-09-06'): tables say them in words


@dataclass
class Listing:
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    title: str | None = None
    empty_message: str = "nothing to show"

    def __post_init__(self) -> None:
        keys = [c.key for c in self.columns]
        assert len(set(keys)) == len(keys), f"duplicate column keys in {keys}"

    def add(self, **values: Any) -> None:
        unknown = set(values) - {c.key for c in self.columns}
        assert not unknown, f"unknown columns {unknown}"
        self.rows.append({c.key: values.get(c.key) for c in self.columns})

    def compact(self, constant: Iterable[str] = (), ditto: Iterable[str] = ()) -> Listing:
        """A copy for people to read: without the columns that are empty on every row, nor the `constant`
        columns that hold one value on every row (say `plan`, when the title already names the plan); in
        `ditto` columns, a value the row above already shows is left blank."""
        if not self.rows:
            return self
        constant, ditto = set(constant), set(ditto)

        def keep(key: str) -> bool:
            values = [row[key] for row in self.rows]
            if all(v is None or v == "" or v == [] for v in values):
                return False
            return not (key in constant and all(v == values[0] for v in values))

        columns = [c for c in self.columns if keep(c.key)]
        rows = []
        for i, row in enumerate(self.rows):
            above = self.rows[i - 1] if i else {}
            rows.append(
                {c.key: None if c.key in ditto and above.get(c.key) == row[c.key] else row[c.key] for c in columns}
            )
        return replace(self, columns=columns, rows=rows)

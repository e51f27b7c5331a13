"""Tabular results as plain data: what query functions return and every listing renderer takes.

A `Listing` has columns (a snake_case key, used by json and csv, and a title for people) and rows
of plain values. Rendering to a rich table, JSON, CSV or Markdown lives in `planctl.render.listing`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Column:
    key: str  # snake_case: json object key and csv header
    title: str  # heading in tables and markdown
    wrap: bool = True  # long text wraps in tables; short codes and dates do not
    min_width: int | None = None


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

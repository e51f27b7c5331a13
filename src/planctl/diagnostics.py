"""Problems found in plan files, as plain sortable data: the core returns them, renderers print them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
MAX_INT_BITS = 14_000  # about 4,200 decimal digits: Python's limit for int <-> str is 4,300


def short_repr(value: object, limit: int = 100) -> str:
    """`repr(value)` cut to about `limit` characters: plan text quoted in a message stays one readable line."""
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        return "<a number with thousands of digits>"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 2] + "…" + text[-1]


ItemPath = tuple[str | int, ...]  # where an item is in a plan: ('goals', 0, 'objectives', 1)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at a position. `line` and `col` are 1-based; 0 means the whole file."""

    file: str
    line: int
    col: int
    code: str = field(compare=False)
    message: str = field(compare=False)
    severity: Severity = field(default="error", compare=False)
    hint: str | None = field(default=None, compare=False)

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.col}" if self.line else self.file

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class Problem:
    """A problem found in a plan's data, located by its path (('goals', 0, 'title')) not yet by line.

    `related` points at a second place the message refers to ("first defined at line N").
    """

    path: ItemPath
    code: str
    message: str
    hint: str | None = None
    related: ItemPath | None = None
    on_key: bool = False  # point at the key itself (unknown field) rather than its value
    severity: Severity = "error"

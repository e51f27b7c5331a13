"""Counts in messages: '1 file', '3 files', '1 activity', '2 activities'."""

from __future__ import annotations


def count(n: int, one: str, many: str | None = None) -> str:
    """`n` and the noun in the right number; `many` defaults to `one` + 's'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"

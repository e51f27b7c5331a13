"""Reporting periods by name: '2017', '2017-H2', '2017-Q3' and '2017-09' need no declaring; others are declared.

A results file names the period each figure is for. The calendar ones are read from their names; an
organisation's own (the year between two Meetings of States Parties, say) are declared in the file
with an id, a start and an end.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date

# `[0-9]` and `$(?!\n)` as in planctl.model.types: Python's `\d` is any script's digit (and int() reads
# them), its `$` also matches before a final newline
_YEAR = re.compile(r"^([0-9]{4})$(?!\n)")
_HALF = re.compile(r"^([0-9]{4})-H([12])$(?!\n)")
_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$(?!\n)")
_MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$(?!\n)")
_CALENDAR_LIKE = re.compile(r"^[0-9]{4}(?:-(?:[HhQq][0-9]|[0-9]{1,2}))?$(?!\n)")

FORMS = "a year (2017), a half (2017-H2), a quarter (2017-Q3), a month (2017-09) or an id declared under `periods`"

Span = tuple[date, date]


def _months(year: int, first: int, last: int) -> Span:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def calendar_span(name: str) -> Span | None:
    """First and last day of a calendar period named as a year, half, quarter or month; None for other names."""
    if m := _YEAR.match(name):
        year = int(m.group(1))
        return _months(year, 1, 12) if year >= 1 else None
    if m := _HALF.match(name):
        first = 1 + 6 * (int(m.group(2)) - 1)
        return _months(int(m.group(1)), first, first + 5) if int(m.group(1)) >= 1 else None
    if m := _QUARTER.match(name):
        first = 1 + 3 * (int(m.group(2)) - 1)
        return _months(int(m.group(1)), first, first + 2) if int(m.group(1)) >= 1 else None
    if m := _MONTH.match(name):
        month = int(m.group(2))
        return _months(int(m.group(1)), month, month) if int(m.group(1)) >= 1 else None
    return None


def looks_like_calendar(name: str) -> bool:
    """A name shaped like a calendar period ('2017-Q5', '2017-h2'): never a custom period's id."""
    return bool(_CALENDAR_LIKE.match(name))


def span(name: str, declared: Mapping[str, Span]) -> Span | None:
    """First and last day of the period `name`: declared, or read from a calendar name; None if unknown."""
    return declared.get(name) or calendar_span(name)


def overlap(a: Span, b: Span) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def elapsed(window: Span, day: date) -> float:
    """The share of `window` gone by at the end of `day`: 0 before it starts, 1 once it is over."""
    total = (window[1] - window[0]).days + 1
    gone = (day - window[0]).days + 1
    return min(1.0, max(0.0, gone / total))

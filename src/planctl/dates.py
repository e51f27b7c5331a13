"""Dates in words, the way the plans write them: '23 February 2017', '18–22 Dec 2017', 'October 2017'.

English month names are spelt out here rather than taken from `calendar.month_name`, which follows
the locale.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_name(number: int, *, short: bool = False) -> str:
    name = MONTH_NAMES[number - 1]
    return name[:3] if short else name


def day(d: dt.date, *, year: bool = True, short: bool = False) -> str:
    """'23 February 2017' ('23 Feb 2017' if short)."""
    return f"{d.day} {month_name(d.month, short=short)}" + (f" {d.year}" if year else "")


def span(first: dt.date, last: dt.date, *, year: bool = True, short: bool = False) -> str:
    """'23 February 2017', '2–5 February 2017', '30 November – 4 December 2017'."""
    if first == last:
        return day(first, year=year, short=short)
    tail = f" {last.year}" if year else ""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {month_name(last.month, short=short)}{tail}"
    if first.year == last.year:
        return f"{day(first, year=False, short=short)} – {day(last, year=False, short=short)}{tail}"
    return f"{day(first, short=short)} – {day(last, short=short)}"


def month(value: str, *, year: bool = True, short: bool = False) -> str:
    """'2017-10' as 'October 2017'."""
    y, m = (int(p) for p in value.split("-"))
    return month_name(m, short=short) + (f" {y}" if year else "")


_month = month  # `when` has an argument of that name


Form = Literal["words", "short", "numeric", "iso"]


def when(
    date: dt.date | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    month: str | None = None,
    *,
    form: Form = "words",
    year: bool = True,
    tentative: bool = False,
) -> str:
    """When an event happens, given its `date`, its `start` and `end`, or its `month`, as a phrase:

    - words: '23 February 2017', '2–5 February 2017', '30 November – 4 December 2017', 'October 2017';
    - short: '23 Feb 2017', '2–5 Feb 2017', 'Oct 2017';
    - numeric (messages): '2017-02-23', '2017-02-02 to 2017-02-05', '2017-10';
    - iso (data, ISO 8601): '2017-02-23', '2017-02-02/2017-02-05', '2017-10'.

    'no date' when none is given; ' (tbc)' follows a `tentative` date. `year=False` leaves the year out
    of words and short phrases (under a month's heading).
    """
    if date is not None:
        start = end = date
    if start is not None and end is not None:
        if form in ("numeric", "iso"):
            text = start.isoformat() if start == end else f"{start}{' to ' if form == 'numeric' else '/'}{end}"
        else:
            text = span(start, end, year=year, short=form == "short")
    elif month is not None:
        text = month if form in ("numeric", "iso") else _month(month, year=year, short=form == "short")
    else:
        text = "no date"
    return text + (" (tbc)" if tentative else "")


def from_iso(text: str, *, form: Form = "short") -> str | None:
    """What `when` says, in `form`, for its ISO phrase: '2017-09-04/2017-09-06' -> '4–6 Sep 2017',
    '2017-10' -> 'Oct 2017'. None for text that is no ISO date, range or month."""
    try:
        if "/" in text:
            first, _, last = text.partition("/")
            return when(start=_iso_day(first), end=_iso_day(last), form=form)
        if _ISO_MONTH.fullmatch(text):
            return when(month=text, form=form)
        return when(_iso_day(text), form=form)
    except ValueError:
        return None


_ISO_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _iso_day(text: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # date.fromisoformat also takes '20170904' and week dates
        raise ValueError(text)
    return dt.date.fromisoformat(text)

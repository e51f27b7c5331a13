"""The calendar of plans as data: month and date parsing, filtering by window, ordering, the listing.

Ordering: events sort by their first day; an event known only to the month ("month-only") counts as
starting on the 1st and comes before the dated events of that month, since it may fall on any of its
days. Ties break on the last day (shorter first), then the plan id and the event's position in the plan.

Windows: an event is in a window when the days it may cover overlap it, so a range that started before
the window is still shown, and a month-only event is shown in any window that touches its month.
"""

from __future__ import annotations

import calendar as _stdcal
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime
from typing import Any

from planctl import dates
from planctl.errors import UsageError
from planctl.model.plan import Event, Plan
from planctl.model.walk import all_actions
from planctl.query.listing import Column, Importance, Listing, plans_phrase

__all__ = [
    "MONTH_FORMS",
    "Entry",
    "MonthSpec",
    "Query",
    "Revision",
    "deadlines",
    "ended",
    "entries",
    "listing",
    "parse_date",
    "parse_month",
    "parse_today",
    "revisions",
]

MONTH_FORMS = (
    "a name or abbreviation (sep, Sept, September), a number (9 or 09), a year and month (2017-09, 'Sep 2017')"
    " or this, next, last"
)
_ENGLISH = [name.lower() for name in dates.MONTH_NAMES]
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_NAME_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{4})$")


@dataclass(frozen=True)
class MonthSpec:
    """A month asked for on the command line; without a year it means that month in each plan's period."""

    month: int
    year: int | None = None

    def __str__(self) -> str:
        name = dates.month_name(self.month)
        return name if self.year is None else f"{name} {self.year}"

    def windows(self, start: date, end: date) -> list[tuple[date, date]]:
        """The (first, last) days of this month that overlap the period start..end."""
        years = [self.year] if self.year is not None else range(start.year, end.year + 1)
        found = []
        for year in years:
            first = date(year, self.month, 1)
            last = date(year, self.month, _stdcal.monthrange(year, self.month)[1])
            if first <= end and last >= start:
                found.append((first, last))
        return found


def _month_name(word: str) -> int | None:
    """1-12 for an English month name or a prefix of one of at least three letters ('sep', 'sept')."""
    if len(word) < 3:
        return None
    matches = [i for i, name in enumerate(_ENGLISH, 1) if name.startswith(word)]
    return matches[0] if len(matches) == 1 else None


_RELATIVE = {"this": 0, "next": 1, "last": -1}


def parse_month(text: str, today: date | None = None) -> MonthSpec:
    """`sep`, `Sept`, `September`, `9`, `09`, `2017-09` or `Sep 2017` (any case), or `this`, `next`, `last`
    (the month of `today`, default the system's date, or the one after or before it); UsageError otherwise."""
    value = text.strip().lower()
    if value in _RELATIVE:
        today = today or date.today()
        index = today.year * 12 + today.month - 1 + _RELATIVE[value]
        return MonthSpec(index % 12 + 1, index // 12)
    if value.isdigit() and len(value) <= 2:
        number = int(value)
        if 1 <= number <= 12:
            return MonthSpec(number)
        raise _bad_month(text, f"there is no month {number}: months are numbered 1 to 12.")
    if m := _YEAR_MONTH.match(value):
        number = int(m.group(2))
        if 1 <= number <= 12:
            return MonthSpec(number, _year(text, m.group(1)))
        raise _bad_month(text, f"there is no month {number}: months are numbered 1 to 12.")
    if m := _NAME_YEAR.match(value):
        named = _month_name(m.group(1))
        if named is not None:
            return MonthSpec(named, _year(text, m.group(2)))
        raise _bad_month(text, _suggest(m.group(1), suffix=f" {m.group(2)}"))
    named = _month_name(value.rstrip("."))
    if named is not None:
        return MonthSpec(named)
    raise _bad_month(text, _suggest(value))


def _year(text: str, digits: str) -> int:
    """The year of a month asked for: one a date can have (1 to 9999; there is no year 0)."""
    year = int(digits)
    if not MINYEAR <= year <= MAXYEAR:
        raise _bad_month(text, f"there is no year {year}: years run from {MINYEAR} to {MAXYEAR}.")
    return year


def _suggest(word: str, suffix: str = "") -> str | None:
    starting = [name for name in _ENGLISH if word and name.startswith(word)]
    if len(starting) > 1:
        return f"{word!r} could be {' or '.join(n.capitalize() for n in starting)}."
    candidates = _ENGLISH + [n[:3] for n in _ENGLISH] + ["sept"]
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f"did you mean {close[0] + suffix!r}?" if close else None


def _bad_month(text: str, detail: str | None) -> UsageError:
    hint = f"{detail} " if detail else ""
    return UsageError(f"unknown month {text!r}", hint=f"{hint}A month is {MONTH_FORMS}.")


def parse_date(text: str, option: str) -> date:
    """An ISO date (YYYY-MM-DD) given to `option`; UsageError saying what was expected otherwise."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        try:
            return date.fromisoformat(text.strip())
        except ValueError as e:
            raise UsageError(f"{option}: impossible date {text!r}: {e}") from None
    hint = "give an ISO date like 2017-09-01"
    if _YEAR_MONTH.match(text.strip()) or _month_name(text.strip().lower()) is not None:
        hint += f"; for a whole month use --month {text.strip()}"
    raise UsageError(f"{option}: expected a date like 2017-09-01, got {text!r}", hint=hint)


def parse_today(value: str | None, option: str | None = None) -> date:
    """Today's date: the date `option` (--today) names, else the one `value` ($PLANCTL_TODAY) names, else
    the system's."""
    if option:
        return parse_date(option, "--today")
    if not value:
        return date.today()
    try:
        return parse_date(value, "PLANCTL_TODAY")
    except UsageError as e:
        raise UsageError(e.message, hint="set PLANCTL_TODAY to an ISO date like 2017-09-01, or unset it") from None


def ended(plans: Sequence[Plan], today: date) -> str | None:
    """When no event is left: 'plan 2017 ended on 31 December 2017: `planctl calendar --plan 2017` shows
    its events', for each plan with a calendar whose period is over; None when none is."""
    over = [p for p in plans if p.calendar and p.period.end < today]
    if not over:
        return None
    return "; ".join(
        f"plan {p.id} ended on {dates.when(p.period.end)}: `planctl calendar --plan {p.id}` shows its events"
        for p in over
    )


@dataclass(frozen=True)
class Entry:
    """One event of one plan, with what ordering and rendering need."""

    plan: Plan
    event: Event
    position: int  # index in the plan's calendar: the last tie-breaker, so output is stable
    occurrence: tuple[date, date] | None = None  # the days of this occurrence of a repeating event

    @property
    def first(self) -> date:
        return (self.occurrence or self.event.span)[0]

    @property
    def last(self) -> date:
        return (self.occurrence or self.event.span)[1]

    @property
    def month_only(self) -> bool:
        return self.event.month is not None

    @property
    def tentative(self) -> bool:
        return self.event.tentative

    def sort_key(self) -> tuple[date, int, date, str, int]:
        return (self.first, 0 if self.month_only else 1, self.last, self.plan.id, self.position)

    def when(self) -> str:
        """The date in ISO 8601: `2017-09-18`, `2017-09-04/2017-09-06` (a range), `2017-10` (a month)."""
        e = self.event
        if self.occurrence is not None:
            return dates.when(start=self.first, end=self.last, form="iso")
        return dates.when(e.date, e.start, e.end, e.month, form="iso")


@dataclass(frozen=True)
class Query:
    """What to show: a month, a window (inclusive days; `start` alone is "from then on"), or both."""

    month: MonthSpec | None = None
    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise UsageError(
                f"--from {self.start.isoformat()} is after --to {self.end.isoformat()}",
                hint="give the earlier date to --from",
            )

    def windows(self, plan: Plan) -> list[tuple[date, date]] | None:
        """The days of the month asked for within the plan's period; None when no month is asked for."""
        return self.month.windows(plan.period.start, plan.period.end) if self.month is not None else None

    def matches(self, entry: Entry, windows: list[tuple[date, date]] | None) -> bool:
        """Whether the query selects `entry`; `windows` are `self.windows(entry.plan)`."""
        if self.start is not None and entry.last < self.start:
            return False
        if self.end is not None and entry.first > self.end:
            return False
        return windows is None or any(entry.first <= last and entry.last >= first for first, last in windows)

    def describe(self) -> str:
        """The query in words, for titles and "nothing found" messages: 'in September, from 2017-09-10'."""
        parts = []
        if self.month is not None:
            parts.append(f"in {self.month}")
        if self.start is not None and self.end is not None:
            parts.append(f"between {self.start.isoformat()} and {self.end.isoformat()}")
        elif self.start is not None:
            parts.append(f"from {self.start.isoformat()} on")
        elif self.end is not None:
            parts.append(f"until {self.end.isoformat()}")
        return ", ".join(parts)


def entries(plans: Sequence[Plan], query: Query | None = None) -> list[Entry]:
    """The events of `plans` that `query` selects, in calendar order (see the module docstring)."""
    query = query or Query()
    found: list[Entry] = []
    for plan in plans:
        windows = query.windows(plan)  # once per plan, not per event
        for i, event in enumerate([*plan.calendar, *deadlines(plan)]):
            for days in event.occurrences(plan.period.end):
                entry = Entry(plan, event, i, days if event.repeats is not None else None)
                if query.matches(entry, windows):
                    found.append(entry)
    return sorted(found, key=Entry.sort_key)


DEADLINE_ID = "deadline~{action}"
"""The id of an action's deadline as a calendar event: '~' is in no id, so it is no event's of the plan."""


def deadlines(plan: Plan) -> list[Event]:
    """Actions' deadlines that give a date or a month, as events ('Deadline of action #14: no later than
    ...'); a deadline that is a calendar event is that event, already in the calendar."""
    out = []
    for action, _, _ in all_actions(plan):
        due = action.deadline
        if due is None or (due.date is None and due.month is None):
            continue
        title = f"Deadline of action #{action.number}" + (f": {' '.join(due.text.split())}" if due.text else "")
        out.append(Event(id=DEADLINE_ID.format(action=action.id), title=title, date=due.date, month=due.month))
    return out


def listing(found: Sequence[Entry], plans: Sequence[Plan], query: Query | None = None) -> Listing:
    """The table of events, each row saying which plan it is from (as every listing's rows do).

    Plans without a calendar (a strategy, an action plan) do not answer calendar questions.
    """
    query = query or Query()
    plans = [p for p in plans if p.calendar] or list(plans)
    columns = [
        Column("plan", "Plan", wrap=False, importance=Importance.KEY),
        Column("date", "Date", wrap=False, importance=Importance.KEY, dates=True),
        Column("title", "Event", importance=Importance.KEY, main=True),
        Column("location", "Location", importance=Importance.LOW),
        Column("tentative", "Tbc", wrap=False, importance=Importance.KEY),
    ]
    scope = plans_phrase(plans)
    described = query.describe()
    result = Listing(
        columns,
        title=f"Calendar of {scope}" + (f", {described}" if described else ""),
        empty_message=f"no events in {scope}" + (f" {described}" if described else ""),
    )
    for entry in found:
        values = {
            "date": entry.when(),
            "title": entry.event.title,
            "location": entry.event.location,
            "tentative": entry.tentative,
            "plan": entry.plan.id,
        }
        result.add(**values)
    return result


@dataclass(frozen=True)
class Revision:
    """How often an event has changed, and when it last did: iCalendar's SEQUENCE and LAST-MODIFIED."""

    sequence: int
    modified: datetime


# What a calendar application shows of an event; a change elsewhere (a comment, the order of keys) is none.
_SHOWN = ("title", "date", "start", "end", "month", "tentative", "location")
_TOP_LEVEL_KEY = re.compile(rb"^[^\s#]", re.MULTILINE)


def revisions(versions: Iterable[tuple[datetime, bytes | None]]) -> dict[str, Revision]:
    """Each event's revision (by event id), from the versions of a plan file, oldest first: when each
    was made and the file's bytes (None, or bytes that are no YAML, are passed over).

    An event's sequence counts the versions after its first in which what a calendar shows of it
    (title, dates, tentative, location) changed; it is modified when it first appeared or last changed.
    An event removed and added again is compared with what it was before.
    """
    shown: dict[str, tuple[str, ...]] = {}
    found: dict[str, Revision] = {}
    read = _CalendarReader()
    for when, data in versions:
        calendar = read(data)
        if not isinstance(calendar, list):
            continue
        for event in calendar:
            if not isinstance(event, dict) or not isinstance(event.get("id"), str):
                continue
            now = tuple(repr(event.get(key) or None) for key in _SHOWN)
            before = shown.get(event["id"])
            if before is None:
                found[event["id"]] = Revision(0, when)
            elif before != now:
                found[event["id"]] = Revision(found[event["id"]].sequence + 1, when)
            shown[event["id"]] = now
    return found


class _CalendarReader:
    """The `calendar` list of a version of a plan file, as written; None when it cannot be read.

    A plan's history is mostly changes elsewhere: the `calendar:` block's text is cut out of the file
    and parsed alone (a tenth of a plan like 2017's), and not at all when it is the same as the last
    version's. A file where that could read differently from the whole (a %YAML directive, an alias
    that may point outside the block, no block-style `calendar:` key) is parsed whole.
    """

    def __init__(self) -> None:
        self.block: bytes | None = None
        self.calendar: Any = None

    def __call__(self, data: bytes | None) -> Any:
        if data is None:
            return None
        block = _calendar_block(data)
        if block is not None and block == self.block:
            return self.calendar
        alone = _parsed(block) if block is not None else None
        calendar = alone.get("calendar") if isinstance(alone, dict) else None
        if calendar is None:
            document = _parsed(data)
            calendar = document.get("calendar") if isinstance(document, dict) else None
        self.block, self.calendar = block, calendar
        return calendar


def _calendar_block(data: bytes) -> bytes | None:
    """From `calendar:` at the start of a line to the next top-level key; None where that is unsafe."""
    start = data.find(b"\ncalendar:")
    if start < 0 or data.startswith(b"%") or b"\n%" in data[:start]:
        return None
    end = _TOP_LEVEL_KEY.search(data, start + len(b"\ncalendar:"))
    block = data[start + 1 : end.start() if end else len(data)]
    return None if b"*" in block else block


def _parsed(data: bytes) -> Any:
    from planctl.errors import LocatedError, PlanctlError
    from planctl.files.reading import decode
    from planctl.files.yaml import parse_document

    try:
        return parse_document(decode(data), positions=False).data
    except (PlanctlError, LocatedError):
        return None

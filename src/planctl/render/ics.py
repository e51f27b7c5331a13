"""Calendar entries as an iCalendar file (RFC 5545) that calendar applications import or subscribe to.

Choices (documented in docs/guide.md and `planctl calendar --help`):

- every event is an all-day VEVENT: DTSTART;VALUE=DATE and an exclusive DTEND (the day after the last),
  or, for an event that ends on 9999-12-31 (there is no day after it), a DURATION in days;
- UID is `<plan id>.<event id>@planctl`, each '.' of the plan id written '~' (see `event_uid`), so
  importing a newer export updates events instead of duplicating them, and no two events share one;
- STATUS is TENTATIVE for events marked tbc, CONFIRMED otherwise;
- SEQUENCE and LAST-MODIFIED come from the plan file's history (`planctl.query.calendar.Revision`):
  an event changed in a later commit has a higher SEQUENCE, so calendar applications take the
  change when the file is imported again; LAST-MODIFIED is never later than DTSTAMP;
- an event known only to the month is one all-day marker on the month's first day, its SUMMARY
  saying '(October 2017, date tbc)': TENTATIVE, TRANSPARENT (it does not make the day look busy),
  and its DESCRIPTION says the day is not known. A month-long banner would cover every day of the
  month in a calendar's views and read as an event lasting a month.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta

import icalendar

from planctl import __version__, dates
from planctl.model.plan import Plan
from planctl.query.calendar import Entry, Revision
from planctl.render.escape import safe

PRODID = f"-//planctl//planctl {__version__}//EN"
UID_DOMAIN = "planctl"


def uid(entry: Entry) -> str:
    """Stable across exports: derived from ids only, never from dates or titles that may change."""
    return event_uid(entry.plan.id, entry.event.id)


def event_uid(plan_id: str, event_id: str) -> str:
    """`PLAN.EVENT@planctl`, each '.' of the plan id written '~': ids may contain dots but never '~',
    so the first '.' ends the plan id and no two (plan, event) pairs share a UID (plan a.b's event c
    is a~b.c, plan a's event b.c is a.b.c). Plan ids without dots keep the UIDs they always had."""
    return f"{plan_id.replace('.', '~')}.{event_id}@{UID_DOMAIN}"


def _description(entry: Entry) -> str:
    lines = []
    if entry.event.month is not None:
        lines.append(
            f"Date known only to the month: {dates.month(entry.event.month)}. "
            "Shown on the month's first day; the day is not known yet."
        )
    if entry.tentative:
        lines.append("Date to be confirmed (tbc).")
    lines.append(f"From plan {entry.plan.id}: {entry.plan.title}.")
    return "\n".join(lines)


def _name(plans: Sequence[Plan]) -> str:
    if len(plans) == 1:
        return f"{plans[0].organisation}: {plans[0].title}"
    organisations = sorted({p.organisation for p in plans})
    return f"{' / '.join(organisations)}: plans {', '.join(p.id for p in plans)}"


def _summary(entry: Entry) -> str:
    """The event's title; an event known only to the month says so: 'Launch (October 2017, date tbc)'."""
    month = entry.event.month
    return entry.event.title + (f" ({dates.month(month)}, date tbc)" if month is not None else "")


def to_ics(
    found: Sequence[Entry],
    plans: Sequence[Plan],
    *,
    stamp: datetime,
    revisions: Mapping[tuple[str, str], Revision] | None = None,
) -> str:
    """The iCalendar text (CRLF line ends, lines folded at 75 octets); `stamp` (UTC) is every DTSTAMP.

    `revisions`, by (plan id, event id), give SEQUENCE and LAST-MODIFIED; an event without one has
    SEQUENCE 0 and no LAST-MODIFIED.
    """
    revisions = revisions or {}
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", safe(_name(plans)))
    written: set[tuple[str, str]] = set()
    for entry in found:
        if entry.event.repeats is not None:  # one VEVENT for every occurrence, from the first, with its RRULE
            if (entry.plan.id, entry.event.id) in written:
                continue
            written.add((entry.plan.id, entry.event.id))
            entry = dataclasses.replace(entry, occurrence=None)
        event = icalendar.Event()
        event.add("uid", uid(entry))
        event.add("dtstamp", stamp)
        revision = revisions.get((entry.plan.id, entry.event.id))
        event.add("sequence", revision.sequence if revision else 0)
        if revision:
            event.add("last-modified", min(revision.modified, stamp).astimezone(UTC))
        last = entry.first if entry.month_only else entry.last
        event.add("dtstart", entry.first)
        if last < date.max:
            event.add("dtend", last + timedelta(days=1))
        else:  # no day after 9999-12-31 for an exclusive end: say how long the event lasts
            event.add("duration", last - entry.first + timedelta(days=1))
        if entry.event.repeats is not None:
            until = entry.event.until or entry.plan.period.end
            event.add("rrule", {"freq": entry.event.repeats.upper(), "until": until})
        event.add("summary", safe(_summary(entry)))
        if entry.event.location:
            event.add("location", safe(entry.event.location))
        event.add("status", "TENTATIVE" if entry.tentative or entry.month_only else "CONFIRMED")
        if entry.month_only:
            event.add("transp", "TRANSPARENT")
        event.add("description", safe(_description(entry)))
        cal.add_component(event)
    text: bytes = cal.to_ical()
    return text.decode("utf-8")

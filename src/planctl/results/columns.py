"""What was recorded, beside the rows of `planctl targets` (each country's outcome) and `planctl activities`
(each activity's status), and the filters on it (`--outcome`, `--status`).

Kept apart from planctl.results.progress so that a query with results beside its plan loads only this.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from planctl.model import countries
from planctl.query.listing import Column, Listing
from planctl.words import count

if TYPE_CHECKING:
    from planctl.model.results import Results


def with_outcomes(listing: Listing, results: Mapping[str, Results], outcome: str | None = None) -> Listing:
    """A `planctl targets` listing with each target group row's recorded outcome (and its date); with
    `outcome`, only the rows with that outcome."""
    columns = list(listing.columns)
    at = next(i for i, c in enumerate(columns) if c.key == "type") + 1
    columns[at:at] = [Column("outcome", "Outcome", wrap=False), Column("outcome_date", "On", tucked=True)]
    out = Listing(columns, title=listing.title, empty_message=listing.empty_message)
    for row in listing.rows:
        found = _outcome(results.get(row["plan"]), row) if row["type"] == "group" else None
        value = found.outcome if found is not None else None
        if outcome is not None and value != outcome:
            continue
        out.add(**row, outcome=value, outcome_date=found.date if found is not None else None)
    if outcome is not None:
        out.title = f"{listing.title} — with outcome {outcome}: {count(len(out.rows), 'row')}"
        out.empty_message = f"no target country has the outcome {outcome} recorded ({listing.title})"
    return out


def _outcome(results: Results | None, row: Mapping[str, Any]) -> Any:
    if results is None:
        return None
    for name, result in results.countries.get(row["source"], {}).items():
        country = countries.resolve(name)
        if (country.code if country else name) == row["iso"]:
            return result
    return None


def with_statuses(listing: Listing, results: Mapping[str, Results], status: str | None = None) -> Listing:
    """A `planctl activities` listing with each activity's recorded status (and its as-of date); with
    `status`, only the activities with that status ('not-reported' for those without one)."""
    columns = list(listing.columns)
    at = next(i for i, c in enumerate(columns) if c.key == "category") + 1
    columns[at:at] = [Column("status", "Status", wrap=False), Column("status_as_of", "As of", tucked=True)]
    out = Listing(columns, title=listing.title, empty_message=listing.empty_message)
    for row in listing.rows:
        recorded = results.get(row["plan"])
        found = recorded.activities.get(row["id"]) if recorded is not None else None
        value = found.status if found is not None else None
        if status is not None and (value or "not-reported") != status:
            continue
        out.add(**row, status=value, status_as_of=found.as_of if found is not None else None)
    if status is not None:
        out.title = f"{listing.title} — with status {status}: {count(len(out.rows), 'activity', 'activities')}"
        out.empty_message = f"no activity has the status {status} ({listing.title})"
    return out

"""The plans found: one row each, with their kind, period and how much they hold."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from planctl.model.walk import all_activities
from planctl.query.listing import Column, Importance, Listing

if TYPE_CHECKING:
    from planctl.validate import LoadedPlan


def plans_listing(plans: Sequence[LoadedPlan]) -> Listing:
    listing = Listing(
        [
            Column("id", "Id", importance=Importance.KEY),
            Column("kind", "Kind", wrap=False, importance=Importance.LOW),
            Column("period", "Period", wrap=False),
            Column("title", "Title", importance=Importance.KEY, main=True),
            Column("implements", "Implements", importance=Importance.LOW),
            Column("contents", "Contents", importance=Importance.LOW),
        ],
        empty_message="no plans found",
    )
    for lp in sorted(plans, key=lambda lp: (lp.plan.period.start, lp.plan.id)):
        plan = lp.plan
        listing.add(
            id=plan.id,
            kind=plan.kind,
            period=_years(plan.period.start.year, plan.period.end.year),
            title=plan.title,
            implements=plan.implements,
            contents={
                "goals": len(plan.goals),
                "objectives": len(plan.objectives()),
                "actions": sum(len(g.actions) for g in plan.goals),
                "activities": sum(1 for _ in all_activities(plan)),
                "events": len(plan.calendar),
            },
        )
    return listing


def _years(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"

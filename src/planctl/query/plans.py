"""The plans found: one row each, with their kind, period and how much they hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from planctl.model.walk import all_activities
from planctl.query.listing import Column, Importance, Listing

if TYPE_CHECKING:
    from planctl.model.plan import Plan
    from planctl.validate import LoadedPlan

P = TypeVar("P", bound="LoadedPlan")


def current(plans: Sequence[P], today: dt.date) -> tuple[list[P], list[P]]:
    """The plans a question means by default, and those it leaves out.

    Plans of one kind from one organisation that cover as many years each, for different periods, are
    the years of one series (2017's operational plan and 2018's, drafted beside it by `planctl new`): a
    question means the one whose period holds `today`, else the latest. Every other plan stays, plans of
    periods of other lengths too (a strategy for 2012-2015 and its successor for 2017-2021 are answered
    from both: neither is a later year of the other).
    """
    series: dict[tuple[str, str, int], list[P]] = {}
    for lp in plans:
        plan = lp.plan
        years = plan.period.end.year - plan.period.start.year
        series.setdefault((plan.kind, " ".join(plan.organisation.split()).casefold(), years), []).append(lp)
    left_out: list[P] = []
    for members in series.values():
        if len({(lp.plan.period.start, lp.plan.period.end) for lp in members}) < 2:
            continue
        holding = [lp for lp in members if _holds(lp.plan, today)]
        latest = max(lp.plan.period.start for lp in members)
        chosen = {id(lp) for lp in holding or [lp for lp in members if lp.plan.period.start == latest]}
        left_out += [lp for lp in members if id(lp) not in chosen]
    out = {id(lp) for lp in left_out}
    return [lp for lp in plans if id(lp) not in out], left_out


def _holds(plan: Plan, today: dt.date) -> bool:
    return plan.period.start <= today <= plan.period.end


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

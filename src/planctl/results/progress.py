"""How a plan is doing: each indicator's figures against its target, activity statuses, countries' outcomes.

`standings` measures every indicator over a window (one reporting period, or the whole plan);
`progress` lays the standings, the activity status counts and the countries' outcomes out as
Listings for `planctl progress`; `long_table` is the one-row-per-indicator-and-period table other
M&E tools import. Pure functions: the CLI reads the files and prints.

The status of an indicator follows planctl.results.STATUS_RULE (shown by `planctl progress --help`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from planctl.errors import UsageError
from planctl.model import countries
from planctl.model.periods import Span, elapsed, span
from planctl.model.plan import Indicator, Plan
from planctl.model.results import ACTIVITY_STATUSES, IndicatorResults, PeriodResult, Results
from planctl.model.results_checks import PlanIds, as_of_day
from planctl.model.walk import all_actions, all_indicators, walk_activities
from planctl.query.listing import Column, Listing, plans_phrase
from planctl.query.questions import PLAN_COLUMN, ObjectiveRef, find_objectives
from planctl.results import AT_RISK, STATUSES

LIFE_OF_PLAN = "life-of-plan"  # the window of the plan's whole period, in tables and JSON


# --- one indicator over one window ----------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """An indicator's figures over a window (a reporting period, or the whole plan), and what they say."""

    plan: str
    goal: str
    objective: str
    indicator: str
    text: str
    period: str  # the period's name, or LIFE_OF_PLAN
    window: Span
    measure: str = "number"
    baseline: Any = None
    target: Any = None
    actual: Any = None
    as_of: date | None = None
    share: float | None = None  # the way from baseline to target covered (1: the target is met)
    expected: float | None = None  # the time share: the window gone by on the as-of date
    status: str = "no-data"
    computed: bool = False
    source: str | None = None
    comment: str | None = None

    @property
    def percent(self) -> int | None:
        return round(self.share * 100) if self.share is not None else None


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def share(baseline: Any, target: Any, actual: Any, direction: str) -> float | None:
    """How far `actual` has come from `baseline` toward `target` (1: there); None unless all are numbers."""
    if not (_number(baseline) and _number(target) and _number(actual)):
        return None
    if target == baseline:
        met = actual >= target if direction == "ascending" else actual <= target
        return 1.0 if met else 0.0
    return float((actual - baseline) / (target - baseline))


def judge(standing: Standing, rating: str | None = None) -> str:
    """The status of a standing, by STATUS_RULE."""
    if standing.measure == "qualitative":
        return rating or "no-data"
    if standing.actual is None:
        return "no-data"
    if standing.target is None or standing.share is None:
        return "no-target"
    if standing.share >= 1:
        return "achieved"
    expected = standing.expected or 0.0
    if standing.share >= expected:
        return "on-track"
    return "at-risk" if standing.share >= AT_RISK * expected else "off-track"


class _Measurer:
    """Standings of the indicators of one plan, from its results (None: nothing recorded)."""

    def __init__(self, plan: Plan, results: Results | None, today: date) -> None:
        self.plan = plan
        self.results = results
        self.today = today
        self.window = (plan.period.start, plan.period.end)
        self.declared = {p.id: (p.start, p.end) for p in results.periods} if results else {}
        self._ids: PlanIds | None = None

    @property
    def ids(self) -> PlanIds:
        if self._ids is None:
            self._ids = PlanIds.of(self.plan)
        return self._ids

    def span_of(self, period: str) -> Span | None:
        return span(period, self.declared)

    def standing(self, indicator: Indicator, objective: str, goal: str, period: str | None) -> Standing:
        window = self.window if period is None else self.span_of(period)
        assert window is not None, period
        blank = Standing(self.plan.id, goal, objective, indicator.id, indicator.text, period or LIFE_OF_PLAN, window)
        record = self.results.indicators.get(indicator.id) if self.results is not None else None
        if record is None:
            return blank
        level = record.cumulative or record.measure != "number" or record.computed is not None
        baseline = record.baseline.value if record.baseline is not None else None
        base = replace(blank, measure=record.measure, baseline=baseline, computed=record.computed is not None)
        target, measured = self.target(record, period, window, level)
        figures = self.figures(record, objective, period, window, level)  # the figures of the period itself
        actual, as_of, chosen = figures
        from_value = (baseline if baseline is not None else 0) if level else 0
        window = measured  # a total so far may be measured over the plan
        standing = replace(
            base,
            window=window,
            target=target,
            actual=actual,
            as_of=as_of,
            share=share(from_value, target, actual, record.direction) if record.measure != "qualitative" else None,
            expected=elapsed(window, as_of) if as_of is not None else None,
            source=chosen.source if chosen is not None else None,
            comment=chosen.comment if chosen is not None else None,
        )
        return replace(standing, status=judge(standing, chosen.rating if chosen is not None else None))

    def target(self, record: IndicatorResults, period: str | None, window: Span, level: bool) -> tuple[Any, Span]:
        """The target over the window, and the window it is for: a period without a target of its own is
        measured, if the figures are totals so far, against the life-of-plan target over the plan."""
        if period is not None:
            own = record.periods.get(period)
            if own is not None and own.target is not None:
                return own.target, window
            if not level:
                return None, window
        if record.target is not None:
            return record.target, self.window
        whole = [r for n, r in record.periods.items() if self.span_of(n) == self.window and r.target is not None]
        return (whole[0].target, self.window) if whole else (None, window)

    def figures(
        self, record: IndicatorResults, objective: str, period: str | None, window: Span, level: bool
    ) -> tuple[Any, date | None, PeriodResult | None]:
        """The actual over the window, its as-of date and the period result it comes from (if one)."""
        if record.computed is not None:
            day = min(self.today, window[1])
            if day < window[0]:
                return None, None, None
            of = record.computed.of or objective
            return self.counted(of, tuple(record.computed.count), day), day, None
        recorded = [
            (name, r, s)
            for name, r in record.periods.items()
            if r.actual is not None and (s := self.span_of(name)) is not None
        ]
        if period is not None:
            found = [(n, r, s) for n, r, s in recorded if n == period]
            if found:
                _, result, s = found[0]
                return result.actual, as_of_day(result, s, self.today), result
            if not level:
                return None, None, None
            # a total so far, measured over the plan: the latest recorded by the end of the period
            recorded = [(n, r, s) for n, r, s in recorded if s[1] <= window[1]]
        if not recorded:
            return None, None, None
        if level or record.measure != "number":
            _, result, s = max(recorded, key=lambda e: (as_of_day(e[1], e[2], self.today), e[2][1]))
            return result.actual, as_of_day(result, s, self.today), result
        total = sum(r.actual for _, r, _ in recorded if isinstance(r.actual, (int, float)))
        latest = max(as_of_day(r, s, self.today) for _, r, s in recorded)
        only = recorded[0][1] if len(recorded) == 1 else None
        return total, latest, only

    def counted(self, of: str, outcomes: tuple[str, ...], day: date) -> int:
        """How many target countries of `of` (an objective or a target group) had one of `outcomes` by `day`."""
        groups = self.ids.objectives.get(of) or ((of,) if of in self.ids.groups else ())
        members = {code for g in groups for code in self.ids.groups[g][1]}
        found: set[str] = set()
        assert self.results is not None
        for gid in groups:
            for name, result in self.results.countries.get(gid, {}).items():
                country = countries.resolve(name)
                code = country.code if country else name
                if code in members and result.outcome in outcomes and result.date <= day:
                    found.add(code)
        return len(found)


def standings(
    refs: Sequence[ObjectiveRef], results: Mapping[str, Results], *, period: str | None, today: date
) -> list[Standing]:
    """Every indicator of the objectives over `period` (None: the whole plan), in document order."""
    measurers: dict[str, _Measurer] = {}
    wanted = {(r.plan.id, r.objective.id): r for r in refs}
    out: list[Standing] = []
    for plan in _plans_of(refs):
        measurer = measurers.setdefault(plan.id, _Measurer(plan, results.get(plan.id), today))
        for indicator, owner, _ in all_indicators(plan):
            ref = wanted.get((plan.id, owner.id))
            if ref is not None:
                out.append(measurer.standing(indicator, owner.id, ref.goal.id, period))
    return out


def _plans_of(refs: Sequence[ObjectiveRef]) -> list[Plan]:
    """The plans of the objectives, each once, in order."""
    seen: dict[int, Plan] = {}
    for r in refs:
        seen.setdefault(id(r.plan), r.plan)
    return list(seen.values())


def period_window(plan: Plan, results: Results | None, period: str) -> Span | None:
    """The days a period name covers for a plan's results (declared there, or a calendar name)."""
    return _Measurer(plan, results, date.min).span_of(period)


def plans_with_period(plans: Sequence[Plan], results: Mapping[str, Results], period: str) -> list[Plan]:
    """The plans whose period holds the reporting period `period`; UsageError when none does."""
    inside: list[Plan] = []
    known = False
    for plan in plans:
        window = period_window(plan, results.get(plan.id), period)
        known = known or window is not None
        if window is not None and plan.period.start <= window[0] and window[1] <= plan.period.end:
            inside.append(plan)
    if not known:
        from planctl.model.periods import FORMS

        raise UsageError(f"--period {period!r} is not a reporting period", hint=f"name {FORMS}")
    if not inside:
        spans = "; ".join(f"{p.id}: {p.period.start} to {p.period.end}" for p in plans)
        raise UsageError(
            f"--period {period!r} is outside the period of {plans_phrase(plans)} ({spans})",
            hint="name a period inside the plan, or choose the plan with --plan",
        )
    return inside


# --- planctl progress -----------------------------------------------------------------------------


@dataclass
class Progress:
    """What `planctl progress` shows: indicators, then activity statuses, then countries' outcomes."""

    indicators: Listing
    activities: Listing
    countries: Listing
    period: str | None
    today: date

    @property
    def listings(self) -> list[Listing]:
        return [self.indicators, self.activities, self.countries]


def _value(value: Any) -> Any:
    """A figure as a table shows it: 3, 2.5, or a text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def indicators_listing(found: Sequence[Standing], title: str) -> Listing:
    listing = Listing(
        [
            PLAN_COLUMN,
            Column("objective", "Obj.", wrap=False),
            Column("indicator", "Ind.", wrap=False),
            Column("text", "Text"),
            Column("period", "Period", wrap=False),
            Column("baseline", "Base", wrap=False),
            Column("target", "Target", wrap=False),
            Column("actual", "Actual", max_width=20),
            Column("percent", "%", wrap=False),
            Column("status", "Status", wrap=False),
            Column("as_of", "As of", wrap=False),
            Column("computed", "Computed", tucked=True),
            Column("source", "Source", tucked=True),
        ],
        title=title,
        empty_message="no indicators here",
    )
    for s in found:
        listing.add(
            plan=s.plan,
            objective=s.objective,
            indicator=s.indicator,
            text=s.text,
            period=s.period,
            baseline=_value(s.baseline),
            target=_value(s.target),
            actual=_value(s.actual),
            percent=s.percent,
            status=s.status,
            as_of=s.as_of,
            computed=s.computed,
            source=s.source,
        )
    return listing


def _tally(found: Sequence[Standing]) -> str:
    counts = Counter(s.status for s in found)
    return ", ".join(f"{counts[s]} {s.replace('-', ' ')}" for s in STATUSES if counts[s])


def activity_counts(refs: Sequence[ObjectiveRef], results: Mapping[str, Results], *, actions: bool) -> Listing:
    """Per objective (and per goal, for actions): how many activities have each status."""
    listing = Listing(
        [
            PLAN_COLUMN,
            Column("objective", "Obj.", wrap=False),
            Column("activities", "Activities", wrap=False),
            Column("statuses", "Statuses"),
            Column("not_reported", "Not reported", wrap=False),
        ],
        title="Activities by status",
        empty_message="no activities here",
    )
    for ref in refs:
        recorded = results.get(ref.plan.id)
        ids = [a.id for a, _ in walk_activities(ref.objective.activities, ())]
        _count_row(listing, ref.plan.id, ref.objective.id, ids, recorded)
    if actions:
        for plan in _plans_of(refs):
            by_goal: dict[str, list[str]] = {}
            for action, goal, _ in all_actions(plan):
                by_goal.setdefault(goal.id, []).append(action.id)
            for goal_id, ids in by_goal.items():
                _count_row(listing, plan.id, f"goal {goal_id}", ids, results.get(plan.id))
    return listing


def _count_row(listing: Listing, plan: str, where: str, ids: list[str], results: Results | None) -> None:
    if not ids:
        return
    statuses = [results.activities[i].status for i in ids if results is not None and i in results.activities]
    counts: Counter[str] = Counter(statuses)
    listing.add(
        plan=plan,
        objective=where,
        activities=len(ids),
        statuses={s: counts[s] for s in ACTIVITY_STATUSES},
        not_reported=len(ids) - len(statuses),
    )


@dataclass(frozen=True)
class CountryOutcome:
    plan: str
    objective: str
    group: str
    country: str  # as the results file writes it
    iso: str
    outcome: str
    how: str | None
    date: date
    source: str | None


def outcomes(
    refs: Sequence[ObjectiveRef], results: Mapping[str, Results], window: Span | None = None
) -> Iterator[CountryOutcome]:
    """The recorded outcomes of the objectives' target countries (dated in `window`, if given), by date."""
    found: list[CountryOutcome] = []
    for ref in refs:
        recorded = results.get(ref.plan.id)
        if recorded is None or ref.objective.targets is None:
            continue
        for group in ref.objective.targets.groups:
            for name, result in recorded.countries.get(group.id, {}).items():
                if window is not None and not window[0] <= result.date <= window[1]:
                    continue
                country = countries.resolve(name)
                found.append(
                    CountryOutcome(
                        ref.plan.id,
                        ref.objective.id,
                        group.id,
                        name,
                        country.code if country else "",
                        result.outcome,
                        result.how,
                        result.date,
                        result.source,
                    )
                )
    yield from sorted(found, key=lambda o: (o.date, o.plan, o.objective))


def countries_listing(found: Sequence[CountryOutcome]) -> Listing:
    listing = Listing(
        [
            PLAN_COLUMN,
            Column("objective", "Obj.", wrap=False),
            Column("group", "Group", wrap=False),
            Column("country", "Country", max_width=20),
            Column("iso", "ISO", wrap=False),
            Column("outcome", "Outcome", wrap=False),
            Column("how", "How", wrap=False),
            Column("date", "Date", wrap=False),
            Column("source", "Source"),
        ],
        title="Countries whose outcome changed",
        empty_message="no country's outcome is recorded as changed",
    )
    for o in found:
        if o.outcome != "no-change":
            listing.add(
                plan=o.plan,
                objective=o.objective,
                group=o.group,
                country=o.country,
                iso=o.iso,
                outcome=o.outcome,
                how=o.how,
                date=o.date,
                source=o.source,
            )
    return listing


def progress(
    plans: Sequence[Plan],
    results: Mapping[str, Results],
    *,
    objective: str | None = None,
    goal: str | None = None,
    period: str | None = None,
    today: date,
) -> Progress:
    """Indicators against their targets, activity statuses and countries' outcomes, for `planctl progress`."""
    if period is not None:
        plans = plans_with_period(plans, results, period)
    refs = find_objectives(plans, objective=objective, goal=goal)
    found = standings(refs, results, period=period, today=today)
    scope = _scope(plans, objective, goal, period)
    title = f"Indicators {scope}" + (f": {_tally(found)}" if found else "")
    window = None
    if period is not None:
        window = period_window(plans[0], results.get(plans[0].id), period)
    return Progress(
        indicators_listing(found, title),
        replace(activity_counts(refs, results, actions=objective is None), title=f"Activities by status {scope}"),
        replace(
            countries_listing(list(outcomes(refs, results, window))),
            title=f"Countries whose outcome changed, {scope.removeprefix('of ')}",
        ),
        period,
        today,
    )


def _scope(plans: Sequence[Plan], objective: str | None, goal: str | None, period: str | None) -> str:
    parts = []
    if objective is not None:
        parts.append(f"of objective {objective}")
    elif goal is not None:
        parts.append(f"under goal {goal}")
    parts.append(f"in {plans_phrase(plans)}")
    parts.append(f"for period {period}" if period is not None else "over the whole plan")
    return " ".join(parts)


def long_table(
    plans: Sequence[Plan],
    results: Mapping[str, Results],
    *,
    objective: str | None = None,
    goal: str | None = None,
    period: str | None = None,
    today: date,
) -> Listing:
    """One row per indicator and recorded period (and one over the whole plan for a life-of-plan target or a
    computed indicator): the long table other M&E tools import."""
    if period is not None:
        plans = plans_with_period(plans, results, period)
    refs = find_objectives(plans, objective=objective, goal=goal)
    listing = Listing(
        [
            Column("plan", "plan"),
            Column("objective", "objective"),
            Column("indicator", "indicator"),
            Column("measure", "measure"),
            Column("direction", "direction"),
            Column("cumulative", "cumulative"),
            Column("computed", "computed"),
            Column("period", "period"),
            Column("start", "start"),
            Column("end", "end"),
            Column("baseline", "baseline"),
            Column("target", "target"),
            Column("actual", "actual"),
            Column("percent", "percent"),
            Column("status", "status"),
            Column("as_of", "as_of"),
            Column("source", "source"),
            Column("comment", "comment"),
        ],
        title="Progress by indicator and period",
    )
    for plan in _plans_of(refs):
        recorded = results.get(plan.id)
        if recorded is None:
            continue
        measurer = _Measurer(plan, recorded, today)
        chosen = {r.objective.id: r for r in refs if r.plan is plan}
        for indicator, owner, _ in all_indicators(plan):
            record = recorded.indicators.get(indicator.id)
            if owner.id not in chosen or record is None:
                continue
            names: list[str | None] = list(record.periods)
            if record.target is not None or record.computed is not None:
                names.append(None)
            for name in names:
                if period is not None and name != period:
                    continue
                s = measurer.standing(indicator, owner.id, chosen[owner.id].goal.id, name)
                listing.add(
                    plan=plan.id,
                    objective=owner.id,
                    indicator=indicator.id,
                    measure=record.measure,
                    direction=record.direction,
                    cumulative="true" if record.cumulative else "false",
                    computed="true" if record.computed is not None else "false",
                    period=s.period,
                    start=(measurer.span_of(name) or s.window)[0] if name is not None else plan.period.start,
                    end=(measurer.span_of(name) or s.window)[1] if name is not None else plan.period.end,
                    baseline=_value(s.baseline),
                    target=_value(s.target),
                    actual=_value(s.actual),
                    percent=s.percent,
                    status=s.status,
                    as_of=s.as_of,
                    source=s.source,
                    comment=s.comment,
                )
    return listing


__all__ = [
    "LIFE_OF_PLAN",
    "Progress",
    "Standing",
    "long_table",
    "outcomes",
    "progress",
    "standings",
]

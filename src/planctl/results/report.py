"""The progress report the board reads (`planctl report`), as a document tree (planctl.document).

Per goal and objective: a table of the indicators' figures (baseline, target, actual, % of the way,
status, as of), a bar per indicator toward its target, the activities by status and the countries
that joined. It opens with a summary. The same standings as `planctl progress` (planctl.results.progress),
so the two always agree; Markdown and HTML render it like a plan (planctl.render.markdown, .html).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from planctl import dates
from planctl.document import (
    Bar,
    Block,
    Document,
    Fields,
    Item,
    ItemList,
    Para,
    Section,
    Span,
    Table,
    Tone,
    collapse_spaces,
)
from planctl.model.plan import Goal, Objective, Plan
from planctl.model.results import ACTIVITY_STATUSES, Results
from planctl.model.walk import walk_activities
from planctl.query.questions import ObjectiveRef, find_objectives
from planctl.results import STATUSES
from planctl.results.progress import CountryOutcome, Standing, outcomes, period_window, standings
from planctl.words import count

HEADER = ["Indicator", "Baseline", "Target", "Actual", "Progress", "Status", "As of"]
TONES: dict[str, Tone] = {"achieved": "done", "on-track": "good", "at-risk": "fair", "off-track": "poor"}


def figure(value: Any, measure: str = "number") -> str:
    """A figure as the report writes it: 3, 2.5, 45% (a percentage measure), or the text."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = int(value) if value.is_integer() else value
    text = f"{value:,}" if isinstance(value, int) else f"{value:g}" if isinstance(value, float) else str(value)
    return text + "%" if measure == "percentage" and isinstance(value, (int, float)) else text


def status_words(status: str) -> str:
    return status.replace("-", " ")


def caption(s: Standing) -> str:
    """'3 of 5 (60% of the way), off track, as of 20 December 2017'."""
    when = f", as of {dates.day(s.as_of)}" if s.as_of is not None else ""
    if s.measure == "qualitative":
        return (f"rated {status_words(s.status)}" if s.status != "no-data" else "no rating yet") + when
    if s.actual is None:
        return "no figure yet" + (f"; target {figure(s.target, s.measure)}" if s.target is not None else "")
    text = (
        f"{figure(s.actual, s.measure)} of {figure(s.target, s.measure)}"
        if s.target is not None
        else figure(s.actual, s.measure)
    )
    if s.percent is not None:
        text += f" ({s.percent}% of the way)"
    return f"{text}, {status_words(s.status)}{when}"


class _Report:
    def __init__(self, plan: Plan, results: Results | None, period: str | None, today: date) -> None:
        self.plan = plan
        self.results = results
        self.period = period
        self.today = today
        self.refs = find_objectives([plan])
        recorded = {plan.id: results} if results is not None else {}
        self.found = standings(self.refs, recorded, period=period, today=today)
        window = period_window(plan, results, period) if period is not None else None
        self.joined = [o for o in outcomes(self.refs, recorded, window) if o.outcome == "joined"]
        self.anchors: set[str] = set()

    def anchor(self, *parts: str) -> str:
        base = "-".join("".join(c if c.isalnum() else "-" for c in p.lower()) for p in parts).strip("-") or "part"
        anchor, n = base, 2
        while anchor in self.anchors:
            anchor, n = f"{base}-{n}", n + 1
        self.anchors.add(anchor)
        return anchor

    def document(self) -> Document:
        plan = self.plan
        title = f"Progress report: {collapse_spaces(plan.title)}"
        sections = [self.summary()]
        for goal in plan.goals:
            if goal.objectives:
                sections.append(self.goal(goal))
        return Document(title, plan.language, [self.front()], sections)

    def front(self) -> Fields:
        plan = self.plan
        if self.period is None:
            reporting = "the whole plan"
        else:
            window = period_window(plan, self.results, self.period)
            assert window is not None
            reporting = f"{self.period} ({dates.span(*window)})"
        days = [s.as_of for s in self.found if s.as_of is not None and s.actual is not None]
        rows = [
            ("Organisation", [Span(collapse_spaces(plan.organisation))]),
            ("Plan", [Span(f"{plan.id}, {dates.span(plan.period.start, plan.period.end)}")]),
            ("Reporting on", [Span(reporting)]),
            ("Latest figure", [Span(dates.day(max(days)) if days else "none recorded yet")]),
        ]
        return Fields(rows)

    def summary(self) -> Section:
        tally = Counter(s.status for s in self.found)
        parts = [f"{tally[s]} {status_words(s)}" for s in STATUSES if tally[s]]
        blocks: list[Block] = [
            Para(
                [
                    Span(f"{count(len(self.found), 'indicator')}: "),
                    Span(", ".join(parts) or "none", "strong"),
                    Span("."),
                ]
            )
        ]
        statuses = self.activity_counts([r.objective for r in self.refs])
        blocks.append(Para([Span("Activities: "), Span(statuses, "strong"), Span(".")]))
        if self.joined:
            names = ", ".join(f"{o.country} ({dates.day(o.date)})" for o in self.joined)
            joined = count(len(self.joined), "target country", "target countries") + " joined: "
            blocks.append(Para([Span(joined), Span(names, "strong"), Span(".")]))
        else:
            during = f" in {self.period}" if self.period else ""
            blocks.append(Para([Span(f"No target country is recorded as having joined{during}.")]))
        return Section("Summary", self.anchor("summary"), blocks)

    def activity_counts(self, objectives: Sequence[Objective]) -> str:
        ids = [a.id for o in objectives for a, _ in walk_activities(o.activities, ())]
        recorded = self.results.activities if self.results is not None else {}
        tally: Counter[str] = Counter(recorded[i].status for i in ids if i in recorded)
        parts = [f"{tally[s]} {s}" for s in ACTIVITY_STATUSES if tally[s]]
        missing = len(ids) - sum(tally.values())
        if missing:
            parts.append(f"{missing} not reported")
        return f"{count(len(ids), 'activity', 'activities')}" + (f" — {', '.join(parts)}" if parts else "")

    def goal(self, goal: Goal) -> Section:
        title = f"Goal {goal.id} — {collapse_spaces(goal.title)}"
        objectives = [r for r in self.refs if r.goal is goal]
        return Section(title, self.anchor("goal", goal.id), [self.objective(r) for r in objectives])

    def objective(self, ref: ObjectiveRef) -> Section:
        o = ref.objective
        title = f"Objective {o.id} — {collapse_spaces(o.title)}" + (" (dropped)" if o.status == "dropped" else "")
        mine = [s for s in self.found if s.objective == o.id]
        blocks: list[Block] = []
        if mine:
            blocks.append(self.table(mine))
            blocks += [self.bar(s) for s in mine if self.has_figures(s)]
        else:
            blocks.append(Para([Span("This objective has no indicators.", "em")]))
        if o.activities:
            blocks.append(Para([Span("Activities: ", "strong"), Span(self.activity_counts([o]))]))
        joined = [c for c in self.joined if c.objective == o.id]
        if joined:
            blocks.append(Para([Span("Target countries that joined:", "strong")]))
            blocks.append(ItemList([self.joined_item(c) for c in joined]))
        return Section(title, self.anchor("objective", o.id), blocks)

    def has_figures(self, s: Standing) -> bool:
        """Whether the indicator has a bar: figures recorded (a qualitative one has no way to measure)."""
        record = self.results.indicators.get(s.indicator) if self.results is not None else None
        return record is not None and s.measure != "qualitative"

    def table(self, found: Sequence[Standing]) -> Table:
        rows = []
        for s in found:
            rows.append(
                [
                    [Span(s.indicator, "strong"), Span(" " + collapse_spaces(s.text))],
                    [Span(figure(s.baseline, s.measure))],
                    [Span(figure(s.target, s.measure))],
                    [Span(figure(s.actual, s.measure) + (" (counted)" if s.computed and s.actual is not None else ""))],
                    [Span(f"{s.percent}%" if s.percent is not None else "")],
                    [Span(status_words(s.status))],
                    [Span(dates.day(s.as_of, short=True) if s.as_of is not None else "")],
                ]
            )
        return Table(list(HEADER), rows, numeric=(1, 2, 3, 4))

    def bar(self, s: Standing) -> Bar:
        label = [Span(s.indicator, "strong"), Span(" " + collapse_spaces(s.text))]
        return Bar(
            label, s.share, s.expected if s.target is not None else None, TONES.get(s.status, "none"), caption(s)
        )

    def joined_item(self, c: CountryOutcome) -> Item:
        spans = [Span(c.country, "strong"), Span(f" — {dates.day(c.date)}" + (f", by {c.how}" if c.how else ""))]
        if c.source:
            spans.append(Span(f" (source: {collapse_spaces(c.source)})", "meta"))
        return Item(spans)


def build(plan: Plan, results: Results | None, *, period: str | None = None, today: date) -> Document:
    """The progress report of a plan over `period` (None: the whole plan)."""
    return _Report(plan, results, period, today).document()

"""`planctl show`: a plan, or some of its objectives, as a readable view for the terminal.

Headings, then per objective its indicators, targets, strategy and activities by category, with the
key dates of each activity spelt out from the calendar. All plan text goes through `safe()` into
rich `Text` objects, never into markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from planctl import dates
from planctl.model.plan import Activity, Event, Goal, Plan
from planctl.query.questions import ObjectiveRef, activity_items
from planctl.render.escape import safe
from planctl.words import count

INDENT = 2
KIND = {"strategy": "strategy", "operational": "operational plan", "action-plan": "action plan"}


def _t(text: str, style: str = "") -> Text:
    return Text(safe(text), style=style)


def _indent(renderable: RenderableType, level: int = 1) -> Padding:
    return Padding(renderable, (0, 0, 0, INDENT * level))


def _heading(text: str, style: str = "bold") -> Text:
    return _t(text, style)


def _labelled(rows: Iterable[tuple[str, RenderableType]]) -> Table:
    """Two columns: a short label (id, bullet, date) and text that wraps with a hanging indent."""
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for label, text in rows:
        grid.add_row(_t(label, "bold"), text)
    return grid


def _paragraphs(text: str) -> list[RenderableType]:
    out: list[RenderableType] = []
    for i, para in enumerate(p for p in text.split("\n\n") if p.strip()):
        if i:
            out.append(Text(""))
        out.append(_t(para.strip()))
    return out


def _when(e: Event) -> str:
    return dates.when(e.date, e.start, e.end, e.month, form="short", tentative=e.tentative)


def plan_header(plan: Plan, source: str | None = None) -> RenderableType:
    facts = [plan.organisation, KIND.get(plan.kind, plan.kind), f"{plan.period.start} to {plan.period.end}"]
    if plan.implements:
        facts.append(f"implements {plan.implements}")
    facts.append(f"plan {plan.id}" + (f" ({source})" if source else ""))
    return Group(_heading(plan.title, "bold underline"), _t(" · ".join(facts), "dim"))


def objective_view(ref: ObjectiveRef) -> RenderableType:
    """One objective: heading, indicators, targets, strategy, activities by category."""
    o = ref.objective
    parts: list[RenderableType] = [_labelled([(o.id, _t(o.title, "bold"))])]
    facts = [f"goal {ref.goal.id}"]
    if o.implements:
        facts.append(f"implements {o.implements}")
    if o.priority:
        facts.append(f"priority {o.priority}")
    if o.status != "active":
        facts.append(o.status + (f": {o.status_reason}" if o.status_reason else ""))
    parts.append(_indent(_t(" · ".join(facts), "dim")))
    sections: list[tuple[str, RenderableType]] = []
    if o.indicators:
        sections.append(("Indicators", _labelled(("•", _t(i.text)) for i in o.indicators)))
    if o.targets:
        sections.append(("Targets", Group(*_targets(ref))))
    if o.strategy:
        sections.append(("Strategy", Group(*_paragraphs(o.strategy))))
    elif o.strategy_shared_with:
        sections.append(("Strategy", _t(f"the strategy of objective {o.strategy_shared_with}", "dim")))
    if o.activities:
        sections.append(("Activities", Group(*_activities(ref))))
    for title, content in sections:
        parts += [Text(""), _indent(_heading(title)), _indent(content, 2)]
    return Group(*parts)


def _targets(ref: ObjectiveRef) -> list[RenderableType]:
    targets = ref.objective.targets
    assert targets is not None
    out: list[RenderableType] = [_t(rule) for rule in targets.rules]
    for group in targets.groups:
        text = Text()
        if group.rationale:
            text.append(safe(group.rationale) + "\n")
        text.append(safe(", ".join(group.countries)), style="bold")
        out.append(_labelled([(group.id, text)]))
    out += [_t(note) for note in targets.notes]
    if targets.responsive:
        out.append(_t(targets.responsive))
    return out


def _activity_cell(activity: Activity, events: dict[str, Event]) -> RenderableType:
    """An activity's text, then its key dates, the countries it names and its sub-activities."""
    parts: list[RenderableType] = [_t(activity.text)]
    dated = [(_when(events[i]), _t(events[i].title)) if i in events else ("", _t(i)) for i in activity.key_dates]
    if dated:
        if not activity.text.rstrip().endswith(":"):
            parts.append(Text("Key dates:", style="dim"))
        parts.append(_labelled(dated))
    if activity.countries:
        text = Text("Countries: ", style="dim")
        text.append(safe(", ".join(activity.countries)), style="")
        parts.append(text)
    if activity.activities:
        parts.append(_labelled((a.id, _activity_cell(a, events)) for a in activity.activities))
    return Group(*parts)


def _activities(ref: ObjectiveRef) -> list[RenderableType]:
    """Top-level activities under their category's heading, in document order; sub-activities nested."""
    events = {e.id: e for e in ref.plan.calendar}
    out: list[RenderableType] = []
    runs: list[tuple[str | None, list[Activity]]] = []
    for item in activity_items([ref]):
        if item.depth:
            continue
        title = item.category.title if item.category else None
        if not runs or runs[-1][0] != title:
            runs.append((title, []))
        runs[-1][1].append(item.activity)
    for i, (title, acts) in enumerate(runs):
        if i:
            out.append(Text(""))
        out.append(_heading(title or "Other activities", "bold italic"))
        out.append(_indent(_labelled((a.id, _activity_cell(a, events)) for a in acts)))
    return out


def _goal_view(goal: Goal) -> list[RenderableType]:
    out: list[RenderableType] = []
    if goal.text:
        out += [_indent(Group(*_paragraphs(goal.text))), Text("")]
    if goal.resolutions:
        out.append(_indent(_labelled((str(p.number or "•"), _t(p.text)) for p in goal.resolutions)))
        out.append(Text(""))
    topic: str | None = "\0"
    lead: str | None = None
    for action in goal.actions:
        if action.topic != topic:
            if action.topic:
                out.append(_indent(_heading(action.topic, "bold italic")))
            topic, lead = action.topic, None
        this_lead = action.addressed_to + (f" {action.commitment}" if action.commitment else "") + ":"
        if this_lead != lead:  # the document states whom a run of actions addresses once
            out.append(_indent(_t(this_lead, "italic"), 2))
            lead = this_lead
        out.append(_indent(_labelled([(f"#{action.number}", _t(action.text))]), 3))
    if goal.actions:
        out.append(Text(""))
    return out


def plan_view(plan: Plan, source: str | None = None) -> RenderableType:
    """The whole plan: header, vision and mission, goals with their objectives, actions and resolutions."""
    parts: list[RenderableType] = [plan_header(plan, source), Text("")]
    for label, value in (("Vision", plan.vision), ("Mission", plan.mission)):
        if value:
            parts += [_heading(label), _indent(Group(*_paragraphs(value))), Text("")]
    for goal in plan.goals:
        parts += [_heading(f"Goal {goal.id} — {goal.title}", "bold underline"), Text("")]
        parts += _goal_view(goal)
        for objective in goal.objectives:
            parts += [objective_view(ObjectiveRef(plan, goal, objective)), Text("")]
    more = [
        f"{count(len(items), what)} (planctl {command})"
        for items, what, command in (
            (plan.calendar, "calendar event", "calendar"),
            (plan.publications, "publication", "publications"),
        )
        if items
    ]
    if plan.sections:
        more.append(f"{count(len(plan.sections), 'section')} of prose")
    if more:
        parts.append(_t("Also in this plan: " + "; ".join(more) + ".", "dim"))
    return Group(*parts)


def objectives_view(refs: Sequence[ObjectiveRef], sources: dict[str, str]) -> RenderableType:
    """Some objectives, under the header of the plan each belongs to."""
    parts: list[RenderableType] = []
    shown: str | None = None
    for ref in refs:
        if ref.plan.id != shown:
            if parts:
                parts.append(Text(""))
            parts += [plan_header(ref.plan, sources.get(ref.plan.id)), Text("")]
            shown = ref.plan.id
        parts += [objective_view(ref), Text("")]
    return Group(*parts)

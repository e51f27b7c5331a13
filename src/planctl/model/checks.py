"""Checks a schema cannot express: unique ids, references, dates within the period, known countries."""

from __future__ import annotations

from collections.abc import Iterator

from planctl import dates
from planctl.diagnostics import ItemPath, Problem, short_repr
from planctl.model import countries
from planctl.model.plan import Plan
from planctl.model.walk import all_actions, all_activities, country_lists, objectives_with_paths, walk_publications


def check_plan(plan: Plan) -> list[Problem]:
    """Every semantic problem of one plan, in document order."""
    problems: list[Problem] = []
    problems += _check_ids(plan)
    problems += _check_action_numbers(plan)
    problems += _check_references(plan)
    problems += _check_shared_strategies(plan)
    problems += _check_dates(plan)
    problems += _check_countries(plan)
    return problems


def _ided_items(plan: Plan) -> Iterator[tuple[str, str, ItemPath]]:
    """(kind, id, path of the id) for every item that has an id."""
    for i, c in enumerate(plan.categories):
        yield "category", c.id, ("categories", i, "id")
    for gi, goal in enumerate(plan.goals):
        gpath: ItemPath = ("goals", gi)
        yield "goal", goal.id, (*gpath, "id")
        for ai, action in enumerate(goal.actions):
            yield "action", action.id, (*gpath, "actions", ai, "id")
            for ii, ind in enumerate(action.indicators):
                yield "indicator", ind.id, (*gpath, "actions", ai, "indicators", ii, "id")
    for obj, opath in objectives_with_paths(plan):
        yield "objective", obj.id, (*opath, "id")
        for ii, ind in enumerate(obj.indicators):
            yield "indicator", ind.id, (*opath, "indicators", ii, "id")
        if obj.targets:
            for ti, group in enumerate(obj.targets.groups):
                yield "target group", group.id, (*opath, "targets", "groups", ti, "id")
    for activity, path in all_activities(plan):
        yield "activity", activity.id, (*path, "id")
    for i, s in enumerate(plan.sections):
        yield "section", s.id, ("sections", i, "id")
    for pub, path in walk_publications(plan.publications, ("publications",)):
        yield "publication", pub.id, (*path, "id")
    for i, e in enumerate(plan.calendar):
        yield "event", e.id, ("calendar", i, "id")
    for i, f in enumerate(plan.footnotes):
        yield "footnote", f.id, ("footnotes", i, "id")


def _check_ids(plan: Plan) -> Iterator[Problem]:
    seen: dict[tuple[str, str], ItemPath] = {}
    for kind, id_, path in _ided_items(plan):
        first = seen.setdefault((kind, id_), path)
        if first is not path:
            yield Problem(
                path,
                "duplicate-id",
                f"duplicate {kind} id {id_!r}",
                hint=f"each {kind} needs an id of its own",
                related=first,
            )


def _check_action_numbers(plan: Plan) -> Iterator[Problem]:
    seen: dict[int, ItemPath] = {}
    for action, _goal, path in all_actions(plan):
        first = seen.setdefault(action.number, (*path, "number"))
        if first != (*path, "number"):
            yield Problem(
                (*path, "number"),
                "duplicate-number",
                f"duplicate action number {action.number}",
                hint="each action of the plan needs a number of its own",
                related=first,
            )


def _event_references(plan: Plan) -> Iterator[tuple[str, ItemPath, list[str]]]:
    """(event id, its path, the ids listed before it in the same list) for every reference to an event."""
    for activity, path in all_activities(plan):
        for i, ref in enumerate(activity.key_dates):
            yield ref, (*path, "key_dates", i), activity.key_dates[:i]
    for action, _goal, path in all_actions(plan):
        if action.deadline is not None and action.deadline.event is not None:
            yield action.deadline.event, (*path, "deadline", "event"), []
        for i, ref in enumerate(action.key_dates):
            yield ref, (*path, "key_dates", i), action.key_dates[:i]
    if plan.adopted is not None and plan.adopted.event is not None:
        yield plan.adopted.event, ("adopted", "event"), []


def _check_references(plan: Plan) -> Iterator[Problem]:
    categories = {c.id for c in plan.categories}
    events = {e.id for e in plan.calendar}
    for activity, path in all_activities(plan):
        if activity.category is not None and activity.category not in categories:
            yield Problem(
                (*path, "category"),
                "unknown-reference",
                f"unknown category {activity.category!r}",
                hint=_known("categories are", sorted(categories), activity.category),
            )
    for ref, path, before in _event_references(plan):
        if ref not in events:
            yield Problem(
                path,
                "unknown-reference",
                f"no calendar event with id {ref!r}",
                hint=_known("events are", [e.id for e in plan.calendar], ref),
            )
        elif ref in before:
            yield Problem(path, "duplicate-reference", f"event {ref!r} is listed twice here")


def _check_shared_strategies(plan: Plan) -> Iterator[Problem]:
    objectives = {o.id: o for o in plan.objectives()}
    for objective, opath in objectives_with_paths(plan):
        ref = objective.strategy_shared_with
        if ref is None:
            continue
        path: ItemPath = (*opath, "strategy_shared_with")
        other = objectives.get(ref)
        if other is None or other is objective:
            yield Problem(
                path,
                "unknown-reference",
                f"no other objective with id {ref!r}",
                hint=_known("objectives are", [o for o in objectives if o != objective.id], ref),
            )
        elif other.strategy is None:
            yield Problem(path, "unknown-reference", f"objective {ref!r} has no strategy to share")


MAX_FUZZY_IDS = 300


def _known(what: str, ids: list[str], wrong: str) -> str:
    import difflib

    # fuzzy matching costs len(ids) comparisons per call: past a few hundred ids, just say how many there are
    close = difflib.get_close_matches(wrong[:100], ids, n=1) if len(ids) <= MAX_FUZZY_IDS else []
    if close:
        return f"did you mean {close[0]!r}?"
    if not ids:
        return f"the plan defines none: {what.split()[0]} are declared in the plan first"
    shown = ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")
    return f"{what} {shown}"


def _check_dates(plan: Plan) -> Iterator[Problem]:
    if plan.status_date is not None and plan.status is None:
        yield Problem(
            ("status_date",),
            "missing-status",
            "`status_date` says when the plan took its status, but the plan states no `status`",
            hint="add `status: draft`, `approved`, `adopted` or `superseded`, or remove `status_date`",
        )
    period = plan.period
    if period.end < period.start:
        yield Problem(
            ("period", "end"), "date-order", f"the period ends ({period.end}) before it starts ({period.start})"
        )
        return
    for i, event in enumerate(plan.calendar):
        if event.start is not None and event.end is not None and event.end < event.start:
            yield Problem(
                ("calendar", i, "end"),
                "date-order",
                f"event {event.id!r} ends ({event.end}) before it starts ({event.start})",
            )
            continue
        if event.until is not None and event.until < event.span[0]:
            yield Problem(
                ("calendar", i, "until"),
                "date-order",
                f"event {event.id!r} repeats until {event.until}, before it first happens ({event.span[0]})",
            )
        elif event.until is not None and event.until > period.end:
            yield Problem(
                ("calendar", i, "until"),
                "outside-period",
                f"event {event.id!r} repeats until {event.until}, after the plan's period ends ({period.end})",
                hint="the next plan repeats it further; or check the year",
            )
        if plan.adopted is not None and event.id == plan.adopted.event:
            continue  # a plan is adopted before its period begins, often
        first, last = event.span
        if (
            last < period.start
            or first > period.end
            or (event.month is None and (first < period.start or last > period.end))
        ):
            field = "date" if event.date else "month" if event.month else "start"
            when = dates.when(start=first, end=last, form="numeric")
            yield Problem(
                ("calendar", i, field),
                "outside-period",
                f"event {event.id!r} ({when}) is outside the plan's period {period.start} to {period.end}",
                hint="check the year, or the plan's period",
            )


def _check_countries(plan: Plan) -> Iterator[Problem]:
    """A country listed twice in one list, under two spellings or one."""
    for names, path in country_lists(plan):
        seen: dict[str, int] = {}
        for i, name in enumerate(names):
            country = countries.resolve(name)
            if country is None:  # unknown names are reported with the schema (types.CountryName)
                continue
            if country.code in seen:
                yield Problem(
                    (*path, i),
                    "duplicate-country",
                    f"{short_repr(name)} is listed twice here (as {short_repr(names[seen[country.code]])} too)",
                    hint="remove one of the two",
                )
            seen.setdefault(country.code, i)

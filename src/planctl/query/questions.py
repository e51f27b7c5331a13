"""Questions asked of plans — targets, countries, objectives, indicators, activities, publications.

Pure functions over `Plan` models that return `Listing`s (or small dataclasses for the rich views).
Every listing has a `plan` column first, so rows from several plans stay apart; filters match ids
case-insensitively and answer from the plans that have what was asked for, raising `UsageError`
(with what exists and a "did you mean") only when none has it.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from planctl.errors import UsageError
from planctl.model import countries
from planctl.model.plan import Action, Activity, Category, Goal, Objective, Plan, Publication
from planctl.model.walk import all_actions, walk_activities
from planctl.query.listing import Column, Importance, Listing, gist, plans_phrase
from planctl.words import count

__all__ = [
    "ActivityItem",
    "Mention",
    "ObjectiveRef",
    "actions",
    "activities",
    "activity_items",
    "categories_matching",
    "countries_listing",
    "country_profile",
    "find_objectives",
    "gist",
    "indicators",
    "mentions",
    "objectives",
    "publications",
    "resolve_country",
    "targets",
]

TARGET_GROUP = "group"
ACTIVITY = "activity"
OBJECTIVE = "objective"

PLAN_COLUMN = Column("plan", "Plan", importance=Importance.KEY)  # rows of several plans say which


# ------------------------------------------------------------------------------------------
# Selecting objectives, categories, countries


@dataclass(frozen=True)
class ObjectiveRef:
    """An objective with the plan and goal it belongs to."""

    plan: Plan
    goal: Goal
    objective: Objective


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _pick(wanted: str, ids: Sequence[str]) -> list[str]:
    """The ids equal to `wanted`: exactly if one is, else ignoring case."""
    exact = [i for i in ids if i == wanted]
    return exact or [i for i in ids if _same(i, wanted)]


def _verb(plans: Sequence[Plan], one: str, many: str) -> str:
    return one if len(plans) == 1 else many


def _did_you_mean(wanted: str, ids: Iterable[str]) -> str | None:
    by_fold = {i.casefold(): i for i in ids}
    close = difflib.get_close_matches(wanted.casefold(), list(by_fold), n=1, cutoff=0.6)
    return f"did you mean {by_fold[close[0]]!r}?" if close else None


def _unknown(
    kind: str,
    plural: str,
    wanted: str,
    plans: Sequence[Plan],
    per_plan: dict[str, list[str]],
    where: str = "",
    lister: str = "planctl objectives",
) -> UsageError:
    """'no objective '9Z' in plan 2017; objectives are 1A, 1B, ...' with a 'did you mean' where one is close."""
    message = f"no {kind} {wanted!r}{where} in {plans_phrase(plans)}; "
    having = {pid: ids for pid, ids in per_plan.items() if ids}
    if not having:
        message += f"{'it has' if len(plans) == 1 else 'they have'} no {plural}"
    elif len(plans) == 1:
        message += f"{plural} are {', '.join(next(iter(having.values())))}"
    else:
        message += f"{plural} are " + "; ".join(f"{', '.join(ids)} ({pid})" for pid, ids in having.items())
    all_ids = [i for ids in per_plan.values() for i in ids]
    return UsageError(message, hint=_did_you_mean(wanted, all_ids) or f"list them with `{lister}`")


def _goal_hint(wanted: str, plans: Sequence[Plan]) -> str | None:
    if any(_same(g.id, wanted) for p in plans for g in p.goals):
        return f"{wanted!r} is a goal: select it with --goal {wanted}"
    return None


def find_objectives(
    plans: Sequence[Plan], *, objective: str | None = None, goal: str | None = None
) -> list[ObjectiveRef]:
    """The objectives of `plans`, optionally only those with id `objective` and/or under goal `goal`.

    Plans that lack the objective or goal simply contribute nothing; UsageError when none has it.
    """
    refs: list[ObjectiveRef] = []
    goal_found = False
    for plan in plans:
        goal_ids = _pick(goal, [g.id for g in plan.goals]) if goal is not None else None
        goal_found = goal_found or bool(goal_ids)
        refs += [
            ObjectiveRef(plan, g, o) for g in plan.goals if goal_ids is None or g.id in goal_ids for o in g.objectives
        ]
    where = ""
    if goal is not None:
        if not goal_found:
            raise _unknown("goal", "goals", goal, plans, {p.id: [g.id for g in p.goals] for p in plans})
        where = f" under goal {goal}"
    if objective is None:
        return refs
    chosen: list[ObjectiveRef] = []
    for plan in plans:
        mine = [r for r in refs if r.plan is plan]
        ids = _pick(objective, [r.objective.id for r in mine])
        chosen += [r for r in mine if r.objective.id in ids]
    if not chosen:
        in_scope = _answering(plans, refs) if goal is not None else list(plans)
        per_plan = {p.id: [r.objective.id for r in refs if r.plan is p] for p in in_scope}
        error = _unknown("objective", "objectives", objective, in_scope, per_plan, where)
        if goal is None:
            error.hint = _goal_hint(objective, plans) or error.hint
        raise error
    return chosen


def goals_with_actions(plans: Sequence[Plan], goal: str) -> list[tuple[Plan, Goal]]:
    """The goals (sections) named `goal`, matched as `find_objectives` matches them, that hold actions."""
    return [
        (plan, g) for plan in plans for g in plan.goals if g.id in _pick(goal, [g.id for g in plan.goals]) and g.actions
    ]


def categories_matching(plans: Sequence[Plan], wanted: str) -> dict[str, Category]:
    """For each plan (by id) the category `wanted` names: its id or title, ignoring case, or a unique prefix.

    UsageError when no plan has such a category.
    """
    found: dict[str, Category] = {}
    for plan in plans:
        exact = [c for c in plan.categories if _same(c.id, wanted) or _same(c.title, wanted)]
        prefix = [
            c
            for c in plan.categories
            if c.id.casefold().startswith(wanted.casefold()) or c.title.casefold().startswith(wanted.casefold())
        ]
        if exact:
            found[plan.id] = exact[0]
        elif len(prefix) == 1:
            found[plan.id] = prefix[0]
    if not found:
        per_plan = {p.id: [c.id for c in p.categories] for p in plans}
        error = _unknown("category", "categories", wanted, plans, per_plan)
        titles = [c.title for p in plans for c in p.categories]
        hint = _did_you_mean(wanted, [*titles, *(i for ids in per_plan.values() for i in ids)])
        error.hint = hint or "give a category's id or title (a unique beginning is enough)"
        raise error
    return found


def resolve_country(name: str) -> countries.Country:
    """The country a name, alias or ISO code stands for; UsageError with a 'did you mean' otherwise."""
    country = countries.resolve(name)
    if country is None:
        close = countries.suggest(name)
        raise UsageError(
            f"unknown country {name!r}",
            hint=f"did you mean {close!r}?"
            if close
            else "give an English short name ('Laos'), an alias ('Lao PDR') or an ISO code ('LA', 'LAO')",
        )
    return country


# ------------------------------------------------------------------------------------------
# Walking plans


@dataclass(frozen=True)
class ActivityItem:
    """An activity with where it sits: sub-activities carry their parent's category."""

    ref: ObjectiveRef
    activity: Activity
    category: Category | None
    depth: int


def activity_items(refs: Iterable[ObjectiveRef]) -> Iterator[ActivityItem]:
    """Every activity of the objectives, sub-activities right after their parent, in document order."""
    for ref in refs:
        yield from _walk(ref, {c.id: c for c in ref.plan.categories}, ref.objective.activities, None, 0)


def _walk(
    ref: ObjectiveRef, categories: dict[str, Category], items: list[Activity], inherited: str | None, depth: int
) -> Iterator[ActivityItem]:
    for a in items:
        category = a.category or inherited
        yield ActivityItem(ref, a, categories.get(category) if category else None, depth)
        yield from _walk(ref, categories, a.activities, category, depth + 1)


@dataclass(frozen=True)
class Mention:
    """A country named by a target group or an activity of an objective."""

    ref: ObjectiveRef
    country: countries.Country
    written: str  # as the plan spells it
    source: str  # the id of the target group or activity
    source_type: str  # TARGET_GROUP or ACTIVITY
    text: str  # the group's rationale or the activity's text ('' if none)


def _country(written: str) -> countries.Country:
    # A valid plan names known countries only; keep an unknown one visible rather than fail.
    return countries.resolve(written) or countries.Country(written, "", "")


def mentions(refs: Iterable[ObjectiveRef]) -> Iterator[Mention]:
    """Every country named in the objectives: target groups first, then activities, in document order."""
    for ref in refs:
        targets = ref.objective.targets
        for group in targets.groups if targets else []:
            for name in group.countries:
                yield Mention(ref, _country(name), name, group.id, TARGET_GROUP, group.rationale or "")
        for activity, _ in walk_activities(ref.objective.activities, ()):
            for name in activity.countries:
                yield Mention(ref, _country(name), name, activity.id, ACTIVITY, activity.text)


def _spelling(mentions_of_one: Sequence[Mention]) -> str:
    """How the plans spell a country: the most frequent spelling, the earliest on a tie."""
    return Counter(m.written for m in mentions_of_one).most_common(1)[0][0]  # ties keep first-seen order


# ------------------------------------------------------------------------------------------
# Listings


def _scope_title(
    what: str,
    refs: Sequence[ObjectiveRef],
    plans: Sequence[Plan],
    objective: str | None,
    goal: str | None,
    rows: Sequence[dict[str, Any]] = (),
) -> str:
    """'Targets of objective 1A in plan 2017': the ids as the plans write them, the plans that answered
    (those that gave rows, if any did)."""
    with_rows = {row["plan"] for row in rows}
    if with_rows:
        refs = [r for r in refs if r.plan.id in with_rows]
    parts = [what]
    if objective is not None:
        ids = list(dict.fromkeys(r.objective.id for r in refs)) or [objective]
        parts.append(f"of objective{'s' if len(ids) > 1 else ''} {', '.join(ids)}")
    elif goal is not None:
        ids = list(dict.fromkeys(r.goal.id for r in refs)) or [goal]
        parts.append(f"under goal{'s' if len(ids) > 1 else ''} {', '.join(ids)}")
    parts.append(f"in {plans_phrase(_answering(plans, refs))}")
    return " ".join(parts)


def _where_named(found: Sequence[Mention]) -> str:
    """'target of 3 objectives 1A, 1B, 2B; named by 2 activities 1A.nc6, 3A.nc3'."""
    targeted = list(dict.fromkeys(m.ref.objective.id for m in found if m.source_type == TARGET_GROUP))
    named = list(dict.fromkeys(m.source for m in found if m.source_type == ACTIVITY))
    parts = []
    if targeted:
        parts.append(f"target of {count(len(targeted), 'objective')} {', '.join(targeted)}")
    if named:
        parts.append(f"named by {count(len(named), 'activity', 'activities')} {', '.join(named)}")
    return "; ".join(parts)


def targets(
    plans: Sequence[Plan], *, objective: str | None = None, goal: str | None = None, country: str | None = None
) -> Listing:
    """Target countries of the objectives, by group, then the countries their activities name.

    One row per country and source: the target group that lists it (with the group's whole rationale,
    which tables shorten to its gist), or the activity that names it (with its text).
    """
    refs = find_objectives(plans, objective=objective, goal=goal)
    wanted = resolve_country(country) if country is not None else None
    listing = Listing(
        [
            PLAN_COLUMN,
            Column("objective", "Obj.", wrap=False, importance=Importance.KEY),
            Column("country", "Country", max_width=20, importance=Importance.KEY),
            Column("iso", "ISO", wrap=False),
            Column("source", "Source", wrap=False),
            Column("type", "Type", wrap=False, importance=Importance.LOW),
            Column("why", "Why", gist=True, importance=Importance.KEY, main=True),
        ]
    )
    found = [m for m in mentions(refs) if wanted is None or m.country.code == wanted.code]
    for m in found:
        listing.add(
            plan=m.ref.plan.id,
            objective=m.ref.objective.id,
            country=m.written,
            iso=m.country.code,
            source=m.source,
            type=m.source_type,
            why=m.text,
        )
    if wanted is not None:
        listing.title = _country_title(wanted, found, plans)
    else:
        # distinct countries: Thailand, a target of 1A, 1B and 2B, counts once
        grouped = {m.country.code for m in found if m.source_type == TARGET_GROUP}
        named = {m.country.code for m in found if m.source_type == ACTIVITY}
        listing.title = (
            f"{_scope_title('Targets', refs, plans, objective, goal, listing.rows)}: "
            + count(len(grouped), "country", "countries")
            + " in target groups"
            + (f", {len(named - grouped)} more named only by activities" if named - grouped else "")
        )
    if not listing.rows:  # the message looks through every plan for the country's spelling: only when shown
        listing.empty_message = _no_targets_message(refs, wanted, _answering(plans, refs), objective)
    return listing


def _name(country: countries.Country, found: Sequence[Mention], plans: Sequence[Plan] = ()) -> str:
    """'Lao PDR (LA)': as the plans spell the country (anywhere in them, if `found` is empty)."""
    if not found:
        found = [m for m in mentions(find_objectives(plans)) if m.country.code == country.code]
    return f"{_spelling(found) if found else country.name} ({country.code})"


def _no_targets_message(
    refs: Sequence[ObjectiveRef], wanted: countries.Country | None, plans: Sequence[Plan], objective: str | None
) -> str:
    ids = list(dict.fromkeys(r.objective.id for r in refs))
    if not refs:
        message = f"{plans_phrase(plans)} {_verb(plans, 'has', 'have')} no objectives, so no target countries"
        pointer = actions_pointer(plans)
        return f"{message}; {pointer}" if pointer else message
    scope = f"objective{'s' if len(ids) > 1 else ''} {', '.join(ids)}" if objective is not None else "the objectives"
    where = f"{scope} in {plans_phrase(plans)}"
    if wanted is not None:
        return f"{_name(wanted, [], plans)} is not a target of {where}, nor named by an activity"
    prose = [
        f"{r.objective.id}: {gist(r.objective.targets.responsive)}"
        for r in refs
        if r.objective.targets and r.objective.targets.responsive
    ]
    message = f"{where}: no target countries"
    return message + (f" (responsive targeting — {'; '.join(prose)})" if prose else "")


def action_mentions(plans: Sequence[Plan]) -> Iterator[tuple[Plan, Action, str]]:
    """Every country an action names, as written, with its plan and action."""
    for plan in plans:
        for action, _, _ in all_actions(plan):
            for name in action.countries:
                yield plan, action, name


def countries_listing(plans: Sequence[Plan]) -> Listing:
    """Every country the plans name, per plan: the objectives, target groups and activities naming it."""
    listing = Listing(
        [
            PLAN_COLUMN,
            Column("country", "Country", max_width=20, importance=Importance.KEY),
            Column("iso", "ISO", wrap=False),
            Column("objectives", "Objectives", importance=Importance.KEY, main=True),
            Column("target_groups", "Groups", wrap=False, importance=Importance.LOW),
            Column("activities", "Activities", wrap=False, importance=Importance.LOW),
            Column("actions", "Actions", wrap=False, importance=Importance.LOW),
        ],
        empty_message=f"{plans_phrase(plans)} {_verb(plans, 'names', 'name')} no countries",
    )
    by_key: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions(find_objectives(plans)):
        by_key.setdefault((m.ref.plan.id, m.country.code or m.written), []).append(m)
    rows: list[dict[str, Any]] = []
    for (plan_id, code), ms in by_key.items():
        objective_ids = list(dict.fromkeys(m.ref.objective.id for m in ms))
        rows.append(
            {
                "plan": plan_id,
                "country": _spelling(ms),
                "iso": code if ms[0].country.code else "",
                "objectives": objective_ids,
                "target_groups": len({m.source for m in ms if m.source_type == TARGET_GROUP}),
                "activities": len({m.source for m in ms if m.source_type == ACTIVITY}),
                "actions": 0,
            }
        )
    by_row = {(r["plan"], r["iso"] or r["country"]): r for r in rows}
    for plan, _action, name in action_mentions(plans):
        country = _country(name)
        row = by_row.get((plan.id, country.code or name))
        if row is None:
            row = {"plan": plan.id, "country": name, "iso": country.code, "objectives": []}
            row |= {"target_groups": 0, "activities": 0, "actions": 0}
            rows.append(row)
            by_row[(plan.id, country.code or name)] = row
        row["actions"] += 1
    plan_order = {p.id: i for i, p in enumerate(plans)}
    for row in sorted(rows, key=lambda r: (plan_order[r["plan"]], countries.normalise(r["country"]))):
        listing.add(**row)
    n = len({r["iso"] or r["country"] for r in rows})
    listing.title = f"{count(n, 'country', 'countries')} named in {plans_phrase(_with_rows(plans, listing))}"
    return listing


def country_profile(plans: Sequence[Plan], name: str) -> Listing:
    """Where a country appears: every objective, target group and activity that names it."""
    wanted = resolve_country(name)
    found = [m for m in mentions(find_objectives(plans)) if m.country.code == wanted.code]
    listing = Listing(
        [
            PLAN_COLUMN,
            Column("objective", "Obj.", wrap=False, importance=Importance.KEY),
            Column("id", "Id", wrap=False, importance=Importance.KEY),
            Column("type", "Type", wrap=False, importance=Importance.LOW),
            Column("text", "Text", gist=True, importance=Importance.KEY, main=True),
        ],
        empty_message=f"{plans_phrase(plans)} {_verb(plans, 'does', 'do')} not name {_name(wanted, [])}",
    )
    seen: set[tuple[str, str]] = set()
    for m in found:
        key = (m.ref.plan.id, m.ref.objective.id)
        if key not in seen:
            seen.add(key)
            o = m.ref.objective
            listing.add(plan=m.ref.plan.id, objective=o.id, id=o.id, type=OBJECTIVE, text=o.title)
        listing.add(plan=m.ref.plan.id, objective=m.ref.objective.id, id=m.source, type=m.source_type, text=m.text)
    by_actions = [(p, a) for p, a, name in action_mentions(plans) if _country(name).code == wanted.code]
    for plan, action in by_actions:
        listing.add(plan=plan.id, objective=None, id=f"#{action.number}", type="action", text=action.text)
    if found:
        listing.title = _country_title(wanted, found, plans)
    if by_actions:
        named = ", ".join(f"#{a.number}" for _, a in by_actions)
        what = f"named by {count(len(by_actions), 'action')} {named}"
        title = listing.title or f"{_name(wanted, [])} in {plans_phrase(_with_rows(plans, listing))}:"
        listing.title = f"{title}{';' if found else ''} {what}"
    return listing


def _country_title(wanted: countries.Country, found: Sequence[Mention], plans: Sequence[Plan]) -> str:
    """'Laos (LA) in plan 2017: …': the country as the plans spell it, the plans naming it, and where."""
    answering = [p for p in plans if any(m.ref.plan is p for m in found)] or list(plans)
    return f"{_name(wanted, found)} in {plans_phrase(answering)}: {_where_named(found)}"


def objectives(plans: Sequence[Plan], *, goal: str | None = None) -> Listing:
    """The objectives, with their goal, priority, status and how much each holds."""
    refs = find_objectives(plans, goal=goal)
    listing = Listing(
        [
            PLAN_COLUMN,
            Column("goal", "Goal", wrap=False, importance=Importance.LOW),
            Column("id", "Id", wrap=False, importance=Importance.KEY),
            Column("title", "Title", importance=Importance.KEY, main=True),
            Column("priority", "Priority", tucked=True),
            Column("status_reason", "Why dropped", tucked=True),
            Column("status", "Status", wrap=False, importance=Importance.KEY),
            Column("indicators", "Ind.", wrap=False, importance=Importance.LOW),
            Column("targets", "Targets", wrap=False, importance=Importance.LOW),
            Column("activities", "Act.", wrap=False, importance=Importance.LOW),
        ],
        empty_message=_no_objectives(plans, goal),
    )
    for r in refs:
        o = r.objective
        listing.add(
            plan=r.plan.id,
            goal=r.goal.id,
            id=o.id,
            title=o.title,
            priority=o.priority,
            status=o.status,
            status_reason=o.status_reason,
            indicators=len(o.indicators),
            targets=len({c for g in o.targets.groups for c in g.countries}) if o.targets else 0,
            activities=sum(1 for _ in walk_activities(o.activities, ())),
        )
    listing.title = _scope_title("Objectives", refs, plans, None, goal, listing.rows)
    return listing


def _with_actions(plans: Sequence[Plan], goal: str | None = None) -> list[Plan]:
    """The plans that hold actions (under goal `goal`, if given)."""
    return [p for p in plans if any(goal is None or _same(g.id, goal) for _, g, _ in all_actions(p))]


def actions_pointer(plans: Sequence[Plan], goal: str | None = None) -> str | None:
    """'plan cartagena-... has actions, not objectives: planctl actions --goal I', or None."""
    having = _with_actions(plans, goal)
    if not having:
        return None
    where = f"'s goal {goal}" if goal is not None and len(having) == 1 else ""
    has = "has" if len(having) == 1 else "have"
    option = f" --goal {goal}" if goal is not None else ""
    return f"{plans_phrase(having)}{where} {has} actions, not objectives: `planctl actions{option}` lists them"


def _no_objectives(plans: Sequence[Plan], goal: str | None) -> str:
    if goal is not None:
        message = f"no plan has a goal {goal} with objectives"
    else:
        message = f"{plans_phrase(plans)} {_verb(plans, 'has', 'have')} no objectives"
    pointer = actions_pointer(plans, goal)
    if pointer and goal is None and len(_with_actions(plans)) == len(plans):
        return pointer  # an action plan (or several), and nothing else
    return f"{message}; {pointer}" if pointer else message


def actions(
    plans: Sequence[Plan],
    *,
    goal: str | None = None,
    addressed_to: str | None = None,
    search: str | None = None,
    country: str | None = None,
) -> Listing:
    """The actions of action plans, filtered by goal (section), addressees, text and country.

    `search` matches, ignoring case, a substring of the action's text, id, number or countries;
    `addressed_to` a substring of whom it is addressed to.
    """
    with_actions = _with_actions(plans)
    if goal is not None and not _with_actions(plans, goal):
        per_plan = {p.id: [g.id for g in p.goals if g.actions] for p in plans}
        raise _unknown("section", "sections with actions", goal, plans, per_plan, lister="planctl actions")
    wanted = resolve_country(country) if country is not None else None
    listing = Listing(
        [
            PLAN_COLUMN,
            Column("goal", "Sect.", wrap=False, importance=Importance.LOW),
            Column("number", "#", wrap=False, importance=Importance.KEY),
            Column("id", "Id", wrap=False, importance=Importance.LOW),
            Column("addressed_to", "Addressed to", max_width=24, importance=Importance.LOW),
            Column("text", "Text", importance=Importance.KEY, main=True),
            Column("deadline", "Deadline", tucked=True),
            Column("countries", "Countries", tucked=True),
            Column("indicators", "Indicators", tucked=True),
            Column("key_dates", "Key dates", tucked=True),
            Column("follow_up", "Follow-up", tucked=True),
        ]
    )
    from planctl.document import deadline

    def fold(text: str) -> str:
        return " ".join(text.split()).casefold()

    needle = fold(search) if search is not None else None
    addressees = fold(addressed_to) if addressed_to is not None else None
    for plan in with_actions:
        for action, g, _ in all_actions(plan):
            if goal is not None and not _same(g.id, goal):
                continue
            if addressees is not None and addressees not in fold(action.addressed_to):
                continue
            fields = [action.text, action.id, str(action.number), f"#{action.number}", *action.countries]
            if needle is not None and not any(needle in fold(f) for f in fields):
                continue
            if wanted is not None and not any(
                (c := countries.resolve(n)) is not None and c.code == wanted.code for n in action.countries
            ):
                continue
            listing.add(
                plan=plan.id,
                goal=g.id,
                number=action.number,
                id=action.id,
                addressed_to=action.addressed_to,
                text=action.text,
                deadline=deadline(plan, action.deadline) if action.deadline else None,
                countries=list(action.countries),
                indicators=[i.text for i in action.indicators],
                key_dates=list(action.key_dates),
                follow_up=action.follow_up,
            )
    filters = [f"in section {goal}"] if goal is not None else []
    if addressed_to is not None:
        filters.append(f"addressed to {addressed_to!r}")
    if search is not None:
        filters.append(f"matching {search!r}")
    if wanted is not None:
        filters.append(f"concerning {wanted.name}")
    scope = _with_rows(with_actions, listing) if with_actions else list(plans)
    listing.title = " ".join(["Actions", *filters, f"in {plans_phrase(scope)}"])
    if not with_actions:
        listing.empty_message = f"{plans_phrase(plans)} {_verb(plans, 'has', 'have')} no actions"
        listing.empty_message += "; `planctl objectives` and `planctl activities` list what they hold"
    else:
        listing.empty_message = f"no actions {' '.join(filters) or 'at all'} in {plans_phrase(with_actions)}"
    return listing


def indicators(plans: Sequence[Plan], *, objective: str | None = None, goal: str | None = None) -> Listing:
    """The indicators of the objectives."""
    refs = find_objectives(plans, objective=objective, goal=goal)
    listing = Listing(
        [
            PLAN_COLUMN,
            Column("objective", "Obj.", wrap=False, importance=Importance.KEY),
            Column("id", "Id", wrap=False, importance=Importance.KEY),
            Column("text", "Text", importance=Importance.KEY, main=True),
        ],
        empty_message=f"no indicators for {_what(objective, goal)} in {plans_phrase(plans)}",
    )
    for r in refs:
        for i in r.objective.indicators:
            listing.add(plan=r.plan.id, objective=r.objective.id, id=i.id, text=i.text)
    if objective is None:  # actions' indicators: the objective column names the action
        for plan in _with_actions(plans, goal):
            for action, g, _ in all_actions(plan):
                if goal is None or _same(g.id, goal):
                    for i in action.indicators:
                        listing.add(plan=plan.id, objective=f"action {action.number}", id=i.id, text=i.text)
        pointer = actions_pointer([p for p in plans if not p.objectives()], goal)
        if pointer and not listing.rows:
            listing.empty_message = f"no indicators in {plans_phrase(plans)}; {pointer}"
    listing.title = _scope_title("Indicators", refs, plans, objective, goal, listing.rows)
    return listing


def _with_rows(plans: Sequence[Plan], listing: Listing) -> list[Plan]:
    """The plans that gave rows to the listing; all of them if none did."""
    ids = {row["plan"] for row in listing.rows}
    return [p for p in plans if p.id in ids] or list(plans)


def _answering(plans: Sequence[Plan], refs: Sequence[ObjectiveRef]) -> list[Plan]:
    return [p for p in plans if any(r.plan is p for r in refs)] or list(plans)


def _what(objective: str | None, goal: str | None) -> str:
    if objective is not None:
        return f"objective {objective}"
    return f"the objectives of goal {goal}" if goal is not None else "any objective"


def activities(
    plans: Sequence[Plan],
    *,
    objective: str | None = None,
    goal: str | None = None,
    category: str | None = None,
    search: str | None = None,
) -> Listing:
    """Activities (sub-activities included), filtered by objective, goal, category and text.

    `search` matches, ignoring case, a substring of the activity's text, id or the countries it names.
    """
    refs = find_objectives(plans, objective=objective, goal=goal)
    chosen = categories_matching(plans, category) if category is not None else None
    listing = Listing(
        [
            PLAN_COLUMN,
            Column("objective", "Obj.", wrap=False, importance=Importance.KEY),
            Column("id", "Id", wrap=False, importance=Importance.KEY),
            Column("category", "Category", max_width=13, importance=Importance.LOW),
            Column("text", "Text", importance=Importance.KEY, main=True),
            Column("countries", "Countries", tucked=True),
            Column("key_dates", "Key dates", tucked=True),
        ]
    )
    needle = " ".join(search.split()).casefold() if search is not None else None
    for item in activity_items(refs):
        plan_id = item.ref.plan.id
        if chosen is not None and (item.category is None or chosen.get(plan_id) != item.category):
            continue
        a = item.activity
        if needle is not None and not any(
            needle in " ".join(s.split()).casefold() for s in [a.text, a.id, *a.countries]
        ):
            continue
        listing.add(
            plan=plan_id,
            objective=item.ref.objective.id,
            id=a.id,
            category=item.category.title if item.category else None,
            text=a.text,
            countries=list(a.countries),
            key_dates=list(a.key_dates),
        )
    filters = []
    if chosen is not None:
        filters.append(f"in category {', '.join(sorted({c.title for c in chosen.values()}))}")
    if search is not None:
        filters.append(f"matching {search!r}")
    listing.title = " ".join([_scope_title("Activities", refs, plans, objective, goal, listing.rows), *filters])
    listing.empty_message = (
        f"no activities {' '.join(filters) or 'at all'} for {_what(objective, goal)} in {plans_phrase(plans)}"
    )
    return listing


def publications(plans: Sequence[Plan]) -> Listing:
    """Publications, the items of a series right after it (with the series as `part_of`)."""
    listing = Listing(
        [
            PLAN_COLUMN,
            Column("id", "Id", wrap=False, importance=Importance.KEY),
            Column("title", "Title", min_width=20, max_width=26, importance=Importance.KEY),
            Column("part_of", "Part of", tucked=True),
            Column("description", "Description", main=True),
        ],
        empty_message=f"{plans_phrase(plans)} {_verb(plans, 'lists', 'list')} no publications",
    )

    def walk(plan: Plan, pubs: list[Publication], parent: str | None) -> None:
        for pub in pubs:
            listing.add(plan=plan.id, id=pub.id, title=pub.title, description=pub.description, part_of=parent)
            walk(plan, pub.publications, pub.id)

    for plan in plans:
        walk(plan, plan.publications, None)
    listing.title = f"Publications in {plans_phrase(_with_rows(plans, listing))}"
    return listing

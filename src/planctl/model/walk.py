"""Walks of a plan: each item with its path, for the checks, the links, the queries and the document."""

from __future__ import annotations

from collections.abc import Iterator

from planctl.diagnostics import ItemPath
from planctl.model.plan import Action, Activity, Goal, Objective, Plan, Publication


def walk_activities(activities: list[Activity], path: ItemPath) -> Iterator[tuple[Activity, ItemPath]]:
    """Each activity with its path, sub-activities after their parent."""
    for i, activity in enumerate(activities):
        here = (*path, i)
        yield activity, here
        yield from walk_activities(activity.activities, (*here, "activities"))


def objectives_with_paths(plan: Plan) -> Iterator[tuple[Objective, ItemPath]]:
    """Each objective of each goal with its path, ('goals', 0, 'objectives', 1)."""
    for gi, goal in enumerate(plan.goals):
        for oi, objective in enumerate(goal.objectives):
            yield objective, ("goals", gi, "objectives", oi)


def all_activities(plan: Plan) -> Iterator[tuple[Activity, ItemPath]]:
    for objective, path in objectives_with_paths(plan):
        yield from walk_activities(objective.activities, (*path, "activities"))


def walk_publications(pubs: list[Publication], path: ItemPath) -> Iterator[tuple[Publication, ItemPath]]:
    for i, pub in enumerate(pubs):
        yield pub, (*path, i)
        yield from walk_publications(pub.publications, (*path, i, "publications"))


def country_lists(plan: Plan) -> Iterator[tuple[list[str], ItemPath]]:
    """Every list of country names in the plan with its path."""
    for obj, opath in objectives_with_paths(plan):
        if obj.targets:
            for ti, group in enumerate(obj.targets.groups):
                yield group.countries, (*opath, "targets", "groups", ti, "countries")
    for activity, path in all_activities(plan):
        yield activity.countries, (*path, "countries")
    for action, _goal, path in all_actions(plan):
        yield action.countries, (*path, "countries")


def all_actions(plan: Plan) -> Iterator[tuple[Action, Goal, ItemPath]]:
    """Each action of each goal with its goal and path, ('goals', 0, 'actions', 1)."""
    for gi, goal in enumerate(plan.goals):
        for ai, action in enumerate(goal.actions):
            yield action, goal, ("goals", gi, "actions", ai)

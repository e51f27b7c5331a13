"""Links between plans: a plan `implements` another, its objectives implement that plan's objectives.

Checks work on `Links`, a small summary of a plan (its id, what it implements, its objectives' ids
and links), so that a batch of files can be checked without keeping every plan in memory.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from planctl.diagnostics import ItemPath, Problem
from planctl.model.plan import Plan
from planctl.model.walk import objectives_with_paths


@dataclass(frozen=True)
class ObjectiveLink:
    id: str
    implements: str | None
    path: ItemPath


@dataclass(frozen=True)
class Links:
    plan_id: str
    implements: str | None
    objectives: tuple[ObjectiveLink, ...]

    @classmethod
    def of(cls, plan: Plan) -> Links:
        return cls(
            plan.id,
            plan.implements,
            tuple(ObjectiveLink(o.id, o.implements, (*path, "implements")) for o, path in objectives_with_paths(plan)),
        )

    @property
    def has_links(self) -> bool:
        return self.implements is not None or any(o.implements for o in self.objectives)


def check_links(plan: Links, by_id: Mapping[str, Links], unchecked: Collection[str] = ()) -> list[Problem]:
    """Problems with `plan`'s links, resolved against the plans found (`by_id`: id -> their links).

    Links to the plans named in `unchecked` (found, but invalid) are not checked.
    """
    problems: list[Problem] = []
    if plan.implements in unchecked and plan.implements not in by_id:
        return problems
    target = by_id.get(plan.implements) if plan.implements else None
    if plan.implements and target is None:
        close = difflib.get_close_matches(plan.implements, list(by_id), n=1)
        problems.append(
            Problem(
                ("implements",),
                "unknown-plan",
                f"this plan implements {plan.implements!r}, but no plan has that id",
                hint=f"did you mean {close[0]!r}?"
                if close
                else "plans found: " + (", ".join(sorted(by_id)) or "none") + "; add the plan or fix the id",
            )
        )
    if plan.implements == plan.plan_id:
        problems.append(Problem(("implements",), "self-link", "a plan cannot implement itself"))
    elif target is not None:
        chain = [plan.plan_id, target.plan_id]
        step: Links | None = target
        while step is not None and step.implements and step.implements not in chain[1:]:
            if step.implements == plan.plan_id:
                problems.append(
                    Problem(
                        ("implements",),
                        "link-cycle",
                        "plans implement each other in a circle: " + " → ".join([*chain, plan.plan_id]),
                        hint="a strategy implements no plan; an annual plan implements the strategy",
                    )
                )
                break
            step = by_id.get(step.implements)
            if step is not None:
                chain.append(step.plan_id)
    for objective in plan.objectives:
        if objective.implements is None:
            continue
        if not plan.implements:
            problems.append(
                Problem(
                    objective.path,
                    "unknown-plan",
                    f"objective {objective.id!r} implements {objective.implements!r}, "
                    "but the plan does not say which plan it implements",
                    hint="add `implements: <plan id>` at the top of the plan",
                )
            )
        elif target is not None:
            ids = [o.id for o in target.objectives]
            if objective.implements not in ids:
                close = difflib.get_close_matches(objective.implements, ids, n=1)
                problems.append(
                    Problem(
                        objective.path,
                        "unknown-reference",
                        f"objective {objective.id!r} implements {objective.implements!r}, "
                        f"which is not an objective of plan {target.plan_id!r}",
                        hint=f"did you mean {close[0]!r}?" if close else f"its objectives are {', '.join(ids)}",
                    )
                )
    return problems

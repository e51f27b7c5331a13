"""Links between plans: a plan `implements` another, its objectives implement that plan's objectives."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from planctl.diagnostics import Problem
from planctl.model.plan import Plan


def check_links(plan: Plan, universe: Iterable[Plan]) -> list[Problem]:
    """Problems with `plan`'s links, resolved against the plans in `universe`."""
    by_id = {p.id: p for p in universe}
    problems: list[Problem] = []
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
    if plan.implements == plan.id:
        problems.append(Problem(("implements",), "self-link", "a plan cannot implement itself"))
    for gi, goal in enumerate(plan.goals):
        for oi, objective in enumerate(goal.objectives):
            if objective.implements is None:
                continue
            path = ("goals", gi, "objectives", oi, "implements")
            if not plan.implements:
                problems.append(
                    Problem(
                        path,
                        "unknown-plan",
                        f"objective {objective.id!r} implements {objective.implements!r}, "
                        "but the plan does not say which plan it implements",
                        hint="add `implements: <plan id>` at the top of the plan",
                    )
                )
            elif target is not None:
                ids = [o.id for o in target.objectives()]
                if objective.implements not in ids:
                    close = difflib.get_close_matches(objective.implements, ids, n=1)
                    problems.append(
                        Problem(
                            path,
                            "unknown-reference",
                            f"objective {objective.id!r} implements {objective.implements!r}, "
                            f"which is not an objective of plan {target.id!r}",
                            hint=f"did you mean {close[0]!r}?" if close else f"its objectives are {', '.join(ids)}",
                        )
                    )
    return problems

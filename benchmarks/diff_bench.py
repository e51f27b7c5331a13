"""How `planctl diff` scales: two synthetic plans of N and 2N activities, and the ratio of their times.

Run: python benchmarks/diff_bench.py [N]   (default N = 10,000)

Each plan pair differs in about 5% of its activities (reworded, moved to another objective or
category, added, removed) and in a few events and target countries. The diff is linear when the
time ratio for twice the activities stays near 2.
"""

from __future__ import annotations

import copy
import random
import sys
import time
from typing import Any

from planctl.diff import diff_plans
from planctl.model.validation import parse_plan
from planctl.render.diff import RENDERERS

WORDS = [
    "campaign",
    "treaty",
    "ban",
    "mines",
    "support",
    "victims",
    "report",
    "national",
    "states",
    "parties",
    "universalization",
    "action",
]
COUNTRIES = ["Angola", "Laos", "Nepal", "Peru", "Mali", "Chad", "Iraq", "Yemen", "Sri Lanka", "DR Congo"]


def synthetic(activities: int, seed: int = 1) -> tuple[dict[str, Any], dict[str, Any]]:
    """An old plan with `activities` activities under 100-activity objectives, and an edited copy."""
    rnd = random.Random(seed)

    def text(n: int = 14) -> str:
        return " ".join(rnd.choice(WORDS) for _ in range(n))

    per_objective = 100
    objectives = []
    for o in range(activities // per_objective):
        objectives.append(
            {
                "id": f"O{o}",
                "title": text(6),
                "indicators": [{"id": f"O{o}.i{i}", "text": text(5)} for i in range(3)],
                "targets": {"groups": [{"id": f"O{o}.g", "countries": rnd.sample(COUNTRIES, 4)}]},
                "activities": [
                    {"id": f"O{o}.a{a}", "category": f"c{a % 4}", "text": text(), "key_dates": [f"e{a % 50}"]}
                    for a in range(per_objective)
                ],
            }
        )
    old = {
        "id": "bench",
        "title": "Benchmark plan",
        "organisation": "Org",
        "kind": "operational",
        "period": {"start": "2020-01-01", "end": "2020-12-31"},
        "categories": [{"id": f"c{i}", "title": f"Category {i}"} for i in range(4)],
        "goals": [{"id": "1", "title": "Goal", "objectives": objectives}],
        "calendar": [
            {"id": f"e{i}", "title": text(5), "date": f"2020-{i % 12 + 1:02d}-{i % 28 + 1:02d}"} for i in range(50)
        ],
    }
    new: dict[str, Any] = copy.deepcopy(old)
    objs = new["goals"][0]["objectives"]
    for obj in objs:
        rnd.shuffle(obj["activities"])  # reordering: no change, but no help to the diff either
        acts = obj["activities"]
        acts[0]["text"] += " and more"  # reworded
        acts[1]["category"] = "c3" if acts[1]["category"] != "c3" else "c0"  # moved to another category
        acts.pop(2)  # removed
        acts.append({"id": f"{obj['id']}.new", "text": text()})  # added
        obj["targets"]["groups"][0]["countries"][0] = (
            "Peru" if "Peru" not in obj["targets"]["groups"][0]["countries"] else "Chad"
        )
    for i in range(0, len(objs) - 1, 2):  # an activity moved to the next objective
        objs[i + 1]["activities"].append(objs[i]["activities"].pop(3))
    new["calendar"][0]["date"] = "2020-06-30"
    return old, new


def best_of(runs: int, fn: Any) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(activities: int) -> tuple[float, float, int]:
    old_data, new_data = synthetic(activities)
    old, new = parse_plan(old_data), parse_plan(new_data)
    items = diff_plans(old, new)
    diff_time = best_of(5, lambda: diff_plans(old, new))

    from planctl.diff import DiffReport, PlanDiff

    report = DiffReport((PlanDiff("old", "new", "bench", None, items),))
    render_time = best_of(3, lambda: RENDERERS["text"](report))
    return diff_time, render_time, len(items)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    small = measure(n)
    large = measure(2 * n)
    print(f"{'activities':>10}  {'diff':>8}  {'render text':>11}  changes")
    for size, (d, r, count) in ((n, small), (2 * n, large)):
        print(f"{size:>10,}  {d * 1000:>6.0f}ms  {r * 1000:>9.0f}ms  {count:,}")
    print(
        f"ratio for twice the activities: diff {large[0] / small[0]:.2f}, render {large[1] / small[1]:.2f} (linear: ~2)"
    )


if __name__ == "__main__":
    main()

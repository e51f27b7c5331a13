"""Properties of the diff over generated plans: nothing differs from itself or from a reordered copy."""

from __future__ import annotations

import copy
import datetime as dt
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planctl.diff import diff_plans
from planctl.model.validation import parse_plan
from tests.conftest import examples

WORDS = st.sampled_from(["campaign", "treaty", "ban", "mines", "Geneva", "support", "victims", "report", "#", "2017"])
TEXT = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)
COUNTRIES = st.lists(
    st.sampled_from(["Angola", "Laos", "NO", "DR Congo", "The Gambia", "Peru", "Nepal", "USA"]), max_size=4, unique=True
)
DATES = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2020, 12, 31))


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    """A valid plan with every kind of item; ids are unique by construction."""
    categories = [{"id": f"c{i}", "title": draw(TEXT)} for i in range(draw(st.integers(0, 3)))]
    events = []
    for i in range(draw(st.integers(0, 4))):
        event: dict[str, Any] = {"id": f"e{i}", "title": draw(TEXT), "tentative": draw(st.booleans())}
        form = draw(st.sampled_from(["date", "range", "month"]))
        if form == "date":
            event["date"] = draw(DATES).isoformat()
        elif form == "range":
            a, b = sorted([draw(DATES), draw(DATES)])
            event["start"], event["end"] = a.isoformat(), b.isoformat()
        else:
            event["month"] = f"2020-{draw(st.integers(1, 12)):02d}"
        events.append(event)
    counter = iter(range(10_000))

    def activities(depth: int) -> list[dict[str, Any]]:
        out = []
        for _ in range(draw(st.integers(0, 3 if depth == 0 else 1))):
            activity: dict[str, Any] = {"id": f"a{next(counter)}", "text": draw(TEXT), "countries": draw(COUNTRIES)}
            if categories:
                activity["category"] = draw(st.sampled_from([c["id"] for c in categories]))
            if events:
                activity["key_dates"] = draw(st.lists(st.sampled_from([e["id"] for e in events]), unique=True))
            if depth < 2:
                activity["activities"] = activities(depth + 1)
            out.append(activity)
        return out

    goals = []
    for g in range(draw(st.integers(0, 2))):
        objectives = []
        for o in range(draw(st.integers(0, 3))):
            objectives.append(
                {
                    "id": f"{g}.{o}",
                    "title": draw(TEXT),
                    "priority": draw(st.sampled_from(["high", "low", None])),
                    "indicators": [{"id": f"{g}.{o}.i{i}", "text": draw(TEXT)} for i in range(draw(st.integers(0, 2)))],
                    "targets": {
                        "rules": draw(st.lists(TEXT, max_size=2)),
                        "groups": [
                            {"id": f"{g}.{o}.g{i}", "countries": draw(COUNTRIES)}
                            for i in range(draw(st.integers(0, 2)))
                        ],
                    },
                    "activities": activities(0),
                }
            )
        goals.append(
            {
                "id": f"g{g}",
                "title": draw(TEXT),
                "objectives": objectives,
                "resolutions": [{"number": n, "text": draw(TEXT)} for n in range(draw(st.integers(0, 2)))],
                "actions": [
                    {"id": f"g{g}.x{n}", "number": g * 100 + n + 1, "addressed_to": draw(TEXT), "text": draw(TEXT)}
                    for n in range(draw(st.integers(0, 2)))
                ],
            }
        )
    publications = [
        {
            "id": f"p{i}",
            "title": draw(TEXT),
            "publications": [{"id": f"p{i}.{j}", "title": draw(TEXT)} for j in range(draw(st.integers(0, 2)))],
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    return {
        "id": "generated",
        "title": draw(TEXT),
        "organisation": "Org",
        "kind": "operational",
        "period": {"start": "2020-01-01", "end": "2020-12-31"},
        "categories": categories,
        "goals": goals,
        "sections": [
            {"id": f"s{i}", "title": draw(TEXT), "text": draw(TEXT), "items": draw(st.lists(TEXT, max_size=3))}
            for i in range(draw(st.integers(0, 2)))
        ],
        "publications": publications,
        "calendar": events,
        "footnotes": [{"id": f"f{i}", "text": draw(TEXT)} for i in range(draw(st.integers(0, 2)))],
    }


def shuffled(node: Any, rnd: random.Random) -> Any:
    """The same plan with every list (items, countries, key dates, rules, paragraphs) in another order."""
    if isinstance(node, list):
        items = [shuffled(v, rnd) for v in node]
        rnd.shuffle(items)
        return items
    if isinstance(node, dict):
        return {k: shuffled(v, rnd) for k, v in node.items()}
    return node


@pytest.mark.slow
@settings(max_examples=examples(60), deadline=None)
@given(plans())
def test_a_plan_does_not_differ_from_itself(data: dict[str, Any]) -> None:
    plan = parse_plan(data)
    assert diff_plans(plan, plan) == ()
    assert diff_plans(plan, parse_plan(copy.deepcopy(data))) == ()


@pytest.mark.slow
@settings(max_examples=examples(60), deadline=None)
@given(plans(), st.randoms(use_true_random=False))
def test_a_reordered_copy_does_not_differ(data: dict[str, Any], rnd: random.Random) -> None:
    assert diff_plans(parse_plan(data), parse_plan(shuffled(data, rnd))) == ()


@pytest.mark.slow
@settings(max_examples=examples(40), deadline=None)
@given(plans(), plans())
def test_what_one_way_adds_the_other_way_removes(a_data: dict[str, Any], b_data: dict[str, Any]) -> None:
    a, b = parse_plan(a_data), parse_plan(b_data)
    forward, backward = diff_plans(a, b), diff_plans(b, a)
    added = {(i.kind, i.id) for i in forward if i.op == "added"}
    assert added == {(i.kind, i.id) for i in backward if i.op == "removed"}
    assert {(i.kind, i.id) for i in forward if i.op in ("changed", "moved")} == {
        (i.kind, i.id) for i in backward if i.op in ("changed", "moved")
    }

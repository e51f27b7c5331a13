"""The semantic diff: items matched by id, moves, reworded text, countries by ISO code, order ignored."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from planctl import api
from planctl.diff import FieldChange, ItemDiff, Ref, diff_plans, word_diff
from planctl.files.yaml import parse_document
from planctl.model.plan import Model, Plan
from planctl.model.validation import parse_plan
from tests.conftest import CASES, PLANS, web_summary_2017

BASE: dict[str, Any] = parse_document((CASES / "valid" / "full-shape.yaml").read_text(), positions=False).data


def edited(edit: Callable[[dict[str, Any]], None]) -> Plan:
    data = copy.deepcopy(BASE)
    edit(data)
    return parse_plan(data)


def base() -> Plan:
    return parse_plan(copy.deepcopy(BASE))


def objective(data: dict[str, Any], i: int = 0) -> dict[str, Any]:
    result: dict[str, Any] = data["goals"][0]["objectives"][i]
    return result


def brief(items: tuple[ItemDiff, ...]) -> list[tuple[str, str, str, list[str]]]:
    return [(i.op, i.kind, i.id, [c.field for c in i.fields]) for i in items]


def test_web_summary_of_2017_differs_from_the_pdf_in_exactly_two_events() -> None:
    pdf = api.load_plan(PLANS / "2017.yaml")
    web = api.check_text(web_summary_2017(), "web.yaml").plan
    assert web is not None
    items = diff_plans(pdf, web)
    assert brief(items) == [
        ("changed", "event", "lm-2017-launch", ["date", "tentative"]),
        ("changed", "event", "msp16-mbt", ["end"]),
    ]
    launch, msp = items
    assert launch.fields == (
        FieldChange("date", "value", dt.date(2017, 12, 15), dt.date(2017, 12, 14)),
        FieldChange("tentative", "value", True, False),
    )
    assert msp.fields == (FieldChange("end", "value", dt.date(2017, 12, 22), dt.date(2017, 12, 21)),)
    assert launch.top == "calendar" and launch.where == ()
    assert launch.new is not None and launch.new["title"] == "Launch of Landmine Monitor 2017 report"


def test_a_plan_does_not_differ_from_itself() -> None:
    plan = api.load_plan(PLANS / "2017.yaml")
    assert diff_plans(plan, plan) == ()
    assert diff_plans(plan, api.load_plan(PLANS / "2017.yaml")) == ()


def test_a_plan_reversed_in_every_list_does_not_differ() -> None:
    def reverse(node: Any) -> Any:
        if isinstance(node, list):
            return [reverse(v) for v in reversed(node)]
        if isinstance(node, dict):
            return {k: reverse(v) for k, v in node.items()}
        return node

    data = parse_document((PLANS / "2017.yaml").read_text(encoding="utf-8"), positions=False).data
    assert diff_plans(parse_plan(data), parse_plan(reverse(data))) == ()


def test_metadata_changes_are_changes_of_the_plan_itself() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["title"] = "Example Operational Plan 2024, revised"
        d["period"]["end"] = "2024-11-30"
        d["id"] = "example-2024b"

    [item] = diff_plans(base(), edited(edit))
    assert (item.op, item.kind, item.id, item.top) == ("changed", "plan", "example-2024b", "")
    assert item.fields == (
        FieldChange("id", "value", "example-2024", "example-2024b"),
        FieldChange(
            "title",
            "text",
            "Example Operational Plan 2024",
            "Example Operational Plan 2024, revised",
            words=(("=", "Example Operational Plan"), ("-", "2024"), ("+", "2024, revised")),
        ),
        FieldChange("period.end", "value", dt.date(2024, 12, 31), dt.date(2024, 11, 30)),
    )


def test_added_and_removed_objectives_bring_their_items() -> None:
    def add(d: dict[str, Any]) -> None:
        d["goals"][0]["objectives"].append(
            {
                "id": "1B",
                "title": "A new objective",
                "indicators": [{"id": "1B.i1", "text": "# of things"}],
                "activities": [{"id": "1B.a1", "text": "Do things."}],
            }
        )

    assert brief(diff_plans(base(), edited(add))) == [
        ("added", "objective", "1B", []),
        ("added", "indicator", "1B.i1", []),
        ("added", "activity", "1B.a1", []),
    ]
    removed = diff_plans(edited(add), base())
    assert [(i.op, i.id) for i in removed] == [("removed", "1B"), ("removed", "1B.i1"), ("removed", "1B.a1")]
    assert removed[2].where == (Ref("goal", "1", "Fewer problems"), Ref("objective", "1B", "A new objective"))
    assert removed[2].old is not None and removed[2].old["text"] == "Do things." and removed[2].new is None


def test_target_countries_compare_by_iso_code() -> None:
    def edit(d: dict[str, Any]) -> None:
        group = objective(d)["targets"]["groups"][0]
        # was [NO, Lao PDR, DR Congo, The Gambia, Sao Tome & Principe, the United States]
        group["countries"] = [
            "USA",
            "Laos",
            "Mali",
            "Gambia",
            "São Tomé and Príncipe",
            "Democratic Republic of the Congo",
        ]

    [item] = diff_plans(base(), edited(edit))
    assert (item.op, item.kind, item.id) == ("changed", "target group", "1A.g1")
    assert item.fields == (FieldChange("countries", "set", added=("Mali",), removed=("NO",)),)


def test_respelled_and_reordered_countries_are_no_change() -> None:
    def edit(d: dict[str, Any]) -> None:
        objective(d)["targets"]["groups"][0]["countries"] = [
            "United States of America",
            "Norway",
            "Sao Tome and Principe",
            "Lao People's Democratic Republic",
            "Congo, The Democratic Republic of the",
            "Gambia",
        ]
        objective(d)["activities"][0]["countries"] = ["NOR"]

    assert diff_plans(base(), edited(edit)) == ()


def test_reworded_activity_is_a_word_diff() -> None:
    def edit(d: dict[str, Any]) -> None:
        objective(d)["activities"][0]["text"] = "Write short letters."
        objective(d)["indicators"][0]["text"] = "# of states that joined or signed"

    indicator, activity = diff_plans(base(), edited(edit))
    assert (indicator.kind, indicator.fields[0].words) == (
        "indicator",
        (("=", "# of states that joined"), ("+", "or signed")),
    )
    assert activity.fields == (
        FieldChange(
            "text",
            "text",
            "Write letters.",
            "Write short letters.",
            words=(("=", "Write"), ("+", "short"), ("=", "letters.")),
        ),
    )


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"date": "2024-03-01"}, [("date", dt.date(2024, 2, 28), dt.date(2024, 3, 1))]),
        ({"location": "Vienna"}, [("location", "Geneva", "Vienna")]),
        ({"tentative": True}, [("tentative", False, True)]),
        (
            {"date": None, "month": "2024-02"},
            [("date", dt.date(2024, 2, 28), None), ("month", None, "2024-02")],
        ),
    ],
)
def test_event_changes(change: dict[str, Any], fields: list[tuple[str, Any, Any]]) -> None:
    def edit(d: dict[str, Any]) -> None:
        event = d["calendar"][0]
        event.update(change)
        for k in [k for k, v in event.items() if v is None]:
            del event[k]

    [item] = diff_plans(base(), edited(edit))
    assert (item.op, item.kind, item.id) == ("changed", "event", "launch")
    assert [(c.field, c.old, c.new) for c in item.fields] == fields
    assert item.old is not None and item.new is not None  # whole events, so a renderer can word the dates


def test_a_range_that_changes_and_an_event_added() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["calendar"][1]["end"] = "2024-09-07"
        d["calendar"].insert(0, {"id": "new", "title": "New", "date": "2024-05-05"})

    assert brief(diff_plans(base(), edited(edit))) == [
        ("added", "event", "new", []),
        ("changed", "event", "meeting", ["end"]),
    ]


def test_activity_under_another_objective_is_a_move_not_removal_and_addition() -> None:
    def edit(d: dict[str, Any]) -> None:
        moved = objective(d)["activities"].pop(0)
        moved["text"] = "Write many letters."
        d["goals"][0]["objectives"].append({"id": "1B", "title": "Another", "activities": [moved]})

    items = diff_plans(base(), edited(edit))
    assert brief(items) == [("added", "objective", "1B", []), ("moved", "activity", "1A.a1", ["text"])]
    move = items[1]
    assert move.moved_from is not None and [r.id for r in move.moved_from] == ["1", "1A"]
    assert [r.id for r in move.where] == ["1", "1B"]
    # its sub-activity moved with it: same parent, so no change of its own


def test_sub_activity_promoted_to_an_objective_is_a_move() -> None:
    def edit(d: dict[str, Any]) -> None:
        sub = objective(d)["activities"][0].pop("activities")[0]
        objective(d)["activities"].append(sub)

    [item] = diff_plans(base(), edited(edit))
    assert (item.op, item.id, [r.id for r in item.moved_from or ()]) == ("moved", "1A.a1.1", ["1", "1A", "1A.a1"])


def test_activity_in_another_category_is_a_move() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["categories"].append({"id": "research", "title": "Research"})
        objective(d)["activities"][0]["category"] = "research"

    added, moved = diff_plans(base(), edited(edit))
    assert (added.op, added.kind) == ("added", "category")
    assert (moved.op, moved.id, moved.moved_from) == ("moved", "1A.a1", None)
    assert moved.fields == (FieldChange("category", "value", "advocacy", "research"),)


def test_publication_moved_out_of_its_series() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["publications"].append(d["publications"][0].pop("publications")[0])

    [item] = diff_plans(base(), edited(edit))
    assert (item.op, item.kind, item.id, item.where) == ("moved", "publication", "factsheet", ())
    assert item.moved_from == (Ref("publication", "report", "Annual report"),)


def test_sections_and_lists_of_text_ignore_order() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["sections"][0]["items"] = ["three", "one"]
        objective(d)["targets"]["rules"] = ["Any state that does X or Y is a target."]
        objective(d)["activities"][0]["key_dates"] = ["meeting", "launch"]

    objective_change, activity, section = diff_plans(base(), edited(edit))
    assert objective_change.fields == (
        FieldChange(
            "targets.rules",
            "set",
            added=("Any state that does X or Y is a target.",),
            removed=("Any state that does X is a target.",),
            words=(("=", "Any state that does X"), ("+", "or Y"), ("=", "is a target.")),
        ),
    )
    assert activity.fields == (FieldChange("key_dates", "set", added=("meeting",)),)
    assert section.fields == (FieldChange("items", "set", added=("three",), removed=("two",)),)


def test_fields_without_diff_code_are_diffed_too() -> None:
    """Objectives' priority, goals' actions and resolutions have no code of their own in the diff."""

    def edit(d: dict[str, Any]) -> None:
        objective(d)["priority"] = "low"
        objective(d)["status"] = "dropped"
        d["goals"][0]["actions"] = [{"id": "a1", "number": 1, "addressed_to": "All", "text": "Act."}]
        d["goals"][0]["resolutions"] = [{"number": 1, "text": "Resolved, again."}, {"text": "Unnumbered."}]

    def before(d: dict[str, Any]) -> None:
        d["goals"][0]["actions"] = [{"id": "a1", "number": 1, "addressed_to": "All", "text": "Act now."}]
        d["goals"][0]["resolutions"] = [{"number": 1, "text": "Resolved."}]

    goal, obj, action = diff_plans(edited(before), edited(edit))
    assert goal.fields == (
        FieldChange(
            "resolutions[1].text",
            "text",
            "Resolved.",
            "Resolved, again.",
            words=(("-", "Resolved."), ("+", "Resolved, again.")),
        ),
        FieldChange("resolutions", "set", added=({"number": None, "text": "Unnumbered."},)),
    )
    assert (action.kind, action.id, [c.field for c in action.fields]) == ("action", "a1", ["text"])
    assert obj.fields == (
        FieldChange("priority", "value", "high", "low"),
        FieldChange("status", "value", "active", "dropped"),
    )


@dataclasses.dataclass
class Leaf(Model):
    id: str
    size: int = 0


@dataclasses.dataclass
class Meta(Model):
    owner: str
    tags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Doc(Model):
    id: str
    meta: Meta
    leaves: list[Leaf] = dataclasses.field(default_factory=list)


def test_the_walk_is_generic_over_any_models() -> None:
    a = Doc(id="d", meta=Meta(owner="x"), leaves=[Leaf(id="1"), Leaf(id="2")])
    b = Doc(id="d", meta=Meta(owner="x", tags=["t"]), leaves=[Leaf(id="2", size=3), Leaf(id="3")])
    assert brief(diff_plans(a, b)) == [
        ("changed", "doc", "d", ["meta.tags"]),
        ("removed", "leaf", "1", []),
        ("changed", "leaf", "2", ["size"]),
        ("added", "leaf", "3", []),
    ]


def test_duplicate_ids_of_an_unchecked_plan_do_not_collapse() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["calendar"].append(dict(d["calendar"][0], title="Second launch"))

    assert brief(diff_plans(base(), edited(edit))) == [("added", "event", "launch", [])]


def test_targets_appearing_where_there_were_none() -> None:
    def before(d: dict[str, Any]) -> None:
        del objective(d)["targets"]

    items = diff_plans(edited(before), base())
    assert brief(items) == [
        ("changed", "objective", "1A", ["targets.rules", "targets.notes"]),
        ("added", "target group", "1A.g1", []),
    ]


def test_word_diff() -> None:
    assert word_diff("a b c", "a x c") == (("=", "a"), ("-", "b"), ("+", "x"), ("=", "c"))
    assert word_diff("a  b\nc", "a b c") == (("=", "a b c"),)
    assert word_diff("", "new words") == (("+", "new words"),)

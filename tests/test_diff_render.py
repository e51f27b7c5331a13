"""The diff renderers, output for output: text for people, markdown for pull requests, JSON for tools."""

from __future__ import annotations

import json
from typing import Any

from planctl import api
from planctl.diff import DiffReport, PlanDiff, diff_plans
from planctl.render.diff import RENDERERS, markdown, text, to_json
from tests.conftest import PLANS, web_summary_2017
from tests.test_diff import base, edited, objective


def web_report() -> DiffReport:
    pdf = api.load_plan(PLANS / "2017.yaml")
    web = api.check_text(web_summary_2017(), "web.yaml").plan
    assert web is not None
    return DiffReport((PlanDiff("plans/2017.yaml", "web.yaml", web.id, web.title, diff_plans(pdf, web)),))


def edit(d: dict[str, Any]) -> None:
    d["title"] = "Example Operational Plan 2024 (revised)"
    o = objective(d)
    o["priority"] = "low"
    o["indicators"] = []
    o["targets"]["groups"][0]["countries"] = ["Norway", "Laos", "Mali", "DR Congo", "The Gambia", "Sao Tome & Principe"]
    a = o["activities"][0]
    a["text"] = (
        "Write letters to the ministers of foreign affairs of every state in the region, \x1b[31m and *follow up*."
    )
    sub = a.pop("activities")[0]
    d["goals"][0]["objectives"].append({"id": "1B", "title": "Second objective", "activities": [sub]})
    d["calendar"][2]["tentative"] = False
    d["calendar"][1].update(start="2024-09-05", end="2024-09-07")
    d["calendar"].append(
        {"id": "extra", "title": "Extra meeting", "start": "2024-11-30", "end": "2024-12-02", "location": "Vienna"}
    )
    d["sections"][0]["items"] = ["one", "a much longer item that says a great deal more than the others do, really"]


def many_report() -> DiffReport:
    new = edited(edit)
    return DiffReport((PlanDiff("a.yaml", "b.yaml", new.id, new.title, diff_plans(base(), new)),))


WEB_TEXT = """\
plan 2017: plans/2017.yaml → web.yaml

Calendar
  ~ event lm-2017-launch “Launch of Landmine Monitor 2017 report”: moved 15 Dec 2017 (tbc) → 14 Dec 2017
  ~ event msp16-mbt “16th Meeting of States Parties to the Mine Ban Treaty”: range changed 18–22 Dec 2017 → 18–21 Dec 2017

2 changes: 2 changed.
"""


def test_text_of_the_web_summary_case() -> None:
    assert text(web_report()).plain == WEB_TEXT


def test_text_groups_changes_by_objective_in_document_order() -> None:
    assert (
        text(many_report()).plain
        == """\
plan example-2024: a.yaml → b.yaml

Plan
  ~ plan example-2024 “Example Operational Plan 2024 (revised)”
      title: Example Operational Plan 2024 {+(revised)+}

Objective 1A: Norway joins
  ~ objective 1A “Norway joins”: priority: high → low
  - indicator 1A.i1: # of states that joined
  ~ target group 1A.g1: countries: added {+Mali+}; removed [-the United States-]
  ~ activity 1A.a1
      text: Write [-letters.-] {+letters to the ministers of foreign affairs of every state in the region, \\x1b[31m and *follow up*.+}

Objective 1B: Second objective
  + objective 1B “Second objective”
  → activity 1A.a1.1: moved from activity 1A.a1 to objective 1B

Sections
  ~ section context “Context”
      items: [-two-] {+a much longer item that says a great deal more than the others do, really+}

Calendar
  ~ event meeting “Meeting”: moved 4–6 Sep 2024 → 5–7 Sep 2024
  ~ event month-only “Sometime in October”: confirmed for Oct 2024
  + event extra “Extra meeting”: 30 Nov – 2 Dec 2024, Vienna

11 changes: 2 added, 1 removed, 7 changed, 1 moved.
"""
    )


def test_long_unchanged_text_is_cut_around_the_change() -> None:
    def reword(d: dict[str, Any]) -> None:
        d["sections"][0]["text"] = " ".join(f"w{i}" for i in range(40))

    def reworded(d: dict[str, Any]) -> None:
        d["sections"][0]["text"] = " ".join("CHANGED" if i in (3, 30) else f"w{i}" for i in range(40))

    old, new = edited(reword), edited(reworded)
    report = DiffReport((PlanDiff("a", "b", "x", None, diff_plans(old, new)),))
    assert text(report).plain.splitlines()[4] == (
        "      text: w0 w1 w2 [-w3-] {+CHANGED+} w4 w5 w6 w7 w8 w9 … w24 w25 w26 w27 w28 w29 [-w30-] {+CHANGED+}"
        " w31 w32 w33 w34 w35 w36 …"
    )


def test_event_wording() -> None:
    def dates(**event: Any) -> Any:
        def apply(d: dict[str, Any]) -> None:
            d["calendar"][0] = {"id": "launch", "title": "Launch", **event}

        return apply

    cases = [
        (dict(date="2024-02-28"), dict(date="2024-02-28", tentative=True), "now tentative: 28 Feb 2024 (tbc)"),
        (dict(month="2024-10"), dict(date="2024-10-16"), "dates changed Oct 2024 → 16 Oct 2024"),
        (
            dict(start="2024-12-30", end="2024-12-31"),
            dict(date="2024-12-31"),
            "dates changed 30–31 Dec 2024 → 31 Dec 2024",
        ),
        (dict(date="2024-02-28"), dict(date="2024-02-28", location="Oslo"), "location: (none) → Oslo"),
    ]
    for before, after, phrase in cases:
        report = DiffReport(
            (PlanDiff("a", "b", "x", None, diff_plans(edited(dates(**before)), edited(dates(**after)))),)
        )
        assert text(report).plain.splitlines()[3] == f"  ~ event launch “Launch”: {phrase}"


MANY_MARKDOWN = """\
## Plan changes

11 changes: 2 added, 1 removed, 7 changed, 1 moved.

### Plan example-2024: `a.yaml` → `b.yaml`

#### Plan

- **changed** plan `example-2024` “Example Operational Plan 2024 (revised)”
  - title: Example Operational Plan 2024 **(revised)**

#### Objective 1A: Norway joins

- **changed** objective `1A` “Norway joins”: priority: high → low
- **removed** indicator `1A.i1`: # of states that joined
- **changed** target group `1A.g1`: countries: added **Mali**; removed ~~the United States~~
- **changed** activity `1A.a1`
  - text: Write ~~letters.~~ **letters to the ministers of foreign affairs of every state in the region, \\\\x1b\\[31m and \\*follow up\\*.**

#### Objective 1B: Second objective

- **added** objective `1B` “Second objective”
- **moved** activity `1A.a1.1`: moved from activity 1A.a1 to objective 1B

#### Sections

- **changed** section `context` “Context”
  - items: ~~two~~ **a much longer item that says a great deal more than the others do, really**

#### Calendar

- **changed** event `meeting` “Meeting”: moved 4–6 Sep 2024 → 5–7 Sep 2024
- **changed** event `month-only` “Sometime in October”: confirmed for Oct 2024
- **added** event `extra` “Extra meeting”: 30 Nov – 2 Dec 2024, Vienna
"""


def test_markdown_for_a_pull_request_escapes_plan_text() -> None:
    assert markdown(many_report()) == MANY_MARKDOWN


def test_markdown_without_differences_says_so() -> None:
    assert markdown(DiffReport((PlanDiff("a", "b", "x", None),))) == "## Plan changes\n\nNo differences.\n"


def test_json_of_the_web_summary_case() -> None:
    payload = json.loads(to_json(web_report()))
    assert payload["changed"] is True
    assert payload["summary"] == {"added": 0, "removed": 0, "changed": 2, "moved": 0}
    [plan] = payload["plans"]
    assert (plan["plan"], plan["status"], plan["old"], plan["new"]) == (
        "2017",
        "modified",
        "plans/2017.yaml",
        "web.yaml",
    )
    launch, msp = plan["changes"]
    assert launch["fields"] == [
        {
            "field": "date",
            "shape": "value",
            "old": "2017-12-15",
            "new": "2017-12-14",
            "added": [],
            "removed": [],
            "words": [],
        },
        {"field": "tentative", "shape": "value", "old": True, "new": False, "added": [], "removed": [], "words": []},
    ]
    assert {k: launch[k] for k in ("op", "kind", "id", "under", "where", "moved_from")} == {
        "op": "changed",
        "kind": "event",
        "id": "lm-2017-launch",
        "under": "calendar",
        "where": [],
        "moved_from": None,
    }
    assert msp["new"] == {
        "id": "msp16-mbt",
        "title": "16th Meeting of States Parties to the Mine Ban Treaty",
        "date": None,
        "start": "2017-12-18",
        "end": "2017-12-21",
        "month": None,
        "tentative": False,
        "location": "Vienna",
        "repeats": None,
        "until": None,
    }


def test_json_words_and_moves() -> None:
    payload = json.loads(to_json(many_report()))
    changes = {c["id"]: c for c in payload["plans"][0]["changes"]}
    assert changes["1A.a1.1"]["moved_from"] == [
        {"kind": "goal", "id": "1"},
        {"kind": "objective", "id": "1A"},
        {"kind": "activity", "id": "1A.a1"},
    ]
    assert changes["1A.a1"]["fields"][0]["words"][:2] == [["=", "Write"], ["-", "letters."]]


def test_since_report_lists_added_and_deleted_files() -> None:
    report = DiffReport(
        (
            PlanDiff(None, "plans/new.yaml", "new", "New plan"),
            PlanDiff("main:plans/old.yaml", None, None, None),
            PlanDiff("main:plans/same.yaml", "plans/same.yaml", "same", "Same"),
        ),
        since="main",
    )
    assert text(report).plain == (
        "plan new: added plans/new.yaml “New plan”\n\n"
        "plan: deleted main:plans/old.yaml\n\n"
        "plan same: main:plans/same.yaml → plans/same.yaml: no differences\n\n"
        "1 plan file added; 1 plan file deleted.\n"
    )
    assert text(DiffReport((), since="main")).plain == "No plan files changed since main.\n"
    assert json.loads(to_json(report))["plans"][0]["status"] == "added"


def test_every_format_renders_the_real_plan_against_itself() -> None:
    plan = api.load_plan(PLANS / "2017.yaml")
    report = DiffReport((PlanDiff("a", "b", plan.id, plan.title, diff_plans(plan, plan)),))
    outputs = {name: render(report) for name, render in RENDERERS.items()}
    assert outputs["text"].plain == "No differences.\n"  # type: ignore[union-attr]
    assert json.loads(str(outputs["json"]))["changed"] is False


def test_a_move_a_reword_and_a_country_in_the_real_plan_as_the_guide_shows() -> None:
    import re

    from tests.conftest import REPO

    edited_text = (
        (PLANS / "2017.yaml")
        .read_text(encoding="utf-8")
        .replace("                - Nepal\n", "", 1)
        .replace("to support at least six national", "to support at least eight national")
    )
    found = re.search(r"          - id: 1B\.nc1\n(?:            .*\n)+", edited_text)
    assert found is not None
    edited_text = edited_text.replace(found.group(0), "", 1)
    at = edited_text.index("          - id: 1A.nc2\n")
    edited_text = edited_text[:at] + found.group(0) + edited_text[at:]
    new = api.check_text(edited_text, "new.yaml").plan
    assert new is not None
    items = diff_plans(api.load_plan(PLANS / "2017.yaml"), new)
    assert [(i.op, i.id) for i in items] == [("changed", "1A.g2"), ("moved", "1B.nc1"), ("changed", "1A.nc3")]
    output = text(DiffReport((PlanDiff("a", "b", "2017", None, items),))).plain
    group = output.split("\n\n")[1]
    assert group.startswith("Objective 1A: ")
    assert group + "\n```" in (REPO / "docs" / "guide.md").read_text(encoding="utf-8")

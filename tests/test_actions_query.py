"""`planctl actions` lists and searches actions; the objective questions point an action plan's reader to it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import CASES, PLANS, RunCli

CARTAGENA = "cartagena-action-plan-2010-2014"
DETAILS = CASES / "valid" / "action-plan-details.yaml"


def _json(run_cli: RunCli, *args: object) -> list[dict[str, object]]:
    result = run_cli("actions", *args, "--format", "json")
    assert result.exit_code == 0, result
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_search_lists_the_actions_that_say_it(run_cli: RunCli) -> None:
    rows = _json(run_cli, "--plan", CARTAGENA, "--search", "mine risk education")
    assert [r["number"] for r in rows] == [13, 16, 37]
    assert all("mine risk education" in str(r["text"]).lower() for r in rows)
    table = run_cli("actions", "--plan", CARTAGENA, "--search", "MINE RISK education")
    assert table.exit_code == 0 and "Actions matching 'MINE RISK education'" in table.stdout, table


def test_search_matches_a_number_and_an_id(run_cli: RunCli) -> None:
    assert [r["id"] for r in _json(run_cli, "--plan", CARTAGENA, "--search", "#34")] == ["A34"]
    assert [r["number"] for r in _json(run_cli, "--plan", CARTAGENA, "--search", "a67")] == [67]


def test_section_and_addressees(run_cli: RunCli) -> None:
    rows = _json(run_cli, "--plan", CARTAGENA, "--section", "i")
    assert [r["number"] for r in rows] == [1, 2, 3, 4, 5, 6]
    rows = _json(run_cli, "--plan", CARTAGENA, "--goal", "VI", "--addressed-to", "in a position to do so")
    assert [r["number"] for r in rows] == [66, 67]


def test_deadline_and_country(run_cli: RunCli) -> None:
    rows = _json(run_cli, "--plan", CARTAGENA, "--search", "no later than")
    assert {r["number"]: r["deadline"] for r in rows} == {
        14: "no later than the Tenth Meeting of the States Parties",
        34: "no later than the Tenth Meeting of the States Parties",
    }
    result = run_cli("actions", "--plan", DETAILS, "--country", "LA", "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["number"], row["countries"], row["key_dates"]) == ("20", "Angola; Laos", "msp20")


def test_unknown_section_and_country_are_usage_errors(run_cli: RunCli) -> None:
    result = run_cli("actions", "--plan", CARTAGENA, "--goal", "VII")
    assert result.exit_code == 2 and "no section 'VII'" in result.stderr and "I, II, III" in result.stderr, result
    result = run_cli("actions", "--plan", CARTAGENA, "--country", "Narnai")
    assert result.exit_code == 2 and "unknown country 'Narnai'" in result.stderr, result


def test_a_plan_without_actions_says_so(run_cli: RunCli) -> None:
    result = run_cli("actions", "--plan", "2017")
    assert result.exit_code == 0, result
    assert "plan 2017 has no actions" in result.stdout + result.stderr


def test_objectives_of_an_action_plans_goal_point_to_actions(run_cli: RunCli) -> None:
    result = run_cli("objectives", "--goal", "I", "--plan", PLANS)
    out = " ".join((result.stdout + result.stderr).split())
    assert "no plan has a goal I with objectives" in out
    assert f"plan {CARTAGENA}'s goal I has actions" in out and "planctl actions --goal I" in out
    assert "have no objectives" not in out


def test_objective_questions_on_an_action_plan_point_to_actions(run_cli: RunCli) -> None:
    for command in ("objectives", "indicators", "targets"):
        result = run_cli(command, "--plan", CARTAGENA)
        out = " ".join((result.stdout + result.stderr).split())
        assert "has actions, not objectives: `planctl actions` lists them" in out, (command, result)


def test_indicators_and_countries_include_actions(run_cli: RunCli) -> None:
    result = run_cli("indicators", "--plan", DETAILS, "--format", "json")
    assert json.loads(result.stdout) == [
        {
            "plan": "example-action-plan-details",
            "objective": "action 20",
            "id": "a20.i1",
            "text": "Percentage of States Parties that have an evidence-based baseline",
        }
    ]
    rows = json.loads(run_cli("countries", "--plan", DETAILS, "--format", "json").stdout)
    assert {(r["country"], r["actions"]) for r in rows} == {("Angola", 1), ("Laos", 1)}
    result = run_cli("countries", "Angola", "--plan", DETAILS)
    assert "named by 1 action #20" in " ".join(result.stdout.split())


def test_plans_counts_in_the_singular(run_cli: RunCli, tmp_path: Path) -> None:
    plan = tmp_path / "one.yaml"
    plan.write_text(
        "id: one\ntitle: T\norganisation: O\nkind: action-plan\nperiod: {start: 2020-01-01, end: 2020-12-31}\n"
        "goals:\n  - id: I\n    title: G\n    actions:\n      - {id: a1, number: 1, addressed_to: All, text: Do.}\n",
        encoding="utf-8",
    )
    result = run_cli("plans", "--plan", plan, "--format", "csv")
    assert result.exit_code == 0, result
    assert "1 goal, 1 action" in result.stdout and "1 actions" not in result.stdout

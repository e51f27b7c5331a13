"""Plans link up: a plan implements another, its objectives implement that plan's objectives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import CASES, PLANS, RunCli

STRATEGY = CASES / "valid" / "example-strategy.yaml"
OPERATIONAL = CASES / "valid" / "full-shape.yaml"


def test_shipped_2017_plan_implements_the_strategy(run_cli: RunCli) -> None:
    result = run_cli("plans", "--plan", PLANS, "--format", "json")
    assert result.exit_code == 0, result
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["2017"]["implements"] == "strategy-2017-2021"
    assert "strategy-2017-2021" in rows


def test_each_2017_objective_maps_to_a_strategy_objective() -> None:
    from planctl.api import load_plan

    plan = load_plan(PLANS / "2017.yaml")
    strategy = load_plan(PLANS / "strategy-2017-2021.yaml")
    assert {o.id: o.implements for o in plan.objectives()} == {o.id.upper(): o.id for o in strategy.objectives()}


def test_validating_one_file_resolves_links_against_its_siblings(run_cli: RunCli) -> None:
    assert run_cli("validate", PLANS / "2017.yaml").exit_code == 0


def test_link_to_a_missing_objective_is_reported(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copy(STRATEGY, tmp_path / "strategy.yaml")
    text = OPERATIONAL.read_text(encoding="utf-8").replace("implements: 1a", "implements: 1z")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 1, result
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "implements: 1z" in t)
    assert (
        f"plan.yaml:{line}:21: error[unknown-reference]: objective '1A' implements '1z', "
        "which is not an objective of plan 'example-strategy'" in result.stdout
    )
    assert "hint: its objectives are 1a, 1b" in result.stdout


def test_link_to_a_missing_plan_names_the_plans_found(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copy(STRATEGY, tmp_path / "strategy.yaml")
    text = OPERATIONAL.read_text(encoding="utf-8").replace(
        "implements: example-strategy", "implements: example-strategi"
    )
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = run_cli("validate", tmp_path / "plan.yaml")
    assert result.exit_code == 1, result
    assert "this plan implements 'example-strategi', but no plan has that id" in result.stdout
    assert "did you mean 'example-strategy'?" in result.stdout


def test_plans_lists_kind_period_and_counts(run_cli: RunCli, tmp_path: Path) -> None:
    for name in ("full-shape.yaml", "example-strategy.yaml", "minimal.yaml"):  # cases/valid/ shares ids
        shutil.copy(CASES / "valid" / name, tmp_path)
    result = run_cli("plans", "--plan", tmp_path, "--format", "json")
    assert result.exit_code == 0, result
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert {"example-2024", "example-strategy", "minimal"} <= set(rows)
    assert rows["example-2024"] == {
        "id": "example-2024",
        "kind": "operational",
        "period": "2024",
        "title": "Example Operational Plan 2024",
        "implements": "example-strategy",
        "contents": {"goals": 1, "objectives": 1, "actions": 0, "activities": 2, "events": 3},
    }
    assert rows["example-strategy"]["period"] == "2024–2028"


def test_plans_table_fits_80_columns(run_cli: RunCli) -> None:
    result = run_cli("plans", "--plan", PLANS)
    assert result.exit_code == 0, result
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert "cartagena" in result.stdout


def test_plans_with_an_unknown_id_is_a_usage_error(run_cli: RunCli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import REPO

    monkeypatch.chdir(REPO)
    result = run_cli("plans", "--plan", "2071")
    assert result.exit_code == 2, result
    assert "no plan with id or path '2071'; plans are" in result.stderr
    assert "did you mean '2017'?" in result.stderr


def test_two_files_with_one_plan_id_are_reported(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copy(CASES / "valid" / "minimal.yaml", tmp_path / "a.yaml")
    shutil.copy(CASES / "valid" / "minimal.yaml", tmp_path / "b.yaml")
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 1, result
    assert f"b.yaml:2:5: error[duplicate-plan-id]: plan id 'minimal' is also the id of {tmp_path / 'a.yaml'}" in (
        result.stdout
    )


def test_a_link_to_an_invalid_plan_is_left_to_that_plan(run_cli: RunCli, tmp_path: Path) -> None:
    """The implemented plan is found but broken: its file reports its problems, the linking plan none."""
    text = STRATEGY.read_text(encoding="utf-8").replace("title: Example Strategy", "titel: Example Strategy")
    (tmp_path / "strategy.yaml").write_text(text, encoding="utf-8")
    shutil.copy(OPERATIONAL, tmp_path / "plan.yaml")
    assert run_cli("validate", tmp_path / "plan.yaml").exit_code == 0
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 1, result
    assert "strategy.yaml" in result.stdout and "plan.yaml:" not in result.stdout.replace("strategy.yaml", "")


def test_plans_implementing_each_other_in_a_circle(run_cli: RunCli, tmp_path: Path) -> None:
    head = "title: T\norganisation: O\nkind: strategy\nperiod: {start: 2017-01-01, end: 2017-12-31}\n"
    for me, other in (("a", "b"), ("b", "c"), ("c", "a")):
        (tmp_path / f"{me}.yaml").write_text(f"id: {me}\n{head}implements: {other}\n", encoding="utf-8")
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 1, result
    assert "a.yaml:6:13: error[link-cycle]: plans implement each other in a circle: a → b → c → a" in result.stdout
    assert result.stdout.count("error[link-cycle]") == 3

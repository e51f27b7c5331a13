"""The library API: loading plans and choosing the ones a command works on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planctl import api
from planctl.errors import InputError, PlanInvalid, UsageError
from tests.conftest import CASES, PLANS


def test_load_plan_returns_the_model() -> None:
    plan = api.load_plan(PLANS / "2017.yaml")
    assert plan.id == "2017"
    assert [o.id for o in plan.objectives()] == ["1A", "1B", "2A", "2B", "2C", "3A", "3B", "3C"]


def test_load_plan_raises_with_positioned_diagnostics() -> None:
    with pytest.raises(PlanInvalid) as e:
        api.load_plan(CASES / "invalid" / "unknown-country.yaml")
    [d] = e.value.diagnostics
    assert (d.line, d.col, d.code) == (15, 27, "unknown-country")


def test_load_plan_of_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        api.load_plan(tmp_path / "nope.yaml")


@pytest.fixture
def plans_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    shutil.copy(CASES / "valid" / "full-shape.yaml", tmp_path / "plans" / "a.yaml")
    shutil.copy(CASES / "valid" / "minimal.yaml", tmp_path / "plans" / "b.yaml")
    shutil.copy(CASES / "valid" / "example-strategy.yaml", tmp_path / "plans" / "c.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLANCTL_PLANS", raising=False)
    return tmp_path / "plans"


def test_select_plans_by_id_path_or_all(plans_dir: Path) -> None:
    assert [lp.plan.id for lp in api.select_plans()] == ["example-2024", "minimal", "example-strategy"]
    assert [lp.plan.id for lp in api.select_plans("minimal")] == ["minimal"]
    assert [lp.plan.id for lp in api.select_plans("MINIMAL")] == ["minimal"]
    assert [lp.plan.id for lp in api.select_plans(str(plans_dir / "a.yaml"))] == ["example-2024"]


def test_select_plans_unknown_id_names_the_plans_and_guesses(plans_dir: Path) -> None:
    with pytest.raises(UsageError) as e:
        api.select_plans("minimall")
    assert e.value.message == "no plan with id or path 'minimall'; plans are example-2024, minimal, example-strategy"
    assert e.value.hint == "did you mean 'minimal'?"


def test_select_plan_wants_exactly_one(plans_dir: Path) -> None:
    with pytest.raises(UsageError):
        api.select_plan()
    assert api.select_plan("minimal").plan.title == "Minimal plan"


def test_problems_beside_a_schema_problem_are_placed_and_hinted_truly() -> None:
    """A broken event is set aside while the rest is checked: a reference to it is not reported,
    and no hint lists the events as if it were not there."""
    case = CASES / "invalid" / "schema-and-semantic-problems.yaml"
    result = api.check_file(case)
    by_code = {(d.line, d.code): d for d in result.diagnostics}
    assert set(by_code) == {
        (7, "unknown-field"),
        (18, "duplicate-id"),
        (20, "unknown-reference"),
        (22, "wrong-type"),
        (24, "missing-field"),
        (32, "date-order"),
    }
    assert by_code[(20, "unknown-reference")].hint is None
    assert by_code[(18, "duplicate-id")].message.endswith("(first at line 15)")

"""A question asked without --plan means this year's plan of a series (or the latest), and says so;
`--plan all` spans every year; a repository's planctl.toml sets the plans folder and the default plan."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import PLANS, RunCli


@pytest.fixture
def two_years(run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of plans/ with 2018 drafted beside 2017 by `planctl new`; the current folder is its parent."""
    shutil.copytree(PLANS, tmp_path / "plans")
    drafted = run_cli(
        "new", "--from", tmp_path / "plans" / "2017.yaml", "--year", "2018", "-o", tmp_path / "plans" / "2018.yaml"
    )
    assert drafted.exit_code == 0, drafted
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _plans_of(run_cli: RunCli, *args: str) -> set[str]:
    result = run_cli(*args, "--format", "json")
    assert result.exit_code == 0, result
    return {row["plan"] for row in json.loads(result.stdout)}


def test_september_means_this_years_september(run_cli: RunCli, two_years: Path) -> None:
    result = run_cli("calendar", "--month", "sep", "--today", "2017-06-01")
    assert result.exit_code == 0, result
    assert result.stdout.startswith("Calendar of plan 2017, in September\n"), result
    assert "Sep 2017" in result.stdout and "2018" not in result.stdout
    assert "note: plan 2017 answers, as its period holds 2017-06-01 (left out: 2018;" in result.stderr


def test_after_every_period_the_latest_answers(run_cli: RunCli, two_years: Path) -> None:
    assert _plans_of(run_cli, "calendar", "--month", "sep", "--today", "2026-01-01") == {"2018"}
    assert "2017" not in _plans_of(run_cli, "objectives", "--today", "2026-01-01")


def test_plan_all_spans_every_year(run_cli: RunCli, two_years: Path) -> None:
    assert _plans_of(run_cli, "calendar", "--month", "sep", "--plan", "all", "--today", "2017-06-01") == {
        "2017",
        "2018",
    }
    result = run_cli("calendar", "--month", "sep", "--plan", "all")
    assert "note:" not in result.stderr


def test_plans_of_other_series_still_answer(run_cli: RunCli, two_years: Path) -> None:
    assert _plans_of(run_cli, "objectives", "--today", "2017-06-01") == {
        "2017",
        "strategic-plan-2012-2015",
        "strategy-2017-2021",
    }


def test_a_countrys_profile_spans_every_year(run_cli: RunCli, two_years: Path) -> None:
    result = run_cli("countries", "Thailand", "--today", "2017-06-01")
    assert "in plans 2017, 2018" in result.stdout, result


def test_the_plans_command_lists_every_year(run_cli: RunCli, two_years: Path) -> None:
    result = run_cli("plans", "--format", "json")
    assert {"2017", "2018"} <= {row["id"] for row in json.loads(result.stdout)}


def test_config_file_sets_the_folder_and_the_default_plan(
    run_cli: RunCli, two_years: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (two_years / "plans").rename(two_years / "our-plans")
    (two_years / "planctl.toml").write_text('plans = "our-plans"\ndefault_plan = "2018"\n', encoding="utf-8")
    (two_years / "deep" / "er").mkdir(parents=True)
    monkeypatch.chdir(two_years / "deep" / "er")  # found by walking up
    assert _plans_of(run_cli, "calendar", "--month", "sep", "--today", "2017-06-01") == {"2018"}
    assert _plans_of(run_cli, "calendar", "--month", "sep", "--plan", "2017") == {"2017"}  # the option wins
    monkeypatch.setenv("PLANCTL_PLANS", str(two_years / "our-plans" / "2017.yaml"))  # the environment wins
    assert _plans_of(run_cli, "calendar", "--month", "sep") == {"2017"}


def test_config_file_mistakes_are_clear(run_cli: RunCli, two_years: Path) -> None:
    config = two_years / "planctl.toml"
    config.write_text('default_plan = "2019"\n', encoding="utf-8")
    result = run_cli("objectives")
    assert result.exit_code == 2 and "no plan with id or path '2019'" in result.stderr, result
    assert "`default_plan` in" in result.stderr and "did you mean '2018'?" in result.stderr
    config.write_text('plan = "plans"\n', encoding="utf-8")
    result = run_cli("objectives")
    assert result.exit_code == 2 and "planctl.toml: unknown setting 'plan'" in result.stderr, result
    assert "did you mean 'plans'?" in result.stderr
    config.write_text('plans = "plans\n', encoding="utf-8")
    result = run_cli("objectives")
    assert result.exit_code == 2 and "planctl.toml:1:" in result.stderr and "not valid TOML" in result.stderr, result
    assert "Traceback" not in result.stderr

"""`planctl validate` checks results files (progress/) with the plans: found beside the plans folder,
told from plans by their content, each reference placed at its line in the results file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import CASES, RunCli

EXAMPLE = CASES / "results"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with plans/example.yaml and progress/example.yaml (valid), as the working directory."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "progress").mkdir()
    shutil.copy(EXAMPLE / "plans" / "example.yaml", tmp_path / "plans" / "example.yaml")
    shutil.copy(EXAMPLE / "progress" / "valid.yaml", tmp_path / "progress" / "example.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANCTL_TODAY", "2017-12-31")
    return tmp_path


def test_validate_without_paths_checks_the_results_beside_the_plans(run_cli: RunCli, repo: Path) -> None:
    results = repo / "progress" / "example.yaml"
    results.write_text(results.read_text().replace("1A.a1: {status", "1A.a11: {status"))
    result = run_cli("validate")
    assert result.exit_code == 1, result
    line = next(i for i, text in enumerate(results.read_text().splitlines(), 1) if "1A.a11" in text)
    assert f"progress/example.yaml:{line}:3: error[unknown-reference]: no activity or action '1A.a11'" in result.stdout
    assert "did you mean '1A.a1'?" in result.stdout
    assert "in 1 of 2 plan files" in result.stdout


def test_an_id_removed_from_the_plan_is_an_error_at_the_results_line(run_cli: RunCli, repo: Path) -> None:
    assert run_cli("validate").exit_code == 0
    plan = repo / "plans" / "example.yaml"
    plan.write_text(plan.read_text().replace("id: 1A.i4", "id: 1A.i5"))
    result = run_cli("validate")
    assert result.exit_code == 1, result
    line = next(
        i for i, text in enumerate((repo / "progress" / "example.yaml").read_text().splitlines(), 1) if "1A.i4:" in text
    )
    assert (
        f"progress/example.yaml:{line}:3: error[unknown-reference]: no indicator '1A.i4' in plan 'example'"
        in result.stdout
    )
    assert "plans/example.yaml" not in result.stdout  # the plan itself is fine


def test_warnings_alone_leave_the_files_valid(run_cli: RunCli, repo: Path) -> None:
    shutil.copy(EXAMPLE / "progress" / "stale.yaml", repo / "progress" / "example.yaml")
    result = run_cli("validate", "--format", "json")
    assert result.exit_code == 0, result
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert {p["severity"] for p in report["problems"]} == {"warning"}
    assert run_cli("validate").stdout.endswith("All 2 plan files valid (2 warnings).\n")


def test_results_of_an_invalid_plan_wait_for_the_plan(run_cli: RunCli, repo: Path) -> None:
    plan = repo / "plans" / "example.yaml"
    plan.write_text(plan.read_text().replace("title: Example Operational Plan", "titel: Example Operational Plan"))
    result = run_cli("validate")
    assert result.exit_code == 1, result
    assert "unknown field 'titel'" in result.stdout
    assert "progress/example.yaml" not in result.stdout  # not "no plan with id example"


def test_two_results_files_for_one_plan(run_cli: RunCli, repo: Path) -> None:
    shutil.copy(repo / "progress" / "example.yaml", repo / "progress" / "more.yaml")
    result = run_cli("validate")
    assert result.exit_code == 1, result
    assert (
        "progress/more.yaml:3:7: error[duplicate-results]: plan 'example' already has a results file" in result.stdout
    )


def test_checked_in_parallel_too(run_cli: RunCli, repo: Path) -> None:
    results = repo / "progress" / "example.yaml"
    results.write_text(results.read_text().replace("  msp: {status", "  mps: {status"))
    result = run_cli("validate", "--jobs", "2", "plans", "progress")
    assert result.exit_code == 1, result
    assert "error[unknown-reference]: no event 'mps' in plan 'example'" in result.stdout


def test_a_results_file_is_told_from_a_plan_by_its_content(run_cli: RunCli, repo: Path) -> None:
    stray = repo / "plans" / "results-kept-here.yaml"
    shutil.copy(repo / "progress" / "example.yaml", stray)
    (repo / "progress" / "example.yaml").unlink()
    assert run_cli("validate", "plans").exit_code == 0
    assert run_cli("targets", "--plan", "example").exit_code == 0  # queries skip it, as a results file

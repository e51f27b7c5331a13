"""`planctl render` on the command line: choosing the plan and the format, writing files safely, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CASES, PLANS, REPO, RunCli

PLAN_2017 = PLANS / "2017.yaml"


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_renders_the_shipped_plan_to_stdout(run_cli: RunCli, fmt: str) -> None:
    result = run_cli("render", PLAN_2017, "--format", fmt)
    assert result.exit_code == 0, result
    first = "# 2017 Operational Plan" if fmt == "markdown" else "<!DOCTYPE html>"
    assert result.stdout.startswith(first)
    assert result.stderr == ""


@pytest.fixture
def one_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plans/ directory holding only the 2017 plan, found from the current directory."""
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLAN_2017, plans / "2017.yaml")
    monkeypatch.chdir(tmp_path)
    return plans


def test_plan_by_id_and_by_default(run_cli: RunCli, one_plan: Path) -> None:
    by_path = run_cli("render", one_plan / "2017.yaml").stdout
    assert run_cli("render", "2017").stdout == by_path
    assert run_cli("render").stdout == by_path  # the only plan under plans/


def test_plan_id_from_the_shipped_plans(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert run_cli("render", "2017").stdout == run_cli("render", PLAN_2017).stdout


def test_unknown_plan_id_is_a_usage_error_with_a_hint(run_cli: RunCli, one_plan: Path) -> None:
    result = run_cli("render", "2071")
    assert result.exit_code == 2
    assert "no plan with id or path '2071'; plans are 2017" in result.stderr
    assert "did you mean '2017'?" in result.stderr


def test_a_directory_of_several_plans_asks_for_one(run_cli: RunCli) -> None:
    result = run_cli("render", CASES / "valid")
    assert result.exit_code == 2
    assert "render works on one plan, and" in result.stderr and "name one: planctl render" in result.stderr


def test_an_invalid_plan_exits_1_with_its_problems(run_cli: RunCli) -> None:
    result = run_cli("render", CASES / "invalid" / "duplicate-id.yaml")
    assert result.exit_code == 1
    assert "duplicate-id.yaml:" in result.stderr and result.stdout == ""


def test_unknown_format_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("render", PLAN_2017, "--format", "odt")
    assert result.exit_code == 2
    assert "markdown" in result.stderr and "html" in result.stderr and "docx" in result.stderr


def test_output_file_format_follows_its_name(run_cli: RunCli, tmp_path: Path) -> None:
    for name, start in [("plan.html", "<!DOCTYPE html>"), ("plan.md", "# 2017"), ("plan.txt", "# 2017")]:
        out = tmp_path / name
        result = run_cli("render", PLAN_2017, "-o", out)
        assert result.exit_code == 0, result
        assert out.read_text(encoding="utf-8").startswith(start)
        assert result.stdout == "" and f"wrote {out}" in result.stderr
    out = tmp_path / "forced.html"
    run_cli("render", PLAN_2017, "-o", out, "--format", "markdown")
    assert out.read_text(encoding="utf-8").startswith("# 2017"), "--format wins over the file name"


def test_refuses_to_overwrite_without_force(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    out.write_text("keep me", encoding="utf-8")
    result = run_cli("render", PLAN_2017, "-o", out)
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert run_cli("render", PLAN_2017, "-o", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# 2017")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"], "no temporary file left behind"


def test_dash_means_stdout(run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("render", PLAN_2017, "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("# 2017")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_is_an_input_error(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x\n", encoding="utf-8")
    result = run_cli("render", PLAN_2017, "-o", tmp_path / "a-file" / "plan.md")
    assert result.exit_code == 2 and "cannot create the folder" in result.stderr
    result = run_cli("render", PLAN_2017, "-o", tmp_path)
    assert result.exit_code == 2 and "is a directory" in result.stderr


def test_output_into_a_missing_folder_creates_it(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("render", PLAN_2017, "-o", tmp_path / "site" / "2017" / "plan.html")
    assert result.exit_code == 0, result
    assert (tmp_path / "site" / "2017" / "plan.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_help_has_examples(run_cli: RunCli) -> None:
    result = run_cli("render", "--help")
    assert result.exit_code == 0
    assert "planctl render 2017" in result.stdout and "--force" in result.stdout

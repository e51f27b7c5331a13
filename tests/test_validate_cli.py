"""`planctl validate` as a user and a CI job meet it: inputs, formats, exit codes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import CASES, PLANS, RunCli

VALID = CASES / "valid" / "full-shape.yaml"
BAD = CASES / "invalid" / "unknown-country.yaml"


def test_shipped_plans_are_valid(run_cli: RunCli) -> None:
    result = run_cli("validate", PLANS)
    assert result.exit_code == 0, result


def test_default_is_the_nearest_plans_directory(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(BAD, tmp_path / "plans" / "bad.yaml")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    result = run_cli("validate")
    assert result.exit_code == 1, result
    assert "bad.yaml:15:27: error[unknown-country]" in result.stdout


def test_planctl_plans_variable_names_the_plans(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    run = run_cli  # the fixture clears PLANCTL_PLANS; set it after
    monkeypatch.setenv("PLANCTL_PLANS", str(VALID))
    result = run("validate")
    assert result.exit_code == 0, result


def test_no_plans_directory_is_a_usage_error(run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate")
    assert result.exit_code == 2, result
    assert "no plans/ directory" in result.stderr


def test_one_bad_file_does_not_stop_the_batch(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copy(BAD, tmp_path / "b.yaml")
    shutil.copy(CASES / "invalid" / "duplicate-key.yaml", tmp_path / "a.yaml")
    shutil.copy(CASES / "valid" / "minimal.yaml", tmp_path / "c.yaml")
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 1, result
    lines = [line for line in result.stdout.splitlines() if "error[" in line]
    assert [Path(line.split(":")[0]).name for line in lines] == ["a.yaml", "b.yaml"]
    assert "Found 2 problems in 2 of 3 plan files." in result.stdout


def test_missing_file_is_exit_2_and_named(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "nope.yaml")
    assert result.exit_code == 2, result
    assert "nope.yaml: no such file or directory" in result.stderr


def test_missing_file_among_good_ones_is_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    link = tmp_path / "dangling.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    shutil.copy(CASES / "valid" / "minimal.yaml", tmp_path / "good.yaml")
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 2, result
    assert "dangling.yaml: error[unreadable]: no such file or directory" in result.stdout


def test_directory_without_plans_is_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 2, result
    assert "no plan files" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
def test_fifo_is_refused_without_blocking(run_cli: RunCli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = run_cli("validate", fifo)
    assert result.exit_code == 2, result
    assert "not a regular file" in result.stdout


def test_symlink_loop_is_a_clear_error(run_cli: RunCli, tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    result = run_cli("validate", loop)
    assert result.exit_code == 2, result
    assert "loop.yaml" in result.stderr + result.stdout
    assert "symbolic links" in result.stderr + result.stdout


def test_file_over_the_size_cap(run_cli: RunCli) -> None:
    result = run_cli("validate", "--max-bytes", "100", VALID)
    assert result.exit_code == 1, result
    assert "error[too-large]" in result.stdout
    assert "--max-bytes" in result.stdout


def test_json_format(run_cli: RunCli) -> None:
    result = run_cli("validate", "--format", "json", BAD)
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    assert payload["files_checked"] == 1
    [problem] = payload["problems"]
    assert problem == {
        "file": str(BAD),
        "line": 15,
        "column": 27,
        "severity": "error",
        "code": "unknown-country",
        "message": "unknown country 'Laoss' (did you mean 'Laos'?)",
        "hint": None,
    }


def test_github_format_is_workflow_commands(run_cli: RunCli) -> None:
    result = run_cli("validate", "--format", "github", BAD)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first == (
        f"::error file={BAD},line=15,col=27,title=planctl unknown-country::"
        "unknown country 'Laoss' (did you mean 'Laos'?)"
    )


def test_unknown_format_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("validate", "--format", "xml", VALID)
    assert result.exit_code == 2
    message = " ".join(result.stderr.replace("│", " ").split())
    assert "Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json', 'github'." in message


def test_flags_show_no_value_in_help(run_cli: RunCli) -> None:
    result = run_cli("fmt", "--help")
    assert result.exit_code == 0
    assert "--check " in result.stdout
    assert "<bool>" not in result.stdout


def test_plan_text_is_printed_escaped(run_cli: RunCli, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(VALID.read_text().replace("[Norway]", '["[bold]Nor\\e way"]'), encoding="utf-8")
    result = run_cli("validate", plan)
    assert result.exit_code == 1, result
    assert "unknown country '[bold]Nor\\x1b way'" in result.stdout
    assert "\x1b" not in result.stdout


def test_no_colour_when_not_a_terminal(run_cli: RunCli) -> None:
    result = run_cli("validate", BAD)
    assert "\x1b[" not in result.stdout


def test_help_shows_examples(run_cli: RunCli) -> None:
    result = run_cli("validate", "--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout
    assert "planctl validate --format github" in result.stdout


def test_a_file_named_twice_is_checked_once(run_cli: RunCli) -> None:
    plan = PLANS / "2017.yaml"
    result = run_cli("validate", plan, PLANS / ".." / "plans" / "2017.yaml", PLANS)
    assert result.exit_code == 0, result
    assert "All 4 plan files valid." in result.stdout

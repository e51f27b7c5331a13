"""Every file under tests/cases/: valid ones pass; each invalid one gives exactly its expected problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CASES, RunCli

VALID = sorted((CASES / "valid").glob("*.yaml"))
INVALID = sorted((CASES / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_valid_case_passes(run_cli: RunCli, case: Path) -> None:
    result = run_cli("validate", case)
    assert result.exit_code == 0, result
    assert "valid" in result.stdout


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_invalid_case_reports_expected_problems(run_cli: RunCli, case: Path) -> None:
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    exit_line, *problems = expected
    result = run_cli("validate", case)
    assert result.exit_code == int(exit_line.removeprefix("exit ")), result
    reported = [
        line.removeprefix(f"{case}:").removeprefix(f"{case}")
        for line in result.stdout.splitlines()
        if line.startswith(str(case))
    ]
    reported = [line.removeprefix(" ") for line in reported]
    assert reported == problems, result
    assert "Traceback" not in result.stdout + result.stderr


def test_every_invalid_case_has_an_expectation() -> None:
    missing = [p.name for p in INVALID if not p.with_suffix(".expected").exists()]
    assert not missing

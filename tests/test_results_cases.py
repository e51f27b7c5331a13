"""Every results file under tests/cases/results/progress/ gives exactly the problems (and hints) beside it.

The files report on the synthetic plan tests/cases/results/plans/example.yaml, found beside their
folder; "today" is fixed at 31 December 2017 so that dates in the future and stale results are stable.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CASES, RunCli

RESULTS = CASES / "results" / "progress"
FILES = sorted(RESULTS.glob("*.yaml"))
TODAY = "2017-12-31"


def _reported(case: Path, stdout: str) -> list[str]:
    """The output without its summary line, each problem's location relative to the case file."""
    lines = [line.removeprefix(f"{case}:") for line in stdout.splitlines()]
    return [line for line in lines if not line.startswith(("Found ", "1 plan file valid", "All "))]


@pytest.mark.parametrize("case", FILES, ids=lambda p: p.stem)
def test_results_case_reports_its_expected_problems(
    run_cli: RunCli, case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANCTL_TODAY", TODAY)
    exit_line, *expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    result = run_cli("validate", case)
    assert result.exit_code == int(exit_line.removeprefix("exit ")), result
    assert _reported(case, result.stdout) == expected, result
    assert "Traceback" not in result.stdout + result.stderr


def test_every_results_case_has_an_expectation() -> None:
    assert FILES
    assert not [p.name for p in FILES if not p.with_suffix(".expected").exists()]


def regenerate() -> None:  # pragma: no cover - run by hand after reviewing the new output
    """Write each case's .expected from what planctl reports now."""
    import os

    from typer.testing import CliRunner

    from planctl.cli.app import app

    os.environ.update({"PLANCTL_TODAY": TODAY, "NO_COLOR": "1", "COLUMNS": "80"})
    for case in FILES:
        result = CliRunner().invoke(app, ["validate", str(case)])
        lines = [f"exit {result.exit_code}", *_reported(case, result.stdout)]
        case.with_suffix(".expected").write_text("\n".join(lines) + "\n", encoding="utf-8")

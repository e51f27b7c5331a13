"""Checking files in several processes (--jobs) gives exactly what checking them in one does."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from planctl import api
from tests.conftest import CASES, RunCli

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="planctl forks workers only on Linux")


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    for case in sorted((CASES / "invalid").glob("*.yaml")) + sorted((CASES / "valid").glob("*.yaml")):
        shutil.copy(case, tmp_path / f"{case.parent.name}-{case.name}")
    return tmp_path


def test_parallel_results_equal_serial_results(mixed: Path) -> None:
    serial = api.validate_paths([mixed], jobs=1)
    parallel = api.validate_paths([mixed], jobs=2)
    assert [f.path for f in parallel.files] == [f.path for f in serial.files]
    assert parallel.diagnostics == serial.diagnostics
    assert [d.message for d in parallel.diagnostics] == [d.message for d in serial.diagnostics]
    assert [p.id for p in parallel.plans] == [p.id for p in serial.plans]  # plans come back from the workers
    assert parallel.exit_code == serial.exit_code


def test_keep_plans_false_drops_plans_but_not_problems(mixed: Path) -> None:
    report = api.validate_paths([mixed], jobs=2, keep_plans=False)
    assert report.plans == []
    assert report.diagnostics == api.validate_paths([mixed], jobs=1).diagnostics


def test_jobs_option(run_cli: RunCli, mixed: Path) -> None:
    one = run_cli("validate", "--jobs", "1", mixed)
    two = run_cli("validate", "-j", "2", mixed)
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert run_cli("validate", "--jobs", "-1", mixed).exit_code == 2

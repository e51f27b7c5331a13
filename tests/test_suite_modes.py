"""The suite's two modes: a developer's run leaves out the slow tests; CI (CI=true) runs them all and
stops when what it needs beside the checkout is missing, rather than skipping the tests that need it.

Each case runs pytest on a copy of tests/conftest.py and pyproject.toml in a scratch checkout, with
one fast and one slow test: a second each, so they are slow tests themselves, run in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

TESTS = """
import pytest

def test_fast():
    pass

@pytest.mark.slow
def test_slow():
    pass
"""


def _checkout(root: Path, *, shared: bool) -> Path:
    """root/planctl, a checkout with the suite's configuration; root/shared beside it if `shared`."""
    checkout = root / "planctl"
    (checkout / "tests").mkdir(parents=True)
    shutil.copy(REPO / "pyproject.toml", checkout)
    shutil.copy(REPO / "tests" / "conftest.py", checkout / "tests")
    (checkout / "tests" / "__init__.py").touch()
    (checkout / "tests" / "test_modes.py").write_text(TESTS, encoding="utf-8")
    if shared:
        for name in ("seeds", "yaml-test-suite"):
            (root / "shared" / name).mkdir(parents=True)
    return checkout


def _pytest(checkout: Path, *args: str, ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "ci", "summary"),
    [
        ((), False, "1 passed, 1 deselected"),
        (("--run-slow",), False, "2 passed"),
        (("-m", "slow"), False, "1 passed, 1 deselected"),
        (("tests/test_modes.py::test_slow",), False, "1 passed"),
        ((), True, "2 passed"),
    ],
    ids=["developer", "run-slow", "only-slow", "named", "ci"],
)
def test_slow_tests_run_when_asked_for_and_in_ci(tmp_path: Path, args: tuple[str, ...], ci: bool, summary: str) -> None:
    result = _pytest(_checkout(tmp_path, shared=True), *args, ci=ci)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f" {summary} in " in result.stdout, result.stdout
    assert "skipped" not in result.stdout


def test_ci_stops_when_the_seed_texts_are_missing(tmp_path: Path) -> None:
    checkout = _checkout(tmp_path, shared=False)
    assert _pytest(checkout, ci=False).returncode == 0
    result = _pytest(checkout, ci=True)
    assert result.returncode != 0
    assert f"{tmp_path / 'shared' / 'seeds'}" in result.stderr and "missing" in result.stderr, result.stderr
    assert "passed" not in result.stdout

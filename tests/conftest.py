"""Shared fixtures: `run_cli` runs planctl in-process and shows its output when a test fails."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli.app import app

REPO = Path(__file__).resolve().parents[1]
PLANS = REPO / "plans"
SEEDS = REPO.parent / "shared" / "seeds"
CASES = Path(__file__).resolve().parent / "cases"

IN_CI = os.environ.get("CI", "").lower() == "true"


def examples(n: int) -> int:
    """How many examples a property test tries: `n` in a developer's run, four times as many in CI
    (ten times took CI past its ten minutes)."""
    return n * 4 if IN_CI else n


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.exit_code}\n--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"


RunCli = Callable[..., CliResult]


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run `planctl ARGS...`; no colour, a fixed terminal width; raise if planctl raised."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("PLANCTL_PLANS", raising=False)

    def run(*args: str, input: str | None = None) -> CliResult:
        runner = CliRunner()
        result = runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, working tree as it is (pip fetches the build backend)."""
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(folder), str(REPO)],
        check=True,
        capture_output=True,
    )
    [built] = folder.glob("plans_as_code-*.whl")
    return built


def web_summary_2017() -> str:
    """plans/2017.yaml as the web summary of the 2017 plan has its calendar (the PDF version ships).

    The two versions differ in two events: the launch of Landmine Monitor 2017 (15 December, tbc,
    in the PDF; 14 December on the web) and the 16th Meeting of States Parties (18-22 December in
    the PDF; 18-21 on the web).
    """
    text = (PLANS / "2017.yaml").read_text(encoding="utf-8")
    edits = [
        (
            "    date: 2017-12-15  # web summary: 14 December (not tbc); the PDF wins\n    tentative: true\n",
            "    date: 2017-12-14\n",
        ),
        ("    end: 2017-12-22  # web summary: 18-21 December; the PDF wins\n", "    end: 2017-12-21\n"),
    ]
    for old, new in edits:
        assert text.count(old) == 1, f"plans/2017.yaml no longer has {old!r}"
        text = text.replace(old, new)
    return text


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run the tests marked slow (CI=true always does)")


def pytest_report_header(config: pytest.Config) -> str:
    if IN_CI:
        return "CI=true: every test, slow ones too; property tests try four times as many examples"
    if _runs_slow(config):
        return "slow tests included"
    return "slow tests left out (deselected): --run-slow includes them, -m slow runs only them"


def _runs_slow(config: pytest.Config) -> bool:
    """Slow tests run in CI, with --run-slow, under any -m expression, or when a test is named by its id."""
    named = any("::" in arg for arg in config.args)
    return IN_CI or bool(config.getoption("--run-slow")) or bool(config.option.markexpr) or named


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A developer's run leaves out the tests marked slow: deselected, so they are not reported as skipped."""
    if _runs_slow(config):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI the seed texts and the YAML test suite sit beside the checkout: their tests must run, not skip.

    The commands under test keep their cache of validated plans in a folder of the session's own
    (not the user's ~/.cache), removed at the end.
    """
    import os
    import tempfile

    os.environ["PLANCTL_CACHE_DIR"] = tempfile.mkdtemp(prefix="planctl-test-cache-")
    if IN_CI:
        missing = [p for p in (SEEDS, REPO.parent / "shared" / "yaml-test-suite") if not p.is_dir()]
        if missing:
            raise pytest.UsageError(f"CI=true but {', '.join(map(str, missing))} missing: tests would be skipped")


def pytest_sessionfinish(session: pytest.Session) -> None:
    import os
    import shutil

    shutil.rmtree(os.environ.get("PLANCTL_CACHE_DIR", ""), ignore_errors=True)

"""Every case of the public YAML test suite through `planctl validate`: a clear verdict, never a crash or a hang.

None of the suite's documents is a plan, so each must give exit 1 (or 2), at least one problem naming
the file, every message on one line, and no traceback. A handful also run out of process (and all of
them in one process), so that a segfault or a hang in the C parser would fail the test, not the run.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, RunCli

SUITE = REPO.parent / "shared" / "yaml-test-suite"
CASES = sorted(SUITE.glob("*/in.yaml")) if SUITE.is_dir() else []
# Chosen for variety: tags (!!set, !!binary, local), directives (%YAML 1.3, duplicate %YAML), complex
# keys, several documents, an empty stream, anchors and aliases, flow collections, tabs.
OUT_OF_PROCESS = ["2XXW", "565N", "BEC7", "SF5V", "4FJ6", "6XDY", "8G76", "CUP7", "2JQS", "DK95-04"]
YAML_CODES = {"yaml-syntax", "yaml-version", "unknown-tag", "complex-key", "multiple-documents", "empty"}

pytestmark = pytest.mark.skipif(not CASES, reason=f"the YAML test suite is not checked out at {SUITE}")


def _run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planctl", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_the_suite_is_all_there() -> None:
    assert len(CASES) >= 400


@pytest.mark.slow  # a developer's run keeps test_whole_suite_in_one_process: every case, no crash
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.parent.name)
def test_case_gets_a_clear_verdict(run_cli: RunCli, case: Path) -> None:
    result = run_cli("validate", "--format", "json", case)
    assert result.exit_code in (1, 2), result
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    payload = json.loads(result.stdout)
    problems = payload["problems"]
    assert problems, result
    for problem in problems:
        assert problem["file"] == str(case)
        assert problem["message"] and "\n" not in problem["message"], problem
    first = problems[0]
    if first["code"] in YAML_CODES:  # a YAML-level problem: exactly one message, placed when it has a place
        assert len(problems) == 1, problems
        assert first["line"] > 0 or first["code"] == "empty", first


@pytest.mark.slow
@pytest.mark.parametrize("name", OUT_OF_PROCESS)
def test_case_out_of_process(name: str) -> None:
    case = SUITE / name / "in.yaml"
    result = _run("validate", str(case), timeout=20)
    assert result.returncode == 1, result  # a negative code would be a signal: a crash
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith(f"{case}:"), result.stdout
    assert re.fullmatch(r"Found \d+ problems? in 1 of 1 plan file\.", result.stdout.splitlines()[-1]), result.stdout


def test_whole_suite_in_one_process() -> None:
    result = _run("validate", *map(str, CASES), timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    named = {line.split(":")[0].split(" ")[0] for line in result.stdout.splitlines() if "error[" in line}
    assert named == {str(c) for c in CASES}
    assert f"of {len(CASES)} plan files." in result.stdout.splitlines()[-1]

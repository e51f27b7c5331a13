"""Output that goes nowhere: a pipe whose reader has gone, a closed stdout, a full disk.

`planctl validate | head -1` in a job with `set -o pipefail` must pass when the plans are valid:
the exit status is the command's own, never 1 for a reader that stopped reading. A stdout that
cannot be written at all is said so, exit 2. Real processes: the test runner's streams are not these.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CASES, PLANS, REPO

ENV = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "HOME": "/", "PLANCTL_CACHE_DIR": os.environ["PLANCTL_CACHE_DIR"]}
INVALID = CASES / "invalid" / "unknown-country.yaml"


def _to_a_pipe_nobody_reads(*args: str) -> subprocess.CompletedProcess[str]:
    """planctl ARGS with stdout a pipe whose read end is already closed: every write is EPIPE."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-m", "planctl", *args],
            cwd=REPO,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write)


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["validate"], 0),
        (["validate", str(INVALID)], 1),
        (["validate", "--format", "json"], 0),
        (["plans"], 0),
        (["activities"], 0),
        (["calendar"], 0),
        (["calendar", "--format", "ics"], 0),
        (["render", "2017"], 0),
        (["show", "--objective", "1A"], 0),
        (["schema"], 0),
        (["diff", str(PLANS / "2017.yaml"), str(PLANS / "strategy-2017-2021.yaml")], 1),
        (["--help"], 0),
        (["calendar", "--help"], 0),
        (["--version"], 0),
        (["calendar", "--month", "nope"], 2),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else str(a),
)
def test_a_reader_that_has_gone_leaves_the_exit_status_alone(args: list[str], status: int) -> None:
    result = _to_a_pipe_nobody_reads(*args)
    assert result.returncode == status, result
    assert "internal error" not in result.stderr
    assert "Broken pipe" not in result.stderr


def test_pipefail_with_head_passes_on_valid_plans() -> None:
    planctl = f"{sys.executable} -m planctl"
    script = f"set -o pipefail; {planctl} activities | head -1 >/dev/null; echo status $?"
    result = subprocess.run(["bash", "-c", script], cwd=REPO, capture_output=True, text=True, env=ENV, timeout=60)
    assert result.stdout == "status 0\n", result
    assert result.stderr == ""


def _with_stdout_closed(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    command = " ".join([sys.executable, "-m", "planctl", *args])
    return subprocess.run(
        ["sh", "-c", f"exec {command} >&-"], cwd=cwd, capture_output=True, text=True, env=ENV, timeout=60
    )


@pytest.mark.parametrize("args", [["plans"], ["validate"], ["calendar", "--format", "ics"], ["--help"], ["--version"]])
def test_a_closed_stdout_is_an_error_saying_so(args: list[str]) -> None:
    result = _with_stdout_closed(*args)
    assert result.returncode == 2, result
    assert result.stderr == "error: cannot write the output: standard output is closed\n"


def test_a_closed_stdout_is_fine_for_a_command_that_writes_a_file(tmp_path: Path) -> None:
    result = _with_stdout_closed("calendar", "--plan", "2017", "--format", "ics", "-o", str(tmp_path / "cal.ics"))
    assert result.returncode == 0, result
    assert (tmp_path / "cal.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_an_error_saying_so() -> None:
    result = subprocess.run(
        ["sh", "-c", f"exec {sys.executable} -m planctl plans > /dev/full"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
    )
    assert result.returncode == 2, result
    assert result.stderr == "error: cannot write the output: No space left on device\n"

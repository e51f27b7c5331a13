"""`planctl schema`: the file given to --check is read as safely as a plan; -o never overwrites unasked."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from planctl.cli.schema import schema_text
from tests.conftest import REPO, RunCli


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _planctl(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """planctl in a process of its own, with 1 GB of memory: a hang shows as a timeout and a
    runaway read as a MemoryError, not as a stuck test run or a machine out of memory."""
    return subprocess.run(
        [sys.executable, "-m", "planctl", *args],
        cwd=REPO,
        preexec_fn=_limit_memory,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={
            "NO_COLOR": "1",
            "PATH": "/usr/bin:/bin",
            "HOME": "/",
            "PLANCTL_CACHE_DIR": os.environ["PLANCTL_CACHE_DIR"],
        },
        check=False,
    )


def test_check_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.schema.json"
    os.mkfifo(fifo)
    result = _planctl("schema", "--check", str(fifo), timeout=20)
    assert result.returncode == 2, result
    assert f"error: {fifo}: not a regular file" in result.stderr
    assert "internal error" not in result.stderr


def test_check_refuses_an_endless_stream() -> None:
    result = _planctl("schema", "--check", "/dev/zero", timeout=20)
    assert result.returncode == 2, result
    assert "error: /dev/zero: not a regular file" in result.stderr


def test_check_refuses_a_huge_file_without_reading_it(run_cli: RunCli, tmp_path: Path) -> None:
    huge = tmp_path / "plan.schema.json"
    with huge.open("wb") as f:
        f.truncate(6 * 1024 * 1024)  # sparse: takes no room on disk
    result = run_cli("schema", "--check", huge)
    assert result.exit_code == 2, result
    assert f"error: {huge}: file is 6,291,456 bytes, over the limit of 5,242,880" in result.stderr


def test_check_of_a_file_that_is_not_utf8_says_where(run_cli: RunCli, tmp_path: Path) -> None:
    latin1 = tmp_path / "plan.schema.json"
    latin1.write_bytes(b'{\n  "title": "planctl caf\xe9"\n}\n')
    result = run_cli("schema", "--check", latin1)
    assert result.exit_code == 2, result
    assert f"error: {latin1}:2:24: invalid UTF-8 byte 0xe9" in result.stderr
    assert "hint: save the file as UTF-8" in result.stderr
    assert "internal error" not in result.stderr


def test_check_still_accepts_the_current_schema_and_flags_a_stale_one(run_cli: RunCli, tmp_path: Path) -> None:
    current = tmp_path / "current.json"
    current.write_text(schema_text(), encoding="utf-8")
    assert run_cli("schema", "--check", current).exit_code == 0
    current.write_text("{}\n", encoding="utf-8")
    assert run_cli("schema", "--check", current).exit_code == 1


def test_output_never_replaces_a_file_unless_forced(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "plan.schema.json"
    target.write_text("my notes\n", encoding="utf-8")
    result = run_cli("schema", "-o", target)
    assert result.exit_code == 2, result
    assert f"error: {target} already exists" in result.stderr
    assert "pass --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "my notes\n"
    result = run_cli("schema", "-o", target, "--force")
    assert result.exit_code == 0, result
    assert target.read_text(encoding="utf-8") == schema_text()


def test_output_to_a_new_file_or_to_stdout(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "new.schema.json"
    assert run_cli("schema", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_text()
    result = run_cli("schema", "-o", "-")
    assert (result.exit_code, result.stdout) == (0, schema_text())


def test_stale_hint_regenerates_with_force(run_cli: RunCli, tmp_path: Path) -> None:
    stale = tmp_path / "plan.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    result = run_cli("schema", "--check", stale)
    assert f"hint: regenerate it with: planctl schema -o {stale} --force" in result.stderr

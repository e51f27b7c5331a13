"""The cache of validated plans: a second query of an unchanged file skips validation, and nothing
stale, damaged or someone else's is ever read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planctl import cache
from planctl.api import select_plans, validate_paths
from tests.conftest import CASES, REPO, RunCli

VALID = CASES / "valid" / "minimal.yaml"

# A query in a fresh process: did it answer, and did it have to import pydantic (validate) to do so?
PROBE = """
import json, sys
from planctl.api import select_plans
plans = select_plans(sys.argv[1], cache=True)
print(json.dumps({"ids": [p.plan.id for p in plans], "validated": "pydantic" in sys.modules}))
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own."""
    where = tmp_path / "cache"
    monkeypatch.setenv("PLANCTL_CACHE_DIR", str(where))
    monkeypatch.delenv("PLANCTL_NO_CACHE", raising=False)
    return where


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plans" / "plan.yaml"
    path.parent.mkdir()
    path.write_text(VALID.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _query(path: Path, folder: Path, **env: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        cwd=REPO,
        env={**os.environ, "PLANCTL_CACHE_DIR": str(folder), **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, object] = json.loads(out)
    return result


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def test_a_second_query_of_an_unchanged_plan_does_not_validate_it(folder: Path, plan: Path) -> None:
    first = _query(plan, folder)
    assert first == {"ids": ["minimal"], "validated": True}
    assert len(_entries(folder)) == 1
    assert _query(plan, folder) == {"ids": ["minimal"], "validated": False}


def test_an_edited_plan_is_validated_again(run_cli: RunCli, folder: Path, plan: Path) -> None:
    assert run_cli("objectives", "--plan", plan).exit_code == 0
    plan.write_text(plan.read_text(encoding="utf-8").replace("kind: operational", "kind: operatonal"), encoding="utf-8")
    result = run_cli("objectives", "--plan", plan)
    assert result.exit_code == 1, result
    assert "must be one of" in result.stderr


def test_only_valid_plans_are_kept(folder: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(VALID.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    assert not validate_paths([bad], links=False, cache=True).files[0].ok
    assert _entries(folder) == []


def test_a_damaged_entry_is_a_miss_and_is_replaced(folder: Path, plan: Path) -> None:
    _query(plan, folder)
    [entry] = _entries(folder)
    entry.write_bytes(b"\x80\x05not a pickle at all")
    assert _query(plan, folder) == {"ids": ["minimal"], "validated": True}
    assert _query(plan, folder) == {"ids": ["minimal"], "validated": False}


def test_an_entry_others_may_read_or_write_is_never_read(folder: Path, plan: Path) -> None:
    _query(plan, folder)
    [entry] = _entries(folder)
    entry.chmod(0o644)  # as a file checked out of git would be: not one planctl wrote
    assert _query(plan, folder)["validated"] is True
    entry.chmod(0o600)
    assert _query(plan, folder)["validated"] is False
    entry.chmod(0o666)
    assert _query(plan, folder)["validated"] is True
    folder.chmod(0o777)
    try:
        assert _query(plan, folder)["validated"] is True
    finally:
        folder.chmod(0o700)


def test_no_cache_turns_it_off(folder: Path, plan: Path) -> None:
    assert _query(plan, folder, PLANCTL_NO_CACHE="1")["validated"] is True
    assert _entries(folder) == []


def test_a_library_call_leaves_it_alone_unless_asked(folder: Path, plan: Path) -> None:
    assert [p.plan.id for p in select_plans(plan)] == ["minimal"]
    assert _entries(folder) == []
    assert [p.plan.id for p in select_plans(plan, cache=True)] == ["minimal"]
    assert len(_entries(folder)) == 1


def test_no_cache_where_file_owners_are_unknown(
    run_cli: RunCli, folder: Path, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "getuid")  # Windows
    result = run_cli("objectives", "--plan", plan)
    assert result.exit_code == 0, result
    assert not folder.exists()


def test_validate_neither_reads_nor_writes_it(run_cli: RunCli, folder: Path, plan: Path) -> None:
    assert run_cli("validate", plan).exit_code == 0
    assert _entries(folder) == []


def test_an_unusable_cache_folder_changes_nothing(
    run_cli: RunCli, tmp_path: Path, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("PLANCTL_CACHE_DIR", str(blocker / "cache"))
    result = run_cli("objectives", "--plan", plan)
    assert result.exit_code == 0, result
    assert result.stderr == ""


def test_the_oldest_entries_go_beyond_the_limit(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    paths = []
    for n in range(3):
        path = tmp_path / f"p{n}.yaml"
        path.write_text(VALID.read_text(encoding="utf-8").replace("id: minimal", f"id: p{n}", 1), encoding="utf-8")
        paths.append(path)
        select_plans(path, cache=True)
        if n == 0:
            [first] = _entries(folder)
            os.utime(first, ns=(1, 1))  # long unused
    assert len(_entries(folder)) == 2
    entries = [cache.entry(p.read_bytes()) for p in paths]
    assert [e is not None and cache.load(e) is not None for e in entries] == [False, True, True]


# --- pydantic's compiled validator, kept beside the plans -------------------------------------------

# `planctl ARGS` as the script runs it; then whether pydantic's Python layer was imported (to build the validator)
CLI_PROBE = """
import os, sys
leave = os._exit  # planctl ends the process at once, once its output is written
os._exit = lambda code: (os.write(2, ("\\nBUILT %s\\n" % ("pydantic" in sys.modules)).encode()), leave(code))
sys.argv = ["planctl", *sys.argv[1:]]
from planctl.cli import main
main()
"""


def _cli(folder: Path, *args: str, **env: str) -> tuple[int, bool]:
    """Run `planctl ARGS` with this cache folder: its exit status, and whether it built the validator."""
    result = subprocess.run(
        [sys.executable, "-c", CLI_PROBE, *map(str, args)],
        cwd=REPO,
        env={**os.environ, "PLANCTL_CACHE_DIR": str(folder), **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "\nBUILT " in result.stderr, result.stderr  # the probe reported
    return result.returncode, result.stderr.rstrip().endswith("BUILT True")


def _validators(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.validator")) if folder.is_dir() else []


def test_the_compiled_validator_is_kept_and_read_back(folder: Path, plan: Path) -> None:
    assert _cli(folder, "validate", plan) == (0, True)
    assert len(_validators(folder)) == 1 and _entries(folder) == []  # validate keeps no plan
    assert _cli(folder, "validate", plan) == (0, False)
    assert _cli(folder, "objectives", "--plan", plan, PLANCTL_NO_CACHE="1") == (0, False)  # no plan kept, still read
    assert _cli(folder, "validate", CASES / "invalid" / "bad-kind.yaml") == (1, False)


def test_a_damaged_or_foreign_validator_is_not_read(folder: Path, plan: Path) -> None:
    _cli(folder, "validate", plan)
    [kept] = _validators(folder)
    kept.write_bytes(b"\x80\x05not a pickle")
    assert _cli(folder, "validate", plan) == (0, True)  # built again, and kept again
    assert _cli(folder, "validate", plan) == (0, False)
    kept.chmod(0o644)  # anyone may read it: not one planctl wrote
    assert _cli(folder, "validate", plan) == (0, True)


def test_keep_validator_0_turns_it_off(folder: Path, plan: Path) -> None:
    assert _cli(folder, "validate", plan, PLANCTL_KEEP_VALIDATOR="0") == (0, True)
    assert _validators(folder) == []


def test_a_library_caller_keeps_a_validator_only_when_it_asks(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from planctl.model import validation

    monkeypatch.delenv("PLANCTL_KEEP_VALIDATOR", raising=False)
    assert cache.compiled_validator() is validation.compiled()
    assert _validators(folder) == []
    monkeypatch.setenv("PLANCTL_KEEP_VALIDATOR", "1")
    assert cache.compiled_validator() is validation.compiled()  # built, and kept
    assert len(_validators(folder)) == 1
    assert cache.compiled_validator() is not validation.compiled()  # read back


def test_only_the_latest_validators_are_kept(folder: Path, plan: Path) -> None:
    folder.mkdir(mode=0o700)
    for n in range(cache.MAX_VALIDATORS + 2):  # those of older versions of the code
        old = folder / f"{n:064x}.validator"
        old.write_bytes(b"")
        old.chmod(0o600)
        os.utime(old, ns=(n, n))
    _cli(folder, "validate", plan)
    assert len(_validators(folder)) == cache.MAX_VALIDATORS
    assert _cli(folder, "validate", plan) == (0, False)  # the one just kept is among them


def test_the_compiled_validator_finds_what_pydantic_finds() -> None:
    """Every case of tests/cases, checked with pydantic's validator and with one read back from a pickle."""
    import pickle

    from planctl.api import check_file
    from planctl.model import validation

    cases = sorted((CASES / "valid").glob("*.yaml")) + sorted((CASES / "invalid").glob("*.yaml"))
    built = [check_file(path).diagnostics for path in cases]
    validation.use_compiled(pickle.loads(pickle.dumps(validation.compiled())))
    try:
        assert validation.compiled() is not validation._adapter().validator
        assert [check_file(path).diagnostics for path in cases] == built
    finally:
        validation._GIVEN.clear()
    assert any(built) and not all(built)

"""Where plans are looked for: an empty entry in $PLANCTL_PLANS is a mistake, and no plan files is exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from planctl import api
from planctl.errors import InputError, UsageError
from planctl.files.reading import default_paths
from tests.conftest import PLANS, RunCli


@pytest.mark.parametrize("value", [":", "::", f"{PLANS}:", f":{PLANS}", f"{PLANS}::{PLANS}"])
@pytest.mark.parametrize(
    "command",
    [["validate"], ["fmt", "--check"], ["plans"], ["calendar"], ["objectives"], ["diff", "--since", "HEAD"]],
    ids=lambda c: " ".join(c),
)
def test_an_empty_entry_in_planctl_plans_is_a_usage_error(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, value: str, command: list[str]
) -> None:
    monkeypatch.setenv("PLANCTL_PLANS", value)
    result = run_cli(*command)
    assert result.exit_code == 2, result
    assert "error: PLANCTL_PLANS has an empty entry" in result.stderr
    assert "valid" not in result.stdout


def test_default_paths_refuses_an_empty_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCTL_PLANS", "a::b")
    with pytest.raises(UsageError) as e:
        default_paths()
    assert e.value.hint is not None and "unset variable" in e.value.hint


def test_entries_are_kept_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCTL_PLANS", "b:a")
    assert default_paths() == [Path("b"), Path("a")]


def test_no_paths_at_all_is_an_input_error_not_zero_valid_files() -> None:
    with pytest.raises(InputError, match="no plan files"):
        api.validate_paths([])

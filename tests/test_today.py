"""Today is an option of the commands that depend on it; `--month` takes this, next and last."""

from __future__ import annotations

import json

import pytest

from tests.conftest import RunCli


def _dates(run_cli: RunCli, *args: str) -> list[str]:
    result = run_cli("calendar", "--plan", "2017", *args, "--format", "json")
    assert result.exit_code == 0, result
    return [row["date"] for row in json.loads(result.stdout)]


def test_month_next_is_the_month_after_today(run_cli: RunCli) -> None:
    assert _dates(run_cli, "--month", "next", "--today", "2017-08-15") == ["2017-09-04/2017-09-06", "2017-09-18"]
    table = run_cli("calendar", "--plan", "2017", "--month", "next", "--today", "2017-08-15")
    assert "in September 2017" in table.stdout, table


@pytest.mark.parametrize(("word", "month"), [("this", "2017-09"), ("last", "2017-08"), ("NEXT", "2017-10")])
def test_this_last_next(run_cli: RunCli, word: str, month: str) -> None:
    found = _dates(run_cli, "--month", word, "--today", "2017-09-30")
    assert found and all(d.startswith(month) or f"/{month}" in d for d in found), found


def test_month_next_crosses_the_year(run_cli: RunCli) -> None:
    result = run_cli("calendar", "--plan", "2017", "--month", "next", "--today", "2016-12-31")
    assert "January 2017" in result.stdout, result


def test_today_option_wins_over_the_environment(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCTL_TODAY", "2017-01-01")
    assert _dates(run_cli, "--upcoming", "--today", "2017-12-01") == _dates(run_cli, "--from", "2017-12-01")
    assert len(_dates(run_cli, "--upcoming")) > len(_dates(run_cli, "--upcoming", "--today", "2017-12-01"))


def test_bad_today_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("calendar", "--upcoming", "--today", "2017-02-30")
    assert result.exit_code == 2 and "--today: impossible date '2017-02-30'" in result.stderr, result
    result = run_cli("calendar", "--upcoming", "--today", "tomorrow")
    assert result.exit_code == 2 and "--today" in result.stderr, result


def test_upcoming_after_the_plan_says_when_it_ended_and_how_to_ask(run_cli: RunCli) -> None:
    result = run_cli("calendar", "--plan", "2017", "--upcoming", "--today", "2026-11-30")
    assert result.exit_code == 0, result
    out = " ".join((result.stdout + result.stderr).split())
    assert "plan 2017 ended on 31 December 2017: `planctl calendar --plan 2017` shows its events" in out

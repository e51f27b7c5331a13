"""Dates at the calendar's edges (year 1 and year 9999): a clear message and exit 2, or a valid answer."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from planctl.errors import UsageError
from planctl.query.calendar import parse_month
from tests.conftest import CASES, PLANS, RunCli

EDGE_EVENTS = """\
  - id: last-day
    title: Last day
    date: {y}-12-31
  - id: last-days
    title: Last days
    start: {y}-12-30
    end: {y}-12-31
  - id: december
    title: Some day in December
    month: {y}-12
  - id: first-day
    title: First day
    date: {y}-01-01
"""


def _edge_plan(folder: Path, year: str) -> Path:
    """A valid plan of the year `year` (0001 or 9999) with events on its first and last days."""
    text = (CASES / "valid" / "full-shape.yaml").read_text(encoding="utf-8").replace("2024", year)
    text = text.replace("publications:\n", EDGE_EVENTS.format(y=year) + "publications:\n", 1)
    folder.mkdir(exist_ok=True)
    shutil.copy(CASES / "valid" / "example-strategy.yaml", folder)  # the plan it implements
    path = folder / f"{year}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def last_year(tmp_path: Path, run_cli: RunCli) -> Path:
    path = _edge_plan(tmp_path / "last", "9999")
    assert run_cli("validate", path).exit_code == 0
    return path


@pytest.fixture
def first_year(tmp_path: Path, run_cli: RunCli) -> Path:
    path = _edge_plan(tmp_path / "first", "0001")
    assert run_cli("validate", path).exit_code == 0
    return path


@pytest.mark.parametrize("month", ["0000-01", "0000-12", "Sep 0000", "sept 0000"])
def test_a_month_of_year_zero_is_a_usage_error(run_cli: RunCli, month: str) -> None:
    result = run_cli("calendar", "--plan", PLANS / "2017.yaml", "--month", month)
    assert result.exit_code == 2, result
    assert f"error: unknown month {month!r}" in result.stderr
    assert "years run from 1 to 9999" in result.stderr
    assert "internal error" not in result.stderr


def test_parse_month_accepts_the_first_and_last_years() -> None:
    assert (parse_month("0001-01").year, parse_month("9999-12").year) == (1, 9999)
    with pytest.raises(UsageError):
        parse_month("0000-06")


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "ics"])
@pytest.mark.parametrize("month", [None, "dec", "jan", "9999-12", "0001-01"])
def test_calendar_of_plans_on_the_edges_answers(
    run_cli: RunCli, first_year: Path, last_year: Path, fmt: str, month: str | None
) -> None:
    for plan in (first_year, last_year):
        args = ["calendar", "--plan", plan, "--format", fmt] + (["--month", month] if month else [])
        result = run_cli(*args)
        assert result.exit_code == 0, result


def _events(text: str) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(text)
    return {str(e["uid"]).split("@")[0].split(".", 1)[1]: e for e in cal.walk("VEVENT")}


def test_ics_of_an_event_on_9999_12_31_lasts_its_days(run_cli: RunCli, last_year: Path, tmp_path: Path) -> None:
    """There is no 10000-01-01 for an exclusive DTEND: the last events say how long they last instead."""
    out = tmp_path / "edge.ics"
    result = run_cli("calendar", "--plan", last_year, "--format", "ics", "-o", out)
    assert result.exit_code == 0, result
    events = _events(out.read_text(encoding="utf-8"))
    last = date(9999, 12, 31)
    for uid, first, days in [
        ("last-day", last, 1),
        ("last-days", date(9999, 12, 30), 2),
    ]:
        event = events[uid]
        assert event.decoded("dtstart") == first
        assert "DTEND" not in event
        assert event.decoded("duration") == timedelta(days=days)
    for uid, first in [("first-day", date(9999, 1, 1)), ("december", date(9999, 12, 1))]:  # a month: its 1st
        event = events[uid]  # every other event keeps its DTEND
        assert (event.decoded("dtstart"), event.decoded("dtend")) == (first, first + timedelta(days=1))


@pytest.mark.parametrize(
    "command", [["render"], ["render", "--format", "html"], ["show", "--plan"], ["activities", "--plan"]]
)
def test_other_commands_on_the_edges(run_cli: RunCli, first_year: Path, last_year: Path, command: list[str]) -> None:
    for plan in (first_year, last_year):
        result = run_cli(*command, plan)
        assert result.exit_code == 0, result


def test_new_past_year_9999_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("new", "--from", PLANS / "strategy-2017-2021.yaml", "--year", "9999")
    assert result.exit_code == 2, result
    assert "error: a plan for 9999 would end in 10003, after 9999, the last year a date can have" in result.stderr
    assert "hint: the latest year this plan can be drafted for is 9995" in result.stderr
    assert "internal error" not in result.stderr


def test_new_from_the_last_year_is_a_usage_error_with_a_year_that_exists(run_cli: RunCli, last_year: Path) -> None:
    result = run_cli("new", "--from", last_year)  # next year by default: 10000
    assert result.exit_code == 2, result
    assert "error: a plan for 10000 would end in 10000, after 9999" in result.stderr
    assert "hint: the latest year this plan can be drafted for is 9999" in result.stderr
    result = run_cli("new", "--from", last_year, "--year", "9999")
    assert result.exit_code == 2, result
    assert "--year 10000" not in result.stderr
    assert "hint: choose another year, e.g. --year 9998" in result.stderr


def test_new_up_to_the_edges_works(run_cli: RunCli, first_year: Path, last_year: Path) -> None:
    assert run_cli("new", "--from", PLANS / "strategy-2017-2021.yaml", "--year", "9995").exit_code == 0
    assert run_cli("new", "--from", last_year, "--year", "1000").exit_code == 0
    assert run_cli("new", "--from", first_year, "--year", "9999").exit_code == 0


def test_draft_before_year_1_is_a_usage_error(first_year: Path) -> None:
    """The command asks for --year 1000 or later; a library caller may ask for any year."""
    from planctl.api import load_plan
    from planctl.new import draft_next_year

    with pytest.raises(UsageError, match="would start in year -1, before year 1"):
        draft_next_year(first_year.read_text(encoding="utf-8"), load_plan(first_year), -1)

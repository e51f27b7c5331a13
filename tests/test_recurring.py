"""Events that repeat yearly or monthly: `calendar` lists each occurrence, `.ics` holds one VEVENT with an
RRULE; actions' deadlines with a date or a month are in the calendar too."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest

from planctl.model.plan import Event
from tests.conftest import RunCli

PLAN = """\
id: rec
title: Recurring
organisation: O
kind: action-plan
period: {start: 2020-01-01, end: 2024-12-31}
goals:
  - id: I
    title: G
    actions:
      - {id: a1, number: 1, addressed_to: All, text: Report., deadline: {date: 2021-06-30, text: by mid-2021}}
      - {id: a2, number: 2, addressed_to: All, text: Survey., deadline: {month: 2022-03}}
      - {id: a3, number: 3, addressed_to: All, text: Share., deadline: {text: as soon as possible}}
calendar:
  - {id: art7, title: Article 7 reports due, date: 2020-04-30, repeats: yearly, until: 2023-04-30}
  - {id: sc, title: Committee, start: 2020-01-30, end: 2020-01-31, repeats: monthly, until: 2020-05-31}
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "rec.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _rows(run_cli: RunCli, plan: Path, *args: str) -> list[tuple[str, str]]:
    result = run_cli("calendar", "--plan", plan, *args, "--format", "json")
    assert result.exit_code == 0, result
    return [(row["date"], row["title"]) for row in json.loads(result.stdout)]


def test_calendar_lists_each_occurrence_and_dated_deadlines(run_cli: RunCli, plan: Path) -> None:
    rows = _rows(run_cli, plan)
    assert [d for d, t in rows if t == "Article 7 reports due"] == [
        "2020-04-30",
        "2021-04-30",
        "2022-04-30",
        "2023-04-30",
    ]
    # monthly from 30-31 January: February has no 30th, so it is skipped
    assert [d for d, t in rows if t == "Committee"] == [
        "2020-01-30/2020-01-31",
        "2020-03-30/2020-03-31",
        "2020-04-30/2020-05-01",
        "2020-05-30/2020-05-31",
    ]
    assert ("2021-06-30", "Deadline of action #1: by mid-2021") in rows
    assert ("2022-03", "Deadline of action #2") in rows
    assert not any("#3" in t for _, t in rows)  # a deadline in words only has no day


def test_a_month_window_holds_that_years_occurrence(run_cli: RunCli, plan: Path) -> None:
    assert _rows(run_cli, plan, "--month", "2022-04") == [("2022-04-30", "Article 7 reports due")]


def test_ics_has_one_vevent_with_an_rrule(run_cli: RunCli, plan: Path) -> None:
    result = run_cli("calendar", "--plan", plan, "--format", "ics")
    assert result.exit_code == 0, result
    calendar = icalendar.Calendar.from_ical(result.stdout)
    art7 = [e for e in calendar.walk("VEVENT") if str(e["summary"]) == "Article 7 reports due"]
    assert len(art7) == 1
    [event] = art7
    assert event.decoded("dtstart") == dt.date(2020, 4, 30)
    rule = event["rrule"]
    assert rule["FREQ"] == ["YEARLY"] and rule["UNTIL"] == [dt.date(2023, 4, 30)]
    committee = [e for e in calendar.walk("VEVENT") if str(e["summary"]) == "Committee"]
    assert len(committee) == 1 and committee[0]["rrule"]["FREQ"] == ["MONTHLY"]
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_until_defaults_to_the_end_of_the_period() -> None:
    event = Event(id="e", title="E", date=dt.date(2020, 2, 29), repeats="yearly")
    assert [first for first, _ in event.occurrences(dt.date(2024, 12, 31))] == [
        dt.date(2020, 2, 29),
        dt.date(2024, 2, 29),
    ]

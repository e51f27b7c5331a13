"""The calendar core: what --month accepts, which events a window selects, and in what order."""

from __future__ import annotations

from datetime import date

import pytest

from planctl.api import check_text, load_plan
from planctl.errors import UsageError
from planctl.model.plan import Plan
from planctl.query.calendar import MonthSpec, Query, entries, listing, parse_date, parse_month, parse_today
from tests.conftest import PLANS

PLAN_2017 = load_plan(PLANS / "2017.yaml")


def _plan(calendar: str, *, start: str = "2017-01-01", end: str = "2017-12-31", plan_id: str = "p") -> Plan:
    text = f"""\
id: "{plan_id}"
title: Test plan
organisation: Test
kind: operational
period: {{start: {start}, end: {end}}}
calendar:
{calendar}"""
    result = check_text(text, "test.yaml")
    assert result.ok and result.plan is not None, result.diagnostics
    return result.plan


def _ids(plans: list[Plan], query: Query | None = None) -> list[str]:
    return [e.event.id for e in entries(plans, query)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sep", MonthSpec(9)),
        ("Sept", MonthSpec(9)),
        ("September", MonthSpec(9)),
        ("SEPTEMBER", MonthSpec(9)),
        ("sept.", MonthSpec(9)),
        ("9", MonthSpec(9)),
        ("09", MonthSpec(9)),
        ("2017-09", MonthSpec(9, 2017)),
        ("2017-9", MonthSpec(9, 2017)),
        ("Sep 2017", MonthSpec(9, 2017)),
        ("may", MonthSpec(5)),
        ("jun", MonthSpec(6)),
        ("jul", MonthSpec(7)),
        (" 12 ", MonthSpec(12)),
    ],
)
def test_month_forms(text: str, expected: MonthSpec) -> None:
    assert parse_month(text) == expected


@pytest.mark.parametrize(
    ("text", "hint_start"),
    [
        ("spet", "did you mean 'sept'?"),
        ("Septembre", "did you mean 'september'?"),
        ("octber 2017", "did you mean 'october 2017'?"),
        ("13", "there is no month 13: months are numbered 1 to 12."),
        ("0", "there is no month 0"),
        ("2017-13", "there is no month 13"),
        ("ju", "'ju' could be June or July. A month is"),
        ("ma 2018", "'ma' could be March or May. A month is"),
        ("xyzzy", "A month is"),
        ("", "A month is"),
        ("2017-09-01", "A month is"),
    ],
)
def test_bad_months_say_what_is_accepted(text: str, hint_start: str) -> None:
    with pytest.raises(UsageError) as e:
        parse_month(text)
    assert e.value.message == f"unknown month {text!r}"
    assert e.value.hint is not None
    assert e.value.hint.startswith(hint_start)
    assert e.value.hint.endswith(
        "A month is a name or abbreviation (sep, Sept, September), a number (9 or 09), "
        "a year and month (2017-09, 'Sep 2017') or this, next, last."
    )


def test_a_month_without_year_is_that_month_in_each_year_of_the_period() -> None:
    assert MonthSpec(9).windows(date(2017, 3, 1), date(2019, 2, 28)) == [
        (date(2017, 9, 1), date(2017, 9, 30)),
        (date(2018, 9, 1), date(2018, 9, 30)),
    ]
    assert MonthSpec(2).windows(date(2017, 3, 1), date(2019, 2, 28)) == [
        (date(2018, 2, 1), date(2018, 2, 28)),
        (date(2019, 2, 1), date(2019, 2, 28)),
    ]
    assert MonthSpec(9, 2020).windows(date(2017, 1, 1), date(2017, 12, 31)) == []


def test_september_2017() -> None:
    assert _ids([PLAN_2017], Query(parse_month("sep"))) == ["msp7-ccm", "mbt-adoption-20"]


def test_every_event_in_date_order_month_only_first_in_its_month() -> None:
    assert _ids([PLAN_2017]) == [
        "poongsan-action",
        "nobel-summit-16",
        "npd-meeting",
        "oslo-process-10",
        "pledging-conference-2",
        "mbt-eif-18",
        "country-coalition-workshop",
        "ipu-136",  # 1-5 April, listed after 4 April in the plan
        "mine-awareness-day",
        "mine-action-symposium-14",
        "sei-day",
        "mbt-intersessionals",
        "crpd-cosp",
        "ccm-eif-7",
        "cmm-2017-launch",
        "msp7-ccm",
        "mbt-adoption-20",
        "nobel-prize-20",
        "icbl-25",
        "first-committee",
        "ccw-conference",
        "mbt-signing-20",  # 3 December, listed after 15 December in the plan
        "lm-2017-launch",
        "msp16-mbt",
    ]


def test_month_only_events_come_before_dated_events_of_their_month() -> None:
    plan = _plan(
        """\
  - {id: later, title: Later, date: 2017-10-20}
  - {id: first-day, title: First day, date: 2017-10-01}
  - {id: sometime, title: Sometime, month: 2017-10}
  - {id: september, title: September, date: 2017-09-30}
"""
    )
    assert _ids([plan]) == ["september", "sometime", "first-day", "later"]


def test_an_event_overlapping_the_window_is_in_it() -> None:
    # MSP7 runs 4-6 September: a window touching any of its days shows it
    assert "msp7-ccm" in _ids([PLAN_2017], Query(start=date(2017, 9, 6), end=date(2017, 9, 10)))
    assert "msp7-ccm" in _ids([PLAN_2017], Query(start=date(2017, 9, 1), end=date(2017, 9, 4)))
    assert "msp7-ccm" not in _ids([PLAN_2017], Query(start=date(2017, 9, 7)))
    assert _ids([PLAN_2017], Query(start=date(2017, 9, 5), end=date(2017, 9, 5))) == ["msp7-ccm"]


def test_a_month_only_event_is_in_any_window_touching_its_month() -> None:
    assert _ids([PLAN_2017], Query(start=date(2017, 10, 15), end=date(2017, 10, 20))) == [
        "nobel-prize-20",
        "icbl-25",
        "first-committee",
    ]
    assert _ids([PLAN_2017], Query(end=date(2017, 10, 1)))[-3:] == ["nobel-prize-20", "icbl-25", "first-committee"]


def test_month_and_window_combine() -> None:
    assert _ids([PLAN_2017], Query(parse_month("sep"), start=date(2017, 9, 10))) == ["mbt-adoption-20"]


def test_a_month_without_year_matches_in_every_plan_year() -> None:
    plan = _plan(
        """\
  - {id: s17, title: September 2017, date: 2017-09-10}
  - {id: s18, title: September 2018, month: 2018-09}
  - {id: o18, title: October 2018, date: 2018-10-01}
""",
        end="2018-12-31",
    )
    assert _ids([plan], Query(parse_month("sep"))) == ["s17", "s18"]
    assert _ids([plan], Query(parse_month("2018-09"))) == ["s18"]


def test_from_after_to_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--from 2017-10-01 is after --to 2017-09-01"):
        Query(start=date(2017, 10, 1), end=date(2017, 9, 1))


def test_parse_date() -> None:
    assert parse_date("2017-09-01", "--from") == date(2017, 9, 1)
    with pytest.raises(UsageError, match="--to: impossible date '2017-02-30'"):
        parse_date("2017-02-30", "--to")
    with pytest.raises(UsageError) as e:
        parse_date("2017-09", "--from")
    assert e.value.message == "--from: expected a date like 2017-09-01, got '2017-09'"
    assert e.value.hint == "give an ISO date like 2017-09-01; for a whole month use --month 2017-09"


def test_today_is_injectable() -> None:
    assert parse_today("2017-09-05") == date(2017, 9, 5)
    assert parse_today(None) == date.today()
    assert parse_today("") == date.today()
    with pytest.raises(UsageError, match="PLANCTL_TODAY: expected a date"):
        parse_today("tomorrow")


def test_listing_rows_and_columns() -> None:
    query = Query(parse_month("oct"))
    result = listing(entries([PLAN_2017], query), [PLAN_2017], query)
    assert [c.key for c in result.columns] == ["plan", "date", "title", "location", "tentative"]
    assert result.rows[2] == {
        "plan": "2017",
        "date": "2017-10",
        "title": "First Committee meetings of the UN General Assembly",
        "location": "New York",
        "tentative": False,
    }
    assert result.title == "Calendar of plan 2017, in October"


def test_ranges_and_tentative_in_rows() -> None:
    result = listing(entries([PLAN_2017]), [PLAN_2017])
    by_title = {r["title"]: r for r in result.rows}
    assert by_title["16th Meeting of States Parties to the Mine Ban Treaty"]["date"] == "2017-12-18/2017-12-22"
    assert by_title["Launch of Cluster Munition Monitor 2017 report"]["tentative"] is True


def test_several_plans_add_a_plan_column_and_interleave_by_date() -> None:
    other = _plan("  - {id: sep-2, title: Other plan in September, date: 2017-09-05}\n", plan_id="other")
    found = entries([PLAN_2017, other], Query(parse_month("sep")))
    result = listing(found, [PLAN_2017, other])
    assert result.columns[0].key == "plan"
    assert [(r["plan"], r["date"]) for r in result.rows] == [
        ("2017", "2017-09-04/2017-09-06"),
        ("other", "2017-09-05"),
        ("2017", "2017-09-18"),
    ]
    assert result.empty_message == "no events in plans 2017, other"


def test_empty_message_says_what_was_asked() -> None:
    query = Query(parse_month("jan"), start=date(2017, 1, 20))
    result = listing(entries([PLAN_2017], query), [PLAN_2017], query)
    assert result.rows == []
    assert result.empty_message == "no events in plan 2017 in January, from 2017-01-20 on"

"""Dates in words: one phrase for when an event happens, in every form planctl prints it."""

from __future__ import annotations

from datetime import date

import pytest

from planctl.dates import Form, from_iso, when

FEB_23 = date(2017, 2, 23)


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("words", ["23 February 2017", "2–5 February 2017", "30 November – 4 December 2017", "October 2017"]),
        ("short", ["23 Feb 2017", "2–5 Feb 2017", "30 Nov – 4 Dec 2017", "Oct 2017"]),
        ("numeric", ["2017-02-23", "2017-02-02 to 2017-02-05", "2017-11-30 to 2017-12-04", "2017-10"]),
        ("iso", ["2017-02-23", "2017-02-02/2017-02-05", "2017-11-30/2017-12-04", "2017-10"]),
    ],
)
def test_a_day_a_range_and_a_month_in_each_form(form: Form, expected: list[str]) -> None:
    assert [
        when(FEB_23, form=form),
        when(start=date(2017, 2, 2), end=date(2017, 2, 5), form=form),
        when(start=date(2017, 11, 30), end=date(2017, 12, 4), form=form),
        when(month="2017-10", form=form),
    ] == expected


def test_a_range_across_new_year_names_both_years() -> None:
    dates = {"start": date(2017, 12, 30), "end": date(2018, 1, 4)}
    assert when(**dates, form="short") == "30 Dec 2017 – 4 Jan 2018"
    assert when(**dates) == "30 December 2017 – 4 January 2018"


def test_a_range_of_one_day_is_that_day() -> None:
    assert when(start=FEB_23, end=FEB_23, form="short") == "23 Feb 2017"
    assert when(start=FEB_23, end=FEB_23, form="iso") == "2017-02-23"


def test_under_a_months_heading_the_year_is_left_out() -> None:
    assert when(FEB_23, year=False) == "23 February"
    assert when(month="2017-10", year=False, form="short") == "Oct"


def test_a_tentative_date_says_so_and_no_date_is_said_plainly() -> None:
    assert when(month="2017-10", form="short", tentative=True) == "Oct 2017 (tbc)"
    assert when() == "no date"


def test_an_iso_phrase_said_in_words_and_anything_else_left_alone() -> None:
    assert [from_iso(t) for t in ("2017-09-04/2017-09-06", "2017-09-18", "2017-10")] == [
        "4–6 Sep 2017",
        "18 Sep 2017",
        "Oct 2017",
    ]
    assert from_iso("2017-09-18", form="words") == "18 September 2017"
    assert [from_iso(t) for t in ("2017-13", "2017-02-30", "20170904", "soon", "", "2017-09-04/")] == [None] * 6

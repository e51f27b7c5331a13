"""How an indicator's standing is worked out: the status rule of `planctl progress --help`, totals of
cumulative and non-cumulative indicators, and indicators counted from the countries' outcomes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from planctl.api import load_plan
from planctl.model.results import Results
from planctl.model.results_checks import validate_results_data
from planctl.query.questions import find_objectives
from planctl.results.progress import Standing, standings
from tests.conftest import CASES

PLAN = load_plan(CASES / "results" / "plans" / "example.yaml")
TODAY = date(2017, 12, 31)


def _results(indicators: dict[str, Any] | None = None, **more: Any) -> Results:
    results, problems = validate_results_data({"plan": "example", "indicators": indicators or {}, **more})
    assert results is not None, problems
    return results


def _standing(indicator: str, results: Results, period: str | None = None, today: date = TODAY) -> Standing:
    found = standings(find_objectives([PLAN]), {"example": results}, period=period, today=today)
    return next(s for s in found if s.indicator == indicator)


# 2 July 2017 is the 183rd of 365 days: a time share of 0.501
@pytest.mark.parametrize(
    ("actual", "status"),
    [
        (10, "achieved"),
        (12, "achieved"),
        (6, "on-track"),
        (5.1, "on-track"),
        (4, "at-risk"),
        (3.8, "at-risk"),
        (3, "off-track"),
    ],
)
def test_the_status_compares_the_way_covered_with_the_time_gone(actual: float, status: str) -> None:
    results = _results({"1B.i1": {"periods": {"2017": {"target": 10, "actual": actual, "as_of": "2017-07-02"}}}})
    standing = _standing("1B.i1", results, "2017")
    assert standing.status == status
    assert standing.share == pytest.approx(actual / 10)
    assert standing.expected == pytest.approx(183 / 365)


def test_the_way_starts_at_the_baseline_and_may_go_down() -> None:
    results = _results(
        {
            "1A.i1": {
                "cumulative": True,
                "baseline": {"value": 100},
                "target": 50,
                "direction": "descending",
                "periods": {"2017-H1": {"actual": 80}},
            },
        }
    )
    standing = _standing("1A.i1", results)
    assert standing.share == pytest.approx(0.4)  # 100 → 80 is 20 of the 50 to come down
    assert standing.percent == 40
    assert standing.as_of == date(2017, 6, 30)  # the period's last day
    assert standing.status == "at-risk"  # 0.4: below the 181/365 gone, above 3/4 of it


def test_a_cumulative_indicator_stands_at_its_latest_figure_a_non_cumulative_one_at_their_sum() -> None:
    periods = {"2017-Q1": {"actual": 12}, "2017-Q2": {"actual": 4}}
    summed = _standing("1B.i1", _results({"1B.i1": {"target": 40, "periods": periods}}))
    latest = _standing("1B.i1", _results({"1B.i1": {"target": 40, "cumulative": True, "periods": periods}}))
    assert (summed.actual, summed.percent, summed.as_of) == (16, 40, date(2017, 6, 30))
    assert (latest.actual, latest.percent, latest.as_of) == (4, 10, date(2017, 6, 30))


def test_a_period_without_a_target_of_its_own_is_measured_against_the_plan_when_figures_are_totals() -> None:
    results = _results({"1A.i1": {"cumulative": True, "target": 8, "periods": {"2017-H1": {"actual": 4}}}})
    standing = _standing("1A.i1", results, "2017-H1")
    assert (standing.target, standing.window) == (8, (date(2017, 1, 1), date(2017, 12, 31)))
    assert standing.status == "on-track"  # half the way at the end of June
    per_period = _results({"1B.i1": {"target": 8, "periods": {"2017-H1": {"actual": 4}}}})
    assert _standing("1B.i1", per_period, "2017-H1").status == "no-target"


def test_a_computed_indicator_counts_the_target_countries_with_the_outcome_by_the_period_end() -> None:
    countries = {
        "1A.g1": {
            "Benin": {"outcome": "joined", "date": "2017-08-27"},
            "Nepal": {"outcome": "engaged", "date": "2017-05-02"},
            "Norway": {"outcome": "joined", "date": "2017-03-01"},  # not a target country: not counted
        },
        "1A.g2": {"PH": {"outcome": "joined", "date": "2017-11-20"}},
    }
    results = _results({"1A.i2": {"computed": {"count": "joined"}, "target": 4}}, countries=countries)
    counts = {p: _standing("1A.i2", results, p).actual for p in ("2017-H1", "2017-Q3", "2017-H2", "2017")}
    assert counts == {"2017-H1": 0, "2017-Q3": 1, "2017-H2": 2, "2017": 2}
    group = _results({"1A.i2": {"computed": {"count": ["joined", "engaged"], "of": "1A.g1"}}}, countries=countries)
    assert _standing("1A.i2", group).actual == 2  # Benin and Nepal
    while_running = _standing("1A.i2", results, today=date(2017, 9, 1))
    assert (while_running.actual, while_running.as_of) == (1, date(2017, 9, 1))


def test_statuses_without_figures() -> None:
    results = _results(
        {
            "1A.i1": {"target": 5},
            "1B.i1": {"periods": {"2017": {"actual": 3}}},
            "1A.i3": {"measure": "qualitative", "periods": {"2017": {"actual": "Talks began", "rating": "at-risk"}}},
        }
    )
    assert _standing("1A.i1", results).status == "no-data"
    assert _standing("1B.i1", results).status == "no-target"
    assert _standing("1A.i3", results).status == "at-risk"
    assert _standing("1A.i4", results).status == "no-data"  # nothing recorded


@pytest.mark.parametrize("name", ["٢٠١٧", "2017\n", "٢٠١٧-H2", "2017-Q3\n", "２０１７-09"])
def test_a_period_name_is_read_in_ascii_digits_to_its_end(name: str) -> None:
    """Python's `\\d` takes any script's digits (and int() reads them), its `$` a final newline: not periods."""
    from planctl.model.periods import calendar_span, looks_like_calendar

    assert calendar_span(name) is None
    assert not looks_like_calendar(name)


@pytest.mark.parametrize(("given", "recorded"), [("3", 3), ("-2.5", -2.5), ("٣", "٣"), ("3\n", 3), ("１", "１")])
def test_a_figure_given_on_the_command_line_is_a_number_only_in_ascii_digits(given: str, recorded: Any) -> None:
    from planctl.results.record import _figure

    assert _figure(given, qualitative=False) == recorded
    assert type(_figure(given, qualitative=False)) is type(recorded)

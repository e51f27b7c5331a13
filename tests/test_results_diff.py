"""Two versions of a results file compared: entries matched by the plan's ids, countries by ISO code."""

from __future__ import annotations

from typing import Any

from planctl.diff import DiffReport, PlanDiff
from planctl.model.results import Results
from planctl.model.results_checks import validate_results_data
from planctl.render.diff import text
from planctl.results.diff import diff_results

BASE: dict[str, Any] = {
    "plan": "example",
    "indicators": {"1A.i1": {"target": 5, "periods": {"2017": {"actual": 2, "source": "first count"}}}},
    "activities": {"1A.a1": {"status": "pipeline"}},
    "countries": {"1A.g1": {"Lao PDR": {"outcome": "engaged", "date": "2017-03-01"}}},
}


def _results(data: dict[str, Any]) -> Results:
    results, problems = validate_results_data(data)
    assert results is not None, problems
    return results


def _lines(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    items = diff_results(_results(old), _results(new))
    report = DiffReport((PlanDiff("old.yaml", "new.yaml", "example", None, items),))
    return [line.strip() for line in text(report).plain.splitlines() if line.startswith("  ")]


def test_the_same_results_differ_in_nothing() -> None:
    assert diff_results(_results(BASE), _results(BASE)) == ()


def test_a_figure_a_status_and_an_outcome_changed() -> None:
    new = {
        **BASE,
        "indicators": {"1A.i1": {"target": 5, "periods": {"2017": {"actual": 3, "source": "first count"}}}},
        "activities": {"1A.a1": {"status": "implementation"}},
        "countries": {
            "1A.g1": {
                "Laos": {"outcome": "engaged", "date": "2017-03-01"},  # respelt: the same country
                "Benin": {"outcome": "joined", "date": "2017-08-27", "how": "ratification"},
            }
        },
    }
    assert _lines(BASE, new) == [
        "~ indicator 1A.i1: 2017 actual: 2 → 3",
        "~ activity 1A.a1: status: pipeline → implementation",
        "+ country Benin: joined 27 Aug 2017 by ratification (target group 1A.g1)",
    ]


def test_entries_added_and_removed() -> None:
    new = {
        "plan": "example",
        "indicators": {
            "1A.i1": {
                "target": 5,
                "periods": {"2017": {"actual": 2, "source": "first count"}, "2017-H2": {"target": 3}},
            }
        },
        "events": {"msp": {"status": "held", "start": "2017-09-04", "end": "2017-09-06"}},
    }
    assert _lines(BASE, new) == [
        "~ indicator 1A.i1: 2017-H2 target: (none) → 3",
        "- activity 1A.a1: status pipeline",
        "- country Lao PDR: engaged 1 Mar 2017 (target group 1A.g1)",
        "+ event msp: status held, start 4 Sep 2017, end 6 Sep 2017",
    ]

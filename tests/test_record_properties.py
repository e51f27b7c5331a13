"""Properties of `progress set` over generated results files: a fact is recorded exactly (every other
value and every comment kept, the file read back as before plus the fact) or refused, never half done."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from planctl.api import load_plan
from planctl.errors import UsageError
from planctl.files.yaml import parse_document
from planctl.fmt import comment_texts
from planctl.model.results_checks import PlanIds
from planctl.results.record import Request, record
from tests.conftest import CASES, examples

IDS = PlanIds.of(load_plan(CASES / "results" / "plans" / "example.yaml"))
TODAY = dt.date(2017, 12, 31)
PERIODS = st.sampled_from(["2017", "2017-H1", "2017-H2", "2017-Q3", "2017-09"])
NUMBERS = st.integers(0, 50)
WORDS = st.sampled_from(["first", "count", "# of states", "Monitor: p. 3", "estimate", "'quoted'"])
COMMENT = st.one_of(st.none(), st.sampled_from(["# from the monitor", "# checked", "# to confirm"]))


def _line(indent: int, text: str, comment: str | None) -> str:
    return " " * indent + text + (f"  {comment}" if comment else "") + "\n"


@st.composite
def results_files(draw: st.DrawFn) -> str:
    """A valid results file of the example plan in planctl's layout, with comments here and there."""
    text = 'plan: "example"\n'
    indicators = draw(st.lists(st.sampled_from(["1A.i1", "1B.i1"]), unique=True))
    if indicators:
        text += "indicators:\n"
    for ind in indicators:
        if (comment := draw(COMMENT)) is not None:
            text += f"  {comment}\n"
        text += _line(2, f"{ind}:", None) + "    periods:\n"
        for period in draw(st.lists(st.sampled_from(["2017-Q1", "2017-Q2"]), min_size=1, unique=True)):
            key = draw(st.sampled_from([period, f'"{period}"']))
            text += _line(6, f"{key}:", None) + _line(8, f"actual: {draw(NUMBERS)}", draw(COMMENT))
    activities = draw(st.lists(st.sampled_from(["1A.a1", "1A.a2", "1B.a1"]), unique=True))
    if activities:
        text += _line(0, "activities:", draw(COMMENT))
    for act in activities:
        status = draw(st.sampled_from(["pipeline", "implementation"]))
        text += _line(2, f"{act}: {{status: {status}}}", draw(COMMENT))
    return text


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, Request]:
    kind = draw(st.sampled_from(["indicator", "activity", "country"]))
    if kind == "indicator":
        fields = {"period": draw(PERIODS), "actual": str(draw(NUMBERS))}
        if draw(st.booleans()):
            fields["source"] = draw(WORDS)
        return draw(st.sampled_from(["1A.i1", "1B.i1", "1A.i9"])), Request(**fields)  # type: ignore[arg-type]
    if kind == "activity":
        status = draw(st.sampled_from(["closed", "implementation", "finished"]))
        return draw(st.sampled_from(["1A.a1", "1A.a2.1", "1B.a1"])), Request(
            status=status, note=draw(st.none() | WORDS)
        )
    country = draw(st.sampled_from(["Benin", "BJ", "Kenya", "Nepal"]))
    day = draw(st.dates(dt.date(2017, 1, 1), dt.date(2018, 2, 1)))
    return "1A.g1", Request(country=country, outcome=draw(st.sampled_from(["joined", "engaged"])), date=day)


def _entry(data: dict[str, Any], id_: str, request: Request) -> dict[str, Any] | None:
    """Where the fact lands in the data, by the file's own keys (`2017-Q1` or a quoted one alike)."""
    if request.period is not None:
        periods = data.get("indicators", {}).get(id_, {}).get("periods", {})
        return periods.get(request.period)
    if request.status is not None:
        return data.get("activities", {}).get(id_)
    group = data.get("countries", {}).get(id_, {})
    return next(
        (v for k, v in group.items() if k in ("Benin", "BJ") and request.country in ("Benin", "BJ")), None
    ) or group.get(request.country)


@pytest.mark.slow
@settings(max_examples=examples(60), deadline=None)
@given(results_files(), requests())
def test_a_fact_is_recorded_exactly_or_refused(text: str, fact: tuple[str, Request]) -> None:
    id_, request = fact
    before = parse_document(text, positions=False).data
    try:
        done = record(Path("progress/example.yaml"), text, IDS, id_, request, TODAY)
    except UsageError:
        event("refused")
        return  # refused: nothing to write (the CLI leaves the file untouched)
    event("recorded")
    after = parse_document(done.text, positions=False).data
    assert not comment_texts(text) - comment_texts(done.text)
    entry = _entry(after, id_, request)
    assert entry is not None
    given_fields = {k: v for k, v in vars(request).items() if v is not None and k not in ("period", "country")}
    for name, value in given_fields.items():
        written = entry[name]
        expected = int(value) if name == "actual" else value.isoformat() if isinstance(value, dt.date) else value
        assert written == expected, (name, written, expected)
    # everything else is as it was: take the fact's entry out of both, compare what is left
    old, new = copy.deepcopy(before), copy.deepcopy(after)
    for data in (old, new):
        for section in ("indicators", "activities", "countries"):
            for key in list(data.get(section, {})):
                if key == id_:
                    del data[section][key]
            if section in data and not data[section] and section not in before:
                del data[section]
    assert old == new

"""Property tests: generated valid plans survive load → validate → dump → load; broken ones never crash planctl."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from planctl.api import check_text
from planctl.files.yaml import parse_document
from planctl.model.plan import dump as plan_data
from tests.conftest import RunCli, examples

COUNTRIES = ["Norway", "Lao PDR", "DR Congo", "Thailand", "Vietnam", "South Sudan", "Ukraine", "Yemen", "US", "KHM"]
SETTINGS = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,8}", fullmatch=True)
# Any printable text, including quotes, colons, '#', '- ', leading spaces, 'yes', '1e3' and non-Latin
# scripts: everything a YAML writer must quote correctly and the loader must read back as text.
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40)


def _unique_ids(n_min: int, n_max: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ids, min_size=n_min, max_size=n_max, unique=True)


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    """A valid plan as plain data: unique ids per kind, dates within the period, known countries."""
    start = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)))
    end = start + timedelta(days=draw(st.integers(0, 3 * 365)))

    def day() -> str:
        return (start + timedelta(days=draw(st.integers(0, (end - start).days)))).isoformat()

    categories = [{"id": i, "title": draw(texts)} for i in draw(_unique_ids(0, 3))]
    events: list[dict[str, Any]] = []
    for event_id in draw(_unique_ids(0, 4)):
        event: dict[str, Any] = {"id": event_id, "title": draw(texts)}
        first, second = sorted([day(), day()])
        event.update(draw(st.sampled_from([{"date": first}, {"start": first, "end": second}])))
        if draw(st.booleans()):
            event["tentative"] = True
        events.append(event)
    activity_ids = iter(draw(_unique_ids(16, 16)))  # at most 2 goals x 2 objectives x 2 activities x 2 levels

    def activity(depth: int) -> dict[str, Any]:
        item: dict[str, Any] = {"id": next(activity_ids), "text": draw(texts)}
        if categories and draw(st.booleans()):
            item["category"] = draw(st.sampled_from(categories))["id"]
        if draw(st.booleans()):
            item["countries"] = draw(st.lists(st.sampled_from(COUNTRIES), max_size=3, unique=True))
        if events and draw(st.booleans()):
            item["key_dates"] = [draw(st.sampled_from(events))["id"]]
        if depth and draw(st.booleans()):
            item["activities"] = [activity(depth - 1)]
        return item

    objective_ids = iter(draw(_unique_ids(4, 4)))
    goals = []
    for goal_id in draw(_unique_ids(0, 2)):
        objectives = []
        for _ in range(draw(st.integers(0, 2))):
            objective: dict[str, Any] = {"id": next(objective_ids), "title": draw(texts)}
            if draw(st.booleans()):
                objective["priority"] = draw(st.sampled_from(["high", "medium", "low"]))
            if draw(st.booleans()):
                objective["strategy"] = draw(texts)
            objective["activities"] = [activity(1) for _ in range(draw(st.integers(0, 2)))]
            objectives.append(objective)
        goals.append({"id": goal_id, "title": draw(texts), "objectives": objectives})
    plan: dict[str, Any] = {
        "id": draw(ids),
        "title": draw(texts),
        "organisation": draw(texts),
        "kind": draw(st.sampled_from(["strategy", "operational", "action-plan"])),
        "period": {"start": start.isoformat(), "end": end.isoformat()},
    }
    for key, value in (("summary", draw(st.none() | texts)), ("categories", categories), ("goals", goals)):
        if value:
            plan[key] = value
    if events:
        plan["calendar"] = events
    return plan


def dump(data: Any) -> str:
    """YAML text written by ruamel: an independent writer, so the test is not the loader checking itself."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@pytest.mark.slow
@SETTINGS
@given(plans())
def test_valid_plans_round_trip(data: dict[str, Any]) -> None:
    text = dump(data)
    assert parse_document(text, positions=False).data == data
    first = check_text(text, "generated.yaml")
    assert first.ok, (first.diagnostics, text)
    assert first.plan is not None
    again = check_text(dump(plan_data(first.plan)), "again.yaml")
    assert again.ok, again.diagnostics
    assert again.plan == first.plan


# --- mutations --------------------------------------------------------------------------------------


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside `value` (the root excluded)."""
    found = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in items:
        found.append((*path, key))
        found.extend(_paths(child, (*path, key)))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**50),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.just("2017-02-30"),
    st.just("*"),
)


@st.composite
def broken_plans(draw: st.DrawFn) -> bytes:
    """A valid plan, then one mutation: a key deleted, a value's type changed, garbage bytes, or a cut."""
    data = draw(plans())
    how = draw(st.sampled_from(["delete", "retype", "garbage", "truncate"]))
    paths = _paths(data)
    if how == "delete":
        path = draw(st.sampled_from(paths))
        del _parent(data, path)[path[-1]]
    elif how == "retype":
        path = draw(st.sampled_from(paths))
        _parent(data, path)[path[-1]] = draw(odd_values)
    raw = dump(data).encode("utf-8")
    if how == "garbage":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    elif how == "truncate":
        raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mutations") / "plan.yaml"


@pytest.mark.slow
@SETTINGS
@given(broken_plans())
def test_broken_plans_never_crash(run_cli: RunCli, scratch: Path, raw: bytes) -> None:
    scratch.write_bytes(raw)
    for fmt in ("text", "json"):
        result = run_cli("validate", "--format", fmt, scratch)  # an exception here would fail the test
        assert result.exit_code in (0, 1, 2), result
        assert "Traceback" not in result.stdout + result.stderr

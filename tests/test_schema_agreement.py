"""The models and their JSON Schemas accept the same values, field by field, so they can't drift apart.

Each constrained field of a small valid plan is given generated values (valid ones, valid ones with a
character added, changed or dropped, and values of other types); the plan must be accepted by the
model (`validate_data`) exactly when the schema accepts it, read by the `jsonschema` library (Python's
`re`) and read as editors and check-jsonschema read its patterns (ECMA-262 regular expressions).
Likewise each constrained field (and key) of a small results file, against the results model's own
fields (`validate_results_data`; the checks against its plan come after, and no schema states them).
"""

from __future__ import annotations

import copy
import functools
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import jsonschema
import pytest
import regress  # ECMA-262 regular expressions; installed with check-jsonschema, which reads patterns with it
from hypothesis import given, settings
from hypothesis import strategies as st

from planctl.model import results, types
from planctl.model.results_checks import validate_results_data
from planctl.model.validation import validate_data
from tests.conftest import REPO, examples

SCHEMA = json.loads((REPO / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
FORMATS = jsonschema.FormatChecker()
PYTHON = jsonschema.Draft202012Validator(SCHEMA, format_checker=FORMATS)


_ecma = functools.cache(lambda pattern: regress.Regex(pattern, flags="u"))  # as check-jsonschema reads them


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[jsonschema.ValidationError]:
    if isinstance(instance, str) and _ecma(pattern).find(instance) is None:
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


EcmaValidator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})
ECMA = EcmaValidator(SCHEMA, format_checker=FORMATS)

RESULTS_SCHEMA = json.loads((REPO / "schemas" / "results.schema.json").read_text(encoding="utf-8"))
RESULTS_PYTHON = jsonschema.Draft202012Validator(RESULTS_SCHEMA, format_checker=FORMATS)
RESULTS_ECMA = EcmaValidator(RESULTS_SCHEMA, format_checker=FORMATS)

PLAN: dict[str, Any] = {
    "id": "p",
    "title": "T",
    "organisation": "O",
    "kind": "operational",
    "period": {"start": "2017-01-01", "end": "2017-12-31"},
    "source": "https://example.org/plan",
    "goals": [
        {
            "id": "1",
            "title": "G",
            "objectives": [
                {
                    "id": "1A",
                    "title": "O",
                    "priority": "high",
                    "targets": {"groups": [{"id": "g1", "countries": ["Norway"]}]},
                }
            ],
            "actions": [{"id": "a1", "number": 1, "addressed_to": "All", "text": "Do."}],
        }
    ],
    "calendar": [
        {"id": "e1", "title": "E", "month": "2017-10", "tentative": True},
        {"id": "e2", "title": "F", "date": "2017-03-05"},
    ],
}

# Characters that a lax pattern lets through: line ends (`$` in Python matches before a final newline),
# other scripts' digits (`\d` in Python matches them, and int() reads them), spaces (some are spaces to
# Python's `\s` only, U+FEFF to ECMA-262's only), letters outside ASCII.
TRICKY = (
    "\n\r\t \x00\x0b\x1c\x1f\x85\ufeff\u00a0\u2028\u0660\u0661\u0667\u06f1\u0967\uff11\u00b2\u2460\u212aéıß.-_+:/0159aZ"
)
chars = st.one_of(st.sampled_from(TRICKY), st.characters(codec="utf-8"))
others = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12), st.lists(st.integers(), max_size=2)
)


@st.composite
def near(draw: st.DrawFn, valid: st.SearchStrategy[str]) -> str:
    """A valid value, or one with a character inserted, replaced or dropped (often at an end, where anchors fail)."""
    text = draw(valid)
    i = draw(st.one_of(st.sampled_from([0, len(text)]), st.integers(0, len(text))))
    how = draw(st.sampled_from(["keep", "insert", "replace", "drop"]))
    if how == "insert":
        return text[:i] + draw(chars) + text[i:]
    if how == "replace" and i < len(text):
        return text[:i] + draw(chars) + text[i + 1 :]
    if how == "drop" and i < len(text):
        return text[:i] + text[i + 1 :]
    return text


def _values(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(near(valid), others)


ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,90}", fullmatch=True)
days = st.builds(
    lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)
)
urls = st.builds(
    lambda scheme, rest: f"{scheme}://{rest}",
    st.sampled_from(["http", "https", "ftp", "HTTPS"]),
    st.from_regex(r"[a-z0-9./?=&%#-]{1,20}", fullmatch=True),
)
months = st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(0, 9999), st.integers(0, 13))


@dataclass(frozen=True)
class Key:
    """In a path: the key itself (here `name`) is what is tried, not its value."""

    name: str


@dataclass(frozen=True)
class Constrained:
    """A field, where it is in PLAN (or RESULTS), the values to try, the values the model refuses by
    design though the schema can't say so, and those it accepts though the schema (stating a check
    that comes after the model) refuses them (none unless given)."""

    name: str
    path: tuple[str | int | Key, ...]
    values: st.SearchStrategy[Any]
    stricter: Callable[[Any], bool] = lambda value: False
    laxer: Callable[[Any], bool] = lambda value: False
    of: Literal["plan", "results"] = "plan"


FIELDS = [
    Constrained("plan id", ("id",), _values(ids)),
    Constrained("objective id", ("goals", 0, "objectives", 0, "id"), _values(ids)),
    Constrained("event id", ("calendar", 0, "id"), _values(ids)),
    Constrained("period start", ("period", "start"), _values(st.one_of(days, st.dates().map(str)))),
    # an event has exactly one of `date`, `start` and `end`, or `month`: a rule across fields, which the
    # schema does not state (each of them may be null)
    Constrained(
        "event date",
        ("calendar", 1, "date"),
        _values(st.one_of(days, st.dates().map(str))),
        stricter=lambda value: value is None,
    ),
    Constrained(
        "event month",
        ("calendar", 0, "month"),
        _values(st.one_of(months, st.dates().map(lambda d: str(d)[:7]))),
        stricter=lambda value: value is None,
    ),
    Constrained("event tentative", ("calendar", 0, "tentative"), st.one_of(st.booleans(), others)),
    Constrained("plan kind", ("kind",), _values(st.sampled_from(["strategy", "operational", "action-plan"]))),
    Constrained("objective priority", ("goals", 0, "objectives", 0, "priority"), _values(st.just("high"))),
    Constrained("plan title", ("title",), _values(st.text(max_size=3))),
    Constrained("plan source", ("source",), _values(urls)),
    # JSON Schema's data model has one kind of number, in which 1.0 is an integer; a plan's whole
    # numbers are written as whole numbers
    Constrained(
        "action number",
        ("goals", 0, "actions", 0, "number"),
        st.one_of(st.integers(), others),
        stricter=lambda value: isinstance(value, float) and value.is_integer(),
    ),
    # the model also looks the name up in the list of countries; the schema asks for a text
    Constrained(
        "country",
        ("goals", 0, "objectives", 0, "targets", "groups", 0, "countries", 0),
        _values(st.sampled_from(["Norway", "NO", "NOR", "Lao PDR", "Laos"])),
        stricter=lambda value: True,
    ),
]


RESULTS: dict[str, Any] = {
    "plan": "p",
    "stale_after_days": 90,
    "periods": [{"id": "msp-year", "start": "2017-01-01", "end": "2017-09-06"}],
    "indicators": {
        "1A.i1": {
            "cumulative": True,
            "target": 7,
            "computed": {"count": "joined"},
            "periods": {"2017": {"target": 7, "actual": 5, "as_of": "2017-12-31"}},
        },
    },
    "activities": {"1A.a1": {"status": "closed"}},
    "countries": {"1A.g1": {"Benin": {"outcome": "joined", "date": "2017-08-27"}}},
    "publications": {"lm": {"status": "published", "url": "https://example.org/monitor-2017"}},
}

outcomes = st.sampled_from(results.OUTCOMES)
urls = st.sampled_from(["https://example.org/monitor-2017", "http://example.org/a?b=c&d=e#f", "https://例え.jp/ページ"])
figures = st.one_of(st.integers(), st.floats(), st.text(max_size=3))
_INDICATOR = ("indicators", "1A.i1")

RESULTS_FIELDS = [
    Constrained("results plan", ("plan",), _values(ids), of="results"),
    # the keys of a mapping by id (an indicator's, a period's, an activity's): JSON keys are texts
    Constrained("indicator key", ("indicators", Key("1A.i1")), near(ids), of="results"),
    Constrained("period key", (*_INDICATOR, "periods", Key("2017")), near(ids), of="results"),
    Constrained("activity key", ("activities", Key("1A.a1")), near(ids), of="results"),
    Constrained("period start", ("periods", 0, "start"), _values(st.one_of(days, st.dates().map(str))), of="results"),
    Constrained(
        "as of", (*_INDICATOR, "periods", "2017", "as_of"), _values(st.one_of(days, st.dates().map(str))), of="results"
    ),
    Constrained("publication url", ("publications", "lm", "url"), _values(urls), of="results"),
    Constrained("cumulative", (*_INDICATOR, "cumulative"), st.one_of(st.booleans(), others), of="results"),
    Constrained(
        "stale after days",
        ("stale_after_days",),
        st.one_of(st.integers(), others),
        stricter=lambda value: value is None or (isinstance(value, float) and value.is_integer()),
        of="results",
    ),
    # a figure is a number or a text that is not blank; JSON has no NaN or infinity to say so with
    Constrained(
        "actual",
        (*_INDICATOR, "periods", "2017", "actual"),
        st.one_of(figures, others),
        stricter=lambda value: (
            (isinstance(value, str) and not value.strip()) or (isinstance(value, float) and not math.isfinite(value))
        ),
        of="results",
    ),
    Constrained("measure", (*_INDICATOR, "measure"), _values(st.sampled_from(results.MEASURES)), of="results"),
    # `count: []` passes the model's fields; the checks against the plan refuse it ("names no outcome")
    Constrained(
        "computed count",
        (*_INDICATOR, "computed", "count"),
        st.one_of(near(outcomes), st.lists(outcomes, max_size=2), others),
        laxer=lambda value: value == [],
        of="results",
    ),
]


def _with(data: dict[str, Any], path: tuple[str | int | Key, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    last = path[-1]
    if isinstance(last, Key):  # the key is what is tried: replaced where it stands, its value kept
        items = list(node.items())
        node.clear()
        node.update((value if k == last.name else k, v) for k, v in items)
    else:
        node[last] = value
    return data


def _check(field: Constrained, value: Any) -> None:
    if field.of == "results":
        data = _with(RESULTS, field.path, value)
        model = validate_results_data(data)[0] is not None
        validators = (("jsonschema", RESULTS_PYTHON), ("ECMA-262", RESULTS_ECMA))
    else:
        data = _with(PLAN, field.path, value)
        model = validate_data(data)[0] is not None
        validators = (("jsonschema", PYTHON), ("ECMA-262", ECMA))
    for reader, validator in validators:
        schema = validator.is_valid(data)
        if model != schema:
            assert (schema and field.stricter(value)) or (model and field.laxer(value)), (
                f"{field.name} = {value!r}: the model {'accepts' if model else 'refuses'} it, "
                f"the schema read by {reader} {'accepts' if schema else 'refuses'} it"
            )


def test_the_plan_is_valid_for_both() -> None:
    plan, problems = validate_data(PLAN)
    assert plan is not None and problems == []
    assert PYTHON.is_valid(PLAN)
    assert ECMA.is_valid(PLAN)


def test_the_results_are_valid_for_both() -> None:
    found, problems = validate_results_data(RESULTS)
    assert found is not None and problems == []
    assert RESULTS_PYTHON.is_valid(RESULTS)
    assert RESULTS_ECMA.is_valid(RESULTS)


# values they disagreed on: the model took the first two, the schema (read by Python) the others
DISAGREED = [
    ("event month", "2017-10\n"),
    ("event month", "٢٠١٧-١١"),  # Arabic-Indic digits
    ("event month", "0000-10"),
    ("plan id", "p\n"),
    ("objective id", "1A\n"),
    # a results file's: the URL pattern was `\S+$`, the keys' pattern let other keys through
    ("publication url", "https://example.org/lm\n"),
    ("publication url", "https://example.org/\x1clm"),
    ("publication url", "https://example.org/\ufefflm"),
    ("indicator key", "1A i1"),
    ("period key", "2017\n"),
]


@pytest.mark.parametrize(("name", "value"), DISAGREED, ids=[repr(v) for _, v in DISAGREED])
def test_values_they_disagreed_on(name: str, value: Any) -> None:
    _check(next(f for f in [*FIELDS, *RESULTS_FIELDS] if f.name == name), value)


@pytest.mark.parametrize("field", [*FIELDS, *RESULTS_FIELDS], ids=lambda f: f"{f.of} {f.name}")
@settings(max_examples=examples(100), deadline=None)
@given(data=st.data())
def test_model_and_schema_accept_the_same_values(field: Constrained, data: st.DataObject) -> None:
    _check(field, data.draw(field.values, label=field.name))


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


def test_every_pattern_in_the_schema_is_tried() -> None:
    """A new pattern-constrained type fails this test until FIELDS tries a field of that type."""
    assert set(_patterns(SCHEMA)) == {types.ID_PATTERN, types.DATE_PATTERN, types.MONTH_PATTERN, types.URL_PATTERN}
    assert set(_patterns(RESULTS_SCHEMA)) == {types.ID_PATTERN, types.DATE_PATTERN, results.URL_PATTERN}

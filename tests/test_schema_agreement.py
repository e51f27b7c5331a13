"""The model and its JSON Schema accept the same values, field by field, so they can't drift apart.

Each constrained field of a small valid plan is given generated values (valid ones, valid ones with a
character added, changed or dropped, and values of other types); the plan must be accepted by the
model (`validate_data`) exactly when the schema accepts it, read by the `jsonschema` library (Python's
`re`) and read as editors and check-jsonschema read its patterns (ECMA-262 regular expressions).
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema
import pytest
import regress  # ECMA-262 regular expressions; installed with check-jsonschema, which reads patterns with it
from hypothesis import given, settings
from hypothesis import strategies as st

from planctl.model import types
from planctl.model.validation import validate_data
from tests.conftest import REPO, examples

SCHEMA = json.loads((REPO / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
FORMATS = jsonschema.FormatChecker()
PYTHON = jsonschema.Draft202012Validator(SCHEMA, format_checker=FORMATS)


_ecma = functools.cache(lambda pattern: regress.Regex(pattern, flags="u"))  # as check-jsonschema reads them


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[jsonschema.ValidationError]:
    if isinstance(instance, str) and _ecma(pattern).find(instance) is None:
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


ECMA = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})(
    SCHEMA, format_checker=FORMATS
)

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
# other scripts' digits (`\d` in Python matches them, and int() reads them), spaces, letters outside ASCII.
TRICKY = "\n\r\t \x00\x0b\u00a0\u2028\u0660\u0661\u0667\u06f1\u0967\uff11\u00b2\u2460\u212aéıß.-_+:/0159aZ"
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
class Constrained:
    """A field, where it is in PLAN, the values to try, and the values the model refuses by design
    though the schema can't say so (none unless given)."""

    name: str
    path: tuple[str | int, ...]
    values: st.SearchStrategy[Any]
    stricter: Callable[[Any], bool] = lambda value: False


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


def _with(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    plan = copy.deepcopy(PLAN)
    node: Any = plan
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return plan


def _check(field: Constrained, value: Any) -> None:
    plan = _with(field.path, value)
    model = validate_data(plan)[0] is not None
    for reader, validator in (("jsonschema", PYTHON), ("ECMA-262", ECMA)):
        schema = validator.is_valid(plan)
        if model != schema:
            assert schema and field.stricter(value), (
                f"{field.name} = {value!r}: the model {'accepts' if model else 'refuses'} it, "
                f"the schema read by {reader} {'accepts' if schema else 'refuses'} it"
            )


def test_the_plan_is_valid_for_both() -> None:
    plan, problems = validate_data(PLAN)
    assert plan is not None and problems == []
    assert PYTHON.is_valid(PLAN)
    assert ECMA.is_valid(PLAN)


# values they disagreed on: the model took the first two, the schema (read by Python) the others
DISAGREED = [
    ("event month", "2017-10\n"),
    ("event month", "٢٠١٧-١١"),  # Arabic-Indic digits
    ("event month", "0000-10"),
    ("plan id", "p\n"),
    ("objective id", "1A\n"),
]


@pytest.mark.parametrize(("name", "value"), DISAGREED, ids=[repr(v) for _, v in DISAGREED])
def test_values_they_disagreed_on(name: str, value: Any) -> None:
    _check(next(f for f in FIELDS if f.name == name), value)


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
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

"""Scalar types shared by the plan models: ids, texts, countries, ISO dates, months."""

from __future__ import annotations

import inspect
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from planctl.diagnostics import short_repr

if typing.TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic_core import CoreSchema, PydanticCustomError

# One pattern string each, for the model and the JSON Schema, in the part of regular expressions where
# Python's `re` (the model's, see `regex_engine` in its config, and the jsonschema library's) and ECMA-262
# (JSON Schema's own, read by editors and check-jsonschema) agree: `[0-9]`, as Python's `\d` is any
# script's digit; the end of the text as `$(?!\n)`, as Python's `$` also matches before a final newline
# (and its `\Z` is not ECMA-262).
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$(?!\n)"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$(?!\n)"
MONTH_PATTERN = r"^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])$(?!\n)"  # there is no year 0
URL_PATTERN = r"^https?://[^ \t\r\n]+$(?!\n)"
MAX_ACTION_NUMBER = 9999
MAX_SUGGESTIONS = 200  # "did you mean" hints per plan: each costs a fuzzy search over every country name

# The markers below do what pydantic's markers of the same names do, through pydantic's protocol for
# custom types (`__get_pydantic_core_schema__`), but defining them imports nothing from pydantic: the
# models' classes load in a few milliseconds for the commands that answer from a plan already validated.


@dataclass(frozen=True)
class Strict:
    """No conversion: 1 is not `true`, "1" is not 1."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return {**handler(source), "strict": True}


@dataclass(frozen=True)
class StringConstraints:
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        constraints = {key: value for key, value in vars(self).items() if value is not None}
        return {**handler(source), **constraints}


@dataclass(frozen=True)
class Interval:
    """Bounds of a whole number, both included."""

    ge: int | None = None
    le: int | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        constraints = {key: value for key, value in vars(self).items() if value is not None}
        return {**handler(source), **constraints}


@dataclass(frozen=True)
class Field:
    """A type's description in the JSON Schema; a field's attribute docstring, where it has one, replaces it."""

    description: str

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {**handler(schema), "description": self.description}


def _takes_info(check: Callable[..., Any]) -> bool:
    """Whether a validator takes pydantic's validation info after the value, as pydantic decides it."""
    return len(inspect.signature(check).parameters) > 1


@dataclass(frozen=True)
class BeforeValidator:
    """`check(value[, info])` runs on the input, before the type's own validation."""

    check: Callable[..., Any]

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema as cs

        if _takes_info(self.check):
            return cs.with_info_before_validator_function(self.check, handler(source))
        return cs.no_info_before_validator_function(self.check, handler(source))


@dataclass(frozen=True)
class AfterValidator:
    """`check(value[, info])` runs on the value the type's own validation gives."""

    check: Callable[..., Any]

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema as cs

        if _takes_info(self.check):
            return cs.with_info_after_validator_function(self.check, handler(source))
        return cs.no_info_after_validator_function(self.check, handler(source))


@dataclass(frozen=True, eq=False)  # hashed by identity: typing hashes Annotated metadata, and a dict is unhashable
class WithJsonSchema:
    """The type's JSON Schema, in place of the one pydantic would derive."""

    json_schema: dict[str, Any]

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return dict(self.json_schema)


Id = Annotated[
    str,
    StringConstraints(max_length=80, pattern=ID_PATTERN),
    Field("Identifier: letters, digits, '.', '_' or '-', unique among its kind in the plan."),
]

Text = Annotated[str, StringConstraints(min_length=1)]

StrictBool = Annotated[bool, Strict()]
StrictInt = Annotated[int, Strict()]
ActionNumber = Annotated[int, Strict(), Interval(ge=1, le=MAX_ACTION_NUMBER)]
Url = Annotated[
    str,
    StringConstraints(pattern=URL_PATTERN),
    Field("An http or https URL, without spaces."),
]


def _custom_error(kind: str, message: str, **context: Any) -> PydanticCustomError:
    from pydantic_core import PydanticCustomError

    return PydanticCustomError(kind, "{message}", {"message": message, **context})


def _known_country(name: str, info: Any) -> str:
    """A country name, alias or ISO code that resolves; checked with the schema, so reported in the same run."""
    from planctl.model import countries

    context = info.context or {}
    if context.get("check_countries", True) and countries.resolve(name) is None:
        budget = context.get("suggestions")
        guess = None
        if budget is None or budget[0] > 0:
            guess = countries.suggest(name)
            if budget is not None:
                budget[0] -= 1
        message = f"unknown country {short_repr(name)}" + (f" (did you mean {guess!r}?)" if guess else "")
        raise _custom_error("unknown_country", message, guess=guess)
    return name


CountryName = Annotated[Text, AfterValidator(_known_country)]


def _iso_date(value: Any) -> Any:
    """Accept a `date` or a `YYYY-MM-DD` string; reject everything else (no timestamps)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.search(DATE_PATTERN, value):
        raise _custom_error("bad_date", f"expected an ISO 8601 date like 2017-02-28, got {short_repr(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise _custom_error("bad_date", f"impossible date {short_repr(value)}: {e}") from None


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]


def _month(value: Any) -> str:
    if not isinstance(value, str) or not re.search(MONTH_PATTERN, value):
        raise _custom_error("bad_date", f"expected a month like 2017-10, got {short_repr(value)}")
    return value


Month = Annotated[
    str,
    BeforeValidator(_month),
    WithJsonSchema({"type": "string", "pattern": MONTH_PATTERN}),
]


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of a `YYYY-MM` month."""
    import calendar

    year, mon = (int(p) for p in month.split("-"))
    return date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1])


def unwrap(annotation: Any) -> Any:
    """Strip `X | None` and `Annotated[X, ...]` from a field's annotation, down to the model or list type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(rest) != 1:
                return annotation
            annotation = rest[0]
        else:
            return annotation

"""Scalar types shared by the plan models: ids, texts, countries, ISO dates, months."""

from __future__ import annotations

import calendar
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

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_SUGGESTIONS = 200  # "did you mean" hints per plan: each costs a fuzzy search over every country name

# The types below are `Annotated` markers that tell pydantic how to validate a field when the
# schema is built (`__get_pydantic_core_schema__`, pydantic's protocol for custom types). Defining
# them imports nothing from pydantic, so the model's classes load in a few milliseconds for the
# commands that answer from a plan already validated.


@dataclass(frozen=True)
class Doc:
    """A field's description: in the JSON Schema and in the field reference of docs/plan-format.md."""

    text: str

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        json_schema = handler(schema)  # a model's is a $ref: described here, not in the shared definition
        json_schema["description"] = self.text
        return json_schema


@dataclass(frozen=True, eq=False)  # hashed by identity: typing hashes Annotated metadata
class _Validated:
    """A scalar checked by `check` (before or after the standard validation of its type), with the
    JSON Schema `json_schema` if one is given."""

    check: Callable[..., Any] | None = None
    before: bool = False
    with_info: bool = False
    json_schema: dict[str, Any] | None = None
    strict: bool = False
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    label: str = ""  # how the field reference names the type: "id", "date (YYYY-MM-DD)", ...

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema as cs

        schema: CoreSchema = handler(source)
        if self.strict or self.min_length is not None or self.max_length is not None or self.pattern:
            schema = {**schema}
            for key in ("strict", "min_length", "max_length", "pattern"):
                value = getattr(self, key)
                if value not in (None, False):
                    schema[key] = value
        if self.check is None:
            return schema
        if self.before:
            if self.with_info:
                return cs.with_info_before_validator_function(self.check, schema)
            return cs.no_info_before_validator_function(self.check, schema)
        if self.with_info:
            return cs.with_info_after_validator_function(self.check, schema)
        return cs.no_info_after_validator_function(self.check, schema)

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        if self.json_schema is not None:
            return dict(self.json_schema)
        return handler(schema)


Id = Annotated[
    str,
    _Validated(
        pattern=ID_PATTERN,
        max_length=80,
        label="id",
        json_schema={
            "type": "string",
            "pattern": ID_PATTERN,
            "maxLength": 80,
            "description": "Identifier: letters, digits, '.', '_' or '-', unique among its kind in the plan.",
        },
    ),
]

Text = Annotated[str, _Validated(min_length=1)]

StrictBool = Annotated[bool, _Validated(strict=True)]
StrictInt = Annotated[int, _Validated(strict=True)]


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


CountryName = Annotated[Text, _Validated(_known_country, with_info=True)]


def _iso_date(value: Any) -> Any:
    """Accept a `date` or a `YYYY-MM-DD` string; reject everything else (no timestamps)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not DATE_RE.match(value):
        raise _custom_error("bad_date", f"expected an ISO 8601 date like 2017-02-28, got {short_repr(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise _custom_error("bad_date", f"impossible date {short_repr(value)}: {e}") from None


IsoDate = Annotated[
    date,
    _Validated(
        _iso_date,
        before=True,
        label="date (YYYY-MM-DD)",
        json_schema={"type": "string", "format": "date", "pattern": DATE_RE.pattern},
    ),
]


def _month(value: Any) -> str:
    if not isinstance(value, str):
        raise _custom_error("bad_date", f"expected a month like 2017-10, got {short_repr(value)}")
    m = MONTH_RE.match(value)
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1:  # year 0 is not a date
        raise _custom_error("bad_date", f"expected a month like 2017-10, got {short_repr(value)}")
    return value


Month = Annotated[
    str,
    _Validated(
        _month,
        before=True,
        label="month (YYYY-MM)",
        json_schema={"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"},
    ),
]


def label(annotation: Any) -> str | None:
    """How the field reference names an annotated type ('id', 'month (YYYY-MM)'), if it has a name."""
    if typing.get_origin(annotation) is typing.Annotated:
        for meta in typing.get_args(annotation)[1:]:
            if isinstance(meta, _Validated) and meta.label:
                return meta.label
    return None


def doc(annotation: Any) -> str | None:
    """The description a field's annotation carries (`Annotated[..., Doc(...)]`), if any."""
    if typing.get_origin(annotation) is typing.Annotated:
        for meta in typing.get_args(annotation)[1:]:
            if isinstance(meta, Doc):
                return meta.text
    return None


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of a `YYYY-MM` month."""
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

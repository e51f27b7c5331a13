"""Scalar types shared by the plan models: ids, ISO dates, months."""

from __future__ import annotations

import calendar
import re
import types
import typing
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, StringConstraints, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from planctl.diagnostics import short_repr

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": ID_PATTERN,
            "maxLength": 80,
            "description": "Identifier: letters, digits, '.', '_' or '-', unique among its kind in the plan.",
        }
    ),
]

Text = Annotated[str, StringConstraints(min_length=1)]


MAX_SUGGESTIONS = 200  # "did you mean" hints per plan: each costs a fuzzy search over every country name


def _known_country(name: str, info: ValidationInfo) -> str:
    """A country name, alias or ISO code that resolves; checked with the schema, so reported in the same run."""
    from planctl import countries

    context = info.context or {}
    if context.get("check_countries", True) and countries.resolve(name) is None:
        budget = context.get("suggestions")
        guess = None
        if budget is None or budget[0] > 0:
            guess = countries.suggest(name)
            if budget is not None:
                budget[0] -= 1
        message = f"unknown country {short_repr(name)}" + (f" (did you mean {guess!r}?)" if guess else "")
        raise PydanticCustomError("unknown_country", "{message}", {"message": message, "guess": guess})
    return name


CountryName = Annotated[Text, AfterValidator(_known_country)]


def _iso_date(value: Any) -> Any:
    """Accept a `date` or a `YYYY-MM-DD` string; reject everything else (no timestamps)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not DATE_RE.match(value):
        raise _bad_date(f"expected an ISO 8601 date like 2017-02-28, got {short_repr(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise _bad_date(f"impossible date {short_repr(value)}: {e}") from None


def _bad_date(message: str) -> PydanticCustomError:
    return PydanticCustomError("bad_date", "{message}", {"message": message})


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_RE.pattern}),
]


def _month(value: Any) -> str:
    if not isinstance(value, str):
        raise _bad_date(f"expected a month like 2017-10, got {short_repr(value)}")
    m = MONTH_RE.match(value)
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1:  # year 0 is not a date
        raise _bad_date(f"expected a month like 2017-10, got {short_repr(value)}")
    return value


Month = Annotated[
    str,
    BeforeValidator(_month),
    AfterValidator(_month),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}),
]


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

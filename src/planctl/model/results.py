"""The results model: what happened against a plan, as a results file (`progress/2017.yaml`) holds it.

A results file names its plan (`plan: "2017"`; a plan file has no `plan` field, so a file's kind is
known from its content) and records facts keyed by the plan's own ids: per indicator its measure,
baseline, targets and the actuals of each reporting period (or how it is computed from other facts);
per activity or action its status; per target group and country the outcome; per event and
publication what became of it. The vocabulary follows the IATI results standard (measures, ascending,
baseline, periods; activity statuses in words).

Like the plan models (`planctl.model.plan`), these are plain dataclasses that pydantic validates data
into (`planctl.model.results_checks`), a field's description in the docstring under it; defining them
imports no pydantic.
"""

from __future__ import annotations

import math
import typing
from dataclasses import field
from typing import Annotated, Any, Literal

from planctl.model.plan import CONFIG, Model, model
from planctl.model.types import (
    BeforeValidator,
    CountryName,
    Id,
    IsoDate,
    StrictBool,
    StrictInt,
    StringConstraints,
    Text,
    WithJsonSchema,
)

if typing.TYPE_CHECKING:
    from pydantic import ConfigDict

Measure = Literal["number", "percentage", "qualitative"]
Direction = Literal["ascending", "descending"]
Rating = Literal["achieved", "on-track", "at-risk", "off-track"]
ActivityStatus = Literal["pipeline", "implementation", "finalisation", "closed", "cancelled", "suspended"]
Outcome = Literal["joined", "signed", "engaged", "no-change"]
JoinedHow = Literal["ratification", "accession", "succession"]
EventStatus = Literal["held", "postponed", "cancelled"]
PublicationStatus = Literal["published", "delayed", "cancelled"]

ACTIVITY_STATUSES: tuple[str, ...] = typing.get_args(ActivityStatus)
OUTCOMES: tuple[str, ...] = typing.get_args(Outcome)
MEASURES: tuple[str, ...] = typing.get_args(Measure)
RATINGS: tuple[str, ...] = typing.get_args(Rating)

# http or https, then no whitespace and no control character. The characters are spelt out, as both
# regular expression languages read them alike (see `planctl.model.types`): Python's `\S` and
# ECMA-262's disagree on a few (U+001C to U+001F and U+0085 are whitespace to Python, U+FEFF to ECMA-262).
_SPACES = r"\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
URL_PATTERN = rf"^https?://[^{_SPACES}]+$(?!\n)"


def _value(value: Any, info: Any) -> Any:
    """A figure: a finite number, or a text that is not empty (which one the measure says: checked later)."""
    name = f"{info.field_name!r}" if info.field_name else "a value"
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        found = f"the boolean {str(value).lower()}" if isinstance(value, bool) else f"a {type(value).__name__}"
        found = {"a NoneType": "nothing (null)", "a dict": "a mapping"}.get(found, found)
        raise ValueError(f"{name} must be a number or a text, found {found}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{name} must be a number a figure can have, not {value}")
    if isinstance(value, str) and not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value


# a number for `number` and `percentage` indicators, a text for `qualitative` ones
Value = Annotated[
    int | float | str,
    BeforeValidator(_value),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "minLength": 1}]}),
]


def _listed(value: Any) -> Any:
    """One outcome may be written alone: `count: joined` is `count: [joined]`."""
    return [value] if isinstance(value, str) else value


Outcomes = Annotated[
    list[Outcome],
    BeforeValidator(_listed),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(OUTCOMES)},
                {"type": "array", "items": {"enum": list(OUTCOMES)}, "minItems": 1},
            ]
        }
    ),
]

Url = Annotated[str, StringConstraints(max_length=2000, pattern=URL_PATTERN)]


@model
class ReportingPeriod(Model):
    """A reporting period of the organisation's own, e.g. the year between two Meetings of States Parties."""

    id: Id
    """How figures name the period, e.g. 'msp16-year'."""
    start: IsoDate
    """First day of the period."""
    end: IsoDate
    """Last day of the period."""


@model
class Baseline(Model):
    """Where the indicator stood before the plan (IATI's baseline)."""

    value: Value
    date: IsoDate | None = None
    """When it stood there."""
    comment: Text | None = None


@model
class PeriodResult(Model):
    """What was aimed at and what happened in one reporting period."""

    target: Value | None = None
    """What the period aims at."""
    actual: Value | None = None
    """What happened: a figure, or for a qualitative indicator a text."""
    rating: Rating | None = None
    """A qualitative indicator's standing, in words: the status `planctl progress` shows."""
    as_of: IsoDate | None = None
    """The day the actual describes. Default: the period's last day (today while the period runs)."""
    source: Text | None = None
    """Where the actual comes from: a report, a web page."""
    comment: Text | None = None


@model
class Computed(Model):
    """An indicator counted from the recorded outcomes of target countries, never typed."""

    count: Outcomes
    """The outcome (or outcomes) counted: a target country counts once its outcome is one of these."""
    of: Id | None = None
    """Id of the objective (all its target groups) or target group counted. Default: the indicator's objective."""


@model
class IndicatorResults(Model):
    """Everything recorded about one indicator of the plan."""

    measure: Measure = "number"
    """What the figures are: counts, percentages (0-100) or texts."""
    direction: Direction = "ascending"
    """Whether more is better (ascending) or less is (descending)."""
    cumulative: StrictBool = False
    """true: each actual is the total so far (the latest one is the plan's); false: each counts its period alone
    (the plan's is their sum)."""
    baseline: Baseline | None = None
    target: Value | None = None
    """The life-of-plan target."""
    computed: Computed | None = None
    """Count the actuals from the recorded outcomes of target countries instead."""
    periods: dict[Id, PeriodResult] = field(default_factory=dict)
    """Figures by reporting period: '2017', '2017-H2', '2017-Q3', '2017-09' or a declared period's id."""


@model
class ActivityResult(Model):
    """Where an activity (or an action) stands, in IATI's activity statuses."""

    status: ActivityStatus
    as_of: IsoDate | None = None
    """The day the status was true."""
    note: Text | None = None


@model
class CountryResult(Model):
    """What became of one target country."""

    outcome: Outcome
    """joined the treaty; signed it; engaged (an interim step); no-change since the plan began."""
    date: IsoDate
    """When: for `joined`, the day the instrument was deposited."""
    how: JoinedHow | None = None
    """For `joined`: by ratification, accession or succession."""
    source: Text | None = None
    """Where the fact comes from."""
    note: Text | None = None


@model
class EventResult(Model):
    """What became of a calendar event: held (on `date`, or `start` to `end`), postponed or cancelled."""

    status: EventStatus
    date: IsoDate | None = None
    start: IsoDate | None = None
    end: IsoDate | None = None
    note: Text | None = None


@model
class PublicationResult(Model):
    """What became of a publication: published (when, where), delayed or cancelled."""

    status: PublicationStatus
    date: IsoDate | None = None
    url: Url | None = None
    """Where it is published (http or https)."""
    note: Text | None = None


RESULTS_CONFIG: ConfigDict = {
    **CONFIG,
    "json_schema_extra": {"title": "planctl results", "$comment": "Generated by `planctl schema`; do not edit."},
}


@model
class Results(Model):
    """Results recorded against one plan: a results file, e.g. progress/2017.yaml."""

    __pydantic_config__ = RESULTS_CONFIG

    plan: Id
    """Id of the plan these results report on, e.g. '2017'."""
    stale_after_days: StrictInt = 90
    """While the plan runs, `planctl validate` warns about a result older than this many days."""
    periods: list[ReportingPeriod] = field(default_factory=list)
    """Reporting periods of the organisation's own (calendar ones need no declaring)."""
    indicators: dict[Id, IndicatorResults] = field(default_factory=dict)
    """By indicator id."""
    activities: dict[Id, ActivityResult] = field(default_factory=dict)
    """By activity or action id."""
    countries: dict[Id, dict[CountryName, CountryResult]] = field(default_factory=dict)
    """By target group id, then country (a name, alias or ISO code, as in plans)."""
    events: dict[Id, EventResult] = field(default_factory=dict)
    """By calendar event id."""
    publications: dict[Id, PublicationResult] = field(default_factory=dict)
    """By publication id."""

"""The results model: what happened against a plan, as a results file (`progress/2017.yaml`) holds it.

A results file names its plan (`plan: "2017"`; a plan file has no `plan` field, so a file's kind is
known from its content) and records facts keyed by the plan's own ids: per indicator its measure,
baseline, targets and the actuals of each reporting period (or how it is computed from other facts);
per activity or action its status; per target group and country the outcome; per event and
publication what became of it. The vocabulary follows the IATI results standard (measures, ascending,
baseline, periods; activity statuses in words).

Like the plan models, these are plain dataclasses that pydantic validates data into
(`planctl.model.results_checks`); defining them imports no pydantic.
"""

from __future__ import annotations

import math
import typing
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from planctl.model.plan import Model
from planctl.model.types import CountryName, Doc, Id, IsoDate, StrictBool, StrictInt, Text, _Validated

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
URL_PATTERN = r"^https?://\S+$"


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
    _Validated(
        _value,
        before=True,
        with_info=True,
        label="number or text",
        json_schema={"anyOf": [{"type": "number"}, {"type": "string", "minLength": 1}]},
    ),
]


def _listed(value: Any) -> Any:
    """One outcome may be written alone: `count: joined` is `count: [joined]`."""
    return [value] if isinstance(value, str) else value


Url = Annotated[
    str,
    _Validated(
        pattern=URL_PATTERN,
        max_length=2000,
        label="URL",
        json_schema={"type": "string", "pattern": URL_PATTERN, "maxLength": 2000},
    ),
]


@dataclass(slots=True, kw_only=True)
class ReportingPeriod(Model):
    """A reporting period of the organisation's own, e.g. the year between two Meetings of States Parties."""

    id: Annotated[Id, Doc("How figures name the period, e.g. 'msp16-year'.")]
    start: Annotated[IsoDate, Doc("First day of the period.")]
    end: Annotated[IsoDate, Doc("Last day of the period.")]


@dataclass(slots=True, kw_only=True)
class Baseline(Model):
    """Where the indicator stood before the plan (IATI's baseline)."""

    value: Value
    date: Annotated[IsoDate | None, Doc("When it stood there.")] = None
    comment: Text | None = None


@dataclass(slots=True, kw_only=True)
class PeriodResult(Model):
    """What was aimed at and what happened in one reporting period."""

    target: Annotated[Value | None, Doc("What the period aims at.")] = None
    actual: Annotated[Value | None, Doc("What happened: a figure, or for a qualitative indicator a text.")] = None
    rating: Annotated[
        Rating | None, Doc("A qualitative indicator's standing, in words: the status `planctl progress` shows.")
    ] = None
    as_of: Annotated[
        IsoDate | None,
        Doc("The day the actual describes. Default: the period's last day (today while the period runs)."),
    ] = None
    source: Annotated[Text | None, Doc("Where the actual comes from: a report, a web page.")] = None
    comment: Text | None = None


@dataclass(slots=True, kw_only=True)
class Computed(Model):
    """An indicator counted from the recorded outcomes of target countries, never typed."""

    count: Annotated[
        list[Outcome],
        _Validated(
            _listed,
            before=True,
            label="outcome or list of outcomes",
            json_schema={
                "anyOf": [
                    {"enum": list(typing.get_args(Outcome))},
                    {"type": "array", "items": {"enum": list(typing.get_args(Outcome))}, "minItems": 1},
                ]
            },
        ),
        Doc("The outcome (or outcomes) counted: a target country counts once its outcome is one of these."),
    ]
    of: Annotated[
        Id | None,
        Doc("Id of the objective (all its target groups) or target group counted. Default: the indicator's objective."),
    ] = None


@dataclass(slots=True, kw_only=True)
class IndicatorResults(Model):
    """Everything recorded about one indicator of the plan."""

    measure: Annotated[Measure, Doc("What the figures are: counts, percentages (0-100) or texts.")] = "number"
    direction: Annotated[Direction, Doc("Whether more is better (ascending) or less is (descending).")] = "ascending"
    cumulative: Annotated[
        StrictBool,
        Doc(
            "true: each actual is the total so far (the latest one is the plan's); false: each counts its "
            "period alone (the plan's is their sum)."
        ),
    ] = False
    baseline: Baseline | None = None
    target: Annotated[Value | None, Doc("The life-of-plan target.")] = None
    computed: Annotated[
        Computed | None, Doc("Count the actuals from the recorded outcomes of target countries instead.")
    ] = None
    periods: Annotated[
        dict[Id, PeriodResult],
        Doc("Figures by reporting period: '2017', '2017-H2', '2017-Q3', '2017-09' or a declared period's id."),
    ] = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class ActivityResult(Model):
    """Where an activity (or an action) stands, in IATI's activity statuses."""

    status: ActivityStatus
    as_of: Annotated[IsoDate | None, Doc("The day the status was true.")] = None
    note: Text | None = None


@dataclass(slots=True, kw_only=True)
class CountryResult(Model):
    """What became of one target country."""

    outcome: Annotated[
        Outcome, Doc("joined the treaty; signed it; engaged (an interim step); no-change since the plan began.")
    ]
    date: Annotated[IsoDate, Doc("When: for `joined`, the day the instrument was deposited.")]
    how: Annotated[JoinedHow | None, Doc("For `joined`: by ratification, accession or succession.")] = None
    source: Annotated[Text | None, Doc("Where the fact comes from.")] = None
    note: Text | None = None


@dataclass(slots=True, kw_only=True)
class EventResult(Model):
    """What became of a calendar event: held (on `date`, or `start` to `end`), postponed or cancelled."""

    status: EventStatus
    date: IsoDate | None = None
    start: IsoDate | None = None
    end: IsoDate | None = None
    note: Text | None = None


@dataclass(slots=True, kw_only=True)
class PublicationResult(Model):
    """What became of a publication: published (when, where), delayed or cancelled."""

    status: PublicationStatus
    date: IsoDate | None = None
    url: Annotated[Url | None, Doc("Where it is published (http or https).")] = None
    note: Text | None = None


@dataclass(slots=True, kw_only=True)
class Results(Model):
    """Results recorded against one plan: a results file, e.g. progress/2017.yaml."""

    __pydantic_config__: typing.ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "validate_default": False,
        "json_schema_extra": {"title": "planctl results", "$comment": "Generated by `planctl schema`; do not edit."},
    }

    plan: Annotated[Id, Doc("Id of the plan these results report on, e.g. '2017'.")]
    stale_after_days: Annotated[
        StrictInt,
        Doc("While the plan runs, `planctl validate` warns about a result older than this many days."),
    ] = 90
    periods: Annotated[
        list[ReportingPeriod], Doc("Reporting periods of the organisation's own (calendar ones need no declaring).")
    ] = field(default_factory=list)
    indicators: Annotated[dict[Id, IndicatorResults], Doc("By indicator id.")] = field(default_factory=dict)
    activities: Annotated[dict[Id, ActivityResult], Doc("By activity or action id.")] = field(default_factory=dict)
    countries: Annotated[
        dict[Id, dict[CountryName, CountryResult]],
        Doc("By target group id, then country (a name, alias or ISO code, as in plans)."),
    ] = field(default_factory=dict)
    events: Annotated[dict[Id, EventResult], Doc("By calendar event id.")] = field(default_factory=dict)
    publications: Annotated[dict[Id, PublicationResult], Doc("By publication id.")] = field(default_factory=dict)

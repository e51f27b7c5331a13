"""The plan model: what a plan file may contain, field by field.

Every list item that a diff or a reference needs to find again carries an `id`, unique among
items of its kind in the plan (goals among goals, events among events, ...).

The models are plain dataclasses: pydantic validates data into them (`planctl.model.validation`),
but defining and using them imports no pydantic, so a command answering from a plan that was
validated before (see `planctl.cache`) starts quickly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from planctl.model.types import CountryName, Doc, Id, IsoDate, Month, StrictBool, StrictInt, Text, month_bounds

PlanKind = Literal["strategy", "operational", "action-plan"]
Priority = Literal["high", "medium", "low"]
Status = Literal["active", "dropped"]
PlanStatus = Literal["draft", "approved", "adopted", "superseded"]


class Model:
    """Base for all plan models: unknown fields are errors, so typos are caught."""

    __slots__ = ()
    __pydantic_config__: typing.ClassVar[dict[str, Any]] = {"extra": "forbid", "validate_default": False}


@dataclass(slots=True, kw_only=True)
class Period(Model):
    start: Annotated[IsoDate, Doc("First day the plan covers.")]
    end: Annotated[IsoDate, Doc("Last day the plan covers.")]


@dataclass(slots=True, kw_only=True)
class Footnote(Model):
    id: Id
    text: Text


@dataclass(slots=True, kw_only=True)
class Section(Model):
    """A titled piece of prose: context analysis, value added, the Monitor's introduction..."""

    id: Id
    title: Text
    text: Annotated[Text, Doc("Prose; paragraphs separated by blank lines.")]
    items: Annotated[list[Text], Doc("Bulleted points that follow the prose.")] = field(default_factory=list)
    placement: Annotated[
        Literal["before-goals", "after-goals"],
        Doc(
            "Where the section stands in the document: before the goals (an introduction, a "
            "context analysis) or after them."
        ),
    ] = "after-goals"


@dataclass(slots=True, kw_only=True)
class Category(Model):
    """A kind of activity, e.g. National Campaigning."""

    id: Id
    title: Text


@dataclass(slots=True, kw_only=True)
class Indicator(Model):
    id: Id
    text: Text


@dataclass(slots=True, kw_only=True)
class TargetGroup(Model):
    """Countries targeted for the same reason."""

    id: Id
    rationale: Annotated[Text | None, Doc("Why these countries are targets.")] = None
    countries: Annotated[list[CountryName], Doc("Country names as written in the plan; resolved to ISO codes.")]


@dataclass(slots=True, kw_only=True)
class Targets(Model):
    rules: Annotated[
        list[Text],
        Doc("Targeting rules in prose, stated before the groups ('Any state that uses ... will be a target')."),
    ] = field(default_factory=list)
    groups: list[TargetGroup] = field(default_factory=list)
    notes: Annotated[list[Text], Doc("Prose stated after the groups.")] = field(default_factory=list)
    responsive: Annotated[
        Text | None, Doc("Responsive targeting: prose describing how targets are chosen during the year.")
    ] = None


@dataclass(slots=True, kw_only=True)
class Activity(Model):
    id: Id
    category: Annotated[Id | None, Doc("Id of a category in the plan's `categories`; sub-activities inherit it.")] = (
        None
    )
    text: Text
    countries: Annotated[list[CountryName], Doc("Countries the activity names.")] = field(default_factory=list)
    key_dates: Annotated[list[Id], Doc("Ids of calendar events the activity refers to.")] = field(default_factory=list)
    activities: Annotated[list[Activity], Doc("Sub-activities.")] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Objective(Model):
    id: Annotated[Id, Doc("The document's own number, e.g. '1A'.")]
    title: Text
    implements: Annotated[
        Id | None, Doc("Id of the objective this one implements in the plan named by the plan's `implements`.")
    ] = None
    priority: Priority | None = None
    status: Status = "active"
    status_reason: Annotated[Text | None, Doc("Why the objective was dropped, where it was.")] = None
    indicators: list[Indicator] = field(default_factory=list)
    targets: Targets | None = None
    strategy: Annotated[Text | None, Doc("How the objective will be worked towards (prose).")] = None
    strategy_shared_with: Annotated[
        Id | None,
        Doc(
            "Id of another objective of the plan whose `strategy` also serves this one "
            "(the document states a single strategy for both)."
        ),
    ] = None
    activities: list[Activity] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Paragraph(Model):
    """A numbered paragraph of a treaty document (preamble, resolutions)."""

    number: StrictInt | None = None
    text: Text


@dataclass(slots=True, kw_only=True)
class Action(Model):
    """A numbered action of an action plan, addressed to a group of actors."""

    id: Id
    number: StrictInt
    topic: Annotated[Text | None, Doc("Sub-heading of the section the action appears under, e.g. 'Compliance'.")] = None
    addressed_to: Annotated[Text, Doc("Who the action is for, e.g. 'All States Parties'.")]
    commitment: Annotated[
        Text | None,
        Doc(
            "The verb phrase joining `addressed_to` to the actions, as written: 'will', 'will do their utmost to', ..."
        ),
    ] = None
    text: Text


@dataclass(slots=True, kw_only=True)
class Goal(Model):
    id: Id
    title: Text
    text: Annotated[Text | None, Doc("Prose introducing the goal or section.")] = None
    objectives: list[Objective] = field(default_factory=list)
    resolutions: list[Paragraph] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Publication(Model):
    id: Id
    title: Text
    description: Text | None = None
    publications: Annotated[list[Publication], Doc("Items of a series.")] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Event(Model):
    """A calendar event: one of `date`, `start`+`end`, or `month`."""

    id: Id
    title: Text
    date: IsoDate | None = None
    start: IsoDate | None = None
    end: IsoDate | None = None
    month: Annotated[Month | None, Doc("For events known only to the month: '2017-10'.")] = None
    tentative: Annotated[StrictBool, Doc("Date to be confirmed ('tbc').")] = False
    location: Text | None = None

    def __post_init__(self) -> None:  # pydantic reports a ValueError here as the event's problem
        forms = [self.date is not None, self.start is not None or self.end is not None, self.month is not None]
        if sum(forms) != 1:
            raise ValueError("an event needs exactly one of `date`, `start` and `end`, or `month`")
        if (self.start is None) != (self.end is None):
            raise ValueError("a date range needs both `start` and `end`")

    @property
    def first_day(self) -> dt.date:
        return self.span[0]

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """First and last day the event may cover (a month-only event covers its month)."""
        if self.date is not None:
            return self.date, self.date
        if self.start is not None and self.end is not None:
            return self.start, self.end
        assert self.month is not None
        return month_bounds(self.month)


@dataclass(slots=True, kw_only=True)
class Plan(Model):
    """A plan: strategy, annual operational plan or action plan."""

    __pydantic_config__: typing.ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "validate_default": False,
        "json_schema_extra": {"title": "planctl plan", "$comment": "Generated by `planctl schema`; do not edit."},
    }

    id: Annotated[Id, Doc("Short id used to refer to the plan, e.g. '2017'.")]
    title: Text
    organisation: Text
    kind: PlanKind
    period: Period
    implements: Annotated[Id | None, Doc("Id of the plan this one implements.")] = None
    status: Annotated[
        PlanStatus | None,
        Doc(
            "Where the plan stands: a `draft`, `approved` by the body that decides (a board), `adopted` by a "
            "conference or an assembly, or `superseded` by a later plan. Rendered documents show it."
        ),
    ] = None
    status_date: Annotated[IsoDate | None, Doc("When the plan took its `status`, e.g. the day it was approved.")] = None
    language: Annotated[str, Doc("BCP 47 language tag of the plan's text.")] = "en"
    summary: Annotated[Text | None, Doc("Executive summary or introduction (prose).")] = None
    vision: Text | None = None
    mission: Text | None = None
    preamble: list[Paragraph] = field(default_factory=list)
    categories: Annotated[list[Category], Doc("Activity categories.")] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    sections: Annotated[list[Section], Doc("Further prose sections.")] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    calendar: list[Event] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)

    def objectives(self) -> list[Objective]:
        return [o for g in self.goals for o in g.objectives]


# --- the models' fields, for the code that walks any model (diff, fmt, validation hints, docs) -----


@dataclass(frozen=True)
class FieldSpec:
    annotation: Any  # resolved, with its Annotated metadata
    required: bool


T = typing.TypeVar("T")


def per_model(fn: Callable[[type[Model]], T]) -> Callable[[type[Model]], T]:
    """Memoise `fn` per model class (functools.cache would do, but mypy finds type[Model] unhashable)."""
    memo: dict[type[Model], T] = {}

    def cached(cls: type[Model]) -> T:
        if cls not in memo:
            memo[cls] = fn(cls)
        return memo[cls]

    return functools.update_wrapper(cached, fn)


@per_model
def fields_of(cls: type[Model]) -> dict[str, FieldSpec]:
    """A model's fields in their order, with resolved annotations."""
    hints = typing.get_type_hints(cls, include_extras=True)
    return {
        f.name: FieldSpec(hints[f.name], f.default is f.default_factory is dataclasses.MISSING)
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
    }


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Model)


def dump(model: Model) -> dict[str, Any]:
    """A model as plain data (dicts, lists, dates and scalars), as its file holds it."""
    data: dict[str, Any] = dataclasses.asdict(model)  # type: ignore[call-overload]
    return data

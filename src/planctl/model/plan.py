"""The plan model: what a plan file may contain, field by field.

Every list item that a diff or a reference needs to find again carries an `id`, unique among
items of its kind in the plan (goals among goals, events among events, ...).

The models are plain dataclasses that pydantic validates (`planctl.model.validation`), written as
pydantic's own are: field types from `planctl.model.types`, a field's description in the docstring
under it. Defining and using them imports no pydantic, so a command answering from a plan that was
validated before (see `planctl.cache`) starts quickly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from planctl.model.types import (
    ActionNumber,
    CountryName,
    Id,
    IsoDate,
    Month,
    StrictBool,
    StrictInt,
    Text,
    Url,
    month_bounds,
)

if typing.TYPE_CHECKING:
    from pydantic import ConfigDict

PlanKind = Literal["strategy", "operational", "action-plan"]
Priority = Literal["high", "medium", "low"]
Status = Literal["active", "dropped"]
PlanStatus = Literal["draft", "approved", "adopted", "superseded"]
Repeats = Literal["yearly", "monthly"]

CONFIG: ConfigDict = {"extra": "forbid", "validate_default": False, "regex_engine": "python-re"}
"""Unknown fields are errors, so typos are caught; patterns are read as the JSON Schema's are (see `types`)."""

M = typing.TypeVar("M", bound=type)


@typing.dataclass_transform(kw_only_default=True, field_specifiers=(field,))
def model(cls: M) -> M:
    """Make a plan model: a slotted dataclass whose fields are given by keyword."""
    return dataclass(slots=True, kw_only=True)(cls)  # type: ignore[return-value]


class Model:
    """Base for all plan models; pydantic validates them with `CONFIG`."""

    __slots__ = ()
    __pydantic_config__ = CONFIG


@model
class Period(Model):
    start: IsoDate
    """First day the plan covers."""
    end: IsoDate
    """Last day the plan covers."""


@model
class Footnote(Model):
    id: Id
    text: Text


@model
class Section(Model):
    """A titled piece of prose: context analysis, value added, the Monitor's introduction..."""

    id: Id
    title: Text
    text: Text
    """Prose; paragraphs separated by blank lines."""
    items: list[Text] = field(default_factory=list)
    """Bulleted points that follow the prose."""
    placement: Literal["before-goals", "after-goals"] = "after-goals"
    """Where the section stands in the document: before the goals (an introduction, a context analysis) or after
    them."""


@model
class Category(Model):
    """A kind of activity, e.g. National Campaigning."""

    id: Id
    title: Text


@model
class Indicator(Model):
    id: Id
    text: Text


@model
class TargetGroup(Model):
    """Countries targeted for the same reason."""

    id: Id
    rationale: Text | None = None
    """Why these countries are targets."""
    countries: list[CountryName]
    """Country names as written in the plan; resolved to ISO codes."""


@model
class Targets(Model):
    rules: list[Text] = field(default_factory=list)
    """Targeting rules in prose, stated before the groups ('Any state that uses ... will be a target')."""
    groups: list[TargetGroup] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    """Prose stated after the groups."""
    responsive: Text | None = None
    """Responsive targeting: prose describing how targets are chosen during the year."""


@model
class Activity(Model):
    id: Id
    category: Id | None = None
    """Id of a category in the plan's `categories`; sub-activities inherit it."""
    text: Text
    countries: list[CountryName] = field(default_factory=list)
    """Countries the activity names."""
    key_dates: list[Id] = field(default_factory=list)
    """Ids of calendar events the activity refers to."""
    activities: list[Activity] = field(default_factory=list)
    """Sub-activities."""


@model
class Objective(Model):
    id: Id
    """The document's own number, e.g. '1A'."""
    title: Text
    implements: Id | None = None
    """Id of the objective this one implements in the plan named by the plan's `implements`."""
    priority: Priority | None = None
    status: Status = "active"
    status_reason: Text | None = None
    """Why the objective was dropped, where it was."""
    indicators: list[Indicator] = field(default_factory=list)
    targets: Targets | None = None
    strategy: Text | None = None
    """How the objective will be worked towards (prose)."""
    strategy_shared_with: Id | None = None
    """Id of another objective of the plan whose `strategy` also serves this one (the document states a single
    strategy for both)."""
    activities: list[Activity] = field(default_factory=list)


@model
class Paragraph(Model):
    """A numbered paragraph of a treaty document (preamble, resolutions)."""

    number: StrictInt | None = None
    text: Text


@model
class Deadline(Model):
    """When an action is due: at most one of `date`, `month` or `event`, and the words the plan uses."""

    date: IsoDate | None = None
    month: Month | None = None
    """For a deadline known only to the month: '2012-06'."""
    event: Id | None = None
    """Id of the calendar event the action is due by, e.g. a Meeting of the States Parties."""
    text: Text | None = None
    """The deadline as written, e.g. 'no later than the Tenth Meeting of the States Parties'."""

    def __post_init__(self) -> None:  # pydantic reports a ValueError here as the deadline's problem
        given = [self.date is not None, self.month is not None, self.event is not None]
        if sum(given) > 1:
            raise ValueError("a deadline is one of `date`, `month` or `event`, not several")
        if not any(given) and self.text is None:
            raise ValueError("a deadline needs a `date`, a `month`, an `event` or its `text` as written")


@model
class Action(Model):
    """A numbered action of an action plan, addressed to a group of actors."""

    id: Id
    number: ActionNumber
    """The document's number for the action ('Action #3'): unique in the plan, 1 to 9999."""
    topic: Text | None = None
    """Sub-heading of the section the action appears under, e.g. 'Compliance'."""
    addressed_to: Text
    """Who the action is for, e.g. 'All States Parties'."""
    commitment: Text | None = None
    """The verb phrase joining `addressed_to` to the actions, as written: 'will', 'will do their utmost to', ..."""
    text: Text
    indicators: list[Indicator] = field(default_factory=list)
    """How progress on the action is measured."""
    deadline: Deadline | None = None
    countries: list[CountryName] = field(default_factory=list)
    """Countries the action concerns."""
    key_dates: list[Id] = field(default_factory=list)
    """Ids of calendar events the action refers to."""
    follow_up: Text | None = None
    """Who follows the action up, as written."""


@model
class Goal(Model):
    id: Id
    title: Text
    text: Text | None = None
    """Prose introducing the goal or section."""
    objectives: list[Objective] = field(default_factory=list)
    resolutions: list[Paragraph] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@model
class Publication(Model):
    id: Id
    title: Text
    description: Text | None = None
    publications: list[Publication] = field(default_factory=list)
    """Items of a series."""


@model
class Event(Model):
    """A calendar event: one of `date`, `start`+`end`, or `month`."""

    id: Id
    title: Text
    date: IsoDate | None = None
    start: IsoDate | None = None
    end: IsoDate | None = None
    month: Month | None = None
    """For events known only to the month: '2017-10'."""
    tentative: StrictBool = False
    """Date to be confirmed ('tbc')."""
    location: Text | None = None
    repeats: Repeats | None = None
    """The event recurs on the same day each year or each month ('Article 7 reports due 30 April each year'),
    from its `date` (or `start`-`end`) until `until`; a day a month lacks (31st, 29 February) is skipped."""
    until: IsoDate | None = None
    """Last day a repeating event may recur; by default the end of the plan's period."""

    def __post_init__(self) -> None:  # pydantic reports a ValueError here as the event's problem
        forms = [self.date is not None, self.start is not None or self.end is not None, self.month is not None]
        if sum(forms) != 1:
            raise ValueError("an event needs exactly one of `date`, `start` and `end`, or `month`")
        if (self.start is None) != (self.end is None):
            raise ValueError("a date range needs both `start` and `end`")
        if self.until is not None and self.repeats is None:
            raise ValueError("`until` says when a repeating event stops: add `repeats: yearly` or `monthly`")
        if self.repeats is not None and self.month is not None:
            raise ValueError("a repeating event needs a `date` (or `start` and `end`), not a `month`")

    @property
    def first_day(self) -> dt.date:
        return self.span[0]

    def occurrences(self, until: dt.date) -> Iterator[tuple[dt.date, dt.date]]:
        """First and last day of each occurrence: the event's own, then for a repeating event the same days
        each year or month while they start by its `until` (else by `until`, the end of the plan's period).
        A day the month lacks is skipped, as iCalendar's RRULE skips it."""
        first, last = self.span
        yield first, last
        if self.repeats is None:
            return
        stop = self.until or until
        step = 12 if self.repeats == "yearly" else 1
        base = first.year * 12 + first.month - 1
        for n in itertools.count(1):
            year, month = divmod(base + n * step, 12)
            if year > dt.MAXYEAR or dt.date(year, month + 1, 1) > stop:
                return
            try:
                start = dt.date(year, month + 1, first.day)
            except ValueError:  # the 31st of a 30-day month, 29 February in another year
                continue
            if start > stop:
                return
            yield start, start + (last - first)

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """First and last day the event may cover (a month-only event covers its month)."""
        if self.date is not None:
            return self.date, self.date
        if self.start is not None and self.end is not None:
            return self.start, self.end
        assert self.month is not None
        return month_bounds(self.month)


@model
class Adoption(Model):
    """When and where a plan was adopted: a date, a place, a calendar event, or several of these."""

    date: IsoDate | None = None
    place: Text | None = None
    event: Id | None = None
    """Id of the calendar event the plan was adopted at; it may lie before the plan's period."""

    def __post_init__(self) -> None:
        if self.date is None and self.place is None and self.event is None:
            raise ValueError("`adopted` needs a `date`, a `place` or an `event`")


PLAN_CONFIG: ConfigDict = {
    **CONFIG,
    "json_schema_extra": {"title": "planctl plan", "$comment": "Generated by `planctl schema`; do not edit."},
}


@model
class Plan(Model):
    """A plan: strategy, annual operational plan or action plan."""

    __pydantic_config__ = PLAN_CONFIG

    id: Id
    """Short id used to refer to the plan, e.g. '2017'."""
    title: Text
    organisation: Text
    kind: PlanKind
    period: Period
    implements: Id | None = None
    """Id of the plan this one implements."""
    status: PlanStatus | None = None
    """Where the plan stands: a `draft`, `approved` by the body that decides (a board), `adopted` by a conference or an
    assembly, or `superseded` by a later plan. Rendered documents show it."""
    status_date: IsoDate | None = None
    """When the plan took its `status`, e.g. the day it was approved."""
    symbol: Text | None = None
    """The document symbol the plan was issued under, e.g. 'APLC/CONF/2019/5/Add.1'."""
    adopted: Adoption | None = None
    source: Url | None = None
    """Where the plan's text was published: an http(s) URL."""
    language: str = "en"
    """BCP 47 language tag of the plan's text."""
    summary: Text | None = None
    """Executive summary or introduction (prose)."""
    vision: Text | None = None
    mission: Text | None = None
    preamble: list[Paragraph] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    """Activity categories."""
    goals: list[Goal] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    """Further prose sections."""
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


@per_model
def descriptions(cls: type[Model]) -> dict[str, str]:
    """Each field's description: the docstring under it, its lines joined into one.

    pydantic reads attribute docstrings itself (`use_attribute_docstrings`), but every time it builds a
    validator, from each class's source: ~50 ms a process on Python 3.11. They are read here instead,
    only for the JSON Schema (`planctl.model.validation.json_schema`) and the field reference.
    """
    import ast
    import inspect
    import textwrap

    try:
        node = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
    except (OSError, TypeError, SyntaxError):  # no source: a class made at run time
        return {}
    assert isinstance(node, ast.ClassDef)
    out = {}
    for stmt, after in zip(node.body, node.body[1:], strict=False):
        if (
            isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            out[stmt.target.id] = " ".join(inspect.cleandoc(after.value.value).splitlines())
    return out


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Model)


def dump(model: Model) -> dict[str, Any]:
    """A model as plain data (dicts, lists, dates and scalars), as its file holds it."""
    data: dict[str, Any] = dataclasses.asdict(model)  # type: ignore[call-overload]
    return data

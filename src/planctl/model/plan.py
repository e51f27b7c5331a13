"""The plan model: what a plan file may contain, field by field.

Every list item that a diff or a reference needs to find again carries an `id`, unique among
items of its kind in the plan (goals among goals, events among events, ...).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

from planctl.model.types import CountryName, Id, IsoDate, Month, Text, month_bounds

PlanKind = Literal["strategy", "operational", "action-plan"]
Priority = Literal["high", "medium", "low"]
Status = Literal["active", "dropped"]


class Strict(BaseModel):
    """Base for all plan models: unknown fields are errors, so typos are caught."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, validate_default=False)


class Period(Strict):
    start: IsoDate = Field(description="First day the plan covers.")
    end: IsoDate = Field(description="Last day the plan covers.")


class Footnote(Strict):
    id: Id
    text: Text


class Section(Strict):
    """A titled piece of prose: context analysis, value added, the Monitor's introduction..."""

    id: Id
    title: Text
    text: Text = Field(description="Prose; paragraphs separated by blank lines.")
    items: list[Text] = Field(default_factory=list, description="Bulleted points that follow the prose.")
    placement: Literal["before-goals", "after-goals"] = Field(
        default="after-goals",
        description="Where the section stands in the document: before the goals (an introduction, a "
        "context analysis) or after them.",
    )


class Category(Strict):
    """A kind of activity, e.g. National Campaigning."""

    id: Id
    title: Text


class Indicator(Strict):
    id: Id
    text: Text


class TargetGroup(Strict):
    """Countries targeted for the same reason."""

    id: Id
    rationale: Text | None = Field(default=None, description="Why these countries are targets.")
    countries: list[CountryName] = Field(description="Country names as written in the plan; resolved to ISO codes.")


class Targets(Strict):
    rules: list[Text] = Field(
        default_factory=list,
        description="Targeting rules in prose, stated before the groups ('Any state that uses ... will be a target').",
    )
    groups: list[TargetGroup] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list, description="Prose stated after the groups.")
    responsive: Text | None = Field(
        default=None, description="Responsive targeting: prose describing how targets are chosen during the year."
    )


class Activity(Strict):
    id: Id
    category: Id | None = Field(
        default=None, description="Id of a category in the plan's `categories`; sub-activities inherit it."
    )
    text: Text
    countries: list[CountryName] = Field(default_factory=list, description="Countries the activity names.")
    key_dates: list[Id] = Field(default_factory=list, description="Ids of calendar events the activity refers to.")
    activities: list[Activity] = Field(default_factory=list, description="Sub-activities.")


class Objective(Strict):
    id: Id = Field(description="The document's own number, e.g. '1A'.")
    title: Text
    implements: Id | None = Field(
        default=None,
        description="Id of the objective this one implements in the plan named by the plan's `implements`.",
    )
    priority: Priority | None = None
    status: Status = "active"
    status_reason: Text | None = Field(default=None, description="Why the objective was dropped, where it was.")
    indicators: list[Indicator] = Field(default_factory=list)
    targets: Targets | None = None
    strategy: Text | None = Field(default=None, description="How the objective will be worked towards (prose).")
    strategy_shared_with: Id | None = Field(
        default=None,
        description="Id of another objective of the plan whose `strategy` also serves this one "
        "(the document states a single strategy for both).",
    )
    activities: list[Activity] = Field(default_factory=list)


class Paragraph(Strict):
    """A numbered paragraph of a treaty document (preamble, resolutions)."""

    number: StrictInt | None = None
    text: Text


class Action(Strict):
    """A numbered action of an action plan, addressed to a group of actors."""

    id: Id
    number: StrictInt
    topic: Text | None = Field(
        default=None, description="Sub-heading of the section the action appears under, e.g. 'Compliance'."
    )
    addressed_to: Text = Field(description="Who the action is for, e.g. 'All States Parties'.")
    commitment: Text | None = Field(
        default=None,
        description="The verb phrase joining `addressed_to` to the actions, as written: 'will', "
        "'will do their utmost to', ...",
    )
    text: Text


class Goal(Strict):
    id: Id
    title: Text
    text: Text | None = Field(default=None, description="Prose introducing the goal or section.")
    objectives: list[Objective] = Field(default_factory=list)
    resolutions: list[Paragraph] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)


class Publication(Strict):
    id: Id
    title: Text
    description: Text | None = None
    publications: list[Publication] = Field(default_factory=list, description="Items of a series.")


class Event(Strict):
    """A calendar event: one of `date`, `start`+`end`, or `month`."""

    id: Id
    title: Text
    date: IsoDate | None = None
    start: IsoDate | None = None
    end: IsoDate | None = None
    month: Month | None = Field(default=None, description="For events known only to the month: '2017-10'.")
    tentative: StrictBool = Field(default=False, description="Date to be confirmed ('tbc').")
    location: Text | None = None

    @model_validator(mode="after")
    def _one_kind_of_date(self) -> Event:
        forms = [self.date is not None, self.start is not None or self.end is not None, self.month is not None]
        if sum(forms) != 1:
            raise ValueError("an event needs exactly one of `date`, `start` and `end`, or `month`")
        if (self.start is None) != (self.end is None):
            raise ValueError("a date range needs both `start` and `end`")
        return self

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


class Plan(Strict):
    """A plan: strategy, annual operational plan or action plan."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"title": "planctl plan", "$comment": "Generated by `planctl schema`; do not edit."},
    )

    id: Id = Field(description="Short id used to refer to the plan, e.g. '2017'.")
    title: Text
    organisation: Text
    kind: PlanKind
    period: Period
    implements: Id | None = Field(default=None, description="Id of the plan this one implements.")
    language: str = Field(default="en", description="BCP 47 language tag of the plan's text.")
    summary: Text | None = Field(default=None, description="Executive summary or introduction (prose).")
    vision: Text | None = None
    mission: Text | None = None
    preamble: list[Paragraph] = Field(default_factory=list)
    categories: list[Category] = Field(default_factory=list, description="Activity categories.")
    goals: list[Goal] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list, description="Further prose sections.")
    publications: list[Publication] = Field(default_factory=list)
    calendar: list[Event] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)

    def objectives(self) -> list[Objective]:
        return [o for g in self.goals for o in g.objectives]

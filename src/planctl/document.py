"""A plan as a document: a tree of sections, paragraphs and lists, for any renderer.

`build(plan)` decides what the document says and in which order; `planctl.render.markdown`,
`planctl.render.html` and `planctl.render.show` (the terminal) only decide how it looks. Every
field a plan has is shown somewhere, in the organisation's order: summary, vision, mission,
preamble, goals (objectives with indicators, targets, strategy and activities by category;
resolutions; actions), sections, publications, the calendar by month and the footnotes.

Under the title every document says which plan it is: organisation, period, the plan it implements
(by its title, when `build` is given the other plans), its status where the plan states one, and
the version of the file it was made from (a `Version`, given by the caller: the tree itself reads
no files, so the same plan always gives the same document).

Print (Markdown, HTML) runs ids and facts into the text ('Action #3: ...', '(countries: Laos)');
the terminal's compact view sets them apart, in a margin or on a line of their own. So nodes also
carry a `label` (the plan's id, number or date for what they present) and `facts`, and a span
that only `repeats` one of them inline is left out where they are shown apart.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from planctl import dates
from planctl.model.plan import (
    Action,
    Activity,
    Adoption,
    Deadline,
    Event,
    Goal,
    Objective,
    Paragraph,
    Plan,
    Publication,
    Targets,
)
from planctl.model.plan import Section as PlanSection

Style = Literal["plain", "strong", "em", "meta"]
# What a section presents: renderers that show only part of a plan (the terminal) choose by it.
SectionKind = Literal[
    "summary",
    "vision",
    "mission",
    "preamble",
    "prose",  # one of the plan's `sections`
    "goal",
    "objective",
    "indicators",
    "targets",
    "strategy",
    "activities",
    "category",  # an objective's activities of one category
    "topic",  # a goal's actions on one topic
    "publications",
    "calendar",
    "month",
    "notes",
]
_KIND = {"strategy": "strategy", "operational": "operational plan", "action-plan": "action plan"}


@dataclass(frozen=True)
class Span:
    """A run of text in one style; `href` links to an anchor of the same document ('#event-x').

    `repeats`: the span repeats the item's label or facts inline ('Action #3:', ' (countries: Laos)'),
    for print; a view that shows those apart leaves it out.
    """

    text: str
    style: Style = "plain"
    href: str | None = None
    repeats: bool = False


@dataclass
class Para:
    spans: list[Span]
    lead: str | None = None  # a lead-in: print runs it into the text ('lead: text'), the terminal sets it above
    label: str | None = None  # the plan's id for what the paragraph presents ('1A.g1')

    @property
    def line(self) -> list[Span]:
        """The paragraph as print shows it, the lead-in run into the text."""
        return [Span(_lead_in(self.lead)), *self.spans] if self.lead is not None else self.spans


@dataclass
class Item:
    spans: list[Span]
    children: list[Block] = field(default_factory=list)
    number: int | None = None  # in a numbered list: the number the document gives it
    anchor: str | None = None
    label: str | None = None  # the plan's id, number or date for the item: '1A.nc1', '#3', '9', '23 Feb 2017'
    facts: list[tuple[str, str]] = field(default_factory=list)  # ('Countries', 'Laos, Vietnam')

    @property
    def text(self) -> list[Span]:
        """The item's own words, without the spans that repeat its label or facts."""
        return [s for s in self.spans if not s.repeats]


@dataclass
class ItemList:
    items: list[Item]
    numbered: bool = False
    intro: Para | None = None  # the paragraph that introduces the list: 'All States Parties will:'
    key_dates: bool = False  # the key dates of the activity the list belongs to

    @property
    def consecutive(self) -> bool:
        """Numbers run 1, 2, 3... from the first: what Markdown's ordered lists can show."""
        numbers = [i.number for i in self.items]
        first = numbers[0] if numbers else None
        return first is not None and numbers == list(range(first, first + len(numbers)))


@dataclass
class Fields:
    """Labelled values: 'Period: ...', 'Priority: high'."""

    rows: list[tuple[str, list[Span]]]


@dataclass
class Section:
    title: str
    anchor: str
    blocks: list[Block] = field(default_factory=list)
    in_toc: bool = True
    kind: SectionKind = "prose"
    label: str | None = None  # the plan's id for a goal or objective: '1A'
    name: str | None = None  # a goal's or objective's own title, without 'Goal 1 —' or '(dropped)'
    facts: list[str] = field(default_factory=list)  # in a word or two each: 'goal 1', 'priority high'

    def parts(self, kind: SectionKind) -> Iterator[Section]:
        """The sections of that kind directly in this one."""
        return (b for b in self.blocks if isinstance(b, Section) and b.kind == kind)


Block = Para | ItemList | Fields | Section


@dataclass
class Document:
    title: str
    language: str
    front: list[Block]  # under the title, before the table of contents
    sections: list[Section]
    id: str = ""  # the plan's id
    facts: list[str] = field(default_factory=list)  # the plan in a word or two each: 'operational plan'


@dataclass(frozen=True)
class Version:
    """Which version of its file a document was made from: the last commit that changed the file, when
    it is in git, and the day the file was saved when that commit does not hold it (changes not yet
    committed, or a file outside git)."""

    commit: str | None = None  # the commit's abbreviated hash
    committed: dt.date | None = None
    saved: dt.date | None = None

    def phrase(self, form: dates.Form = "words") -> str:
        """'commit 1a2b3c4 of 3 March 2017'; 'saved 5 March 2017, changed since commit 1a2b3c4 of 3 March
        2017'; 'saved 5 March 2017'. Short form: 'commit 1a2b3c4, 3 Mar 2017', ..."""
        short = form == "short"
        commit = f"commit {self.commit}" if self.commit else ""
        if commit and self.committed and not (short and self.saved):
            commit += (", " if short else " of ") + dates.when(self.committed, form=form)
        if self.saved is None:
            return commit
        saved = "saved " + dates.when(self.saved, form=form)
        return f"{saved}, changed since {commit}" if commit else saved


@dataclass(frozen=True)
class TocEntry:
    level: int  # 1 for top sections, 2 for theirs
    title: str
    anchor: str


def toc(doc: Document, depth: int = 2) -> list[TocEntry]:
    """The sections worth listing in a table of contents, down to `depth`."""
    out: list[TocEntry] = []

    def walk(sections: Iterable[Block], level: int) -> None:
        for s in sections:
            if isinstance(s, Section) and s.in_toc and level <= depth:
                out.append(TocEntry(level, s.title, s.anchor))
                walk(s.blocks, level + 1)

    walk(doc.sections, 1)
    return out


_LIST_MARK = re.compile(r"^\s*(?:(?P<num>\d{1,3})[.)]|[-*•])\s+(?P<text>\S.*)$")
_NUMBERISH = re.compile(r"^(?:\d+[A-Za-z]?|[IVXLCDM]+|[ivxlcdm]+|[A-Za-z])$")


def collapse_spaces(text: str) -> str:
    """Text of a title or list item: runs of whitespace (newlines too) become one space."""
    return " ".join(text.split())


def prose(text: str) -> list[Block]:
    """Prose as paragraphs (split at blank lines) and the lists written in it ('1. ...', '- ...')."""
    blocks: list[Block] = []
    lines: list[str] = []
    current: ItemList | None = None

    def flush() -> None:
        nonlocal current
        if lines:
            blocks.append(Para([Span(collapse_spaces(" ".join(lines)))]))
            lines.clear()
        current = None

    for raw in text.splitlines():
        if not raw.strip():
            flush()
            continue
        m = _LIST_MARK.match(raw)
        if m:
            numbered = m.group("num") is not None
            if lines or current is None or current.numbered != numbered:
                flush()
                current = ItemList([], numbered=numbered)
                blocks.append(current)
            number = int(m.group("num")) if numbered else None
            current.items.append(Item([Span(m.group("text").strip())], number=number))
        elif current is not None and raw[:1].isspace():  # an indented line continues the item
            last = current.items[-1].spans[0]
            current.items[-1].spans[0] = Span(collapse_spaces(last.text + " " + raw))
        else:
            current = None
            lines.append(raw.strip())
    flush()
    return blocks


def deadline(plan: Plan, due: Deadline, form: dates.Form = "words") -> str:
    """An action's deadline in words: 'no later than the Tenth Meeting (November 2010)', '30 April 2021'."""
    when = None
    if due.date is not None or due.month is not None:
        when = dates.when(due.date, month=due.month, form=form)
    elif due.event is not None:
        event = next((e for e in plan.calendar if e.id == due.event), None)
        title = collapse_spaces(event.title) if event else due.event
        at = dates.when(event.date, event.start, event.end, event.month, form=form) if event else None
        when = f"{title}, {at}" if due.text is None and at else at if due.text is not None else title
    if due.text is None:
        return when or ""
    return collapse_spaces(due.text) + (f" ({when})" if when else "")


def adoption(plan: Plan, adopted: Adoption, form: dates.Form = "words") -> str:
    """Where and when a plan was adopted: 'Fourth Review Conference, Example City, 29 November 2019'."""
    event = next((e for e in plan.calendar if e.id == adopted.event), None)
    parts = [collapse_spaces(event.title) if event else adopted.event, adopted.place and collapse_spaces(adopted.place)]
    if adopted.date is not None:
        parts.append(dates.when(adopted.date, form=form))
    elif event is not None:
        parts.append(dates.when(event.date, event.start, event.end, event.month, form=form))
    return ", ".join(p for p in parts if p)


def period(plan: Plan) -> str:
    return dates.when(start=plan.period.start, end=plan.period.end)


class _Anchors:
    """Unique, readable fragment ids: 'objective-1a', 'event-oslo-process-10'."""

    def __init__(self) -> None:
        self.used: set[str] = {"contents"}

    def __call__(self, *parts: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-") or "section"
        anchor, n = base, 2
        while anchor in self.used:
            anchor, n = f"{base}-{n}", n + 1
        self.used.add(anchor)
        return anchor


def _labelled(label: str, text: str) -> list[Span]:
    """'label text' as in the plans: 'Action #3:' before the action, the label repeating the item's."""
    return [Span(label, "strong", repeats=True), Span(" ", repeats=True), Span(collapse_spaces(text))]


def _paragraphs(paragraphs: list[Paragraph]) -> list[Block]:
    """Numbered paragraphs as numbered lists, unnumbered ones as paragraphs, in document order."""
    blocks: list[Block] = []
    for p in paragraphs:
        if p.number is None:
            blocks.extend(prose(p.text))
            continue
        last = blocks[-1] if blocks else None
        if not (isinstance(last, ItemList) and last.numbered):
            last = ItemList([], numbered=True)
            blocks.append(last)
        last.items.append(Item([Span(collapse_spaces(p.text))], number=p.number, label=str(p.number)))
    return blocks


def _lead_in(text: str) -> str:
    """Text that introduces what follows: 'rationale: ', unless it already ends with punctuation."""
    text = collapse_spaces(text)
    return text + (" " if text.endswith((":", ".", "!", "?")) else ": ")


class _Builder:
    def __init__(self, plan: Plan, version: Version | None, others: Mapping[str, Plan]) -> None:
        self.plan = plan
        self.version = version
        self.others = others
        self.anchor = _Anchors()
        self.events = {e.id: e for e in plan.calendar}
        self.event_anchors = {e.id: self.anchor("event", e.id) for e in plan.calendar}
        self.categories = {c.id: c.title for c in plan.categories}
        self.objective_anchors = {o.id: self.anchor("objective", o.id) for o in plan.objectives()}

    def prose_section(self, section: PlanSection) -> Section:
        blocks = prose(section.text)
        if section.items:
            blocks.append(ItemList([Item([Span(collapse_spaces(i))]) for i in section.items]))
        return Section(collapse_spaces(section.title), self.anchor(section.id), blocks, kind="prose")

    def document(self) -> Document:
        plan = self.plan
        sections: list[Section] = []
        if plan.summary:
            title = "Executive summary" if plan.kind == "operational" else "Introduction"
            sections.append(Section(title, self.anchor("summary"), prose(plan.summary), kind="summary"))
        if plan.vision:
            sections.append(Section("Vision", self.anchor("vision"), prose(plan.vision), kind="vision"))
        if plan.mission:
            sections.append(Section("Mission", self.anchor("mission"), prose(plan.mission), kind="mission"))
        sections += [self.prose_section(s) for s in plan.sections if s.placement == "before-goals"]
        if plan.preamble:
            title = "Preamble" if plan.summary else "Introduction"
            sections.append(Section(title, self.anchor("preamble"), _paragraphs(plan.preamble), kind="preamble"))
        sections += [self.goal(g) for g in plan.goals]
        sections += [self.prose_section(s) for s in plan.sections if s.placement == "after-goals"]
        if plan.publications:
            pubs: list[Block] = [self.publications(plan.publications)]
            sections.append(Section("Publications", self.anchor("publications"), pubs, kind="publications"))
        if plan.calendar:
            sections.append(self.calendar())
        if plan.footnotes:
            numbered = all(f.id.isdigit() for f in plan.footnotes)
            items = [
                Item([Span(collapse_spaces(f.text))], number=int(f.id), anchor=self.anchor("note", f.id))
                if numbered
                else Item(_labelled(f.id, f.text), anchor=self.anchor("note", f.id), label=f.id)
                for f in plan.footnotes
            ]
            notes: list[Block] = [ItemList(items, numbered=numbered)]
            sections.append(Section("Notes", self.anchor("notes"), notes, kind="notes"))
        title = collapse_spaces(plan.title)
        return Document(title, plan.language, [self.front()], sections, plan.id, self.facts())

    def facts(self) -> list[str]:
        """The plan in a word or two each: 'ICBL-CMC', 'operational plan', '2017-01-01 to 2017-12-31',
        'approved 8 Dec 2016', 'commit 1a2b3c4, 3 Mar 2017'."""
        plan = self.plan
        period = dates.when(start=plan.period.start, end=plan.period.end, form="numeric")
        facts = [collapse_spaces(plan.organisation), _KIND.get(plan.kind, plan.kind), period]
        if plan.implements:
            facts.append(f"implements {self.plan_name(plan.implements)}")
        if plan.status:
            facts.append(self.status("short"))
        if plan.symbol:
            facts.append(collapse_spaces(plan.symbol))
        if self.version:
            facts.append(self.version.phrase("short"))
        return facts

    def front(self) -> Fields:
        plan = self.plan
        rows = [
            ("Organisation", [Span(collapse_spaces(plan.organisation))]),
            ("Period", [Span(period(plan))]),
        ]
        if plan.implements:
            rows.append(("Implements", [Span(self.plan_name(plan.implements))]))
        if plan.status:
            rows.append(("Status", [Span(self.status())]))
        if plan.symbol:
            rows.append(("Symbol", [Span(collapse_spaces(plan.symbol))]))
        if plan.adopted:
            rows.append(("Adopted", [Span(adoption(plan, plan.adopted))]))
        if plan.source:
            rows.append(("Source", [Span(plan.source)]))
        if self.version:
            rows.append(("Version", [Span(self.version.phrase())]))
        return Fields(rows)

    def plan_name(self, plan_id: str) -> str:
        """A linked plan by its title ('ICBL-CMC Strategy 2017-2021'); by its id when it is not at hand."""
        other = self.others.get(plan_id)
        return collapse_spaces(other.title) if other is not None else plan_id

    def status(self, form: dates.Form = "words") -> str:
        """'approved on 8 December 2016' ('approved 8 Dec 2016' short), or 'approved'."""
        assert self.plan.status is not None
        when = self.plan.status_date
        return self.plan.status + ((" on " if form == "words" else " ") + dates.when(when, form=form) if when else "")

    # -- goals and objectives ------------------------------------------------------------------

    def goal(self, goal: Goal) -> Section:
        if not _NUMBERISH.match(goal.id):
            title = collapse_spaces(goal.title)
        elif self.plan.kind == "action-plan":
            title = f"{goal.id}. {collapse_spaces(goal.title)}"
        else:
            title = f"Goal {goal.id} — {collapse_spaces(goal.title)}"
        blocks: list[Block] = prose(goal.text) if goal.text else []
        blocks += _paragraphs(goal.resolutions)
        blocks += [self.objective(o, goal) for o in goal.objectives]
        blocks += self.actions(goal)
        name = collapse_spaces(goal.title)
        return Section(title, self.anchor("goal", goal.id), blocks, kind="goal", label=goal.id, name=name)

    def objective(self, obj: Objective, goal: Goal) -> Section:
        title = f"Objective {obj.id} — {collapse_spaces(obj.title)}"
        if obj.status == "dropped":
            title += " (dropped)"
        rows: list[tuple[str, list[Span]]] = []
        if obj.implements:
            of = f" of {self.plan_name(self.plan.implements)}" if self.plan.implements else ""
            rows.append(("Implements", [Span(f"objective {obj.implements}{of}")]))
        if obj.priority:
            rows.append(("Priority", [Span(obj.priority)]))
        if obj.status == "dropped":
            rows.append(
                (
                    "Status",
                    [Span("dropped" + (f" — {collapse_spaces(obj.status_reason)}" if obj.status_reason else ""))],
                )
            )
        elif obj.status_reason:
            rows.append(("Status", [Span(collapse_spaces(obj.status_reason))]))
        blocks: list[Block] = [Fields(rows)] if rows else []

        def part(name: str, kind: SectionKind, content: list[Block]) -> None:
            blocks.append(Section(name, self.anchor("objective", obj.id, name), content, in_toc=False, kind=kind))

        if obj.indicators:
            indicators = ItemList([Item([Span(collapse_spaces(i.text))]) for i in obj.indicators])
            part("Indicators", "indicators", [indicators])
        targets = self.targets(obj.targets) if obj.targets else []
        if targets:
            part("Targets", "targets", targets)
        strategy: list[Block] = prose(obj.strategy) if obj.strategy else []
        if obj.strategy_shared_with:
            other = obj.strategy_shared_with
            strategy.append(
                Para(
                    [
                        Span("The strategy of "),
                        Span(f"objective {other}", href="#" + self.objective_anchors.get(other, "")),
                        Span(" also serves this objective."),
                    ]
                )
            )
        if strategy:
            part("Strategy", "strategy", strategy)
        if obj.activities:
            part("Activities", "activities", self.activities(obj))
        facts = [f"goal {goal.id}"]
        if obj.implements:
            facts.append(f"implements {obj.implements}")
        if obj.priority:
            facts.append(f"priority {obj.priority}")
        if obj.status != "active":
            facts.append(obj.status + (f": {collapse_spaces(obj.status_reason)}" if obj.status_reason else ""))
        name = collapse_spaces(obj.title)
        anchor = self.objective_anchors[obj.id]
        return Section(title, anchor, blocks, kind="objective", label=obj.id, name=name, facts=facts)

    def targets(self, targets: Targets) -> list[Block]:
        blocks: list[Block] = []
        for rule in targets.rules:
            blocks += prose(rule)
        for group in targets.groups:
            countries = ", ".join(collapse_spaces(c) for c in group.countries)
            lead = collapse_spaces(group.rationale) if group.rationale else None
            blocks.append(Para([Span(countries, "strong")], lead=lead, label=group.id))
        for note in targets.notes:
            blocks += prose(note)
        if targets.responsive:
            blocks += prose(targets.responsive)
        return blocks

    def activities(self, obj: Objective) -> list[Block]:
        """Activities grouped by category, in the order the categories first appear."""
        groups: dict[str | None, list[Activity]] = {}
        for a in obj.activities:
            groups.setdefault(a.category, []).append(a)
        if list(groups) == [None]:
            return [self.activity_list(obj.activities)]
        blocks: list[Block] = []
        for cat, acts in groups.items():
            title = self.categories.get(cat, cat) if cat else "Other activities"
            anchor = self.anchor("objective", obj.id, cat or "other")
            acts_list: list[Block] = [self.activity_list(acts)]
            blocks.append(Section(collapse_spaces(title), anchor, acts_list, in_toc=False, kind="category"))
        return blocks

    def activity_list(self, activities: list[Activity]) -> ItemList:
        return ItemList([self.activity(a) for a in activities])

    def activity(self, act: Activity) -> Item:
        spans = [Span(collapse_spaces(act.text))]
        facts = []
        if act.countries:
            countries = ", ".join(collapse_spaces(c) for c in act.countries)
            spans.append(Span(f" (countries: {countries})", "meta", repeats=True))
            facts.append(("Countries", countries))
        children: list[Block] = []
        if act.key_dates:
            children.append(ItemList([self.key_date(k) for k in act.key_dates], key_dates=True))
        if act.activities:
            children.append(self.activity_list(act.activities))
        return Item(spans, children, label=act.id, facts=facts)

    def key_date(self, event_id: str) -> Item:
        event = self.events.get(event_id)
        if event is None:  # a valid plan has none; shown rather than dropped
            return Item([Span(event_id)])
        spans = [
            Span(dates.when(event.date, event.start, event.end, event.month), "strong", repeats=True),
            Span(": ", repeats=True),
            Span(collapse_spaces(event.title), href="#" + self.event_anchors[event.id]),
        ]
        if event.tentative:
            spans.append(Span(" (tbc)", repeats=True))
        label = dates.when(event.date, event.start, event.end, event.month, form="short", tentative=event.tentative)
        return Item(spans, label=label)

    def actions(self, goal: Goal) -> list[Block]:
        """Actions under their topic, in runs addressed to the same actors: 'All States Parties will:'."""
        blocks: list[Block] = []
        topics: dict[str | None, list[Action]] = {}
        for a in goal.actions:
            topics.setdefault(a.topic and collapse_spaces(a.topic), []).append(a)
        for topic, actions in topics.items():
            target = blocks
            if topic:
                section = Section(topic, self.anchor("goal", goal.id, topic), in_toc=False, kind="topic")
                blocks.append(section)
                target = section.blocks
            run_key: tuple[str, str | None] | None = None
            for action in actions:
                key = (collapse_spaces(action.addressed_to), action.commitment and collapse_spaces(action.commitment))
                if key != run_key:
                    who = key[0] + (f" {key[1]}" if key[1] else "")
                    target.append(ItemList([], intro=Para([Span(who.rstrip(":") + ":", "strong")])))
                    run_key = key
                current = target[-1]
                assert isinstance(current, ItemList)
                current.items.append(self.action(action))
        return blocks

    def action(self, action: Action) -> Item:
        spans = _labelled(f"Action #{action.number}:", action.text)
        facts = []
        if action.deadline is not None:
            facts.append(("Deadline", deadline(self.plan, action.deadline)))
        if action.countries:
            facts.append(("Countries", ", ".join(collapse_spaces(c) for c in action.countries)))
        if action.follow_up:
            facts.append(("Follow-up", collapse_spaces(action.follow_up)))
        if facts:
            inline = "; ".join(f"{name.lower()}: {value}" for name, value in facts)
            spans.append(Span(f" ({inline})", "meta", repeats=True))
        children: list[Block] = []
        if action.key_dates:
            children.append(ItemList([self.key_date(k) for k in action.key_dates], key_dates=True))
        if action.indicators:
            indicators = [Item([Span(collapse_spaces(i.text))], label=i.id) for i in action.indicators]
            children.append(ItemList(indicators, intro=Para([Span("Indicators:", "em")])))
        anchor = self.anchor("action", action.id)
        return Item(spans, children, anchor=anchor, label=f"#{action.number}", facts=facts)

    # -- publications, calendar ----------------------------------------------------------------

    def publications(self, pubs: list[Publication]) -> ItemList:
        items = []
        for p in pubs:
            spans = [Span(collapse_spaces(p.title), "strong")]
            if p.description:
                spans.append(Span(" – " + collapse_spaces(p.description)))
            children: list[Block] = [self.publications(p.publications)] if p.publications else []
            items.append(Item(spans, children, anchor=self.anchor("publication", p.id)))
        return ItemList(items)

    def calendar(self) -> Section:
        """Events by month (an event under the month it starts in), in the plan's order within a month."""
        by_month: dict[tuple[int, int], list[Event]] = {}
        for e in self.plan.calendar:
            first = e.first_day
            by_month.setdefault((first.year, first.month), []).append(e)
        months = []
        for (year, month), events in sorted(by_month.items()):
            items = []
            for e in events:
                spans = [
                    Span(collapse_spaces(e.title) + ", "),
                    Span(dates.when(e.date, e.start, e.end, e.month, year=False), "strong"),
                ]
                spans += [Span(" (tbc)")] if e.tentative else []
                if e.repeats is not None:
                    until = dates.when(e.until or self.plan.period.end)
                    spans.append(Span(f", every {'year' if e.repeats == 'yearly' else 'month'} until {until}"))
                spans += [Span(", " + collapse_spaces(e.location))] if e.location else []
                items.append(Item(spans, anchor=self.event_anchors[e.id]))
            title = f"{dates.month_name(month)} {year}"
            anchor = self.anchor("calendar", str(year), f"{month:02d}")
            months.append(Section(title, anchor, [ItemList(items)], in_toc=False, kind="month"))
        return Section("Calendar", self.anchor("calendar"), list(months), kind="calendar")


def build(plan: Plan, *, version: Version | None = None, others: Mapping[str, Plan] | None = None) -> Document:
    """The document a plan is published as: `version` says which version of its file it shows, and
    `others` (plans by id) name the plans it links to by their titles."""
    return _Builder(plan, version, others or {}).document()

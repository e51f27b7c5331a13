"""Checking a results file: its fields (`validate_results_data`), then its facts against its plan (`check_results`).

Problems carry the path of what they are about, as the file writes it (`raw_path`: a period written
`2017:` is the number 2017 to YAML), so they are placed at their line like a plan's.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from planctl.diagnostics import ItemPath, Problem, short_repr
from planctl.model import countries
from planctl.model.periods import FORMS, Span, looks_like_calendar, overlap, span
from planctl.model.plan import Plan
from planctl.model.results import URL_PATTERN, IndicatorResults, Results, Value
from planctl.model.walk import all_actions, all_indicators, objectives_with_paths, walk_activities, walk_publications

if TYPE_CHECKING:
    from pydantic import TypeAdapter
    from pydantic.json_schema import JsonSchemaValue

__all__ = [
    "SECTION",
    "PlanIds",
    "as_of_day",
    "check_results",
    "is_results",
    "json_schema",
    "raw_path",
    "validate_results_data",
]

FINAL_STATUSES = frozenset({"closed", "cancelled"})  # an activity that will not move again: never stale


def is_results(data: Any) -> bool:
    """A results file's data: a mapping naming its `plan` (a plan file has an `id` and no `plan`)."""
    return isinstance(data, dict) and "plan" in data and "id" not in data


# --- the file's own fields ------------------------------------------------------------------------


@functools.cache
def _adapter() -> TypeAdapter[Results]:
    from pydantic import TypeAdapter

    return TypeAdapter(Results)


def json_schema() -> JsonSchemaValue:
    """The JSON Schema of a results file, as pydantic derives it from the model (fields described as a plan's are)."""
    from planctl.model.validation import _described_fields

    return _adapter().json_schema(schema_generator=_described_fields())


def validate_results_data(data: dict[Any, Any]) -> tuple[Results | None, list[Problem]]:
    """The results and the problems of their fields; the results only when there are none."""
    from pydantic import ValidationError

    from planctl.model.types import MAX_SUGGESTIONS

    clashes: list[Problem] = []
    keyed = _text_keys(data, (), clashes)
    if clashes:
        return None, clashes
    try:
        results = _adapter().validate_python(keyed, context={"suggestions": [MAX_SUGGESTIONS]})
    except ValidationError as e:
        problems = [_problem(err) for err in e.errors(include_url=False)]
        return None, [dataclasses.replace(p, path=raw_path(data, p.path)) for p in problems]
    return results, []


def _problem(err: Any) -> Problem:
    from planctl.model.validation import _problem as problem_of

    loc = tuple(err["loc"])
    if err["type"] == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == URL_PATTERN:
        return Problem(
            loc,
            "bad-url",
            f"{short_repr(loc[-1])} is not a web address: {short_repr(err.get('input'))}",
            hint="write it whole, starting with https:// or http://, without spaces",
        )
    if "[key]" not in loc:
        return problem_of(err, Results)
    # a key that is not a valid key (an unknown country): the problem is the key, at its place
    key_at = loc.index("[key]")
    problem = problem_of({**err, "loc": loc[:key_at]}, Results)
    return dataclasses.replace(problem, on_key=True)


def _text_keys(node: Any, path: ItemPath, clashes: list[Problem]) -> Any:
    """`node` with every whole-number key as text: YAML reads `2017:` as a number, planctl as the period '2017'."""
    if isinstance(node, list):
        return [_text_keys(v, (*path, i), clashes) for i, v in enumerate(node)]
    if not isinstance(node, dict):
        return node
    out: dict[Any, Any] = {}
    for key, value in node.items():
        text = str(key) if isinstance(key, int) and not isinstance(key, bool) else key
        if text in out:
            clashes.append(
                Problem(
                    (*path, key),
                    "duplicate-key",
                    f"{text!r} is written twice here, once as a number and once in quotes",
                    hint="remove one of the two",
                    on_key=True,
                )
            )
        out[text] = _text_keys(value, (*path, key), clashes)
    return out


def raw_path(data: Any, path: ItemPath) -> ItemPath:
    """`path` with each key as the file writes it: '2017' becomes 2017 where the file has `2017:`."""
    out: list[Any] = []
    node = data
    for part in path:
        if isinstance(node, dict):
            if part not in node and isinstance(part, str):
                part = next((k for k in node if isinstance(k, int) and str(k) == part), part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
        out.append(part)
    return tuple(out)


# --- what a results file may name in its plan -----------------------------------------------------


class PlanIds:
    """The ids of a plan that results are recorded against, by kind: a small summary kept in place of
    the plan, so that a batch of files can be checked without keeping every plan in memory.

    A plain class, not a dataclass: a query with results beside its plan imports this module, and a
    dataclass costs milliseconds to define.
    """

    __slots__ = (
        "actions",
        "activities",
        "events",
        "groups",
        "indicators",
        "objectives",
        "period",
        "plan_id",
        "publications",
    )

    plan_id: str
    period: Span
    indicators: Mapping[str, str]  # indicator id -> id of the objective it belongs to
    objectives: Mapping[str, tuple[str, ...]]  # objective id -> ids of its target groups
    groups: Mapping[str, tuple[str, Mapping[str, str]]]  # group id -> (objective id, {ISO code: name as written})
    activities: Mapping[str, str]  # activity id -> objective id
    actions: Mapping[str, str]  # action id -> goal id
    events: Mapping[str, Span]
    publications: frozenset[str]

    def __init__(
        self,
        plan_id: str,
        period: Span,
        indicators: Mapping[str, str],
        objectives: Mapping[str, tuple[str, ...]],
        groups: Mapping[str, tuple[str, Mapping[str, str]]],
        activities: Mapping[str, str],
        actions: Mapping[str, str],
        events: Mapping[str, Span],
        publications: frozenset[str],
    ) -> None:
        self.plan_id, self.period, self.indicators, self.objectives = plan_id, period, indicators, objectives
        self.groups, self.activities, self.actions = groups, activities, actions
        self.events, self.publications = events, publications

    @classmethod
    def of(cls, plan: Plan) -> PlanIds:
        groups: dict[str, tuple[str, Mapping[str, str]]] = {}
        objectives: dict[str, tuple[str, ...]] = {}
        for objective, _ in objectives_with_paths(plan):
            own = objective.targets.groups if objective.targets else []
            objectives.setdefault(objective.id, tuple(g.id for g in own))
            for group in own:
                members: dict[str, str] = {}
                for name in group.countries:
                    country = countries.resolve(name)
                    members.setdefault(country.code if country else name, name)
                groups.setdefault(group.id, (objective.id, members))
        activities: dict[str, str] = {}
        for objective, opath in objectives_with_paths(plan):
            for activity, _ in walk_activities(objective.activities, (*opath, "activities")):
                activities.setdefault(activity.id, objective.id)
        return cls(
            plan.id,
            (plan.period.start, plan.period.end),
            {i.id: owner.id for i, owner, _ in all_indicators(plan)},
            objectives,
            groups,
            activities,
            {a.id: goal.id for a, goal, _ in all_actions(plan)},
            {e.id: e.span for e in plan.calendar},
            frozenset(p.id for p, _ in walk_publications(plan.publications, ("publications",))),
        )

    def kind_of(self, id_: str) -> str | None:
        """What `id_` names in the plan ('indicator', 'target group', ...), if anything."""
        for kind, known in (
            ("indicator", self.indicators),
            ("activity", self.activities),
            ("action", self.actions),
            ("target group", self.groups),
            ("objective", self.objectives),
            ("event", self.events),
            ("publication", self.publications),
        ):
            if id_ in known:
                return kind
        return None


SECTION = {
    "indicator": "indicators",
    "activity": "activities",
    "action": "activities",
    "target group": "countries",
    "event": "events",
    "publication": "publications",
}


# --- the facts, against the plan ------------------------------------------------------------------


def check_results(results: Results, ids: PlanIds, today: date) -> list[Problem]:
    """Every problem of results against their plan's ids, in the file's order; `today` dates the future."""
    return _Checker(results, ids, today).run()


class _Checker:
    def __init__(self, results: Results, ids: PlanIds, today: date) -> None:
        self.results = results
        self.ids = ids
        self.today = today
        self.problems: list[Problem] = []
        self.declared: dict[str, Span] = {}
        start, end = ids.period
        self.running = start <= today <= end  # results of a plan still running can go stale

    def run(self) -> list[Problem]:
        if self.results.stale_after_days < 1:
            self.add(("stale_after_days",), "bad-value", "`stale_after_days` must be a number of days, 1 or more")
        self.periods()
        for key, indicator in self.results.indicators.items():
            self.indicator(key, indicator)
        self.activities()
        self.countries()
        self.events()
        self.publications()
        return self.problems

    def add(self, path: ItemPath, code: str, message: str, hint: str | None = None, **kw: Any) -> None:
        self.problems.append(Problem(path, code, message, hint=hint, **kw))

    def unknown(self, section: str, key: str, kind: str, known: list[str]) -> None:
        other = self.ids.kind_of(key)
        if other is not None and SECTION.get(other) != section:
            hint = f"{key!r} is {_a(other)} {other}: record it under `{SECTION.get(other, section)}`"
        else:
            hint = _known(f"{kind.split(' or ')[0]} ids are", known, key)
        self.add(
            (section, key),
            "unknown-reference",
            f"no {kind} {key!r} in plan {self.ids.plan_id!r}",
            hint=hint,
            on_key=True,
        )

    def future(self, path: ItemPath, day: date, what: str) -> bool:
        if day > self.today:
            self.add(path, "future-date", f"{what} {day} is in the future (today is {self.today})")
            return True
        return False

    def stale(self, path: ItemPath, day: date, what: str) -> None:
        days = (self.today - day).days
        if self.running and days > self.results.stale_after_days:
            self.add(
                path,
                "stale-result",
                f"{what} is {days} days old (as of {day})",
                hint=f"record a newer one: results older than {self.results.stale_after_days} days are stale "
                "(set `stale_after_days` to change that)",
                severity="warning",
            )

    # -- periods -----------------------------------------------------------------------------------

    def periods(self) -> None:
        first: dict[str, int] = {}
        for i, period in enumerate(self.results.periods):
            path: ItemPath = ("periods", i)
            if looks_like_calendar(period.id):
                self.add(
                    (*path, "id"),
                    "bad-period",
                    f"period id {period.id!r} reads as a calendar period",
                    hint="years, halves, quarters and months need no declaring; give this period another id",
                )
                continue
            if period.id in first:
                self.add(
                    (*path, "id"),
                    "duplicate-id",
                    f"duplicate period id {period.id!r}",
                    related=("periods", first[period.id]),
                )
                continue
            first[period.id] = i
            if period.end < period.start:
                self.add(
                    (*path, "end"),
                    "date-order",
                    f"period {period.id!r} ends ({period.end}) before it starts ({period.start})",
                )
                continue
            self.declared[period.id] = (period.start, period.end)
            self.inside_plan((*path, "start"), period.id, (period.start, period.end), on_key=False)

    def inside_plan(self, path: ItemPath, name: str, window: Span, on_key: bool = True) -> bool:
        start, end = self.ids.period
        if window[0] < start or window[1] > end:
            self.add(
                path,
                "outside-period",
                f"period {name!r} ({window[0]} to {window[1]}) is outside the period of plan "
                f"{self.ids.plan_id!r}, {start} to {end}",
                hint="results of another plan go in that plan's results file",
                on_key=on_key,
            )
            return False
        return True

    # -- indicators --------------------------------------------------------------------------------

    def indicator(self, key: str, ind: IndicatorResults) -> None:
        base: ItemPath = ("indicators", key)
        if key not in self.ids.indicators:
            self.unknown("indicators", key, "indicator", list(self.ids.indicators))
            return
        for path, value, what in _values(ind, base):
            self.fits(path, value, what, ind.measure)
        if ind.computed is not None:
            self.computed(base, key, ind)
        windows: dict[str, Span] = {}
        for name, result in ind.periods.items():
            ppath: ItemPath = (*base, "periods", name)
            window = span(name, self.declared)
            if window is None:
                close = _known("declared periods are", list(self.declared), name) if self.declared else None
                self.add(
                    ppath,
                    "unknown-period",
                    f"{name!r} is not a reporting period",
                    hint=close if close and close.startswith("did you") else f"name {FORMS}",
                    on_key=True,
                )
                continue
            if not self.inside_plan(ppath, name, window):
                continue
            if result.rating is not None and ind.measure != "qualitative":
                self.add(
                    (*ppath, "rating"),
                    "bad-value",
                    f"a rating is for qualitative indicators; {key} is a {ind.measure} indicator",
                    hint="its status comes from its figures: remove the rating",
                )
            if result.as_of is not None:
                if result.as_of < window[0]:
                    self.add(
                        (*ppath, "as_of"),
                        "as-of-before-period",
                        f"as of {result.as_of}, period {name!r} had not begun (it starts {window[0]}): "
                        "nothing could be known about it",
                        hint="check the as-of date, or the period",
                    )
                else:
                    self.future((*ppath, "as_of"), result.as_of, "the as-of date")
            if result.actual is not None:
                windows[name] = window
        if not ind.cumulative and ind.measure == "number" and ind.computed is None:
            self.overlapping(base, windows)
        self.direction(base, key, ind)
        latest = max(
            ((as_of_day(r, windows[n], self.today), n) for n, r in ind.periods.items() if n in windows),
            default=None,
        )
        if latest is not None:
            self.stale((*base, "periods", latest[1]), latest[0], f"the latest actual of {key} ({latest[1]})")

    def fits(self, path: ItemPath, value: Value, what: str, measure: str) -> None:
        if measure == "qualitative":
            if not isinstance(value, str):
                self.add(
                    path, "wrong-type", f"{what} must be a text for a qualitative indicator, found {short_repr(value)}"
                )
            return
        if isinstance(value, str):
            hint = "write the number without quotes" if _number(value) else None
            hint = hint or "write a number, or set `measure: qualitative`"
            self.add(
                path,
                "wrong-type",
                f"{what} must be a number for a {measure} indicator, found the text {short_repr(value)}",
                hint=hint,
            )
        elif measure == "percentage" and not 0 <= value <= 100:
            self.add(path, "bad-value", f"{what} is a percentage: between 0 and 100, not {value}")

    def computed(self, base: ItemPath, key: str, ind: IndicatorResults) -> None:
        assert ind.computed is not None
        if ind.measure != "number":
            self.add(
                (*base, "measure"),
                "bad-value",
                f"{key} is computed by counting countries: its measure is number, not {ind.measure}",
            )
        if not ind.computed.count:
            self.add(
                (*base, "computed", "count"),
                "bad-value",
                "`count` names no outcome to count",
                hint="e.g. count: joined",
            )
        of = ind.computed.of
        if of is not None and of not in self.ids.objectives and of not in self.ids.groups:
            known = [*self.ids.objectives, *self.ids.groups]
            self.add(
                (*base, "computed", "of"),
                "unknown-reference",
                f"no objective or target group {of!r} in plan {self.ids.plan_id!r}",
                hint=_known("ids are", known, of),
            )
        for name, result in ind.periods.items():
            if result.actual is not None:
                self.add(
                    (*base, "periods", name, "actual"),
                    "computed-and-typed",
                    f"{key} is computed (a count of target countries): its actuals are counted, not typed",
                    hint="remove this actual, or remove `computed` to type the figures yourself",
                )

    def overlapping(self, base: ItemPath, windows: dict[str, Span]) -> None:
        names = list(windows)
        for i, name in enumerate(names):
            other = next((o for o in names[:i] if overlap(windows[o], windows[name])), None)
            if other is not None:
                self.add(
                    (*base, "periods", name),
                    "overlapping-periods",
                    f"periods {other!r} and {name!r} overlap, and the actuals of a non-cumulative indicator "
                    "are added up",
                    hint="record periods that do not overlap, or set `cumulative: true` if each actual is the "
                    "total so far",
                    on_key=True,
                )

    def direction(self, base: ItemPath, key: str, ind: IndicatorResults) -> None:
        start = ind.baseline.value if ind.baseline is not None else None
        goal = ind.target
        if not (_is_number(start) and _is_number(goal)):
            return
        assert isinstance(start, (int, float)) and isinstance(goal, (int, float))
        wrong = goal < start if ind.direction == "ascending" else goal > start
        if wrong:
            self.add(
                (*base, "target"),
                "target-direction",
                f"the target {goal} of {key} is {'below' if goal < start else 'above'} its baseline {start}, "
                f"but the indicator is {ind.direction}",
                hint=f"check the figures, or set `direction: {_other_direction(ind.direction)}`",
                severity="warning",
            )

    # -- activities, countries, events, publications ----------------------------------------------

    def activities(self) -> None:
        known = {**self.ids.activities, **self.ids.actions}
        for key, result in self.results.activities.items():
            if key not in known:
                self.unknown("activities", key, "activity or action", list(known))
                continue
            path: ItemPath = ("activities", key, "as_of")
            if result.as_of is None:
                continue
            if result.as_of < self.ids.period[0]:
                self.add(
                    path,
                    "outside-period",
                    f"as of {result.as_of}, before plan {self.ids.plan_id!r} began ({self.ids.period[0]})",
                )
            elif not self.future(path, result.as_of, "the as-of date") and result.status not in FINAL_STATUSES:
                self.stale(path, result.as_of, f"the status of {key}")

    def countries(self) -> None:
        for gid, entries in self.results.countries.items():
            if gid not in self.ids.groups:
                self.unknown("countries", gid, "target group", list(self.ids.groups))
                continue
            objective, members = self.ids.groups[gid]
            seen: dict[str, str] = {}
            for name, result in entries.items():
                path: ItemPath = ("countries", gid, name)
                country = countries.resolve(name)
                code = country.code if country else name
                if code in seen:
                    self.add(
                        path,
                        "duplicate-country",
                        f"{short_repr(name)} is recorded twice here (as {short_repr(seen[code])} too)",
                        hint="remove one of the two",
                        on_key=True,
                    )
                    continue
                seen[code] = name
                if code not in members:
                    self.add(
                        path,
                        "not-a-target",
                        f"{short_repr(name)} is not a country of target group {gid!r}",
                        hint=self.elsewhere(code, objective, gid),
                        severity="warning",
                        on_key=True,
                    )
                if result.how is not None and result.outcome != "joined":
                    self.add(
                        (*path, "how"),
                        "bad-value",
                        f"`how` says how a country joined; the outcome here is {result.outcome}",
                        hint="remove `how`, or set `outcome: joined`",
                    )
                self.future((*path, "date"), result.date, "the date")

    def elsewhere(self, code: str, objective: str, gid: str) -> str:
        """Where else in the objective the country is a target, or what the group's countries are."""
        others = [g for g in self.ids.objectives.get(objective, ()) if g != gid and code in self.ids.groups[g][1]]
        if others:
            return f"it is in target group {others[0]!r}: record it there"
        names = list(self.ids.groups[gid][1].values())
        return "the group's countries are " + ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")

    def events(self) -> None:
        for key, result in self.results.events.items():
            if key not in self.ids.events:
                self.unknown("events", key, "event", list(self.ids.events))
                continue
            path: ItemPath = ("events", key)
            if result.date is not None and (result.start is not None or result.end is not None):
                self.add(path, "bad-value", "an event result has a `date` or a `start` and `end`, not both")
            elif (result.start is None) != (result.end is None):
                self.add(path, "bad-value", "a date range needs both `start` and `end`")
            elif result.start is not None and result.end is not None and result.end < result.start:
                self.add(
                    (*path, "end"), "date-order", f"event {key!r} ends ({result.end}) before it starts ({result.start})"
                )
            elif result.status == "held":
                first = result.date or result.start
                if first is not None:
                    self.future((*path, "date" if result.date else "start"), first, "held on")

    def publications(self) -> None:
        for key, result in self.results.publications.items():
            if key not in self.ids.publications:
                self.unknown("publications", key, "publication", sorted(self.ids.publications))
            elif result.status == "published" and result.date is not None:
                self.future(("publications", key, "date"), result.date, "published on")


def as_of_day(result: Any, window: Span, today: date) -> date:
    """The day a period's figures describe: its `as_of`, else the period's last day, or today while it runs."""
    if result.as_of is not None:
        return result.as_of  # type: ignore[no-any-return]
    return window[1] if window[1] < today else max(window[0], today)


def _values(ind: IndicatorResults, base: ItemPath) -> Iterator[tuple[ItemPath, Value, str]]:
    if ind.baseline is not None:
        yield (*base, "baseline", "value"), ind.baseline.value, "the baseline"
    if ind.target is not None:
        yield (*base, "target"), ind.target, "the target"
    for name, result in ind.periods.items():
        for field in ("target", "actual"):
            value = getattr(result, field)
            if value is not None:
                yield (*base, "periods", name, field), value, f"the {field} of {name}"


def _known(what: str, ids: list[str], wrong: str) -> str:
    """The plan checks' "did you mean" (or what the ids are), imported only when a hint is wanted."""
    from planctl.model.checks import _known as known

    return known(what, ids, wrong)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def _other_direction(direction: str) -> str:
    return "descending" if direction == "ascending" else "ascending"


def _a(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"

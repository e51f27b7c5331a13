"""Recording one fact in a results file (`planctl progress set`), through a comment-keeping round trip.

The fact is checked first exactly as `planctl validate` would check the file with it (the same
model, the same checks against the plan): a fact that would add a problem is refused, with that
problem's message. Then the file is rewritten with ruamel (every comment and value kept, only the
fact's lines new or changed), laid out as `planctl fmt` lays it out, and the result is proven: read
back, it must hold the old data with the fact in it and every old comment. Nothing is written here:
`Recording.text` is what to write.
"""

from __future__ import annotations

import contextlib
import copy
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from planctl.diagnostics import Problem
from planctl.errors import ExitCode, PlanInvalid, UsageError
from planctl.files.yaml import YamlError, parse_document, resolve_plain
from planctl.model.checks import _known
from planctl.model.periods import span
from planctl.model.results_checks import PlanIds, check_results, validate_results_data
from planctl.results.files import MODELINE

KINDS = "indicator, activity, action, target group, event or publication"
_NUMBER = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$(?!\n)")  # ASCII digits only


@dataclass(frozen=True)
class Request:
    """What `planctl progress set` was asked to record: the options as given (None: not given)."""

    period: str | None = None
    actual: str | None = None
    target: str | None = None
    measure: str | None = None
    rating: str | None = None
    as_of: date | None = None
    source: str | None = None
    comment: str | None = None
    status: str | None = None
    note: str | None = None
    country: str | None = None
    outcome: str | None = None
    date: date | None = None
    how: str | None = None
    url: str | None = None
    count: str | None = None  # an indicator counted from countries' outcomes: `computed: {count: ...}`

    def given(self) -> list[str]:
        return [name for name in self.__dataclass_fields__ if getattr(self, name) is not None]


# the options each kind of id takes
OPTIONS: dict[str, tuple[str, ...]] = {
    "indicator": ("period", "actual", "target", "measure", "rating", "as_of", "source", "comment", "count"),
    "activity": ("status", "as_of", "note"),
    "action": ("status", "as_of", "note"),
    "target group": ("country", "outcome", "date", "how", "source", "note"),
    "event": ("status", "date", "note"),
    "publication": ("status", "date", "url", "note"),
}


Entry = tuple[str, ...]  # where in a results file, keys as planctl reads them: ('activities', '1A.nc3')


@dataclass(frozen=True)
class Fact:
    """One fact: the fields set in each entry (in order; an entry is made if missing), and the fields
    dropped from the last one."""

    updates: tuple[tuple[Entry, dict[str, Any]], ...]
    drop: tuple[str, ...] = ()  # fields the fact makes wrong: `how` once the outcome is not `joined`
    summary: str = ""


@dataclass(frozen=True)
class Recording:
    """A results file with one more fact: its new text, and what a person should be told."""

    path: Path
    text: str
    created: bool
    summary: str
    relaid: bool = False  # lines besides the fact's changed too: the file was not in planctl's layout
    dropped: tuple[str, ...] = field(default_factory=tuple)


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _figure(text: str, qualitative: bool) -> Any:
    """A value given on the command line: a number where it reads as one (unless the indicator is
    qualitative), else the text, which the checks then judge."""
    if not qualitative and _NUMBER.match(text.strip()):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
    return text


def fact(ids: PlanIds, id_: str, request: Request, data: dict[Any, Any] | None, today: date) -> Fact:
    """The fact `request` asks to record about `id_`; UsageError for options that do not apply."""
    kind = ids.kind_of(id_)
    if kind is None or kind == "objective":
        raise _unknown_id(ids, id_, kind)
    given = request.given()
    wrong = [o for o in given if o not in OPTIONS[kind]]
    if wrong:
        raise UsageError(
            f"{_option(wrong[0])} does not apply to {id_}, {_a(kind)} {kind}",
            hint=f"{_a(kind).capitalize()} {kind} takes " + ", ".join(_option(o) for o in OPTIONS[kind]),
        )
    existing = data or {}
    if kind == "indicator":
        return _indicator_fact(ids, id_, request, existing, today)
    if kind == "target group":
        return _country_fact(id_, request, existing)
    fields = {name: getattr(request, name) for name in OPTIONS[kind] if getattr(request, name) is not None}
    if not fields:
        raise UsageError(f"nothing to record about {id_}", hint="give " + ", ".join(map(_option, OPTIONS[kind])))
    if kind in ("activity", "action") and "status" in fields and "as_of" not in fields:
        fields = {"status": fields["status"], "as_of": today, **{k: v for k, v in fields.items() if k != "status"}}
    section = {"activity": "activities", "action": "activities", "event": "events", "publication": "publications"}
    return Fact((((section[kind], id_), fields),), summary=f"{id_}: " + _listed(fields))


def _indicator_fact(ids: PlanIds, id_: str, request: Request, existing: dict[Any, Any], today: date) -> Fact:
    record = _get(_get(existing, "indicators"), id_)
    record = record if isinstance(record, dict) else {}
    measure = request.measure or record.get("measure") or "number"
    qualitative = measure == "qualitative"
    if request.period is not None and request.count is not None:
        raise UsageError("--count makes the whole indicator computed: give it without --period")
    if request.period is None:
        extra = [o for o in ("actual", "rating", "as_of", "source", "comment") if getattr(request, o) is not None]
        if extra:
            raise UsageError(f"{_option(extra[0])} is recorded for a period: give --period", hint="e.g. --period 2017")
        fields: dict[str, Any] = {}
        if request.measure is not None:
            fields["measure"] = request.measure
        if request.target is not None:
            fields["target"] = _figure(request.target, qualitative)
        if request.count is not None:
            fields["computed"] = {"count": request.count}
        if not fields:
            raise UsageError(f"nothing to record about {id_}", hint="give --period with --actual or --target")
        return Fact(((("indicators", id_), fields),), summary=f"{id_}: " + _listed(fields))
    fields = {}
    for name in ("target", "actual"):
        value = getattr(request, name)
        if value is not None:
            fields[name] = _figure(value, qualitative)
    for name in ("rating", "as_of", "source", "comment"):
        value = getattr(request, name)
        if value is not None:
            fields[name] = value
    if not fields:
        raise UsageError(f"nothing to record about {id_} in {request.period}", hint="give --actual or --target")
    declared = {p["id"]: (p["start"], p["end"]) for p in _periods(existing)}
    window = span(request.period, declared)
    if "actual" in fields and "as_of" not in fields and window is not None and today < window[1]:
        fields["as_of"] = today  # the period runs on: the figure is as of today, not of its end
    summary = f"{id_} {request.period}: " + _listed(fields)
    period: tuple[Entry, dict[str, Any]] = (("indicators", id_, "periods", request.period), fields)
    if request.measure is not None:  # the measure is the indicator's, not the period's
        return Fact(((("indicators", id_), {"measure": request.measure}), period), summary=f"{summary} ({measure})")
    return Fact((period,), summary=summary)


def _periods(existing: dict[Any, Any]) -> list[dict[str, Any]]:
    """The declared periods whose dates read well enough to place a period by them."""
    out = []
    for p in existing.get("periods") or []:
        if isinstance(p, dict) and isinstance(p.get("id"), str):
            try:
                out.append(
                    {
                        "id": p["id"],
                        "start": date.fromisoformat(str(p["start"])),
                        "end": date.fromisoformat(str(p["end"])),
                    }
                )
            except (KeyError, ValueError):
                continue
    return out


def _country_fact(id_: str, request: Request, existing: dict[Any, Any]) -> Fact:
    if request.country is None:
        raise UsageError(f"{id_} is a target group: say which country with --country", hint="e.g. --country Benin")
    from planctl.query.questions import resolve_country

    country = resolve_country(request.country)
    group = _get(_get(existing, "countries"), id_)
    name = request.country
    if isinstance(group, dict):  # the country may be recorded already, under another spelling
        from planctl.model import countries

        for key in group:
            found = countries.resolve(str(key))
            if found is not None and found.code == country.code:
                name = str(key)
    fields = {
        f: getattr(request, f) for f in ("outcome", "date", "how", "source", "note") if getattr(request, f) is not None
    }
    if not fields:
        raise UsageError(f"nothing to record about {name} in {id_}", hint="give --outcome and --date")
    drop: tuple[str, ...] = ()
    if request.outcome is not None and request.outcome != "joined" and request.how is None:
        drop = ("how",)
    return Fact(((("countries", id_, name), fields),), drop, summary=f"{name} ({id_}): " + _listed(fields))


def _unknown_id(ids: PlanIds, id_: str, kind: str | None) -> UsageError:
    if kind == "objective":
        own = [i for i, o in ids.indicators.items() if o == id_]
        return UsageError(
            f"{id_} is an objective: its progress is recorded through its indicators",
            hint=f"its indicators are {', '.join(own)}" if own else "it has no indicators",
        )
    known = [*ids.indicators, *ids.activities, *ids.actions, *ids.groups, *ids.events, *ids.publications]
    return UsageError(f"no {KINDS} with id {id_!r} in plan {ids.plan_id!r}", hint=_known("ids are", known, id_))


def _listed(fields: dict[str, Any]) -> str:
    """'actual 3, as of 2017-12-20': the fields of a fact in words."""
    return ", ".join(f"{k.replace('_', ' ')} {_listed(v) if isinstance(v, dict) else v}" for k, v in fields.items())


def _a(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _get(node: Any, key: str) -> Any:
    """`node[key]`, also where the file writes the key as a number (`2017:`)."""
    if not isinstance(node, dict):
        return None
    if key in node:
        return node[key]
    return next((v for k, v in node.items() if isinstance(k, int) and not isinstance(k, bool) and str(k) == key), None)


def _key_in(node: Any, key: str) -> Any:
    """The key of `node` that planctl reads as `key`, as the file writes it; None if there is none."""
    if key in node:
        return key
    return next((k for k in node if isinstance(k, int) and not isinstance(k, bool) and str(k) == key), None)


# --- applying a fact ------------------------------------------------------------------------------


def _apply_plain(data: dict[Any, Any], the_fact: Fact) -> dict[Any, Any]:
    """A copy of `data` with the fact in it, as planctl's loader would read the rewritten file."""
    out = copy.deepcopy(data)
    for n, (entry, fields) in enumerate(the_fact.updates):
        node = out
        for part in entry:
            key = _key_in(node, part)
            if key is None:
                key = part
            if not isinstance(node.get(key), dict):
                node[key] = {}
            node = node[key]
        if n == len(the_fact.updates) - 1:
            for name in the_fact.drop:
                node.pop(name, None)
        for name, value in fields.items():
            node[name] = value.isoformat() if isinstance(value, date) else value
    return out


def _errors(data: dict[Any, Any], ids: PlanIds, today: date) -> tuple[bool, list[Problem]]:
    """Whether the file's own fields are valid, and its errors (against the plan when they are)."""
    results, problems = validate_results_data(data)
    if results is None:
        return False, problems
    return True, [p for p in check_results(results, ids, today) if p.severity == "error"]


def record(path: Path, old_text: str | None, ids: PlanIds, id_: str, request: Request, today: date) -> Recording:
    """The results file at `path` (its text `old_text`; None: it does not exist yet) with the fact
    `request` asks for. Raises UsageError (nothing to write) when the fact does not fit."""
    data: dict[Any, Any] = {"plan": ids.plan_id}
    if old_text is not None:
        try:
            loaded = parse_document(old_text, positions=False).data
        except YamlError as e:
            raise PlanInvalid([e.diagnostic(str(path))], exit_code=ExitCode.USAGE) from None
        if not isinstance(loaded, dict) or _get(loaded, "plan") != ids.plan_id:
            raise UsageError(f"{path} is not the results file of plan {ids.plan_id!r}", hint="check its `plan:` line")
        data = loaded
    the_fact = fact(ids, id_, request, data, today)
    valid, before = _errors(data, ids, today)
    if not valid:
        raise UsageError(
            f"{path} has problems of its own; nothing was recorded",
            hint="fix them first: `planctl validate` lists them with their lines",
        )
    after_data = _apply_plain(data, the_fact)
    valid, after = _errors(after_data, ids, today)
    seen = {(p.path, p.code, p.message) for p in before}
    new = [p for p in after if (p.path, p.code, p.message) not in seen]
    if new:
        raise _refused(new[0])
    text, relaid = _rewrite(old_text, the_fact, ids.plan_id, after_data, path)
    entry: Any = data
    for part in the_fact.updates[-1][0]:
        entry = _get(entry, part)
    dropped = tuple(name for name in the_fact.drop if isinstance(entry, dict) and name in entry)
    return Recording(path, text, old_text is None, the_fact.summary, relaid, dropped)


def _refused(problem: Problem) -> UsageError:
    hint = problem.hint
    if problem.code == "missing-field" and problem.path:
        hint = f"give {_option(str(problem.path[-1]))}"
    return UsageError(f"{problem.message}; nothing was recorded", hint=hint)


def _rewrite(
    old_text: str | None, the_fact: Fact, plan_id: str, expected: dict[Any, Any], path: Path
) -> tuple[str, bool]:
    """The file's new text through ruamel's round trip and fmt's layout, proven to hold `expected` and
    every old comment."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from planctl.files.roundtrip import comment_texts, dump, rt_yaml
    from planctl.fmt import FormatRefused, first_difference, format_text

    try:
        if old_text is None:
            tree = CommentedMap()
            tree["plan"] = DoubleQuotedScalarString(plan_id)
        else:
            tree = rt_yaml().load(old_text)
        try:
            relaid = old_text is not None and format_text(old_text) != old_text
        except FormatRefused:
            relaid = True
        for n, (entry, fields) in enumerate(the_fact.updates):
            drop = the_fact.drop if n == len(the_fact.updates) - 1 else ()
            _put(tree, entry, fields, drop)
        text = dump(tree)
    except YAMLError as e:
        raise UsageError(
            f"{path} cannot be rewritten safely: {getattr(e, 'problem', None) or e}; nothing was recorded",
            hint="simplify the YAML around that place (anchors, complex keys), or record the fact by hand",
        ) from None
    if old_text is None:
        text = MODELINE + "\n" + text
    # fmt's layout: a new section in its place as the results model orders it, its comments with it;
    # should fmt refuse, ruamel's own layout, proven below like any other
    with contextlib.suppress(FormatRefused):
        text = format_text(text)
    after = parse_document(text, positions=False).data
    lost = comment_texts(old_text) - comment_texts(text) if old_text is not None else None
    where = first_difference(expected, after)
    if where is not None or lost:
        what = f"the comment {next(iter(lost))!r}" if lost else "the value at " + ".".join(map(str, where or ()))
        raise UsageError(
            f"{path} cannot be rewritten safely: {what} would not survive; nothing was recorded",
            hint="record the fact by hand (comments inside {...} or [...] cannot be kept by a rewrite)",
        )
    return text, relaid


def _put(tree: Any, entry: Entry, fields: dict[str, Any], drop: tuple[str, ...]) -> None:
    """Set `fields` in the entry at `entry` of a round-trip tree, dropping `drop`. A missing entry is built
    whole, then added: the comment lines that followed its new parent's last value stay after it."""
    from ruamel.yaml.comments import CommentedMap

    from planctl.files.roundtrip import add_key

    node = tree
    for i, part in enumerate(entry):
        key = _key_in(node, part)
        if key is None:
            built: Any = _node(fields)
            for outer in reversed(entry[i + 1 :]):
                wrapper = CommentedMap()
                wrapper[_written(outer)] = built
                built = wrapper
            add_key(node, _written(part), built)
            return
        if not isinstance(node[key], CommentedMap):
            node[key] = CommentedMap()
        node = node[key]
    for name in drop:
        if name in node:
            del node[name]
    for name, value in fields.items():
        if name in node:
            node[name] = _node(value)
        else:
            add_key(node, name, _node(value))


def _node(value: Any) -> Any:
    """A value as the round trip writes it: dates as ISO text, mappings in block style."""
    from ruamel.yaml.comments import CommentedMap

    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = _node(v)
        return node
    return value


def _written(key: str) -> Any:
    """A new key as YAML must write it for planctl to read it back as text: `"2017"`, quoted."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return key if isinstance(resolve_plain(key), str) else DoubleQuotedScalarString(key)

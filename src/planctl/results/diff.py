"""What changed between two versions of a results file, as the items of a plan diff (planctl.diff).

Entries are matched by the plan's ids (and countries by ISO code, so a respelling is no change); an
indicator's periods are compared figure by figure. The changes are `ItemDiff`s, so `planctl diff`
renders them as it renders a plan's: "~ indicator 1A.i1: 2017 actual: 2 → 3",
"+ country Benin: joined 27 Aug 2017 by ratification (target group 1A.g2)".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from planctl import dates
from planctl.diff import FieldChange, ItemDiff, Op, Ref, word_diff
from planctl.model import countries
from planctl.model.plan import Model
from planctl.model.results import CountryResult, IndicatorResults, PeriodResult, Results

SECTIONS = ("periods", "indicators", "activities", "countries", "events", "publications")
KIND = {
    "periods": "period",
    "indicators": "indicator",
    "activities": "activity",
    "countries": "country",
    "events": "event",
    "publications": "publication",
}


def diff_results(old: Results, new: Results) -> tuple[ItemDiff, ...]:
    """Every difference between two versions of a results file, in the file's order; empty when they agree."""
    out: list[ItemDiff] = []
    own = [
        _change(name, getattr(old, name), getattr(new, name))
        for name in ("plan", "stale_after_days")
        if getattr(old, name) != getattr(new, name)
    ]
    if own:
        out.append(ItemDiff("changed", "results", new.plan, None, "", (), tuple(own)))
    for si, section in enumerate(SECTIONS):
        for pos, (key, where, a, b) in enumerate(_pairs(section, old, new)):
            out += _item(section, key, where, a, b, (si, pos))
    return tuple(out)


def _pairs(section: str, old: Results, new: Results) -> Iterator[tuple[str, tuple[Ref, ...], Any, Any]]:
    """(id, where, old entry, new entry) for every entry in either version: the new ones first."""
    if section == "periods":
        a: Mapping[str, Any] = {p.id: p for p in old.periods}
        b: Mapping[str, Any] = {p.id: p for p in new.periods}
        yield from _matched(a, b, ())
        return
    if section != "countries":
        yield from _matched(getattr(old, section), getattr(new, section), ())
        return
    for group in dict.fromkeys([*new.countries, *old.countries]):
        where = (Ref("target group", group),)
        yield from _matched(_by_code(old.countries.get(group, {})), _by_code(new.countries.get(group, {})), where)


def _by_code(entries: Mapping[str, CountryResult]) -> dict[str, tuple[str, CountryResult]]:
    out: dict[str, tuple[str, CountryResult]] = {}
    for name, result in entries.items():
        country = countries.resolve(name)
        out.setdefault(country.code if country else name, (name, result))
    return out


def _matched(
    a: Mapping[str, Any], b: Mapping[str, Any], where: tuple[Ref, ...]
) -> Iterator[tuple[str, tuple[Ref, ...], Any, Any]]:
    for key in dict.fromkeys([*b, *a]):
        yield key, where, a.get(key), b.get(key)


def _item(section: str, key: str, where: tuple[Ref, ...], a: Any, b: Any, order: tuple[int, ...]) -> list[ItemDiff]:
    kind = KIND[section]
    name = key
    if section == "countries":  # keyed by ISO code; shown as the file writes the name
        name, a, b = (b or a)[0], a[1] if a else None, b[1] if b else None
    op: Op
    if a is None or b is None:
        op = "added" if a is None else "removed"
        data = {"text": _summary(section, b if b is not None else a, where)}
        return [
            ItemDiff(
                op,
                kind,
                name,
                None,
                section,
                where,
                old=data if b is None else None,
                new=data if a is None else None,
                order=order,
            )
        ]
    changes = _indicator_changes(a, b) if section == "indicators" else _model_changes(a, b)
    if not changes:
        return []
    return [ItemDiff("changed", kind, name, None, section, where, tuple(changes), order=order)]


def _model_changes(a: Model, b: Model, prefix: str = "") -> list[FieldChange]:
    out: list[FieldChange] = []
    for f in dataclasses.fields(a):  # type: ignore[arg-type]
        x, y = getattr(a, f.name), getattr(b, f.name)
        if x == y:
            continue
        if isinstance(x, Model) and isinstance(y, Model):
            out += _model_changes(x, y, f"{prefix}{f.name}.")
        else:
            out.append(_change(prefix + f.name, _plain(x), _plain(y)))
    return out


def _indicator_changes(a: IndicatorResults, b: IndicatorResults) -> list[FieldChange]:
    out: list[FieldChange] = []
    for f in dataclasses.fields(IndicatorResults):
        if f.name == "periods":
            continue
        x, y = getattr(a, f.name), getattr(b, f.name)
        if x != y:
            out += (
                _model_changes(x, y, f"{f.name}.")
                if isinstance(x, Model) and isinstance(y, Model)
                else [_change(f.name, _plain(x), _plain(y))]
            )
    for period in dict.fromkeys([*a.periods, *b.periods]):
        x, y = a.periods.get(period), b.periods.get(period)
        for f in dataclasses.fields(PeriodResult):
            old, new = getattr(x, f.name, None), getattr(y, f.name, None)
            if old != new:
                out.append(_change(f"{period} {f.name}", old, new))
    return out


def _change(name: str, old: Any, new: Any) -> FieldChange:
    prose = isinstance(old, str) and isinstance(new, str) and any(len(t.split(None, 1)) > 1 for t in (old, new))
    if prose:
        return FieldChange(name, "text", old, new, words=word_diff(old, new))
    return FieldChange(name, "value", old, new)


def _plain(value: Any) -> Any:
    """A nested model as one readable value, without the fields left at their default: 'count joined; of 1A'."""
    if isinstance(value, Model):
        parts = []
        for f in dataclasses.fields(value):  # type: ignore[arg-type]
            v = getattr(value, f.name)
            default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            if v not in (None, [], {}) and v != default:
                parts.append(
                    f"{f.name.replace('_', ' ')} {', '.join(map(str, v)) if isinstance(v, list) else _shown(v)}"
                )
        return ", ".join(parts)
    return value


def _shown(value: Any) -> str:
    return dates.day(value, short=True) if isinstance(value, date) else str(value)


def _summary(section: str, entry: Any, where: tuple[Ref, ...]) -> str:
    """What an added or removed entry says, in a line: 'joined 27 Aug 2017 by ratification (target group 1A.g2)'."""
    if section == "countries":
        text = f"{entry.outcome} {_shown(entry.date)}" + (f" by {entry.how}" if entry.how else "")
        return text + f" ({where[0].kind} {where[0].id})"
    if section == "indicators":
        parts = [_plain(dataclasses.replace(entry, periods={}))]
        parts += [f"{period}: {_plain(result)}" for period, result in entry.periods.items()]
        return "; ".join(p for p in parts if p)
    return str(_plain(entry))

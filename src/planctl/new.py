"""Next year's plan drafted from this year's (`planctl new`).

Everything is carried over as written (goals, objectives, indicators, targets, activities, prose,
comments) except: the plan's id and title take the new year, the period and every calendar date
move by the difference in years (29 February becomes 28 February), every calendar event is marked
`tentative: true` until someone confirms it, and the end-of-line comments on moved dates are dropped
(they explained the old dates). Ids of items stay as they are, so `planctl diff` can match them
from one year to the next.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.tag import Tag
from ruamel.yaml.tokens import CommentToken

from planctl.errors import PlanInvalid, UsageError
from planctl.files.yaml import parse_document, resolve_plain
from planctl.fmt import SCHEMA_LINE, FormatRefused, format_text
from planctl.model.plan import Plan
from planctl.model.types import ID_PATTERN

_DATE_FIELDS = ("date", "start", "end")
_NOT_PROSE = {"id", "date", "start", "end", "month", "key_dates", "implements", "category", "kind", "language"}


_STD = "tag:yaml.org,2002:"


class _CoreResolver(VersionedResolver):
    """YAML 1.2 core schema as `planctl.files.yaml.resolve_plain` has it: no timestamps, no merge keys."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            resolved = resolve_plain(value)
            if resolved is None:
                name = "null"
            elif isinstance(resolved, bool):
                name = "bool"
            elif isinstance(resolved, int):
                name = "int"
            elif isinstance(resolved, float):
                name = "float"
            else:
                name = "str"
            return Tag(suffix=_STD + name)
        return super().resolve(kind, value, implicit)


def _rt_yaml() -> YAML:
    """A round-trip YAML instance that reads plain scalars as planctl does and never folds a line."""
    yaml = YAML(typ="rt")
    yaml.Resolver = _CoreResolver
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = sys.maxsize
    yaml.allow_duplicate_keys = False
    return yaml


def _dump(tree: Any) -> str:
    """The edited tree in fmt's canonical layout (as ruamel writes it, should fmt refuse it)."""
    out = io.StringIO()
    _rt_yaml().dump(tree, out)
    text = out.getvalue()
    try:
        return format_text(text)
    except FormatRefused:
        return text


@dataclass(frozen=True)
class Draft:
    """A drafted plan: its YAML text and what a person should know about it."""

    text: str
    id: str
    title: str
    start: date
    end: date
    events_moved: int
    source_year: int
    mentions_of_source_year: int  # prose values that still name the source's year: to review
    to_review: tuple[Review, ...] = ()  # each of them, and each ordinal or anniversary, with its line


@dataclass(frozen=True)
class Review:
    """A text of the draft that may be wrong next year: where it is (1-based line) and why."""

    line: int
    text: str  # the text, shortened
    why: str  # 'mentions 2017', 'an ordinal: 7th Meeting', 'an anniversary: 20th Anniversary'


def shift_years(day: date, years: int) -> date:
    """The same day `years` later (or earlier); 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _check_years(plan: Plan, year: int, years: int) -> None:
    """Every date moved `years` must be one a date can have (years 1 to 9999). The period holds every
    other date: events lie within it, and a month-only event overlaps it."""
    start, end = plan.period.start.year + years, plan.period.end.year + years
    if end > MAXYEAR:
        latest = MAXYEAR - (plan.period.end.year - plan.period.start.year)
        raise UsageError(
            f"a plan for {year} would end in {end}, after {MAXYEAR}, the last year a date can have",
            hint=f"the latest year this plan can be drafted for is {latest}",
        )
    if start < MINYEAR:
        raise UsageError(
            f"a plan for {year} would start in year {start}, before year {MINYEAR}",
            hint=f"the earliest year a plan can be drafted for is {MINYEAR}",
        )


def _year_re(year: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!\d){year}(?!\d)")


def _like(old: Any, new: str) -> str:
    """`new` written in the quoting style of `old`; quoted if it would otherwise read as a number."""
    if isinstance(old, str) and type(old) is not str:
        return type(old)(new)
    return DoubleQuotedScalarString(new) if not isinstance(resolve_plain(new), str) else new


def _drop_end_of_line_comment(node: CommentedMap, key: str) -> None:
    entry = node.ca.items.get(key)
    token = entry[2] if entry is not None and len(entry) > 2 else None
    if not isinstance(token, CommentToken):
        return
    first, _, rest = token.value.partition("\n")
    if first.strip():
        entry[2] = CommentToken("\n" + rest, token.start_mark, None) if rest else None


def draft_next_year(
    text: str,
    plan: Plan,
    year: int,
    *,
    plan_id: str | None = None,
    title: str | None = None,
    source: Path | None = None,
    output: Path | None = None,
) -> Draft:
    """Draft the plan for `year` from a valid plan's text and model; raise UsageError or PlanInvalid."""
    source_year = plan.period.start.year
    years = year - source_year
    if years == 0:
        other = year + 1 if year < MAXYEAR else year - 1
        raise UsageError(f"plan {plan.id!r} already starts in {year}", hint=f"choose another year, e.g. --year {other}")
    _check_years(plan, year, years)
    same_year = _year_re(source_year)
    # the years of the period in the id and title move with it: strategy-2017-2021 becomes strategy-2022-2026
    period_years = re.compile(rf"(?<!\d)(?:{source_year}|{plan.period.end.year})(?!\d)")

    def years_moved(text: str) -> str | None:
        return period_years.sub(lambda m: str(int(m.group()) + years), text) if period_years.search(text) else None

    new_id = plan_id or years_moved(plan.id) or f"{plan.id}-{year}"
    if not re.match(ID_PATTERN, new_id):
        raise UsageError(f"{new_id!r} is not a plan id", hint="ids use letters, digits, '.', '_' and '-'")
    new_title = title or years_moved(plan.title) or f"{plan.title} ({year})"

    tree = _rt_yaml().load(text)
    assert isinstance(tree, CommentedMap)  # a valid plan is a mapping
    tree["id"] = _like(tree["id"], new_id)
    tree["title"] = _like(tree["title"], new_title)
    if "status" in tree:  # the new plan is a draft, whatever its source has become
        tree["status"] = "draft"
        tree.pop("status_date", None)

    def shift(node: CommentedMap, key: str) -> None:
        node[key] = _like(node[key], shift_years(date.fromisoformat(str(node[key])), years).isoformat())

    for key in ("start", "end"):
        shift(tree["period"], key)
    calendar = tree.get("calendar") or []
    for event in calendar:
        for key in _DATE_FIELDS:
            if key in event:
                shift(event, key)
                _drop_end_of_line_comment(event, key)
        if "month" in event:
            y, m = str(event["month"]).split("-")
            event["month"] = _like(event["month"], f"{int(y) + years:04d}-{m}")
            _drop_end_of_line_comment(event, "month")
        event["tentative"] = True
    out = _with_provenance(_dump(tree), plan, year, source, output)

    from planctl.validate import check_text

    result = check_text(out, str(output or f"<plan {new_id}>"))
    if not result.ok or result.plan is None:
        raise PlanInvalid(result.diagnostics)
    new = result.plan
    return Draft(
        out,
        new.id,
        new.title,
        new.period.start,
        new.period.end,
        len(calendar),
        source_year,
        _count_mentions(parse_document(out, positions=False).data, same_year),
        tuple(_to_review(out, same_year, source_year)),
    )


# 'the 7th Meeting', '20th Anniversary', 'Tenth Meeting of the States Parties': numbers that grow each year
_ORDINAL = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-\w+|thirtieth)"
    r"\s+(?:anniversary|meeting|session|conference|review conference|edition|annual)\b",
    re.IGNORECASE,
)


def _to_review(text: str, year: re.Pattern[str], source_year: int) -> Iterator[Review]:
    """Each prose value of the draft that names the source's year or an ordinal/anniversary, with its line."""
    parsed = parse_document(text, positions=True)
    source_map = parsed.source_map
    assert source_map is not None

    def walk(node: Any, path: tuple[Any, ...]) -> Iterator[Review]:
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in _NOT_PROSE:
                    yield from walk(v, (*path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from walk(v, (*path, i))
        elif isinstance(node, str):
            reasons = [f"mentions {source_year}"] if year.search(node) else []
            reasons += [f"says {m.group(0)!r}" for m in _ORDINAL.finditer(node)]
            if reasons:
                line = source_map.locate(path)[0]
                short = " ".join(node.split())
                yield Review(line, short if len(short) <= 60 else short[:59] + "…", "; ".join(reasons))

    yield from walk(parsed.data, ())


def _with_provenance(text: str, plan: Plan, year: int, source: Path | None, output: Path | None) -> str:
    lines = text.split("\n")
    at = 0
    if lines[0].startswith(SCHEMA_LINE):
        at = 1
        if source is not None and output is not None:
            lines[0] = _rebase_schema(lines[0], source, output)
    origin = f"{source}" if source is not None else f"plan {plan.id}"
    note = (
        f"# Drafted by `planctl new` from {origin} for {year}: calendar dates moved and marked tentative;"
        " review the prose, targets and dates."
    )
    lines.insert(at, note)
    return "\n".join(lines)


def _rebase_schema(line: str, source: Path, output: Path) -> str:
    """Keep a relative `$schema=` path pointing at the same file from the output's folder."""
    prefix, sep, target = line.partition("$schema=")
    target = target.strip()
    if not sep or "://" in target or os.path.isabs(target):
        return line
    schema = (source.resolve().parent / target).resolve()
    return prefix + sep + Path(os.path.relpath(schema, output.resolve().parent)).as_posix()


def _count_mentions(data: Any, year: re.Pattern[str], key: str | None = None) -> int:
    if isinstance(data, dict):
        return sum(_count_mentions(v, year, k) for k, v in data.items() if k not in _NOT_PROSE)
    if isinstance(data, list):
        return sum(_count_mentions(v, year, key) for v in data)
    return int(isinstance(data, str) and bool(year.search(data)))

"""A plan diff as text for the terminal (grouped by objective), Markdown for a pull request, or JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text

from planctl import dates
from planctl.diff import DiffReport, FieldChange, ItemDiff, PlanDiff, Ref
from planctl.model.types import month_bounds
from planctl.render.escape import json_document, markdown_code, markdown_text, one_line
from planctl.words import count

# A piece of a rendered line: (style, text). Styles: "" plain, "del", "ins", "id", "dim".
Seg = tuple[str, str]

SYMBOL = {"added": "+", "removed": "-", "changed": "~", "moved": "→"}
WHEN_FIELDS = ("date", "start", "end", "month", "tentative")
CONTEXT = 6  # words of unchanged text kept either side of a change in a word diff
LONG_ITEM = 60  # list items longer than this get a line each


@dataclass
class _Phrase:
    segs: list[Seg]
    block: bool = False  # a word diff: always on a line of its own


@dataclass
class _Entry:
    op: str
    head: list[Seg]
    phrases: list[_Phrase]


@dataclass
class _Group:
    title: str
    entries: list[_Entry] = field(default_factory=list)


# --- wording shared by text and markdown ----------------------------------------------------------


def _when(data: dict[str, Any]) -> str:
    """An event's date as people write it: '15 Dec 2017 (tbc)', '18–22 Dec 2017', 'Oct 2017'."""
    return dates.when(
        data.get("date"),
        data.get("start"),
        data.get("end"),
        data.get("month"),
        form="short",
        tentative=bool(data.get("tentative")),
    )


def _span(data: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    if data.get("date"):
        return data["date"], data["date"]
    if data.get("start") and data.get("end"):
        return data["start"], data["end"]
    if data.get("month"):
        return month_bounds(data["month"])
    return None


def _when_phrase(old: dict[str, Any], new: dict[str, Any]) -> str:
    a, b = _span(old), _span(new)
    if a == b and old.get("tentative") != new.get("tentative"):
        return f"confirmed for {_when(new)}" if old.get("tentative") else f"now tentative: {_when(new)}"
    if a is not None and b is not None and a != b and a[1] - a[0] == b[1] - b[0]:
        verb = "moved"
    elif old.get("start") and new.get("start"):
        verb = "range changed"
    else:
        verb = "dates changed"
    return f"{verb} {_when(old)} → {_when(new)}"


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return dates.day(value, short=True)
    if isinstance(value, dict):
        return _record(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value) or "(none)"
    return str(value)


def _record(data: dict[str, Any]) -> str:
    """A model without an id (a paragraph) in a line: '3. text'."""
    text = data.get("text") or data.get("title")
    if text is None:
        return "; ".join(f"{k}: {_value(v)}" for k, v in data.items() if v not in (None, [], ""))
    number = data.get("number")
    return f"{number}. {text}" if number is not None else str(text)


def _label(name: str) -> str:
    return name.replace("_", " ")


def _words(ops: tuple[tuple[str, str], ...]) -> list[Seg]:
    """A word diff with long unchanged stretches cut down to CONTEXT words either side of a change."""
    segs: list[Seg] = []
    last = len(ops) - 1
    for i, (op, text) in enumerate(ops):
        if op != "=":
            segs.append(("del" if op == "-" else "ins", text))
            continue
        words = text.split(" ")
        first_part, last_part = i == 0, i == last
        if first_part and last_part:
            segs.append(("", text))
        elif first_part and len(words) > CONTEXT:
            segs.append(("", "… " + " ".join(words[-CONTEXT:])))
        elif last_part and len(words) > CONTEXT:
            segs.append(("", " ".join(words[:CONTEXT]) + " …"))
        elif not first_part and not last_part and len(words) > 2 * CONTEXT:
            segs.append(("", " ".join(words[:CONTEXT]) + " … " + " ".join(words[-CONTEXT:])))
        else:
            segs.append(("", text))
    if segs and all(style == "" for style, _ in segs):
        return [("dim", "only spacing or line breaks changed")]
    out: list[Seg] = []
    for j, seg in enumerate(segs):
        if j:
            out.append(("", " "))
        out.append(seg)
    return out


def _place(where: tuple[Ref, ...], top: str) -> str:
    return f"{where[-1].kind} {where[-1].id}" if where else f"the plan's {_label(top)}"


def _field_phrases(item: ItemDiff, c: FieldChange) -> list[_Phrase]:
    label = _label(c.field)
    if c.field == "category" and item.op == "moved":
        return [_Phrase([("", f"moved from category {_value(c.old)} to {_value(c.new)}")])]
    if c.words:
        return [_Phrase([("", f"{label}: "), *_words(c.words)], block=True)]
    if c.shape in ("value", "text"):
        return [_Phrase([("", f"{label}: {_value(c.old)} → {_value(c.new)}")])]
    parts = [("added", c.added), ("removed", c.removed)]
    if any(len(_value(v)) > LONG_ITEM for _, values in parts for v in values):
        return [
            _Phrase([("", f"{label}: {verb} "), ("ins" if verb == "added" else "del", _value(v))], block=True)
            for verb, values in parts
            for v in values
        ]
    segs: list[Seg] = [("", f"{label}: ")]
    for verb, values in parts:
        if values:
            if len(segs) > 1:
                segs.append(("", "; "))
            segs += [("", f"{verb} "), ("ins" if verb == "added" else "del", ", ".join(_value(v) for v in values))]
    return [_Phrase(segs)]


def _content_phrases(data: dict[str, Any], kind: str) -> list[_Phrase]:
    """What an added or removed item says, beyond its title."""
    out: list[_Phrase] = []
    if kind == "event" and "title" in data:  # a plan's event (a results file's says what became of it)
        out.append(_Phrase([("", _when(data) + (f", {data['location']}" if data.get("location") else ""))]))
    elif "title" not in data and isinstance(data.get("text"), str):
        out.append(_Phrase([("", data["text"])]))
    if data.get("countries"):
        out.append(_Phrase([("", "countries: " + ", ".join(data["countries"]))]))
    return out


def _entry(item: ItemDiff) -> _Entry:
    data = item.new if item.new is not None else item.old or {}
    head: list[Seg] = [("", f"{item.kind} "), ("id", item.id)]
    if "title" in data and item.title:
        head.append(("", f" “{item.title}”"))
    if item.op in ("added", "removed"):
        return _Entry(item.op, head, _content_phrases(data, item.kind))
    phrases: list[_Phrase] = []
    if item.moved_from is not None:
        phrases.append(
            _Phrase([("", f"moved from {_place(item.moved_from, item.top)} to {_place(item.where, item.top)}")])
        )
    fields = list(item.fields)
    if item.kind == "event" and any(c.field in WHEN_FIELDS for c in fields):
        assert item.old is not None and item.new is not None
        phrases.append(_Phrase([("", _when_phrase(item.old, item.new))]))
        fields = [c for c in fields if c.field not in WHEN_FIELDS]
    for c in fields:
        phrases += _field_phrases(item, c)
    return _Entry(item.op, head, phrases)


def _groups(plan: PlanDiff) -> list[_Group]:
    """Items under their objective (or goal, or the plan's list they belong to), in document order."""
    groups: dict[tuple[str, str], _Group] = {}
    for item in plan.items:
        chain = (*item.where, Ref(item.kind, item.id, item.title))
        objective = next((r for r in reversed(chain) if r.kind == "objective"), None)
        goal = next((r for r in chain if r.kind == "goal"), None)
        anchor = objective or goal
        if anchor is not None:
            key = (anchor.kind, anchor.id)
            title = f"{anchor.kind.capitalize()} {anchor.id}" + (f": {anchor.title}" if anchor.title else "")
        elif item.kind == "plan":
            key, title = ("plan", ""), "Plan"
        else:
            key, title = ("top", item.top), _label(item.top).capitalize()
        groups.setdefault(key, _Group(title)).entries.append(_entry(item))
    return list(groups.values())


def _plan_line(plan: PlanDiff) -> str:
    name = f"plan {plan.plan_id}" if plan.plan_id else "plan"
    if plan.status == "added":
        return f"{name}: added {plan.new_name}" + (f" “{plan.title}”" if plan.title else "")
    if plan.status == "deleted":
        return f"{name}: deleted {plan.old_name}" + (f" “{plan.title}”" if plan.title else "")
    return f"{name}: {plan.old_name} → {plan.new_name}" + ("" if plan.items else ": no differences")


def summary(report: DiffReport) -> str:
    counts = report.counts()
    total = sum(counts.values())
    files_added = sum(p.status == "added" for p in report.plans)
    files_deleted = sum(p.status == "deleted" for p in report.plans)
    if not report.changed:
        if not report.plans and report.since is not None:
            return f"No plan files changed since {report.since}."
        return "No differences."
    parts = []
    if total:
        with_items = sum(1 for p in report.plans if p.items)
        where = f" in {with_items} plans" if with_items > 1 else ""
        detail = ", ".join(f"{n} {op}" for op, n in counts.items() if n)
        parts.append(f"{count(total, 'change')}{where}: {detail}")
    for n, verb in ((files_added, "added"), (files_deleted, "deleted")):
        if n:
            parts.append(f"{count(n, 'plan file')} {verb}")
    return "; ".join(parts) + "."


# --- text -----------------------------------------------------------------------------------------

_TEXT_STYLE = {"": "", "del": "red", "ins": "green", "id": "bold", "dim": "dim"}
_OP_STYLE = {"added": "green", "removed": "red", "changed": "yellow", "moved": "cyan"}


def _text_segs(out: Text, segs: list[Seg]) -> None:
    for style, text in segs:
        clean = one_line(text)
        if style == "del":
            out.append(f"[-{clean}-]", style="red")
        elif style == "ins":
            out.append(f"{{+{clean}+}}", style="green")
        else:
            out.append(clean, style=_TEXT_STYLE[style])


def text(report: DiffReport) -> Text:
    """For the terminal: each plan, its changes grouped by objective, then a summary.

    Word diffs mark removed words [-like this-] and added ones {+like this+}, as `git diff --word-diff` does.
    """
    out = Text()
    for plan in report.plans:
        if not plan.changed and report.since is None:
            continue
        out.append(one_line(_plan_line(plan)) + "\n", style="bold")
        for group in _groups(plan):
            out.append("\n" + one_line(group.title) + "\n", style="bold")
            for entry in group.entries:
                out.append(f"  {SYMBOL[entry.op]} ", style=_OP_STYLE[entry.op])
                _text_segs(out, entry.head)
                inline = len(entry.phrases) == 1 and not entry.phrases[0].block
                for phrase in entry.phrases:
                    out.append(": " if inline else "\n      ")
                    _text_segs(out, phrase.segs)
                out.append("\n")
        out.append("\n")
    out.append(summary(report) + "\n", style="bold")
    return out


# --- markdown -------------------------------------------------------------------------------------


def _md(text: str, *, starts_line: bool = False) -> str:
    return markdown_text(text, starts_line=starts_line).replace("\n", " ")


def _md_segs(segs: list[Seg]) -> str:
    out = []
    for style, text in segs:
        if style == "del":
            out.append(f"~~{_md(text)}~~")
        elif style == "ins":
            out.append(f"**{_md(text)}**")
        elif style == "id":
            out.append(markdown_code(text))
        elif style == "dim":
            out.append(f"_{_md(text)}_")
        else:
            out.append(_md(text))
    return "".join(out)


def markdown(report: DiffReport) -> str:
    """For a pull-request comment or a CI job summary: a heading per plan, a list per objective."""
    lines = ["## Plan changes", "", _md(summary(report), starts_line=True), ""]
    for plan in report.plans:
        if not plan.changed and report.since is None:
            continue
        name = f"Plan {_md(plan.plan_id)}" if plan.plan_id else "Plan"
        if plan.status == "modified":
            heading = f"{name}: {markdown_code(plan.old_name or '')} → {markdown_code(plan.new_name or '')}"
        else:
            path = plan.new_name if plan.status == "added" else plan.old_name
            title = f" “{_md(plan.title)}”" if plan.title else ""
            heading = f"{name}: {plan.status} {markdown_code(path or '')}{title}"
        lines += [f"### {heading}", ""]
        if plan.status == "modified" and not plan.items:
            lines += ["No differences.", ""]
        for group in _groups(plan):
            lines += [f"#### {_md(group.title)}", ""]
            for entry in group.entries:
                line = f"- **{entry.op}** {_md_segs(entry.head)}"
                inline = len(entry.phrases) == 1 and not entry.phrases[0].block
                if inline:
                    lines.append(f"{line}: {_md_segs(entry.phrases[0].segs)}")
                    continue
                lines.append(line)
                lines += [f"  - {_md_segs(p.segs)}" for p in entry.phrases]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# --- json -----------------------------------------------------------------------------------------


def _ref(r: Ref) -> dict[str, Any]:
    return {"kind": r.kind, "id": r.id}


def _json_item(item: ItemDiff) -> dict[str, Any]:
    return {
        "op": item.op,
        "kind": item.kind,
        "id": item.id,
        "title": item.title,
        "under": item.top or None,
        "where": [_ref(r) for r in item.where],
        "moved_from": [_ref(r) for r in item.moved_from] if item.moved_from is not None else None,
        "fields": [
            {
                "field": c.field,
                "shape": c.shape,
                "old": c.old,
                "new": c.new,
                "added": c.added,
                "removed": c.removed,
                "words": [list(w) for w in c.words],
            }
            for c in item.fields
        ],
        "old": item.old,
        "new": item.new,
    }


def to_json(report: DiffReport) -> str:
    """One object: `changed`, `since`, `summary` (items by operation) and `plans`, each with its `changes`."""
    payload = {
        "changed": report.changed,
        "since": report.since,
        "summary": report.counts(),
        "plans": [
            {
                "plan": p.plan_id,
                "title": p.title,
                "status": p.status,
                "old": p.old_name,
                "new": p.new_name,
                "changes": [_json_item(i) for i in p.items],
            }
            for p in report.plans
        ],
    }
    return json_document(payload)


RENDERERS: dict[str, Callable[[DiffReport], Text | str]] = {
    "text": text,
    "markdown": markdown,
    "json": to_json,
}

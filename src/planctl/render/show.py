"""`planctl show`: a plan, or some of its objectives, as a readable view for the terminal.

It renders the document `planctl.document.build` makes (the one `planctl render` prints), in a
compact form: the plan's header, vision, mission and goals with their objectives, actions and
resolutions; ids, numbers and dates set in a margin beside what they label; a line of facts under
each objective in place of the document's fields. All plan text goes through `safe()` into rich
`Text` objects, never into markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from planctl.document import Block, Document, Item, ItemList, Para, Section, Span
from planctl.query.questions import ObjectiveRef
from planctl.render.escape import safe
from planctl.words import count

INDENT = 2
STYLE = {"plain": "", "strong": "bold", "em": "italic", "meta": "dim"}


def _t(text: str, style: str = "") -> Text:
    return Text(safe(text), style=style)


def _spans(spans: Iterable[Span], style: str | None = None) -> Text:
    """Spans in their styles, or all in `style`."""
    text = Text()
    for s in spans:
        text.append(safe(s.text), style=STYLE[s.style] if style is None else style)
    return text


def _plain(spans: Iterable[Span]) -> str:
    return "".join(s.text for s in spans)


def _indent(renderable: RenderableType, level: int = 1) -> Padding:
    return Padding(renderable, (0, 0, 0, INDENT * level))


def _heading(text: str, style: str = "bold") -> Text:
    return _t(text, style)


def _labelled(rows: Iterable[tuple[str, RenderableType]]) -> Table:
    """Two columns: a short label (id, bullet, date) and text that wraps with a hanging indent."""
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for label, text in rows:
        grid.add_row(_t(label, "bold"), text)
    return grid


# -- blocks ----------------------------------------------------------------------------------------


def _is_prose(block: Block) -> bool:
    """Paragraphs and the lists written in them, as opposed to lists of things with ids or numbers."""
    if isinstance(block, Para):
        return block.label is None
    return isinstance(block, ItemList) and block.intro is None and not any(i.label for i in block.items)


def _block(block: Block) -> RenderableType:
    if isinstance(block, Para):
        if block.label is None:
            return _spans(block.spans)
        text = Text()
        if block.lead is not None:  # a target group: why, then which countries
            text.append(safe(block.lead) + "\n")
        text.append_text(_spans(block.spans))
        return _labelled([(block.label, text)])
    if isinstance(block, ItemList):
        return _list(block)
    return Group()  # fields and sections are shown by the views below, each in its place


def _list(block: ItemList) -> RenderableType:
    """Labelled items beside their labels; a numbered list from prose as it was written; bullets."""
    if any(i.label for i in block.items) or not block.numbered:
        return _labelled((i.label or ("" if block.key_dates else "•"), _item(i)) for i in block.items)
    return _t("\n".join(f"{i.number}. {_plain(i.text)}" for i in block.items))


def _item(item: Item) -> RenderableType:
    """An item's text, then its key dates, its facts ('Countries: ...') and the items under it."""
    parts: list[RenderableType] = [_spans(item.text)]
    lists = [b for b in item.children if isinstance(b, ItemList)]
    for dates in (b for b in lists if b.key_dates):
        if not _plain(item.text).rstrip().endswith(":"):
            parts.append(Text("Key dates:", style="dim"))
        parts.append(_list(dates))
    for label, value in item.facts:
        fact = Text(f"{label}: ", style="dim")
        fact.append(safe(value), style="")
        parts.append(fact)
    for b in (b for b in lists if not b.key_dates):
        if b.intro is not None:
            parts.append(_spans(b.intro.spans, "dim"))
        parts.append(_list(b))
    return parts[0] if len(parts) == 1 else Group(*parts)


def _prose(blocks: Iterable[Block]) -> Group:
    """Paragraphs and lists with a blank line between them."""
    out: list[RenderableType] = []
    for i, block in enumerate(blocks):
        if i:
            out.append(Text(""))
        out.append(_block(block))
    return Group(*out)


# -- views -----------------------------------------------------------------------------------------


def _header(doc: Document, source: str | None = None) -> RenderableType:
    facts = [*doc.facts, f"plan {doc.id}" + (f" ({source})" if source else "")]
    return Group(_heading(doc.title, "bold underline"), _t(" · ".join(facts), "dim"))


def _objective(section: Section) -> RenderableType:
    """One objective: heading, facts, then its indicators, targets, strategy and activities."""
    parts: list[RenderableType] = [_labelled([(section.label or "", _t(section.name or section.title, "bold"))])]
    parts.append(_indent(_t(" · ".join(section.facts), "dim")))
    for part in (b for b in section.blocks if isinstance(b, Section)):
        if part.kind == "targets":  # short texts, one to a line
            content: RenderableType = Group(*(_block(b) for b in part.blocks))
        elif part.kind == "activities":
            content = _activities(part)
        else:
            content = _prose(part.blocks)
        parts += [Text(""), _indent(_heading(part.title)), _indent(content, 2)]
    return Group(*parts)


def _activities(part: Section) -> Group:
    """Activities under their category's heading, sub-activities nested."""
    out: list[RenderableType] = []
    for i, block in enumerate(part.blocks):
        if i:
            out.append(Text(""))
        if isinstance(block, Section):
            out.append(_heading(block.title, "bold italic"))
            out += [_indent(_list(b)) for b in block.blocks if isinstance(b, ItemList)]
        else:
            out.append(_block(block))
    return Group(*out)


def _actions(run: ItemList) -> list[RenderableType]:
    """A run of actions under whom they address: 'All States Parties will:'."""
    assert run.intro is not None
    out: list[RenderableType] = [_indent(_spans(run.intro.spans, "italic"), 2)]
    return out + [_indent(_list(ItemList([item])), 3) for item in run.items]


def _goal(goal: Section) -> list[RenderableType]:
    """A goal's text, its resolutions and its actions by topic; its objectives follow, each in full."""
    out: list[RenderableType] = []
    text: list[Block] = []
    actions = False
    for block in [*goal.blocks, None]:
        if block is not None and _is_prose(block):
            text.append(block)
            continue
        if text:
            out += [_indent(_prose(text)), Text("")]
            text = []
        if isinstance(block, ItemList) and block.intro is None:  # resolutions
            out += [_indent(_list(block)), Text("")]
        elif isinstance(block, ItemList):
            out += _actions(block)
            actions = True
        elif isinstance(block, Section) and block.kind == "topic":
            out.append(_indent(_heading(block.title, "bold italic")))
            for run in block.blocks:
                assert isinstance(run, ItemList)
                out += _actions(run)
            actions = True
    if actions:
        out.append(Text(""))
    for objective in goal.parts("objective"):
        out += [_objective(objective), Text("")]
    return out


def _count(section: Section) -> int:
    """The items listed in a section and its sub-sections (not the items under them)."""
    return sum(
        len(b.items) if isinstance(b, ItemList) else _count(b) if isinstance(b, Section) else 0 for b in section.blocks
    )


def _also(doc: Document) -> str | None:
    """What the view leaves out: 'Also in this plan: 24 calendar events (planctl calendar); ...'."""

    def items(kind: str) -> int:
        return sum(_count(s) for s in doc.sections if s.kind == kind)

    more = [
        f"{count(n, what)} (planctl {command})"
        for n, what, command in (
            (items("calendar"), "calendar event", "calendar"),
            (items("publications"), "publication", "publications"),
        )
        if n
    ]
    prose = sum(s.kind == "prose" for s in doc.sections)
    if prose:
        more.append(f"{count(prose, 'section')} of prose")
    return "Also in this plan: " + "; ".join(more) + "." if more else None


def document_view(doc: Document, source: str | None = None) -> RenderableType:
    """The whole plan: header, vision and mission, goals with their objectives, actions and resolutions."""
    parts: list[RenderableType] = [_header(doc, source), Text("")]
    for section in doc.sections:
        if section.kind in ("vision", "mission"):
            parts += [_heading(section.title), _indent(_prose(section.blocks)), Text("")]
        elif section.kind == "goal":
            parts += [_goal_heading(section), Text("")]
            parts += _goal(section)
    also = _also(doc)
    if also:
        parts.append(_t(also, "dim"))
    return Group(*parts)


def _goal_heading(section: Section) -> RenderableType:
    return _heading(f"Goal {section.label} — {section.name}", "bold underline")


def goals_view(
    goals: Sequence[tuple[str, str]], documents: Mapping[str, Document], sources: Mapping[str, str]
) -> RenderableType:
    """Some goals (sections of an action plan) in full, under their plan's header: `goals` are (plan id,
    goal id) pairs; `documents` and `sources` the plans' documents and files, by plan id."""
    parts: list[RenderableType] = []
    for plan_id, goal_id in goals:
        doc = documents[plan_id]
        if parts:
            parts.append(Text(""))
        section = next(s for s in doc.sections if s.kind == "goal" and s.label == goal_id)
        parts += [_header(doc, sources.get(plan_id)), Text(""), _goal_heading(section), Text(""), *_goal(section)]
    return Group(*parts)


def _objective_section(doc: Document, ref: ObjectiveRef) -> Section:
    goal = next(s for s in doc.sections if s.kind == "goal" and s.label == ref.goal.id)
    return next(o for o in goal.parts("objective") if o.label == ref.objective.id)


def objectives_view(
    refs: Sequence[ObjectiveRef], documents: Mapping[str, Document], sources: Mapping[str, str]
) -> RenderableType:
    """Some objectives, under the header of the plan each belongs to (`documents` and `sources`: the
    plans' documents and files, by plan id)."""
    parts: list[RenderableType] = []
    shown: str | None = None
    for ref in refs:
        doc = documents[ref.plan.id]
        if ref.plan.id != shown:
            if parts:
                parts.append(Text(""))
            parts += [_header(doc, sources.get(doc.id)), Text("")]
            shown = ref.plan.id
        parts += [_objective(_objective_section(doc, ref)), Text("")]
    return Group(*parts)

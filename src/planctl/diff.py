"""What changed between two versions of a plan: items matched by id, compared field by field.

The walk is generic over the models, so a field added to the model later is diffed
without new code:

- a list of models that have an `id` holds *items*: they are matched by (kind, id) across the
  whole plan, so reordering is no change and an item found under another parent is a move;
- a nested model without an id (`targets`, `period`) is compared field by field;
- a list of models without an id (paragraphs) is matched by `number` where there is one, else by content;
- a list of plain values (`key_dates`, `rules`) is compared as a multiset: order is no change;
- a `countries` list is compared by ISO 3166-1 code, so respelling 'Laos' as 'Lao PDR' is no change;
- a change of an item's `category` makes it a move too.

Cost is linear in the size of the plans (dict lookups by id); word diffs run on changed text only.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from planctl.model import countries
from planctl.model.plan import Model, dump, fields_of, is_model, per_model
from planctl.model.types import unwrap

__all__ = [
    "COUNTRY_FIELDS",
    "MOVE_FIELDS",
    "DiffReport",
    "FieldChange",
    "ItemDiff",
    "PlanDiff",
    "Ref",
    "diff_plans",
    "word_diff",
]

Op = Literal["added", "removed", "changed", "moved"]
Shape = Literal["value", "text", "set"]
FileStatus = Literal["modified", "added", "deleted"]
WordOp = tuple[Literal["=", "-", "+"], str]

COUNTRY_FIELDS = frozenset({"countries"})  # lists of country names, compared by ISO code
MOVE_FIELDS = frozenset({"category"})  # fields that place an item in a group: changing one is a move


@dataclass(frozen=True)
class Ref:
    """An item of a plan as the reader knows it: 'objective 1A', with its title (or text)."""

    kind: str
    id: str
    title: str | None = None


@dataclass(frozen=True)
class FieldChange:
    """One field of an item that differs.

    `shape` says how to read it: "value" (old → new), "text" (old → new plus `words`, a word diff)
    or "set" (a list whose order does not matter: `added` and `removed` items; `words` when exactly
    one text item was reworded).
    """

    field: str  # dotted below nested models: "targets.rules", "resolutions[3].text"
    shape: Shape
    old: Any = None
    new: Any = None
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()
    words: tuple[WordOp, ...] = ()


@dataclass(frozen=True)
class ItemDiff:
    """An item added, removed, changed or moved. `kind` "plan" is the plan's own fields (metadata)."""

    op: Op
    kind: str
    id: str
    title: str | None
    top: str  # the plan field the item lives under ("goals", "calendar"); "" for the plan itself
    where: tuple[Ref, ...]  # ancestors, outermost first: in the new plan, or the old one for a removal
    fields: tuple[FieldChange, ...] = ()
    moved_from: tuple[Ref, ...] | None = None  # ancestors in the old plan, when the parent changed
    old: dict[str, Any] | None = None  # the item's own data (without its child items), None when added
    new: dict[str, Any] | None = None
    order: tuple[int, ...] = ()  # position in the plan, for document order


@dataclass(frozen=True)
class PlanDiff:
    """The differences between two versions of one plan file (or its addition or deletion)."""

    old_name: str | None  # None when the plan file was added
    new_name: str | None  # None when it was deleted
    plan_id: str | None
    title: str | None
    items: tuple[ItemDiff, ...] = ()

    @property
    def status(self) -> FileStatus:
        if self.old_name is None:
            return "added"
        if self.new_name is None:
            return "deleted"
        return "modified"

    @property
    def changed(self) -> bool:
        return self.status != "modified" or bool(self.items)


@dataclass(frozen=True)
class DiffReport:
    """Every plan compared by one `planctl diff`; `since` is the revision of `--since`, if given."""

    plans: tuple[PlanDiff, ...]
    since: str | None = None

    @property
    def changed(self) -> bool:
        return any(p.changed for p in self.plans)

    def counts(self) -> dict[str, int]:
        return counts(i for p in self.plans for i in p.items)


# --- the shape of the models ----------------------------------------------------------------------

FieldShape = Literal["items", "records", "model", "countries", "set", "value"]


@dataclass(frozen=True)
class _Field:
    name: str
    shape: FieldShape


@per_model
def _fields(cls: type[Model]) -> tuple[_Field, ...]:
    out = []
    for name, spec in fields_of(cls).items():
        annotation = unwrap(spec.annotation)
        shape: FieldShape
        if typing.get_origin(annotation) is list:
            (arg,) = typing.get_args(annotation)
            arg = unwrap(arg)
            if is_model(arg):
                shape = "items" if "id" in fields_of(arg) else "records"
            else:
                shape = "countries" if name in COUNTRY_FIELDS else "set"
        elif is_model(annotation):
            shape = "model"
        else:
            shape = "value"
        out.append(_Field(name, shape))
    return tuple(out)


@per_model
def kind_of(cls: type[Model]) -> str:
    """'target group' for TargetGroup: how an item's kind reads in messages and JSON."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()


def _title(item: Model) -> str | None:
    for name in ("title", "text"):
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    return None


# --- indexing: every item by (kind, id) -----------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    item: Model
    ref: Ref
    where: tuple[Ref, ...]
    container: str  # the field of the parent holding the item: "activities", "targets.groups"
    top: str
    order: tuple[int, ...]

    @property
    def parent(self) -> tuple[tuple[str, str] | None, str]:
        last = self.where[-1] if self.where else None
        return ((last.kind, last.id) if last else None, self.container)


def _index(plan: Model) -> dict[tuple[str, str], _Entry]:
    out: dict[tuple[str, str], _Entry] = {}
    _walk(plan, (), "", "", (), out)
    return out


def _walk(
    model: Model,
    where: tuple[Ref, ...],
    prefix: str,
    top: str,
    order: tuple[int, ...],
    out: dict[tuple[str, str], _Entry],
) -> None:
    for fi, f in enumerate(_fields(type(model))):
        value = getattr(model, f.name)
        if f.shape == "items":
            for i, item in enumerate(value):
                cls: type[Model] = type(item)
                kind = kind_of(cls)
                ref = Ref(kind, item.id, _title(item))
                key = (kind, item.id)
                n = 1
                while key in out:  # a duplicate id (an invalid plan): keep both, apart
                    n += 1
                    key = (kind, f"{item.id}#{n}")
                pos = (*order, fi, i)
                out[key] = _Entry(item, ref, where, prefix + f.name, top or f.name, pos)
                _walk(item, (*where, ref), "", top or f.name, pos, out)
        elif f.shape == "model" and value is not None:
            _walk(value, where, f"{prefix}{f.name}.", top or f.name, (*order, fi), out)


# --- comparing ------------------------------------------------------------------------------------


def diff_plans(old: Model, new: Model) -> tuple[ItemDiff, ...]:
    """Every difference between two versions of a plan, in document order; empty when they agree."""
    out: list[ItemDiff] = []
    own = _changes(old, new, root=True)
    if own:
        out.append(
            ItemDiff(
                "changed",
                kind_of(type(new)),
                str(getattr(new, "id", "")),
                _title(new),
                "",
                (),
                tuple(own),
                old=_own_data(old),
                new=_own_data(new),
            )
        )
    old_index, new_index = _index(old), _index(new)
    for key, n in new_index.items():
        o = old_index.get(key)
        if o is None:
            out.append(_whole("added", n, None, _own_data(n.item)))
            continue
        changes = _changes(o.item, n.item)
        moved_parent = o.parent != n.parent
        if not changes and not moved_parent:
            continue
        moved = moved_parent or any(c.field in MOVE_FIELDS for c in changes)
        out.append(
            ItemDiff(
                "moved" if moved else "changed",
                n.ref.kind,
                n.ref.id,
                n.ref.title,
                n.top,
                n.where,
                tuple(changes),
                moved_from=o.where if moved_parent else None,
                old=_own_data(o.item),
                new=_own_data(n.item),
                order=n.order,
            )
        )
    for key, o in old_index.items():
        if key not in new_index:
            out.append(_whole("removed", o, _own_data(o.item), None))
    out.sort(key=lambda d: (d.order, d.op != "removed"))  # at one position, what went before what came
    return tuple(out)


def _whole(op: Op, entry: _Entry, old: dict[str, Any] | None, new: dict[str, Any] | None) -> ItemDiff:
    ref = entry.ref
    return ItemDiff(op, ref.kind, ref.id, ref.title, entry.top, entry.where, old=old, new=new, order=entry.order)


def _changes(old: Model | None, new: Model | None, prefix: str = "", root: bool = False) -> list[FieldChange]:
    """The differing own fields of two versions of one item (child items are compared on their own)."""
    model = new if new is not None else old
    assert model is not None
    out: list[FieldChange] = []
    for f in _fields(type(model)):
        if f.shape == "items" or (f.name == "id" and not root and not prefix):
            continue
        a, b = getattr(old, f.name, None), getattr(new, f.name, None)
        if a == b:
            continue
        name = prefix + f.name
        if f.shape == "value":
            out.append(_value_change(name, a, b))
        elif f.shape == "model":
            out += _changes(a, b, f"{name}.")
        elif f.shape == "set":
            out += _set_change(name, a or [], b or [])
        elif f.shape == "countries":
            out += _country_change(name, a or [], b or [])
        else:
            out += _record_changes(name, a or [], b or [])
    return out


def _value_change(name: str, a: Any, b: Any) -> FieldChange:
    if _prose(a, b):
        return FieldChange(name, "text", a, b, words=word_diff(a, b))
    return FieldChange(name, "value", a, b)


def _prose(a: Any, b: Any) -> bool:
    """Two texts, one of them more than a word: compared word by word."""
    return isinstance(a, str) and isinstance(b, str) and any(len(t.split(None, 1)) > 1 for t in (a, b))


def _set_change(name: str, a: list[Any], b: list[Any]) -> list[FieldChange]:
    ca, cb = Counter(map(_hashable, a)), Counter(map(_hashable, b))
    if ca == cb:
        return []
    removed = _in_order(a, ca - cb)
    added = _in_order(b, cb - ca)
    words: tuple[WordOp, ...] = ()
    if len(removed) == len(added) == 1 and _prose(removed[0], added[0]):
        words = word_diff(removed[0], added[0])
    return [FieldChange(name, "set", added=tuple(added), removed=tuple(removed), words=words)]


def _hashable(value: Any) -> Any:
    return value if isinstance(value, typing.Hashable) else repr(value)


def _in_order(values: list[Any], wanted: Counter[Any]) -> list[Any]:
    left = Counter(wanted)
    out = []
    for v in values:
        h = _hashable(v)
        if left[h] > 0:
            left[h] -= 1
            out.append(v)
    return out


def country_codes(names: Iterable[str]) -> dict[str, str]:
    """ISO code → the name as written (first spelling wins); names that do not resolve key as themselves."""
    out: dict[str, str] = {}
    for name in names:
        country = countries.resolve(name)
        out.setdefault(country.code if country else "?" + countries.normalise(name), name)
    return out


def _country_change(name: str, a: list[str], b: list[str]) -> list[FieldChange]:
    ca, cb = country_codes(a), country_codes(b)
    removed = tuple(n for code, n in ca.items() if code not in cb)
    added = tuple(n for code, n in cb.items() if code not in ca)
    if not removed and not added:
        return []  # reordered or respelled: the same countries
    return [FieldChange(name, "set", added=added, removed=removed)]


def _record_key(record: Model) -> Any:
    number = getattr(record, "number", None)
    return ("number", number) if number is not None else ("content", repr(dump(record)))


def _record_changes(name: str, a: list[Model], b: list[Model]) -> list[FieldChange]:
    """Lists of models without ids: matched by `number` where there is one, else by content."""
    ka: dict[Any, list[Model]] = {}
    kb: dict[Any, list[Model]] = {}
    for records, keyed in ((a, ka), (b, kb)):
        for r in records:
            keyed.setdefault(_record_key(r), []).append(r)
    out: list[FieldChange] = []
    removed: list[dict[str, Any]] = []
    added: list[dict[str, Any]] = []
    for key, olds in ka.items():
        news = kb.get(key, [])
        for o, n in zip(olds, news, strict=False):
            if key[0] == "number":
                out += _changes(o, n, f"{name}[{key[1]}].")
        removed += [dump(r) for r in olds[len(news) :]]
    for key, news in kb.items():
        added += [dump(r) for r in news[len(ka.get(key, [])) :]]
    if added or removed:
        out.append(FieldChange(name, "set", added=tuple(added), removed=tuple(removed)))
    return out


def _own_data(model: Model) -> dict[str, Any]:
    """An item's fields without its child items (those are diffed, and shown, on their own)."""
    out: dict[str, Any] = {}
    for f in _fields(type(model)):
        value = getattr(model, f.name)
        if f.shape == "items":
            continue
        if f.shape == "model":
            out[f.name] = _own_data(value) if value is not None else None
        elif f.shape == "records":
            out[f.name] = [dump(r) for r in value]
        else:
            out[f.name] = list(value) if isinstance(value, list) else value
    return out


def word_diff(old: str, new: str) -> tuple[WordOp, ...]:
    """The changes between two texts word by word: ("=", same words), ("-", removed), ("+", added).

    Words are runs of non-space characters joined by one space; a change of spacing or line breaks
    alone yields only "=" parts.
    """
    a, b = old.split(), new.split()
    out: list[WordOp] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return tuple(out)


def counts(items: Iterable[ItemDiff]) -> dict[str, int]:
    """Items by operation, in a fixed order: added, removed, changed, moved."""
    tally = Counter(i.op for i in items)
    return {op: tally[op] for op in typing.get_args(Op)}

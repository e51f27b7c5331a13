"""Plan files in one canonical layout, with every comment and every value kept (`planctl fmt`).

The layout: 2-space mappings, sequence items indented under their key (`  - id: ...`), keys in the
order the model declares its fields (unknown keys after them, in their own order), no line folding
(the width is unlimited, so a paragraph stays one line and a changed sentence is a one-line diff),
full-line comments indented like the line they precede, no trailing spaces, one final newline.
Quoting, flow lists (`[a, b]`), block scalar styles and blank lines are kept as written.

Nothing is trusted: the result is parsed again and must hold the same data and the same comments
as the original, or the file is refused.
"""

from __future__ import annotations

import io
import math
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal, cast, get_args

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag
from ruamel.yaml.tokens import CommentToken, ScalarToken

from planctl.diagnostics import Diagnostic
from planctl.errors import InputError, LocatedError
from planctl.files.reading import DEFAULT_MAX_BYTES, FileContentError, decode, discover, read_bytes
from planctl.files.writing import write_atomic
from planctl.files.yaml import YamlError, parse_document, resolve_plain
from planctl.model.plan import Model, Plan, fields_of, is_model, per_model

LINE_WIDTH = sys.maxsize  # never fold a line: prose stays as written, diffs stay small
SCHEMA_LINE = "# yaml-language-server:"

__all__ = [
    "LINE_WIDTH",
    "FormatRefused",
    "FormatResult",
    "add_key",
    "comment_texts",
    "format_paths",
    "format_text",
    "rt_yaml",
]


class FormatRefused(LocatedError):
    """The file cannot be rewritten faithfully; `line`/`col` point into the original (0 = unknown)."""


# --- ruamel configured to read plain scalars exactly as planctl's own loader does -------------

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


def rt_yaml() -> YAML:
    """A round-trip YAML instance with the canonical layout settings."""
    yaml = YAML(typ="rt")
    yaml.Resolver = _CoreResolver
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = LINE_WIDTH
    yaml.allow_duplicate_keys = False
    return yaml


# --- key order from the model ------------------------------------------------------------------


@per_model
def _field_models(model: type[Model]) -> dict[str, type[Model] | None]:
    """Field name -> the model its value (or its list's items) follows, in declaration order."""
    return {name: _model_in(spec.annotation) for name, spec in fields_of(model).items()}


def _model_in(annotation: Any) -> type[Model] | None:
    if is_model(annotation):
        return cast(type[Model], annotation)
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def order_keys(node: Any, model: type[Model] | None, *, top: bool = True) -> None:
    """Reorder mapping keys as `model` declares its fields, recursively; comments move with their keys.

    Comments at the top of the document describe the file and stay there.
    """
    if isinstance(node, CommentedSeq):
        for item in node:
            order_keys(item, model, top=False)
        return
    if not isinstance(node, CommentedMap):
        return
    fields = _field_models(model) if model is not None else {}
    for key, value in node.items():
        order_keys(value, fields.get(key) if isinstance(key, str) else None, top=False)
    if not fields:
        return
    keys = list(node.keys())
    wanted = [k for k in fields if k in node] + [k for k in keys if not (isinstance(k, str) and k in fields)]
    if wanted == keys:
        return
    moved_first = wanted[0] != keys[0]
    if not top and moved_first and (_comments_above_first_key(node) or _has_comment_above(node, wanted[0], keys)):
        # The first key would change while a comment stands above the old or the new one: ruamel can
        # only keep that comment at the top of the mapping, where it would describe another key.
        # Keep this mapping's order rather than misplace the comment.
        return
    # ruamel keeps the comment lines above a key as the tail of the key before it: detach them so
    # that they move with the key they describe, then hang them under the key's new predecessor.
    leading = {key: _take_tail(node, previous) for previous, key in pairwise(keys)}
    trailing = _take_tail(node, keys[-1])
    for key in wanted:
        node.move_to_end(key)
    if leading.get(wanted[0]):  # at the top of the file: the comments stay just below the new first key
        leading[wanted[1]] = leading.pop(wanted[0]) + leading.get(wanted[1], "")
    for previous, key in pairwise(wanted):
        _give_tail(node, previous, leading.get(key, ""))
    _give_tail(node, wanted[-1], trailing)


def _value_slot(node: CommentedMap, key: Any) -> tuple[CommentedBase, Any, int]:
    return _tail_slot(node[key]) or (node, key, 2)


def _tail_slot(node: Any) -> tuple[CommentedBase, Any, int] | None:
    """Where ruamel keeps the comment lines that follow `node`'s last line: (container, key, index)."""
    if isinstance(node, CommentedMap) and node and not node.fa.flow_style():
        return _value_slot(node, next(reversed(node)))
    if isinstance(node, CommentedSeq) and node and not node.fa.flow_style():
        return _tail_slot(node[-1]) or (node, len(node) - 1, 0)
    return None


def _comments_above_first_key(node: CommentedMap) -> bool:
    comment = node.ca.comment
    return bool(comment and len(comment) > 1 and comment[1])


def _has_comment_above(node: CommentedMap, key: Any, keys: list[Any]) -> bool:
    """Whether a full-line comment stands above `key`: in the tail of the key before it, or (after an
    empty value) kept by ruamel with the key itself."""
    own = node.ca.items.get(key)
    if own is not None and len(own) > 1 and any("#" in t.value for t in _comment_tokens(own[1])):
        return True
    index = keys.index(key)
    return index > 0 and _has_tail(node, keys[index - 1])


def _tail_token(node: CommentedMap, key: Any) -> tuple[Any, int, CommentToken | None]:
    """The comment token after `node[key]`, with the ruamel comment entry that holds it and its index."""
    container, key, index = _value_slot(node, key)
    entry = container.ca.items.get(key)
    token = entry[index] if entry is not None and len(entry) > index else None
    return entry, index, token if isinstance(token, CommentToken) else None


def _has_tail(node: CommentedMap, key: Any) -> bool:
    """Whether full-line comments follow `node[key]` (what `_take_tail` would detach)."""
    token = _tail_token(node, key)[2]
    return token is not None and bool(token.value.partition("\n")[2].strip())


def _take_tail(node: CommentedMap, key: Any) -> str:
    """Detach the full-line comments (and blank lines) after `node[key]`, keeping an end-of-line comment."""
    entry, index, token = _tail_token(node, key)
    if token is None:
        return ""
    first, newline, rest = token.value.partition("\n")
    if first.strip():
        token.value = first + newline
    else:
        entry[index] = None
    return str(rest)


def _give_tail(node: CommentedMap, key: Any, tail: str) -> None:
    if not tail:
        return
    container, key, index = _value_slot(node, key)
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= index:
        entry.append(None)
    token = entry[index]
    if isinstance(token, CommentToken):
        token.value = (token.value if token.value.endswith("\n") else token.value + "\n") + tail
    else:
        entry[index] = CommentToken("\n" + tail, CommentMark(0), None)


def add_key(node: CommentedMap, key: Any, value: Any) -> None:
    """Set `node[key]`, a new key, at the end of the mapping. The comment lines that followed the mapping's
    last value (ruamel keeps them there; they describe what comes after the mapping) stay below, after
    the new key's value."""
    last = next(reversed(node)) if len(node) else None
    tail = _take_tail(node, last) if last is not None and not node.fa.flow_style() else ""
    node[key] = value
    _give_tail(node, key, tail)


# --- text-level tidying of ruamel's output ------------------------------------------------------


def _comment_tokens(value: Any) -> Iterator[CommentToken]:
    if isinstance(value, CommentToken):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _comment_tokens(item)


def _scan(text: str) -> tuple[list[str], set[int]]:
    """The text of every comment line, and the line indexes inside block or multi-line quoted scalars."""
    comments: list[str] = []
    protected: set[int] = set()
    for token in YAML(typ="rt").scan(text):
        for comment in _comment_tokens(getattr(token, "_comment", None)):
            comments += [s.strip() for s in comment.value.split("\n") if s.strip().startswith("#")]
        if isinstance(token, ScalarToken) and token.style is not None:
            end = token.end_mark.line + (1 if token.end_mark.column > 0 or token.style not in "|>" else 0)
            protected.update(range(token.start_mark.line + 1, end))
    return comments, protected


def comment_texts(text: str) -> Counter[str]:
    """Every comment of a YAML text, stripped, counted: what `fmt` promises to keep."""
    return Counter(_scan(text)[0])


def _tidy(text: str) -> str:
    _, protected = _scan(text)
    lines = text.split("\n")
    comment_lines = {i for i, line in enumerate(lines) if i not in protected and line.lstrip().startswith("#")}
    for i, line in enumerate(lines):
        if i not in protected:
            lines[i] = line.rstrip()
    for i in sorted(comment_lines):
        lines[i] = " " * _next_indent(lines, i, comment_lines) + lines[i].lstrip()
    lines = [
        line for i, line in enumerate(lines) if i in protected or line or i == 0 or lines[i - 1] or (i - 1) in protected
    ]
    while len(lines) > 1 and lines[0] == "":
        lines.pop(0)
        protected = {i - 1 for i in protected}
    last_protected = max(protected, default=-1)
    while len(lines) - 1 > last_protected + 1 and lines[-1] == "" and lines[-2] == "":
        lines.pop()
    out = "\n".join(lines)
    return out if out.endswith("\n") else out + "\n"


def _next_indent(lines: list[str], i: int, comment_lines: set[int]) -> int:
    for j in range(i + 1, len(lines)):
        if lines[j].strip() and j not in comment_lines:
            return len(lines[j]) - len(lines[j].lstrip(" "))
    return 0


# --- format and verify --------------------------------------------------------------------------


def format_text(text: str) -> str:
    """The canonical layout of a plan file's text; raise FormatRefused if it cannot be made faithfully."""
    try:
        before = parse_document(text, positions=False).data
    except YamlError as e:
        raise FormatRefused(e.code, e.message, e.line, e.col, e.hint) from e
    model = _model_of(before)
    try:
        tree = rt_yaml().load(text)
        if isinstance(tree, CommentedMap):
            order_keys(tree, model)
        formatted = verified(text, before, dump_yaml(tree))
        if formatted != text:  # ruamel reads some layouts it writes differently: require a fixpoint
            again = rt_yaml().load(formatted)
            order_keys(again, model)
            second = dump_yaml(again)
            if second != formatted:  # verified first: an unfaithful second result is the graver problem
                verified(text, before, second)
                raise FormatRefused(
                    "fmt-unstable",
                    "this file has no stable canonical layout (formatting it twice gives two results)",
                    hint="simplify the YAML (nested lists, comments on empty values), then run fmt again",
                )
        return formatted
    except YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise FormatRefused(
            "cannot-format",
            f"the YAML layout of this file cannot be rewritten: {getattr(e, 'problem', None) or e}",
            line,
            col,
            hint="simplify the YAML around this line (anchors, complex keys, flow styles), then run fmt again",
        ) from e


def _model_of(data: Any) -> type[Model]:
    """The model whose field order a file follows: a results file's (progress/), else a plan's."""
    from planctl.model.results import Results
    from planctl.model.results_checks import is_results

    return Results if is_results(data) else Plan


def dump_yaml(tree: Any) -> str:
    """Write a round-trip tree in the canonical layout."""
    out = io.StringIO()
    rt_yaml().dump(tree, out)
    return _tidy(out.getvalue())


def verified(original: str, before: Any, formatted: str) -> str:
    """`formatted`, after proving it holds the same data and comments as `original`."""
    if formatted == original:
        return formatted
    try:
        after = parse_document(formatted, positions=False).data
    except YamlError as e:
        raise FormatRefused(
            "fmt-unfaithful",
            f"formatting would produce invalid YAML ({e.message})",
            hint="this is a bug in planctl fmt; please report it with the file",
        ) from e
    where = first_difference(before, after)
    if where is not None:
        smap = parse_document(original).source_map
        line, col = smap.locate(where) if smap is not None else (0, 0)
        shown = ".".join(str(p) for p in where) or "the document"
        raise FormatRefused(
            "fmt-unfaithful",
            f"formatting would change the value at {shown}",
            line,
            col,
            hint="planctl leaves this file as it is; write the value in a simpler style and run fmt again",
        )
    lost = comment_texts(original) - comment_texts(formatted)
    if lost:
        text = next(iter(lost))
        line = next((i + 1 for i, c in enumerate(original.split("\n")) if text in c), 0)
        raise FormatRefused(
            "fmt-unfaithful",
            f"formatting would drop the comment {text!r}",
            line,
            1,
            hint="move the comment to a line of its own (comments inside [...] or {...} cannot be kept)",
        )
    first = original.lstrip("\ufeff").split("\n", 1)[0]
    if first.startswith(SCHEMA_LINE) and not formatted.startswith(first.rstrip()):
        raise FormatRefused("fmt-unfaithful", "formatting would move the `# yaml-language-server` line", 1, 1)
    return formatted


def first_difference(a: Any, b: Any, path: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """The path of the first place two loaded documents differ (types count: 1 is not 1.0), or None."""
    if type(a) is not type(b):
        return path
    if isinstance(a, dict):
        for key in a:
            if key not in b:
                return (*path, key)
            found = first_difference(a[key], b[key], (*path, key))
            if found is not None:
                return found
        extra = [k for k in b if k not in a]
        return (*path, extra[0]) if extra else None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, (*path, i))
            if found is not None:
                return found
        return (*path, min(len(a), len(b))) if len(a) != len(b) else None
    if isinstance(a, float) and math.isnan(a) and math.isnan(b):
        return None
    return None if a == b else path


# --- files --------------------------------------------------------------------------------------

Status = Literal["unchanged", "reformatted", "would-reformat", "refused", "unreadable", "unwritable"]


@dataclass
class FormatResult:
    """What `fmt` did (or would do) to one file."""

    path: Path
    status: Status
    problem: Diagnostic | None = None
    original: str | None = None
    formatted: str | None = None

    @property
    def changed(self) -> bool:
        return self.status in ("reformatted", "would-reformat")


def format_file(path: Path, *, write: bool, max_bytes: int = DEFAULT_MAX_BYTES) -> FormatResult:
    """Format one file; with `write`, replace it atomically when its layout changes."""
    name = str(path)
    try:
        original = decode(read_bytes(path, max_bytes))
    except InputError as e:
        return FormatResult(path, "unreadable", e.diagnostic(path))
    except FileContentError as e:
        return FormatResult(path, "refused", e.diagnostic(name))
    try:
        formatted = format_text(original)
    except FormatRefused as e:
        problem = e.diagnostic(name)
        return FormatResult(path, "refused", problem, original)
    if formatted == original:
        return FormatResult(path, "unchanged", None, original, formatted)
    if not write:
        return FormatResult(path, "would-reformat", None, original, formatted)
    target = path.resolve()
    try:
        write_atomic(target, formatted)
    except InputError as e:
        problem = replace(e.diagnostic(target, "unwritable"), file=name)  # named as the user gave it
        return FormatResult(path, "unwritable", problem, original, formatted)
    return FormatResult(path, "reformatted", None, original, formatted)


def format_paths(paths: list[Path], *, write: bool, max_bytes: int = DEFAULT_MAX_BYTES) -> list[FormatResult]:
    """Format every plan file under `paths`; one file that cannot be formatted does not stop the others."""
    return [format_file(p, write=write, max_bytes=max_bytes) for p in discover(paths)]

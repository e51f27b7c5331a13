"""Safe YAML 1.2 loading from parser events: plain Python data plus, on request, a source map.

Objects are built from the event stream with an explicit stack, so nesting depth is bounded and
checked rather than recursed into; aliases are counted by the size they expand to; only the
standard YAML tags are accepted; duplicate keys are errors.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

try:  # the libyaml-based parser is ~5x faster; the pure one is the fallback
    from ruamel.yaml import CParser as _CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the installation
    _CParser = None

MAX_DEPTH = 100
MAX_EXPANDED_NODES = 1_000_000
Key = str | int
YamlPath = tuple[Key, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {None, "!", _STD + "str", _STD + "int", _STD + "float", _STD + "bool", _STD + "null"}
_CONTAINER_TAGS = {None, "!", _STD + "map", _STD + "seq", _STD + "omap"}


class YamlError(Exception):
    """The text is not a YAML document planctl accepts; `line`/`col` are 1-based (0 = unknown)."""

    def __init__(self, code: str, message: str, line: int = 0, col: int = 0, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.col = col
        self.hint = hint


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of a document starts, by path."""

    values: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: tuple[Any, ...], on_key: bool = False) -> tuple[int, int]:
        """Line and column of `path`, or of its nearest ancestor that exists in the file."""
        p = tuple(path)
        if on_key and p in self.keys:
            return self.keys[p]
        while p:
            if p in self.values:
                return self.values[p]
            if p in self.keys:
                return self.keys[p]
            p = p[:-1]
        return self.values.get((), (1, 1))


@dataclass
class Document:
    data: Any
    source_map: SourceMap | None


@dataclass
class _Frame:
    container: Any
    path: YamlPath
    anchor: str | None
    is_map: bool
    size: int = 1
    key: Any = None
    has_key: bool = False
    key_pos: tuple[int, int] = (0, 0)
    start: tuple[int, int] = (0, 0)
    seen: dict[Any, int] = field(default_factory=dict)


def _events(text: str) -> Any:
    if _CParser is not None:
        parser = _CParser(text)
        try:
            while True:
                event = parser.get_event()
                yield event
                if isinstance(event, ev.StreamEndEvent):
                    return
        finally:
            parser.dispose()
    else:  # pragma: no cover
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).parse(text)


def _pos(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema for an untagged plain scalar (so `NO` and `2017-02-30` stay strings)."""
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    try:
        if _INT10.match(value):
            return int(value)
        if _INT8.match(value):
            return int(value[2:], 8)
        if _INT16.match(value):
            return int(value[2:], 16)
    except ValueError:  # more digits than Python converts: keep the text
        return value
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value


def _scalar(event: Any) -> Any:
    tag = event.tag
    value = event.value
    if tag not in _ALLOWED_TAGS:
        raise YamlError(
            "unknown-tag",
            f"tag {_short_tag(tag)} is not allowed",
            *_pos(event),
            hint="plan files use plain YAML: remove the tag",
        )
    plain = event.style in (None, "")
    if tag is None:
        return resolve_plain(value) if plain and event.implicit[0] else value
    if tag in ("!", _STD + "str"):
        return value
    resolved = resolve_plain(value)
    want = {
        _STD + "int": int,
        _STD + "float": float,
        _STD + "bool": bool,
        _STD + "null": type(None),
    }[tag]
    if want is float and isinstance(resolved, int) and not isinstance(resolved, bool):
        resolved = float(resolved)
    if type(resolved) is not want:
        raise YamlError("bad-tag-value", f"{value!r} is not a valid {_short_tag(tag)}", *_pos(event))
    return resolved


def _short_tag(tag: str | None) -> str:
    if tag is None:
        return "(none)"
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


def _mark_error(e: YAMLError, text: str) -> YamlError:
    if isinstance(e, ReaderError):
        offset = min(max(int(e.position), 0), len(text))
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        char = e.character if isinstance(e.character, int) else ord(str(e.character)[:1] or "?")
        return YamlError(
            "control-character",
            f"invalid YAML: {e.reason} (U+{char:04X})",
            line,
            col,
            hint="remove the character, or write it as an escape inside double quotes",
        )
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    if isinstance(e, MarkedYAMLError):
        message = e.problem or (str(e).splitlines() or [type(e).__name__])[0]
        context_mark = e.context_mark
        if e.context and context_mark is not None and e.problem_mark is not None:
            message += f" ({e.context} started at line {context_mark.line + 1}, column {context_mark.column + 1})"
        elif e.context:
            message += f" ({e.context})"
    else:
        message = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    return YamlError("yaml-syntax", f"invalid YAML: {message}", line, col)


def parse_document(text: str, *, positions: bool = True, max_depth: int = MAX_DEPTH) -> Document:
    """Parse one YAML document into dicts, lists and scalars; raise YamlError on anything unsafe."""
    try:
        return _build(text, positions, max_depth)
    except YamlError:
        raise
    except YAMLError as e:
        raise _mark_error(e, text) from e
    except RecursionError as e:  # pragma: no cover - the builder does not recurse
        raise YamlError("too-deep", "the document is nested too deeply") from e
    except (ValueError, TypeError, UnicodeError) as e:
        raise YamlError("yaml-syntax", f"invalid YAML: {e}") from e


def _build(text: str, positions: bool, max_depth: int) -> Document:
    smap = SourceMap() if positions else None
    anchors: dict[str, tuple[Any, int, bool]] = {}  # name -> (value, expanded size, complete)
    stack: list[_Frame] = []
    root: Any = None
    have_root = False
    documents = 0
    expanded = 0

    def add(value: Any, size: int, event: Any, via_alias: bool = False) -> None:
        nonlocal root, have_root, expanded
        if via_alias:
            expanded += size
        if expanded > MAX_EXPANDED_NODES:
            raise YamlError(
                "alias-bomb",
                f"aliases in the document expand to more than {MAX_EXPANDED_NODES:,} values",
                *_pos(event),
                hint="plan files should not need aliases; write the values out",
            )
        if not stack:
            root, have_root = value, True
            if smap is not None:
                smap.values[()] = _pos(event)
            return
        top = stack[-1]
        top.size += size
        if not top.is_map:
            path = (*top.path, len(top.container))
            top.container.append(value)
            if smap is not None:
                smap.values[path] = _pos(event)
            return
        if not top.has_key:
            if isinstance(value, (dict, list)):
                raise YamlError("complex-key", "a mapping or sequence cannot be used as a key", *_pos(event))
            if value in top.seen:
                first = top.seen[value]
                raise YamlError(
                    "duplicate-key",
                    f"duplicate key {value!r} (first defined at line {first})",
                    *_pos(event),
                    hint="remove or rename one of the two",
                )
            top.seen[value] = _pos(event)[0]
            top.key, top.has_key, top.key_pos = value, True, _pos(event)
            return
        key = top.key
        top.container[key] = value
        top.has_key = False
        if smap is not None:
            path = (*top.path, key)
            smap.keys[path] = top.key_pos
            smap.values[path] = _pos(event)

    def child_path() -> YamlPath:
        if not stack:
            return ()
        top = stack[-1]
        return (*top.path, top.key) if top.is_map else (*top.path, len(top.container))

    for event in _events(text):
        if isinstance(event, ev.ScalarEvent):
            value = _scalar(event)
            if event.anchor:
                anchors[event.anchor] = (value, 1, True)
            add(value, 1, event)
        elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
            if event.tag not in _CONTAINER_TAGS:
                raise YamlError(
                    "unknown-tag",
                    f"tag {_short_tag(event.tag)} is not allowed",
                    *_pos(event),
                    hint="plan files use plain YAML: remove the tag",
                )
            if len(stack) >= max_depth:
                raise YamlError(
                    "too-deep",
                    f"the document is nested more than {max_depth} levels deep",
                    *_pos(event),
                    hint="a plan needs only a dozen levels; check the indentation",
                )
            is_map = isinstance(event, ev.MappingStartEvent)
            container: Any = {} if is_map else []
            if smap is not None:
                smap.values[child_path()] = _pos(event)
            frame = _Frame(container, child_path(), event.anchor, is_map, start=_pos(event))
            if event.anchor:
                anchors[event.anchor] = (container, 1, False)
            stack.append(frame)
        elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
            frame = stack.pop()
            if frame.anchor:
                anchors[frame.anchor] = (frame.container, frame.size, True)
            # re-add the finished container to its parent (positions were recorded at its start)
            _attach(stack, frame, smap)
            if stack:
                stack[-1].size += frame.size
            else:
                root, have_root = frame.container, True
        elif isinstance(event, ev.AliasEvent):
            if event.anchor not in anchors:
                raise YamlError("yaml-syntax", f"invalid YAML: unknown alias *{event.anchor}", *_pos(event))
            value, size, complete = anchors[event.anchor]
            if not complete:
                raise YamlError(
                    "recursive-alias", f"alias *{event.anchor} refers to a value that contains it", *_pos(event)
                )
            add(value, size, event, via_alias=True)
        elif isinstance(event, ev.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise YamlError(
                    "multiple-documents",
                    "the file holds more than one YAML document; a plan file holds exactly one",
                    *_pos(event),
                    hint="remove the '---' line and what follows, or split the file",
                )
    if not have_root or (root is None and documents <= 1 and not text.strip("\ufeff \t\r\n")):
        raise YamlError("empty", "the file is empty", 0, 0, hint="a plan file starts with its id, title, ...")
    return Document(root, smap)


def _attach(stack: list[_Frame], frame: _Frame, smap: SourceMap | None) -> None:
    """Put a finished container into its parent frame (key or item)."""
    if not stack:
        return
    top = stack[-1]
    value = frame.container
    if not top.is_map:
        top.container.append(value)
        return
    if not top.has_key:
        raise YamlError("complex-key", "a mapping or sequence cannot be used as a key", *frame.start)
    top.container[top.key] = value
    top.has_key = False
    if smap is not None:
        smap.keys[(*top.path, top.key)] = top.key_pos

"""Safe YAML 1.2 loading from parser events: plain Python data plus, on request, a source map.

Objects are built from the event stream with an explicit stack, so nesting depth is bounded and
checked rather than recursed into; aliases are counted by the size they expand to; only the
standard YAML tags are accepted; duplicate keys are errors.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from planctl.diagnostics import MAX_INT_BITS, short_repr
from planctl.errors import LocatedError

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
_NOT_TEXT_START = frozenset("0123456789+-.~nNtTfF")  # first characters of non-text plain scalars

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {"!", _STD + "str", _STD + "int", _STD + "float", _STD + "bool", _STD + "null"}
_CONTAINER_TAGS = {"!", _STD + "map", _STD + "seq", _STD + "omap"}


class YamlError(LocatedError):
    """The text is not a YAML document planctl accepts; `line`/`col` are 1-based (0 = unknown)."""


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
class ParsedYaml:
    data: Any
    source_map: SourceMap | None


class _Frame:
    """A mapping or sequence being built. `path` is kept only when positions are wanted."""

    __slots__ = ("anchor", "container", "has_key", "is_map", "key", "key_pos", "path", "size", "start_mark")

    def __init__(self, container: Any, path: YamlPath, anchor: str | None, is_map: bool, start_mark: Any) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.is_map = is_map
        self.start_mark = start_mark
        self.size = 1
        self.key: Any = None
        self.has_key = False
        self.key_pos = (0, 0)


class _NeedPositions(Exception):
    """Raised by a parse without positions when the error message needs them (a duplicate key)."""


def _event_source(text: str) -> tuple[Callable[[], Any], Callable[[], None]]:
    """A function returning the next parser event, and one releasing the parser."""
    if _CParser is not None:
        parser = _CParser(text)
        return parser.get_event, parser.dispose
    from ruamel.yaml import YAML  # pragma: no cover - without the C parser

    events = iter(YAML(typ="safe", pure=True).parse(text))  # pragma: no cover
    return events.__next__, lambda: None  # pragma: no cover


Place = Callable[[Any], tuple[int, int]]  # a parser mark -> (line, column), both 1-based

# libyaml, like YAML 1.1, also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; editors,
# git and grep do not. A plan holding one (text pasted from a word processor, say) would have every
# problem after it reported on the wrong line, so such texts are placed by character offset instead.
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")
_LINE_BREAK = re.compile(r"\r\n?|\n")


def _libyaml_place(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _placer(text: str) -> Place:
    """How to turn the parser's marks in `text` into lines and columns as an editor counts them."""
    if not any(c in text for c in _ODD_BREAKS):  # substring tests: ~1 ms for 10 MB
        return _libyaml_place
    starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def place(mark: Any) -> tuple[int, int]:
        line = bisect.bisect_right(starts, mark.index)
        return (line, mark.index - starts[line - 1] + 1)

    return place


def resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema for an untagged plain scalar (so `NO` and `2017-02-30` stay strings)."""
    if value and value[0] not in _NOT_TEXT_START:
        return value  # most plain scalars: text that cannot be a number, boolean or null
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    try:
        if _INT10.match(value):
            return int(value)
        if _INT8.match(value):
            return _bounded(int(value[2:], 8), value)
        if _INT16.match(value):
            return _bounded(int(value[2:], 16), value)
    except ValueError:  # more digits than Python converts: keep the text
        return value
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value


def _bounded(number: int, text: str) -> int | str:
    """Hex and octal have no digit limit in Python; keep huge ones as text, like huge decimals."""
    return number if number.bit_length() <= MAX_INT_BITS else text


def _scalar(event: Any, place: Place) -> Any:
    """A tagged scalar (untagged ones are resolved inline, in the hot loop of `_build`)."""
    tag = event.tag
    value = event.value
    if tag not in _ALLOWED_TAGS:
        raise YamlError(
            "unknown-tag",
            f"tag {_short_tag(tag)} is not allowed",
            *place(event.start_mark),
            hint="plan files use plain YAML: remove the tag",
        )
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
        raise YamlError(
            "bad-tag-value", f"{short_repr(value)} is not a valid {_short_tag(tag)}", *place(event.start_mark)
        )
    return resolved


def _short_tag(tag: str) -> str:
    short = "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag
    return short if len(short) <= 60 else short[:59] + "…"


def _mark_error(e: YAMLError, text: str) -> YamlError:
    if isinstance(e, ReaderError):
        # libyaml counts UTF-8 bytes; the pure-Python reader counts characters
        position = max(int(e.position), 0)
        offset = len(text.encode("utf-8")[:position].decode("utf-8", "ignore")) if _CParser is not None else position
        offset = min(offset, len(text))
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
    place = _placer(text)
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    if "incompatible YAML document" in str(e):
        line, col = place(mark) if mark is not None else (1, 1)
        return YamlError(
            "yaml-version",
            "unsupported YAML version in the %YAML directive: planctl reads YAML 1.2",
            line,
            col,
            hint="remove the %YAML line",
        )
    if isinstance(e, MarkedYAMLError):
        message = e.problem or (str(e).splitlines() or [type(e).__name__])[0]
        context_mark = e.context_mark
        if e.context and context_mark is not None and e.problem_mark is not None:
            context_line, context_col = place(context_mark)
            message += f" ({e.context} started at line {context_line}, column {context_col})"
        elif e.context:
            message += f" ({e.context})"
    else:
        message = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
    line, col = place(mark) if mark is not None else (0, 0)
    hint = None
    if "invalid Unicode character escape code" in message:
        hint = "\\ud800 to \\udfff (halves of UTF-16 pairs) and escapes past \\U0010FFFF are not characters"
    return YamlError("yaml-syntax", f"invalid YAML: {message}", line, col, hint=hint)


def parse_document(text: str, *, positions: bool = True, max_depth: int = MAX_DEPTH) -> ParsedYaml:
    """Parse one YAML document into dicts, lists and scalars; raise YamlError on anything unsafe."""
    try:
        try:
            return _build(text, positions, max_depth)
        except _NeedPositions:
            return _build(text, True, max_depth)
    except YamlError:
        raise
    except YAMLError as e:
        raise _mark_error(e, text) from e
    except RecursionError as e:  # pragma: no cover - the builder does not recurse
        raise YamlError("too-deep", "the document is nested too deeply") from e
    except (ValueError, TypeError, UnicodeError) as e:
        raise YamlError("yaml-syntax", f"invalid YAML: {e}") from e


def _build(text: str, positions: bool, max_depth: int) -> ParsedYaml:
    """Build the document from parser events with an explicit stack; one pass, no recursion.

    This loop is the loader's hot path (it runs once per YAML value), hence the inlined steps.
    """
    smap = SourceMap() if positions else None
    place = _placer(text)
    anchors: dict[str, tuple[Any, int, bool]] = {}  # name -> (value, expanded size, complete)
    stack: list[_Frame] = []
    root: Any = None
    have_root = False
    documents = 0
    expanded = 0
    scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
    stream_end = ev.StreamEndEvent
    map_start, seq_start, map_end, seq_end = (
        ev.MappingStartEvent,
        ev.SequenceStartEvent,
        ev.MappingEndEvent,
        ev.SequenceEndEvent,
    )

    next_event, dispose = _event_source(text)
    try:
        while True:
            event = next_event()
            cls = event.__class__
            if cls is scalar_event:
                if event.ctag is None:
                    value = event.value
                    if not event.style and event.implicit[0]:
                        value = resolve_plain(value)
                else:
                    value = _scalar(event, place)
                size = 1
                if event.anchor:
                    anchors[event.anchor] = (value, 1, True)
            elif cls is map_start or cls is seq_start:
                if event.ctag is not None and event.tag not in _CONTAINER_TAGS:
                    raise YamlError(
                        "unknown-tag",
                        f"tag {_short_tag(event.tag)} is not allowed",
                        *place(event.start_mark),
                        hint="plan files use plain YAML: remove the tag",
                    )
                if len(stack) >= max_depth:
                    raise YamlError(
                        "too-deep",
                        f"the document is nested more than {max_depth} levels deep",
                        *place(event.start_mark),
                        hint="a plan needs only a dozen levels; check the indentation",
                    )
                is_map = cls is map_start
                container: Any = {} if is_map else []
                path: YamlPath = ()
                if smap is not None:
                    if stack:
                        top = stack[-1]
                        path = (*top.path, top.key) if top.is_map else (*top.path, len(top.container))
                    smap.values[path] = place(event.start_mark)
                stack.append(_Frame(container, path, event.anchor, is_map, event.start_mark))
                if event.anchor:
                    anchors[event.anchor] = (container, 1, False)
                continue
            elif cls is map_end or cls is seq_end:
                frame = stack.pop()
                if frame.anchor:
                    anchors[frame.anchor] = (frame.container, frame.size, True)
                if stack:
                    _attach(stack[-1], frame, smap, place)
                else:
                    root, have_root = frame.container, True
                continue
            elif cls is alias_event:
                if event.anchor not in anchors:
                    raise YamlError(
                        "yaml-syntax", f"invalid YAML: unknown alias *{event.anchor}", *place(event.start_mark)
                    )
                value, size, complete = anchors[event.anchor]
                if not complete:
                    raise YamlError(
                        "recursive-alias",
                        f"alias *{event.anchor} refers to a value that contains it",
                        *place(event.start_mark),
                    )
                # only values reached through aliases can explode when walked: count those
                expanded += size
                if expanded > MAX_EXPANDED_NODES:
                    raise YamlError(
                        "alias-bomb",
                        f"aliases in the document expand to more than {MAX_EXPANDED_NODES:,} values",
                        *place(event.start_mark),
                        hint="plan files should not need aliases; write the values out",
                    )
            elif cls is stream_end:
                break
            elif cls is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError(
                        "multiple-documents",
                        "the file holds more than one YAML document; a plan file holds exactly one",
                        *place(event.start_mark),
                        hint="remove the '---' line and what follows, or split the file",
                    )
                continue
            else:
                continue

            # a scalar or an alias: a value to put into its parent
            if not stack:
                root, have_root = value, True
                if smap is not None:
                    smap.values[()] = place(event.start_mark)
                continue
            top = stack[-1]
            top.size += size
            if not top.is_map:
                if smap is not None:
                    smap.values[(*top.path, len(top.container))] = place(event.start_mark)
                top.container.append(value)
            elif top.has_key:
                key = top.key
                top.container[key] = value
                top.has_key = False
                if smap is not None:
                    path = (*top.path, key)
                    smap.keys[path] = top.key_pos
                    smap.values[path] = place(event.start_mark)
            else:
                _check_key(top, value, event, smap, place)
                top.key, top.has_key = value, True
                if smap is not None:
                    top.key_pos = place(event.start_mark)
    finally:
        dispose()
    if not have_root or (root is None and documents <= 1 and not text.strip("\ufeff \t\r\n")):
        raise YamlError("empty", "the file is empty", 0, 0, hint="a plan file starts with its id, title, ...")
    return ParsedYaml(root, smap)


def _check_key(frame: _Frame, key: Any, event: Any, smap: SourceMap | None, place: Place) -> None:
    """A mapping key must be a scalar, new in its mapping, and not YAML 1.1's merge key."""
    if isinstance(key, (dict, list)):
        raise YamlError("complex-key", "a mapping or sequence cannot be used as a key", *place(event.start_mark))
    if key == "<<" and event.__class__ is ev.ScalarEvent and not event.style:
        raise YamlError(
            "merge-key",
            "merge keys (<<) are not supported: plan files are YAML 1.2, which has no merge",
            *place(event.start_mark),
            hint="write the fields out in full (or quote '<<' if it really is a key)",
        )
    if key in frame.container:
        if smap is None:
            raise _NeedPositions  # the message names the first key's line
        first = smap.keys[(*frame.path, key)][0]
        raise YamlError(
            "duplicate-key",
            f"duplicate key {short_repr(key)} (first defined at line {first})",
            *place(event.start_mark),
            hint="remove or rename one of the two",
        )


def _attach(top: _Frame, frame: _Frame, smap: SourceMap | None, place: Place) -> None:
    """Put a finished container into its parent frame (as an item or a value; never as a key)."""
    top.size += frame.size
    if not top.is_map:
        top.container.append(frame.container)
        return
    if not top.has_key:
        raise YamlError("complex-key", "a mapping or sequence cannot be used as a key", *place(frame.start_mark))
    top.container[top.key] = frame.container
    top.has_key = False
    if smap is not None:
        smap.keys[(*top.path, top.key)] = top.key_pos

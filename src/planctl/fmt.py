"""Plan files in one canonical layout, with every comment and every value kept (`planctl fmt`).

The layout: 2-space mappings, sequence items indented under their key (`  - id: ...`), keys in the
order the model declares its fields (unknown keys after them, in their own order), no line folding
(a paragraph stays one line, so a changed sentence is a one-line diff), no trailing spaces, at most
one blank line in a row, one final newline. Scalars are copied as written (quoting, escapes, block
scalar styles); a flow collection (`[a, b]`) stays one, on one line; `%YAML`, `---` and `...` stay.

Comments stay with what they describe. A comment block (full-line comments, and blank lines among
them) belongs to the key or list item right below it: it moves with it, indented like it. An
end-of-line comment stays at the end of its line. At the top of the file, comments separated from
the first key by a blank line describe the file and stay at the top (so does a `# yaml-language-server`
line). Where a comment has no such neighbour (between a key and its value, inside `[...]`), the file
is refused.

Nothing is trusted: the result is parsed again and must hold the same data, every comment with the
same neighbour, and format to itself, or the file is refused and left as it was.

The text is read from libyaml's events (every value with its place in the text), once per text:
there is no round-trip loader and no dumper; values are never re-written, only moved and re-indented.
"""

from __future__ import annotations

import bisect
import math
import os
import re
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from ruamel.yaml import events as ev
from ruamel.yaml.error import YAMLError

from planctl.diagnostics import Diagnostic
from planctl.errors import InputError, LocatedError
from planctl.files.reading import DEFAULT_MAX_BYTES, FileContentError, decode, discover, read_bytes
from planctl.files.yaml import YamlError, _event_source, parse_document, resolve_plain

if TYPE_CHECKING:
    from planctl.model.plan import Model

SCHEMA_LINE = "# yaml-language-server:"

__all__ = ["SCHEMA_LINE", "FormatRefused", "FormatResult", "comment_texts", "format_paths", "format_text"]


class FormatRefused(LocatedError):
    """The file cannot be rewritten faithfully; `line`/`col` point into the original (0 = unknown)."""


# --- the document as libyaml reads it: every node with its place in the text --------------------

_SCALAR, _ALIAS, _MAP, _SEQ = range(4)
_NOWHERE = 1 << 62  # an offset past the end of any text

Comment = tuple[str, str]  # (the white space before it on its line, its text from '#')


class _Node:
    """A scalar or alias: its kind, where it is in the text, its style and (for keys and values
    written over several lines) its value. Mappings and sequences are `_Collection`s."""

    __slots__ = ("end", "kind", "start", "style", "value")
    items: Sequence[_Node] = ()  # a scalar has none
    flow = False
    head = 0
    col = 0

    def __init__(self, kind: int, start: int, end: int, style: str) -> None:
        self.kind = kind
        self.start = start  # where it starts, properties (`&a`, `!!str`) included
        self.end = end  # where it ends (a block collection: unused)
        self.style = style  # a scalar's style: '' plain, "'", '"', '|', '>'
        self.value = ""  # the value of a key, or of a scalar over several lines; an alias's anchor


class _Collection(_Node):
    """A mapping (keys and values alternating in `items`) or a sequence."""

    __slots__ = ("col", "flow", "head", "items")

    def __init__(self, kind: int, start: int, end: int, flow: bool) -> None:
        super().__init__(kind, start, end, "")
        self.items: list[_Node] = []
        self.flow = flow
        self.head = start  # where its anchor and tag end (a flow collection: after its bracket)
        self.col = 0  # a block collection's indentation: the column of its keys or dashes


class _Block:
    """A block scalar (`|`, `>`): its header and its content lines as written."""

    __slots__ = ("first", "header", "indent", "keep", "no_newline", "step", "stop")

    def __init__(self, header: str, first: int, stop: int, indent: int, step: int, keep: bool) -> None:
        self.header = header  # properties and indicator, with the comment after them if any
        self.first = first  # its first content line
        self.stop = stop  # the line after its last content line
        self.indent = indent  # the content's indentation as written
        self.step = step  # the explicit indentation indicator (0 = detected)
        self.keep = keep  # `+`: the blank lines after the text are part of it
        self.no_newline = False  # the file ends inside it, without a final line break


@dataclass
class _Doc:
    """A document as read: its tree, the comments that go with its nodes, the lines around it."""

    text: str
    starts: array[int]  # the offset of each line; one past the end of the text last
    root: _Node
    prologue: list[str] = field(default_factory=list)  # directives and the `---` line
    on_marker: bool = False  # the value starts on the `---` line (`--- |`, `--- !!map`)
    head: list[str] = field(default_factory=list)  # comments that describe the file
    end: list[str] = field(default_factory=list)  # comments after the last value
    epilogue: list[str] = field(default_factory=list)  # the `...` line and what follows
    lead: dict[_Node, list[str]] = field(default_factory=dict)  # key or item -> comments, '' blank lines
    after: dict[_Node, Comment] = field(default_factory=dict)  # value, key or collection -> end of its line
    dash: dict[_Node, Comment] = field(default_factory=dict)  # item -> the comment after its `-`
    blocks: dict[_Node, _Block] = field(default_factory=dict)
    headers: dict[_Node, str] = field(default_factory=dict)  # block scalar -> the comment in its header
    aliases: bool = False  # whether the document has any (then keys moved must not put one above its anchor)
    comments: list[tuple[int, str]] = field(default_factory=list)  # every comment: (offset, text)

    def line(self, i: int) -> str:
        return self.text[self.starts[i] : self.starts[i + 1] - 1]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


_DASHES = re.compile(r"[ \t]*(?:-[ \t]+)*-[ \t]*")
_HEADER = re.compile(r"[|>]([1-9][+-]?|[+-][1-9]?)?")
_FLOW_COMMENT_HINT = "move the comment to a line of its own (comments inside [...] or {...} cannot be kept)"


def _refuse(code: str, message: str, text: str, offset: int, hint: str | None = None) -> FormatRefused:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return FormatRefused(code, message, line, col, hint)


class _Reader:
    """Build the tree from libyaml's events, then place every comment with its neighbour.

    A '#' outside every value starts a comment. The '#'s of the text are found first (there are
    few), and each is passed as the events go by: one inside a value's span is text; one before it
    is a comment, whose neighbours are the value before it and the key or item after it.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = array("q", accumulate((len(line) + 1 for line in text.split("\n")), initial=0))
        self.doc = _Doc(text, self.starts, _Node(_SCALAR, 0, 0, ""))
        self.hashes = [m.start() for m in re.finditer("#", text)]
        self.next_hash = 0  # index in `hashes` of the first '#' not passed yet
        # every key and item: the offset of its key or `-`, the end of the value before it, itself
        self.unit_at = array("q")
        self.unit_after = array("q")
        self.units: list[_Node] = []
        # every comment, as the events passed it: (offset, the value before it, where that ends, in [...])
        self.found: list[tuple[int, _Node | None, int, bool]] = []
        self.prologue_end = 0  # after the `---` line (or the `---`, where the value starts on its line)
        self.epilogue_start = _NOWHERE  # where `...` is

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def pass_hashes(self, start: int, end: int, before: _Node | None, before_end: int, in_flow: bool) -> int:
        """Note the comments that start before `start`; skip the '#'s of the value that spans
        `start`..`end`. Return the offset of the next '#' (`_NOWHERE` when none is left)."""
        hashes, text = self.hashes, self.text
        k = self.next_hash
        while k < len(hashes) and hashes[k] < start:
            at = hashes[k]
            self.found.append((at, before, before_end, in_flow))
            stop = text.find("\n", at)
            stop = len(text) if stop < 0 else stop
            while k < len(hashes) and hashes[k] < stop:  # the rest of its line is the comment's
                k += 1
        while k < len(hashes) and hashes[k] < end:
            k += 1
        self.next_hash = k
        return hashes[k] if k < len(hashes) else _NOWHERE

    # --- the tree ---

    def tree(self) -> _Node:
        text = self.text
        doc = self.doc
        next_event, dispose = _event_source(text)
        stack: list[_Collection] = []
        flow_root: _Collection | None = None
        root: _Node | None = None
        next_hash = self.hashes[0] if self.hashes else _NOWHERE
        last: _Node | None = None  # the value the text has passed, and where it ends
        last_end = 0
        scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
        map_start, seq_start = ev.MappingStartEvent, ev.SequenceStartEvent
        map_end, seq_end = ev.MappingEndEvent, ev.SequenceEndEvent
        try:
            while True:
                event = next_event()
                cls = event.__class__
                if cls is scalar_event or cls is alias_event:
                    start, end = event.start_mark.index, event.end_mark.index
                    if cls is scalar_event:
                        node = _Node(_SCALAR, start, end, event.style or "")
                    else:
                        node = _Node(_ALIAS, start, end, "")
                        node.value = event.anchor
                        doc.aliases = True
                    if not stack:
                        root = node
                    else:
                        parent = stack[-1]
                        if cls is scalar_event and (
                            (parent.kind == _MAP and not len(parent.items) % 2) or text.find("\n", start, end) >= 0
                        ):
                            node.value = event.value  # a key, or a scalar to write on one line
                        parent.items.append(node)
                        if not parent.flow:
                            self.unit(node, parent, last_end)
                    if node.style in ("|", ">"):
                        node.end = end = self.block_scalar(node, stack[-1].col if stack else -1)
                    if end > start:
                        if next_hash < end:
                            next_hash = self.pass_hashes(start, end, last, last_end, flow_root is not None)
                        last, last_end = flow_root or node, end
                elif cls is map_start or cls is seq_start:
                    start, head = event.start_mark.index, event.end_mark.index
                    coll = _Collection(_MAP if cls is map_start else _SEQ, start, head, bool(event.flow_style))
                    if not stack:
                        root = coll
                    else:
                        stack[-1].items.append(coll)
                        if not stack[-1].flow:
                            self.unit(coll, stack[-1], last_end)
                    if coll.flow:
                        coll.head = head
                    else:
                        coll.head = head = self.properties_end(start, head)
                        first = coll.head if cls is map_start else event.end_mark.index
                        if cls is seq_start and (first >= len(text) or text[first] != "-"):
                            first -= 1  # an indentless sequence's event ends after its first dash
                        coll.col = first - self.starts[self.line_of(first)]
                    if head > start:
                        if next_hash < head:
                            next_hash = self.pass_hashes(start, head, last, last_end, flow_root is not None)
                        last, last_end = flow_root or coll, head
                    if coll.flow and flow_root is None:
                        flow_root = coll
                    stack.append(coll)
                elif cls is map_end or cls is seq_end:
                    coll = stack.pop()
                    coll.end = event.end_mark.index
                    if coll is flow_root:
                        if next_hash < coll.end:  # comments before its closing bracket are inside it
                            next_hash = self.pass_hashes(coll.end, coll.end, last, last_end, True)
                        flow_root = None
                        last, last_end = coll, coll.end
                elif cls is ev.DocumentStartEvent:
                    if event.explicit:
                        self.prologue_end = event.end_mark.index
                elif cls is ev.DocumentEndEvent:
                    if event.explicit:
                        self.epilogue_start = event.start_mark.index
                elif cls is ev.StreamEndEvent:
                    break
        finally:
            dispose()
        self.pass_hashes(_NOWHERE, _NOWHERE, last, last_end, False)
        self.unit_at.append(_NOWHERE)  # the end of the document, after every key and item
        self.unit_after.append(last_end)
        assert root is not None  # parse_document refused empty documents before
        doc.root = root
        return root

    def unit(self, node: _Node, parent: _Collection, last_end: int) -> None:
        """Note a key or item: comments right above it go with it."""
        if parent.kind == _MAP:
            if len(parent.items) % 2:
                self.unit_at.append(node.start)
                self.unit_after.append(last_end)
                self.units.append(node)
        else:
            self.unit_at.append(self.dash_of(node, parent.col))
            self.unit_after.append(last_end)
            self.units.append(node)

    def dash_of(self, item: _Node, col: int) -> int:
        """The offset of the `-` that starts a block sequence item: on its line, or on one above."""
        text, starts = self.text, self.starts
        line = self.line_of(item.start)
        while line >= 0:
            at = starts[line] + col
            if at < item.start and text[at : at + 1] == "-" and not text[starts[line] : at].strip(" -"):
                return at
            line -= 1
        raise _refuse("cannot-format", "fmt cannot find the `-` of this list item", text, item.start)

    def properties_end(self, start: int, limit: int) -> int:
        """Where the anchor and tag written before a block collection end."""
        text = self.text
        i = end = start
        while i < limit and text[i] in "&!":
            while i < limit and text[i] not in " \t\n":
                i += 1
            end = i
            while i < limit and text[i] in " \t\n":
                i += 1
        return end

    def block_scalar(self, node: _Node, parent: int) -> int:
        """Note a block scalar's header and content lines; return where its text ends: after its
        last content line (the blank lines after it separate it from what follows, unless kept: `+`)."""
        text, starts, doc = self.text, self.starts, self.doc
        at = node.start
        props = []
        while text[at] in "&!":
            stop = at
            while text[stop] not in " \t\n":
                stop += 1
            props.append(text[at:stop])
            at = stop
            while text[at] in " \t\n":
                at += 1
        if text[at] == "#":
            raise _refuse("cannot-format", "fmt cannot keep a comment between a tag or anchor and its value", text, at)
        hline = self.line_of(at)
        header = doc.line(hline)[at - starts[hline] :].rstrip()
        match = _HEADER.match(header)
        assert match is not None
        indicators = match.group(1) or ""
        comment = header[match.end() :].strip()
        if comment:
            doc.headers[node] = comment
        step = int(next((c for c in indicators if c.isdigit()), "0"))
        keep = "+" in indicators
        # the lines up to where libyaml stopped (it may have read the next line's indentation)
        stop_line = self.line_of(node.end)
        if node.end == len(text) and text[starts[stop_line] : node.end].strip(" "):
            stop_line += 1  # the file ends on a content line, without a line break
        first = hline + 1
        lines = [doc.line(i) for i in range(first, stop_line)]
        if step:
            indent = parent + step if parent >= 0 else step
        else:
            indent = next(
                (len(line) - len(line.lstrip(" ")) for line in lines if line.strip(" ")),
                max(map(len, lines), default=0),
            )
        if not keep:
            while lines and len(lines[-1]) <= indent and not lines[-1].strip(" "):
                lines.pop()
        stop_line = first + len(lines)
        block = _Block(" ".join([*props, header]), first, stop_line, indent, step, keep)
        block.no_newline = stop_line == len(starts) - 1 and bool(lines) and not text.endswith("\n")
        doc.blocks[node] = block
        return min(starts[stop_line], len(text))

    # --- the comments ---

    def read(self) -> _Doc:
        text, starts, doc = self.text, self.starts, self.doc
        root = self.tree()
        prologue_end, epilogue_start = self.prologue_end, self.epilogue_start

        floor = 0  # the first line after the prologue: directives, comments before `---`, the `---` line
        if prologue_end:
            last = self.line_of(prologue_end)
            marker_line = doc.line(last)
            doc.on_marker = self.line_of(root.start) == last
            if doc.on_marker:  # the value goes on after `---` on its line
                marker_line = marker_line[: prologue_end - starts[last]]
            else:
                prologue_end = min(starts[last + 1], len(text))
            doc.prologue = _tidy_blank_lines(
                [doc.line(i).rstrip() for i in range(last)] + [marker_line.rstrip()], top=True
            )
            floor = last + 1

        full: dict[int, tuple[int, str]] = {}  # line -> a comment alone on it: (offset, text)
        for at, before, before_end, in_flow in self.found:
            stop = text.find("\n", at)
            body = text[at : len(text) if stop < 0 else stop].rstrip()
            doc.comments.append((at, body))
            if at < prologue_end or at >= epilogue_start:
                continue  # kept with the prologue or the epilogue, as written
            if in_flow:
                raise _refuse(
                    "fmt-unfaithful", f"formatting would drop the comment {body!r}", text, at, _FLOW_COMMENT_HINT
                )
            line = self.line_of(at)
            ahead = text[starts[line] : at]
            if not ahead.strip(" \t"):
                full[line] = (at, body)
            else:
                self.end_of_line(at, line, ahead, body, before, before_end)
        doc.comments += [(node.start, body) for node, body in doc.headers.items()]
        doc.comments.sort()

        # each comment block goes with the key or item below it
        unit_at, unit_after = self.unit_at, self.unit_after
        previous = -1
        for k, node in enumerate(self.units):
            line = self.line_of(unit_at[k])
            if line != previous:  # (the first key on a `- ` line: the comments above are its item's)
                lead = self.block_above(line, unit_after[k], floor, full)
                if lead:
                    doc.lead[node] = lead
            previous = line
        end_line = self.line_of(epilogue_start) if epilogue_start < _NOWHERE else len(starts) - 1
        doc.end = self.block_above(end_line, unit_after[-1], floor, full)

        # the comments above the first value that describe the file: those above a blank line, and
        # a `# yaml-language-server` line first
        if isinstance(root, _Collection) and not root.flow and not doc.on_marker:
            first = self.units[0]
            lead = doc.lead.pop(first, [])
            cut = max((i + 1 for i, c in enumerate(lead) if c == ""), default=0)
            schema = next((i + 1 for i, c in enumerate(lead) if c), 0)
            if schema and lead[schema - 1].startswith(SCHEMA_LINE) and doc.line(floor).startswith(SCHEMA_LINE):
                cut = max(cut, schema)
            doc.head = lead[:cut]
            if lead[cut:]:
                doc.lead[first] = lead[cut:]
        elif not doc.on_marker:
            doc.head = self.block_above(self.line_of(root.start), 0, floor, full)
        if full:
            _, (at, body) = min(full.items())
            raise _refuse(
                "cannot-format",
                f"fmt cannot tell which key the comment {body!r} describes (it stands between a key and its value)",
                text,
                at,
                hint="move the comment above the key, or to the end of the key's line",
            )
        if epilogue_start < _NOWHERE:
            epilogue = [doc.line(i).rstrip() for i in range(self.line_of(epilogue_start), len(starts) - 1)]
            doc.epilogue = _tidy_blank_lines(epilogue)
            while doc.epilogue and not doc.epilogue[-1]:
                doc.epilogue.pop()
        return doc

    def end_of_line(self, at: int, line: int, ahead: str, body: str, before: _Node | None, before_end: int) -> None:
        """Give an end-of-line comment to the value, key or properties it follows, or to the `-` it follows."""
        doc = self.doc
        ws = ahead[len(ahead.rstrip(" \t")) :] or " "
        if before is not None and before_end > self.starts[line]:
            doc.after[before] = (ws, body)
            return
        if _DASHES.fullmatch(ahead):
            dash = self.starts[line] + ahead.rstrip(" \t").rfind("-")
            k = bisect.bisect_left(self.unit_at, dash)
            if k < len(self.units) and self.unit_at[k] == dash:
                doc.dash[self.units[k]] = (ws, body)
                return
        raise _refuse(
            "cannot-format",
            f"fmt cannot keep the comment {body!r} where it is",
            self.text,
            at,
            hint="move the comment to a line of its own, above the key it describes",
        )

    def block_above(self, line: int, covered: int, floor: int, full: dict[int, tuple[int, str]]) -> list[str]:
        """The comments and blank lines right above `line`, up to the line where the value before
        them ends (at `covered`: a blank line before that is part of it)."""
        starts, text = self.starts, self.text
        out: list[str] = []
        j = line - 1
        while j >= floor and starts[j] >= covered:
            found = full.pop(j, None)
            if found is not None:
                out.append(found[1])
            elif not text[starts[j] : starts[j + 1] - 1].strip(" \t"):
                out.append("")
            else:
                break
            j -= 1
        out.reverse()
        return _tidy_blank_lines(out)


def _tidy_blank_lines(lines: list[str], *, top: bool = False) -> list[str]:
    """Never two blank lines in a row (and, at the `top` of the file, none first)."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]) or (not out and not top):
            out.append(line)
    return out


# --- writing the canonical layout ---------------------------------------------------------------


class _Writer:
    """Lay a document out again: the same nodes, in the model's key order, at canonical indentation."""

    def __init__(self, doc: _Doc, plan: type[Model] | None) -> None:
        self.doc = doc
        self.text = doc.text
        self.plan = plan
        self.out: list[str] = []
        self.no_blank = True  # a blank line here would be dropped (top of file) or read as text (after `|+`)
        self.anchors: set[str] | None = set() if doc.aliases else None  # the anchors written so far

    def write(self) -> str:
        doc = self.doc
        self.out.extend(doc.prologue)
        self.no_blank = not doc.prologue
        marker = self.out.pop() + " " if doc.on_marker else ""  # the value goes on with the `---` line
        self.comments(doc.head, 0)
        root = doc.root
        if root.kind in (_MAP, _SEQ) and not root.flow:
            props = self.properties(root)
            if props:
                self.emit(marker + props + self.after(root))
            elif marker:
                self.emit(marker.rstrip())
            self.collection(root, self.plan, 0)
        else:
            self.value_lines(root, marker, -1, 0)
        self.comments(doc.end, 0)
        while self.out and self.out[-1] == "" and not self.no_blank:
            self.out.pop()
        self.out.extend(doc.epilogue)
        return "\n".join(self.out) + "\n"

    def emit(self, line: str) -> None:
        self.out.append(line)
        self.no_blank = False

    def after(self, node: _Node) -> str:
        """The comment at the end of `node`'s line, with the white space before it."""
        comment = self.doc.after.get(node)
        return comment[0] + comment[1] if comment is not None else ""

    def comments(self, lead: list[str] | None, indent: int, *, blanks: str = "all") -> None:
        """A comment block at `indent`; `blanks`: "all", "inner" (not before its first comment), "none"."""
        if not lead:
            return
        pad = " " * indent
        for i, line in enumerate(lead):
            if line:
                self.emit(pad + line)
            elif blanks != "none" and (i or blanks == "all") and not self.no_blank and self.out[-1:] != [""]:
                self.out.append("")

    def properties_line(self, node: _Node, indent: int) -> None:
        """A block collection's anchor or tag on a line of its own (at the top, or after `- # comment`)."""
        props = self.properties(node)
        if props:
            self.emit(" " * indent + props + self.after(node))

    def anchored(self, node: _Node) -> None:
        """Note the anchor `node` defines; refuse an alias whose anchor is not written above it yet
        (keys put in order may move a value that an alias above refers to)."""
        if self.anchors is None:
            return
        if node.kind == _ALIAS:
            if node.value not in self.anchors:
                raise _refuse(
                    "cannot-format",
                    f"putting the keys in order would move the alias *{node.value} above its anchor &{node.value}",
                    self.text,
                    node.start,
                    hint="write the value out where the alias is (plan files need no aliases), then run fmt again",
                )
            return
        props, _ = _split_properties(self.text, node)
        self.anchors.update(word[1:] for word in props.split() if word.startswith("&"))

    def properties(self, node: _Node) -> str:
        self.anchored(node)
        return " ".join(self.text[node.start : node.head].split()) if node.head > node.start else ""

    # --- block collections ---

    def mapping(self, node: _Node, model: type[Model] | None, indent: int, pairs: list[_Pair] | None = None) -> None:
        lead = self.doc.lead
        fields = _field_models(model) if model is not None else {}
        for n, (key, value, moved) in enumerate(pairs or _ordered(node, model)):
            # a key moved to the top of its mapping brings no blank line; to the top of the file, none
            # at all: comments there above a blank line would describe the file, not the key
            blanks = "all" if n or not moved else "none" if node is self.doc.root else "inner"
            self.comments(lead.get(key), indent, blanks=blanks)
            name = _key_name(key)
            self.entry(key, value, fields.get(name) if name is not None else None, indent)

    def entry(self, key: _Node, value: _Node, model: type[Model] | None, indent: int) -> None:
        pad = " " * indent
        head = pad + self.key_text(key) + ":"
        key_comment = self.after(key)
        if value.kind >= _MAP and not value.flow:
            props = self.properties(value)
            if props and not key_comment:
                self.emit(head + " " + props + self.after(value))
            else:
                self.emit(head + key_comment)
                if props:
                    self.properties_line(value, indent + 2)
            self.collection(value, model, indent + 2)
        elif key_comment:
            self.emit(head + key_comment)
            self.value_lines(value, pad + "  ", indent, indent + 2)
        else:
            self.value_lines(value, head + " ", indent, indent + 2)

    def sequence(self, node: _Node, model: type[Model] | None, indent: int) -> None:
        pad = " " * indent
        inner = indent + 2
        lead, dash = self.doc.lead, self.doc.dash
        for item in node.items:
            self.comments(lead.get(item), indent)
            if item in dash:
                self.emit(pad + "-" + dash[item][0] + dash[item][1])
                self.detached(item, model, inner)
            elif item.kind >= _MAP and not item.flow:
                props = self.properties(item)
                pairs = _ordered(item, model) if item.kind == _MAP else None
                first = pairs[0][0] if pairs else item.items[0]
                if props:
                    self.emit(pad + "- " + props + self.after(item))
                    self.collection(item, model, inner, pairs)
                elif any(lead.get(first, ())):  # comments above its first key: they stay right above it
                    self.emit(pad + "-")
                    self.collection(item, model, inner, pairs)
                else:  # its first key on the `-` line
                    at = len(self.out)
                    self.no_blank = True
                    self.collection(item, model, inner, pairs)
                    self.out[at] = pad + "- " + self.out[at][inner:]
            else:
                self.value_lines(item, pad + "- ", indent, inner)

    def detached(self, node: _Node, model: type[Model] | None, indent: int) -> None:
        """A sequence item's content on the lines after its `-`."""
        if node.kind >= _MAP and not node.flow:
            self.properties_line(node, indent)
            self.collection(node, model, indent)
        else:
            self.value_lines(node, " " * indent, indent - 2, indent)

    def collection(self, node: _Node, model: type[Model] | None, indent: int, pairs: list[_Pair] | None = None) -> None:
        if node.kind == _MAP:
            self.mapping(node, model, indent, pairs)
        else:
            self.sequence(node, model, indent)

    # --- values on one line (or a few) ---

    def value_lines(self, node: _Node, prefix: str, parent: int, indent: int) -> None:
        """A scalar, alias or flow collection after `prefix`; continuation lines at `indent`."""
        if self.anchors is not None and node.kind < _MAP:
            self.anchored(node)
        block = self.doc.blocks.get(node)
        if block is not None:
            self.block_scalar(block, prefix, parent)
            return
        if node.end == node.start:  # an empty value
            if prefix.strip() or node in self.doc.after:
                self.emit(prefix.rstrip() + self.after(node))
            return
        if node.kind == _SCALAR and self.text.find("\n", node.start, node.end) < 0:  # most values
            self.emit(prefix + self.text[node.start : node.end] + self.after(node))
            return
        lines = self.inline(node, "value")
        if len(lines) == 1:
            self.emit(prefix + lines[0] + self.after(node))
            return
        self.emit(prefix + lines[0])
        pad = " " * indent
        for line in lines[1:-1]:
            if line:
                self.emit(pad + line)
            else:
                self.out.append("")
        self.emit(pad + lines[-1] + self.after(node))

    def block_scalar(self, block: _Block, prefix: str, parent: int) -> None:
        header = block.header
        if block.no_newline:  # the file ended inside the text: keep its missing final line break
            header = _strip_chomping(header)
        self.emit(prefix + header)
        base = parent if parent >= 0 else 0
        indent = (base + block.step if parent >= 0 else block.step) if block.step else base + 2
        pad = " " * indent
        old = block.indent
        for i in range(block.first, block.stop):
            line = self.doc.line(i)
            if len(line) > old:
                self.out.append(pad + line[old:])
            else:
                self.out.append("")
        self.no_blank = block.keep

    def key_text(self, key: _Node) -> str:
        if self.anchors is not None:
            self.anchored(key)
        if key.kind == _ALIAS:
            return self.text[key.start : key.end] + " "
        if key.kind == _SCALAR and key not in self.doc.blocks:
            if key.end == key.start:
                return ""
            lines = self.inline(key, "key")
            if len(lines) == 1:
                return lines[0]
        raise _refuse(
            "cannot-format",
            "fmt cannot write this key on one line",
            self.text,
            key.start,
            hint="write the key as a plain or quoted scalar on one line",
        )

    def inline(self, node: _Node, context: str) -> list[str]:
        """A scalar, alias or flow collection as one line (or, failing that, its lines, stripped)."""
        text = self.text
        if node.kind >= _MAP:
            return [self.flow(node)]
        if text.find("\n", node.start, node.end) < 0:
            return [text[node.start : node.end]]
        joined = _joined(text, node)
        if joined is not None and _reads_as(joined, node, context):
            return [joined]
        if context != "value":
            raise _refuse(
                "cannot-format",
                "fmt cannot write this value on one line inside [...] or {...}"
                if context.startswith("flow")
                else "fmt cannot write this key on one line",
                text,
                node.start,
                hint="write it on one line",
            )
        return _stripped_lines(text, node)

    def flow(self, node: _Node) -> str:
        """A flow collection on one line: `[a, b]`, `{k: v}`."""
        text = self.text
        if self.anchors is not None:
            self.anchored(node)
        if node.kind in (_SCALAR, _ALIAS):
            if node.end == node.start:
                return ""
            return self.inline(node, "flow")[0]
        props = " ".join(text[node.start : node.head].split())
        bracketed = props.endswith(("[", "{"))
        if bracketed:
            props = props[:-1].rstrip()
        items = node.items
        if node.kind == _SEQ:
            body = ", ".join(self.flow(item) for item in items)
            out = f"[{body}]"
        else:
            parts = []
            for key, value in zip(items[::2], items[1::2], strict=True):
                k = self.flow(key) + (" " if key.kind == _ALIAS else "")
                if value.end == value.start and value.kind == _SCALAR:
                    parts.append(k if bracketed else k + ": ")
                else:
                    parts.append(f"{k}: {self.flow(value)}")
            body = ", ".join(parts)
            out = f"{{{body}}}" if bracketed else body
        return f"{props} {out}" if props else out


def _strip_chomping(header: str) -> str:
    """`|` or `|+` as `|-`: a text the file ends in, without a line break, keeps ending without one."""
    out = []
    done = False
    for word in header.split(" "):
        match = _HEADER.fullmatch(word) if not done else None
        if match is not None:
            indicators = (match.group(1) or "").replace("+", "").replace("-", "")
            word = word[0] + indicators + "-"
            done = True
        out.append(word)
    return " ".join(out)


def _odd_backslashes(s: str) -> bool:
    return (len(s) - len(s.rstrip("\\"))) % 2 == 1


def _rstrip_unescaped(s: str) -> str:
    """Trailing white space of a double-quoted line, except an escaped one (`\\ `)."""
    t = s.rstrip(" \t")
    if len(t) < len(s) and _odd_backslashes(t):
        t += s[len(t)]
    return t


def _split_properties(text: str, node: _Node) -> tuple[str, str]:
    """A scalar's anchor and tag, and its text."""
    i, end = node.start, node.end
    props = []
    while i < end and text[i] in "&!":
        j = i
        while j < end and text[j] not in " \t\n":
            j += 1
        props.append(text[i:j])
        i = j
        while i < end and text[i] in " \t\n":
            i += 1
    return " ".join(props), text[i:end]


def _joined(text: str, node: _Node) -> str | None:
    """A multi-line plain or quoted scalar written on one line, or None where that cannot be done."""
    props, body = _split_properties(text, node)
    lines = body.split("\n")
    if node.style == '"':
        out = lines[0]
        j = 1
        while j < len(lines):
            k = j
            while k < len(lines) - 1 and not lines[k].strip(" \t"):
                k += 1
            empties = k - j
            following = lines[k].lstrip(" \t")
            if _odd_backslashes(out):  # an escaped line break: the lines join without a space
                out = out[:-1] + "\\n" * empties + following
            else:
                out = _rstrip_unescaped(out) + ("\\n" * empties if empties else " ") + following
            j = k + 1
    else:
        parts = [line.strip(" \t") for line in lines]
        if any(not part for part in parts):
            return None  # a blank line is a line break in the text: plain and single-quoted can't say it
        out = " ".join(parts)
    return f"{props} {out}" if props else out


def _stripped_lines(text: str, node: _Node) -> list[str]:
    """A multi-line scalar's lines, each without its indentation (the continuation's indentation is free)."""
    props, body = _split_properties(text, node)
    lines = body.split("\n")
    strip = _rstrip_unescaped if node.style == '"' else (lambda s: s.rstrip(" \t"))
    out = [strip(lines[0])] + [strip(line.lstrip(" \t")) for line in lines[1:]]
    if props:
        out[0] = f"{props} {out[0]}"
    return out


_PROBES = {"value": ("- ", "\n"), "key": ("", ": x\n"), "flow": ("[", "]\n")}


def _reads_as(candidate: str, node: _Node, context: str) -> bool:
    """Whether libyaml reads `candidate` as the same scalar as `node` where it will be written."""
    before, after = _PROBES.get(context, _PROBES["flow"])
    next_event, dispose = _event_source(before + candidate + after)
    try:
        while True:
            event = next_event()
            if isinstance(event, ev.ScalarEvent):
                return bool(event.value == node.value and (event.style or "") == node.style)
            if isinstance(event, (ev.MappingStartEvent, ev.AliasEvent, ev.StreamEndEvent)) and context != "key":
                return False
    except YAMLError:
        return False
    finally:
        dispose()


# --- key order from the model -------------------------------------------------------------------


def _key_name(key: _Node) -> str | None:
    """The key as the model names fields: a string, or None (an alias, a number, ...)."""
    if key.kind != _SCALAR:
        return None
    if key.style:
        return key.value
    name = _PLAIN_KEYS.get(key.value, "")
    if name == "":
        resolved = resolve_plain(key.value)
        name = _PLAIN_KEYS[key.value] = resolved if isinstance(resolved, str) else None
    return name


_PLAIN_KEYS: dict[str, str | None] = {}


_FIELDS: dict[type, dict[str, Any]] = {}


def _field_models(model: type[Model]) -> dict[str, type[Model] | None]:
    """Field name -> the model its value (or its list's items) follows, in declaration order."""
    found = _FIELDS.get(model)
    if found is None:
        from planctl.model.plan import fields_of

        found = _FIELDS[model] = {name: _model_in(spec.annotation) for name, spec in fields_of(model).items()}
    return found


def _model_in(annotation: Any) -> type[Model] | None:
    from planctl.model.plan import is_model

    if is_model(annotation):
        return annotation  # type: ignore[no-any-return]
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


_Pair = tuple[_Node, _Node, bool]


def _ordered(node: _Node, model: type[Model] | None) -> list[_Pair]:
    """A block mapping's (key, value, moved to the top) in the model's field order, unknown keys last."""
    items = node.items
    pairs = [(items[i], items[i + 1], False) for i in range(0, len(items), 2)]
    if model is None:
        return pairs
    fields = _field_models(model)
    known: dict[str, _Pair] = {}
    rest = []
    for pair in pairs:
        name = _key_name(pair[0])
        if name is not None and name in fields and name not in known:
            known[name] = pair
        else:
            rest.append(pair)
    ordered = [known[name] for name in fields if name in known] + rest
    if ordered[0] is not pairs[0]:
        ordered[0] = (ordered[0][0], ordered[0][1], True)
    return ordered


# --- what fmt promises to keep: every comment with its neighbour ---------------------------------

Slot = tuple[Any, ...]


def _placed_comments(doc: _Doc) -> dict[Slot, list[str]]:
    """Each comment by what it goes with: (where, path of the key or item) -> its comments, in order."""
    placed: dict[Slot, list[str]] = {}

    def put(slot: Slot, texts: list[str] | None) -> None:
        texts = [t for t in texts or () if t]
        if texts:
            placed.setdefault(slot, []).extend(texts)

    put(("prologue",), [line.strip() for line in doc.prologue if "#" in line])
    put(("head",), doc.head)
    put(("end",), doc.end)
    put(("epilogue",), [line.strip() for line in doc.epilogue if "#" in line])
    commented = doc.lead.keys() | doc.after.keys() | doc.dash.keys() | doc.headers.keys()
    if not commented:
        return placed
    # paths as (parent's path, step) links, spelt out only for the nodes that have comments
    todo: list[tuple[_Node, Any]] = [(doc.root, None)]
    while todo:
        node, link = todo.pop()
        if node in commented:
            path = _spelt(link)
            put(("above", path), doc.lead.get(node))
            if node in doc.after:
                put(("after", path), [doc.after[node][1]])
            if node in doc.dash:
                put(("dash", path), [doc.dash[node][1]])
            if node in doc.headers:
                put(("header", path), [doc.headers[node]])
        items = node.items
        if not items or node.flow:
            continue
        if node.kind == _SEQ:
            todo += [(item, (link, i)) for i, item in enumerate(items)]
        else:
            for i in range(0, len(items), 2):
                key = items[i]
                step = (link, (key.kind, key.style == "", key.value))
                if key in commented:
                    put(("above", _spelt(step)), doc.lead.get(key))
                    if key in doc.after:
                        put(("key", _spelt(step)), [doc.after[key][1]])
                todo.append((items[i + 1], step))
    return placed


def _spelt(link: Any) -> tuple[Any, ...]:
    steps = []
    while link is not None:
        link, step = link
        steps.append(step)
    return tuple(reversed(steps))


def comment_texts(text: str) -> Counter[str]:
    """Every comment of a YAML text, stripped, counted: what `fmt` promises to keep."""
    return Counter(body for _, body in _read(_normalised(text)).comments)


# --- format and verify --------------------------------------------------------------------------


def _normalised(text: str) -> str:
    """Line breaks as `\\n` (YAML reads `\\r\\n` and `\\r` the same way), no byte-order mark."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _read(text: str) -> _Doc:
    try:
        return _Reader(text).read()
    except YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise FormatRefused(
            "cannot-format",
            f"the YAML layout of this file cannot be rewritten: {getattr(e, 'problem', None) or e}",
            line,
            col,
        ) from e


def _plan_model() -> type[Model]:
    from planctl.model.plan import Plan

    return Plan


def layout(doc: _Doc) -> str:
    """The canonical text of a document as read."""
    return _Writer(doc, _plan_model()).write()


def format_text(text: str) -> str:
    """The canonical layout of a plan file's text; raise FormatRefused if it cannot be made faithfully.

    The layout is proven safe before it is returned, as black proves its own: the same data
    (`_same_data`), every comment with the same neighbour, and formatting it again changes nothing
    (`_same_comments_and_stable`).
    """
    try:
        before = parse_document(text, positions=False).data
    except YamlError as e:
        raise FormatRefused(e.code, e.message, e.line, e.col, e.hint) from e
    doc = _read(_normalised(text))
    formatted = layout(doc)
    if formatted == text:
        return text
    placed = _placed_comments(doc)
    del doc  # the proof reads the new text: never two readings at once (a 10 MB plan is 60 MB of nodes)
    _same_data(text, before, formatted)
    del before
    _same_comments_and_stable(text, placed, formatted)
    return formatted


def _same_data(original: str, before: Any, formatted: str) -> None:
    """Refuse unless `formatted` holds exactly the data `original` held (`before`)."""
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


def _same_comments_and_stable(original: str, placed: dict[Slot, list[str]], formatted: str) -> None:
    """Refuse unless every comment of `original` (`placed`) has the same neighbour in `formatted`:
    the key or item below it, the line it ends; and unless `formatted` is its own layout."""
    try:
        again = _read(formatted)
    except FormatRefused as e:
        raise FormatRefused(
            "fmt-unfaithful",
            f"formatting would leave a comment without a neighbour ({e.message})",
            hint="this is a bug in planctl fmt; please report it with the file",
        ) from e
    _same_comments(original, placed, _placed_comments(again))
    first = original.lstrip("\ufeff").split("\n", 1)[0]
    if first.startswith(SCHEMA_LINE) and not formatted.startswith(first.rstrip()):
        raise FormatRefused("fmt-unfaithful", "formatting would move the `# yaml-language-server` line", 1, 1)
    if layout(again) != formatted:
        raise FormatRefused(
            "fmt-unstable",
            "this file has no stable canonical layout (formatting it twice gives two results)",
            hint="this is a bug in planctl fmt; please report it with the file",
        )


def _same_comments(original: str, old: dict[Slot, list[str]], new: dict[Slot, list[str]]) -> None:
    if old == new:
        return
    for slot in sorted(set(old) | set(new), key=repr):
        mine, theirs = old.get(slot, []), new.get(slot, [])
        if mine == theirs:
            continue
        missing = Counter(mine) - Counter(theirs)
        body = next(iter(missing), None) or next(iter(Counter(theirs) - Counter(mine)), None) or mine[0]
        line = next((i + 1 for i, text in enumerate(original.split("\n")) if body in text), 0)
        everywhere = Counter(c for texts in new.values() for c in texts)
        verb = "move" if everywhere[body] else "drop"
        raise FormatRefused(
            "fmt-unfaithful",
            f"formatting would {verb} the comment {body!r}",
            line,
            1 if line else 0,
            hint="planctl leaves this file as it is; put the comment on its own line above the key it describes",
        )


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


def format_file(
    path: Path, *, write: bool, max_bytes: int = DEFAULT_MAX_BYTES, within: list[Path] | None = None
) -> FormatResult:
    """Format one file; with `write`, replace it atomically when its layout changes.

    `within`: the folders it may be written in when it is a symbolic link (default: its own folder).
    """
    from planctl import cache

    name = str(path)
    try:
        data = read_bytes(path, max_bytes)
    except InputError as e:
        return FormatResult(path, "unreadable", e.diagnostic(path))
    except FileContentError as e:
        return FormatResult(path, "refused", e.diagnostic(name))
    memo = cache.canonical_entry(data)
    if memo is not None and cache.known_canonical(memo):
        return FormatResult(path, "unchanged")
    try:
        original = decode(data)
        formatted = format_text(original)
    except FileContentError as e:
        return FormatResult(path, "refused", e.diagnostic(name))
    except FormatRefused as e:
        return FormatResult(path, "refused", e.diagnostic(name), original)
    if formatted == original:
        if memo is not None:
            cache.remember_canonical(memo)
        return FormatResult(path, "unchanged", None, original, formatted)
    if not write:
        return FormatResult(path, "would-reformat", None, original, formatted)
    target = Path(os.path.realpath(path))
    outside = _outside(path, target, within)
    if outside is not None:
        problem = Diagnostic(
            name,
            0,
            0,
            "symlink-outside",
            f"is a symbolic link to {target}, outside {outside}",
            hint="format the file where it is (planctl fmt on its real path), or replace the link by the file",
        )
        return FormatResult(path, "unwritable", problem, original, formatted)
    from planctl.files.writing import write_atomic

    try:
        write_atomic(target, formatted)
    except InputError as e:
        problem = replace(e.diagnostic(target, "unwritable"), file=name)  # named as the user gave it
        return FormatResult(path, "unwritable", problem, original, formatted)
    written = cache.canonical_entry(formatted.encode("utf-8"))
    if written is not None:
        cache.remember_canonical(written)
    return FormatResult(path, "reformatted", None, original, formatted)


def _outside(path: Path, target: Path, within: list[Path] | None) -> str | None:
    """The folder a link's target is outside of, or None when the file may be written where it is."""
    folders = [Path(os.path.realpath(f)) for f in (within or [path.parent])]
    repo = _repository(path)
    if repo is not None:
        folders.append(repo)
    if any(target.is_relative_to(f) for f in folders):
        return None
    shown = within[0] if within else path.parent
    return str(shown) + (f" and the repository {repo}" if repo is not None else "")


def _repository(path: Path) -> Path | None:
    """The top folder of the git work tree holding `path` (where `.git` is), if any."""
    folder = Path(os.path.realpath(path.parent))
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def format_paths(paths: list[Path], *, write: bool, max_bytes: int = DEFAULT_MAX_BYTES) -> list[FormatResult]:
    """Format every plan file under `paths`; one file that cannot be formatted does not stop the others.

    A file reached through a symbolic link is rewritten only where it lies inside the folder it was
    found in (or named in) or inside that folder's git repository.
    """
    found = [(given, discover([given])) for given in paths]  # every path checked before any file is written
    seen: set[str] = set()
    results = []
    for given, files in found:
        within = [given] if given.is_dir() else None
        for p in files:
            real = os.path.realpath(p)  # each file once, however it was named
            if real not in seen:
                seen.add(real)
                results.append(format_file(p, write=write, max_bytes=max_bytes, within=within))
    return results

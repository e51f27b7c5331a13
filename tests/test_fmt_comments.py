"""fmt keeps every comment next to what it describes: a property over generated messy plans.

Each generated plan has comments before every kind of key and list item (first and last keys of a
mapping, items of lists nested at several depths, keys after block scalars of every style, after
flow collections, after multi-line scalars) and at the end of every kind of line. Each comment
carries a unique marker; its *neighbour* is worked out from the text alone, independently of fmt:
for a comment on a line of its own, the key or list item on the next line that holds one (or the
top of the file, or its end); for an end-of-line comment, the key or item its line ends. fmt must
leave every neighbour as it was, indent each comment like its neighbour, keep the data, and give a
text that formats to itself.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planctl.files.yaml import parse_document
from planctl.fmt import format_text
from tests.conftest import examples

# keys of the plan model (so that fmt reorders them, at every depth) and keys it does not know
KEYS = ["id", "title", "text", "goals", "objectives", "activities", "calendar", "date", "tentative", "period"]
KEYS += ["start", "end", "countries", "notes", "key_dates", "summary", "x_unknown", "zeta"]
WORDS = ["alpha", "beta", "gamma", "delta", "Laos", "Kenya", "plan", "goal", "x", "é", "ünï"]
STYLES = ["|", ">", "|-", ">-", "|+", ">+"]

FULL = re.compile(r"^ *# c(\d+)$")
TRAILING = re.compile(r"\S[ \t]+# t(\d+)$")
DASH_ALONE = re.compile(r"^ *-[ \t]+# t(\d+)$")


@dataclass
class Out:
    """The text being written, and what the next comment may look like."""

    lines: list[str] = field(default_factory=list)
    marker: int = 0
    comment_indent_below: int | None = None  # after a block scalar: comments less indented than its text

    def add(self, line: str) -> None:
        self.lines.append(line)
        self.comment_indent_below = None

    def next_marker(self) -> int:
        self.marker += 1
        return self.marker


def _words(draw: Any, lo: int = 1, hi: int = 4) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=lo, max_size=hi)))


def _comment_block(draw: Any, out: Out, indent: int) -> None:
    """Maybe some full-line comments (and blank lines) before the next key or item."""
    if not draw(st.integers(0, 2)):
        return
    most = 8 if out.comment_indent_below is None else out.comment_indent_below - 1
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 4)) == 0:
            out.lines.append(" " * draw(st.integers(0, 3)))
        col = draw(st.sampled_from([indent, indent, 0, draw(st.integers(0, 8))]))
        out.lines.append(" " * min(col, most) + f"# c{out.next_marker()}")
    if draw(st.integers(0, 4)) == 0:
        out.lines.append("")


def _trailing(draw: Any, out: Out, *, tabs: bool = True) -> str:
    if draw(st.integers(0, 2)):
        return ""
    spaces = [" ", "  ", "   ", "\t", " \t"] if tabs else [" ", "  ", "   "]  # (libyaml takes no tab after `-`)
    return draw(st.sampled_from(spaces)) + f"# t{out.next_marker()}"


def _scalar_text(draw: Any) -> str:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return str(draw(st.integers(-5, 3000)))
    if kind == 1:
        return draw(st.sampled_from(["true", "null", "2017-02-30", "NO", "1.5", "~"]))
    if kind == 2:
        return '"' + _words(draw).replace("a", "\\u00a0", 1) + '"'
    if kind == 3:
        return "'" + _words(draw) + "'"
    return _words(draw)


def _block_scalar(draw: Any, out: Out, head: str, parent: int) -> None:
    """`head` then a block scalar whose text is indented more than `parent` (the column of its key or dash)."""
    style = draw(st.sampled_from(STYLES))
    explicit = draw(st.integers(0, 3)) == 0
    step = draw(st.integers(1, 4))
    indicator = style[0] + (str(step) if explicit else "") + style[1:]
    indent = (parent if parent >= 0 else 0) + step if explicit else parent + draw(st.integers(1, 4))
    indent = max(indent, 1)
    out.add(head + indicator + _trailing(draw, out))
    for n in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 6))
        if kind == 0 and n:
            out.lines.append("")
        elif kind == 1 and (n or explicit):  # more indented: not first, where it would set the indentation
            out.lines.append(" " * (indent + draw(st.integers(1, 3))) + _words(draw))
        elif kind == 2:
            out.lines.append(" " * indent + "#hash is text here " + _words(draw))
        else:
            out.lines.append(" " * indent + _words(draw) + " " * draw(st.integers(0, 1)))
    for _ in range(draw(st.integers(0, 2))):
        out.lines.append(" " * draw(st.integers(0, indent)))
    out.comment_indent_below = parent + 1 if parent >= 0 else 1


def _flow(draw: Any, depth: int = 0) -> str:
    kind = draw(st.integers(0, 3 if depth < 2 else 1))
    if kind == 0:
        return "[" + ", ".join(_words(draw, 1, 2) for _ in range(draw(st.integers(0, 3)))) + "]"
    if kind == 1:
        return "[" + ", ".join(_scalar_text(draw) for _ in range(draw(st.integers(1, 3)))) + "]"
    if kind == 2:
        return "{" + ", ".join(f"k{i}: {_flow(draw, depth + 1)}" for i in range(draw(st.integers(1, 2)))) + "}"
    return "[" + ", ".join(_flow(draw, depth + 1) for _ in range(draw(st.integers(1, 2)))) + "]"


def _value(draw: Any, out: Out, head: str, parent: int, depth: int) -> None:
    """A value after `head` (`key:` or `- `), for a key or dash at column `parent`."""
    kind = draw(st.integers(0, 9 if depth < 4 else 5))
    sep = " " * draw(st.integers(1, 2))
    if kind <= 1:
        out.add(head.rstrip() + sep + _scalar_text(draw) + _trailing(draw, out))
    elif kind == 2:
        out.add(head.rstrip() + sep + _flow(draw) + _trailing(draw, out))
    elif kind == 3:
        _block_scalar(draw, out, head.rstrip() + sep, parent)
    elif kind == 4:  # a paragraph folded over lines, plain or double-quoted
        cont = " " * (parent + draw(st.integers(1, 4)))
        parts = [_words(draw, 1, 3) for _ in range(draw(st.integers(2, 3)))]
        if draw(st.booleans()):
            out.add(head.rstrip() + sep + ("\n" + cont).join(parts))
        else:
            joined = ("\n" + cont).join(parts).replace("beta", "be\\tta")
            out.add(head.rstrip() + sep + '"' + joined + '"')
    elif kind == 5:  # a flow collection over lines
        items = [_words(draw, 1, 2) for _ in range(draw(st.integers(2, 3)))]
        cont = " " * (parent + draw(st.integers(1, 4)))
        out.add(head.rstrip() + sep + "[" + (",\n" + cont).join(items) + "]" + _trailing(draw, out))
    elif kind in (6, 7):
        out.add(head.rstrip() + _trailing(draw, out, tabs=not head.rstrip().endswith("-")))
        _mapping(draw, out, parent + draw(st.integers(1, 4)), None, depth + 1)
    else:
        out.add(head.rstrip() + _trailing(draw, out, tabs=not head.rstrip().endswith("-")))
        offset = draw(st.sampled_from([0, 2, 2, 3])) if head.strip() != "-" else 2
        _sequence(draw, out, parent + offset, depth + 1)


def _mapping(draw: Any, out: Out, indent: int, first_prefix: str | None, depth: int) -> None:
    """A block mapping at `indent`; its first key after `first_prefix` (`- `) if given."""
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4, unique=True))
    for n, key in enumerate(keys):
        if n == 0 and first_prefix is not None:
            prefix = first_prefix
        else:
            _comment_block(draw, out, indent)
            prefix = " " * indent
        _value(draw, out, f"{prefix}{key}:", indent, depth)


def _sequence(draw: Any, out: Out, indent: int, depth: int) -> None:
    """A block sequence with its dashes at `indent`."""
    for _ in range(draw(st.integers(1, 3))):
        _comment_block(draw, out, indent)
        dash = " " * indent + "-"
        form = draw(st.integers(0, 5))
        if form <= 2 and depth < 4:  # a mapping, its first key on the dash line
            _mapping(draw, out, indent + 2, dash + " ", depth + 1)
        elif form == 3 and depth < 4:  # the dash alone (with a comment, maybe), the mapping below
            out.add(dash + _trailing(draw, out, tabs=False))
            _mapping(draw, out, indent + 2, None, depth + 1)
        elif form == 4:
            _value(draw, out, dash + " ", indent, depth + 1)
        elif depth < 4:  # a list in a list
            out.add(dash + " - " + _scalar_text(draw))
            out.add(" " * (indent + 2) + "- " + _scalar_text(draw) + _trailing(draw, out))
        else:
            out.add(dash + " " + _scalar_text(draw) + _trailing(draw, out))


@st.composite
def commented_plans(draw: Any) -> str:
    out = Out()
    if draw(st.booleans()):
        out.lines.append("# yaml-language-server: $schema=../schemas/plan.schema.json")
    out.lines += draw(st.sampled_from([[], [], [], ["---"], ["%YAML 1.2", "---"]]))
    if draw(st.booleans()):
        out.lines += [f"# c{out.next_marker()}", ""]  # about the file
    _mapping(draw, out, 0, None, 0)
    if draw(st.booleans()):
        out.lines += [f"# c{out.next_marker()}" for _ in range(draw(st.integers(1, 2)))]
    if draw(st.integers(0, 4)) == 0:
        out.lines += ["...", f"# c{out.next_marker()}"]
    newline = "\r\n" if draw(st.integers(0, 7)) == 0 else "\n"
    return newline.join(out.lines) + newline * draw(st.integers(0, 2))


# --- the oracle: each comment's neighbour, read from the text alone ------------------------------

Neighbour = tuple[Any, ...]


class Places:
    """Which key or list item starts where, from the loader's source map (1-based lines and columns)."""

    def __init__(self, text: str) -> None:
        smap = parse_document(text).source_map
        assert smap is not None
        self.keys = {pos: path for path, pos in smap.keys.items()}
        items = sorted(
            (pos, len(path), path) for path, pos in smap.values.items() if path and isinstance(path[-1], int)
        )
        self.item_at = [(pos, n) for pos, n, _ in items]
        self.item_path = [path for _, _, path in items]

    def on_line(self, line: str, number: int) -> list[Neighbour]:
        """What starts on a line, outermost first: the items of its dashes, then its key."""
        found: list[Neighbour] = []
        pos = len(line) - len(line.lstrip(" "))
        while line[pos : pos + 1] == "-" and line[pos + 1 : pos + 2] in (" ", "\t", ""):
            k = bisect.bisect_right(self.item_at, ((number, pos + 1), 99))
            found.append(("item", self.item_path[k]))
            pos += 1
            while line[pos : pos + 1] in (" ", "\t"):
                pos += 1
        key = self.keys.get((number, pos + 1))
        if key is not None:
            found.append(("key", key))
        return found


def neighbours(text: str) -> dict[str, tuple[Neighbour, int]]:
    """Each comment marker -> (its neighbour, its indentation, or -1 for an end-of-line comment)."""
    places = Places(text)
    lines = text.replace("\r\n", "\n").split("\n")
    markers = ("---", "...", "%YAML 1.2")
    content = [i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("# ")]
    content = [i for i in content if lines[i] not in markers]
    out: dict[str, tuple[Neighbour, int]] = {}
    for i, line in enumerate(lines):
        full, trailing = FULL.match(line), TRAILING.search(line) or DASH_ALONE.match(line)
        if full:
            k = bisect.bisect_right(content, i)
            if k == len(content):
                out["c" + full.group(1)] = (("end",), len(line) - len(line.lstrip()))
                continue
            j = content[k]
            if k == 0 and "" in [s.strip() for s in lines[i:j]]:  # above a blank line at the top: the file's
                out["c" + full.group(1)] = (("head",), len(line) - len(line.lstrip()))
                continue
            found = places.on_line(lines[j], j + 1)
            assert found, f"nothing starts on line {j + 1}: {lines[j]!r}"
            out["c" + full.group(1)] = (found[0], len(line) - len(line.lstrip()))
        elif trailing:  # the innermost key or item its line ends (a value may have started lines above)
            j = i
            while not (found := places.on_line(lines[j], j + 1)):
                j -= 1
            out["t" + trailing.group(1)] = (found[-1], -1)
    return out


def _indent_of_next_content(text: str, marker: str) -> int:
    lines = text.replace("\r\n", "\n").split("\n")
    at = next(i for i, line in enumerate(lines) if re.match(rf" *# {marker}$", line))
    following = next((line for line in lines[at + 1 :] if line.strip() and not FULL.match(line)), "")
    following = "" if following == "..." else following
    return len(following) - len(following.lstrip(" "))


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commented_plans())
def test_every_comment_keeps_its_neighbour(text: str) -> None:
    formatted = format_text(text)
    assert parse_document(formatted, positions=False).data == parse_document(text, positions=False).data
    before, after = neighbours(text), neighbours(formatted)
    assert {m: n for m, (n, _) in after.items()} == {m: n for m, (n, _) in before.items()}
    for marker, (neighbour, indent) in after.items():
        if indent >= 0 and neighbour[0] not in ("head", "end"):  # right above its key or item, indented like it
            assert indent == _indent_of_next_content(formatted, marker), marker
        elif indent >= 0:
            assert indent == 0, marker
    assert format_text(formatted) == formatted

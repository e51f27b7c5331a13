"""Make plan text safe to print: control characters, bidi overrides and lone surrogates are shown escaped.

Plan text reaches terminals, CI logs and files; none of it may move the cursor, change colours,
reorder what is displayed (Trojan Source bidi overrides) or crash an encoder (lone surrogates, as
in file names that are not UTF-8). Rich markup needs no escaping here: renderers build rich `Text`
objects from plan text, never markup strings. Every Markdown output (documents, listings, diffs)
escapes plan text with `markdown_text`, the one escaper for Markdown, or quotes it with `markdown_code`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# the patterns below are compiled on first use (re keeps them): only the commands writing JSON or Markdown need them
_JSON_UNSAFE = r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """`text` with every control character (but tab and newline), bidi override and lone surrogate escaped."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """`safe(text)` with newlines and tabs escaped too, for single-line formats."""
    return safe(text).replace("\n", "\\n").replace("\t", "\\t")


def json_text(text: str) -> str:
    """JSON made with `ensure_ascii=False`, made safe to show: the characters `json` leaves raw that a
    terminal acts on (C1 controls, bidi overrides) and lone surrogates (a file name that is not UTF-8)
    become `\\uXXXX` escapes. The JSON stays valid and decodes to exactly the same data."""
    return re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text)


_MARKDOWN_INLINE = r"([\\`*_\[\]<>~|])"
_MARKDOWN_ENTITY = r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)"
_MARKDOWN_CLOSING_HASHES = r"#(?=#*[ \t]*$)"
_MARKDOWN_BLOCK_START = r"^(?:(?P<mark>[#>+=-])|(?P<number>[0-9]{1,9})(?=[.)](?:[ \t]|$)))"
_MARKDOWN_BLANK_START = r"^[ \t]"


def markdown_text(text: str, *, starts_line: bool = True) -> str:
    """`safe(text)` as literal Markdown (CommonMark, and GitHub's tables and strikethrough): a viewer
    shows it as written and reads nothing in it as markup.

    Backslash-escaped wherever they stand: \\ ` * _ [ ] < > ~ | (emphasis, code, links, HTML and
    autolinks, strikethrough, table cells), `&` where it starts a character reference (`AT&amp;T`
    shows as written) and a run of `#` ending the text (it would close a heading).

    `starts_line`: the text begins a line (a paragraph, or a list item's first words), where Markdown
    reads block markup too, so that is escaped as well: a heading `#`, quote `>`, list item `-` `+`
    `1.` `1)`, rule or heading underline `---` `===`; a leading blank, which Markdown would drop (or
    with four, read as code), is written as a character reference. Pass False for text after other
    text on its line, in a heading or in a table cell.

    Newlines are left for the caller to place: `<br>` in a table cell, a space in a list item.
    """
    text = re.sub(_MARKDOWN_INLINE, r"\\\1", safe(text))
    text = re.sub(_MARKDOWN_ENTITY, r"\\&", text)
    text = re.sub(_MARKDOWN_CLOSING_HASHES, r"\\#", text)
    if starts_line:
        text = re.sub(_MARKDOWN_BLOCK_START, lambda m: f"{m['number']}\\" if m["number"] else f"\\{m['mark']}", text)
        text = re.sub(_MARKDOWN_BLANK_START, lambda m: f"&#{ord(m.group())};", text)
    return text


def markdown_code(text: str) -> str:
    """`safe(text)` as a Markdown code span on one line: fenced by more backticks than it holds in a row."""
    text = safe(text).replace("\n", " ")
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if len(fence) > 1 or (text[0] == " " == text[-1] and text.strip()) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def json_document(data: Any) -> str:
    """`data` as the indented JSON every `--format json` prints: dates as ISO strings, made safe
    to show (`json_text`), ending in a newline."""
    import json  # ~2 ms, for the commands that print JSON

    return json_text(json.dumps(data, indent=2, ensure_ascii=False, default=_iso_date)) + "\n"


def _iso_date(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")

"""Make plan text safe to print: control characters, bidi overrides and lone surrogates are shown escaped.

Plan text reaches terminals, CI logs and files; none of it may move the cursor, change colours,
reorder what is displayed (Trojan Source bidi overrides) or crash an encoder (lone surrogates, as
in file names that are not UTF-8). Rich markup needs no escaping here: renderers build rich `Text`
objects from plan text, never markup strings.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


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
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def markdown_literal(text: str) -> str:
    """`safe(text)` as literal Markdown in a table cell or a line: emphasis, code, links, HTML, table
    pipes and headings are shown, never obeyed. Newlines are left for the caller to place."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", safe(text))


def json_document(data: Any) -> str:
    """`data` as the indented JSON every `--format json` prints: dates as ISO strings, made safe
    to show (`json_text`), ending in a newline."""
    return json_text(json.dumps(data, indent=2, ensure_ascii=False, default=_iso_date)) + "\n"


def _iso_date(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")

"""Make plan text safe to print: control characters and lone surrogates are shown escaped."""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def safe(text: str) -> str:
    """`text` with every control character (but tab and newline) and lone surrogate escaped."""
    return _UNSAFE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def one_line(text: str) -> str:
    """`safe(text)` with newlines and tabs escaped too, for single-line formats."""
    return safe(text).replace("\n", "\\n").replace("\t", "\\t")

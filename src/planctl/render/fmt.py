"""What `planctl fmt` did, for people (text), tools (json) and reviewers (a unified diff)."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable

from rich.text import Text

from planctl.fmt import FormatResult
from planctl.render.diagnostics import append_line
from planctl.render.escape import json_document, one_line
from planctl.words import count

_VERB = {"reformatted": "reformatted", "would-reformat": "would reformat"}


def summary(results: list[FormatResult]) -> str:
    """'1 file reformatted, 2 files left unchanged' (or 'would be reformatted' / 'could not be formatted')."""
    by_status = Counter(r.status for r in results)  # a status no file has counts 0
    parts = []
    if by_status["reformatted"]:
        parts.append(f"{count(by_status['reformatted'], 'file')} reformatted")
    if by_status["would-reformat"]:
        parts.append(f"{count(by_status['would-reformat'], 'file')} would be reformatted")
    if by_status["unchanged"]:
        already = (
            "already formatted" if by_status["would-reformat"] or not by_status["reformatted"] else "left unchanged"
        )
        parts.append(f"{count(by_status['unchanged'], 'file')} {already}")
    failed = by_status["refused"] + by_status["unreadable"] + by_status["unwritable"]
    if failed:
        parts.append(f"{count(failed, 'file')} could not be formatted")
    return ", ".join(parts) + "."


def text(results: list[FormatResult]) -> Text:
    """One line per changed or refused file, then a summary."""
    out = Text()
    for r in results:
        if r.status in _VERB:
            out.append(f"{_VERB[r.status]} ", style="bold")
            out.append(one_line(str(r.path)) + "\n")
        elif r.problem is not None:
            append_line(out, r.problem, "; file left as it was" if r.status != "unreadable" else "")
    out.append(summary(results) + "\n")
    return out


def to_json(results: list[FormatResult]) -> str:
    """{"files": [{"file", "status", "problem"}], "changed": n, "failed": n}."""
    payload = {
        "files": [
            {
                "file": str(r.path),
                "status": r.status,
                "problem": r.problem.as_dict() if r.problem is not None else None,
            }
            for r in results
        ],
        "changed": sum(r.changed for r in results),
        "failed": sum(r.problem is not None for r in results),
    }
    return json_document(payload)


def diff(results: list[FormatResult]) -> str:
    """A unified diff of every file whose layout would change (`patch -p0` applies it)."""
    chunks: list[str] = []
    for r in results:
        if r.changed and r.original is not None and r.formatted is not None:
            chunks += difflib.unified_diff(
                r.original.splitlines(keepends=True),
                r.formatted.splitlines(keepends=True),
                fromfile=str(r.path),
                tofile=str(r.path),
            )
    return "".join(c if c.endswith("\n") else c + "\n\\ No newline at end of file\n" for c in chunks)


RENDERERS: dict[str, Callable[[list[FormatResult]], Text | str]] = {"text": text, "json": to_json}

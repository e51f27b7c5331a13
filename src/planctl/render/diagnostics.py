"""Diagnostics as text (compiler style), JSON, or GitHub Actions workflow commands."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from planctl.diagnostics import Diagnostic
from planctl.render.escape import json_document, one_line, safe
from planctl.words import count


def text(diagnostics: list[Diagnostic], files_checked: int) -> Text:
    """`file:line:col: error[code]: message`, a hint line where there is one, then a summary."""
    out = Text()
    for d in diagnostics:
        append_line(out, d)
    out.append(_summary(diagnostics, files_checked) + "\n", style="bold" if diagnostics else "green")
    return out


def append_line(out: Text, d: Diagnostic, after: str = "") -> None:
    """Add `file:line:col: error[code]: message` (then `after`), and its hint line, to `out`."""
    out.append(one_line(d.location()), style="bold")
    out.append(": ")
    out.append(d.severity, style="bold red" if d.severity == "error" else "bold yellow")
    out.append(f"[{d.code}]", style="dim")
    out.append(": " + one_line(d.message) + after + "\n")
    if d.hint:
        out.append("  = hint: ", style="cyan")
        out.append(one_line(d.hint) + "\n")


def _summary(diagnostics: list[Diagnostic], files_checked: int) -> str:
    plans = count(files_checked, "plan file")
    if not any(d.severity == "error" for d in diagnostics):
        valid = f"All {plans} valid" if files_checked != 1 else "1 plan file valid"
        return valid + (f" ({count(len(diagnostics), 'warning')})." if diagnostics else ".")
    bad = len({d.file for d in diagnostics})
    n = len(diagnostics)
    return f"Found {count(n, 'problem')} in {bad} of {plans}."


def to_json(diagnostics: list[Diagnostic], files_checked: int) -> str:
    payload = {
        "valid": not any(d.severity == "error" for d in diagnostics),
        "files_checked": files_checked,
        "problems": [d.as_dict() for d in diagnostics],
    }
    return json_document(payload)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: list[Diagnostic], files_checked: int) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on the pull request."""
    lines = []
    for d in diagnostics:
        props = [f"file={_escape_property(safe(d.file))}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.col}"]
        props.append(f"title={_escape_property('planctl ' + d.code)}")
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        lines.append(f"::{d.severity} {','.join(props)}::{_escape_data(safe(message))}")
    lines.append(_summary(diagnostics, files_checked))
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[list[Diagnostic], int], Text | str]] = {
    "text": text,
    "json": to_json,
    "github": github,
}

"""Where CLI output goes: stdout for results, stderr for errors; colour only on a terminal."""

from __future__ import annotations

import os
import sys
from functools import cache

from rich.console import Console, RenderableType
from rich.text import Text

from planctl.render.escape import one_line


def _colour_allowed(stream: object) -> bool:
    return "NO_COLOR" not in os.environ and bool(getattr(stream, "isatty", lambda: False)())


@cache
def _console(stderr: bool) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    return Console(
        file=stream,
        stderr=stderr,
        highlight=False,
        soft_wrap=True,
        no_color=not _colour_allowed(stream),
        color_system="auto" if _colour_allowed(stream) else None,
        emoji=False,
    )


def stdout() -> Console:
    # Not cached across test runs: CliRunner swaps sys.stdout per invocation.
    _console.cache_clear()
    return _console(False)


def stderr() -> Console:
    _console.cache_clear()
    return _console(True)


def write(result: str | RenderableType) -> None:
    """Write a result to stdout: plain strings verbatim (machine formats), rich renderables styled."""
    if isinstance(result, str):
        sys.stdout.write(result)
        sys.stdout.flush()
    elif isinstance(result, Text):
        stdout().print(result, end="")
    else:
        # Tables and views lay themselves out to the terminal's width; soft wrapping would let them overflow it.
        console = stdout()
        if console.is_terminal:
            console.print(result, soft_wrap=False)
            return
        with console.capture() as captured:  # piped or redirected: no padding at the ends of lines
            console.print(result, soft_wrap=False)
        sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
        sys.stdout.flush()


def write_binary(data: bytes, what: str) -> None:
    """Write a binary file (a workbook, a PDF) to stdout: to a pipe or a redirect, never onto a terminal."""
    from planctl.errors import UsageError

    if sys.stdout.isatty():
        raise UsageError(f"{what} is a binary file, not for a terminal", hint="write it to a file with -o FILE")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def plain_text(result: str | RenderableType, width: int = 80) -> str:
    """A result as text for a file: rich renderables (tables) without colour, `width` columns wide."""
    if isinstance(result, str):
        return result
    import io

    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, highlight=False, emoji=False).print(result)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def error(message: str, hint: str | None = None) -> None:
    console = stderr()
    out = Text()
    out.append("error", style="bold red")
    out.append(": " + one_line(message) + "\n")
    if hint:
        out.append("  = hint: ", style="cyan")
        out.append(one_line(hint) + "\n")
    console.print(out, end="")


def note(message: str) -> None:
    """A plain informational line on stderr (what was written, what to review)."""
    stderr().print(Text(one_line(message) + "\n"), end="")

"""Where CLI output goes: stdout for results, stderr for errors; colour only on a terminal."""

from __future__ import annotations

import io
import os
import sys
from functools import cache
from typing import Any

from rich.console import Console, RenderableType
from rich.text import Text

from planctl.errors import OutputError
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
    _say("error", "bold red", message, hint)


def warning(message: str, hint: str | None = None) -> None:
    _say("warning", "bold yellow", message, hint)


def _say(label: str, style: str, message: str, hint: str | None) -> None:
    out = Text()
    out.append(label, style=style)
    out.append(": " + one_line(message) + "\n")
    if hint:
        out.append("  = hint: ", style="cyan")
        out.append(one_line(hint) + "\n")
    stderr().print(out, end="")


def note(message: str) -> None:
    """A plain informational line on stderr (what was written, what to review)."""
    stderr().print(Text(one_line(message) + "\n"), end="")


class _Stream(io.FileIO):
    """Standard output or error, as the bytes under the text. A reader that has gone (`planctl
    validate | head -1`) is no error: what is left to write is dropped, and the command ends with
    its own exit status. Any other failure to write (a full disk) is an OutputError."""

    def write(self, data: Any) -> int:
        try:
            return super().write(data)
        except BrokenPipeError:
            self._drop_the_rest()
            return memoryview(data).nbytes
        except OSError as e:
            self._drop_the_rest()  # said once; the flush at exit must not fail again
            raise OutputError(f"cannot write the output: {e.strerror or e}") from None

    def _drop_the_rest(self) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)  # from now on every write succeeds, unread
        os.dup2(devnull, self.fileno())
        os.close(devnull)


class _Closed(io.TextIOBase):
    """Standard output when there is none (`planctl plans >&-`): writing to it is an OutputError."""

    def write(self, text: str) -> int:
        if not text:
            return 0
        raise OutputError("cannot write the output: standard output is closed")


class _Discard(io.TextIOBase):
    """Standard error when there is none: messages are lost, the exit status still tells."""

    def write(self, text: str) -> int:
        return len(text)


def guard_streams() -> None:
    """Make sys.stdout and sys.stderr safe to write to, whatever they are connected to (see _Stream).

    For the `planctl` command only: a library caller's streams are its own business.
    """
    sys.stderr = _guarded(sys.stderr) if sys.stderr is not None else _Discard()
    sys.stdout = _guarded(sys.stdout) if sys.stdout is not None else _Closed()


def _guarded(stream: Any) -> Any:
    try:
        fd = stream.fileno()
        stream.flush()
    except (OSError, ValueError):  # not a file (an embedding application's stream): left as it is
        return stream
    return io.TextIOWrapper(
        io.BufferedWriter(_Stream(fd, "wb", closefd=False)),
        encoding=stream.encoding,
        errors="backslashreplace",  # a terminal that cannot show a character gets an escape, not a crash
        newline="\n" if os.name != "nt" else None,
        line_buffering=stream.line_buffering,
        write_through=getattr(stream, "write_through", False),
    )

"""The command line: thin typer commands over `planctl.api` and `planctl.render`."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Entry point of the `planctl` script: `planctl --version` (or -V) answers before typer is imported
    (~40 ms); everything else runs in `planctl.cli.app`.

    Once the command has run and its output is flushed, the process ends at once (`os._exit`),
    without tearing the interpreter down: freeing every module, plan and table row one by one, and
    a last collection of cycles, take ~15 ms that a command's short life never needs. Nothing is
    left to do at exit: planctl writes files by closing them, and registers no exit handlers.
    """
    if sys.argv[1:] in (["--version"], ["-V"]) and _say_version():
        return
    from planctl.cli.app import main as run

    try:
        run()
        code: str | int | None = 0
    except SystemExit as e:
        code = 0 if e.code is None else e.code
    if not isinstance(code, int) or not _flushed():
        sys.exit(code)  # a message to print, or output that could not be written: as Python ends
    os._exit(code)


def _flushed() -> bool:
    """Flush what the command wrote; False if it cannot be (the app reports that on a normal exit)."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except Exception:
        return False
    return True


def _say_version() -> bool:
    """Write what `--version` writes, straight to the standard output's file; False when it cannot be
    written there (closed, a full disk), for the app to report as it reports any failure to write."""
    from planctl import __version__

    try:
        os.write(sys.stdout.fileno(), f"planctl {__version__}\n".encode())
    except BrokenPipeError:  # the reader has gone: no error, as for any other output
        return True
    except (OSError, AttributeError, ValueError):
        return False
    return True

"""The command line: thin typer commands over `planctl.api` and `planctl.render`."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Entry point of the `planctl` script: `planctl --version` answers before typer is imported
    (~40 ms); everything else runs in `planctl.cli.app`."""
    if sys.argv[1:] == ["--version"] and _say_version():
        return
    from planctl.cli.app import main as run

    run()


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

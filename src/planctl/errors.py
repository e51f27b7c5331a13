"""The one exception family of planctl and the exit codes it maps to."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planctl.diagnostics import Diagnostic


class ExitCode(IntEnum):
    """The exit-code contract: documented in the README and tested."""

    OK = 0
    FINDINGS = 1  # problems found in the plans (or differences, for diff)
    USAGE = 2  # bad option, unreadable or missing input


class LocatedError(Exception):
    """A problem met while reading or rewriting a file, at a position (1-based; 0 = unknown).

    Not a PlanctlError: it becomes a Diagnostic beside the file's other problems, not an exit code.
    """

    def __init__(self, code: str, message: str, line: int = 0, col: int = 0, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.col = col
        self.hint = hint

    def diagnostic(self, file: str) -> Diagnostic:
        """This problem as a diagnostic of `file`."""
        from planctl.diagnostics import Diagnostic

        return Diagnostic(file, self.line, self.col, self.code, self.message, hint=self.hint)


class PlanctlError(Exception):
    """Base of every error planctl reports to a user; the CLI turns it into a message and an exit code."""

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(PlanctlError):
    """An option or argument that cannot be used (unknown objective, bad month...)."""


class InputError(PlanctlError):
    """Input that cannot be read at all: missing file, directory without plans, FIFO, permission."""

    def diagnostic(self, path: object, code: str = "unreadable") -> Diagnostic:
        """This error as a file-level diagnostic of `path`, beside other files' problems: the message
        without the path it starts with, which the diagnostic names already."""
        from planctl.diagnostics import Diagnostic

        return Diagnostic(str(path), 0, 0, code, self.message.removeprefix(f"{path}: "), hint=self.hint)


class OutputError(PlanctlError):
    """Output that cannot be written: standard output closed, a full disk."""


class PlanInvalid(PlanctlError):
    """A plan that was read but is not valid; carries the diagnostics."""

    exit_code = ExitCode.FINDINGS

    def __init__(
        self, diagnostics: list[Diagnostic], files_checked: int | None = None, *, exit_code: ExitCode | None = None
    ) -> None:
        first = diagnostics[0] if diagnostics else None
        message = f"{first.location()}: {first.message}" if first else "invalid plan"
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code
        self.diagnostics = diagnostics
        # how many plan files were read, for "Found 2 problems in 1 of 4 plan files" (else the bad ones)
        self.files_checked = files_checked if files_checked is not None else len({d.file for d in diagnostics})

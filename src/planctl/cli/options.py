"""Options shared by several commands."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Any

import typer

from planctl.files.reading import DEFAULT_MAX_BYTES


def path(value: str) -> Path:
    """A path given on the command line. An empty one (an unset shell variable, say) is refused:
    Python would read it as '.', and a command would quietly work on the whole folder."""
    if not value:
        raise typer.BadParameter("the path is empty")
    return Path(value)


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        parser=path,
        help="Plan files or directories. Default: $PLANCTL_PLANS, or plans/ here or in the nearest parent.",
        show_default=False,
        readable=False,  # planctl reports unreadable files itself, among the other results
    ),
]

MaxBytes = Annotated[
    int,
    typer.Option("--max-bytes", min=1, help="Refuse plan files larger than this many bytes."),
]

Jobs = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        help="Check files in this many processes. 0: one per CPU when there are megabytes to check; 1: no parallelism.",
    ),
]


OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        parser=path,
        metavar="FILE",
        help="Write to FILE instead of standard output ('-': standard output).",
        show_default=False,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="With -o: replace FILE if it exists.")]


def output_file(out: Path | None) -> Path | None:
    """The file an OutputOpt names, or None for standard output (no option, or '-')."""
    return None if out is None or str(out) == "-" else out


def file_format(fmt: Any, target: Path | None, suffixes: dict[str, str], default: str) -> str:
    """The format --format names; else the one the -o file's ending names (`suffixes`); else `default`.
    UsageError for an ending planctl cannot write: never a file of another format under its name."""
    from planctl.errors import UsageError

    if fmt is not None:
        return chosen(fmt)
    suffix = target.suffix.lower() if target is not None else ""
    if not suffix:
        return default
    if suffix in suffixes:
        return suffixes[suffix]
    endings = ", ".join(sorted(suffixes))
    raise UsageError(
        f"{target}: planctl cannot write {suffix} files; it writes {endings}",
        hint="end the file name with one of those, or choose the format with --format",
    )


def choices(name: str, values: list[str]) -> type[enum.Enum]:
    """A str Enum for typer, so `--help` lists the values and typer rejects others (exit 2)."""
    return enum.Enum(name, {v: v for v in values}, type=str)  # type: ignore[return-value]


def chosen(value: Any) -> str:
    """The string a `choices()` option was given (typer hands over the Enum member)."""
    return str(getattr(value, "value", value))


def format_option() -> Any:
    return typer.Option("--format", "-f", help="Output format.", show_default=True, case_sensitive=False)


DEFAULT_MAX = DEFAULT_MAX_BYTES

PlanOpt = Annotated[
    str | None,
    typer.Option(
        "--plan",
        "-p",
        metavar="ID|PATH",
        help="A plan id (e.g. 2017), a plan file or directory, or 'all'. Default: the plans in $PLANCTL_PLANS, or in plans/ here or in the nearest parent; of plans that are years of one series (2017, 2018: same kind and organisation, periods as long), the one whose period holds today, else the latest. 'all': every plan found.",
        show_default=False,
    ),
]
ObjectiveOpt = Annotated[
    str | None,
    typer.Option(
        "--objective", metavar="ID", help="Only this objective, e.g. 1A (case does not matter).", show_default=False
    ),
]
GoalOpt = Annotated[
    str | None,
    typer.Option(
        "--goal",
        metavar="ID",
        help="Only the objectives (or, in an action plan, the actions) of this goal or section, e.g. 1 or I.",
        show_default=False,
    ),
]

LIST_FORMATS = ["table", "json", "csv", "markdown", "xlsx"]  # = planctl.render.listing.RENDERERS (a test checks)
# -o FILE's ending chooses the format when --format is not given
LIST_SUFFIXES = {".txt": "table", ".json": "json", ".csv": "csv", ".md": "markdown", ".xlsx": "xlsx"}
ListFormat = choices("ListFormat", LIST_FORMATS)
ListFormatOpt = Annotated[
    ListFormat | None,  # type: ignore[valid-type]
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: from the -o file name (.csv, .json, .md, .txt, .xlsx), else table.",
        show_default=False,
        case_sensitive=False,
    ),
]


TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        help="Take this ISO date (2017-09-01) as today. Default: $PLANCTL_TODAY, else the system's date.",
        show_default=False,
    ),
]

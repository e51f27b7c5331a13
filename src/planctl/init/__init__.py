"""A new plans repository (`planctl init`): a first plan, the schema, pre-commit hooks, a workflow, a README.

The files are made from the templates beside this module (shipped in the wheel) and written only
where nothing exists yet: `planned_files` says what would be written, `in_the_way` what stops it,
`write` writes them all or, on a failure, none.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Literal, get_args

from planctl import __version__
from planctl.errors import InputError
from planctl.files.writing import write_atomic
from planctl.model.validation import json_schema_text

Kind = Literal["operational", "strategy", "action-plan"]
KINDS: tuple[str, ...] = get_args(Kind)
DISTRIBUTION = "plans-as-code"  # what pip installs planctl as ('planctl' on the package index is another project)
STRATEGY_YEARS = 5  # a strategy or an action plan spans five years, as the shipped ones do


@dataclass(frozen=True)
class NewFile:
    """A file of the new repository: its path from the repository's top, its text, what it is for."""

    path: PurePosixPath
    text: str
    purpose: str


def plan_id(kind: Kind, year: int) -> str:
    """The id of the first plan: `2025`, `strategy-2025-2029`, `action-plan-2025-2029`."""
    if kind == "operational":
        return str(year)
    return f"{kind}-{year}-{year + STRATEGY_YEARS - 1}"


def workflow(install: str) -> str:
    """The GitHub workflow, installing planctl with the command `install`."""
    return _template("plans.yml").replace("@INSTALL@", install)


def planned_files(kind: Kind, year: int) -> list[NewFile]:
    """The files `planctl init` writes for a first plan of this kind starting in `year`."""
    first = plan_id(kind, year)
    words = {
        "@YEAR@": str(year),
        "@LAST_YEAR@": str(year + STRATEGY_YEARS - 1),
        "@MIDDLE_YEAR@": str(year + STRATEGY_YEARS // 2),
        "@VERSION@": __version__,
        "@PLAN_ID@": first,
    }
    return [
        NewFile(PurePosixPath(f"plans/{first}.yaml"), _fill(_template(f"{kind}.yaml"), words), f"a first {kind} plan"),
        NewFile(PurePosixPath("schemas/plan.schema.json"), json_schema_text(), "the JSON Schema editors check it with"),
        NewFile(
            PurePosixPath(".pre-commit-config.yaml"),
            _fill(_template("pre-commit-config.yaml"), words),
            "checks before each commit",
        ),
        NewFile(
            PurePosixPath(".github/workflows/plans.yml"),
            workflow(f'pip install "{DISTRIBUTION}=={__version__}"'),
            "checks on each push and pull request",
        ),
        NewFile(PurePosixPath("README.md"), _fill(_template("README.md"), words), "how to work on the plans"),
    ]


def in_the_way(top: Path, files: list[NewFile]) -> dict[NewFile, str]:
    """The files something stands in the way of, each with what: a file, folder or link of its name (even a
    broken link), a file where one of its folders would be, or, for the first plan, a plans/ folder that
    holds plans already ("README.md exists")."""
    found = {}
    for f in files:
        target = top / f.path
        blocked = [p for p in reversed(f.path.parents[:-1]) if _is_there(top / p) and not (top / p).is_dir()]
        if blocked:
            found[f] = f"{blocked[0]} is not a folder"
        elif _is_there(target):
            found[f] = f"{f.path} exists"
        elif f.path.parent.name == "plans" and _holds_plans(target.parent):
            found[f] = f"{f.path.parent}/ holds plans already"
    return found


def _is_there(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _holds_plans(folder: Path) -> bool:
    from planctl.files.reading import PLAN_SUFFIXES

    try:
        return folder.is_dir() and any(p.suffix in PLAN_SUFFIXES for p in folder.iterdir())
    except OSError:
        return False


def write(top: Path, files: list[NewFile]) -> None:
    """Write every file under `top`, never over anything; on a failure, remove what this call wrote."""
    folders = {folder for f in files for folder in (top / f.path).parents if not folder.exists()}
    written: list[Path] = []
    try:
        for f in files:
            target = top / f.path
            write_atomic(target, f.text, overwrite=False)
            written.append(target)
    except BaseException:
        for target in reversed(written):
            with contextlib.suppress(OSError):
                os.unlink(target)
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty: never a folder something else wrote into
        raise


def _template(name: str) -> str:
    try:
        return resources.files(__name__).joinpath("templates", name).read_text(encoding="utf-8")
    except OSError as e:  # an installation that lost its data files
        raise InputError(f"planctl's template {name} is missing: {e.strerror or e}", hint="reinstall planctl") from None


def _fill(text: str, words: dict[str, str]) -> str:
    for token, value in words.items():
        text = text.replace(token, value)
    return text

"""A repository's own defaults: `planctl.toml` at its root, found by walking up from the current folder."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from planctl.errors import InputError

CONFIG_NAME = "planctl.toml"
KEYS = ("plans", "default_plan")


@dataclass(frozen=True)
class Config:
    """What the file sets: `plans` (folders or files, relative to the file's folder) and `default_plan`
    (the plan id a question means when none is named). Nothing is set when there is no file."""

    path: Path | None = None
    plans: tuple[Path, ...] = ()
    default_plan: str | None = None


def find(start: Path | None = None) -> Config:
    """The nearest `planctl.toml` in the current folder (or `start`) or a parent; an empty Config if none."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return read(candidate)
    return Config()


def read(path: Path) -> Config:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the configuration file: {e}") from e
    except tomllib.TOMLDecodeError as e:
        at = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        where = f"{path}:{at.group(1)}:{at.group(2)}" if at else str(path)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(e))
        raise InputError(f"{where}: not valid TOML: {message}", hint="see https://toml.io") from e
    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            raise InputError(
                f"{path}: unknown setting {key!r}",
                hint=f"did you mean {close[0]!r}?" if close else f"settings are {', '.join(KEYS)}",
            )
    plans = data.get("plans", [])
    if isinstance(plans, str):
        plans = [plans]
    if not isinstance(plans, list) or not all(isinstance(p, str) and p for p in plans):
        raise InputError(f'{path}: `plans` must be a folder or file, or a list of them, as text: plans = "plans"')
    default_plan = data.get("default_plan")
    if default_plan is not None and (not isinstance(default_plan, str) or not default_plan):
        raise InputError(f'{path}: `default_plan` must be a plan id as text: default_plan = "2017"')
    return Config(path, tuple(_relative(path.parent / p) for p in plans), default_plan)


def _relative(path: Path) -> Path:
    """The path as short as it can be said from the current folder (messages name files by it)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path

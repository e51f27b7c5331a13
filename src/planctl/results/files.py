"""Results files: where they are (`progress/` beside the plans folder), reading them, checking them against their plan.

The results of a plan are in the folder `progress` beside the folder that holds the plan file
(`plans/2017.yaml` → `progress/`), in the file whose `plan:` names it (`progress/2017.yaml` by
convention). They are read like plan files (same loader, same limits) and kept in planctl's cache
like plans, so a command finds them in about a millisecond; what they say is checked against the
plan every time, since the plan may have changed since.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from planctl.diagnostics import Diagnostic, Problem
from planctl.files.reading import DEFAULT_MAX_BYTES, PLAN_SUFFIXES, decode, read_bytes

if TYPE_CHECKING:  # imported where they are used: a command on plans without results needs none of them
    from planctl.model.results import Results
    from planctl.model.results_checks import PlanIds
    from planctl.validate import FileResult, LoadedPlan, Report

FOLDER = "progress"
MODELINE = "# yaml-language-server: $schema=../schemas/results.schema.json"


def _shown(path: Path) -> Path:
    """`path` as people would name it from here: relative to the current folder when it is below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return Path(relative) if not relative.startswith("..") else path


def folder_beside(plans_folder: Path) -> Path:
    """The results folder beside a plans folder: `plans/` → `progress/`."""
    return _shown(Path(os.path.abspath(plans_folder)).parent / FOLDER)


def folder_for(plan_file: Path) -> Path:
    """Where the results of the plan in `plan_file` are: `progress/` beside the folder that holds it."""
    return folder_beside(Path(os.path.abspath(plan_file)).parent)


def files_in(folder: Path) -> list[Path]:
    """The YAML files directly in `folder` (none if it is not a folder), sorted; hidden ones left out."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [folder / n for n in names if n.endswith(PLAN_SUFFIXES) and not n.startswith(".") and (folder / n).is_file()]


def folders_beside(paths: Sequence[Path]) -> list[Path]:
    """The results folders beside the plan folders among `paths` that hold files and are not named already."""
    named = {os.path.abspath(p) for p in paths}
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            folder = folder_beside(path)
            if os.path.abspath(folder) not in named and files_in(folder) and folder not in out:
                out.append(folder)
    return out


@dataclass
class Recorded:
    """The results recorded against one plan, with their problems (warnings too)."""

    path: Path
    results: Results | None  # None when the file's own fields have problems
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def results_for(
    plans: Sequence[LoadedPlan], *, today: date, max_bytes: int = DEFAULT_MAX_BYTES, warnings: bool = False
) -> dict[str, Recorded]:
    """The results recorded for each of `plans` that has any, by plan id, checked against the plan:
    their errors (and, with `warnings`, their warnings), placed at their lines.

    Raises InputError for a file in a results folder that cannot be read at all.
    """
    wanted = {lp.plan.id: lp for lp in plans}
    out: dict[str, Recorded] = {}
    for folder in dict.fromkeys(folder_for(lp.path) for lp in plans):
        for path in files_in(folder):
            from planctl.model.results_checks import PlanIds, check_results
            from planctl.validate import check_file

            found = check_file(path, max_bytes=max_bytes, cache=True)
            found.raise_if_unreadable()
            plan_id = found.names_plan
            if plan_id is None and found.plan is None and path.stem in wanted:
                plan_id = path.stem  # not even YAML: by its name, the results of this plan
            if plan_id not in wanted:
                continue  # a plan file, or the results of a plan not asked about
            assert plan_id is not None
            if plan_id in out:
                first = out[plan_id].path
                problem = _second_file(plan_id, first)
                out[plan_id].diagnostics += _placed(path, [problem], max_bytes)
                continue
            if found.results is None:
                out[plan_id] = Recorded(path, None, found.diagnostics)
                continue
            problems = check_results(found.results, PlanIds.of(wanted[plan_id].plan), today)
            if not warnings:  # placing a problem parses the file again: only for what will be shown
                problems = [p for p in problems if p.severity == "error"]
            out[plan_id] = Recorded(path, found.results, sorted(_placed(path, problems, max_bytes)))
    return out


def _second_file(plan_id: str, first: Path) -> Problem:
    return Problem(
        ("plan",),
        "duplicate-results",
        f"plan {plan_id!r} already has a results file, {first}",
        hint="keep one results file per plan: move these facts there",
    )


def _placed(path: Path, problems: list[Problem], max_bytes: int) -> list[Diagnostic]:
    """Problems of a results file at their lines (the file parsed again, with positions)."""
    if not problems:
        return []
    from planctl.files.yaml import parse_document
    from planctl.model.results_checks import raw_path
    from planctl.validate import _locate

    parsed = parse_document(decode(read_bytes(path, max_bytes)), positions=True)
    assert parsed.source_map is not None
    return [
        _locate(dataclasses.replace(p, path=raw_path(parsed.data, p.path)), str(path), parsed.source_map)
        for p in problems
    ]


def today_from_environment() -> date:
    """Today, or the day $PLANCTL_TODAY names (so that results can be tested as of a day)."""
    named = os.environ.get("PLANCTL_TODAY")
    if not named:
        return date.today()
    if len(named) == 10 and named[4] == named[7] == "-" and named.replace("-", "").isdigit():
        try:
            return date.fromisoformat(named)
        except ValueError:
            pass
    from planctl.query.calendar import parse_today

    return parse_today(named)  # the calendar's reading, and its message for what is wrong


def check_against_plans(report: Report, max_bytes: int) -> None:
    """Check each results file of a validated batch against its plan: found in the batch, else among the
    plan files beside its folder (`progress/` → `plans/`). Problems are added to the file's diagnostics."""
    from planctl.model.results_checks import PlanIds, check_results

    today = today_from_environment()
    ids: dict[str, PlanIds] = {}
    for f in report.files:
        if f.ok and f.declared_id is not None and f.names_plan is None:
            summary = f.ids or (PlanIds.of(f.plan) if f.plan is not None else None)
            if summary is not None:
                ids.setdefault(f.declared_id, summary)
    invalid = {f.declared_id for f in report.files if not f.ok and f.declared_id}
    first: dict[str, Path] = {}
    beside: dict[Path, tuple[dict[str, PlanIds], set[str]]] = {}
    for f in report.files:
        if f.results is None:
            continue
        plan_id = f.results.plan
        if first.setdefault(plan_id, f.path) != f.path:
            f.diagnostics = sorted(
                [*f.diagnostics, *_placed(f.path, [_second_file(plan_id, first[plan_id])], max_bytes)]
            )
            continue
        summary = ids.get(plan_id)
        if summary is None:
            folder = Path(os.path.abspath(f.path)).parent.parent / "plans"
            if folder not in beside:
                beside[folder] = _plans_in(folder, max_bytes)
            found, broken = beside[folder]
            summary = found.get(plan_id)
            if summary is None:
                if plan_id in invalid or plan_id in broken:
                    continue  # the plan's own file reports its problems
                problems = [_unknown_plan(plan_id, [*ids, *found])]
        if summary is not None:
            problems = check_results(f.results, summary, today)
        f.diagnostics = sorted([*f.diagnostics, *_placed(f.path, problems, max_bytes)])


def _plans_in(folder: Path, max_bytes: int) -> tuple[dict[str, PlanIds], set[str]]:
    """The valid plans of a folder by id, and the ids of the invalid ones."""
    from planctl.model.results_checks import PlanIds
    from planctl.validate import check_file

    found: dict[str, PlanIds] = {}
    broken: set[str] = set()
    for path in files_in(folder):
        result: FileResult = check_file(path, max_bytes=max_bytes)
        if result.plan is not None and result.ok:
            found.setdefault(result.plan.id, PlanIds.of(result.plan))
        elif result.declared_id:
            broken.add(result.declared_id)
    return found, broken


def _unknown_plan(plan_id: str, known: list[str]) -> Problem:
    import difflib

    close = difflib.get_close_matches(plan_id, known, n=1)
    return Problem(
        ("plan",),
        "unknown-plan",
        f"no plan with id {plan_id!r} to check these results against",
        hint=f"did you mean {close[0]!r}?"
        if close
        else f"plans found: {', '.join(sorted(known)) or 'none'}; validate the plan with its results "
        "(planctl validate plans/ progress/), or keep results in progress/ beside plans/",
    )


def require_valid(recorded: dict[str, Recorded]) -> None:
    """Raise PlanInvalid (exit 1, every problem listed) when any results have errors."""
    from planctl.errors import PlanInvalid

    errors = sorted(d for r in recorded.values() for d in r.errors)
    if errors:
        raise PlanInvalid(errors, len(recorded))

"""planctl as a library: load, select, validate and compare plans. The CLI calls exactly these.

Every name in `__all__` is re-exported by the `planctl` package. Errors are raised as PlanctlError
subclasses (planctl.errors): InputError for unreadable input, UsageError for a bad request,
PlanInvalid (with positioned diagnostics) for plans that are not valid.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planctl.errors import ExitCode, InputError, PlanInvalid, UsageError
from planctl.files.reading import DEFAULT_MAX_BYTES, FileContentError
from planctl.model.plan import Plan
from planctl.validate import FileResult as FileResult
from planctl.validate import LoadedPlan as LoadedPlan
from planctl.validate import Report as Report
from planctl.validate import check_bytes as check_bytes
from planctl.validate import check_file as check_file
from planctl.validate import check_text as check_text
from planctl.validate import validate_paths as validate_paths

if TYPE_CHECKING:
    from planctl.diff import DiffReport, PlanDiff

from planctl import __all__ as __all__  # the one list of public names, kept in planctl/__init__.py


def load_plan(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Plan:
    """Load one valid plan, or raise PlanInvalid (with diagnostics) / InputError."""
    path = Path(path)
    result = check_file(path, max_bytes=max_bytes)
    result.raise_if_unreadable()
    if not result.ok or result.plan is None:
        raise PlanInvalid(result.diagnostics)
    return result.plan


def load_plans(
    paths: list[Path], *, max_bytes: int = DEFAULT_MAX_BYTES, cache: bool = False
) -> list[tuple[Path, Plan]]:
    """Load every plan under `paths`; raise PlanInvalid listing all problems if any plan is invalid.

    Links to other plans are not checked here: a plan whose linked plan is elsewhere can still be
    queried. `validate_paths` checks them.
    """
    report = validate_paths(paths, max_bytes=max_bytes, links=False, cache=cache)
    for f in report.files:
        f.raise_if_unreadable()
    if report.exit_code != ExitCode.OK:
        raise PlanInvalid(report.diagnostics, len(report.files))
    return [(f.path, f.plan) for f in report.files if f.plan is not None]


_NAME_A_PLAN = "name a plan by its id (see `planctl plans`) or by the path to its file"


def select_plans(
    plan: str | Path | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES, cache: bool = False
) -> list[LoadedPlan]:
    """The plans a command works on.

    `plan` is a path (file or directory) or a plan id; None means every plan found by
    `default_paths()` ($PLANCTL_PLANS, else the nearest plans/ directory). Raises UsageError for
    an unknown id, InputError for unreadable input and PlanInvalid when a plan is invalid. With
    `cache`, plans found valid before are read from the cache (see planctl.cache).
    """
    from planctl.files.reading import default_paths

    if isinstance(plan, str) and not plan:  # Path("") is ".": the whole folder, not what was meant
        raise UsageError("the plan is empty", hint=_NAME_A_PLAN)
    if plan is not None and (isinstance(plan, Path) or Path(plan).exists()):
        return [LoadedPlan(p, pl) for p, pl in load_plans([Path(plan)], max_bytes=max_bytes, cache=cache)]
    loaded = [LoadedPlan(p, pl) for p, pl in load_plans(default_paths(), max_bytes=max_bytes, cache=cache)]
    if plan is None:
        return loaded
    chosen = [lp for lp in loaded if lp.plan.id == plan] or [lp for lp in loaded if lp.plan.id.lower() == plan.lower()]
    if chosen:
        return chosen
    ids = [lp.plan.id for lp in loaded]
    close = difflib.get_close_matches(str(plan), ids, n=1)
    raise UsageError(
        f"no plan with id or path {str(plan)!r}; plans are {', '.join(ids) or 'none'}",
        hint=f"did you mean {close[0]!r}?" if close else _NAME_A_PLAN,
    )


def select_plan(
    plan: str | Path | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    command: str = "this command",
    usage: str = "--plan {id}",
    cache: bool = False,
) -> LoadedPlan:
    """Exactly one plan: as `select_plans`, but more than one match is a usage error.

    `command` names the command in that error, and `usage` shows how to name one plan (`{id}`).
    """
    plans = select_plans(plan, max_bytes=max_bytes, cache=cache)
    if len(plans) != 1:
        ids = ", ".join(lp.plan.id for lp in plans)
        raise UsageError(
            f"{command} works on one plan, and {len(plans)} were found ({ids})",
            hint=f"name one: {usage.format(id=plans[0].plan.id)}" if plans else "pass a plan file",
        )
    return plans[0]


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema of a plan file, as checked in under schemas/."""
    from planctl.model.validation import json_schema

    schema = json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def results_json_schema() -> dict[str, Any]:
    """The JSON Schema of a results file (progress/), as checked in under schemas/."""
    from planctl.model.results_checks import json_schema

    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **json_schema()}


def diff(old: str, new: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> DiffReport:
    """Compare two versions of a plan, each a path or a git object `REV:path`.

    With `new` None, `old` must be `REV:path`; it is compared with that file in the working tree.
    Raises InputError for unreadable input (git's reason for a bad revision or path) and
    PlanInvalid, with exit code 2, when either side is not a valid plan: no diff is made then.
    """
    from planctl.diff import DiffReport, PlanDiff, diff_plans
    from planctl.files import git

    if new is None:
        if not git.is_git_object(old):
            raise UsageError(
                f"{old}: give two versions to compare, or one git object REV:path",
                hint=f"e.g. planctl diff main:{old} {old}, or planctl diff --since main",
            )
        new = str(git.worktree_path(old))
    a, b = _read_version(old, max_bytes), _read_version(new, max_bytes)
    _raise_if_invalid([a, b])
    if a.results is not None or b.results is not None:
        return DiffReport((_results_diff(old, new, a, b),))
    assert a.plan is not None and b.plan is not None
    return DiffReport((PlanDiff(old, new, b.plan.id, b.plan.title, diff_plans(a.plan, b.plan)),))


def _results_diff(old: str, new: str, a: FileResult, b: FileResult) -> PlanDiff:
    """Two versions of a results file compared (planctl.results.diff); a plan against results is refused."""
    from planctl.diff import PlanDiff
    from planctl.results.diff import diff_results

    if a.results is None or b.results is None:
        plan, results = (old, new) if a.results is None else (new, old)
        raise UsageError(
            f"{results} is a results file and {plan} a plan: planctl diff compares two versions of one file",
            hint="compare it with another version of itself, e.g. planctl diff "
            + (results if ":" in results else f"HEAD:{results} {results}"),
        )
    return PlanDiff(old, new, b.results.plan, None, diff_results(a.results, b.results))


def diff_since(rev: str, paths: list[Path] | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> DiffReport:
    """Compare every plan file under `paths` (default: the plans directory) that changed since `rev`.

    Plan files added or deleted since are reported as such; the working tree counts, untracked new
    plan files included. Raises as `diff` does.
    """
    from planctl.diff import DiffReport, PlanDiff, diff_plans
    from planctl.files import git
    from planctl.files.reading import default_paths
    from planctl.results.files import folders_beside

    named = paths or default_paths()
    changed = git.changed_plan_files(rev, [*named, *folders_beside(named)])  # results too: progress/
    results = []
    for f in changed:
        old = _read_version(f"{rev}:{f.old}", max_bytes) if f.old is not None else None
        new = _read_version(str(f.new), max_bytes) if f.new is not None else None
        results.append((f, old, new))
    # both sides of a modified plan and every added plan must be valid; a deleted one need not be
    _raise_if_invalid([r for _, old, new in results if new is not None for r in (old, new) if r is not None])
    plans = []
    for f, old, new in results:
        old_name = f"{rev}:{f.old}" if f.old is not None else None
        new_name = str(f.new) if f.new is not None else None
        if old is not None and new is not None and (old.results is not None or new.results is not None):
            assert old_name is not None and new_name is not None
            plans.append(_results_diff(old_name, new_name, old, new))
        elif old is not None and new is not None:
            assert old.plan is not None and new.plan is not None
            items = diff_plans(old.plan, new.plan)
            plans.append(PlanDiff(old_name, new_name, new.plan.id, new.plan.title, items))
        else:
            # a deleted plan need not be valid: only its id and title are shown, when they can be read
            side = new if new is not None else old
            plan = side.plan if side is not None and side.plan is not None else None
            recorded = side.results if side is not None else None
            plan_id = plan.id if plan else recorded.plan if recorded else None
            plans.append(PlanDiff(old_name, new_name, plan_id, plan.title if plan else None))
    return DiffReport(tuple(plans), since=rev)


def _read_version(spec: str, max_bytes: int) -> FileResult:
    from planctl.files import git

    if not spec:
        raise UsageError("a plan to compare is empty", hint="name a plan file, or REV:path for a plan in git")
    if not git.is_git_object(spec):
        path = Path(spec)
        if path.is_dir():
            raise InputError(
                f"{spec}: is a directory; planctl diff compares two plan files",
                hint="name plan files, or use --since REV to compare every plan changed since a revision",
            )
        result = check_file(path, max_bytes=max_bytes)
        result.raise_if_unreadable()
        return result
    try:
        data = git.read_object(spec, max_bytes=max_bytes)
    except FileContentError as e:
        return FileResult(Path(spec), diagnostics=[e.diagnostic(spec)])
    return check_bytes(data, spec)


def _raise_if_invalid(results: list[FileResult]) -> None:
    diagnostics = sorted(d for r in results if not r.ok for d in r.diagnostics)
    if diagnostics:
        # no diff can be made: an input error, not a difference
        raise PlanInvalid(diagnostics, exit_code=ExitCode.USAGE)

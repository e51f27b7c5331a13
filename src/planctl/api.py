"""planctl as a library: load, select, validate and compare plans. The CLI calls exactly these.

Every name in `__all__` is re-exported by the `planctl` package. Errors are raised as PlanctlError
subclasses (planctl.errors): InputError for unreadable input, UsageError for a bad request,
PlanInvalid (with positioned diagnostics) for plans that are not valid.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from planctl.diagnostics import Diagnostic
from planctl.errors import ExitCode, InputError, PlanctlError, PlanInvalid, UsageError
from planctl.files.reading import DEFAULT_MAX_BYTES, FileContentError
from planctl.model.plan import Plan
from planctl.validate import FileResult as FileResult
from planctl.validate import LoadedPlan as LoadedPlan
from planctl.validate import Report as Report
from planctl.validate import check_bytes as check_bytes
from planctl.validate import check_file as check_file
from planctl.validate import check_text as check_text
from planctl.validate import validate_paths as validate_paths
from planctl.words import count

if TYPE_CHECKING:
    from planctl.diff import DiffReport
    from planctl.document import Document, Version
    from planctl.query.calendar import Revision

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
    """Load every plan under `paths`; raise PlanInvalid listing all problems if any plan is invalid
    (two files with one plan id included), InputError if a file cannot be read.

    Links to other plans are not checked here: a plan whose linked plan is elsewhere can still be
    queried. `validate_paths` checks them.
    """
    batch = _Batch.read(paths, max_bytes, cache)
    batch.raise_if_any_skipped()
    return [(lp.path, lp.plan) for lp in batch.plans]


@dataclass(frozen=True)
class Selection(Sequence[LoadedPlan]):
    """The plans a question is answered from, and the plan files left out (see `select_plans`).

    A sequence of the plans. `skipped` holds the problems of every plan file left out, as `planctl
    validate` reports them; `files` is how many plan files were read. An answer from a selection with
    skipped files is partial: the CLI answers, lists them on stderr and exits 1.
    """

    plans: tuple[LoadedPlan, ...]
    skipped: tuple[Diagnostic, ...] = ()
    files: int = 0
    left_out: tuple[LoadedPlan, ...] = ()  # other years of a series the plans answer for (see `select_plans`)

    @property
    def complete(self) -> bool:
        return not self.skipped

    @property
    def skipped_files(self) -> list[str]:
        return sorted({d.file for d in self.skipped})

    @overload
    def __getitem__(self, index: int) -> LoadedPlan: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[LoadedPlan]: ...
    def __getitem__(self, index: int | slice) -> LoadedPlan | Sequence[LoadedPlan]:
        return self.plans[index]

    def __len__(self) -> int:
        return len(self.plans)

    def __iter__(self) -> Iterator[LoadedPlan]:
        return iter(self.plans)


@dataclass
class _Batch:
    """The plan files under some paths, each read and checked (links aside); plan ids made unique as
    `validate` does: a second file with an id already taken is in error."""

    results: list[FileResult]
    plans: list[LoadedPlan]
    skipped: list[FileResult]

    @classmethod
    def read(cls, paths: list[Path], max_bytes: int, cache: bool) -> _Batch:
        report = validate_paths(paths, max_bytes=max_bytes, links=False, cache=cache)
        plans: list[LoadedPlan] = []
        skipped: list[FileResult] = []
        first_with_id: dict[str, Path] = {}
        for f in report.files:
            if f.ok and f.plan is not None:
                first = first_with_id.setdefault(f.plan.id, f.path)
                if first == f.path:
                    plans.append(LoadedPlan(f.path, f.plan))
                    continue
                f.diagnostics = [*f.diagnostics, _duplicate_id(f.path, f.plan.id, first, max_bytes)]
            skipped.append(f)
        return cls(report.files, plans, skipped)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sorted(d for f in self.skipped for d in f.diagnostics)

    def raise_if_any_skipped(self) -> None:
        """Raise as a command that needs every plan refuses: InputError for an unreadable file, else
        PlanInvalid with every problem."""
        for f in self.skipped:
            f.raise_if_unreadable()
        if self.skipped:
            raise PlanInvalid(self.diagnostics, len(self.results))

    def raise_if_no_plans(self) -> None:
        """Raise when nothing is left to answer from: InputError when no file could be read at all,
        else PlanInvalid (exit 2 if some file could not be read, 1 if they are all invalid)."""
        if self.plans:
            return
        if self.skipped and all(f.unreadable for f in self.skipped):
            self.skipped[0].raise_if_unreadable()
        unreadable = any(f.unreadable for f in self.skipped)
        raise PlanInvalid(self.diagnostics, len(self.results), exit_code=ExitCode.USAGE if unreadable else None)

    def claiming(self, plan_id: str) -> list[FileResult]:
        """The files that give themselves this id, valid or not; an exact match, else one ignoring case."""
        exact = [f for f in self.results if f.declared_id == plan_id]
        return exact or [f for f in self.results if f.declared_id and f.declared_id.lower() == plan_id.lower()]

    def name(self, lp: LoadedPlan, usage: str) -> str:
        """How to name one plan in `usage`: by its id, or by its path when another file has its id."""
        shared = sum(f.declared_id == lp.plan.id for f in self.results) > 1
        return usage.format(id=lp.path if shared else lp.plan.id)


def _duplicate_id(path: Path, plan_id: str, first: Path, max_bytes: int) -> Diagnostic:
    """The problem `validate` reports for a second file with a plan id already taken, at the `id` key."""
    from planctl.errors import LocatedError
    from planctl.files.reading import decode, read_bytes
    from planctl.files.yaml import parse_document

    line, col = 0, 0
    try:
        source_map = parse_document(decode(read_bytes(path, max_bytes)), positions=True).source_map
        if source_map is not None:
            line, col = source_map.locate(("id",))
    except (PlanctlError, LocatedError):  # changed since it was read: the file is named, without a line
        pass
    return Diagnostic(
        str(path),
        line,
        col,
        "duplicate-plan-id",
        f"plan id {plan_id!r} is also the id of {first}",
        hint="each plan needs an id of its own: commands choose plans by id",
    )


_NAME_A_PLAN = "name a plan by its id (see `planctl plans`) or by the path to its file"


def select_plans(
    plan: str | Path | None = None,
    *,
    skip_invalid: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: bool = False,
    usage: str = "--plan {id}",
    today: date | None = None,
) -> Selection:
    """The plans a command works on.

    With `today`, a command given no plan answers from the year of each series that `today` falls in
    (see `planctl.query.plans.current`), the others in `Selection.left_out`; `plan` "all" (unless a
    plan has that id) is every plan found.

    `plan` is a path (file or directory) or a plan id; None means every plan found by
    `default_paths()` ($PLANCTL_PLANS, else the nearest plans/ directory). Two files with one plan id
    are a problem of the second, as for `validate`.

    By default every plan file read must be valid: PlanInvalid (with every problem) or InputError
    otherwise. With `skip_invalid`, invalid and unreadable files are left out, their problems in
    `Selection.skipped`; a plan named by id answers alone, whatever the other files hold. Raised then:
    PlanInvalid when the plan named (or every plan) is invalid, UsageError for an unknown id or one that
    several files have (`usage` shows how to name one by path: `{id}`).

    Always a UsageError for an unknown id. With `cache`, plans found valid before are read from the
    cache (see planctl.cache).
    """
    every = plan == ALL
    selection, batch = _select(None if every else plan, skip_invalid, max_bytes, cache, usage)
    if every and batch.claiming(ALL):  # a plan with the id "all" is that plan
        return _select(plan, skip_invalid, max_bytes, cache, usage)[0]
    if plan is not None or today is None:
        return selection
    from planctl.query.plans import current

    kept, left_out = current(selection.plans, today)
    return dataclasses.replace(selection, plans=tuple(kept), left_out=tuple(left_out))


ALL = "all"
"""The `--plan` that spans every plan found, every year of every series."""


def _select(
    plan: str | Path | None, skip_invalid: bool, max_bytes: int, cache: bool, usage: str
) -> tuple[Selection, _Batch]:
    from planctl.files.reading import default_paths

    if isinstance(plan, str) and not plan:  # Path("") is ".": the whole folder, not what was meant
        raise UsageError("the plan is empty", hint=_NAME_A_PLAN)
    by_path = plan is not None and (isinstance(plan, Path) or Path(plan).exists())
    batch = _Batch.read([Path(plan)] if by_path and plan is not None else default_paths(), max_bytes, cache)
    if not skip_invalid:
        batch.raise_if_any_skipped()
    if plan is None or by_path:
        batch.raise_if_no_plans()
        return Selection(tuple(batch.plans), tuple(batch.diagnostics), len(batch.results)), batch
    plan = str(plan)
    claims = batch.claiming(plan)
    if len(claims) > 1:
        paths = [str(f.path) for f in claims]
        raise UsageError(
            f"{len(claims)} plan files have the id {plan!r}: {', '.join(paths)}",
            hint=f"name one by its path: {usage.format(id=paths[0])}; `planctl validate` reports the duplicate",
        )
    if claims:
        [claim] = claims
        chosen = [lp for lp in batch.plans if lp.path == claim.path]
        if not chosen:
            raise PlanInvalid(sorted(claim.diagnostics), len(batch.results))
        return Selection(tuple(chosen), (), len(batch.results)), batch
    ids = [lp.plan.id for lp in batch.plans]
    close = difflib.get_close_matches(plan, ids, n=1)
    unread = batch.skipped
    also = f"; {count(len(unread), 'plan file')} left out as not valid: {', '.join(str(f.path) for f in unread)}"
    raise UsageError(
        f"no plan with id or path {plan!r}; plans are {', '.join(ids) or 'none'}" + (also if unread else ""),
        hint=f"did you mean {close[0]!r}?" if close else _NAME_A_PLAN,
    )


def select_plan(
    plan: str | Path | None = None,
    *,
    skip_invalid: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    command: str = "this command",
    usage: str = "--plan {id}",
    cache: bool = False,
) -> LoadedPlan:
    """Exactly one plan: as `select_plans`, but more than one plan file is a usage error, invalid or not.

    `command` names the command in that error, and `usage` shows how to name one plan (`{id}`).
    """
    selection, batch = _select(plan, skip_invalid, max_bytes, cache, usage)
    if len(selection.plans) == 1 and selection.complete:
        return selection.plans[0]
    # several files: the valid plans by id (by path where files share an id), the others by path
    found = [lp.plan.id for lp in selection.plans] + [f"{path} (not valid)" for path in selection.skipped_files]
    raise UsageError(
        f"{command} works on one plan, and {count(len(found), 'plan file')} were found ({', '.join(found)})",
        hint=f"name one: {batch.name(selection.plans[0], usage)}" if selection.plans else "pass a plan file",
    )


def plan_document(plan: LoadedPlan, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The document `planctl render` publishes for a plan: it names the version of the plan's file
    (`file_version`) and the plans it links to by their titles (`linked_plans`)."""
    from planctl.document import build

    return build(plan.plan, version=file_version(plan.path), others=linked_plans(plan, max_bytes=max_bytes))


def file_version(path: Path) -> Version:
    """Which version of a plan file this is: the last commit that changed it, when git tracks it, and
    the day it was saved when that commit does not hold it (changes not yet committed, or no git)."""
    import datetime as dt

    from planctl.document import Version
    from planctl.files import git

    commit, changed = git.last_commit(path)
    try:
        saved = dt.date.fromtimestamp(path.stat().st_mtime) if changed else None
    except OSError:  # gone since it was read: its commit, if any, is all there is to say
        saved = None
    return Version(commit.hash, commit.date, saved) if commit else Version(saved=saved)


def linked_plans(plan: LoadedPlan, *, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Plan]:
    """The valid plans that `plan` links to, by id, from the plans found as `select_plans` finds them,
    from here and from the plan file's folder ($PLANCTL_PLANS, else the nearest plans/ directory).
    A plan not found is left out: documents name it by its id."""
    from planctl.files.reading import default_paths

    wanted = {plan.plan.implements} - {None}
    found: dict[str, Plan] = {}
    for start in (None, plan.path.parent):
        if wanted <= found.keys():
            break
        try:
            batch = _Batch.read(default_paths(start), max_bytes, cache=True)
        except PlanctlError:  # nowhere to look: the document names the plan by its id
            continue
        found |= {lp.plan.id: lp.plan for lp in batch.plans if lp.plan.id in wanted and lp.plan.id not in found}
    return found


def event_revisions(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Revision]:
    """How often each event of a plan file has changed, and when it last did (by event id), from the
    file's git history: the first-parent history of HEAD, then the file on disk when it has changes
    not yet committed (dated by its modification time). Outside git the file is the only version:
    every event at 0, modified when the file was. See `planctl.query.calendar.revisions`."""
    import datetime as dt

    from planctl.files import git
    from planctl.files.reading import read_bytes
    from planctl.query.calendar import revisions

    versions = [(s.when, s.data) for s in git.history(path, max_bytes=max_bytes)]
    _, changed = git.last_commit(path)
    if changed or not versions:
        try:
            saved = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(microsecond=0)
            versions.append((saved, read_bytes(path, max_bytes)))
        except (PlanctlError, FileContentError):  # gone since it was read, or grown too big: its history it is
            pass
    return revisions(versions)


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema of a plan file, as checked in under schemas/: generated from the models, so an
    installed planctl needs no schema file."""
    from planctl.model.validation import json_schema

    return json_schema()


def diff(old: str, new: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> DiffReport:
    """Compare two versions of a plan, each a path or a git object `REV:path`.

    With `new` None, `old` is either `REV:path`, compared with that file in the working tree, or a
    revision alone, meaning every plan file changed since it (as `diff_since`; a file by that name wins).
    Raises InputError for unreadable input (git's reason for a bad revision or path) and
    PlanInvalid, with exit code 2, when either side is not a valid plan: no diff is made then.
    """
    from planctl.diff import DiffReport, PlanDiff, diff_plans
    from planctl.files import git

    if new is None:
        if Path(old).exists():
            raise UsageError(
                f"{old}: give two versions to compare, or one git object REV:path",
                hint=f"e.g. planctl diff HEAD:{old} {old} (the last commit's version against this one)",
            )
        if not git.is_git_object(old):
            if git.is_revision(old):
                return diff_since(old, max_bytes=max_bytes)
            raise UsageError(
                f"{old}: no such file, and not a git revision here",
                hint="name a plan file, a git object REV:path, or a revision: planctl diff HEAD~1 compares"
                " every plan changed since",
            )
        new = str(git.worktree_path(old))
    a, b = _read_version(old, max_bytes), _read_version(new, max_bytes)
    _raise_if_invalid([a, b])
    assert a.plan is not None and b.plan is not None
    return DiffReport((PlanDiff(old, new, b.plan.id, b.plan.title, diff_plans(a.plan, b.plan)),))


def diff_since(rev: str, paths: list[Path] | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> DiffReport:
    """Compare every plan file under `paths` (default: the plans directory) that changed since `rev`.

    Plan files added or deleted since are reported as such; the working tree counts, untracked new
    plan files included. Raises as `diff` does.
    """
    from planctl.diff import DiffReport, PlanDiff, diff_plans
    from planctl.files import git
    from planctl.files.reading import default_paths

    changed = git.changed_plan_files(rev, paths or default_paths())
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
        if old is not None and new is not None:
            assert old.plan is not None and new.plan is not None
            items = diff_plans(old.plan, new.plan)
            plans.append(PlanDiff(old_name, new_name, new.plan.id, new.plan.title, items))
        else:
            # a deleted plan need not be valid: only its id and title are shown, when they can be read
            side = new if new is not None else old
            plan = side.plan if side is not None and side.plan is not None else None
            plans.append(PlanDiff(old_name, new_name, plan.id if plan else None, plan.title if plan else None))
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

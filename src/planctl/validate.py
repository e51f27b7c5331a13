"""Checking plan files: each file's problems with their positions, one bad file never stopping the batch.

`validate_paths` checks a batch (in several processes when it is large), then the links between the
plans; `check_file`, `check_text` and `check_bytes` check one plan. A results file (progress/, see
planctl.results) is told by its content and checked too. Problems are returned, never raised.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planctl.diagnostics import Diagnostic, Problem
from planctl.errors import ExitCode, InputError
from planctl.files.reading import DEFAULT_MAX_BYTES, FileContentError, decode, discover, read_bytes
from planctl.model.links import Links
from planctl.model.plan import Plan

if TYPE_CHECKING:
    from planctl.files.yaml import SourceMap
    from planctl.model.results import Results
    from planctl.model.results_checks import PlanIds


@dataclass
class FileResult:
    """The outcome of reading and checking one file."""

    path: Path
    plan: Plan | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: bool = False
    links: Links | None = None  # what the plan implements: kept when the plan itself is dropped
    declared_id: str | None = None  # the id the file gives itself, valid or not
    results: Results | None = None  # a results file's facts (planctl.results), when its fields are valid
    names_plan: str | None = None  # the plan a results file reports on, valid or not
    ids: PlanIds | None = None  # what results may name in the plan: kept when the plan itself is dropped

    @property
    def ok(self) -> bool:
        return not self.unreadable and not any(d.severity == "error" for d in self.diagnostics)

    def raise_if_unreadable(self) -> None:
        """Raise the InputError a command stops on when this file could not be read at all."""
        if self.unreadable:
            first = self.diagnostics[0]
            raise InputError(f"{self.path}: {first.message}", hint=first.hint)


@dataclass(frozen=True)
class LoadedPlan:
    """A valid plan and the file it was read from."""

    path: Path
    plan: Plan


@dataclass
class Report:
    files: list[FileResult]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sorted(d for f in self.files for d in f.diagnostics)

    @property
    def plans(self) -> list[Plan]:
        return [f.plan for f in self.files if f.plan is not None and f.ok]

    @property
    def exit_code(self) -> ExitCode:
        if any(f.unreadable for f in self.files):
            return ExitCode.USAGE
        if any(not f.ok for f in self.files):
            return ExitCode.FINDINGS
        return ExitCode.OK


def check_text(text: str, name: str = "<string>") -> FileResult:
    """Check a plan given as YAML text."""
    return _check(text, Path(name))


def check_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, cache: bool = False) -> FileResult:
    """Read and check one plan file; unreadable input is reported, never raised.

    With `cache`, a file whose bytes were found valid before is not checked again (see planctl.cache),
    and a valid one is kept for next time.
    """
    from planctl import cache as plan_cache

    try:
        data = read_bytes(path, max_bytes)
        entry = plan_cache.entry(data) if cache else None
        if entry is not None and (kept := plan_cache.load(entry)) is not None:
            if isinstance(kept, Plan):
                return FileResult(path, plan=kept, links=Links.of(kept), declared_id=kept.id)
            return FileResult(path, results=kept, names_plan=kept.plan)
        text = decode(data)
    except InputError as e:
        return FileResult(path, diagnostics=[e.diagnostic(path)], unreadable=True)
    except FileContentError as e:
        return FileResult(path, diagnostics=[e.diagnostic(str(path))])
    result = _check(text, path)
    valid = result.plan if result.plan is not None else result.results
    if entry is not None and result.ok and valid is not None:
        plan_cache.store(entry, valid)
    return result


def check_bytes(data: bytes, name: str) -> FileResult:
    """Check a plan given as the bytes of a file (a git object, say); `name` labels its diagnostics."""
    try:
        text = decode(data)
    except FileContentError as e:
        return FileResult(Path(name), diagnostics=[e.diagnostic(name)])
    return _check(text, Path(name))


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cycle collector while building a plan: its objects form no cycles, and the
    collector would otherwise walk them again and again as they are created (~20% of the time)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _check(text: str, path: Path) -> FileResult:
    # imported here, so that a command answering from cached plans imports neither the parser nor
    # pydantic, and a file that is not YAML is refused without importing pydantic
    from planctl.files.yaml import YamlError, parse_document

    name = str(path)
    with _gc_paused():
        try:
            # Fast path: no positions. Files with problems are parsed again to place them.
            data = parse_document(text, positions=False).data
        except YamlError as e:
            return FileResult(path, diagnostics=[e.diagnostic(name)])
        from planctl.model.results_checks import is_results

        if is_results(data):
            return _check_results_file(data, text, path)
        from planctl.model.validation import validate_data

        _use_kept_validator()
        plan, problems = validate_data(data)
        declared = data.get("id") if isinstance(data, dict) else None
        del data
    links = Links.of(plan) if plan is not None else None
    declared_id = declared if isinstance(declared, str) else None
    if not problems:
        return FileResult(path, plan=plan, links=links, declared_id=declared_id)
    source_map = parse_document(text, positions=True).source_map
    assert source_map is not None
    diagnostics = sorted(_locate(p, name, source_map) for p in problems)
    return FileResult(path, plan=plan, diagnostics=diagnostics, links=links, declared_id=declared_id)


def _check_results_file(data: dict[str, object], text: str, path: Path) -> FileResult:
    """A results file's own fields checked; what it says of its plan is checked with the plan (`_check_results`)."""
    from planctl.files.yaml import parse_document
    from planctl.model.results_checks import validate_results_data

    results, problems = validate_results_data(data)
    names = data.get("plan")
    names_plan = str(names) if isinstance(names, (str, int)) and not isinstance(names, bool) else None
    if not problems:
        return FileResult(path, results=results, names_plan=names_plan)
    source_map = parse_document(text, positions=True).source_map
    assert source_map is not None
    diagnostics = sorted(_locate(p, str(path), source_map) for p in problems)
    return FileResult(path, diagnostics=diagnostics, names_plan=names_plan)


@functools.cache
def _use_kept_validator() -> None:
    """Validate with the compiled validator kept in the cache's folder (see cache.compiled_validator)."""
    from planctl import cache
    from planctl.model import validation

    validation.use_compiled(cache.compiled_validator())


def _locate(problem: Problem, name: str, source_map: SourceMap) -> Diagnostic:
    line, col = source_map.locate(problem.path, on_key=problem.on_key)
    message = problem.message
    if problem.related is not None:
        rline, _ = source_map.locate(problem.related)
        message += f" (first at line {rline})"
    return Diagnostic(name, line, col, problem.code, message, severity=problem.severity, hint=problem.hint)


def validate_paths(
    paths: list[Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 0,
    keep_plans: bool = True,
    links: bool = True,
    cache: bool = False,
) -> Report:
    """Check every plan file under `paths`; one bad file does not stop the others.

    `jobs` is the number of processes to check files in (0: one per CPU when the batch is large
    enough to gain from it; 1: this process only). With `keep_plans=False` the results carry only
    diagnostics (and link summaries), which spares sending the plans back from other processes.
    With `links`, also check that the plans each plan implements exist (see planctl.model.links), and
    each results file against its plan (see planctl.results.files). With `cache`, files found valid
    before are not checked again (see planctl.cache).
    Raises InputError when a named path does not exist or a directory holds no plans.
    """
    files = discover(paths)
    workers = _workers(files, jobs)
    if workers <= 1:
        report = Report(_check_files(files, max_bytes, keep_plans, cache))
    else:
        report = Report(_check_in_parallel(files, workers, max_bytes, keep_plans, cache))
    if links:
        _check_links(report, max_bytes)
        if any(f.names_plan is not None for f in report.files):
            from planctl.results.files import check_against_plans

            check_against_plans(report, max_bytes)
    return report


def _check_links(report: Report, max_bytes: int) -> None:
    """Check plan ids are unique across the files, and `implements` links resolve against the set and
    the plan files beside it."""
    from planctl.model.links import check_links

    valid = [f for f in report.files if f.links is not None and f.ok]
    first_with_id: dict[str, Path] = {}
    for f in valid:
        assert f.links is not None
        first = first_with_id.setdefault(f.links.plan_id, f.path)
        if first != f.path:
            problem = Problem(
                ("id",),
                "duplicate-plan-id",
                f"plan id {f.links.plan_id!r} is also the id of {first}",
                hint="each plan needs an id of its own: commands choose plans by id",
            )
            _add_problems(f, [problem], max_bytes)
    universe = [f.links for f in valid if f.links is not None]
    if not any(links.has_links for links in universe):
        return
    siblings = _siblings(report, max_bytes)
    universe += [f.links for f in siblings if f.links is not None and f.ok]
    # a link to a plan whose file is invalid cannot be checked: that file reports its own problems
    invalid = {f.declared_id for f in [*report.files, *siblings] if not f.ok and f.declared_id}
    by_id = {links.plan_id: links for links in universe}
    for f in valid:
        assert f.links is not None
        _add_problems(f, check_links(f.links, by_id, unchecked=invalid), max_bytes)


def _siblings(report: Report, max_bytes: int) -> list[FileResult]:
    """The plan files in the same folders as the checked ones (not checked themselves), checked."""
    from planctl.files.reading import PLAN_SUFFIXES

    checked = {os.path.realpath(f.path) for f in report.files}  # realpath: never raises on link loops
    found = []
    for folder in sorted({os.path.dirname(path) for path in checked}):
        try:
            entries = sorted(Path(folder).iterdir())
        except OSError:  # a folder we may read files in but not list
            continue
        for sibling in entries:
            if sibling.suffix in PLAN_SUFFIXES and os.path.realpath(sibling) not in checked and sibling.is_file():
                found.append(check_file(sibling, max_bytes=max_bytes))
    return found


def _add_problems(f: FileResult, problems: list[Problem], max_bytes: int) -> None:
    """Place problems found after the file was checked, by parsing it again with positions."""
    if not problems:
        return
    from planctl.files.yaml import parse_document

    source_map = parse_document(decode(read_bytes(f.path, max_bytes)), positions=True).source_map
    assert source_map is not None
    f.diagnostics = sorted([*f.diagnostics, *(_locate(p, str(f.path), source_map) for p in problems)])


_PARALLEL_MIN_BYTES = 2_000_000  # below this, starting processes costs more than it saves


def _workers(files: list[Path], jobs: int) -> int:
    if jobs == 1 or len(files) < 2 or sys.platform != "linux":  # fork is cheap and safe only on Linux
        return 1
    cpus = len(os.sched_getaffinity(0))
    if jobs == 0:
        total = 0
        for p in files:
            with contextlib.suppress(OSError):
                total += p.stat().st_size
        if total < _PARALLEL_MIN_BYTES:
            return 1
        jobs = cpus
    return max(1, min(jobs, len(files)))


def _check_in_parallel(
    files: list[Path], workers: int, max_bytes: int, keep_plans: bool, cache: bool
) -> list[FileResult]:
    import importlib
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # the parser and pydantic's validator are made once, here, for the workers to inherit
    importlib.import_module("planctl.files.yaml")
    _use_kept_validator()

    size = -(-len(files) // (workers * 4))  # a few chunks per worker balance uneven files
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init) as pool:
        n = len(chunks)
        done = pool.map(_check_files, chunks, [max_bytes] * n, [keep_plans] * n, [cache] * n)
        return [result for chunk in done for result in chunk]


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, quietly


def _check_files(files: list[Path], max_bytes: int, keep_plans: bool, cache: bool = False) -> list[FileResult]:
    results = []
    for path in files:
        result = check_file(path, max_bytes=max_bytes, cache=cache)
        if not keep_plans:
            if result.plan is not None and result.ok:
                from planctl.model.results_checks import PlanIds

                result.ids = PlanIds.of(result.plan)  # for a results file of this plan, in this batch
            result.plan = None  # freed now, not at the end of the batch
        results.append(result)
    return results

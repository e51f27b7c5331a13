"""What the CLI and library users call: load plans, validate them, get positioned diagnostics."""

from __future__ import annotations

import contextlib
import difflib
import gc
import os
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planctl.diagnostics import Diagnostic, Problem
from planctl.errors import ExitCode, InputError, PlanInvalid, UsageError
from planctl.loading.document import SourceMap, YamlError, parse_document
from planctl.loading.files import DEFAULT_MAX_BYTES, FileContentError, decode, discover, read_bytes
from planctl.model.plan import Plan
from planctl.model.validation import validate_data

__all__ = [
    "FileResult",
    "LoadedPlan",
    "Report",
    "check_file",
    "check_text",
    "load_plan",
    "load_plans",
    "select_plan",
    "select_plans",
    "validate_paths",
]


@dataclass
class FileResult:
    """The outcome of reading and checking one file."""

    path: Path
    plan: Plan | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: bool = False

    @property
    def ok(self) -> bool:
        return not self.unreadable and not any(d.severity == "error" for d in self.diagnostics)


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


def check_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> FileResult:
    """Read and check one plan file; unreadable input is reported, never raised."""
    try:
        text = decode(read_bytes(path, max_bytes))
    except InputError as e:
        return FileResult(
            path,
            diagnostics=[Diagnostic(str(path), 0, 0, "unreadable", _strip_path(e.message, path), hint=e.hint)],
            unreadable=True,
        )
    except FileContentError as e:
        return FileResult(path, diagnostics=[Diagnostic(str(path), e.line, e.col, e.code, e.message, hint=e.hint)])
    return _check(text, path)


def _strip_path(message: str, path: Path) -> str:
    return message.removeprefix(f"{path}: ")


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
    name = str(path)
    with _gc_paused():
        try:
            # Fast path: no positions. Files with problems are parsed again to place them.
            data = parse_document(text, positions=False).data
        except YamlError as e:
            return FileResult(path, diagnostics=[Diagnostic(name, e.line, e.col, e.code, e.message, hint=e.hint)])
        plan, problems = validate_data(data)
        del data
    if not problems:
        return FileResult(path, plan=plan)
    source_map = parse_document(text, positions=True).source_map
    assert source_map is not None
    diagnostics = sorted(_locate(p, name, source_map) for p in problems)
    return FileResult(path, plan=plan, diagnostics=diagnostics)


def _locate(problem: Problem, name: str, source_map: SourceMap) -> Diagnostic:
    line, col = source_map.locate(problem.path, on_key=problem.on_key)
    message = problem.message
    if problem.related is not None:
        rline, _ = source_map.locate(problem.related)
        message += f" (first at line {rline})"
    return Diagnostic(name, line, col, problem.code, message, hint=problem.hint)


def validate_paths(
    paths: list[Path], *, max_bytes: int = DEFAULT_MAX_BYTES, jobs: int = 0, keep_plans: bool = True
) -> Report:
    """Check every plan file under `paths`; one bad file does not stop the others.

    `jobs` is the number of processes to check files in (0: one per CPU when the batch is large
    enough to gain from it; 1: this process only). With `keep_plans=False` the results carry only
    diagnostics, which spares sending the plans back from other processes.
    Raises InputError when a named path does not exist or a directory holds no plans.
    """
    files = discover(paths)
    workers = _workers(files, jobs)
    if workers <= 1:
        return Report(_check_files(files, max_bytes, keep_plans))
    return Report(_check_in_parallel(files, workers, max_bytes, keep_plans))


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


def _check_in_parallel(files: list[Path], workers: int, max_bytes: int, keep_plans: bool) -> list[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(files) // (workers * 4))  # a few chunks per worker balance uneven files
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init) as pool:
        done = pool.map(_check_files, chunks, [max_bytes] * len(chunks), [keep_plans] * len(chunks))
        return [result for chunk in done for result in chunk]


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, quietly


def _check_files(files: list[Path], max_bytes: int, keep_plans: bool) -> list[FileResult]:
    results = []
    for path in files:
        result = check_file(path, max_bytes=max_bytes)
        if not keep_plans:
            result.plan = None  # freed now, not at the end of the batch
        results.append(result)
    return results


def load_plan(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Plan:
    """Load one valid plan, or raise PlanInvalid (with diagnostics) / InputError."""
    path = Path(path)
    result = check_file(path, max_bytes=max_bytes)
    if result.unreadable:
        first = result.diagnostics[0]
        raise InputError(f"{path}: {first.message}", hint=first.hint)
    if not result.ok or result.plan is None:
        raise PlanInvalid(result.diagnostics)
    return result.plan


def load_plans(paths: list[Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[tuple[Path, Plan]]:
    """Load every plan under `paths`; raise PlanInvalid listing all problems if any plan is invalid."""
    report = validate_paths(paths, max_bytes=max_bytes)
    if report.exit_code == ExitCode.USAGE:
        first = next(d for f in report.files if f.unreadable for d in f.diagnostics)
        raise InputError(f"{first.file}: {first.message}", hint=first.hint)
    if report.exit_code != ExitCode.OK:
        raise PlanInvalid(report.diagnostics)
    return [(f.path, f.plan) for f in report.files if f.plan is not None]


@dataclass(frozen=True)
class LoadedPlan:
    path: Path
    plan: Plan


def select_plans(plan: str | Path | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[LoadedPlan]:
    """The plans a command works on.

    `plan` is a path (file or directory) or a plan id; None means every plan found by
    `default_paths()` ($PLANCTL_PLANS, else the nearest plans/ directory). Raises UsageError for
    an unknown id, InputError for unreadable input and PlanInvalid when a plan is invalid.
    """
    from planctl.loading.files import default_paths

    if plan is not None and (isinstance(plan, Path) or Path(plan).exists()):
        return [LoadedPlan(p, pl) for p, pl in load_plans([Path(plan)], max_bytes=max_bytes)]
    loaded = [LoadedPlan(p, pl) for p, pl in load_plans(default_paths(), max_bytes=max_bytes)]
    if plan is None:
        return loaded
    chosen = [lp for lp in loaded if lp.plan.id == plan] or [lp for lp in loaded if lp.plan.id.lower() == plan.lower()]
    if chosen:
        return chosen
    ids = [lp.plan.id for lp in loaded]
    close = difflib.get_close_matches(str(plan), ids, n=1)
    raise UsageError(
        f"no plan with id or path {str(plan)!r}; plans are {', '.join(ids) or 'none'}",
        hint=f"did you mean {close[0]!r}?" if close else "pass --plan with a plan id or a path to a plan file",
    )


def select_plan(plan: str | Path | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedPlan:
    """Exactly one plan: as `select_plans`, but more than one match is a usage error."""
    plans = select_plans(plan, max_bytes=max_bytes)
    if len(plans) != 1:
        ids = ", ".join(lp.plan.id for lp in plans)
        raise UsageError(
            f"this command works on one plan, and {len(plans)} were found ({ids})", hint="choose one with --plan ID"
        )
    return plans[0]


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema of a plan file, as checked in under schemas/."""
    schema = Plan.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}

"""Measure planctl against the tools a user would otherwise use; print ratios and the targets they meet.

    python benchmarks/run.py            # everything (about five minutes)
    python benchmarks/run.py --quick    # fewer repetitions
    python benchmarks/run.py --startup  # only (b)
    python benchmarks/run.py --fmt      # only (e)

(a) `planctl validate` on 1,000 plans of ~20 KB vs `check-jsonschema --schemafile schemas/plan.schema.json`
    on the same files (target <= 0.3x);
(b) what a user meets first, each command's CPU time against the import floor
    `python -c "import typer, pydantic, ruamel.yaml, rich.table"` run in the same rounds (the median of
    the rounds' ratios): `targets --objective 1A` as a user asks it again and again (the plan in
    planctl's cache, target <= 1.15x) and after an edit (PLANCTL_NO_CACHE=1: parsed and validated,
    <= 1.5x); `validate plans/2017.yaml` (what the pre-commit hook runs, <= 1.4x, and <= 0.6x
    check-jsonschema on the same file); `new --from plans/2017.yaml` (<= 2x); `activities`, a table of
    124 rows (<= 1.3x); `--help` (<= 1.1x, and it must import no pydantic). Shown for comparison:
    `--version`, a query with nothing kept at all (the first run after an install), and a typer command
    with the options of `targets` that does nothing (benchmarks/typer_floor.py);
(c) peak memory while validating the ~10 MB plan (tracemalloc, in a fresh process) vs the size of the
    plan's data as plain Python objects (target <= 3x); and how much the process's own peak resident set
    grew (VmHWM: getrusage's ru_maxrss would count the parent's, from before the exec).
(e) `planctl fmt`: `fmt --check plans/` (what pre-commit runs on unchanged files) vs the imports
    (target <= 1.5x); `fmt --check` of a 1 MB plan that needs formatting vs `validate` of it
    (target <= 3x), and of a 10 MB one (linear: per MB, no slower than the 1 MB one, within 1.3x);
    peak memory (VmHWM) of fmt on the 10 MB plan vs validate's (target <= 3x).
(f) results files (progress/): validating 1,000 plans each with a results file vs 500 of each (linear:
    target <= 2.2x for twice the files; the plans alone are shown for comparison); a warm
    `planctl targets --objective 1A` on plans/2017.yaml with a results file beside it vs without one
    (target <= 1.1x); `planctl progress` on it vs that `targets` (target <= 1.1x). The results are
    synthetic, generated under benchmarks/.corpus/ like the plans.

The corpus is generated once under benchmarks/.corpus/ (git-ignored). Needs the `bench` extra
(`pip install -e '.[bench]'`) for check-jsonschema.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.corpus import generate, generate_with_results, sized  # noqa: E402

CORPUS = REPO / "benchmarks" / ".corpus"
BIN = Path(sys.executable).parent
PLANCTL = [str(BIN / "planctl")] if (BIN / "planctl").exists() else [sys.executable, "-m", "planctl"]
IMPORTS = [sys.executable, "-c", "import typer, pydantic, ruamel.yaml, rich.table"]

MEMORY_PROBE = """
import json, sys, tracemalloc
from pathlib import Path
from planctl import api
from planctl.files.yaml import parse_document

path, mode = Path(sys.argv[1]), sys.argv[2]
api.check_file(Path("tests/cases/valid/full-shape.yaml"))  # models built, country names loaded
def peak_rss():  # this process's own peak: getrusage's ru_maxrss would count the parent's, before the exec
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))

if mode == "rss":  # the operating system's view: growth of the peak resident set, no tracing overhead
    before = peak_rss()
    result = api.check_file(path, max_bytes=1 << 30)
    print(json.dumps({"rss_growth": peak_rss() - before}))
    sys.exit(0)
tracemalloc.start()
result = api.check_file(path, max_bytes=1 << 30)
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
assert result.ok, result.diagnostics
del result

def deep_size(root):
    seen, total, todo = set(), 0, [root]
    while todo:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        if isinstance(obj, dict):
            todo.extend(obj.keys())
            todo.extend(obj.values())
        elif isinstance(obj, list):
            todo.extend(obj)
    return total

data = parse_document(path.read_text(encoding="utf-8"), positions=False).data
print(json.dumps({"peak": peak, "parsed": deep_size(data)}))
"""


BOMB_PROBE = """
import json, sys, time, tracemalloc
from pathlib import Path
from planctl import api
import planctl.files.yaml  # the parser, imported by the first check: not part of the refusal

tracemalloc.start()
start = time.perf_counter()
result = api.check_file(Path(sys.argv[1]))
seconds = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1]
assert [d.code for d in result.diagnostics] == ["alias-bomb"], result.diagnostics
print(json.dumps([seconds, peak]))
"""


PEAK_PROBE = """
import atexit, sys

def peak():
    with open("/proc/self/status") as status:  # this process's own peak: a fresh one after exec
        for line in status:
            if line.startswith("VmHWM:"):
                print("VmHWM", int(line.split()[1]) * 1024, file=sys.stderr)

atexit.register(peak)
sys.argv = ["planctl", *sys.argv[1:]]
from planctl.cli.app import main
main()
"""


def peak_rss(args: Sequence[str], env: dict[str, str]) -> int:
    """The peak resident memory of `planctl ARGS` in bytes (Linux: VmHWM of its own process)."""
    proc = subprocess.run(
        [sys.executable, "-c", PEAK_PROBE, *args], cwd=REPO, env={**os.environ, **env}, capture_output=True, text=True
    )
    found = [line.split()[1] for line in proc.stderr.splitlines() if line.startswith("VmHWM ")]
    if proc.returncode not in (0, 1) or not found:
        sys.exit(f"planctl {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return int(found[-1])


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def best_of(
    commands: dict[str, Sequence[str]],
    runs: int,
    *,
    ok: tuple[int, ...] = (0,),
    env: dict[str, dict[str, str]] | None = None,
) -> dict[str, float]:
    """The fastest of `runs` wall-clock times of each command, run in turns (so that a machine busy
    with something else slows all of them alike); output discarded, a wrong exit code is fatal.
    `env` adds environment variables to the named commands."""
    best = dict.fromkeys(commands, float("inf"))
    for _ in range(runs):
        for name, cmd in commands.items():
            environment = {**os.environ, **(env or {}).get(name, {})}
            start = time.perf_counter()
            proc = subprocess.run(
                cmd, cwd=REPO, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
            )
            best[name] = min(best[name], time.perf_counter() - start)
            if proc.returncode not in ok:
                sys.exit(f"{name} exited {proc.returncode}:\n{proc.stderr.decode(errors='replace')}")
    return best


HELP_PROBE = """
import sys
from planctl.cli.app import app
try:
    app(["--help"])
except SystemExit:
    pass
print("pydantic" in sys.modules, file=sys.stderr)
"""


def help_imports_pydantic() -> bool:
    proc = subprocess.run([sys.executable, "-c", HELP_PROBE], cwd=REPO, capture_output=True, text=True, check=False)
    return proc.stderr.strip().endswith("True")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def row(name: str, value: float, target: float, unit: str = "x") -> str:
    verdict = "ok" if value <= target else "MISSED"
    return f"  {name:<58} {value:6.2f}{unit}   target <= {target}{unit}   {verdict}"


def synthetic_2017_results(root: Path) -> Path:
    """plans/2017.yaml copied under `root`, with synthetic results (invented figures) in progress/ beside it:
    a figure for every indicator, a status for every activity, outcomes for three countries of each group."""
    from planctl.api import load_plan
    from planctl.model.results_checks import PlanIds

    plans, progress = root / "plans", root / "progress"
    plans.mkdir(parents=True, exist_ok=True)
    progress.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "plans" / "2017.yaml", plans / "2017.yaml")
    ids = PlanIds.of(load_plan(plans / "2017.yaml"))
    lines = ['plan: "2017"', "indicators:"]
    for n, indicator in enumerate(ids.indicators):
        lines += [f"  {indicator}:", "    periods:", f'      "2017-H1": {{target: {n + 4}, actual: {n + 2}}}']
    lines.append("activities:")
    lines += [f"  {a}: {{status: implementation, as_of: 2017-06-30}}" for a in ids.activities]
    lines.append("countries:")
    for group, (_, members) in ids.groups.items():
        lines.append(f"  {group}:")
        lines += [f"    {name}: {{outcome: engaged, date: 2017-05-02}}" for name in list(members.values())[:3]]
    (progress / "2017.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return plans / "2017.yaml"


def results_files(slow_runs: int, fast_runs: int, small_dir: Path) -> int:
    """(f): the cost of results files; returns how many targets were missed."""
    failed = 0
    print("\n(f) results files beside the plans")
    thousand = generate_with_results(CORPUS / "with-results")
    half = generate_with_results(CORPUS / "with-results-500", small=500)
    t = best_of(
        {
            "plans": [*PLANCTL, "validate", str(small_dir)],
            "plans + results": [*PLANCTL, "validate", str(thousand)],
            "500 + 500": [*PLANCTL, "validate", str(half)],
        },
        slow_runs,
    )
    print(
        f"  1,000 plans {t['plans']:.2f} s; with a results file each {t['plans + results']:.2f} s; "
        f"500 of each {t['500 + 500']:.2f} s"
    )
    print(
        f"  with results / plans alone: {t['plans + results'] / t['plans']:.2f}x (a results file is parsed like a plan)"
    )
    print(row("validate 1,000 plans + results / 500 + results (linear)", t["plans + results"] / t["500 + 500"], 2.2))
    failed += t["plans + results"] / t["500 + 500"] > 2.2

    plan = synthetic_2017_results(CORPUS / "results-2017")
    bare = [*PLANCTL, "targets", "--objective", "1A", "--plan", "plans/2017.yaml"]
    commands = {
        "targets, no results": bare,
        "targets, results beside": [*PLANCTL, "targets", "--objective", "1A", "--plan", str(plan)],
        "progress": [*PLANCTL, "progress", "--plan", str(plan)],
    }
    t = best_of(commands, fast_runs, env={name: {"PLANCTL_TODAY": "2017-12-31"} for name in commands})
    print("  " + "; ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in t.items()) + " (warm)")
    with_results = t["targets, results beside"] / t["targets, no results"]
    print(row("warm targets --objective 1A, with / without results", with_results, 1.1))
    print(row("warm progress / warm targets (results beside)", t["progress"] / t["targets, results beside"], 1.1))
    failed += with_results > 1.1 or t["progress"] / t["targets, results beside"] > 1.1
    return int(failed)


def cpu_seconds(cmd: Sequence[str], env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> float:
    """The CPU time (user and system) of one run of `cmd` in a fresh process, output discarded."""
    proc = subprocess.Popen(
        cmd, cwd=REPO, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    with proc.stderr:
        errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}:\n{errors.decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime


@dataclass
class Paired:
    """A command timed against another in the same rounds: the median and quartiles of the ratios of
    their CPU times, round by round, so that a machine busy with something else slows both alike."""

    cmd: Sequence[str]
    env: dict[str, str] = field(default_factory=dict)
    ratios: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    def spread(self) -> str:
        low, _, high = statistics.quantiles(self.ratios, n=4) if len(self.ratios) > 1 else [self.ratio] * 3
        return f"{statistics.median(self.seconds) * 1000:4.0f} ms; quartiles {low:.2f}-{high:.2f}"


def paired(base: Sequence[str], commands: list[Paired], rounds: int) -> float:
    """Run `base` and then each command, `rounds` times over; each command's ratios to `base` in its round.
    Returns the median CPU time of `base`."""
    for command in [None, *commands]:  # once, unmeasured: caches filled, files read once
        cpu_seconds(base) if command is None else cpu_seconds(command.cmd, command.env)
    floor = []
    for _ in range(rounds):
        floor.append(cpu_seconds(base))
        for command in commands:
            command.seconds.append(cpu_seconds(command.cmd, command.env))
            command.ratios.append(command.seconds[-1] / floor[-1])
    return statistics.median(floor)


def startup_rows(rounds: int, checker: str) -> int:
    """(b): what a user meets first, each command against the import floor in the same rounds; return
    how many targets were missed."""
    print(f"\n(b) commands on the shipped plans vs importing their libraries: CPU time, {rounds} paired rounds")
    print("  (planctl's bytecode compiled first, as an installed wheel's is: where PYTHONDONTWRITEBYTECODE=1 is")
    print("  set, an editable install would otherwise compile it again on every run; PLANCTL_NO_CACHE=1 means")
    print("  no plan kept, so the plan is parsed and validated, by the compiled validator kept as after any run)")
    query = [*PLANCTL, "targets", "--objective", "1A", "--plan", "plans/2017.yaml"]
    validate = [*PLANCTL, "validate", "plans/2017.yaml"]
    no_cache = {"PLANCTL_NO_CACHE": "1"}
    goals = {
        "targets --objective 1A, the plan kept": (Paired(query), 1.15),
        "targets --objective 1A, PLANCTL_NO_CACHE=1": (Paired(query, no_cache), 1.5),
        "validate plans/2017.yaml": (Paired(validate), 1.4),
        "new --from plans/2017.yaml --year 2018": (
            Paired([*PLANCTL, "new", "--from", "plans/2017.yaml", "--year", "2018"]),
            2.0,
        ),
        "activities (124 rows)": (Paired([*PLANCTL, "activities"]), 1.3),
        "--help": (Paired([*PLANCTL, "--help"]), 1.1),
    }
    schema = str(REPO / "schemas" / "plan.schema.json")
    others = {
        "check-jsonschema on plans/2017.yaml": Paired([checker, "--schemafile", schema, "plans/2017.yaml"]),
        "--version": Paired([*PLANCTL, "--version"]),
        "a typer command with the options of targets, doing nothing": Paired(
            [sys.executable, str(REPO / "benchmarks" / "typer_floor.py"), "--objective", "1A"]
        ),
        "targets --objective 1A with nothing kept (PLANCTL_KEEP_VALIDATOR=0 too)": Paired(
            query, {**no_cache, "PLANCTL_KEEP_VALIDATOR": "0"}
        ),
    }
    floor = paired(IMPORTS, [p for p, _ in goals.values()] + list(others.values()), rounds)
    print(f"  the floor, python -c 'import typer, pydantic, ruamel.yaml, rich.table': {floor * 1000:.0f} ms CPU")
    failed = 0
    for label, (command, goal) in goals.items():
        print(row(f"planctl {label}", command.ratio, goal) + f"   ({command.spread()})")
        failed += command.ratio > goal
    cjs = others["check-jsonschema on plans/2017.yaml"]
    by_checker = [v / c for v, c in zip(goals["validate plans/2017.yaml"][0].seconds, cjs.seconds, strict=True)]
    print(row("planctl validate plans/2017.yaml / check-jsonschema on it", statistics.median(by_checker), 0.6))
    failed += statistics.median(by_checker) > 0.6
    for label, command in others.items():  # for comparison
        print(f"  {label}: {command.ratio:.2f}x the floor ({command.spread()})")
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--startup", action="store_true", help="only (b), the commands a user meets first")
    parser.add_argument("--fmt", action="store_true", help="only (e), planctl fmt")
    args = parser.parse_args(argv)
    slow_runs, fast_runs = (1, 5) if args.quick else (3, 15)
    if args.fmt:
        print(f"machine: {machine()}")
        os.environ["PLANCTL_CACHE_DIR"] = str(CORPUS / "cache")
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "planctl")], check=True)
        failed = fmt_rows(fast_runs, slow_runs)
        print(f"\n{'all targets met' if not failed else f'{failed} target(s) missed'}")
        return 1 if failed else 0

    checker = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    if checker is None:
        sys.exit("check-jsonschema is not installed: pip install -e '.[bench]'")

    print(f"machine: {machine()}")
    # an installed package has its bytecode compiled; an editable checkout may not be (PYTHONDONTWRITEBYTECODE)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "planctl")], check=True)
    # planctl's cache of validated plans (used by the query in (b)) goes with the corpus, not in ~/.cache
    os.environ["PLANCTL_CACHE_DIR"] = str(CORPUS / "cache")
    big, small_dir = generate(CORPUS)
    small = sorted(small_dir.glob("*.yaml"))
    size = sum(p.stat().st_size for p in small)
    print(f"corpus: {len(small)} plans, {size / len(small) / 1000:.1f} KB each; {big.stat().st_size / 1e6:.1f} MB plan")
    failed = 0
    if args.startup:
        failed += startup_rows(fast_runs * 2, checker)
        print(f"\n{'all targets met' if not failed else f'{failed} target(s) missed'}")
        return 1 if failed else 0

    print("\n(a) validating 1,000 plans")
    schema = str(REPO / "schemas" / "plan.schema.json")
    t = best_of(
        {
            "check-jsonschema": [checker, "--schemafile", schema, *map(str, small)],
            "planctl": [*PLANCTL, "validate", str(small_dir)],
            "planctl --jobs 1": [*PLANCTL, "validate", "--jobs", "1", str(small_dir)],
        },
        slow_runs,
    )
    print(
        f"  check-jsonschema {t['check-jsonschema']:.2f} s; planctl validate {t['planctl']:.2f} s "
        f"({t['planctl --jobs 1']:.2f} s with --jobs 1)"
    )
    print(row("planctl validate / check-jsonschema", t["planctl"] / t["check-jsonschema"], 0.3))
    print(row("planctl validate --jobs 1 / check-jsonschema", t["planctl --jobs 1"] / t["check-jsonschema"], 0.3))
    failed += t["planctl"] / t["check-jsonschema"] > 0.3

    failed += startup_rows(fast_runs * 2, checker)
    pydantic_on_help = help_imports_pydantic()
    print(f"  planctl --help imports pydantic: {'YES (it must not)' if pydantic_on_help else 'no'}")
    failed += pydantic_on_help

    print("\n(c) peak memory validating the ~10 MB plan")
    mem = {}
    for mode in ("trace", "rss"):
        probe = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, str(big), mode], cwd=REPO, capture_output=True, text=True, check=True
        )
        mem.update(json.loads(probe.stdout))
    print(
        f"  parsed data {mem['parsed'] / 1e6:.1f} MB as Python objects; peak while validating "
        f"{mem['peak'] / 1e6:.1f} MB (tracemalloc); peak RSS grew {mem['rss_growth'] / 1e6:.1f} MB (no tracing)"
    )
    print(row("peak / parsed size", mem["peak"] / mem["parsed"], 3.0))
    failed += mem["peak"] / mem["parsed"] > 3.0

    print("\n(d) an alias bomb (a billion values once expanded) is refused quickly and cheaply")
    bomb = CORPUS / "bomb.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    probe = subprocess.run(
        [sys.executable, "-c", BOMB_PROBE, str(bomb)], cwd=REPO, capture_output=True, text=True, check=True
    )
    seconds, peak = json.loads(probe.stdout)
    print(row(f"time to refuse ({seconds * 1000:.0f} ms)", seconds, 2.0, " s"))
    print(row("peak memory while refusing it", peak / 1e6, 200, " MB"))
    failed += seconds > 2.0 or peak / 1e6 > 200

    failed += fmt_rows(fast_runs, slow_runs)
    failed += results_files(slow_runs, fast_runs, small_dir)

    print(f"\n{'all targets met' if not failed else f'{failed} target(s) missed'}")
    return 1 if failed else 0


def fmt_rows(fast_runs: int, slow_runs: int) -> int:
    """(e): fmt as pre-commit runs it, and on big plans; return how many targets were missed."""
    print("\n(e) planctl fmt (compiled first, as an installed wheel would be)")
    failed = 0
    plans = str(REPO / "plans")
    check = [*PLANCTL, "fmt", "--check", plans]
    subprocess.run(check, cwd=REPO, check=True, stdout=subprocess.DEVNULL)  # the note of canonical files
    cold = "the same with the cache off (PLANCTL_NO_CACHE=1)"
    t = best_of(
        {"imports": IMPORTS, "planctl fmt --check plans/": check, cold: check},
        fast_runs,
        env={cold: {"PLANCTL_NO_CACHE": "1"}},
    )
    ratio = t["planctl fmt --check plans/"] / t["imports"]
    print(row(f"planctl fmt --check plans/ ({t['planctl fmt --check plans/'] * 1000:.0f} ms) / imports", ratio, 1.5))
    print(f"  {cold} ({t[cold] * 1000:.0f} ms): {t[cold] / t['imports']:.2f}x the imports")
    failed += ratio > 1.5

    one, ten = sized(CORPUS, 1), sized(CORPUS, 10)
    big = ["--max-bytes", str(1 << 30)]
    off = {"PLANCTL_NO_CACHE": "1"}  # a plan that needs formatting is never noted; validate reads no cache
    names = {
        "validate 1 MB": [*PLANCTL, "validate", *big, str(one)],
        "fmt --check 1 MB": [*PLANCTL, "fmt", "--check", *big, str(one)],
        "fmt --check 10 MB": [*PLANCTL, "fmt", "--check", *big, str(ten)],
    }
    t = best_of(names, slow_runs, ok=(0, 1), env=dict.fromkeys(names, off))
    mb1, mb10 = one.stat().st_size / 1e6, ten.stat().st_size / 1e6
    ratio = t["fmt --check 1 MB"] / t["validate 1 MB"]
    label = (
        f"fmt --check of a {mb1:.1f} MB plan ({t['fmt --check 1 MB']:.2f} s) / validate ({t['validate 1 MB']:.2f} s)"
    )
    print(row(label, ratio, 3.0))
    failed += ratio > 3.0
    per_mb = (t["fmt --check 10 MB"] / mb10) / (t["fmt --check 1 MB"] / mb1)
    print(row(f"fmt per MB, {mb10:.0f} MB ({t['fmt --check 10 MB']:.2f} s) / {mb1:.0f} MB", per_mb, 1.3))
    failed += per_mb > 1.3

    fmt_peak = peak_rss(["fmt", "--check", *big, str(ten)], off)
    validate_peak = peak_rss(["validate", *big, str(ten)], off)
    ratio = fmt_peak / validate_peak
    label = f"peak memory, fmt of {mb10:.0f} MB ({fmt_peak >> 20} MiB) / validate ({validate_peak >> 20} MiB)"
    print(row(label, ratio, 3.0))
    failed += ratio > 3.0
    return failed


if __name__ == "__main__":
    sys.exit(main())

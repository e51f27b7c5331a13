"""What the calendar's SEQUENCE costs: reading a plan file's git history, for N commits and 2N.

Run: python benchmarks/ics_history_bench.py [N]   (default N = 200)

A throw-away repository gets plans/2017.yaml, then N commits (and N more) that each change one event's
date or title, or some text outside the calendar. Shown: the time of `api.event_revisions` on that
file (two git processes, then one YAML parse per version) and of `planctl calendar --format ics`,
against the same command on the file outside git. The cost is linear in the number of versions.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PLANCTL = [str(BIN / "planctl")] if (BIN / "planctl").exists() else [sys.executable, "-m", "planctl"]
ENV = {
    **os.environ,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=ENV)


def commits(repo: Path, n: int, rng: random.Random) -> None:
    plan = repo / "plans" / "2017.yaml"
    for i in range(n):
        lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
        dated = [k for k, line in enumerate(lines) if line.startswith("    date: 2017-")]
        k = rng.choice(dated)
        if i % 3 == 0:  # a change outside the calendar: no event's SEQUENCE moves
            lines.insert(1, f"# edit {i}\n")
        else:
            day = rng.randint(1, 28)
            lines[k] = lines[k][: len("    date: 2017-MM-")] + f"{day:02d}\n"
        plan.write_text("".join(lines), encoding="utf-8")
        git(repo, "commit", "-q", "--allow-empty", "-am", f"edit {i}")


def timed(fn: object, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    from planctl import api

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rng = random.Random(17)
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        (repo / "plans").mkdir(parents=True)
        shutil.copy(REPO / "plans" / "2017.yaml", repo / "plans" / "2017.yaml")
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", ".")
        git(repo, "commit", "-q", "-m", "plan")
        outside = Path(tmp) / "outside.yaml"
        shutil.copy(REPO / "plans" / "2017.yaml", outside)
        ics = [*PLANCTL, "calendar", "--format", "ics", "--plan"]
        base = timed(lambda: subprocess.run([*ics, str(outside)], check=True, capture_output=True))
        print(f"calendar --format ics, outside git: {base * 1000:7.0f} ms")
        for total in (n, 2 * n):
            commits(repo, total - (n if total == 2 * n else 0), rng)
            path = repo / "plans" / "2017.yaml"
            alone = timed(lambda path=path: api.event_revisions(path))
            whole = timed(lambda path=path: subprocess.run([*ics, str(path)], check=True, capture_output=True))
            top = max(r.sequence for r in api.event_revisions(path).values())
            print(
                f"{total + 1:4d} versions: event_revisions {alone * 1000:6.0f} ms, "
                f"calendar --format ics {whole * 1000:6.0f} ms (highest SEQUENCE {top})"
            )


if __name__ == "__main__":
    main()

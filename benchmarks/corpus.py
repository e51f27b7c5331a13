"""A synthetic corpus of valid plans for the benchmarks: one ~10 MB plan and 1,000 plans of ~20 KB.

Deterministic (seeded), shaped like plans/2017.yaml: goals, objectives with indicators, targets and
nested activities, a calendar, publications, sections and footnotes. Written as block YAML whose
scalars are JSON strings (a JSON string is a valid YAML double-quoted scalar).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

VERSION = "1"  # bump when the generator changes, so a stale corpus is rebuilt
COUNTRIES = [
    "Angola",
    "Cambodia",
    "DR Congo",
    "Indonesia",
    "Nigeria",
    "South Sudan",
    "Thailand",
    "Vietnam",
    "Zimbabwe",
    "Lao PDR",
    "Norway",
    "Brazil",
    "Myanmar",
    "Syria",
    "Ukraine",
    "Yemen",
    "Colombia",
    "Afghanistan",
    "Iraq",
    "Sri Lanka",
]
_PROSE = (
    "the campaign will work with states parties and civil society to universalise the convention "
    "and strengthen the norm against use of cluster munitions and landmines through advocacy research "
    "media outreach national campaigning victim assistance clearance stockpile destruction reporting"
)
WORDS = _PROSE.split()


def _sentence(rng: random.Random, lo: int, hi: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(lo, hi))
    return " ".join(words).capitalize() + "."


def _activities(rng: random.Random, prefix: str, n: int, depth: int) -> list[dict[str, Any]]:
    out = []
    for i in range(1, n + 1):
        act: dict[str, Any] = {
            "id": f"{prefix}.{i}",
            "category": rng.choice(["advocacy", "research", "media", "campaigning"]),
            "text": _sentence(rng, 12, 40),
        }
        if rng.random() < 0.4:
            act["countries"] = rng.sample(COUNTRIES, rng.randint(1, 4))
        if rng.random() < 0.2:
            act["key_dates"] = [f"event-{rng.randint(1, 6)}"]
        if depth and rng.random() < 0.5:
            act["activities"] = _activities(rng, f"{prefix}.{i}", rng.randint(1, 3), depth - 1)
        out.append(act)
    return out


def _objective(rng: random.Random, goal: int, letter: int) -> dict[str, Any]:
    oid = f"{goal}{chr(ord('A') + letter % 26)}{letter // 26 or ''}"
    return {
        "id": oid,
        "title": _sentence(rng, 6, 14),
        "priority": rng.choice(["high", "medium", "low"]),
        "indicators": [{"id": f"{oid}.i{k}", "text": _sentence(rng, 5, 12)} for k in range(1, 3)],
        "targets": {
            "groups": [
                {"id": f"{oid}.g{k}", "rationale": _sentence(rng, 20, 50), "countries": rng.sample(COUNTRIES, 6)}
                for k in range(1, 3)
            ]
        },
        "strategy": _sentence(rng, 30, 80),
        "activities": _activities(rng, f"{oid}.a", rng.randint(3, 6), 2),
    }


def plan(seed: int, objectives: int) -> dict[str, Any]:
    """A valid plan with about `objectives` objectives (~3 KB of YAML each)."""
    rng = random.Random(seed)
    goals = max(1, objectives // 3)
    return {
        "id": f"synthetic-{seed}",
        "title": f"Synthetic plan {seed}",
        "organisation": "Example Campaign",
        "kind": "operational",
        "period": {"start": "2024-01-01", "end": "2024-12-31"},
        "summary": "\n\n".join(_sentence(rng, 40, 90) for _ in range(3)),
        "categories": [{"id": c, "title": c.title()} for c in ("advocacy", "research", "media", "campaigning")],
        "goals": [
            {
                "id": str(g),
                "title": _sentence(rng, 5, 10),
                "objectives": [_objective(rng, g, k) for k in range(-(-objectives // goals))],
            }
            for g in range(1, goals + 1)
        ],
        "calendar": [
            {"id": f"event-{k}", "title": _sentence(rng, 3, 8), "date": f"2024-{k:02d}-{k + 10:02d}"}
            for k in range(1, 7)
        ],
        "publications": [{"id": "monitor", "title": "Monitor", "description": _sentence(rng, 10, 20)}],
        "sections": [{"id": "context", "title": "Context", "text": _sentence(rng, 50, 120)}],
        "footnotes": [{"id": "1", "text": _sentence(rng, 5, 20)}],
    }


def dump(value: Any, indent: int = 0) -> str:
    """Block-style YAML: mappings and lists on their own lines, every scalar a JSON string."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:\n{dump(item, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {json.dumps(item, ensure_ascii=False)}\n")
    else:
        for item in value:
            if isinstance(item, dict) and item:
                body = dump(item, indent + 2)
                lines.append(f"{pad}- {body[indent + 2 :]}")
            else:
                lines.append(f"{pad}- {json.dumps(item, ensure_ascii=False)}\n")
    return "".join(lines)


def _text(seed: int, target_bytes: int) -> str:
    """The plan whose YAML comes nearest to `target_bytes` bytes."""
    one = len(dump(plan(seed, 1)))
    guess = max(1, round(target_bytes / one))
    guess = max(1, round(guess * target_bytes / len(dump(plan(seed, guess)))))  # one correction step
    texts = [dump(plan(seed, n)) for n in {max(1, guess - 1), guess, guess + 1}]
    return min(texts, key=lambda t: abs(len(t.encode()) - target_bytes))


def sized(root: Path, megabytes: int) -> Path:
    """A plan of about `megabytes` MB under `root` (written once), as `generate` writes them."""
    path = root / f"plan-{megabytes}mb.yaml"
    stamp = root / f"plan-{megabytes}mb.version"
    if not (path.exists() and stamp.exists() and stamp.read_text() == VERSION):
        root.mkdir(parents=True, exist_ok=True)
        path.write_text(_text(0, megabytes * 1_000_000), encoding="utf-8")
        stamp.write_text(VERSION)
    return path


def generate(root: Path, *, small: int = 1000) -> tuple[Path, Path]:
    """Write the corpus under `root` (once; rebuilt when VERSION changes); return (big plan, small dir)."""
    stamp = root / "VERSION"
    big, small_dir = root / "big.yaml", root / "small"
    if stamp.exists() and stamp.read_text() == f"{VERSION} {small}":
        return big, small_dir
    small_dir.mkdir(parents=True, exist_ok=True)
    for old in small_dir.glob("*.yaml"):
        old.unlink()
    big.write_text(_text(0, 10_000_000), encoding="utf-8")
    for i in range(small):
        (small_dir / f"plan-{i:04d}.yaml").write_text(_text(i + 1, 20_000), encoding="utf-8")
    stamp.write_text(f"{VERSION} {small}")
    return big, small_dir

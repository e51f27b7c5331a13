"""`planctl show` renders the document `planctl render` prints: the same words, in a compact terminal form."""

from __future__ import annotations

from pathlib import Path

import pytest

from planctl.api import load_plan
from planctl.document import Block, Fields, ItemList, Para, Section, build
from tests.conftest import CASES, PLANS, RunCli

FIXTURES = [CASES / "valid" / f"{name}.yaml" for name in ("full-shape", "strategy-shape", "action-plan-shape")]

EDGES = """\
id: edges
title: Edges
organisation: Example NGO
kind: strategy
period: {start: 2024-01-01, end: 2025-12-31}
categories:
  - {id: advocacy, title: Advocacy}
goals:
  - id: "1"
    title: A goal
    objectives:
      - id: 1a
        title: An objective
        activities:
          - {id: a1, category: advocacy, text: "Meet:", key_dates: [retreat]}
          - {id: a2, text: Write.}
          - {id: a3, category: advocacy, text: Call.}
    actions:
      - {id: x1, number: 1, addressed_to: "Each State Party:", commitment: "will:", text: Act.}
calendar:
  - {id: retreat, title: Retreat, start: 2024-12-30, end: 2025-01-03, tentative: true}
"""


def _texts(blocks: list[Block]) -> list[str]:
    """The plan text of blocks, without what only repeats an item's label or facts ('Action #3:')."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Para):
            out += [*([b.lead] if b.lead else []), "".join(s.text for s in b.spans)]
        elif isinstance(b, ItemList):
            out += _texts([b.intro]) if b.intro else []
            for item in b.items:
                out.append("".join(s.text for s in item.text))
                out += [value for _, value in item.facts] + _texts(item.children)
        elif isinstance(b, Section):
            out += [b.name or b.title, *_texts(b.blocks)]
        elif isinstance(b, Fields):
            pass  # shown as the objective's line of facts
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("path", [*FIXTURES, PLANS / "2017.yaml"], ids=lambda p: p.stem)
def test_show_says_everything_the_document_says_of_goals_and_objectives(run_cli: RunCli, path: Path) -> None:
    doc = build(load_plan(path))
    result = run_cli("show", "--plan", path)
    assert result.exit_code == 0, result
    shown = _flat(result.stdout)
    goals = [s for s in doc.sections if s.kind in ("goal", "vision", "mission")]
    missing = [t for t in _texts(list(goals)) if _flat(t) not in shown]
    assert missing == []


def test_a_shared_strategy_reads_as_in_the_document(run_cli: RunCli) -> None:
    out = _flat(run_cli("show", "--plan", CASES / "valid" / "strategy-shape.yaml", "--objective", "1b").stdout)
    assert "Strategy The strategy of objective 1a also serves this objective." in out


@pytest.fixture
def edges(tmp_path: Path) -> Path:
    path = tmp_path / "edges.yaml"
    path.write_text(EDGES, encoding="utf-8")
    return path


def test_each_category_heads_its_activities_once(run_cli: RunCli, edges: Path) -> None:
    lines = [line.strip() for line in run_cli("show", "--plan", edges).stdout.splitlines()]
    assert lines.count("Advocacy") == 1 and lines.count("Other activities") == 1
    assert lines.index("Advocacy") < lines.index("a3  Call.") < lines.index("Other activities")


def test_a_key_date_across_new_year_names_both_years(run_cli: RunCli, edges: Path) -> None:
    assert "30 Dec 2024 – 3 Jan 2025 (tbc)  Retreat" in run_cli("show", "--plan", edges).stdout


def test_whom_a_run_of_actions_addresses_ends_in_one_colon(run_cli: RunCli, edges: Path) -> None:
    out = run_cli("show", "--plan", edges).stdout
    assert "    Each State Party: will:\n      #1  Act.\n" in out

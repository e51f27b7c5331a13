"""What an action of an action plan carries (indicators, deadline, countries, key dates, follow-up), what a
plan says of itself (symbol, adoption, source), and how `show`, `render` and `diff` present them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CASES, PLANS, RunCli

DETAILS = CASES / "valid" / "action-plan-details.yaml"
CARTAGENA = PLANS / "cartagena-action-plan-2010-2014.yaml"


def test_show_goal_of_an_action_plan_shows_its_section(run_cli: RunCli) -> None:
    result = run_cli("show", "--plan", CARTAGENA, "--goal", "I")
    assert result.exit_code == 0, result
    out = " ".join(result.stdout.split())
    assert "Goal I — Universalizing the Convention" in out
    assert "#1 Seize every opportunity to promote ratification" in out
    assert "#6 Encourage States not Parties" in out
    assert "#7 " not in out  # section II's first action


def test_show_goal_ignores_case_and_keeps_objectives_of_other_plans(run_cli: RunCli) -> None:
    result = run_cli("show", "--plan", CARTAGENA, "--goal", "ii")
    assert result.exit_code == 0, result
    assert "Destroying Stockpiled Anti-Personnel Mines" in result.stdout
    result = run_cli("show", "--plan", PLANS / "2017.yaml", "--goal", "1")
    assert result.exit_code == 0 and "1A" in result.stdout, result


def test_show_an_action_with_what_it_carries(run_cli: RunCli) -> None:
    result = run_cli("show", "--plan", DETAILS, "--goal", "II")
    out = " ".join(result.stdout.split())
    assert "Deadline: no later than the Twentieth Meeting of the States Parties (November 2022)" in out
    assert "Countries: Angola, Laos" in out
    assert "Follow-up: the Committee on Article 5 Implementation" in out
    assert "Indicators: a20.i1 Percentage of States Parties" in out
    assert "Nov 2022 Twentieth Meeting of the States Parties" in out  # a key date
    assert "Deadline: 30 April 2021" in out and "Deadline: as soon as possible" in out


def test_rendered_document_states_the_plans_symbol_adoption_and_source(run_cli: RunCli) -> None:
    result = run_cli("render", DETAILS, "-f", "markdown")
    assert result.exit_code == 0, result
    assert "**Symbol:** EX/CONF/2019/5/Add.1" in result.stdout
    assert "**Adopted:** Fourth Review Conference, Example City, 29 November 2019" in result.stdout
    assert "**Source:** https://example.org/action-plan-2020-2024" in result.stdout
    assert "*(deadline: no later than the Twentieth Meeting of the States Parties (November 2022);" in result.stdout
    assert "  *Indicators:*\n\n  - Percentage of States Parties" in result.stdout


def test_cartagena_deadline_is_shown(run_cli: RunCli) -> None:
    result = run_cli("render", CARTAGENA, "-f", "markdown")
    assert "Action #14:** Identify" in result.stdout
    assert "(deadline: no later than the Tenth Meeting of the States Parties)" in result.stdout


def test_diff_reports_changes_to_what_an_action_carries(run_cli: RunCli, tmp_path: Path) -> None:
    old = DETAILS.read_text(encoding="utf-8")
    new = (
        old.replace("no later than the Twentieth", "by the Twentieth")
        .replace("countries: [Angola, Laos]", "countries: [Angola]")
        .replace("place: Example City", "place: Sample City")
    )
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    result = run_cli("diff", tmp_path / "old.yaml", tmp_path / "new.yaml", "--format", "json")
    assert result.exit_code == 1, result
    for expected in ('"deadline.text"', '"countries"', '"adopted.place"'):
        assert expected in result.stdout


def test_word_document_says_whom_actions_address_and_their_indicators(run_cli: RunCli, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "plan.docx"
    result = run_cli("render", DETAILS, "-f", "docx", "-o", out)
    assert result.exit_code == 0, result
    lines = [p.text for p in docx.Document(str(out)).paragraphs]
    at = lines.index("Each State Party with mined areas will:")
    assert lines[at + 1].startswith("Action #20: Establish an evidence-based baseline")
    assert lines[lines.index("Indicators:") + 1] == "Percentage of States Parties that have an evidence-based baseline"

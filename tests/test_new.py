"""`planctl new`: next year's plan from this year's, valid, dated a year on and tentative, never overwriting."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from planctl.api import check_text, load_plan
from planctl.fmt import comment_texts, format_text
from planctl.new import shift_years
from tests.conftest import PLANS, REPO, RunCli

PLAN_2017 = PLANS / "2017.yaml"


@pytest.fixture(scope="module")
def draft_2018() -> str:
    from typer.testing import CliRunner

    from planctl.cli.app import app

    result = CliRunner().invoke(app, ["new", "--from", str(PLAN_2017), "--year", "2018"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_draft_is_a_valid_plan_for_the_new_year(draft_2018: str) -> None:
    result = check_text(draft_2018, "2018.yaml")
    assert result.ok, result.diagnostics
    plan = result.plan
    assert plan is not None
    assert (plan.id, plan.title) == ("2018", "2018 Operational Plan")
    assert (plan.period.start, plan.period.end) == (date(2018, 1, 1), date(2018, 12, 31))
    assert plan.implements == "strategy-2017-2021"


def test_goals_objectives_indicators_targets_activities_carry_over(draft_2018: str) -> None:
    old, new = load_plan(PLAN_2017), check_text(draft_2018).plan
    assert new is not None
    assert new.goals == old.goals
    assert new.categories == old.categories
    assert new.sections == old.sections and new.publications == old.publications


def test_calendar_moves_a_year_and_is_tentative(draft_2018: str) -> None:
    old, new = load_plan(PLAN_2017), check_text(draft_2018).plan
    assert new is not None
    assert [e.id for e in new.calendar] == [e.id for e in old.calendar]
    for before, after in zip(old.calendar, new.calendar, strict=True):
        assert after.tentative, after.id
        assert after.span == tuple(d.replace(year=2018) for d in before.span), after.id
        assert (after.title, after.location) == (before.title, before.location)


def test_comments_are_kept_except_those_about_the_old_dates(draft_2018: str) -> None:
    kept = comment_texts(draft_2018)
    source = comment_texts(PLAN_2017.read_text(encoding="utf-8"))
    dropped = source - kept
    assert sorted(dropped) == sorted(
        [
            '# the plan: "launched 16 January"',
            "# web summary: 14 December (not tbc); the PDF wins",
            "# web summary: 18-21 December; the PDF wins",
        ]
    )
    assert '# the PDF spells it "Muniton"; typo corrected' in kept
    lines = draft_2018.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schemas/plan.schema.json"
    assert lines[1].startswith("# Drafted by `planctl new` from ")


def test_the_draft_is_in_canonical_layout(draft_2018: str) -> None:
    assert format_text(draft_2018) == draft_2018


def test_writes_a_new_file_and_says_what_to_review(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "plans" / "2018.yaml"
    out.parent.mkdir()
    # next year's plan implements the same strategy, which sits beside it as in plans/
    shutil.copy(REPO / "plans" / "strategy-2017-2021.yaml", out.parent)
    result = run_cli("new", "--from", PLAN_2017, "-o", out)
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert f"wrote {out}: plan '2018' (2018 Operational Plan), 2018-01-01 to 2018-12-31;" in result.stderr
    assert "24 calendar events moved and marked tentative" in result.stderr
    assert "texts that may be wrong for 2018 (the year 2017, ordinals, anniversaries):" in result.stderr
    assert run_cli("validate", out).exit_code == 0
    schema_line = out.read_text(encoding="utf-8").splitlines()[0]
    assert (out.parent / schema_line.split("$schema=")[1]).resolve() == (REPO / "schemas" / "plan.schema.json")


def test_refuses_to_overwrite_an_existing_file(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "2018.yaml"
    out.write_text("precious\n", encoding="utf-8")
    result = run_cli("new", "--from", PLAN_2017, "-o", out)
    assert result.exit_code == 2, result
    assert "already exists; planctl new never overwrites a plan" in result.stderr
    assert out.read_text(encoding="utf-8") == "precious\n"


def test_29_february_becomes_28_february(run_cli: RunCli, tmp_path: Path) -> None:
    source = tmp_path / "2016.yaml"
    source.write_text(
        "id: op-2016\ntitle: Plan for 2016\norganisation: Org\nkind: operational\n"
        "period:\n  start: 2016-01-01\n  end: 2016-12-31\n"
        "calendar:\n  - id: leap\n    title: Leap day\n    date: 2016-02-29\n"
        "  - id: oct\n    title: October\n    month: 2016-10\n    tentative: true\n",
        encoding="utf-8",
    )
    result = run_cli("new", "--from", source)  # the year defaults to the next one
    assert result.exit_code == 0, result
    plan = check_text(result.stdout).plan
    assert plan is not None
    assert (plan.id, plan.title) == ("op-2017", "Plan for 2017")
    assert [(e.date, e.month, e.tentative) for e in plan.calendar] == [
        (date(2017, 2, 28), None, True),
        (None, "2017-10", True),
    ]
    assert shift_years(date(2016, 2, 29), 4) == date(2020, 2, 29)


def test_a_draft_of_an_approved_plan_is_a_draft(run_cli: RunCli, tmp_path: Path) -> None:
    source = tmp_path / "2017.yaml"
    source.write_text(
        "id: op-2017\ntitle: Plan for 2017\norganisation: Org\nkind: operational\n"
        "period:\n  start: 2017-01-01\n  end: 2017-12-31\nstatus: approved\nstatus_date: 2016-12-10\n",
        encoding="utf-8",
    )
    result = run_cli("new", "--from", source)
    assert result.exit_code == 0, result
    plan = check_text(result.stdout).plan
    assert plan is not None
    assert (plan.status, plan.status_date) == ("draft", None)


def test_id_and_title_can_be_chosen(run_cli: RunCli) -> None:
    result = run_cli("new", "--from", PLAN_2017, "--year", "2020", "--id", "op-2020", "--title", "Plan 2020")
    assert result.exit_code == 0, result
    plan = check_text(result.stdout).plan
    assert plan is not None
    assert (plan.id, plan.title, plan.period.start) == ("op-2020", "Plan 2020", date(2020, 1, 1))


def test_same_year_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("new", "--from", PLAN_2017, "--year", "2017")
    assert result.exit_code == 2, result
    assert "already starts in 2017" in result.stderr


def test_an_invalid_source_is_exit_1(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copy(REPO / "tests" / "cases" / "invalid" / "unknown-country.yaml", tmp_path / "bad.yaml")
    result = run_cli("new", "--from", tmp_path / "bad.yaml")
    assert result.exit_code == 1, result
    assert "unknown country" in result.stderr


def test_a_plan_over_several_years_moves_both_years_of_its_id_and_title(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "strategy.yaml"
    result = run_cli("new", "--from", REPO / "plans" / "strategy-2017-2021.yaml", "--year", "2022", "-o", out)
    assert result.exit_code == 0, result
    assert "plan 'strategy-2022-2026' (ICBL-CMC Strategy 2022-2026), 2022-01-01 to 2026-12-31" in result.stderr
    assert run_cli("validate", out).exit_code == 0


def test_lists_each_text_to_review_by_file_and_line(run_cli: RunCli, tmp_path: Path) -> None:
    """Each text naming the old year or an ordinal that grows each year, as file:line: reason: text."""
    out = tmp_path / "2018.yaml"
    result = run_cli("new", "--from", PLAN_2017, "-o", out)
    assert result.exit_code == 0, result
    lines = out.read_text(encoding="utf-8").splitlines()
    listed = [line for line in result.stderr.splitlines() if line.startswith(f"{out}:")]
    assert listed
    reasons = " ".join(listed)
    assert "mentions 2017" in reasons and "says '7th Meeting'" in reasons and "anniversary'" in reasons
    for entry in listed:
        number = int(entry.removeprefix(f"{out}:").split(":", 1)[0])
        shown = entry.split(": ", 2)[2].removesuffix("…")
        here = " ".join(" ".join(lines[number - 1 : number + 3]).split())  # a block scalar starts on its key's line
        assert shown[:20] in here, (entry, lines[number - 1])

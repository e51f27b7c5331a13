"""One invalid plan does not block questions about the others; two files with one plan id are said.

Questions answer from the valid plans and list every file left out on stderr, as `validate` would;
the exit status tells a script the answer is partial (1). A plan named by id answers normally when it
is itself valid. Only `validate` refuses outright. Two files with one plan id: the second is in
error (as for validate), and naming that id asks for a path.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import icalendar
import pytest

from planctl import api
from planctl.errors import InputError, PlanInvalid, UsageError
from tests.conftest import PLANS, RunCli

CARTAGENA = "cartagena-action-plan-2010-2014"
TYPO = f"{CARTAGENA}.yaml:12:1: error[unknown-field]: unknown field 'langauge'"
PARTIAL = "warning: the answer leaves out 1 plan file: it comes from the other 3 only (exit status 1)"


def _copy_plans(folder: Path) -> Path:
    folder.mkdir()
    for plan in PLANS.glob("*.yaml"):
        shutil.copy(plan, folder)
    return folder


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return _copy_plans(tmp_path / "good")


@pytest.fixture
def typo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped plans with a typo in the Cartagena plan; the current folder holds them in plans/."""
    folder = _copy_plans(tmp_path / "plans")
    path = folder / f"{CARTAGENA}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[11] == "language: en"
    path.write_text(text.replace("\nlanguage: en\n", "\nlangauge: en\n", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


QUESTIONS = [
    ["countries", "Laos"],
    ["countries"],
    ["targets", "--objective", "1A"],
    ["objectives"],
    ["indicators", "--goal", "1"],
    ["activities", "--search", "side event"],
    ["publications"],
    ["calendar"],
    ["calendar", "--month", "sep", "--format", "json"],
    ["plans"],
    ["show", "--objective", "1A"],
]


@pytest.mark.parametrize("question", QUESTIONS, ids=" ".join)
def test_a_question_answers_from_the_valid_plans_and_says_what_it_left_out(
    run_cli: RunCli, typo: Path, question: list[str]
) -> None:
    result = run_cli(*question)
    assert result.exit_code == 1, result
    assert f"plans/{TYPO}" in result.stderr
    assert "Found 1 problem in 1 of 4 plan files." in result.stderr
    assert PARTIAL in result.stderr
    assert "fix them first" not in result.stderr
    # the answer is what the valid plans alone would give
    (typo / f"{CARTAGENA}.yaml").unlink()
    alone = run_cli(*question)
    assert alone.exit_code == 0, alone
    assert result.stdout == alone.stdout


def test_the_partial_answer_is_still_json_for_scripts(run_cli: RunCli, typo: Path) -> None:
    result = run_cli("countries", "Laos", "--format", "json")
    assert result.exit_code == 1, result
    assert {row["plan"] for row in json.loads(result.stdout)} == {"2017"}


@pytest.mark.parametrize(
    "question",
    [
        ["calendar", "--plan", "2017"],
        ["countries", "Laos", "--plan", "2017"],
        ["objectives", "--plan", "strategy-2017-2021"],
        ["show", "--plan", "2017", "--objective", "1A"],
        ["plans", "--plan", "2017"],
        ["render", "2017"],
        ["new", "--from", "2017"],
    ],
    ids=" ".join,
)
def test_a_valid_plan_named_by_id_answers_normally(run_cli: RunCli, typo: Path, question: list[str]) -> None:
    result = run_cli(*question)
    assert result.exit_code == 0, result
    assert "langauge" not in result.stderr
    assert "warning" not in result.stderr


def test_the_invalid_plan_named_by_id_is_refused(run_cli: RunCli, typo: Path) -> None:
    result = run_cli("calendar", "--plan", CARTAGENA)
    assert result.exit_code == 1, result
    assert f"plans/{TYPO}" in result.stderr
    assert "fix them first" in result.stderr
    assert result.stdout == ""


def test_an_unknown_id_says_which_files_were_left_out(run_cli: RunCli, typo: Path) -> None:
    result = run_cli("objectives", "--plan", "cartagena")
    assert result.exit_code == 2, result
    assert f"1 plan file left out as not valid: plans/{CARTAGENA}.yaml" in result.stderr


def test_validate_still_refuses(run_cli: RunCli, typo: Path) -> None:
    result = run_cli("validate")
    assert result.exit_code == 1, result
    assert f"plans/{TYPO}" in result.stdout


def test_render_without_a_plan_does_not_guess_among_valid_and_invalid(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(PLANS / "2017.yaml", folder)
    (folder / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    result = run_cli("render", "--format", "markdown", "-o", tmp_path / "out.md", folder)
    assert result.exit_code == 2, result
    assert f"render works on one plan, and 2 plan files were found (2017, {folder}/broken.yaml (not valid))" in (
        result.stderr
    )
    assert "hint: name one: planctl render 2017" in result.stderr


def test_every_plan_invalid_is_still_refused(run_cli: RunCli, typo: Path) -> None:
    for plan in typo.glob("*.yaml"):
        if plan.name != f"{CARTAGENA}.yaml":
            plan.unlink()
    result = run_cli("objectives")
    assert result.exit_code == 1, result
    assert "fix them first" in result.stderr


def test_an_unreadable_file_among_plans_is_left_out_too(run_cli: RunCli, good: Path) -> None:
    os.mkfifo(good / "fifo.yaml")
    result = run_cli("plans", "--plan", good, "--format", "json")
    assert result.exit_code == 1, result
    assert len(json.loads(result.stdout)) == 4
    assert f"{good}/fifo.yaml: error[unreadable]: not a regular file" in result.stderr
    assert "warning: the answer leaves out 1 plan file: it comes from the other 4 only" in result.stderr


# --- the library ----------------------------------------------------------------------------------


def test_library_select_plans_refuses_unless_asked_to_skip(typo: Path) -> None:
    with pytest.raises(PlanInvalid):
        api.select_plans()
    with pytest.raises(PlanInvalid):
        api.load_plans([typo])
    selection = api.select_plans(skip_invalid=True)
    assert sorted(lp.plan.id for lp in selection) == ["2017", "strategic-plan-2012-2015", "strategy-2017-2021"]
    assert not selection.complete
    assert selection.skipped_files == [f"plans/{CARTAGENA}.yaml"]
    assert [d.code for d in selection.skipped] == ["unknown-field"]
    assert selection.files == 4
    assert api.select_plan("2017", skip_invalid=True).plan.id == "2017"


# --- two files, one plan id -----------------------------------------------------------------------


@pytest.fixture
def copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """plans/ holds 2017.yaml and a copy of it, copy.yaml: two files with plan id 2017."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(PLANS / "2017.yaml", folder / "2017.yaml")
    shutil.copy(PLANS / "strategy-2017-2021.yaml", folder / "strategy-2017-2021.yaml")
    shutil.copy(PLANS / "2017.yaml", folder / "copy.yaml")
    monkeypatch.chdir(tmp_path)
    return folder


DUPLICATE = "plans/copy.yaml:2:5: error[duplicate-plan-id]: plan id '2017' is also the id of plans/2017.yaml"


def test_a_copied_plan_file_is_said_and_left_out_of_the_calendar(run_cli: RunCli, copied: Path) -> None:
    result = run_cli("calendar", "--format", "ics")
    assert result.exit_code == 1, result
    assert DUPLICATE in result.stderr
    uids = [str(e["uid"]) for e in icalendar.Calendar.from_ical(result.stdout).walk("VEVENT")]
    assert len(uids) == 24
    assert len(set(uids)) == len(uids)


@pytest.mark.parametrize("question", [["objectives"], ["plans"], ["calendar", "--format", "csv"]], ids=" ".join)
def test_every_question_says_two_files_have_one_id(run_cli: RunCli, copied: Path, question: list[str]) -> None:
    result = run_cli(*question)
    assert result.exit_code == 1, result
    assert DUPLICATE in result.stderr


def test_naming_a_shared_id_asks_for_a_path(run_cli: RunCli, copied: Path) -> None:
    result = run_cli("calendar", "--plan", "2017")
    assert result.exit_code == 2, result
    assert "error: 2 plan files have the id '2017': plans/2017.yaml, plans/copy.yaml" in result.stderr
    assert "hint: name one by its path: --plan plans/2017.yaml" in result.stderr
    assert run_cli("calendar", "--plan", "plans/copy.yaml").exit_code == 0


def test_render_suggests_a_path_that_works_when_files_share_an_id(run_cli: RunCli, copied: Path) -> None:
    result = run_cli("render", "2017")
    assert result.exit_code == 2, result
    assert "error: 2 plan files have the id '2017': plans/2017.yaml, plans/copy.yaml" in result.stderr
    assert "hint: name one by its path: planctl render plans/2017.yaml" in result.stderr
    assert run_cli("render", "plans/2017.yaml").exit_code == 0  # the command the hint gives


def test_render_of_several_plans_suggests_a_path_for_a_shared_id(run_cli: RunCli, copied: Path) -> None:
    (copied / "strategy-2017-2021.yaml").unlink()
    result = run_cli("render")
    assert result.exit_code == 2, result
    assert "render works on one plan, and 2 plan files were found (2017, plans/copy.yaml (not valid))" in result.stderr
    assert "hint: name one: planctl render plans/2017.yaml" in result.stderr


def test_library_load_plans_refuses_two_files_with_one_id(copied: Path) -> None:
    with pytest.raises(PlanInvalid) as e:
        api.load_plans([copied])
    assert [d.code for d in e.value.diagnostics] == ["duplicate-plan-id"]
    with pytest.raises(UsageError):
        api.select_plans("2017", skip_invalid=True)


def test_a_plan_named_by_path_that_cannot_be_read_is_an_input_error(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.yaml")
    with pytest.raises(InputError):
        api.select_plans(tmp_path / "fifo.yaml", skip_invalid=True)

"""Recording what happened (`planctl progress set`) and asking how the plan is doing (`progress`, `targets`,
`activities`, `report`, `diff`), on a copy of the shipped plans with synthetic facts."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import stat
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import PLANS, RunCli

TODAY = "2017-12-20"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding a copy of plans/, committed; the working directory, 'today' 20 Dec 2017."""
    shutil.copytree(PLANS, tmp_path / "plans")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "plans")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANCTL_TODAY", TODAY)
    return tmp_path


def _set(run_cli: RunCli, *args: str) -> None:
    result = run_cli("progress", "set", *args)
    assert result.exit_code == 0, result


def _three_facts(run_cli: RunCli) -> None:
    _set(run_cli, "1B.i1", "--period", "2017", "--actual", "3", "--target", "5", "--source", "synthetic test figure")
    _set(run_cli, "1A.nc3", "--status", "implementation", "--as-of", "2017-06-30")
    _set(run_cli, "1A.g2", "--country", "Benin", "--outcome", "joined", "--date", "2017-08-27", "--how", "ratification")


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_three_facts_are_seen_by_every_command(run_cli: RunCli, repo: Path) -> None:
    _three_facts(run_cli)
    _set(run_cli, "1A.i1", "--count", "joined")
    results = repo / "progress" / "2017.yaml"
    assert results.read_text(encoding="utf-8").startswith(
        '# yaml-language-server: $schema=../schemas/results.schema.json\nplan: "2017"\n'
    )
    assert run_cli("validate").exit_code == 0

    progress = json.loads(run_cli("progress", "--format", "json").stdout)
    rows = {row["indicator"]: row for row in progress["indicators"]}
    assert (rows["1B.i1"]["target"], rows["1B.i1"]["actual"], rows["1B.i1"]["percent"]) == (5, 3, 60)
    assert rows["1A.i1"]["actual"] == 1 and rows["1A.i1"]["computed"] is True  # Benin, counted
    assert rows["1A.i2"]["status"] == "no-data"
    [objective_1a] = [row for row in progress["activities"] if row["objective"] == "1A"]
    assert objective_1a["statuses"]["implementation"] == 1
    assert [(c["country"], c["outcome"], c["date"]) for c in progress["countries"]] == [
        ("Benin", "joined", "2017-08-27")
    ]

    targets = json.loads(run_cli("targets", "--objective", "1A", "--outcome", "joined", "-f", "json").stdout)
    assert [(t["country"], t["outcome"], t["outcome_date"]) for t in targets] == [("Benin", "joined", "2017-08-27")]
    activities = json.loads(run_cli("activities", "--status", "implementation", "-f", "json").stdout)
    assert [(a["id"], a["status"], a["status_as_of"]) for a in activities] == [
        ("1A.nc3", "implementation", "2017-06-30")
    ]
    table = run_cli("activities", "--objective", "1A").stdout
    assert "implementation" in table

    report = run_cli("report", "2017").stdout
    assert "| **1B.i1** # of states that condemn use |  | 5 | 3 | 60% |" in report
    assert "| **1A.i1** # of states that have ratified or acceded |  |  | 1 (counted) |" in report
    assert "- **Benin** — 27 August 2017, by ratification" in report
    assert "1 implementation" in report


def test_the_report_and_json_agree(run_cli: RunCli, repo: Path) -> None:
    _three_facts(run_cli)
    for period in ([], ["--period", "2017-H2"]):
        rows = json.loads(run_cli("progress", "--plan", "2017", "-f", "json", *period).stdout)["indicators"]
        report = run_cli("report", "2017", *period).stdout
        for row in rows:
            shown = [str(row[k]) if row[k] is not None else "" for k in ("target", "actual")]
            percent = f"{row['percent']}%" if row["percent"] is not None else ""
            cells = f"| {shown[0]} | {shown[1]} | {percent} | {row['status'].replace('-', ' ')} |"
            assert cells in next(line for line in report.splitlines() if f"**{row['indicator']}**" in line), row


def test_diff_against_the_last_commit_shows_the_facts(run_cli: RunCli, repo: Path) -> None:
    _set(run_cli, "1B.i1", "--period", "2017", "--actual", "2")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "results")
    _set(run_cli, "1B.i1", "--period", "2017", "--actual", "3")
    _set(run_cli, "1A.g2", "--country", "Benin", "--outcome", "joined", "--date", "2017-08-27", "--how", "ratification")
    result = run_cli("diff", "--since", "HEAD")
    assert result.exit_code == 1, result
    assert "~ indicator 1B.i1: 2017 actual: 2 → 3" in result.stdout
    assert "+ country Benin: joined 27 Aug 2017 by ratification (target group 1A.g2)" in result.stdout
    same = run_cli("diff", "HEAD:progress/2017.yaml")
    assert same.stdout == result.stdout.replace("since HEAD", "HEAD")
    changes = json.loads(run_cli("diff", "--since", "HEAD", "-f", "json").stdout)["plans"][0]["changes"]
    assert [(c["op"], c["kind"], c["id"]) for c in changes] == [
        ("changed", "indicator", "1B.i1"),
        ("added", "country", "Benin"),
    ]


def test_a_broken_id_is_an_error_at_its_line_in_the_results(run_cli: RunCli, repo: Path) -> None:
    _three_facts(run_cli)
    plan = repo / "plans" / "2017.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("id: 1A.nc3", "id: 1A.nc30"), encoding="utf-8")
    line = _line_of(repo / "progress" / "2017.yaml", "1A.nc3:")
    result = run_cli("validate")
    assert result.exit_code == 1, result
    assert f"progress/2017.yaml:{line}:3: error[unknown-reference]: no activity or action '1A.nc3' in plan '2017'" in (
        result.stdout
    )
    assert "did you mean '1A.nc30'?" in result.stdout
    progress = run_cli("progress")
    assert progress.exit_code == 1 and f"progress/2017.yaml:{line}:3" in progress.stderr


def test_setting_changes_only_the_lines_of_the_fact(run_cli: RunCli, repo: Path) -> None:
    results = repo / "progress" / "2017.yaml"
    results.parent.mkdir()
    original = (
        "# yaml-language-server: $schema=../schemas/results.schema.json\n"
        'plan: "2017"\n'
        "indicators:\n"
        "  # figures from the synthetic test monitor\n"
        "  1B.i1:\n"
        "    periods:\n"
        "      2017:  # a number key, as people write it\n"
        "        target: 5\n"
        "        actual: 2  # first estimate\n"
        "  # the next one is counted\n"
        "  1A.i1:\n"
        "    computed: {count: joined}\n"
        "activities:\n"
        "  1A.nc3: {status: pipeline, as_of: 2017-03-01}  # grants not paid yet\n"
    )
    results.write_text(original, encoding="utf-8")
    _set(run_cli, "1B.i1", "--period", "2017", "--actual", "3", "--as-of", "2017-12-01")
    _set(run_cli, "1A.nc3", "--status", "implementation", "--as-of", "2017-06-30")
    after = results.read_text(encoding="utf-8")
    changed = [
        " ".join(line.split())  # ruamel may realign an end-of-line comment on a line it rewrites
        for line in difflib.ndiff(original.splitlines(), after.splitlines())
        if line[:1] in "+-"
    ]
    assert changed == [
        "- actual: 2 # first estimate",
        "+ actual: 3 # first estimate",
        "+ as_of: 2017-12-01",
        "- 1A.nc3: {status: pipeline, as_of: 2017-03-01} # grants not paid yet",
        "+ 1A.nc3: {status: implementation, as_of: 2017-06-30} # grants not paid yet",
    ]


def test_a_new_entry_goes_above_the_comment_that_describes_what_follows(run_cli: RunCli, repo: Path) -> None:
    results = repo / "progress" / "2017.yaml"
    results.parent.mkdir()
    results.write_text(
        'plan: "2017"\nindicators:\n  1B.i1:\n    target: 5\n# activities recorded by the programme team\nactivities:\n'
        "  1A.nc3:\n    status: pipeline\n",
        encoding="utf-8",
    )
    _set(run_cli, "1B.i2", "--target", "4")
    text = results.read_text(encoding="utf-8")
    assert "  1B.i2:\n    target: 4\n# activities recorded by the programme team\nactivities:\n" in text


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (
            ["1A.i11", "--period", "2017", "--actual", "3"],
            "no indicator, activity, action, target group, event or publication with id '1A.i11'",
            "did you mean '1A.i1'?",
        ),
        (
            ["1B.i1", "--period", "2018", "--actual", "3"],
            "period '2018' (2018-01-01 to 2018-12-31) is outside the period of plan '2017'",
            None,
        ),
        (
            ["1B.i1", "--period", "2017-Q5", "--actual", "3"],
            "'2017-Q5' is not a reporting period",
            "name a year (2017)",
        ),
        (
            ["1B.i1", "--period", "2017", "--actual", "three"],
            "the actual of 2017 must be a number for a number indicator, found the text 'three'",
            None,
        ),
        (
            ["1A.i1", "--period", "2017", "--actual", "2"],
            "1A.i1 is computed (a count of target countries): its actuals are counted, not typed",
            "remove this actual",
        ),
        (["1A.nc3", "--status", "implemntation"], "'status' must be one of", "did you mean 'implementation'?"),
        (["1A.nc3", "--period", "2017"], "--period does not apply to 1A.nc3, an activity", "--status"),
        (
            ["1A.g2", "--country", "Bnin", "--outcome", "joined", "--date", "2017-08-27"],
            "unknown country 'Bnin'",
            "did you mean 'Benin'?",
        ),
        (["1A.g2", "--country", "Benin", "--outcome", "joined"], "missing required field 'date'", "give --date"),
        (
            ["1A", "--status", "closed"],
            "1A is an objective: its progress is recorded through its indicators",
            "1A.i1, 1A.i2",
        ),
    ],
    ids=[
        "unknown-id",
        "outside-plan",
        "unknown-period",
        "not-a-number",
        "computed",
        "bad-status",
        "wrong-option",
        "bad-country",
        "no-date",
        "objective",
    ],
)
def test_a_fact_that_does_not_fit_is_refused_and_the_file_untouched(
    run_cli: RunCli, repo: Path, args: list[str], message: str, hint: str | None
) -> None:
    _set(run_cli, "1A.i1", "--count", "joined")
    results = repo / "progress" / "2017.yaml"
    before = results.read_bytes()
    result = run_cli("progress", "set", *args)
    assert result.exit_code == 2, result
    assert message in result.stderr
    if hint is not None:
        assert hint in result.stderr.split("hint:", 1)[1]
    assert "Traceback" not in result.stderr
    assert results.read_bytes() == before
    assert sorted(p.name for p in results.parent.iterdir()) == ["2017.yaml"]  # no temporary file left


def test_a_read_only_results_file_is_left_alone(run_cli: RunCli, repo: Path) -> None:
    _set(run_cli, "1B.i1", "--target", "5")
    results = repo / "progress" / "2017.yaml"
    before = results.read_bytes()
    results.chmod(0o444)
    try:
        result = run_cli("progress", "set", "1B.i1", "--target", "6")
        assert result.exit_code == 2, result
        assert "is read-only; nothing was recorded" in result.stderr
        assert results.read_bytes() == before
    finally:
        results.chmod(0o644)


def test_a_symlinked_results_file_is_written_through_the_link(
    run_cli: RunCli, repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("shared") / "results-2017.yaml"
    elsewhere.write_text('plan: "2017"\n', encoding="utf-8")
    (repo / "progress").mkdir()
    (repo / "progress" / "2017.yaml").symlink_to(elsewhere)
    _set(run_cli, "1B.i1", "--target", "5")
    assert (repo / "progress" / "2017.yaml").is_symlink()
    assert elsewhere.read_text(encoding="utf-8") == 'plan: "2017"\nindicators:\n  1B.i1:\n    target: 5\n'
    assert stat.S_IMODE(os.stat(elsewhere).st_mode) & stat.S_IWUSR


def test_an_id_in_two_plans_needs_the_plan_named(run_cli: RunCli, repo: Path) -> None:
    draft = repo / "plans" / "2018.yaml"
    assert run_cli("new", "--from", "2017", "-o", draft).exit_code == 0
    result = run_cli("progress", "set", "1B.i1", "--target", "5")
    assert result.exit_code == 2, result
    assert "'1B.i1' is in plans 2017, 2018" in result.stderr
    _set(run_cli, "1B.i1", "--target", "5", "--plan", "2018")
    assert (repo / "progress" / "2018.yaml").exists()
    assert not (repo / "progress" / "2017.yaml").exists()


def test_progress_csv_is_a_long_table(run_cli: RunCli, repo: Path) -> None:
    _set(run_cli, "1B.i1", "--period", "2017-H1", "--actual", "2", "--target", "3")
    _set(run_cli, "1B.i1", "--period", "2017-H2", "--actual", "3", "--target", "3")
    lines = run_cli("progress", "--format", "csv").stdout.splitlines()
    assert lines[0].startswith("plan,objective,indicator,measure,direction,cumulative,computed,period,start,end,")
    assert [line.split(",")[7:13] for line in lines[1:]] == [
        ["2017-H1", "2017-01-01", "2017-06-30", "", "3", "2"],
        ["2017-H2", "2017-07-01", "2017-12-31", "", "3", "3"],
    ]


def test_progress_without_results_says_so(run_cli: RunCli, repo: Path) -> None:
    result = run_cli("progress", "--plan", "2017", "--objective", "1A")
    assert result.exit_code == 0, result
    assert "no results are recorded for 2017" in result.stderr
    assert "Indicators of objective 1A in plan 2017" in result.stdout
    assert result.stdout.count("no-data") == 2


def test_a_rewrite_that_would_lose_a_comment_is_refused(run_cli: RunCli, repo: Path) -> None:
    results = repo / "progress" / "2017.yaml"
    results.parent.mkdir()
    results.write_text(
        'plan: "2017"\nactivities:\n  1A.nc3: {status: pipeline,  # first guess\n    as_of: 2017-03-01}\n'
    )
    before = results.read_bytes()
    result = run_cli("progress", "set", "1A.nc3", "--status", "closed")
    assert result.exit_code == 2, result
    assert "cannot be rewritten safely: the comment '# first guess' would not survive" in result.stderr
    assert results.read_bytes() == before


def test_a_file_in_another_layout_is_rewritten_with_a_note(run_cli: RunCli, repo: Path) -> None:
    results = repo / "progress" / "2017.yaml"
    results.parent.mkdir()
    results.write_text('plan: "2017"\nactivities:\n    1A.nc3:   {status: pipeline}\n')
    result = run_cli("progress", "set", "1A.nc3", "--status", "closed", "--as-of", "2017-12-01")
    assert result.exit_code == 0, result
    assert "was not in planctl's layout, so lines besides the fact changed too" in result.stderr
    assert results.read_text() == 'plan: "2017"\nactivities:\n  1A.nc3: {status: closed, as_of: 2017-12-01}\n'


def test_a_file_with_an_old_problem_still_takes_new_facts(run_cli: RunCli, repo: Path) -> None:
    _three_facts(run_cli)
    plan = repo / "plans" / "2017.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("id: 1A.nc3", "id: 1A.nc30"), encoding="utf-8")
    _set(run_cli, "1B.i1", "--period", "2017", "--actual", "4")  # the broken reference is not this fact's
    result = run_cli("progress", "set", "1A.nc33", "--status", "closed")
    assert result.exit_code == 2, result  # but a new broken one is refused
    assert "did you mean" in result.stderr


def test_an_invalid_plan_is_left_out_of_the_answer_and_exits_1(run_cli: RunCli, repo: Path) -> None:
    _set(run_cli, "1B.i1", "--period", "2017", "--actual", "3", "--target", "5")
    (repo / "plans" / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    result = run_cli("progress")
    assert result.exit_code == 1, result
    assert "plans/broken.yaml:" in result.stderr and "the answer leaves out 1 plan file" in result.stderr
    assert "1B.i1" in result.stdout
    refused = run_cli("progress", "set", "1B.i1", "--period", "2017", "--actual", "4")
    assert refused.exit_code == 1, refused
    assert "plans/broken.yaml:" in refused.stderr
    assert "actual: 3" in (repo / "progress" / "2017.yaml").read_text(encoding="utf-8")


def test_progress_writes_its_formats_to_files_like_the_other_listings(run_cli: RunCli, repo: Path) -> None:
    _set(run_cli, "1B.i1", "--period", "2017-H1", "--actual", "2", "--target", "3")
    _set(run_cli, "1B.i1", "--period", "2017-H2", "--actual", "3", "--target", "3")
    result = run_cli("progress", "-o", "progress.json")
    assert result.exit_code == 0, result
    assert result.stdout == "" and "wrote progress.json (json, " in result.stderr
    assert json.loads((repo / "progress.json").read_text(encoding="utf-8")) == json.loads(
        run_cli("progress", "--format", "json").stdout
    )
    again = run_cli("progress", "-o", "progress.json", "--format", "csv")
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert run_cli("progress", "-o", "progress.txt").exit_code == 0
    assert "1B.i1" in (repo / "progress.txt").read_text(encoding="utf-8")
    assert run_cli("progress", "-o", "progress.csv").exit_code == 0
    assert (repo / "progress.csv").read_text(encoding="utf-8").startswith("\ufeffplan,objective,indicator,")
    refused = run_cli("progress", "-o", "progress.ods")
    assert refused.exit_code == 2 and "planctl cannot write .ods files" in refused.stderr


def test_progress_workbook_has_the_long_table_with_typed_cells(run_cli: RunCli, repo: Path) -> None:
    _set(run_cli, "1B.i1", "--period", "2017-H1", "--actual", "2", "--target", "3")
    _set(run_cli, "1B.i1", "--period", "2017-H2", "--actual", "3.5", "--target", "3")
    result = run_cli("progress", "-o", "progress.xlsx")
    assert result.exit_code == 0, result
    assert "wrote progress.xlsx (xlsx, 2 rows)" in result.stderr
    sheet = openpyxl.load_workbook(repo / "progress.xlsx").active
    assert sheet.title == "Progress"
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    csv_header = run_cli("progress", "--format", "csv").stdout.splitlines()[0].split(",")
    assert [h for h in header if h in csv_header] == csv_header, "the CSV's columns, dates gaining from/to"
    by_name = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [(r["period"], r["target"], r["actual"]) for r in by_name] == [("2017-H1", 3, 2), ("2017-H2", 3, 3.5)]
    assert by_name[0]["start"] == datetime(2017, 1, 1), "dates are dates"

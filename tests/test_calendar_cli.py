"""`planctl calendar` as people and tools meet it, on the real plans/2017.yaml: formats, filters, errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import PLANS, REPO, RunCli

PLAN = str(PLANS / "2017.yaml")
SEPTEMBER = [
    {
        "plan": "2017",
        "date": "2017-09-04/2017-09-06",
        "title": "7th Meeting of States Parties to the Convention on Cluster Munitions",
        "location": "Geneva",
        "tentative": False,
    },
    {
        "plan": "2017",
        "date": "2017-09-18",
        "title": "20th Anniversary of the adoption of the Mine Ban Treaty",
        "location": None,
        "tentative": False,
    },
]


@pytest.fixture(autouse=True)
def _no_injected_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANCTL_TODAY", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def _json(run_cli: RunCli, *args: str) -> list[dict[str, object]]:
    result = run_cli("calendar", "--plan", PLAN, "--format", "json", *args)
    assert result.exit_code == 0, result
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_table_for_september(run_cli: RunCli) -> None:
    result = run_cli("calendar", "--month", "sep", "--plan", PLAN)
    assert result.exit_code == 0, result
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "Calendar of plan 2017, in September",
        "Date           Event                                              Location   Tbc",
        "─" * 80,
        "4–6 Sep 2017   7th Meeting of States Parties to the Convention    Geneva",
        "               on Cluster Munitions",
        "18 Sep 2017    20th Anniversary of the adoption of the Mine Ban",
        "               Treaty",
    ]


def test_table_of_every_event_fits_80_columns_and_marks_tbc(run_cli: RunCli) -> None:
    result = run_cli("calendar", "--plan", PLAN)
    assert result.exit_code == 0, result
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    launch = next(line for line in result.stdout.splitlines() if line.startswith("31 Aug 2017"))
    assert launch.split() == ["31", "Aug", "2017", "Launch", "of", "Cluster", "Munition", "Monitor", "2017", "yes"]
    assert sum(line.startswith("Oct 2017 ") for line in result.stdout.splitlines()) == 3


def test_json_has_every_event_keyed_by_column(run_cli: RunCli) -> None:
    rows = _json(run_cli)
    assert len(rows) == 24
    assert all(list(r) == ["plan", "date", "title", "location", "tentative"] for r in rows)
    assert rows[15:17] == SEPTEMBER
    assert [r["title"] for r in rows if r["tentative"]] == [
        "Launch of Cluster Munition Monitor 2017 report",
        "Launch of Landmine Monitor 2017 report",
    ]


def test_csv_opens_as_a_table(run_cli: RunCli) -> None:
    result = run_cli("calendar", "--plan", PLAN, "--format", "csv", "--month", "oct")
    assert result.exit_code == 0, result
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["plan", "date", "title", "location", "tentative"],
        ["2017", "2017-10", "20th Anniversary of the Nobel Peace Prize award to ICBL and Jody Williams", "", ""],
        ["2017", "2017-10", "25th Anniversary of the International Campaign to Ban Landmines", "", ""],
        ["2017", "2017-10", "First Committee meetings of the UN General Assembly", "New York", ""],
    ]


def test_markdown(run_cli: RunCli) -> None:
    result = run_cli("calendar", "--plan", PLAN, "--format", "markdown", "--month", "September")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "**Calendar of plan 2017, in September**\n"
        "\n"
        "| Plan | Date | Event | Location | Tbc |\n"
        "|---|---|---|---|---|\n"
        "| 2017 | 2017-09-04/2017-09-06 | 7th Meeting of States Parties to the Convention on Cluster Munitions"
        " | Geneva |  |\n"
        "| 2017 | 2017-09-18 | 20th Anniversary of the adoption of the Mine Ban Treaty |  |  |\n"
    )


@pytest.mark.parametrize("month", ["sep", "Sept", "September", "9", "09", "2017-09", "Sep 2017", "SEPT"])
def test_month_forms(run_cli: RunCli, month: str) -> None:
    assert _json(run_cli, "--month", month) == SEPTEMBER


def test_a_month_of_another_year_is_empty_not_an_error(run_cli: RunCli) -> None:
    assert _json(run_cli, "--month", "2018-09") == []
    result = run_cli("calendar", "--plan", PLAN, "--month", "2018-09")
    assert result.exit_code == 0, result
    assert result.stdout == "no events in plan 2017 in September 2018\n"


def test_from_to_includes_events_overlapping_the_window(run_cli: RunCli) -> None:
    rows = _json(run_cli, "--from", "2017-09-06", "--to", "2017-10-02")
    assert [r["date"] for r in rows] == ["2017-09-04/2017-09-06", "2017-09-18", "2017-10", "2017-10", "2017-10"]
    assert [r["date"] for r in _json(run_cli, "--to", "2017-02-02")] == ["2017-01-16", "2017-02-02/2017-02-05"]


def test_upcoming_uses_planctl_today(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCTL_TODAY", "2017-12-19")
    assert [r["date"] for r in _json(run_cli, "--upcoming")] == ["2017-12-18/2017-12-22"]  # ongoing counts
    monkeypatch.setenv("PLANCTL_TODAY", "2017-10-31")
    assert [r["date"] for r in _json(run_cli, "--upcoming", "--month", "oct")] == ["2017-10"] * 3
    monkeypatch.setenv("PLANCTL_TODAY", "2018-01-01")
    result = run_cli("calendar", "--plan", PLAN, "--upcoming")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "no events in plan 2017 from 2018-01-01 on; "
        "plan 2017 ended on 31 December 2017: `planctl calendar --plan 2017` shows its events\n"
    )


def test_plan_by_id_and_default_discovery(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    by_id = run_cli("calendar", "--plan", "2017", "-f", "json", "-m", "sep")
    default = run_cli("calendar", "-f", "json", "-m", "sep")
    assert json.loads(by_id.stdout) == json.loads(default.stdout) == SEPTEMBER


def test_several_plans_say_which_plan(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copy(PLAN, tmp_path / "2017.yaml")
    text = (PLANS / "2017.yaml").read_text(encoding="utf-8").replace('id: "2017"', 'id: "2017-copy"', 1)
    (tmp_path / "copy.yaml").write_text(text, encoding="utf-8")
    result = run_cli("calendar", "--plan", tmp_path, "-m", "sep", "-f", "json")
    assert result.exit_code == 0, result
    assert [(r["plan"], r["date"]) for r in json.loads(result.stdout)] == [
        ("2017", "2017-09-04/2017-09-06"),
        ("2017-copy", "2017-09-04/2017-09-06"),
        ("2017", "2017-09-18"),
        ("2017-copy", "2017-09-18"),
    ]
    table = run_cli("calendar", "--plan", tmp_path, "-m", "sep")
    assert table.stdout.splitlines()[0].rstrip() == "Calendar of plans 2017, 2017-copy, in September"
    assert table.stdout.splitlines()[1].split() == ["Plan", "Date", "Event", "Location", "Tbc"]


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (
            ["--month", "spet"],
            "error: unknown month 'spet'",
            "  = hint: did you mean 'sept'? A month is a name or abbreviation (sep, Sept, September), "
            "a number (9 or 09), a year and month (2017-09, 'Sep 2017') or this, next, last.",
        ),
        (
            ["--month", "13"],
            "error: unknown month '13'",
            "  = hint: there is no month 13: months are numbered 1 to 12.",
        ),
        (
            ["--from", "2017-09"],
            "error: --from: expected a date like 2017-09-01, got '2017-09'",
            "  = hint: give an ISO date like 2017-09-01; for a whole month use --month 2017-09",
        ),
        (["--to", "2017-02-30"], "error: --to: impossible date '2017-02-30': day is out of range for month", None),
        (
            ["--from", "2017-10-01", "--to", "2017-09-01"],
            "error: --from 2017-10-01 is after --to 2017-09-01",
            "  = hint: give the earlier date to --from",
        ),
        (
            ["--upcoming", "--from", "2017-09-01"],
            "error: --upcoming and --from both set where the calendar starts",
            "  = hint: give one of them",
        ),
    ],
)
def test_usage_errors_exit_2_and_say_how_to_fix(
    run_cli: RunCli, args: list[str], message: str, hint: str | None
) -> None:
    result = run_cli("calendar", "--plan", PLAN, *args)
    assert result.exit_code == 2, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == message
    if hint is not None:
        assert lines[1].startswith(hint)


def test_unknown_plan_id(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = run_cli("calendar", "--plan", "2071")
    assert result.exit_code == 2, result
    assert "no plan with id or path '2071'; plans are 2017" in result.stderr


def test_bad_planctl_today(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCTL_TODAY", "tomorrow")
    result = run_cli("calendar", "--plan", PLAN, "--upcoming")
    assert result.exit_code == 2, result
    assert "PLANCTL_TODAY: expected a date like 2017-09-01, got 'tomorrow'" in result.stderr


def test_unknown_format_lists_the_formats(run_cli: RunCli) -> None:
    result = run_cli("calendar", "--plan", PLAN, "--format", "xml")
    assert result.exit_code == 2, result
    assert "table" in result.stderr and "ics" in result.stderr


def test_help_shows_examples_and_the_ics_choices(run_cli: RunCli) -> None:
    result = run_cli("calendar", "--help")
    assert result.exit_code == 0, result
    text = " ".join(result.stdout.split())
    assert "planctl calendar --month sep" in text
    assert "2017.msp7-ccm@planctl" in text
    assert "PLANCTL_TODAY" in text
    assert "one all-day marker on the month's first day" in text
    assert "SEQUENCE counts the commits" in text and "Outside git every event has SEQUENCE 0" in text


def test_output_file_is_written_and_not_overwritten_without_force(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "sep.json"
    result = run_cli("calendar", "--plan", PLAN, "-m", "sep", "-f", "json", "-o", target)
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert result.stderr == f"wrote {target} (2 events)\n"
    assert json.loads(target.read_text(encoding="utf-8")) == SEPTEMBER

    again = run_cli("calendar", "--plan", PLAN, "-f", "json", "-o", target)
    assert again.exit_code == 2, again
    assert f"{target} already exists" in again.stderr
    assert "--force" in again.stderr
    assert json.loads(target.read_text(encoding="utf-8")) == SEPTEMBER

    forced = run_cli("calendar", "--plan", PLAN, "-f", "json", "-o", target, "--force")
    assert forced.exit_code == 0, forced
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 24


def test_output_dash_is_standard_output(run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("calendar", "--plan", PLAN, "-m", "sep", "-f", "json", "-o", "-")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout) == SEPTEMBER
    assert list(tmp_path.iterdir()) == []


def test_table_to_a_file_has_no_colour_codes(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "sep.txt"
    result = run_cli("calendar", "--plan", PLAN, "-m", "sep", "-o", target)
    assert result.exit_code == 0, result
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert "4–6 Sep 2017   7th Meeting of States Parties" in text

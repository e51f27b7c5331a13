"""Listings written to files and workbooks: -o FILE for every listing command, its format from the file
name, --force, the CSV's byte-order mark, and --format xlsx as a real workbook with typed cells."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from planctl.query.listing import Column, Listing
from planctl.render import xlsx
from tests.conftest import PLANS, REPO, RunCli

PLAN_2017 = PLANS / "2017.yaml"
COMMANDS = [
    ["plans"],
    ["targets"],
    ["countries"],
    ["objectives"],
    ["indicators"],
    ["activities"],
    ["publications"],
    ["calendar"],
]


def _workbook(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_listing_writes_its_format_to_a_file_and_never_over_one(
    run_cli: RunCli, tmp_path: Path, args: list[str]
) -> None:
    out = tmp_path / "listing.json"
    result = run_cli(*args, "--plan", PLAN_2017, "-o", out)
    assert result.exit_code == 0, result
    assert result.stdout == "" and f"wrote {out}" in result.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        run_cli(*args, "--plan", PLAN_2017, "--format", "json").stdout
    )
    refused = run_cli(*args, "--plan", PLAN_2017, "-o", out, "--format", "csv")
    assert refused.exit_code == 2 and "already exists" in refused.stderr and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8").startswith("[")
    forced = run_cli(*args, "--plan", PLAN_2017, "-o", out, "--format", "csv", "--force")
    assert forced.exit_code == 0, forced
    assert out.read_text(encoding="utf-8-sig").startswith(("plan,", "id,")), "--format wins over the file name"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["listing.json"], "no temporary file left behind"


def test_activities_workbook_has_a_row_for_each_csv_row(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    result = run_cli("activities", "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result
    csv_rows = list(csv.reader(io.StringIO(run_cli("activities", "--format", "csv").stdout)))
    sheet = _workbook(out).active
    assert sheet.max_row == len(csv_rows) > 100
    assert [c.value for c in sheet[1]] == ["Plan", "Obj.", "Id", "Category", "Text", "Countries", "Key dates"]
    texts = [row[4].value for row in sheet.iter_rows(min_row=2)]
    assert texts == [row[4] for row in csv_rows[1:]], "every text whole, as in the CSV"
    assert sheet.freeze_panes == "A2", "the header row stays in view"
    assert sheet.auto_filter.ref == f"A1:G{sheet.max_row}"
    widths = {k: d.width for k, d in sheet.column_dimensions.items()}
    assert 5 < widths["A"] < 12 and widths["E"] > 40, widths  # the plan id narrow, the text wide


def test_workbook_cells_are_typed(run_cli: RunCli, tmp_path: Path) -> None:
    calendar = tmp_path / "calendar.xlsx"
    assert run_cli("calendar", "--plan", PLAN_2017, "-o", calendar).exit_code == 0
    sheet = _workbook(calendar).active
    header = [c.value for c in sheet[1]]
    assert header == ["Plan", "Date", "Date from", "Date to", "Event", "Location", "Tbc"]
    rows = {r[4].value: r for r in sheet.iter_rows(min_row=2)}
    msp = rows["16th Meeting of States Parties to the Mine Ban Treaty"]
    assert msp[1].value == "2017-12-18/2017-12-22"
    assert (msp[2].value, msp[3].value) == (datetime(2017, 12, 18), datetime(2017, 12, 22))
    assert msp[2].is_date and msp[2].number_format == "yyyy-mm-dd"
    assert any(r[6].value is True for r in rows.values()), "tbc is a boolean"

    objectives = tmp_path / "objectives.xlsx"
    assert run_cli("objectives", "--plan", PLAN_2017, "-o", objectives).exit_code == 0
    sheet = _workbook(objectives).active
    column = [c.value for c in sheet[1]].index("Ind.")
    counts = [r[column] for r in sheet.iter_rows(min_row=2)]
    assert all(c.data_type == "n" and isinstance(c.value, int) for c in counts)

    plans = tmp_path / "plans.xlsx"
    assert run_cli("plans", "--plan", PLANS, "-o", plans).exit_code == 0
    sheet = _workbook(plans).active
    header = [c.value for c in sheet[1]]
    assert "Contents: objectives" in header and "Contents: events" in header
    assert all(isinstance(r[header.index("Contents: objectives")].value, int) for r in sheet.iter_rows(min_row=2))


def test_workbook_text_is_text_never_a_formula(tmp_path: Path) -> None:
    listing = Listing([Column("title", "Title"), Column("when", "When")], title="Hostile things")
    listing.add(title='=HYPERLINK("http://evil", "click")', when="2017-13-45")
    listing.add(title="bell\x07 and a lone \ud800", when="not a date")
    path = tmp_path / "h.xlsx"
    path.write_bytes(xlsx.render(listing))
    sheet = _workbook(path).active
    assert sheet.title == "Hostile"
    assert [[(c.value, c.data_type) for c in row] for row in sheet.iter_rows(min_row=2)] == [
        [('=HYPERLINK("http://evil", "click")', "s"), ("2017-13-45", "s")],
        [("bell\\x07 and a lone \\ud800", "s"), ("not a date", "s")],
    ]


def test_csv_file_carries_a_byte_order_mark_and_stdout_does_not(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "targets.csv"
    assert run_cli("targets", "--objective", "1A", "-o", out).exit_code == 0
    stdout = run_cli("targets", "--objective", "1A", "--format", "csv").stdout
    assert out.read_bytes().startswith(b"\xef\xbb\xbfplan,objective,")
    assert out.read_bytes()[3:].decode("utf-8").replace("\r\n", "\n") == stdout  # (the runner reads \r\n as \n)
    assert stdout.startswith("plan,objective,")


def test_an_ending_planctl_cannot_write_is_refused_with_the_ones_it_can(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "targets.pdf"
    result = run_cli("targets", "-o", out)
    assert result.exit_code == 2
    assert "cannot write .pdf files; it writes .csv, .json, .md, .txt, .xlsx" in result.stderr
    assert "--format" in result.stderr
    assert not out.exists()
    calendar = run_cli("calendar", "-o", tmp_path / "events.docx")
    assert calendar.exit_code == 2 and ".ics" in calendar.stderr


def test_a_table_in_a_text_file(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "objectives.txt"
    assert run_cli("objectives", "--plan", PLAN_2017, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("Objectives") and "1A" in text and all(len(line) <= 80 for line in text.splitlines())


def _planctl(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PLANCTL_PLANS": str(PLANS)}
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "planctl", *args], cwd=REPO, env=env, check=False, **kwargs
    )


def test_workbook_goes_down_a_pipe_but_not_onto_a_terminal() -> None:
    piped = _planctl("publications", "--format", "xlsx", capture_output=True)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith(b"PK\x03\x04"), "an xlsx file is a zip"
    _, terminal = pty.openpty()
    try:
        shown = _planctl("publications", "--format", "xlsx", stdout=terminal, stderr=subprocess.PIPE)
    finally:
        os.close(terminal)
    assert shown.returncode == 2
    assert b"not for a terminal" in shown.stderr and b"-o FILE" in shown.stderr


def test_without_xlsxwriter_the_error_says_how_to_get_it(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # as if not installed: importing it fails
    out = tmp_path / "a.xlsx"
    result = run_cli("activities", "-o", out)
    assert result.exit_code == 2
    assert "needs XlsxWriter" in result.stderr and "pip install 'plans-as-code[xlsx]'" in result.stderr
    assert not out.exists()

"""`planctl calendar --format ics`: an RFC 5545 file calendar applications import, update and trust."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest

from planctl.api import load_plan
from planctl.query.calendar import entries
from planctl.render.ics import to_ics
from tests.conftest import PLANS, RunCli
from tests.gitrepo import isolate_git

EPOCH = "1500000000"  # 2017-07-14T02:40:00Z
SAVED = 1483228800  # 2017-01-01T00:00:00Z: the plan file's modification time


@pytest.fixture(autouse=True)
def _fixed_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("PLANCTL_TODAY", raising=False)


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """plans/2017.yaml outside git, saved on 1 January 2017: every event at SEQUENCE 0, LAST-MODIFIED
    that day, whatever the repository's history (tests/test_ics_updates.py has the history's tests)."""
    isolate_git(monkeypatch, tmp_path)
    copy = tmp_path / "outside" / "2017.yaml"
    copy.parent.mkdir()
    shutil.copy(PLANS / "2017.yaml", copy)
    os.utime(copy, (SAVED, SAVED))
    return str(copy)


@pytest.fixture
def ics(run_cli: RunCli, tmp_path: Path, plan: str) -> Callable[..., str]:
    """Run `planctl calendar --format ics ARGS` and return the file's exact text (through -o, since the
    test runner turns CRLF on stdout into LF; test_stdout_keeps_crlf checks stdout itself)."""
    counter = iter(range(1000))

    def run(*args: str) -> str:
        target = tmp_path / f"out{next(counter)}.ics"
        result = run_cli("calendar", "--plan", plan, "--format", "ics", "-o", target, *args)
        assert result.exit_code == 0, result
        return target.read_bytes().decode("utf-8")

    return run


def _vevent_lines(text: str, uid: str) -> list[str]:
    """The unfolded content lines of the VEVENT with this UID."""
    unfolded = text.replace("\r\n ", "").split("\r\n")
    blocks: list[list[str]] = []
    for line in unfolded:
        if line == "BEGIN:VEVENT":
            blocks.append([])
        elif blocks:
            blocks[-1].append(line)
    return next(b[: b.index("END:VEVENT")] for b in blocks if f"UID:{uid}" in b)


def test_exact_file_for_september(ics: Callable[..., str]) -> None:
    assert ics("--month", "sep") == (
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//planctl//planctl 0.1.0//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "X-WR-CALNAME:International Campaign to Ban Landmines – Cluster Munition \r\n"
        " Coalition (ICBL-CMC): 2017 Operational Plan\r\n"
        "BEGIN:VEVENT\r\n"
        "SUMMARY:7th Meeting of States Parties to the Convention on Cluster Munitio\r\n"
        " ns\r\n"
        "DTSTART;VALUE=DATE:20170904\r\n"
        "DTEND;VALUE=DATE:20170907\r\n"
        "DTSTAMP:20170714T024000Z\r\n"
        "UID:2017.msp7-ccm@planctl\r\n"
        "SEQUENCE:0\r\n"
        "DESCRIPTION:From plan 2017: 2017 Operational Plan.\r\n"
        "LAST-MODIFIED:20170101T000000Z\r\n"
        "LOCATION:Geneva\r\n"
        "STATUS:CONFIRMED\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\n"
        "SUMMARY:20th Anniversary of the adoption of the Mine Ban Treaty\r\n"
        "DTSTART;VALUE=DATE:20170918\r\n"
        "DTEND;VALUE=DATE:20170919\r\n"
        "DTSTAMP:20170714T024000Z\r\n"
        "UID:2017.mbt-adoption-20@planctl\r\n"
        "SEQUENCE:0\r\n"
        "DESCRIPTION:From plan 2017: 2017 Operational Plan.\r\n"
        "LAST-MODIFIED:20170101T000000Z\r\n"
        "STATUS:CONFIRMED\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )


def test_parses_back_with_every_event(ics: Callable[..., str]) -> None:
    cal = icalendar.Calendar.from_ical(ics())
    events = cal.walk("VEVENT")
    assert len(events) == 24
    assert len({str(e["UID"]) for e in events}) == 24
    assert all(str(e["UID"]).startswith("2017.") and str(e["UID"]).endswith("@planctl") for e in events)
    for e in events:
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert type(start) is date and type(end) is date  # all-day: DATE values, not DATE-TIME
        assert end > start
        assert e.decoded("DTSTAMP") == datetime(2017, 7, 14, 2, 40, tzinfo=UTC)
    msp7 = next(e for e in events if e["UID"] == "2017.msp7-ccm@planctl")
    assert msp7.decoded("DTSTART") == date(2017, 9, 4)
    assert msp7.decoded("DTEND") == date(2017, 9, 7)  # exclusive: the day after 6 September
    assert str(msp7["LOCATION"]) == "Geneva"
    assert str(msp7["SUMMARY"]) == "7th Meeting of States Parties to the Convention on Cluster Munitions"
    assert [str(e["STATUS"]) for e in events].count("TENTATIVE") == 5  # 2 tbc + 3 month-only


def test_file_follows_rfc_5545_line_rules(ics: Callable[..., str]) -> None:
    raw = ics().encode("utf-8")
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n")  # every line ends in CRLF
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75  # octets, folded by the library


@pytest.mark.parametrize(
    ("uid", "expected"),
    [
        (
            "2017.cmm-2017-launch@planctl",  # tbc
            [
                "DTSTART;VALUE=DATE:20170831",
                "DTEND;VALUE=DATE:20170901",
                "UID:2017.cmm-2017-launch@planctl",
                "SEQUENCE:0",
                "DESCRIPTION:Date to be confirmed (tbc).\\nFrom plan 2017: 2017 Operational Plan.",
                "LAST-MODIFIED:20170101T000000Z",
                "STATUS:TENTATIVE",
            ],
        ),
        (
            "2017.msp16-mbt@planctl",
            [
                "DTSTART;VALUE=DATE:20171218",
                "DTEND;VALUE=DATE:20171223",
                "UID:2017.msp16-mbt@planctl",
                "SEQUENCE:0",
                "DESCRIPTION:From plan 2017: 2017 Operational Plan.",
                "LAST-MODIFIED:20170101T000000Z",
                "LOCATION:Vienna",
                "STATUS:CONFIRMED",
            ],
        ),
        (
            "2017.first-committee@planctl",  # known only to the month: one day's marker, on the 1st
            [
                "SUMMARY:First Committee meetings of the UN General Assembly (October 2017\\, date tbc)",
                "DTSTART;VALUE=DATE:20171001",
                "DTEND;VALUE=DATE:20171002",
                "UID:2017.first-committee@planctl",
                "SEQUENCE:0",
                "DESCRIPTION:Date known only to the month: October 2017. Shown on the month's first day\\; "
                "the day is not known yet.\\nFrom plan 2017: 2017 Operational Plan.",
                "LAST-MODIFIED:20170101T000000Z",
                "LOCATION:New York",
                "STATUS:TENTATIVE",
                "TRANSP:TRANSPARENT",
            ],
        ),
    ],
)
def test_exact_lines_of_events(ics: Callable[..., str], uid: str, expected: list[str]) -> None:
    lines = _vevent_lines(ics(), uid)
    left_out = ("DTSTAMP:",) if expected[0].startswith("SUMMARY:") else ("DTSTAMP:", "SUMMARY:")
    assert [line for line in lines if not line.startswith(left_out)] == expected


def test_uids_are_stable_across_exports(ics: Callable[..., str], monkeypatch: pytest.MonkeyPatch) -> None:
    first = ics()
    assert ics() == first  # same plans and SOURCE_DATE_EPOCH: a byte-identical file
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    second = ics()
    changed = [(a, b) for a, b in zip(first.split("\r\n"), second.split("\r\n"), strict=True) if a != b]
    assert changed == [("DTSTAMP:20170714T024000Z", "DTSTAMP:20200913T122640Z")] * 24


def test_without_source_date_epoch_dtstamp_is_now(ics: Callable[..., str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = datetime.now(UTC).replace(microsecond=0)
    cal = icalendar.Calendar.from_ical(ics("--month", "sep"))
    after = datetime.now(UTC)
    assert all(before <= e.decoded("DTSTAMP") <= after for e in cal.walk("VEVENT"))


def test_bad_source_date_epoch(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, plan: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run_cli("calendar", "--plan", plan, "--format", "ics")
    assert result.exit_code == 2, result
    assert "SOURCE_DATE_EPOCH: expected seconds since 1970-01-01, got 'yesterday'" in result.stderr


def test_empty_selection_gives_an_empty_calendar_and_a_note(run_cli: RunCli, plan: str) -> None:
    result = run_cli("calendar", "--plan", plan, "--format", "ics", "--month", "2018-01")
    assert result.exit_code == 0, result
    assert icalendar.Calendar.from_ical(result.stdout).walk("VEVENT") == []
    assert result.stderr == "note: no events in plan 2017 in January 2018; the calendar is empty\n"


def test_written_to_a_file_atomically_and_not_overwritten(
    run_cli: RunCli, tmp_path: Path, ics: Callable[..., str], plan: str
) -> None:
    target = tmp_path / "sub" / "icbl.ics"
    target.parent.mkdir()
    result = run_cli("calendar", "--plan", plan, "--format", "ics", "-o", target)
    assert result.exit_code == 0, result
    assert result.stderr == f"wrote {target} (24 events)\n"
    data = target.read_bytes()
    assert data == ics().encode("utf-8")
    again = run_cli("calendar", "--plan", plan, "--format", "ics", "-m", "sep", "-o", target)
    assert again.exit_code == 2, again
    assert target.read_bytes() == data
    assert [p.name for p in target.parent.iterdir()] == ["icbl.ics"]  # no temporary file left behind


def test_stdout_keeps_crlf(plan: str) -> None:
    """Run as a user would (a real process, a pipe): the bytes on stdout are the file's bytes."""
    env = {"SOURCE_DATE_EPOCH": EPOCH, "PATH": "", "PLANCTL_CACHE_DIR": os.environ["PLANCTL_CACHE_DIR"]}
    out = subprocess.run(
        [sys.executable, "-m", "planctl", "calendar", "--plan", plan, "-m", "sep", "-f", "ics"],
        capture_output=True,
        env=env,
        check=True,
    ).stdout
    assert out.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert out.count(b"\n") == out.count(b"\r\n") == 31


def test_plan_text_is_escaped() -> None:
    plan = load_plan(PLANS / "2017.yaml")
    event = dataclasses.replace(plan.calendar[0], title="A; b, c\\d", location="Geneva, CH")
    plan = dataclasses.replace(plan, calendar=[event])
    text = to_ics(entries([plan]), [plan], stamp=datetime(2017, 1, 1, tzinfo=UTC))
    assert "SUMMARY:A\\; b\\, c\\\\d\r\n" in text
    assert "LOCATION:Geneva\\, CH\r\n" in text
    parsed = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(parsed["SUMMARY"]) == "A; b, c\\d"

"""`.ics` updates: SEQUENCE and LAST-MODIFIED from the plan file's git history, so that a calendar
application takes an event changed in a later commit when the file is imported again."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest

from planctl.query.calendar import Revision, revisions
from tests.conftest import PLANS, RunCli
from tests.gitrepo import commit, git, isolate_git

FIRST = "2017-01-10T09:00:00+00:00"
SECOND = "2017-02-20T15:30:00+01:00"
MSP7 = "2017.msp7-ccm@planctl"  # 4-6 September in plans/2017.yaml


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose first commit holds plans/2017.yaml; the current directory is its top."""
    isolate_git(monkeypatch, tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")  # 2020: after every commit here
    top = tmp_path / "repo"
    (top / "plans").mkdir(parents=True)
    shutil.copy(PLANS / "2017.yaml", top / "plans" / "2017.yaml")
    commit(top, "the 2017 plan", FIRST)
    monkeypatch.chdir(top)
    return top


def _events(run_cli: RunCli) -> dict[str, Any]:
    result = run_cli("calendar", "--plan", "2017", "--format", "ics")
    assert result.exit_code == 0, result
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(result.stdout).walk("VEVENT")}


def _edit(repo: Path, old: str, new: str) -> None:
    plan = repo / "plans" / "2017.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    plan.write_text(text.replace(old, new), encoding="utf-8")


def _sequences(events: dict[str, Any]) -> dict[str, int]:
    return {uid: int(e["SEQUENCE"]) for uid, e in events.items()}


def test_an_event_changed_in_a_later_commit_has_a_higher_sequence(run_cli: RunCli, repo: Path) -> None:
    before = _events(run_cli)
    assert set(_sequences(before).values()) == {0}
    first = datetime.fromisoformat(FIRST)
    assert {e.decoded("LAST-MODIFIED") for e in before.values()} == {first}

    _edit(repo, "    start: 2017-09-04\n    end: 2017-09-06\n", "    start: 2017-09-05\n    end: 2017-09-07\n")
    commit(repo, "MSP7 moves a day", SECOND)
    after = _events(run_cli)

    assert int(after[MSP7]["SEQUENCE"]) > int(before[MSP7]["SEQUENCE"])
    assert after[MSP7].decoded("LAST-MODIFIED") == datetime(2017, 2, 20, 14, 30, tzinfo=UTC)
    assert after[MSP7].decoded("DTSTART") == date(2017, 9, 5)
    others = {uid: s for uid, s in _sequences(after).items() if uid != MSP7}
    assert others == {uid: s for uid, s in _sequences(before).items() if uid != MSP7}
    assert {e.decoded("LAST-MODIFIED") for uid, e in after.items() if uid != MSP7} == {first}


def test_a_change_elsewhere_in_the_plan_changes_no_event(run_cli: RunCli, repo: Path) -> None:
    before = _sequences(_events(run_cli))
    _edit(repo, "title: 2017 Operational Plan\n", "title: 2017 Operational Plan (revised)\n# a comment\n")
    commit(repo, "a new title", SECOND)
    assert _sequences(_events(run_cli)) == before


def test_every_commit_that_changes_an_event_counts_once(run_cli: RunCli, repo: Path) -> None:
    _edit(repo, "    end: 2017-09-06\n    location: Geneva\n", "    end: 2017-09-06\n    location: Genève\n")
    commit(repo, "in French", SECOND)
    _edit(repo, "    location: Genève\n", "    location: Geneva\n")
    commit(repo, "in English again", "2017-03-01T10:00:00+00:00")
    assert int(_events(run_cli)[MSP7]["SEQUENCE"]) == 2


def test_a_change_not_yet_committed_counts_and_is_dated_by_the_file(run_cli: RunCli, repo: Path) -> None:
    _edit(repo, "    start: 2017-09-04\n", "    start: 2017-09-03\n")
    saved = datetime(2017, 3, 5, 8, 0, tzinfo=UTC)
    os.utime(repo / "plans" / "2017.yaml", (saved.timestamp(), saved.timestamp()))
    events = _events(run_cli)
    assert int(events[MSP7]["SEQUENCE"]) == 1
    assert events[MSP7].decoded("LAST-MODIFIED") == saved
    git(repo, "add", "-A")  # staged is not committed either
    assert int(_events(run_cli)[MSP7]["SEQUENCE"]) == 1


def test_renames_are_followed(run_cli: RunCli, repo: Path) -> None:
    git(repo, "mv", "plans/2017.yaml", "plans/operational-2017.yaml")
    commit(repo, "renamed", SECOND)
    plan = repo / "plans" / "operational-2017.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("    end: 2017-09-06\n", "    end: 2017-09-08\n"), "utf-8")
    commit(repo, "longer", "2017-03-01T10:00:00+00:00")
    events = _events(run_cli)
    assert int(events[MSP7]["SEQUENCE"]) == 1
    assert {int(e["SEQUENCE"]) for uid, e in events.items() if uid != MSP7} == {0}


def test_outside_git_every_event_is_at_0_and_dated_by_the_file(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch, tmp_path)
    plan = tmp_path / "folder" / "2017.yaml"
    plan.parent.mkdir()
    shutil.copy(PLANS / "2017.yaml", plan)
    saved = datetime(2017, 1, 1, tzinfo=UTC).timestamp()
    os.utime(plan, (saved, saved))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    result = run_cli("calendar", "--plan", plan, "--format", "ics")
    events = icalendar.Calendar.from_ical(result.stdout).walk("VEVENT")
    assert {int(e["SEQUENCE"]) for e in events} == {0}
    assert {e.decoded("LAST-MODIFIED") for e in events} == {datetime(2017, 1, 1, tzinfo=UTC)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1400000000")  # 2014: the file is 'newer' than the export
    result = run_cli("calendar", "--plan", plan, "--format", "ics")
    events = icalendar.Calendar.from_ical(result.stdout).walk("VEVENT")
    assert {e.decoded("LAST-MODIFIED") for e in events} == {e.decoded("DTSTAMP") for e in events}


def test_a_month_only_event_is_one_days_marker(run_cli: RunCli, repo: Path) -> None:
    events = _events(run_cli)
    marker = events["2017.first-committee@planctl"]
    assert marker.decoded("DTSTART") == date(2017, 10, 1)
    assert marker.decoded("DTEND") == date(2017, 10, 2)
    assert str(marker["SUMMARY"]).endswith("(October 2017, date tbc)")
    assert str(marker["TRANSP"]) == "TRANSPARENT" and str(marker["STATUS"]) == "TENTATIVE"


# -- revisions, the pure part -------------------------------------------------------------------

DAY = [datetime(2017, 1, d, tzinfo=UTC) for d in range(1, 8)]


def _plan(*events: str) -> bytes:
    return ("id: x\ntitle: T\ncalendar:\n" + "".join(events) + "footnotes: []\n").encode()


def _event(id_: str, day: str, title: str = "E") -> str:
    return f"  - id: {id_}\n    title: {title}\n    date: 2017-01-{day}\n"


def test_revisions_count_changes_after_the_first_version() -> None:
    versions = [
        (DAY[0], _plan(_event("a", "10"), _event("b", "11"))),
        (DAY[1], _plan(_event("a", "12"), _event("b", "11"))),  # a moves
        (DAY[2], b"id: x\ncalendar: [unclosed\n"),  # no YAML: passed over
        (DAY[3], _plan(_event("b", "11", "E  "))),  # a removed; b's title the same once read
        (DAY[4], _plan(_event("b", "11"), _event("a", "12"), _event("c", "13"))),  # a back as it was; c new
        (DAY[5], None),  # too big to read
        (DAY[6], _plan(_event("b", "11", "F"), _event("a", "14"), _event("c", "13"))),
    ]
    assert revisions(versions) == {
        "a": Revision(2, DAY[6]),
        "b": Revision(1, DAY[6]),
        "c": Revision(0, DAY[4]),
    }


def test_a_calendar_read_alone_reads_as_in_the_whole_file() -> None:
    anchored = b"id: x\nwhere: &w Geneva\ncalendar:\n  - id: a\n    title: E\n    date: 2017-01-10\n    location: *w\n"
    moved = anchored.replace(b"&w Geneva", b"&w Vienna")
    assert revisions([(DAY[0], anchored), (DAY[1], moved)]) == {"a": Revision(1, DAY[1])}
    yaml11 = b"%YAML 1.1\n---\nid: x\ncalendar:\n  - id: a\n    title: E\n    date: 2017-01-10\n    tentative: no\n"
    assert revisions([(DAY[0], yaml11), (DAY[1], yaml11.replace(b"tentative: no", b"tentative: yes"))]) == {
        "a": Revision(1, DAY[1])
    }

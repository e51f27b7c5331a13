"""iCalendar UIDs are unique by construction, whatever dots plan and event ids contain."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from planctl.model.types import ID_PATTERN
from planctl.render.ics import event_uid
from tests.conftest import CASES, RunCli, examples

IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,12}", fullmatch=True)


def _plan(plan_id: str, event_id: str) -> str:
    text = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8").replace("id: minimal", f"id: {plan_id}")
    return text + f"calendar:\n  - id: {event_id}\n    title: Event {event_id} of {plan_id}\n    date: 2024-05-01\n"


def test_dotted_ids_that_used_to_collide_get_two_uids(run_cli: RunCli, tmp_path: Path) -> None:
    """Plan a.b's event c and plan a's event b.c were both 'a.b.c@planctl': one replaced the other."""
    (tmp_path / "ab.yaml").write_text(_plan("a.b", "c"), encoding="utf-8")
    (tmp_path / "a.yaml").write_text(_plan("a", "b.c"), encoding="utf-8")
    out = tmp_path / "cal.ics"
    result = run_cli("calendar", "--plan", tmp_path, "--format", "ics", "-o", out)
    assert result.exit_code == 0, result
    events = icalendar.Calendar.from_ical(out.read_text(encoding="utf-8")).walk("VEVENT")
    assert sorted(str(e["uid"]) for e in events) == ["a.b.c@planctl", "a~b.c@planctl"]


def test_uids_of_plans_without_dots_stay_as_they_were() -> None:
    """Calendars that imported an earlier export update those events instead of duplicating them."""
    assert event_uid("2017", "msp7-ccm") == "2017.msp7-ccm@planctl"
    assert event_uid("strategy-2017-2021", "a.b") == "strategy-2017-2021.a.b@planctl"


def test_ids_cannot_contain_the_escape() -> None:
    assert not re.match(ID_PATTERN, "a~b")


def _decoded(uid: str) -> tuple[str, str]:
    """The plan and event ids a UID was made from, as calendar --help says."""
    name, _, domain = uid.rpartition("@")
    assert domain == "planctl"
    plan, _, event = name.partition(".")
    return plan.replace("~", "."), event


@settings(max_examples=examples(300))
@given(IDS, IDS)
def test_uid_gives_back_the_ids_it_was_made_from(plan_id: str, event_id: str) -> None:
    assert _decoded(event_uid(plan_id, event_id)) == (plan_id, event_id)


def test_help_documents_the_encoding(run_cli: RunCli) -> None:
    text = " ".join(run_cli("calendar", "--help").stdout.split())
    assert "each '.' of the plan id written '~'" in text

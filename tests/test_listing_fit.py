"""Tables that fit: at 60 to 200 columns every listing command keeps ids and words whole, and says
which columns it left out. Checked on the shipped plans, on the text people see."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.conftest import PLANS, RunCli

COMMANDS = [
    ["plans"],
    ["objectives"],
    ["indicators"],
    ["activities"],
    ["targets"],
    ["countries"],
    ["countries", "Laos"],
    ["publications"],
    ["calendar"],
]
WIDTHS = [60, 80, 100, 120, 160, 200]
NOTE = re.compile(r"^left out: (?P<titles>.*) \(widen the terminal or use --format csv\)$")


def _print(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, args: list[str], width: int) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run_cli(*args, "--plan", PLANS)
    assert result.exit_code == 0, result
    return result.stdout.splitlines()


def _parts(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The table's lines (but the rule under the titles), its column titles, and the titles that the
    line under it says were left out."""
    start = next((i for i, line in enumerate(lines) if line.startswith("left out: ")), len(lines))
    table, note = lines[:start], " ".join(" ".join(lines[start:]).split())
    rule = next(i for i, line in enumerate(table) if line.startswith("─"))
    titles = re.split(r"\s{2,}", table[rule - 1].strip())
    match = NOTE.match(note)
    assert match or not note, note
    return table[:rule] + table[rule + 1 :], titles, match["titles"].split(", ") if match else []


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_word_is_split_and_every_column_left_out_is_named(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    whole, all_titles, none_left_out = _parts(_print(run_cli, monkeypatch, args, 2000))
    assert none_left_out == []
    words = Counter(word for line in whole for word in line.split())
    for width in WIDTHS:
        lines = _print(run_cli, monkeypatch, args, width)
        assert all(len(line) <= width for line in lines), width
        table, titles, left_out = _parts(lines)
        assert "" not in [line.strip() for line in table], f"a blank line at {width} columns"
        # a word split across lines leaves pieces that the wide table never shows, or shows less often
        printed = Counter(word for line in table for word in line.split())
        assert printed - words == Counter(), f"split at {width} columns"
        assert [t for t in all_titles if t not in titles] == sorted(left_out, key=all_titles.index), width


@pytest.mark.parametrize("width", [80, 100, 120])
def test_plans_shows_every_plan_id_whole(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    lines = _print(run_cli, monkeypatch, ["plans"], width)
    first_words = [line.split()[0] for line in lines[2:] if line[:1].strip() and not line.startswith("left out")]
    assert first_words == ["cartagena-action-plan-2010-2014", "strategic-plan-2012-2015", "2017", "strategy-2017-2021"]


def test_objectives_of_every_plan_keep_plan_ids_whole_at_100(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _print(run_cli, monkeypatch, ["objectives"], 100)
    plans = {line.split()[0] for line in lines[3:] if line[:1].strip() and not line.startswith("left out")}
    assert plans == {"2017", "strategic-plan-2012-2015", "strategy-2017-2021"}


def test_calendar_at_60_gives_the_event_the_room(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _print(run_cli, monkeypatch, ["calendar"], 60)
    header = lines[1]
    event = header.index("Event")
    after = re.search(r"\S", header[event + len("Event") :])
    width = (after.start() + len("Event") - 3) if after else 60 - event
    assert width >= 24, header

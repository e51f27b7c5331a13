"""Every rendered document says which plan it is: its title, the plan it implements by that plan's
title, its status where the plan states one, and the version of the file (git's last commit and its
date, or the day the file was saved). Markdown, HTML, Word and `show` all say it."""

from __future__ import annotations

import io
import os
import shutil
from datetime import datetime
from pathlib import Path

import docx
import pytest

from tests.conftest import CASES, RunCli
from tests.gitrepo import commit, isolate_git

STRATEGY = CASES / "valid" / "example-strategy.yaml"
PLAN = CASES / "valid" / "full-shape.yaml"  # implements example-strategy; approved on 2023-12-08
SAVED = datetime(2024, 3, 5, 12).timestamp()


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plans/ directory with the plan and the strategy it implements, the current directory above it."""
    isolate_git(monkeypatch, tmp_path)
    folder = tmp_path / "repo" / "plans"
    folder.mkdir(parents=True)
    shutil.copy(PLAN, folder / "plan.yaml")
    shutil.copy(STRATEGY, folder / "strategy.yaml")
    monkeypatch.chdir(folder.parent)
    return folder


def _markdown_front(run_cli: RunCli) -> list[str]:
    result = run_cli("render", "example-2024")
    assert result.exit_code == 0, result
    return result.stdout.split("\n\n")[1].replace("\\", "").splitlines()


def test_a_committed_plan_names_its_commit_status_and_the_plan_it_implements(run_cli: RunCli, plans: Path) -> None:
    short = commit(plans.parent, "plans", "2024-01-05T10:00:00+00:00")
    assert _markdown_front(run_cli) == [
        "**Organisation:** Example NGO",
        "**Period:** 1 January – 31 December 2024",
        "**Implements:** Example Strategy 2024-2028",
        "**Status:** approved on 8 December 2023",
        f"**Version:** commit {short} of 5 January 2024",
    ]


def test_changes_not_yet_committed_are_said(run_cli: RunCli, plans: Path) -> None:
    short = commit(plans.parent, "plans", "2024-01-05T10:00:00+00:00")
    with (plans / "plan.yaml").open("a", encoding="utf-8") as f:
        f.write("# a change\n")
    os.utime(plans / "plan.yaml", (SAVED, SAVED))
    version = _markdown_front(run_cli)[-1]
    assert version == f"**Version:** saved 5 March 2024, changed since commit {short} of 5 January 2024"


def test_a_file_outside_git_is_its_own_version(run_cli: RunCli, plans: Path) -> None:
    os.utime(plans / "plan.yaml", (SAVED, SAVED))
    assert _markdown_front(run_cli)[-1] == "**Version:** saved 5 March 2024"


def test_a_linked_plan_that_is_not_found_is_named_by_its_id(run_cli: RunCli, plans: Path) -> None:
    (plans / "strategy.yaml").unlink()
    assert "**Implements:** example-strategy" in _markdown_front(run_cli)


def test_html_word_and_show_say_the_same(run_cli: RunCli, plans: Path, tmp_path: Path) -> None:
    short = commit(plans.parent, "plans", "2024-01-05T10:00:00+00:00")
    version = f"commit {short} of 5 January 2024"
    html = run_cli("render", "example-2024", "--format", "html").stdout
    for label, value in [
        ("Implements", "Example Strategy 2024-2028"),
        ("Status", "approved on 8 December 2023"),
        ("Version", version),
    ]:
        assert f"<dt>{label}</dt><dd>{value}</dd>" in html
    out = tmp_path / "plan.docx"
    assert run_cli("render", "example-2024", "-o", out).exit_code == 0
    rows = [[c.text for c in row.cells] for row in docx.Document(io.BytesIO(out.read_bytes())).tables[0].rows]
    assert rows[2:] == [
        ["Implements", "Example Strategy 2024-2028"],
        ["Status", "approved on 8 December 2023"],
        ["Version", version],
    ]
    shown = " ".join(run_cli("show", "--plan", "example-2024").stdout.split())
    assert f"implements Example Strategy 2024-2028 · approved 8 Dec 2023 · commit {short}, 5 Jan 2024" in shown
    objective = " ".join(run_cli("show", "--objective", "1A", "--plan", "example-2024").stdout.split())
    assert f"commit {short}, 5 Jan 2024" in objective

"""`diff --since` reads the paths git gives it whatever the user's git configuration says."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CASES, PLANS, RunCli, web_summary_2017


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose first commit has plans/2017.yaml and plans/minimal.yaml, then changes:
    2017 edited, minimal renamed, a new untracked plan (named in a way git would quote)."""
    for name, value in {
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }.items():
        monkeypatch.setenv(name, value)
    top = tmp_path / "repo"
    (top / "plans").mkdir(parents=True)
    shutil.copy(PLANS / "2017.yaml", top / "plans" / "2017.yaml")
    shutil.copy(CASES / "valid" / "minimal.yaml", top / "plans" / "minimal.yaml")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", ".")
    git(top, "commit", "-q", "-m", "plans")
    (top / "plans" / "2017.yaml").write_text(web_summary_2017(), encoding="utf-8")
    git(top, "mv", "plans/minimal.yaml", "plans/renamed.yaml")
    shutil.copy(CASES / "valid" / "full-shape.yaml", top / "plans" / "néw plan.yaml")
    return top


EXPECTED_FROM_PLANS = [
    ("modified", "main:plans/2017.yaml", "2017.yaml", 2),
    ("added", None, "néw plan.yaml", 0),
    ("modified", "main:plans/minimal.yaml", "renamed.yaml", 0),
]


@pytest.mark.parametrize(
    "config",
    [
        [],
        ["diff.relative=true"],
        ["color.ui=always"],
        ["color.diff=always"],
        ["diff.noprefix=true"],
        ["diff.mnemonicPrefix=true"],
        ["core.quotePath=true"],
        ["diff.renames=false"],
        ["status.relativePaths=false"],
    ],
    ids=lambda c: ",".join(c) or "defaults",
)
def test_since_from_a_subfolder_whatever_the_configuration(
    run_cli: RunCli, repo: Path, monkeypatch: pytest.MonkeyPatch, config: list[str]
) -> None:
    for setting in config:
        key, value = setting.split("=")
        git(repo, "config", key, value)
    monkeypatch.chdir(repo / "plans")
    result = run_cli("diff", "--since", "main", "--format", "json")
    assert result.exit_code == 1, result
    plans = [(p["status"], p["old"], p["new"], len(p["changes"])) for p in json.loads(result.stdout)["plans"]]
    assert plans == EXPECTED_FROM_PLANS


def test_since_from_the_top_with_diff_relative(run_cli: RunCli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(repo, "config", "diff.relative", "true")
    monkeypatch.chdir(repo)
    result = run_cli("diff", "--since", "main", "--format", "json")
    assert result.exit_code == 1, result
    assert [p["new"] for p in json.loads(result.stdout)["plans"]] == [
        "plans/2017.yaml",
        "plans/néw plan.yaml",
        "plans/renamed.yaml",
    ]


def test_since_from_another_subfolder_with_diff_relative(
    run_cli: RunCli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From docs/, with PLANCTL_PLANS=../plans: git's paths are from the top, planctl's from here."""
    git(repo, "config", "diff.relative", "true")
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    monkeypatch.setenv("PLANCTL_PLANS", "../plans")
    result = run_cli("diff", "--since", "main", "--format", "json")
    assert result.exit_code == 1, result
    assert [(p["old"], p["new"]) for p in json.loads(result.stdout)["plans"]] == [
        ("main:plans/2017.yaml", "../plans/2017.yaml"),
        (None, "../plans/néw plan.yaml"),
        ("main:plans/minimal.yaml", "../plans/renamed.yaml"),
    ]


def test_a_plans_folder_named_like_a_pattern_is_taken_literally(
    run_cli: RunCli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git reads '*' in a path as a wildcard: the folder pl* must not also match plans/."""
    (repo / "pl*").mkdir()
    shutil.copy(CASES / "valid" / "example-strategy.yaml", repo / "pl*" / "s.yaml")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PLANCTL_PLANS", "pl*")
    result = run_cli("diff", "--since", "main", "--format", "json")
    assert result.exit_code == 1, result
    assert [(p["status"], p["new"]) for p in json.loads(result.stdout)["plans"]] == [("added", "pl*/s.yaml")]

"""`planctl diff` as users and CI jobs meet it: paths, git objects, --since, formats, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CASES, PLANS, RunCli, web_summary_2017
from tests.test_diff_render import WEB_TEXT


@pytest.fixture
def web(tmp_path: Path) -> Path:
    path = tmp_path / "web.yaml"
    path.write_text(web_summary_2017(), encoding="utf-8")
    return path


def test_two_files_that_differ_exit_1(run_cli: RunCli, web: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(web.parent)
    shutil.copy(PLANS / "2017.yaml", "pdf.yaml")
    result = run_cli("diff", "pdf.yaml", "web.yaml")
    assert result.exit_code == 1, result
    assert result.stdout == WEB_TEXT.replace("plans/2017.yaml", "pdf.yaml")


def test_identical_plans_exit_0(run_cli: RunCli) -> None:
    result = run_cli("diff", PLANS / "2017.yaml", PLANS / "2017.yaml")
    assert (result.exit_code, result.stdout) == (0, "No differences.\n"), result


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_every_format_on_the_real_plan(run_cli: RunCli, web: Path, fmt: str) -> None:
    result = run_cli("diff", PLANS / "2017.yaml", web, "--format", fmt)
    assert result.exit_code == 1, result
    assert "lm-2017-launch" in result.stdout and "msp16-mbt" in result.stdout
    if fmt == "json":
        assert json.loads(result.stdout)["summary"]["changed"] == 2
    if fmt == "markdown":
        assert "moved 15 Dec 2017 (tbc) → 14 Dec 2017" in result.stdout


def test_quiet_prints_nothing(run_cli: RunCli, web: Path) -> None:
    result = run_cli("diff", "-q", PLANS / "2017.yaml", web)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")


def test_an_invalid_plan_lists_its_problems_and_exits_2(run_cli: RunCli) -> None:
    bad = CASES / "invalid" / "unknown-country.yaml"
    result = run_cli("diff", CASES / "valid" / "minimal.yaml", bad)
    assert result.exit_code == 2, result
    assert f"{bad}:15:27: error[unknown-country]: unknown country 'Laoss'" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "nothing to compare: give OLD and NEW, or --since REV"),
        (("a.yaml",), "a.yaml: no such file, and not a git revision here"),
        ((str(PLANS / "2017.yaml"),), "2017.yaml: give two versions to compare, or one git object REV:path"),
        (("a.yaml", "b.yaml", "--since", "main"), "give either --since REV or OLD [NEW], not both"),
        (("nope.yaml", "nope2.yaml"), "nope.yaml: no such file or directory"),
        ((str(PLANS), str(PLANS / "2017.yaml")), "is a directory; planctl diff compares two plan files"),
        (("-f", "html", "a", "b"), "Invalid value for '--format'"),
    ],
)
def test_usage_errors_exit_2(run_cli: RunCli, args: tuple[str, ...], message: str) -> None:
    result = run_cli("diff", *args)
    assert result.exit_code == 2, result
    assert message in result.stderr


# --- git ------------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose first commit has plans/2017.yaml and plans/minimal.yaml; cwd is its top."""
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
    monkeypatch.chdir(top)
    return top


def test_git_object_against_the_working_tree(run_cli: RunCli, repo: Path) -> None:
    (repo / "plans" / "2017.yaml").write_text(web_summary_2017(), encoding="utf-8")
    expected = WEB_TEXT.replace("plans/2017.yaml → web.yaml", "main:plans/2017.yaml → plans/2017.yaml")
    result = run_cli("diff", "main:plans/2017.yaml", "plans/2017.yaml")
    assert (result.exit_code, result.stdout) == (1, expected), result
    # one git object alone is compared with its file in the working tree
    assert run_cli("diff", "main:plans/2017.yaml").stdout == expected


def test_git_object_paths_from_a_subdirectory(run_cli: RunCli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "plans" / "2017.yaml").write_text(web_summary_2017(), encoding="utf-8")
    monkeypatch.chdir(repo / "plans")
    result = run_cli("diff", "HEAD:./2017.yaml")
    assert result.exit_code == 1, result
    assert result.stdout.startswith("plan 2017: HEAD:./2017.yaml → 2017.yaml\n")
    assert run_cli("diff", "HEAD:plans/2017.yaml").stdout.startswith("plan 2017: HEAD:plans/2017.yaml → 2017.yaml\n")


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("nope:plans/2017.yaml", "nope:plans/2017.yaml: invalid object name 'nope'."),
        ("main:plans/2018.yaml", "main:plans/2018.yaml: path 'plans/2018.yaml' does not exist in 'main'"),
        ("main:plans", "main:plans: is a tree, not a file"),
        ("-x:plans/2017.yaml", "'-x' is not a git revision"),
    ],
)
def test_bad_git_objects_exit_2_with_gits_reason(run_cli: RunCli, repo: Path, spec: str, reason: str) -> None:
    result = run_cli("diff", "--", spec, "plans/2017.yaml")
    assert result.exit_code == 2, result
    assert reason in result.stderr


def test_outside_a_repository(run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    result = run_cli("diff", "main:plans/2017.yaml", str(PLANS / "2017.yaml"))
    assert result.exit_code == 2, result
    assert "main:plans/2017.yaml: not a git repository" in result.stderr


def test_an_invalid_plan_in_git_is_located_in_the_object(run_cli: RunCli, repo: Path) -> None:
    shutil.copy(CASES / "invalid" / "unknown-country.yaml", repo / "plans" / "minimal.yaml")
    git(repo, "commit", "-qam", "break it")
    shutil.copy(CASES / "valid" / "minimal.yaml", repo / "plans" / "minimal.yaml")
    result = run_cli("diff", "HEAD:plans/minimal.yaml")
    assert result.exit_code == 2, result
    assert "HEAD:plans/minimal.yaml:15:27: error[unknown-country]" in result.stderr


def test_since_reports_modified_added_deleted_and_renamed_plans(run_cli: RunCli, repo: Path) -> None:
    (repo / "plans" / "2017.yaml").write_text(web_summary_2017(), encoding="utf-8")
    git(repo, "mv", "plans/minimal.yaml", "plans/renamed.yaml")
    shutil.copy(CASES / "valid" / "full-shape.yaml", repo / "plans" / "new.yaml")  # untracked
    (repo / "plans" / "notes.txt").write_text("not a plan")
    result = run_cli("diff", "--since", "main", "--format", "json")
    assert result.exit_code == 1, result
    plans = [(p["status"], p["old"], p["new"], len(p["changes"])) for p in json.loads(result.stdout)["plans"]]
    assert plans == [
        ("modified", "main:plans/2017.yaml", "plans/2017.yaml", 2),
        ("added", None, "plans/new.yaml", 0),
        ("modified", "main:plans/minimal.yaml", "plans/renamed.yaml", 0),
    ]
    git(repo, "rm", "-qf", "plans/renamed.yaml")
    text = run_cli("diff", "--since", "main").stdout
    assert "plan minimal: deleted main:plans/minimal.yaml “Minimal plan”" in text
    assert text.endswith("2 changes: 2 changed; 1 plan file added; 1 plan file deleted.\n")


def test_a_revision_alone_compares_every_plan_changed_since_it(run_cli: RunCli, repo: Path) -> None:
    (repo / "plans" / "2017.yaml").write_text(web_summary_2017(), encoding="utf-8")
    git(repo, "commit", "-qam", "the web summary's dates")
    result = run_cli("diff", "HEAD~1")
    assert result.exit_code == 1, result
    assert result.stdout.startswith("plan 2017: HEAD~1:plans/2017.yaml → plans/2017.yaml\n")
    assert result.stdout == run_cli("diff", "--since", "HEAD~1").stdout
    assert run_cli("diff", "HEAD").stdout == "No plan files changed since HEAD.\n"


def test_a_file_named_like_a_revision_is_the_file(run_cli: RunCli, repo: Path) -> None:
    shutil.copy(CASES / "valid" / "minimal.yaml", repo / "main")
    result = run_cli("diff", "main")
    assert result.exit_code == 2, result
    assert "main: give two versions to compare" in result.stderr
    assert "planctl diff HEAD:main main" in result.stderr


def test_since_with_nothing_changed_exits_0(run_cli: RunCli, repo: Path) -> None:
    result = run_cli("diff", "--since", "HEAD")
    assert (result.exit_code, result.stdout) == (0, "No plan files changed since HEAD.\n"), result


def test_since_a_formatting_only_change_is_no_difference(run_cli: RunCli, repo: Path) -> None:
    path = repo / "plans" / "2017.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    result = run_cli("diff", "--since", "main")
    assert result.exit_code == 0, result
    assert "plan 2017: main:plans/2017.yaml → plans/2017.yaml: no differences" in result.stdout


def test_since_an_unknown_revision_exits_2(run_cli: RunCli, repo: Path) -> None:
    result = run_cli("diff", "--since", "nope")
    assert result.exit_code == 2, result
    assert "--since nope: unknown revision 'nope'" in result.stderr


def test_since_an_invalid_new_plan_exits_2(run_cli: RunCli, repo: Path) -> None:
    shutil.copy(CASES / "invalid" / "unknown-country.yaml", repo / "plans" / "bad.yaml")
    result = run_cli("diff", "--since", "main")
    assert result.exit_code == 2, result
    assert "plans/bad.yaml:15:27: error[unknown-country]" in result.stderr


def test_help_has_examples(run_cli: RunCli) -> None:
    result = run_cli("diff", "--help")
    assert result.exit_code == 0
    assert "planctl diff main:plans/2017.yaml plans/2017.yaml" in result.stdout
    assert "--since" in result.stdout


def test_guide_sample_is_the_real_output(run_cli: RunCli, repo: Path) -> None:
    from tests.conftest import REPO

    (repo / "plans" / "2017.yaml").write_text(web_summary_2017(), encoding="utf-8")
    output = run_cli("diff", "main:plans/2017.yaml", "plans/2017.yaml").stdout
    guide = (REPO / "docs" / "guide.md").read_text(encoding="utf-8")
    assert "$ planctl diff main:plans/2017.yaml plans/2017.yaml\n" + output in guide

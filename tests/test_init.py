"""`planctl init`: a plans repository that validates at once, written without ever overwriting anything."""

from __future__ import annotations

import os
import shlex
import subprocess
from datetime import date
from pathlib import Path

import pytest

from planctl import __version__, api
from planctl.cli import init as cli_init
from planctl.cli.schema import schema_text
from planctl.init import KINDS
from tests.conftest import RunCli

FILES = [
    "plans/{id}.yaml",
    "schemas/plan.schema.json",
    ".pre-commit-config.yaml",
    ".github/workflows/plans.yml",
    "README.md",
]
IDS = {"operational": "2025", "strategy": "strategy-2025-2029", "action-plan": "action-plan-2025-2029"}


def _files(top: Path) -> list[str]:
    return sorted(str(p.relative_to(top)) for p in top.rglob("*") if p.is_file() or p.is_symlink())


def test_the_commands_kinds_are_the_cores() -> None:
    assert tuple(cli_init.KINDS) == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_init_in_an_empty_folder_then_validate_exits_0(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    result = run_cli("init", tmp_path / "repo", "--kind", kind, "--year", "2025")
    assert result.exit_code == 0, result
    top = tmp_path / "repo"
    assert _files(top) == sorted(f.format(id=IDS[kind]) for f in FILES)
    assert f"created {top / 'plans' / (IDS[kind] + '.yaml')}: a first {kind} plan" in result.stderr
    monkeypatch.chdir(top)
    validated = run_cli("validate")
    assert (validated.exit_code, validated.stdout) == (0, "1 plan file valid.\n"), validated
    assert run_cli("fmt", "--check").exit_code == 0  # the fmt hook and the workflow would pass too


@pytest.mark.parametrize("kind", KINDS)
def test_the_first_plan_is_a_skeleton_with_one_of_each_and_comments(run_cli: RunCli, tmp_path: Path, kind: str) -> None:
    run_cli("init", tmp_path, "--kind", kind, "--year", "2025")
    path = tmp_path / "plans" / f"{IDS[kind]}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schemas/plan.schema.json"
    assert sum(line.lstrip().startswith("#") or " # " in line for line in lines) >= 8  # says what to fill in
    plan = api.load_plan(path)
    assert (plan.id, plan.kind) == (IDS[kind], kind)
    assert plan.period.start == date(2025, 1, 1)
    assert plan.period.end == date(2025 if kind == "operational" else 2029, 12, 31)
    [goal] = plan.goals
    [objective] = goal.objectives
    assert len(objective.indicators) == 1
    assert len(plan.calendar) == 1
    if kind == "action-plan":
        assert len(goal.actions) == 1


def test_the_first_plan_is_for_this_year_by_default(run_cli: RunCli, tmp_path: Path) -> None:
    year = date.today().year
    result = run_cli("init", tmp_path)
    assert result.exit_code == 0, result
    assert api.load_plan(tmp_path / "plans" / f"{year}.yaml").period.start == date(year, 1, 1)


def test_the_schema_is_the_one_planctl_prints(run_cli: RunCli, tmp_path: Path) -> None:
    run_cli("init", tmp_path, "--year", "2025")
    assert (tmp_path / "schemas" / "plan.schema.json").read_text(encoding="utf-8") == schema_text()


def test_the_hooks_and_the_workflow_install_this_version_of_planctl(run_cli: RunCli, tmp_path: Path) -> None:
    run_cli("init", tmp_path, "--year", "2025")
    config = (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert config.count(f'additional_dependencies: ["plans-as-code=={__version__}"]') == 2
    assert "pass_filenames: false" in config
    workflow = (tmp_path / ".github" / "workflows" / "plans.yml").read_text(encoding="utf-8")
    assert f'run: pip install "plans-as-code=={__version__}"' in workflow


def test_here_by_default_and_the_next_steps_are_said(run_cli: RunCli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = run_cli("init", "--year", "2025")
    assert result.exit_code == 0, result
    assert "created plans/2025.yaml: a first operational plan\n" in result.stderr
    assert "next: planctl validate, then git init && pre-commit install" in result.stderr


def test_in_a_git_repository_the_next_step_is_only_pre_commit_install(run_cli: RunCli, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    result = run_cli("init", tmp_path / "plans-repo", "--year", "2025")
    assert result.exit_code == 0, result
    assert result.stderr.endswith(
        f"next: cd {tmp_path / 'plans-repo'}, planctl validate, then pre-commit install"
        " (pre-commit itself: pipx install pre-commit)\n"
    )


def test_anything_in_the_way_is_listed_and_nothing_is_written(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Ours\n", encoding="utf-8")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "2025.yaml").symlink_to(tmp_path / "nowhere.yaml")  # a broken link is in the way too
    result = run_cli("init", tmp_path, "--year", "2025")
    assert result.exit_code == 2, result
    assert f"nothing written in {tmp_path}: plans/2025.yaml exists, README.md exists" in result.stderr
    assert "planctl init never writes over anything" in result.stderr
    assert "--skip-existing writes only the other files" in result.stderr
    assert _files(tmp_path) == ["README.md", "plans/2025.yaml"]
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# Ours\n"
    assert not (tmp_path / "plans" / "2025.yaml").exists()  # still the same broken link


def test_skip_existing_writes_the_others_and_keeps_what_exists(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Ours\n", encoding="utf-8")
    os.chmod(tmp_path / "README.md", 0o444)
    result = run_cli("init", tmp_path, "--year", "2025", "--skip-existing")
    assert result.exit_code == 0, result
    assert f"skipped {tmp_path / 'README.md'}: README.md exists" in result.stderr
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# Ours\n"
    assert _files(tmp_path) == sorted(f.format(id="2025") for f in FILES)


def test_a_plans_folder_with_plans_gets_no_first_plan(run_cli: RunCli, tmp_path: Path) -> None:
    """A repository that has plans already: init adds the checks, never a plan beside them."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "ours.yml").write_text("id: ours\n", encoding="utf-8")
    refused = run_cli("init", tmp_path, "--year", "2025")
    assert refused.exit_code == 2, refused
    assert f"nothing written in {tmp_path}: plans/ holds plans already" in refused.stderr
    result = run_cli("init", tmp_path, "--year", "2025", "--skip-existing")
    assert result.exit_code == 0, result
    assert f"skipped {tmp_path / 'plans' / '2025.yaml'}: plans/ holds plans already" in result.stderr
    assert sorted(p.name for p in (tmp_path / "plans").iterdir()) == ["ours.yml"]
    assert (tmp_path / ".github" / "workflows" / "plans.yml").is_file()


def test_a_file_where_a_folder_would_be_is_in_the_way(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / ".github").write_text("a file where the workflow's folder would go\n", encoding="utf-8")
    result = run_cli("init", tmp_path, "--year", "2025")
    assert result.exit_code == 2, result
    assert f"nothing written in {tmp_path}: .github is not a folder" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".github"]


def test_a_failure_half_way_removes_what_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk that fills up at the workflow: the plan, schema and configuration written before it go again."""
    import planctl.init as repository
    from planctl.errors import InputError

    real = repository.write_atomic

    def fill_up(path: Path, content: str | bytes, *, overwrite: bool = True) -> None:
        if path.name == "plans.yml":
            raise InputError(f"{path}: cannot write: No space left on device")
        real(path, content, overwrite=overwrite)

    monkeypatch.setattr(repository, "write_atomic", fill_up)
    (tmp_path / "ours.txt").write_text("kept\n", encoding="utf-8")
    with pytest.raises(InputError, match="No space left on device"):
        repository.write(tmp_path / "new", repository.planned_files("operational", 2025))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ours.txt"]  # new/, its files and folders: gone


def test_a_file_as_the_folder_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "plans.txt").write_text("x\n", encoding="utf-8")
    result = run_cli("init", tmp_path / "plans.txt")
    assert result.exit_code == 2, result
    assert "plans.txt is not a folder" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"), [(("--kind", "budget"), "'budget' is not one of"), (("--year", "9996"), "9996")]
)
def test_bad_options_are_usage_errors(run_cli: RunCli, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run_cli("init", tmp_path, *args)
    assert result.exit_code == 2, result
    assert message in result.stderr
    assert not list(tmp_path.iterdir())


def test_the_new_repositorys_readme_commands_run_as_written(run_cli: RunCli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.test_docs import _code_blocks

    run_cli("init", tmp_path, "--year", "2025")
    monkeypatch.chdir(tmp_path)
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for git in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "init"]):
        subprocess.run(["git", *git], cwd=tmp_path, env=env, check=True, capture_output=True)
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    commands = [line.split("#")[0] for block in _code_blocks(readme, "sh") for line in block.splitlines()]
    assert len(commands) == 5
    for command in commands:
        result = run_cli(*shlex.split(command)[1:])
        assert result.exit_code == 0, (command, str(result))


def test_the_guides_sample_is_the_real_output(run_cli: RunCli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import REPO

    guide = (REPO / "docs" / "guide.md").read_text(encoding="utf-8")
    sample = guide[guide.index("$ planctl init my-plans --year 2025\n") :]
    sample = sample[: sample.index("```")].split("\n", 1)[1]
    monkeypatch.chdir(tmp_path)
    result = run_cli("init", "my-plans", "--year", "2025")
    assert result.stderr == sample

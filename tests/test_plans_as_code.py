"""The CI recipe works: the pre-commit hooks run under the real pre-commit, the workflow is well-formed.

The pre-commit tests install planctl into pre-commit's own environment (from PyPI): about ten
seconds each.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import PLANS, REPO

WORKFLOW = REPO / ".github" / "workflows" / "plans.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent


def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of this repository with the working tree's uncommitted changes committed (try-repo needs a commit)."""
    clone = tmp_path_factory.mktemp("hooks") / "planctl"
    _git("clone", "-q", str(REPO), str(clone), cwd=REPO)
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO).split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    _git("add", "-A", cwd=clone)
    if _git("status", "--porcelain", cwd=clone).strip():
        _git("commit", "-qm", "working tree", cwd=clone)
    return clone


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository that keeps plans, as a user of the hooks has."""
    shutil.copytree(PLANS, tmp_path / "plans")
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    _git("init", "-q", cwd=tmp_path)
    _git("add", "-A", cwd=tmp_path)
    _git("commit", "-qm", "plans", cwd=tmp_path)
    return tmp_path


def _pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [str(BIN / "pre-commit"), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.slow
def test_hooks_pass_on_a_valid_canonical_plan(hook_repo: Path, project: Path, tmp_path: Path) -> None:
    result = _pre_commit("try-repo", str(hook_repo), "--files", "plans/2017.yaml", cwd=project, home=tmp_path / "pc")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "validate plans (planctl)" in result.stdout and "format plans (planctl)" in result.stdout
    assert result.stdout.count("Passed") == 2, result.stdout


@pytest.mark.slow
def test_validate_hook_fails_with_file_line_col(hook_repo: Path, project: Path, tmp_path: Path) -> None:
    plan = project / "plans" / "2017.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("- Cambodia\n", "- Cambodja\n", 1), encoding="utf-8")
    result = _pre_commit(
        "try-repo", str(hook_repo), "planctl-validate", "--files", "plans/2017.yaml", cwd=project, home=tmp_path / "pc"
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "validate plans (planctl)" in result.stdout and "Failed" in result.stdout
    assert "plans/2017.yaml:50:19: error[unknown-country]: unknown country 'Cambodja'" in result.stdout


def test_hooks_manifest_is_valid_for_pre_commit(tmp_path: Path) -> None:
    result = _pre_commit("validate-manifest", str(HOOKS), cwd=REPO, home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = YAML(typ="safe").load(HOOKS)
    assert [h["id"] for h in hooks] == ["planctl-validate", "planctl-fmt"]
    assert [h["entry"] for h in hooks] == ["planctl validate", "planctl fmt"]


def test_hooks_file_pattern_matches_plans_only() -> None:
    import re

    pattern = re.compile(YAML(typ="safe").load(HOOKS)[0]["files"])
    for name in ("plans/2017.yaml", "plans/sub/x.yml", "org/plans/2018.yaml"):
        assert pattern.search(name), name
    for name in ("config.yaml", "schemas/plan.schema.json", "myplans/x.yaml", "plans/notes.txt"):
        assert not pattern.search(name), name


def test_workflow_is_well_formed_and_runs_the_recipe() -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    workflow = YAML(typ="safe").load(WORKFLOW)
    steps = workflow["jobs"]["plans"]["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    runs = [s.get("run", "") for s in steps]
    assert "pip install ." in runs
    assert "planctl validate --format github" in runs
    summary = next(s for s in steps if "planctl diff" in s.get("run", ""))
    assert summary["if"] == "github.event_name == 'pull_request'"
    assert summary["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert 'planctl diff --since "origin/$BASE_REF" --format markdown >> "$GITHUB_STEP_SUMMARY"' in summary["run"]


def test_the_workflow_commands_that_exist_pass_on_the_shipped_plans(run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(REPO)
    assert run_cli("validate", "--format", "github").exit_code == 0
    assert run_cli("fmt", "--check").exit_code == 0

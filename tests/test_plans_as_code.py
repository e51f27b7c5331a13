"""The CI recipe works: the pre-commit hooks run under the real pre-commit, the workflow is well-formed.

The pre-commit tests install planctl into pre-commit's own environment (from PyPI): about ten
seconds each.
"""

from __future__ import annotations

import json
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


def _rename_objective_1a(plans: Path) -> None:
    """Rename objective 1a of the shipped strategy, which the 2017 plan implements (a file left alone)."""
    strategy = plans / "strategy-2017-2021.yaml"
    text = strategy.read_text(encoding="utf-8")
    assert text.count("      - id: 1a\n") == 1
    strategy.write_text(text.replace("      - id: 1a\n", "      - id: 1x\n"), encoding="utf-8")


BROKEN_LINK = (
    "plans/2017.yaml:38:21: error[unknown-reference]: objective '1A' implements '1a', "
    "which is not an objective of plan 'strategy-2017-2021'"
)


@pytest.fixture
def initialised(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    """An empty folder after `planctl init`, with the shipped strategy and 2017 plan added: committed."""
    top = tmp_path / "ours"
    top.mkdir()
    monkeypatch.chdir(top)
    assert run_cli("init").exit_code == 0
    assert run_cli("validate").exit_code == 0
    for name in ("strategy-2017-2021.yaml", "2017.yaml"):
        shutil.copy(PLANS / name, top / "plans" / name)
    _git("init", "-q", "-b", "main", cwd=top)
    _git("add", "-A", cwd=top)
    _git("commit", "-qm", "plans", cwd=top)
    return top


@pytest.mark.slow
def test_validate_hook_blocks_a_commit_that_breaks_a_link_from_another_plan(
    hook_repo: Path, initialised: Path, tmp_path: Path
) -> None:
    """The issue's test: in a folder `planctl init` made, `pre-commit try-repo` against this repository."""
    _rename_objective_1a(initialised / "plans")
    _git("add", "plans/strategy-2017-2021.yaml", cwd=initialised)
    result = _pre_commit("try-repo", str(hook_repo), "planctl-validate", cwd=initialised, home=tmp_path / "pc")
    assert result.returncode == 1, result.stdout + result.stderr
    assert BROKEN_LINK in result.stdout


@pytest.mark.slow
def test_the_hooks_init_configures_block_the_commit(
    initialised: Path, tmp_path: Path, wheel: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`pre-commit install` and `git commit`, with the .pre-commit-config.yaml init wrote: planctl comes from
    the package index there, here from the wheel of this checkout (beside the index)."""
    monkeypatch.setenv("PIP_FIND_LINKS", " ".join(filter(None, [os.environ.get("PIP_FIND_LINKS"), str(wheel.parent)])))
    home = tmp_path / "pc"
    assert _pre_commit("install", cwd=initialised, home=home).returncode == 0
    plan = initialised / "plans" / "2017.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "commit", "-qam", message], cwd=initialised, env=env, capture_output=True, text=True, check=False
        )

    reviewed = commit("a plan reviewed")
    assert reviewed.returncode == 0, reviewed.stdout + reviewed.stderr  # the hooks pass on valid plans
    _rename_objective_1a(initialised / "plans")
    renamed = commit("rename 1a")
    assert renamed.returncode == 1, renamed.stdout + renamed.stderr
    assert BROKEN_LINK in renamed.stderr  # git shows its hooks' output there
    assert _git("log", "--format=%s", cwd=initialised).splitlines() == ["a plan reviewed", "plans"]


def test_hooks_manifest_is_valid_for_pre_commit(tmp_path: Path) -> None:
    result = _pre_commit("validate-manifest", str(HOOKS), cwd=REPO, home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = YAML(typ="safe").load(HOOKS)
    assert [h["id"] for h in hooks] == ["planctl-validate", "planctl-fmt"]
    assert [h["entry"] for h in hooks] == ["planctl validate", "planctl fmt"]


def test_the_docs_show_the_configuration_init_writes() -> None:
    from planctl.init import planned_files
    from tests.test_docs import _code_blocks

    local, _ = _code_blocks((REPO / "docs" / "ci.md").read_text(encoding="utf-8"), "yaml")
    [written] = [f.text for f in planned_files("operational", 2025) if f.path.name == ".pre-commit-config.yaml"]
    assert local + "\n" == written


def test_the_docs_remote_configuration_names_this_release_and_its_hooks(tmp_path: Path) -> None:
    from planctl import __version__
    from tests.test_docs import _code_blocks

    remote = _code_blocks((REPO / "docs" / "ci.md").read_text(encoding="utf-8"), "yaml")[1]
    (tmp_path / "config.yaml").write_text(remote, encoding="utf-8")
    result = _pre_commit("validate-config", "config.yaml", cwd=tmp_path, home=tmp_path / "pc")
    assert result.returncode == 0, result.stdout + result.stderr
    [repo] = YAML(typ="safe").load(remote)["repos"]
    assert repo["rev"] == f"v{__version__}"
    assert {h["id"] for h in repo["hooks"]} == {h["id"] for h in YAML(typ="safe").load(HOOKS)}


def test_hooks_file_pattern_matches_plans_only() -> None:
    import re

    pattern = re.compile(YAML(typ="safe").load(HOOKS)[0]["files"])
    for name in ("plans/2017.yaml", "plans/sub/x.yml", "org/plans/2018.yaml"):
        assert pattern.search(name), name
    for name in ("config.yaml", "schemas/plan.schema.json", "myplans/x.yaml", "plans/notes.txt"):
        assert not pattern.search(name), name


def _check_workflow(path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_is_well_formed_and_runs_the_recipe() -> None:
    _check_workflow(WORKFLOW)
    workflow = YAML(typ="safe").load(WORKFLOW)
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["plans"]["steps"]
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0, "persist-credentials": False}}
    runs = [s.get("run", "") for s in steps]
    assert "pip install ." in runs
    assert "planctl validate --format github" in runs
    summary = next(s for s in steps if "planctl diff" in s.get("run", ""))
    assert summary["if"] == "github.event_name == 'pull_request' && !cancelled()"
    assert summary["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert 'planctl diff --since "origin/$BASE_REF" --format markdown > plan-diff.md' in summary["run"]
    assert 'cat plan-diff.md >> "$GITHUB_STEP_SUMMARY"' in summary["run"]


def test_only_the_comment_job_may_write_and_never_for_a_fork() -> None:
    jobs = YAML(typ="safe").load(WORKFLOW)["jobs"]
    assert "permissions" not in jobs["plans"]  # the workflow's: contents: read
    comment = jobs["comment"]
    assert comment["permissions"] == {"pull-requests": "write"}
    assert "github.event.pull_request.head.repo.full_name == github.repository" in comment["if"]
    assert not any("checkout" in s.get("uses", "") for s in comment["steps"])  # runs no code of the pull request


def test_this_repositorys_workflow_is_the_one_init_writes_but_for_the_install() -> None:
    from planctl.init import workflow

    assert WORKFLOW.read_text(encoding="utf-8") == workflow("pip install .")


@pytest.mark.parametrize("kind", ["operational", "strategy", "action-plan"])
def test_the_workflow_and_hooks_init_writes_are_well_formed(run_cli, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("init", tmp_path, "--kind", kind).exit_code == 0
    _check_workflow(tmp_path / ".github" / "workflows" / "plans.yml")
    result = _pre_commit("validate-config", ".pre-commit-config.yaml", cwd=tmp_path, home=tmp_path / "pc")
    assert result.returncode == 0, result.stdout + result.stderr


# --- the step that comments on the pull request, run by bash against a stand-in for gh --------------

FAKE_GH = r"""#!/usr/bin/env python3
import json, subprocess, sys
from pathlib import Path
state = Path(sys.argv[0]).parent / "comments.json"
comments = json.loads(state.read_text())
args = sys.argv[1:]
with open(state.parent / "calls.log", "a") as log:
    log.write(" ".join(a for a in args if not a.startswith("body=")) + "\n")
assert args[0] == "api"
method = args[args.index("--method") + 1] if "--method" in args else "GET"
path = next(a for a in args[1:] if a.startswith("repos/"))
if method == "GET":
    assert path == "repos/o/r/issues/7/comments" and "--paginate" in args
    query = args[args.index("--jq") + 1]
    out = subprocess.run(["jq", "-r", query], input=json.dumps(comments), capture_output=True, text=True, check=True)
    sys.stdout.write(out.stdout)
    sys.exit(0)
field = args[args.index("-F") + 1]
assert field.startswith("body=@")
body = Path(field.removeprefix("body=@")).read_text()
if method == "POST":
    assert path == "repos/o/r/issues/7/comments"
    comments.append({"id": 100 + len(comments), "user": {"login": "github-actions[bot]"}, "body": body})
else:
    assert method == "PATCH" and path.startswith("repos/o/r/issues/comments/")
    [mine] = [c for c in comments if str(c["id"]) == path.rsplit("/", 1)[1]]
    mine["body"] = body
state.write_text(json.dumps(comments))
"""


class PullRequest:
    """A pull request's comments, as the comment step sees them through gh."""

    def __init__(self, tmp_path: Path) -> None:
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        (self.bin / "gh").write_text(FAKE_GH, encoding="utf-8")
        (self.bin / "gh").chmod(0o755)
        self.work = tmp_path / "work"
        self.work.mkdir()
        step = next(s for s in YAML(typ="safe").load(WORKFLOW)["jobs"]["comment"]["steps"] if "run" in s)
        self.script = step["run"]
        self.comments = [
            {"id": 1, "user": {"login": "someone"}, "body": "<!-- planctl diff -->\nquoted by a person"},
            {"id": 2, "user": {"login": "github-actions[bot]"}, "body": "another bot comment"},
        ]
        self._save()

    def _save(self) -> None:
        (self.bin / "comments.json").write_text(json.dumps(self.comments), encoding="utf-8")

    def push(self, diff: str, status: int) -> subprocess.CompletedProcess[str]:
        """The comment step after a push whose `planctl diff` printed `diff` and exited with `status`."""
        (self.work / "plan-diff.md").write_text(diff, encoding="utf-8")
        env = {**os.environ, "PATH": f"{self.bin}{os.pathsep}{os.environ['PATH']}", "REPO": "o/r", "PR": "7"}
        env |= {"DIFF_STATUS": str(status), "RUN_URL": "https://example.org/run/1", "GH_TOKEN": "t"}
        script = self.work / "step.sh"
        script.write_text(self.script, encoding="utf-8")
        result = subprocess.run(  # as GitHub runs a step's script
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.comments = json.loads((self.bin / "comments.json").read_text(encoding="utf-8"))
        return result

    def ours(self) -> list[str]:
        return [c["body"] for c in self.comments if c["id"] >= 100]


needs_jq = pytest.mark.skipif(shutil.which("jq") is None, reason="the stand-in for gh filters with jq")


@needs_jq
def test_the_comment_is_posted_once_then_updated_on_each_push(tmp_path: Path) -> None:
    pr = PullRequest(tmp_path)
    first = pr.push("## Plan changes\n\nplan 2017: one change\n", status=1)
    assert first.returncode == 0, first.stderr
    assert pr.ours() == ["<!-- planctl diff -->\n## Plan changes\n\nplan 2017: one change\n"]
    second = pr.push("## Plan changes\n\nplan 2017: two changes\n", status=1)
    assert second.returncode == 0, second.stderr
    assert pr.ours() == ["<!-- planctl diff -->\n## Plan changes\n\nplan 2017: two changes\n"]
    assert pr.comments[0]["body"] == "<!-- planctl diff -->\nquoted by a person"  # a person's comment is theirs
    # the plans no longer differ: the comment says so, rather than keep showing a diff that is gone
    assert pr.push("## Plan changes\n\nNo plan files changed since origin/main.\n", status=0).returncode == 0
    assert pr.ours() == ["<!-- planctl diff -->\n## Plan changes\n\nNo plan files changed since origin/main.\n"]


@needs_jq
def test_no_comment_for_a_pull_request_that_changes_no_plan(tmp_path: Path) -> None:
    pr = PullRequest(tmp_path)
    result = pr.push("## Plan changes\n\nNo plan files changed since origin/main.\n", status=0)
    assert result.returncode == 0, result.stderr
    assert pr.ours() == []
    assert (tmp_path / "bin" / "calls.log").read_text(encoding="utf-8").count("\n") == 1  # the listing only


@needs_jq
def test_a_diff_too_long_for_a_comment_points_to_the_job_summary(tmp_path: Path) -> None:
    pr = PullRequest(tmp_path)
    assert pr.push("## Plan changes\n\n" + "~ a change\n" * 7000, status=1).returncode == 0
    [body] = pr.ours()
    assert "too long for a comment" in body and "(https://example.org/run/1)" in body and len(body) < 1000


def test_the_workflow_commands_that_exist_pass_on_the_shipped_plans(run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(REPO)
    assert run_cli("validate", "--format", "github").exit_code == 0
    assert run_cli("fmt", "--check").exit_code == 0

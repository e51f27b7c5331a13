"""Start-up stays cheap: `planctl --help` imports no pydantic, and command modules import it only inside commands;
`--version` answers before typer is imported, and a command builds only itself.

(The time itself is measured by benchmarks/run.py, not by a test.)
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl import __version__
from planctl.cli.app import COMMANDS, app, app_for
from tests.conftest import PLANS, REPO, RunCli

CLI = REPO / "src" / "planctl" / "cli"
PROBE = """
import sys
from planctl.cli.app import app
try:
    app(sys.argv[1:])
except SystemExit as e:
    code = e.code
heavy = ("pydantic", "planctl.api", "planctl.model.plan", "ruamel.yaml", "pycountry")
heavy = sorted(m for m in heavy if m in sys.modules)
print(code, *heavy, file=sys.stderr)
"""


# (typer 0.29 would fail the subcommands' cases: it converts their options, --help included,
# through pydantic TypeAdapters; planctl stays on 0.28.)
@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["--show-completion", "bash"], ["validate", "--help"], ["targets", "--help"]]
)
def test_help_imports_no_pydantic(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.stderr.split() == ["0"], result.stderr  # exit 0, and none of the heavy modules


def _top_level_imports(path: str) -> set[str]:
    tree = ast.parse((CLI / path).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:  # module level only: imports inside functions are the point
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", sorted(p.name for p in CLI.glob("*.py")))
def test_cli_modules_import_heavy_modules_only_inside_commands(module: str) -> None:
    allowed_planctl = {"planctl", "planctl.cli", "planctl.cli.options", "planctl.cli.output", "planctl.cli.app"}
    allowed_planctl |= {"planctl.errors", "planctl.render.escape", "planctl.files.reading", "planctl.cli.completion"}
    for name in _top_level_imports(module):
        if name.startswith("planctl"):
            assert name in allowed_planctl, f"{module} imports {name} at module level"
        else:
            assert name.split(".")[0] not in {"pydantic", "ruamel", "pycountry"}, f"{module} imports {name}"


# `planctl ARGS` as the script runs it (planctl.cli.main), then what it imported
MAIN_PROBE = """
import atexit, os, sys
wanted = sys.argv[1].split(",")
def imported():
    os.write(2, ("\\nIMPORTED " + " ".join(m for m in wanted if m in sys.modules) + "\\n").encode())
atexit.register(imported)  # --version returns
leave = os._exit  # a command ends the process at once
os._exit = lambda code: (imported(), leave(code))
sys.argv = ["planctl", *sys.argv[2:]]
from planctl.cli import main
main()
"""
WATCHED = ["planctl", "typer", "pydantic", "pydantic_core", "rich.markdown", "rich.traceback", "icalendar"]
WATCHED += ["planctl.cli.diff", "planctl.cli.fmt", "planctl.cli.query", "planctl.cli.validate"]


def _imports(*args: str, **env: str) -> tuple[int, str, set[str]]:
    """Run `planctl ARGS` in a fresh process: its exit status, its output and the WATCHED modules it imported."""
    result = subprocess.run(
        [sys.executable, "-c", MAIN_PROBE, ",".join(WATCHED), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "80", **env},
    )
    rest, marker, found = result.stderr.rpartition("\nIMPORTED ")
    assert marker and "planctl" in found.split(), result.stderr  # the probe reported
    return result.returncode, result.stdout + rest, set(found.split())


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version_answers_before_typer_is_imported(option: str) -> None:
    code, out, found = _imports(option)
    assert (code, out.strip()) == (0, f"planctl {__version__}")
    assert "typer" not in found


def test_help_and_usage_errors_import_no_markdown_nor_tracebacks() -> None:
    for args in (["--help"], ["targets", "--help"], ["targets", "--no-such-option"], ["no-such-command"]):
        code, out, found = _imports(*args)
        assert code in (0, 2), out
        assert not found & {"rich.markdown", "rich.traceback", "pydantic"}, (args, found)


def test_a_command_builds_only_itself(tmp_path: Path) -> None:
    code, out, found = _imports("targets", "--objective", "1A", "--plan", str(PLANS / "2017.yaml"))
    assert code == 0, out
    assert "planctl.cli.query" in found
    assert not found & {"planctl.cli.diff", "planctl.cli.fmt", "planctl.cli.validate", "icalendar"}, found


def test_a_query_of_a_cached_plan_imports_neither_pydantic_nor_icalendar(tmp_path: Path) -> None:
    args = ("calendar", "--plan", str(PLANS / "2017.yaml"))
    env = {"PLANCTL_CACHE_DIR": str(tmp_path)}
    assert _imports(*args, **env)[0] == 0  # the plan cached
    code, out, found = _imports(*args, **env)
    assert code == 0, out
    assert not found & {"pydantic", "pydantic_core", "icalendar"}, found


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_command_alone_answers_as_the_whole_app(name: str) -> None:
    """`planctl NAME ...` builds an app of NAME only (app_for): its help and its usage errors are the
    whole app's, word for word."""
    for args in ([name, "--help"], [name, "--no-such-option"]):
        alone, whole = CliRunner(), CliRunner()
        one = alone.invoke(app_for(args), args, env={"NO_COLOR": "1", "COLUMNS": "80"})
        every = whole.invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": "80"})
        assert (one.exit_code, one.stdout, one.stderr) == (every.exit_code, every.stdout, every.stderr)
        assert one.exit_code in (0, 2) and one.stdout + one.stderr


@pytest.mark.parametrize(
    "args",
    [["show", "--plan", "2017"], ["activities", "-f", "json"], ["validate", "tests/cases/invalid/bad-kind.yaml"]],
    ids=lambda a: a[0],
)
def test_the_whole_output_is_written_though_the_process_ends_at_once(run_cli: RunCli, args: list[str]) -> None:
    """`planctl` ends its process with os._exit, once its output is flushed: all of it, as in-process."""
    env = {**{k: v for k, v in os.environ.items() if k != "PLANCTL_PLANS"}, "NO_COLOR": "1", "COLUMNS": "80"}
    real = subprocess.run([sys.executable, "-m", "planctl", *args], cwd=REPO, capture_output=True, text=True, env=env)
    expected = run_cli(*args)
    assert (real.returncode, real.stdout, real.stderr) == (expected.exit_code, expected.stdout, expected.stderr)
    assert len(real.stdout) > 1000 or real.returncode == 1


def test_root_options_unknown_names_and_completion_get_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = [c.name for c in app.registered_commands]
    assert [c.name for c in app_for(["targets", "--objective", "1A"]).registered_commands] == ["targets"]
    for args in ([], ["--help"], ["--version"], ["-h", "targets"], ["no-such-command"]):
        assert [c.name for c in app_for(args).registered_commands] == whole
    monkeypatch.setenv("_PLANCTL_COMPLETE", "complete_bash")
    assert [c.name for c in app_for(["targets"]).registered_commands] == whole
    groups = [g.typer_instance.info.name for g in app.registered_groups]  # with subcommands: progress (set)
    assert [name for name in COMMANDS if name not in groups] == whole  # in the order --help lists them
    assert set(COMMANDS) == {*whole, *groups}

"""Start-up stays cheap: `planctl --help` imports no pydantic, and command modules import it only inside commands.

(The time itself is measured by benchmarks/run.py, not by a test.)
"""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.conftest import REPO

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

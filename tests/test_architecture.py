"""The layering docs/architecture.md describes: data flows one way, and only render/ and
cli/ import rich or typer. A module may import its own layer and the layers below it, never one above."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

SRC = REPO / "src" / "planctl"
UI_PACKAGES = {"rich", "typer", "click"}

# bottom to top; each name is a module or a package directly under src/planctl/
LAYERS: list[set[str]] = [
    {"errors", "diagnostics", "dates", "words"},  # plain data and words
    {"files"},  # bytes on disk: reading, YAML with positions, git, atomic writes
    {"model"},  # what a plan may contain, and the checks over one plan
    {"validate", "cache", "query", "diff", "document", "fmt", "new", "init"},  # what planctl does with plans
    {"api"},  # the library's facade
    {"render"},  # results as text for people and tools
    {"cli"},  # the typer commands
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _top(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return parts[0]


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if p.relative_to(SRC).parts[0] not in {"__init__.py", "__main__.py"})


def _core_modules() -> list[Path]:
    return [p for p in _modules() if _top(p) not in {"render", "cli"}]


def _planctl_imports(path: Path) -> set[str]:
    """The top-level planctl modules or packages `path` imports (function-level imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "planctl" else [f"planctl.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "planctl" and len(parts) > 1 and parts[1] != "__version__":
                found.add(parts[1])
    return found


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_every_module_is_in_a_layer() -> None:
    tops = {_top(p) for p in _modules()}
    assert tops <= set(RANK), f"place these in LAYERS (and in docs/architecture.md): {sorted(tops - set(RANK))}"


def test_few_modules_directly_under_planctl() -> None:
    loose = [p.name for p in SRC.glob("*.py") if p.name not in {"__init__.py", "__main__.py"}]
    assert len(loose) <= 11, f"group these by role into packages: {sorted(loose)}"


@pytest.mark.parametrize("module", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_import_reaches_up_a_layer(module: Path) -> None:
    rank = RANK[_top(module)]
    upward = {name for name in _planctl_imports(module) if RANK.get(name, -1) > rank}
    assert not upward, f"{module.relative_to(SRC)} (layer {rank}) imports from a layer above it: {sorted(upward)}"


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    module = SRC / "model" / "plan.py"
    assert "api" not in _planctl_imports(module)
    fake = tmp_path / "m.py"
    fake.write_text("def f():\n    from planctl.api import check_text\n    from planctl import cli\n")
    assert _planctl_imports(fake) == {"api", "cli"}


@pytest.mark.parametrize("module", _core_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_core_does_not_import_ui_libraries(module: Path) -> None:
    assert not (_imports(module) & UI_PACKAGES), f"{module} imports a UI library"


@pytest.mark.parametrize("module", _core_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_core_does_not_print(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "print"]
    assert not calls, f"{module} calls print()"

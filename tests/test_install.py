"""The wheel is all an installation needs: installed into a fresh environment, away from this checkout,
planctl prints its schema, completes, and starts a plans repository that validates."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from planctl import __version__


def test_the_wheel_carries_the_templates_and_installs_the_planctl_command(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"plans_as_code-{__version__}.dist-info/METADATA").decode()
        entry_points = archive.read(f"plans_as_code-{__version__}.dist-info/entry_points.txt").decode()
    templates = {"operational.yaml", "strategy.yaml", "action-plan.yaml", "pre-commit-config.yaml", "plans.yml"}
    assert {f"planctl/init/templates/{name}" for name in templates} <= names
    assert "Name: plans-as-code\n" in metadata and f"Version: {__version__}\n" in metadata
    assert "planctl = planctl.cli:main" in entry_points


@pytest.mark.slow
def test_the_wheel_in_a_fresh_environment(wheel: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PLANCTL_PLANS"}}
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True, env=env)
    pip = subprocess.run(
        [str(tmp_path / "venv" / "bin" / "pip"), "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert pip.returncode == 0, pip.stderr
    away = tmp_path / "elsewhere"  # no schemas/ or plans/ of this checkout in sight
    away.mkdir()

    def planctl(*args: str, cwd: Path = away) -> subprocess.CompletedProcess[str]:
        command = [str(tmp_path / "venv" / "bin" / "planctl"), *args]
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)

    schema = planctl("schema")
    assert schema.returncode == 0, schema.stderr
    assert json.loads(schema.stdout)["$id"] == f"urn:planctl:plan:{__version__}"
    assert planctl("--show-completion", "bash").stdout.rstrip().endswith("planctl")
    assert planctl("init", "plans-repo").returncode == 0
    validate = planctl("validate", cwd=away / "plans-repo")
    assert (validate.returncode, validate.stdout) == (0, "1 plan file valid.\n"), validate.stderr

"""Shell completion and the version flag: `--show-completion SHELL`, `--install-completion SHELL`, `-V`.

planctl runs as a subprocess here, as a shell runs it: `python -m planctl` must still call itself
`planctl` in the scripts it prints, and the completion protocol is driven through the environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planctl import __version__


def _planctl(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("_PLANCTL")}
    return subprocess.run(
        [sys.executable, "-m", "planctl", *args],
        env={**environment, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def test_show_completion_bash_prints_a_script_for_the_planctl_command() -> None:
    result = _planctl("--show-completion", "bash")
    assert result.returncode == 0, result.stderr
    assert "_PLANCTL_COMPLETE=complete_bash" in result.stdout
    assert result.stdout.rstrip().endswith("complete -o default -F _planctl_completion planctl")


@pytest.mark.parametrize(("shell", "marker"), [("zsh", "#compdef planctl"), ("fish", "complete --command planctl")])
def test_show_completion_prints_the_named_shells_script(shell: str, marker: str) -> None:
    result = _planctl("--show-completion", shell)
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout


def test_an_unknown_shell_is_a_usage_error() -> None:
    result = _planctl("--show-completion", "tcsh")
    assert result.returncode == 2
    assert "'tcsh' is not one of 'bash', 'zsh', 'fish', 'powershell', 'pwsh'" in result.stderr


def _complete_bash(words: str) -> list[str]:
    """What the bash script gets back from planctl for the command line `words` (completing its last word)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    result = _planctl(env={"_PLANCTL_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_bash_completes_commands_options_and_their_values() -> None:
    assert _complete_bash("planctl val") == ["validate"]
    assert _complete_bash("planctl diff --form") == ["--format"]
    assert _complete_bash("planctl validate --format ") == ["text", "json", "github"]
    assert _complete_bash("planctl --show-completion ") == ["bash", "zsh", "fish", "powershell", "pwsh"]


def test_zsh_falls_back_to_file_names_for_plan_paths() -> None:
    result = _planctl(env={"_PLANCTL_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "planctl validate pl"})
    assert result.stdout.strip() == "_files"


def test_install_completion_writes_the_script_and_sources_it_from_bashrc(tmp_path: Path) -> None:
    (tmp_path / ".bashrc").write_text("# mine\n", encoding="utf-8")
    result = _planctl("--install-completion", "bash", env={"HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    script = tmp_path / ".bash_completions" / "planctl.sh"
    assert "_PLANCTL_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    bashrc = (tmp_path / ".bashrc").read_text(encoding="utf-8")
    assert bashrc.startswith("# mine\n") and f"source '{script}'" in bashrc


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(flag: str) -> None:
    result = _planctl(flag)
    assert (result.returncode, result.stdout) == (0, f"planctl {__version__}\n")

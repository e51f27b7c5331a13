"""The docs say what the code does: the generated references are current, the README's commands work
and CI runs its quickstart."""

from __future__ import annotations

from pathlib import Path

from planctl.cli import reference as commands
from planctl.model import reference as fields
from tests.conftest import REPO

README = REPO / "README.md"
DOCS = REPO / "docs"
PLAN_FORMAT = DOCS / "plan-format.md"
COMMANDS = DOCS / "commands.md"
# each generated part: the file it lives in, its markers, and the function that writes it
GENERATED = [
    (PLAN_FORMAT, fields.START, fields.END, fields.fields_markdown),
    (COMMANDS, commands.START, commands.END, commands.commands_markdown),
]
STALE = "is stale: run python -c 'import tests.test_docs as t; t.regenerate()'"


def _generated_part(path: Path, start: str, end: str) -> tuple[str, int, int]:
    text = path.read_text(encoding="utf-8")
    return text, text.index(start), text.index(end) + len(end)


def test_field_reference_matches_the_model() -> None:
    text, start, end = _generated_part(PLAN_FORMAT, fields.START, fields.END)
    assert text[start:end] == fields.fields_markdown(), f"docs/plan-format.md {STALE}"


def test_command_reference_matches_the_app() -> None:
    text, start, end = _generated_part(COMMANDS, commands.START, commands.END)
    assert text[start:end] == commands.commands_markdown(), f"docs/commands.md {STALE}"


def test_command_reference_has_every_command_with_its_options_and_examples() -> None:
    from planctl.cli.app import app

    reference = commands.commands_markdown()
    names = [c.name for c in app.registered_commands]
    assert names and all(f"\n## planctl {name}\n" in reference for name in names)
    assert "- `-f, --format <text|json|github>`: Output format. [default: text]" in reference
    assert "```sh\nplanctl calendar                             # every event of every plan\n" in reference
    assert "[bold]" not in reference and "[dim]" not in reference


def regenerate() -> None:
    """Rewrite the generated parts of docs/plan-format.md and docs/commands.md."""
    for path, start_marker, end_marker, generate in GENERATED:
        text, start, end = _generated_part(path, start_marker, end_marker)
        path.write_text(text[:start] + generate() + text[end:], encoding="utf-8")


def _code_blocks(text: str, language: str) -> list[str]:
    blocks, inside, current = [], False, []
    for line in text.splitlines():
        if line.startswith("```"):
            if inside:
                blocks.append("\n".join(current))
                inside, current = False, []
            elif line.strip() == f"```{language}":
                inside = True
            continue
        if inside:
            current.append(line)
    return blocks


def test_plan_format_example_is_a_valid_plan() -> None:
    from planctl.api import check_text

    example = next(b for b in _code_blocks(PLAN_FORMAT.read_text(encoding="utf-8"), "yaml") if "kind:" in b)
    result = check_text(example, "example.yaml")
    assert result.ok, result.diagnostics


def test_readme_commands_run(run_cli, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every `planctl ...` line of the README's sh blocks runs on the shipped plans without a usage error."""
    import shlex

    monkeypatch.chdir(REPO)
    readme = README.read_text(encoding="utf-8")
    commands = [
        line.split("#")[0].strip()
        for block in _code_blocks(readme, "sh")
        for line in block.splitlines()
        if line.startswith("planctl ")
    ]
    assert commands
    for command in commands:
        args = shlex.split(command)[1:]
        if "-o" in args:  # write generated files to a scratch place, not over the repo
            i = args.index("-o") + 1
            args[i] = str(tmp_path / args[i].replace("/", "_"))
        result = run_cli(*args)
        assert result.exit_code == 0, (command, str(result))


def test_ci_runs_the_readme_quickstart_with_ci_set() -> None:
    readme = README.read_text(encoding="utf-8")
    quickstart = readme[readme.index("## Quickstart") : readme.index("\n## ", readme.index("## Quickstart") + 1)]
    commands = [block.strip() for block in _code_blocks(quickstart, "sh")]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert len(commands) == 2
    assert all(command in ci for command in commands), "README's quickstart and .ci/run differ"
    assert "export CI=true" in ci

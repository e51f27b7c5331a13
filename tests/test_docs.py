"""The docs say what the code does: the field reference is current, the README's commands work."""

from __future__ import annotations

from planctl.model.reference import END, START, fields_markdown
from tests.conftest import REPO

PLAN_FORMAT = REPO / "docs" / "plan-format.md"


def test_field_reference_matches_the_model() -> None:
    text = PLAN_FORMAT.read_text(encoding="utf-8")
    current = text[text.index(START) : text.index(END) + len(END)]
    assert current == fields_markdown(), (
        "docs/plan-format.md is stale: run python -c 'import tests.test_docs as t; t.regenerate()'"
    )


def regenerate() -> None:
    """Rewrite the generated part of docs/plan-format.md."""
    text = PLAN_FORMAT.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    PLAN_FORMAT.write_text(text[:start] + fields_markdown() + text[end:], encoding="utf-8")


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
    readme = (REPO / "README.md").read_text(encoding="utf-8")
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
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quickstart = readme[readme.index("## Quickstart") : readme.index("\n## ", readme.index("## Quickstart") + 1)]
    commands = [block.strip() for block in _code_blocks(quickstart, "sh")]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert len(commands) == 2
    assert all(command in ci for command in commands), "README's quickstart and .ci/run differ"
    assert "export CI=true" in ci

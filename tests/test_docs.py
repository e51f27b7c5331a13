"""The docs say what the code does: the generated references are current, the commands shown work, the
links lead somewhere, and the README stays a front door that CI follows."""

from __future__ import annotations

import re
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


def _named_plans(page: Path) -> dict[str, str]:
    """The plans a page shows, by the file name the line before each names (`plans/x.yaml`:)."""
    named = re.findall(r"`(plans/[\w.-]+\.yaml)`:\n\n```yaml\n(.*?)\n```", page.read_text(encoding="utf-8"), re.S)
    return dict(named)


def test_every_plan_example_is_named_by_its_file() -> None:
    shown = [b for b in _code_blocks(PLAN_FORMAT.read_text(encoding="utf-8"), "yaml") if "\nkind:" in b]
    assert sorted(shown) == sorted(_named_plans(PLAN_FORMAT).values())


def test_plan_format_examples_validate_as_a_user_saves_them(run_cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each plan under the name the page gives it, in a repository of its own, with the schema its modeline names."""
    examples = _named_plans(PLAN_FORMAT)
    assert len(examples) == 3  # a strategy, the plan that implements it, an action plan
    for name, text in examples.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate")
    assert (result.exit_code, result.stdout) == (0, "All 3 plan files valid.\n"), result
    assert run_cli("validate", "plans/strategy-2017-2021.yaml").exit_code == 0  # the strategy stands alone


def test_the_action_plan_example_shows_an_indicator_and_a_deadline() -> None:
    from planctl.api import check_text

    [example] = [text for name, text in _named_plans(PLAN_FORMAT).items() if "action-plan" in name]
    result = check_text(example, "example.yaml")
    assert result.ok and result.plan is not None, result.diagnostics
    action = result.plan.goals[0].actions[0]
    assert action.indicators and action.deadline is not None and action.deadline.event == "msp20"


def test_commands_shown_in_the_readme_and_guide_run(run_cli, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every `planctl ...` line of their sh blocks runs on the shipped plans without a usage error."""
    import shlex

    monkeypatch.chdir(REPO)
    for page in (README, DOCS / "guide.md"):
        commands = [
            line.split("#")[0].strip()
            for block in _code_blocks(page.read_text(encoding="utf-8"), "sh")
            for line in block.splitlines()
            if line.startswith("planctl ")
        ]
        assert commands, page
        for n, command in enumerate(commands):
            args = shlex.split(command)[1:]
            if "-o" in args:  # write generated files to a scratch place of their own, not over the repo
                i = args.index("-o") + 1
                args[i] = str(tmp_path / f"{page.stem}-{n}-{args[i].replace('/', '_')}")
            if args[0] == "init":  # so is a new repository
                args[1] = str(tmp_path / f"{page.stem}-{n}-{args[1]}")
            result = run_cli(*args)
            assert result.exit_code == 0, (page.name, command, str(result))


def test_readme_is_a_front_door_that_links_every_page() -> None:
    readme = README.read_text(encoding="utf-8")
    assert len(readme.encode()) <= 10_000, "README.md is over 10 KB: move the detail to a page under docs/"
    for page in sorted(DOCS.glob("*.md")):
        assert f"](docs/{page.name})" in readme, f"README.md does not link docs/{page.name}"


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_links_between_the_docs_lead_somewhere() -> None:
    for page in [README, *sorted(DOCS.glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):  # https: and the like
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            assert linked.exists(), f"{page.name} links {target}: no such file"
            if anchor:
                headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), flags=re.M)
                assert anchor in {_slug(h) for h in headings}, f"{page.name} links {target}: no such heading"


def test_ci_runs_the_readme_quickstart_with_ci_set() -> None:
    readme = README.read_text(encoding="utf-8")
    quickstart = readme[readme.index("## Quickstart") : readme.index("\n## ", readme.index("## Quickstart") + 1)]
    commands = [block.strip() for block in _code_blocks(quickstart, "sh")]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert len(commands) == 2
    assert all(command in ci for command in commands), "README's quickstart and .ci/run differ"
    assert "export CI=true" in ci

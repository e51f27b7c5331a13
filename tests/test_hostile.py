"""Hostile input: whatever a file holds or is, planctl answers with a clear message and an exit code.

Small hostile files live in tests/cases/ (merge keys, lone surrogates, huge numbers, UTF-16, CRLF,
%YAML directives...); here are the ones that must be generated, or be something other than a file.
Speed and memory of the bounded cases (alias bombs) are measured by benchmarks/run.py, not here.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CASES, REPO, RunCli

VALID = CASES / "valid" / "full-shape.yaml"
STANDALONE = CASES / "valid" / "minimal.yaml"  # links to no other plan, so valid alone in a folder
MINIMAL = CASES / "valid" / "minimal.yaml"


def _planctl(*args: str, timeout: float = 30, prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """planctl in a process of its own: a crash shows as a negative return code, a hang as a timeout."""
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "planctl", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={
            "NO_COLOR": "1",
            "PATH": "/usr/bin:/bin",
            "HOME": "/",
            "PLANCTL_CACHE_DIR": os.environ["PLANCTL_CACHE_DIR"],
        },
        check=False,
    )


def _problems(result_stdout: str) -> list[dict[str, object]]:
    problems: list[dict[str, object]] = json.loads(result_stdout)["problems"]
    return problems


# --- bombs and depth -------------------------------------------------------------------------------


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_stopped_with_a_clear_error(run_cli: RunCli, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")  # 10^9 values once expanded
    result = run_cli("validate", bomb)
    assert result.exit_code == 1, result
    assert "error[alias-bomb]: aliases in the document expand to more than 1,000,000 values" in result.stdout


def test_a_wide_alias_bomb_in_one_mapping_is_stopped(run_cli: RunCli, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    items = ", ".join(["*big"] * 2_000)
    bomb.write_text(f"big: &big [{', '.join(['x'] * 1_000)}]\nall: [{items}]\n", encoding="utf-8")
    result = run_cli("validate", bomb)
    assert result.exit_code == 1, result
    assert "error[alias-bomb]" in result.stdout


DEEP = {
    "flow-sequence": "[" * 30_000 + "]" * 30_000 + "\n",
    "flow-mapping": "{a: " * 30_000 + "1" + "}" * 30_000 + "\n",
    "block-sequence": "- " * 30_000 + "x\n",
    "block-in-flow": "a:\n  - " + "[" * 30_000 + "]" * 30_000 + "\n",
}


@pytest.mark.parametrize("style", DEEP)
def test_nesting_30000_deep_does_not_crash_the_parser(style: str, tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text(DEEP[style], encoding="utf-8")
    result = _planctl("validate", str(deep))
    assert result.returncode == 1, result  # -11 would be the segfault the C loader is known for
    assert "error[too-deep]: the document is nested more than 100 levels deep" in result.stdout
    assert "Traceback" not in result.stderr


# --- text that must be shown, never obeyed ---------------------------------------------------------

HOSTILE = "[bold]X[/bold] [link=https://e.vil]click[/link] \x1b[31mred\x07 \x9b2J \u202eevil"


@pytest.fixture
def hostile_plan(tmp_path: Path) -> Path:
    plan = tmp_path / "hostile.yaml"
    escaped = json.dumps(HOSTILE)  # a JSON string is a YAML double-quoted scalar: escapes included
    plan.write_text(VALID.read_text(encoding="utf-8").replace("[Norway]", f"[{escaped}]"), encoding="utf-8")
    return plan


def test_hostile_text_is_escaped_in_text_output(run_cli: RunCli, hostile_plan: Path) -> None:
    result = run_cli("validate", hostile_plan)
    assert result.exit_code == 1, result
    line = next(line for line in result.stdout.splitlines() if "unknown-country" in line)
    assert (
        "unknown country '[bold]X[/bold] [link=https://e.vil]click[/link] \\x1b[31mred\\x07 \\x9b2J \\u202eevil'"
        in line
    )
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in result.stdout + result.stderr


def test_hostile_text_is_escaped_in_json_output(run_cli: RunCli, hostile_plan: Path) -> None:
    result = run_cli("validate", "--format", "json", hostile_plan)
    assert result.exit_code == 1, result
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in result.stdout
    [problem] = [p for p in _problems(result.stdout) if p["code"] == "unknown-country"]
    assert problem["message"] == f"unknown country {HOSTILE!r}"  # the data itself is exact


def test_hostile_text_is_escaped_in_diff_json(run_cli: RunCli, tmp_path: Path) -> None:
    edited = tmp_path / "edited.yaml"
    text = VALID.read_text(encoding="utf-8").replace("text: Write letters.", f"text: {json.dumps(HOSTILE)}")
    edited.write_text(text, encoding="utf-8")
    result = run_cli("diff", VALID, edited, "--format", "json")
    assert result.exit_code == 1, result
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in result.stdout
    [change] = json.loads(result.stdout)["plans"][0]["changes"]
    assert change["new"]["text"] == HOSTILE  # the data itself is exact


def test_hostile_text_is_escaped_in_github_output(run_cli: RunCli, hostile_plan: Path) -> None:
    result = run_cli("validate", "--format", "github", hostile_plan)
    assert result.exit_code == 1, result
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in result.stdout
    assert "[link=https://e.vil]click[/link]" in result.stdout


def test_file_names_that_are_not_utf8_or_hold_escapes_are_shown_escaped(run_cli: RunCli, tmp_path: Path) -> None:
    name = os.fsdecode(b"odd-\xff-\x1b[31m.yaml")  # \xff becomes the lone surrogate \udcff
    shutil.copy(CASES / "invalid" / "unknown-country.yaml", tmp_path / name)
    text = run_cli("validate", tmp_path)
    assert text.exit_code == 1, text
    assert "odd-\\udcff-\\x1b[31m.yaml:15:27: error[unknown-country]" in text.stdout
    github = run_cli("validate", "--format", "github", tmp_path)
    assert "file=" + str(tmp_path) + "/odd-\\udcff-\\x1b[31m.yaml" in github.stdout
    as_json = run_cli("validate", "--format", "json", tmp_path)
    assert "\x1b" not in as_json.stdout
    [problem] = _problems(as_json.stdout)
    assert os.fsencode(str(problem["file"])) == os.fsencode(str(tmp_path / name))  # the exact name, round-tripped


def test_listing_renderers_escape_hostile_text() -> None:
    from rich.console import Console

    from planctl.query.listing import Column, Listing
    from planctl.render.listing import RENDERERS

    listing = Listing([Column("title", "Title")], title=HOSTILE)
    listing.add(title=HOSTILE)
    console = Console(width=400, no_color=True, record=True, file=io.StringIO())
    console.print(RENDERERS["table"](listing))
    outputs = {
        "table": console.export_text(),
        "json": RENDERERS["json"](listing),
        "csv": RENDERERS["csv"](listing),
        "markdown": RENDERERS["markdown"](listing),
    }
    for fmt, out in outputs.items():
        for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert raw not in out, fmt
    assert outputs["table"].count("[bold]X[/bold] [link=https://e.vil]click[/link]") == 2  # title and cell
    assert json.loads(outputs["json"]) == [{"title": HOSTILE}]


# --- things that are not plain files ---------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
def test_a_fifo_among_plans_never_blocks(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")  # nobody ever writes to it: opening it for reading would block
    shutil.copy(STANDALONE, tmp_path / "good.yaml")
    result = _planctl("validate", str(tmp_path), timeout=30)
    assert result.returncode == 2, result
    assert "pipe.yaml: error[unreadable]: not a regular file" in result.stdout


def test_symlink_loops_in_a_directory(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)  # a directory cycle
    shutil.copy(STANDALONE, tmp_path / "good.yaml")
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 2, result
    assert "loop.yaml: error[unreadable]: cannot read: Too many levels of symbolic links" in result.stdout
    assert "Found 1 problem in 1 of 2 plan files." in result.stdout  # the cycle is not followed


def test_a_directory_named_like_a_plan(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    shutil.copy(STANDALONE, tmp_path / "good.yaml")
    assert run_cli("validate", tmp_path).exit_code == 0  # skipped, not read
    alone = run_cli("validate", tmp_path / "x.yaml")
    assert alone.exit_code == 2, alone
    assert "x.yaml: no plan files (*.yaml, *.yml) in this directory" in alone.stderr


def test_a_file_over_the_default_size_cap_is_not_read(run_cli: RunCli, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(6 * 1024 * 1024)  # sparse: cheap to make, and binary if it were read
    result = run_cli("validate", big)
    assert result.exit_code == 1, result
    assert "error[too-large]: file is 6,291,456 bytes, over the limit of 5,242,880" in result.stdout


def test_a_generous_max_bytes_does_not_allocate_it(run_cli: RunCli) -> None:
    result = run_cli("validate", "--max-bytes", str(1 << 60), MINIMAL)  # an exabyte buffer would fail
    assert result.exit_code == 0, result


def test_an_unreadable_file(run_cli: RunCli, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    shutil.copy(VALID, secret)
    secret.chmod(0o000)
    if os.geteuid() == 0:  # root reads anything: run planctl as root without the capabilities that allow it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv(1): no way to make a file unreadable")
        result = _planctl("validate", str(secret), prefix=[setpriv, "--bounding-set=-dac_override,-dac_read_search"])
        code, out, err = result.returncode, result.stdout, result.stderr
    else:
        cli = run_cli("validate", secret)
        code, out, err = cli.exit_code, cli.stdout, cli.stderr
    assert code == 2, out + err
    assert "secret.yaml: error[unreadable]: cannot read: Permission denied" in out
    assert "Traceback" not in out + err


# --- long and large --------------------------------------------------------------------------------


def test_very_long_lines_give_short_messages(run_cli: RunCli, tmp_path: Path) -> None:
    plan = tmp_path / "long.yaml"
    name = "Atlantis" * 200_000  # a 1.6 MB country name on one line
    plan.write_text(VALID.read_text(encoding="utf-8").replace("[Norway]", f"[{name}]"), encoding="utf-8")
    result = run_cli("validate", "--format", "json", plan)
    assert result.exit_code == 1, result
    [problem] = _problems(result.stdout)
    assert problem["code"] == "unknown-country"
    assert len(str(problem["message"])) < 200


def test_a_long_prose_line_is_fine(run_cli: RunCli, tmp_path: Path) -> None:
    plan = tmp_path / "prose.yaml"
    prose = "word " * 800_000  # 4 MB of summary on one line
    plan.write_text(MINIMAL.read_text(encoding="utf-8") + f"summary: {prose.strip()}\n", encoding="utf-8")
    assert run_cli("validate", plan).exit_code == 0


def test_crlf_positions_match_lf_positions(run_cli: RunCli, tmp_path: Path) -> None:
    bad = CASES / "invalid" / "unknown-country.yaml"
    crlf = tmp_path / "crlf.yaml"
    crlf.write_bytes(bad.read_bytes().replace(b"\n", b"\r\n"))
    lf = run_cli("validate", bad).stdout.replace(str(bad), "F")
    assert run_cli("validate", crlf).stdout.replace(str(crlf), "F") == lf


def test_quoted_merge_key_is_an_ordinary_key(run_cli: RunCli, tmp_path: Path) -> None:
    plan = tmp_path / "quoted.yaml"
    plan.write_text(MINIMAL.read_text(encoding="utf-8") + '"<<": x\n', encoding="utf-8")
    result = run_cli("validate", plan)
    assert result.exit_code == 1, result
    assert "error[unknown-field]: unknown field '<<'" in result.stdout


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_unicode_line_separators_in_text_do_not_shift_positions(
    run_cli: RunCli, tmp_path: Path, separator: str
) -> None:
    """Text pasted from a word processor may hold U+2028 and kin: editors and git do not break lines
    there (libyaml does), so problems after one must still be reported on the line an editor shows."""
    bad = CASES / "invalid" / "unknown-country.yaml"
    pasted = tmp_path / "pasted.yaml"
    text = bad.read_text(encoding="utf-8").replace("title: T\n", f'title: "Tea{separator}and{separator}cake"\n')
    pasted.write_text(text, encoding="utf-8")
    expected = run_cli("validate", bad).stdout.replace(str(bad), "F")
    assert run_cli("validate", pasted).stdout.replace(str(pasted), "F") == expected
    syntax_error = tmp_path / "syntax.yaml"
    syntax_error.write_text(f'title: "a{separator}b"\nid: [x\n', encoding="utf-8")
    assert f"{syntax_error}:3:1: error[yaml-syntax]" in run_cli("validate", syntax_error).stdout


@pytest.mark.parametrize(
    "args",
    [
        ["validate", ""],
        ["fmt", ""],
        ["targets", "--plan", ""],
        ["calendar", "--plan", "", "-o", "out.txt"],
        ["diff", "plans/plan.yaml", ""],
        ["render", "", "-o", "plan.md"],
        ["render", "plans/plan.yaml", "-o", ""],
        ["schema", "-o", ""],
        ["new", "--from", ""],
    ],
    ids=lambda args: " ".join(a or "''" for a in args),
)
def test_an_empty_argument_is_refused_not_read_as_the_current_folder(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """`planctl fmt "$FILE"` with FILE unset must not reformat every plan under the current folder."""
    plans = tmp_path / "plans"
    plans.mkdir()
    plan = plans / "plan.yaml"
    untidy = STANDALONE.read_text(encoding="utf-8").replace("title: ", "title:    ", 1)
    plan.write_text(untidy, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args)
    assert result.exit_code == 2, result
    assert "empty" in result.stderr
    assert plan.read_text(encoding="utf-8") == untidy
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["plan.yaml", "plans"]

"""`planctl fmt`: one canonical layout; data and comments exactly kept; files written atomically or not at all."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planctl.files.yaml import parse_document
from planctl.fmt import FormatRefused, comment_texts, format_text, rt_yaml
from tests.conftest import CASES, PLANS, RunCli, examples

PLAN_2017 = PLANS / "2017.yaml"

MESSY = """\
# yaml-language-server: $schema=../schemas/plan.schema.json
# a plan written by hand{SP}
title:    Messy plan{SP}
kind: operational
id: "2019"   # quoted id
organisation: Org
period:
    end: 2019-12-31
    start: 2019-01-01
goals:
- title: Goal one
  id: "1"
  objectives:
  - id: 1A
        # about the title
    title: A long objective title that goes on and on well past eighty characters without a break
    activities:
        -   text: "Do it"
            id: a1
            countries: [Laos, Cambodia]   # flow list
            category: cat
categories:
- id: cat
  title: Category
calendar:
  - tentative: true
    title: Ev
    id: e1
    date: 2019-02-03



  - title: Month
    id: e2
    month: 2019-10
# the end
""".replace("{SP}", "   ")

CANONICAL = """\
# yaml-language-server: $schema=../schemas/plan.schema.json
# a plan written by hand
id: "2019"   # quoted id
title: Messy plan
organisation: Org
kind: operational
period:
  start: 2019-01-01
  end: 2019-12-31
categories:
  - id: cat
    title: Category
goals:
  - id: "1"
    title: Goal one
    objectives:
      - id: 1A
        # about the title
        title: A long objective title that goes on and on well past eighty characters without a break
        activities:
          - id: a1
            category: cat
            text: "Do it"
            countries: [Laos, Cambodia]   # flow list
calendar:
  - id: e1
    title: Ev
    date: 2019-02-03
    tentative: true

  - id: e2
    title: Month
    month: 2019-10
# the end
"""


def _data(text: str) -> Any:
    return parse_document(text, positions=False).data


def _assert_faithful(original: str, formatted: str) -> None:
    assert _data(formatted) == _data(original)
    assert comment_texts(formatted) == comment_texts(original)
    assert format_text(formatted) == formatted, "fmt twice differs from fmt once"
    assert not any(line != line.rstrip() for line in formatted.splitlines())
    assert formatted.endswith("\n") and not formatted.endswith("\n\n")


def test_messy_plan_gets_the_canonical_layout() -> None:
    formatted = format_text(MESSY)
    assert formatted == CANONICAL
    _assert_faithful(MESSY, formatted)


def test_the_shipped_plan_is_canonical_and_faithful() -> None:
    text = PLAN_2017.read_text(encoding="utf-8")
    assert format_text(text) == text
    assert len(comment_texts(text)) > 4  # it has comments to lose: the test can fail


def _mess_up(text: str) -> str:
    """The 2017 plan with every mapping's keys reversed, other indentation, folded lines, trailing spaces."""
    from ruamel.yaml.comments import CommentedMap

    yaml = rt_yaml()
    tree = yaml.load(text)

    def reverse(node: Any) -> None:
        if isinstance(node, CommentedMap):
            for key in reversed(list(node)):
                node.move_to_end(key)
            for value in node.values():
                reverse(value)
        elif isinstance(node, list):
            for value in node:
                reverse(value)

    reverse(tree)
    yaml.indent(mapping=4, sequence=2, offset=0)
    yaml.width = 60
    import io

    out = io.StringIO()
    yaml.dump(tree, out)
    key_only = re.compile(r"^ *(- )?[a-z_]+:$")  # never a line of prose, where trailing spaces are content
    return "\n".join(line + "  " if key_only.match(line) else line for line in out.getvalue().split("\n"))


def test_a_messed_up_2017_plan_comes_back_faithfully() -> None:
    original = PLAN_2017.read_text(encoding="utf-8")
    messy = _mess_up(original)
    assert messy != original and _data(messy) == _data(original)
    formatted = format_text(messy)
    _assert_faithful(messy, formatted)
    assert formatted.splitlines()[0] == original.splitlines()[0]  # the yaml-language-server line stays first
    assert list(_data(formatted)) == list(_data(original))  # keys in the model's order again
    assert max(len(line) for line in formatted.splitlines()) > 500  # folded prose is one line again


# --- synthetic messy inputs -----------------------------------------------------------------------

KEYS = ["id", "title", "text", "goals", "objectives", "activities", "calendar", "date", "tentative", "period"]
KEYS += ["start", "end", "countries", "notes", "x_unknown", "zeta"]
WORDS = st.text(alphabet="abcXYZ019 #:'\"-é", min_size=1, max_size=12)
SCALARS = st.one_of(WORDS, st.integers(-5, 3000), st.booleans(), st.none(), st.just("2017-02-30"), st.just("NO"))


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        # as in plans: no list directly inside a list, no empty list item (ruamel loses comments around
        # `- null`: fmt refuses such files, see test_refuses_what_it_cannot_rewrite_faithfully)
        st.lists(children.filter(lambda c: c is not None and not isinstance(c, list)), min_size=1, max_size=3),
        st.dictionaries(st.sampled_from(KEYS), children, min_size=1, max_size=4),
    )


DOCS = st.dictionaries(st.sampled_from(KEYS), st.recursive(SCALARS, _containers, max_leaves=12), min_size=1)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    from planctl.files.yaml import resolve_plain

    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 -]*[A-Za-z0-9]", value) and isinstance(resolve_plain(value), str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _emit(value: Any, indent: int, draw: Any, lines: list[str], prefix: str) -> None:
    """Write `value` as block YAML with random indentation, comments, blank lines and trailing spaces."""
    step = draw(st.integers(2, 4))

    def noise() -> str:
        return " " * draw(st.integers(0, 2)) + (f"  # c{draw(st.integers(0, 9))}" if draw(st.booleans()) else "")

    def extra_lines() -> None:
        if draw(st.integers(0, 4)) == 0:
            lines.append(" " * draw(st.integers(0, 8)) + f"# full {draw(st.integers(0, 9))}")
        if draw(st.integers(0, 4)) == 0:
            lines.append("")

    items = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
    for n, (key, child) in enumerate(items):
        head = (prefix if n == 0 else " " * indent) + (f"{key}:" if isinstance(value, dict) else "-")
        if n:
            extra_lines()
        if not isinstance(child, (dict, list)):
            lines.append(f"{head} {_scalar(child)}{noise()}")
        elif (
            isinstance(child, list)
            and isinstance(value, dict)
            and draw(st.booleans())
            and all(not isinstance(c, (dict, list)) for c in child)
        ):
            lines.append(f"{head} [{', '.join(_scalar(c) for c in child)}]{noise()}")
        elif isinstance(value, list):
            _emit(child, indent + 2, draw, lines, (prefix if n == 0 else " " * indent) + "- ")
        else:
            lines.append(head + noise())
            inner = indent + (0 if isinstance(child, list) and draw(st.booleans()) else step)
            _emit(child, inner, draw, lines, " " * inner)


@st.composite
def messy_documents(draw: Any) -> str:
    lines = ["# yaml-language-server: $schema=../schemas/plan.schema.json"] if draw(st.booleans()) else []
    _emit(draw(DOCS), 0, draw, lines, "")
    return "\n".join(lines) + "\n" * draw(st.integers(0, 3))


@pytest.mark.slow
@settings(max_examples=examples(150), deadline=None)
@given(messy_documents())
def test_fmt_keeps_data_and_comments_of_any_messy_plan_shaped_file(text: str) -> None:
    formatted = format_text(text)
    _assert_faithful(text, formatted)
    if text.startswith("# yaml-language-server"):
        assert formatted.startswith("# yaml-language-server")


# --- refusals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("id: a\nlist: [a, b\n", "yaml-syntax", 3),
        ("id: a\nid: b\n", "duplicate-key", 2),
        ("id: a\nlist: [a, # inside a flow list\n  b]\n", "fmt-unfaithful", 2),
        ("id: !!python/object:os.system x\n", "unknown-tag", 1),
        ("# only a comment\n", "empty", 0),
        ("notes:\n  - null  # ruamel drops this comment on the second pass\n", "fmt-unstable", 0),
    ],
)
def test_refuses_what_it_cannot_rewrite_faithfully(text: str, code: str, line: int) -> None:
    with pytest.raises(FormatRefused) as caught:
        format_text(text)
    assert (caught.value.code, caught.value.line) == (code, line)


def test_refused_file_is_left_byte_identical_with_a_clear_message(run_cli: RunCli, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    original = b"id: a\ntitle:   x\nlist: [a, # a comment fmt cannot keep\n  b]\n"
    plan.write_bytes(original)
    result = run_cli("fmt", plan)
    assert result.exit_code == 1, result
    assert plan.read_bytes() == original
    assert f"{plan}:3:1: error[fmt-unfaithful]: formatting would drop the comment" in result.stdout
    assert "file left as it was" in result.stdout
    assert "1 file could not be formatted." in result.stdout


def test_invalid_yaml_is_refused_with_its_position(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copy(CASES / "invalid" / "duplicate-key.yaml", tmp_path / "dup.yaml")
    before = (tmp_path / "dup.yaml").read_bytes()
    result = run_cli("fmt", tmp_path / "dup.yaml")
    assert result.exit_code == 1, result
    assert "error[duplicate-key]" in result.stdout
    assert (tmp_path / "dup.yaml").read_bytes() == before


# --- the command --------------------------------------------------------------------------------


@pytest.fixture
def messy_dir(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "messy.yaml").write_text(MESSY, encoding="utf-8")
    shutil.copy(PLAN_2017, tmp_path / "plans" / "2017.yaml")
    return tmp_path / "plans"


def test_shipped_plans_pass_check(run_cli: RunCli) -> None:
    result = run_cli("fmt", "--check", PLANS)
    assert result.exit_code == 0, result
    assert "already formatted" in result.stdout


def test_check_lists_files_that_would_change_and_changes_nothing(run_cli: RunCli, messy_dir: Path) -> None:
    messy = messy_dir / "messy.yaml"
    stat_before = messy.stat()
    result = run_cli("fmt", "--check", messy_dir)
    assert result.exit_code == 1, result
    assert result.stdout == f"would reformat {messy}\n1 file would be reformatted, 1 file already formatted.\n"
    assert messy.read_text(encoding="utf-8") == MESSY
    assert messy.stat().st_mtime_ns == stat_before.st_mtime_ns


def test_fmt_rewrites_keeping_the_mode_then_has_nothing_to_do(run_cli: RunCli, messy_dir: Path) -> None:
    messy = messy_dir / "messy.yaml"
    messy.chmod(0o640)
    result = run_cli("fmt", messy_dir)
    assert result.exit_code == 0, result
    assert result.stdout == f"reformatted {messy}\n1 file reformatted, 1 file left unchanged.\n"
    assert messy.read_text(encoding="utf-8") == CANONICAL
    assert stat.S_IMODE(messy.stat().st_mode) == 0o640
    assert sorted(p.name for p in messy_dir.iterdir()) == ["2017.yaml", "messy.yaml"]  # no temporary files left
    again = run_cli("fmt", messy_dir)
    assert again.exit_code == 0, again
    assert again.stdout == "2 files already formatted.\n"


def test_a_failed_write_leaves_the_original_byte_identical(
    run_cli: RunCli, messy_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messy = messy_dir / "messy.yaml"
    before = messy.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = run_cli("fmt", messy)
    assert result.exit_code == 2, result
    assert "error[unwritable]: cannot write: No space left on device" in result.stdout
    assert messy.read_bytes() == before
    assert sorted(p.name for p in messy_dir.iterdir()) == ["2017.yaml", "messy.yaml"]


def test_a_symlinked_plan_is_formatted_through_the_link(run_cli: RunCli, messy_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.yaml"
    (messy_dir / "messy.yaml").rename(target)
    (messy_dir / "messy.yaml").symlink_to(target)
    assert run_cli("fmt", messy_dir / "messy.yaml").exit_code == 0
    assert (messy_dir / "messy.yaml").is_symlink()
    assert target.read_text(encoding="utf-8") == CANONICAL


def test_diff_prints_a_patch_and_writes_nothing(run_cli: RunCli, messy_dir: Path) -> None:
    messy = messy_dir / "messy.yaml"
    result = run_cli("fmt", "--diff", messy)
    assert result.exit_code == 1, result
    assert result.stdout.startswith(f"--- {messy}\n+++ {messy}\n@@ ")
    assert "-title:    Messy plan   \n" in result.stdout and "+title: Messy plan\n" in result.stdout
    assert result.stderr == f"would reformat {messy}\n1 file would be reformatted.\n"
    assert messy.read_text(encoding="utf-8") == MESSY
    assert run_cli("fmt", "--diff", PLAN_2017).stdout == ""


def test_json_lists_every_file_with_its_status(run_cli: RunCli, messy_dir: Path) -> None:
    (messy_dir / "broken.yaml").write_text("id: [a\n", encoding="utf-8")
    result = run_cli("fmt", "--check", "--format", "json", messy_dir)
    assert result.exit_code == 1, result
    payload = json.loads(result.stdout)
    assert [(Path(f["file"]).name, f["status"]) for f in payload["files"]] == [
        ("2017.yaml", "unchanged"),
        ("broken.yaml", "refused"),
        ("messy.yaml", "would-reformat"),
    ]
    assert payload["files"][1]["problem"]["code"] == "yaml-syntax"
    assert (payload["changed"], payload["failed"]) == (1, 1)


def test_missing_file_is_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("fmt", tmp_path / "nope.yaml")
    assert result.exit_code == 2, result
    assert "nope.yaml: no such file or directory" in result.stderr


def test_diff_and_json_together_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("fmt", "--diff", "--format", "json", PLAN_2017)
    assert result.exit_code == 2, result
    assert "--diff prints a patch" in result.stderr


def test_a_comment_stays_above_the_key_it_describes(tmp_path: Path) -> None:
    """Reordering must not leave a comment above another key: such a mapping keeps its order."""
    from planctl.fmt import format_text

    messy = (
        "id: x\ntitle: T\norganisation: O\nkind: operational\n"
        "period:\n  # ends early this year\n  end: 2017-12-31\n  start: 2017-01-01\n"
        'goals:\n  - title: G\n    # goal ids follow the strategy\n    id: "1"\n  - title: H\n    id: "2"\n'
    )
    out = format_text(messy)
    assert "  # ends early this year\n  end: 2017-12-31\n" in out
    assert '    # goal ids follow the strategy\n    id: "1"\n' in out
    assert '  - id: "2"\n    title: H\n' in out  # a mapping without such a comment is still reordered

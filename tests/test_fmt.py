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
from planctl.fmt import FormatRefused, comment_texts, format_text
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
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
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
        ("id: a\ntitle:\n  # between a key and its value\n  x\n", "cannot-format", 3),
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
    assert f"{plan}:3:11: error[fmt-unfaithful]: formatting would drop the comment" in result.stdout
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


def test_a_link_to_a_plan_in_the_same_folder_is_formatted_through(run_cli: RunCli, messy_dir: Path) -> None:
    target = messy_dir / "real" / "messy.yaml"
    target.parent.mkdir()
    (messy_dir / "messy.yaml").rename(target)
    (messy_dir / "messy.yaml").symlink_to(target)
    result = run_cli("fmt", messy_dir / "messy.yaml")
    assert result.exit_code == 0, result
    assert (messy_dir / "messy.yaml").is_symlink()
    assert target.read_text(encoding="utf-8") == CANONICAL


@pytest.mark.parametrize("named", ["folder", "file"])
def test_a_link_to_a_file_outside_the_folder_is_never_written(
    run_cli: RunCli, messy_dir: Path, tmp_path: Path, named: str
) -> None:
    outside = tmp_path / "kube" / "config.yaml"  # not a plan: someone's configuration, reordered by fmt
    outside.parent.mkdir()
    outside.write_text(MESSY, encoding="utf-8")
    link = messy_dir / "linked.yaml"
    link.symlink_to(outside)
    result = run_cli("fmt", messy_dir if named == "folder" else link)
    assert result.exit_code == 2, result
    assert outside.read_text(encoding="utf-8") == MESSY
    assert f"{link}: error[symlink-outside]: is a symbolic link to {outside}, outside " in result.stdout
    assert f"{outside}, outside " in result.stdout and "; file left as it was" in result.stdout
    if named == "folder":  # the other files are formatted all the same
        assert (messy_dir / "messy.yaml").read_text(encoding="utf-8") == CANONICAL
    check = run_cli("fmt", "--check", link)  # reading through the link is harmless
    assert check.exit_code == 1 and f"would reformat {link}" in check.stdout, check


def test_a_link_outside_the_folder_but_inside_its_repository_is_formatted(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "plans").mkdir()
    (tmp_path / "shared").mkdir()
    target = tmp_path / "shared" / "messy.yaml"
    target.write_text(MESSY, encoding="utf-8")
    (tmp_path / "plans" / "messy.yaml").symlink_to(target)
    result = run_cli("fmt", tmp_path / "plans")
    assert result.exit_code == 0, result
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


def test_a_comment_moves_with_the_key_it_describes() -> None:
    messy = (
        "id: x\ntitle: T\norganisation: O\nkind: operational\n"
        "period:\n  # ends early this year\n  end: 2017-12-31\n  start: 2017-01-01\n"
        'goals:\n  - title: G\n    # goal ids follow the strategy\n    id: "1"\n  - title: H\n    id: "2"\n'
    )
    assert format_text(messy) == (
        "id: x\ntitle: T\norganisation: O\nkind: operational\n"
        "period:\n  start: 2017-01-01\n  # ends early this year\n  end: 2017-12-31\n"
        'goals:\n  -\n    # goal ids follow the strategy\n    id: "1"\n    title: G\n  - id: "2"\n    title: H\n'
    )


# --- issue 13: the three ways comments used to drift from their keys ------------------------------


def test_a_comment_after_a_block_scalar_stays_with_the_next_key() -> None:
    messy = (
        'goals:\n  - text: |\n      Ratify the treaty.\n    # number agreed at the 2016 meeting\n    id: "1"\n'
        '  - text: >\n      Clear the land.\n    id: "2"\n'
    )
    assert format_text(messy) == (
        'goals:\n  -\n    # number agreed at the 2016 meeting\n    id: "1"\n    text: |\n      Ratify the treaty.\n'
        '  - id: "2"\n    text: >\n      Clear the land.\n'
    )


def test_a_comment_after_a_nested_list_ending_in_a_flow_list_moves_with_its_key() -> None:
    messy = (
        "goals:\n  - objectives:\n      - id: 1A\n        activities:\n          - text: Do it\n"
        '            id: a1\n            key_dates: [e1]\n    # agreed in 2016\n    id: "1"\n'
        "calendar:\n  - id: e1\n    title: Meeting\n    date: 2017-05-01\n"
    )
    assert format_text(messy) == (
        'goals:\n  -\n    # agreed in 2016\n    id: "1"\n    objectives:\n      - id: 1A\n        activities:\n'
        "          - id: a1\n            text: Do it\n            key_dates: [e1]\n"
        "calendar:\n  - id: e1\n    title: Meeting\n    date: 2017-05-01\n"
    )


def test_a_comment_above_the_key_moved_first_stays_above_it() -> None:
    messy = 'title: Plan\n# the id must match the file name\nid: "2019"\norganisation: Org\n'
    assert format_text(messy) == '# the id must match the file name\nid: "2019"\ntitle: Plan\norganisation: Org\n'


def test_comments_above_a_blank_line_at_the_top_describe_the_file_and_stay() -> None:
    messy = "# Operational plan, as agreed\n\n# the title as printed\ntitle: Plan\nid: x\n"
    assert format_text(messy) == "# Operational plan, as agreed\n\nid: x\n# the title as printed\ntitle: Plan\n"


def test_an_end_of_line_comment_stays_on_its_line() -> None:
    messy = (
        'goals:\n  - title: G   # as printed\n    id: "1"  # from the strategy\n    objectives:  # none yet\n      []\n'
    )
    assert format_text(messy) == (
        'goals:\n  - id: "1"  # from the strategy\n    title: G   # as printed\n    objectives:  # none yet\n      []\n'
    )


# --- issue 13: what fmt keeps as written ----------------------------------------------------------


def test_directives_and_document_markers_are_kept() -> None:
    messy = "%YAML 1.1\n--- # the plan\ntitle: T\nid: x\n...\n# after the document\n"
    assert format_text(messy) == "%YAML 1.1\n--- # the plan\nid: x\ntitle: T\n...\n# after the document\n"
    assert format_text("---\ntitle: T\nid: x\n") == "---\nid: x\ntitle: T\n"


# spaces other than U+0020 (Zs), zero-width and format characters (Cf, bidi controls among them),
# controls (Cc), private use (Co), line and paragraph separators (Zl, Zp)
INVISIBLE = ["\\u00a0", "\\u3000", "\\u200b", "\\u00ad", "\\u202e", "\\u2066", "\\uFEFF", "\\t", "\\x07"]
INVISIBLE += ["\\x85", "\\ue000", "\\u2028", "\\u2029", "\\N", "\\_"]


@pytest.mark.parametrize("escape", INVISIBLE)
def test_escaped_invisible_characters_stay_escaped(escape: str) -> None:
    messy = f'title: "a{escape}b"\nid: x\ntext: "one\n  two{escape}"\n'
    formatted = format_text(messy)
    assert formatted == f'id: x\ntitle: "a{escape}b"\ntext: "one two{escape}"\n'
    assert _data(formatted) == _data(messy)


def test_anchors_and_aliases_are_kept_where_the_order_allows() -> None:
    messy = "period: &p\n  end: 2017-12-31\n  start: 2017-01-01\nid: x\nx_copy: *p\n"
    assert format_text(messy) == "id: x\nperiod: &p\n  start: 2017-01-01\n  end: 2017-12-31\nx_copy: *p\n"


# --- issue 13: files fmt must not replace --------------------------------------------------------


def test_a_read_only_plan_is_refused_and_left_alone(run_cli: RunCli, messy_dir: Path) -> None:
    messy = messy_dir / "messy.yaml"
    messy.chmod(0o444)  # the tests run as root, who could write it: fmt must go by the mode
    result = run_cli("fmt", messy_dir)
    assert result.exit_code == 2, result
    assert f"{messy}: error[unwritable]: the file is read-only; file left as it was" in result.stdout
    assert messy.read_text(encoding="utf-8") == MESSY
    assert stat.S_IMODE(messy.stat().st_mode) == 0o444
    assert run_cli("fmt", "--check", messy).exit_code == 1  # checking it is fine


def test_a_hard_linked_plan_is_refused_and_both_names_keep_one_text(run_cli: RunCli, messy_dir: Path) -> None:
    messy = messy_dir / "messy.yaml"
    other = messy_dir.parent / "other-name.yaml"
    os.link(messy, other)
    result = run_cli("fmt", messy)
    assert result.exit_code == 2, result
    assert "the file has 1 other hard link(s); writing it would split them" in result.stdout
    assert messy.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == MESSY
    assert os.path.samefile(messy, other)


@pytest.mark.skipif(os.getuid() != 0, reason="only root can give a file to another user")
def test_fmt_as_root_keeps_the_owner(run_cli: RunCli, messy_dir: Path) -> None:
    messy = messy_dir / "messy.yaml"
    os.chown(messy, 4321, 8765)
    assert run_cli("fmt", messy).exit_code == 0
    assert (messy.stat().st_uid, messy.stat().st_gid) == (4321, 8765)
    assert messy.read_text(encoding="utf-8") == CANONICAL


# --- issue 18: files known to be canonical are not read again --------------------------------------


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """Each text fmt formats, in a cache of its own."""
    from planctl import fmt

    monkeypatch.setenv("PLANCTL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PLANCTL_NO_CACHE", raising=False)
    seen: list[str] = []
    real = fmt.format_text

    def format_text(text: str) -> str:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(fmt, "format_text", format_text)
    return seen


def test_check_reads_a_canonical_file_once(run_cli: RunCli, messy_dir: Path, counted: list[str]) -> None:
    plan = messy_dir / "2017.yaml"
    for _ in range(3):
        result = run_cli("fmt", "--check", plan)
        assert result.exit_code == 0 and result.stdout == "1 file already formatted.\n", result
    assert len(counted) == 1
    plan.write_text(plan.read_text(encoding="utf-8") + "# a new comment\n", encoding="utf-8")
    assert run_cli("fmt", "--check", plan).exit_code == 0
    assert len(counted) == 2  # new bytes: read again


def test_a_file_fmt_wrote_is_known_canonical(run_cli: RunCli, messy_dir: Path, counted: list[str]) -> None:
    messy = messy_dir / "messy.yaml"
    assert run_cli("fmt", messy).exit_code == 0
    assert run_cli("fmt", "--check", messy).stdout == "1 file already formatted.\n"
    assert counted == [MESSY]


def test_a_file_that_needs_formatting_is_never_noted(run_cli: RunCli, messy_dir: Path, counted: list[str]) -> None:
    messy = messy_dir / "messy.yaml"
    for _ in range(2):
        assert run_cli("fmt", "--check", messy).exit_code == 1
    assert counted == [MESSY, MESSY]


def test_the_note_is_not_trusted_when_someone_else_could_have_written_it(
    run_cli: RunCli, messy_dir: Path, counted: list[str]
) -> None:
    from planctl import cache

    messy = messy_dir / "messy.yaml"
    forged = cache.canonical_entry(messy.read_bytes())
    assert forged is not None
    forged.parent.mkdir(mode=0o700, parents=True)
    forged.touch(mode=0o644)
    forged.chmod(0o644)  # readable by others: not a note planctl made
    assert run_cli("fmt", "--check", messy).exit_code == 1
    assert counted == [MESSY]


def test_no_note_without_a_cache_or_after_an_upgrade(
    run_cli: RunCli, messy_dir: Path, counted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from planctl import cache

    plan = messy_dir / "2017.yaml"
    monkeypatch.setenv("PLANCTL_NO_CACHE", "1")
    for _ in range(2):
        assert run_cli("fmt", "--check", plan).exit_code == 0
    monkeypatch.delenv("PLANCTL_NO_CACHE")
    assert run_cli("fmt", "--check", plan).exit_code == 0
    monkeypatch.setattr(cache, "_code", lambda: b"another version of planctl")
    assert run_cli("fmt", "--check", plan).exit_code == 0
    assert len(counted) == 4

"""fmt's safety net: a layout that would change the data, lose or move a comment, or not be stable is
refused, and the file is left byte for byte as it was (black's `TestASTSafety` is the model).

The layout code is replaced here by broken versions, each making one kind of mistake on a real
plan, and by real inputs that fmt must refuse. The proof must catch every one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from planctl import fmt
from planctl.fmt import FormatRefused, format_text
from tests.conftest import RunCli

MESSY = """\
# yaml-language-server: $schema=../schemas/plan.schema.json
title: Plan   # as printed
id: "2019"
organisation: Org
kind: operational
period:
  # the calendar year
  end: 2019-12-31
  start: 2019-01-01
goals:
  - title: Goal
    # agreed in 2016
    id: "1"
"""
CANONICAL = format_text(MESSY)

Layout = Callable[[fmt._Doc], str]


def _broken(change: Callable[[str], str]) -> Callable[[Layout], Layout]:
    """A layout that makes a mistake in the text the real one writes, every time it runs."""

    def wrap(real: Layout) -> Layout:
        def layout(doc: fmt._Doc) -> str:
            return change(real(doc))

        return layout

    return wrap


def _first_call_only(change: Callable[[str], str]) -> Callable[[Layout], Layout]:
    """A layout that makes a mistake the first time only: formatting its result again differs."""

    def wrap(real: Layout) -> Layout:
        calls = []

        def layout(doc: fmt._Doc) -> str:
            calls.append(1)
            return change(real(doc)) if len(calls) == 1 else real(doc)

        return layout

    return wrap


def _swap_lines(first: str, second: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        lines = text.split("\n")
        i, j = lines.index(first), lines.index(second)
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)

    return change


MISTAKES = {
    "a changed value": (
        _broken(lambda t: t.replace("end: 2019-12-31", "end: 2019-12-30")),
        "formatting would change the value at period.end",
        (8, 8),
    ),
    "a value changed in type": (
        _broken(lambda t: t.replace('id: "1"', "id: 1")),
        "formatting would change the value at goals.0.id",
        (13, 9),
    ),
    "a dropped key": (
        _broken(lambda t: t.replace("kind: operational\n", "")),
        "formatting would change the value at kind",
        (5, 7),
    ),
    "invalid YAML": (
        _broken(lambda t: t.replace("title: Plan", "title: [Plan")),
        "formatting would produce invalid YAML",
        (0, 0),
    ),
    "a dropped comment": (
        _broken(lambda t: t.replace("  # the calendar year\n", "")),
        "formatting would drop the comment '# the calendar year'",
        (7, 1),
    ),
    "a dropped end-of-line comment": (
        _broken(lambda t: t.replace("   # as printed", "")),
        "formatting would drop the comment '# as printed'",
        (2, 1),
    ),
    "a comment moved to another key": (
        _broken(_swap_lines("  # the calendar year", "  start: 2019-01-01")),
        "formatting would move the comment '# the calendar year'",
        (7, 1),
    ),
    "an end-of-line comment moved to another line": (
        _broken(
            lambda t: t.replace("title: Plan   # as printed", "title: Plan").replace(
                "kind: operational", "kind: operational   # as printed"
            )
        ),
        "formatting would move the comment '# as printed'",
        (2, 1),
    ),
    "the schema line moved": (
        _broken(_swap_lines("# yaml-language-server: $schema=../schemas/plan.schema.json", 'id: "2019"')),
        "formatting would move the comment '# yaml-language-server: $schema=../schemas/plan.schema.json'",
        (1, 1),
    ),
    "a layout that is not its own layout": (
        _first_call_only(_swap_lines("organisation: Org", "kind: operational")),
        "this file has no stable canonical layout (formatting it twice gives two results)",
        (0, 0),
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_the_proof_refuses_a_layout_that(mistake: str, monkeypatch: pytest.MonkeyPatch) -> None:
    broken, message, (line, col) = MISTAKES[mistake]
    monkeypatch.setattr(fmt, "layout", broken(fmt.layout))
    with pytest.raises(FormatRefused) as refused:
        format_text(MESSY)
    assert refused.value.message.startswith(message), refused.value.message
    assert (refused.value.line, refused.value.col) == (line, col)
    assert refused.value.code == ("fmt-unstable" if "stable" in message else "fmt-unfaithful")
    assert refused.value.hint


def test_a_moved_comment_is_caught_even_when_its_text_survives(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting comment texts is not enough: the comment must still be above the same key."""
    change = _swap_lines("    # agreed in 2016", '    id: "1"')
    monkeypatch.setattr(fmt, "layout", _broken(change)(fmt.layout))
    broken = change(CANONICAL)
    assert fmt.comment_texts(broken) == fmt.comment_texts(MESSY)  # every text is still there
    with pytest.raises(FormatRefused, match="would move the comment '# agreed in 2016'"):
        format_text(MESSY)


@pytest.mark.parametrize("mistake", ["a changed value", "a comment moved to another key", "a layout that is not"])
def test_a_refused_file_is_left_byte_identical(
    mistake: str, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = next(m for m in MISTAKES if m.startswith(mistake))
    broken, message, _ = MISTAKES[name]
    monkeypatch.setattr(fmt, "layout", broken(fmt.layout))
    plan = tmp_path / "plan.yaml"
    plan.write_text(MESSY, encoding="utf-8")
    before = plan.stat()
    result = run_cli("fmt", plan)
    assert result.exit_code == 1, result
    assert plan.read_text(encoding="utf-8") == MESSY
    assert plan.stat().st_mtime_ns == before.st_mtime_ns
    assert message in result.stdout
    assert "; file left as it was" in result.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]  # no temporary file either


# --- real inputs the safety net must refuse ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "line", "col"),
    [
        ("id: a\nlist: [a, # inside a flow list\n  b]\n", "formatting would drop the comment", 2, 11),
        ("id: a\nlist: [a,\n  # inside a flow list\n  b]\n", "formatting would drop the comment", 3, 3),
        ("id: a\nmap: {a: 1  # inside\n  }\n", "formatting would drop the comment", 2, 13),
        ("title: T\nid:\n  # between a key and its value\n  x\n", "fmt cannot tell which key", 3, 3),
        ("title: T\n? |\n  block key\n: v\n", "fmt cannot write this key on one line", 2, 3),
        ("summary: &s Text\ntitle: *s\nid: x\n", "putting the keys in order would move the alias *s above", 2, 8),
        ("title: T\nlist: [\"a\n\n  b\", 'c\n\n  d']\n", "fmt cannot write this value on one line", 4, 7),
    ],
)
def test_a_comment_or_value_fmt_cannot_place_is_refused(text: str, message: str, line: int, col: int) -> None:
    with pytest.raises(FormatRefused) as refused:
        format_text(text)
    assert refused.value.message.startswith(message), refused.value.message
    assert (refused.value.line, refused.value.col) == (line, col)
    assert refused.value.hint

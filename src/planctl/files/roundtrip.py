"""YAML edited in place with ruamel's round trip (`planctl new`, `planctl progress set`): comments kept.

The round trip reads plain scalars exactly as planctl's own loader does and never folds a line. What
it writes is not yet the canonical layout: callers pass it through `planctl.fmt.format_text`.
"""

from __future__ import annotations

import io
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag
from ruamel.yaml.tokens import CommentToken

from planctl.files.yaml import resolve_plain

__all__ = ["add_key", "comment_texts", "dump", "rt_yaml"]

_STD = "tag:yaml.org,2002:"


class _CoreResolver(VersionedResolver):
    """YAML 1.2 core schema as `planctl.files.yaml.resolve_plain` has it: no timestamps, no merge keys."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            resolved = resolve_plain(value)
            if resolved is None:
                name = "null"
            elif isinstance(resolved, bool):
                name = "bool"
            elif isinstance(resolved, int):
                name = "int"
            elif isinstance(resolved, float):
                name = "float"
            else:
                name = "str"
            return Tag(suffix=_STD + name)
        return super().resolve(kind, value, implicit)


def rt_yaml() -> YAML:
    """A round-trip YAML instance that reads plain scalars as planctl does and never folds a line."""
    yaml = YAML(typ="rt")
    yaml.Resolver = _CoreResolver
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = sys.maxsize
    yaml.allow_duplicate_keys = False
    return yaml


def dump(tree: Any) -> str:
    """A round-trip tree as ruamel writes it."""
    out = io.StringIO()
    rt_yaml().dump(tree, out)
    return out.getvalue()


def comment_texts(text: str) -> Counter[str]:
    """Every comment of a YAML text, stripped, counted, wherever it is (also inside `[...]` or `{...}`)."""
    comments: list[str] = []
    for token in YAML(typ="rt").scan(text):
        for comment in _comment_tokens(getattr(token, "_comment", None)):
            comments += [s.strip() for s in comment.value.split("\n") if s.strip().startswith("#")]
    return Counter(comments)


def _comment_tokens(value: Any) -> Iterator[CommentToken]:
    if isinstance(value, CommentToken):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _comment_tokens(item)


# --- the comment lines after a value: ruamel keeps them with the value above them ---------------


def _value_slot(node: CommentedMap, key: Any) -> tuple[CommentedBase, Any, int]:
    return _tail_slot(node[key]) or (node, key, 2)


def _tail_slot(node: Any) -> tuple[CommentedBase, Any, int] | None:
    """Where ruamel keeps the comment lines that follow `node`'s last line: (container, key, index)."""
    if isinstance(node, CommentedMap) and node and not node.fa.flow_style():
        return _value_slot(node, next(reversed(node)))
    if isinstance(node, CommentedSeq) and node and not node.fa.flow_style():
        return _tail_slot(node[-1]) or (node, len(node) - 1, 0)
    return None


def _tail_token(node: CommentedMap, key: Any) -> tuple[Any, int, CommentToken | None]:
    """The comment token after `node[key]`, with the ruamel comment entry that holds it and its index."""
    container, key, index = _value_slot(node, key)
    entry = container.ca.items.get(key)
    token = entry[index] if entry is not None and len(entry) > index else None
    return entry, index, token if isinstance(token, CommentToken) else None


def _take_tail(node: CommentedMap, key: Any) -> str:
    """Detach the full-line comments (and blank lines) after `node[key]`, keeping an end-of-line comment."""
    entry, index, token = _tail_token(node, key)
    if token is None:
        return ""
    first, newline, rest = token.value.partition("\n")
    if first.strip():
        token.value = first + newline
    else:
        entry[index] = None
    return str(rest)


def _give_tail(node: CommentedMap, key: Any, tail: str) -> None:
    if not tail:
        return
    container, key, index = _value_slot(node, key)
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= index:
        entry.append(None)
    token = entry[index]
    if isinstance(token, CommentToken):
        token.value = (token.value if token.value.endswith("\n") else token.value + "\n") + tail
    else:
        entry[index] = CommentToken("\n" + tail, CommentMark(0), None)


def add_key(node: CommentedMap, key: Any, value: Any) -> None:
    """Set `node[key]`, a new key, at the end of the mapping. The comment lines that followed the mapping's
    last value (ruamel keeps them there; they describe what comes after the mapping) stay below, after
    the new key's value."""
    last = next(reversed(node)) if len(node) else None
    tail = _take_tail(node, last) if last is not None and not node.fa.flow_style() else ""
    node[key] = value
    _give_tail(node, key, tail)

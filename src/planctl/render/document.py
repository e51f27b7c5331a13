"""Renderers of a plan document, by `--format` name: adding a format is adding a module here."""

from __future__ import annotations

from collections.abc import Callable

from planctl.document import Document
from planctl.render import html, markdown

RENDERERS: dict[str, Callable[[Document], str]] = {
    "markdown": markdown.render,
    "html": html.render,
}
# File name endings that choose a format when --format is not given.
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}

"""Renderers of a plan document, by `--format` name: adding a format is adding a module here.

Markdown and HTML are text; PDF is bytes. PDF needs a Chromium-family browser, and says how to get one
when it is missing.
"""

from __future__ import annotations

from collections.abc import Callable

from planctl.document import Document
from planctl.render import html, markdown, pdf

RENDERERS: dict[str, Callable[[Document], str | bytes]] = {
    "markdown": markdown.render,
    "html": html.render,
    "pdf": pdf.render,
}
# File name endings that choose a format when --format is not given.
SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}

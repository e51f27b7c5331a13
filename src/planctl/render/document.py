"""Renderers of a plan document, by `--format` name: adding a format is adding a module here.

Markdown and HTML are text; PDF and Word are bytes. PDF needs a Chromium-family browser and Word the
`docx` extra (python-docx): each says how to get it when it is missing, and imports nothing until used.
"""

from __future__ import annotations

from collections.abc import Callable

from planctl.document import Document
from planctl.render import docx, html, markdown, pdf

RENDERERS: dict[str, Callable[[Document], str | bytes]] = {
    "markdown": markdown.render,
    "html": html.render,
    "pdf": pdf.render,
    "docx": docx.render,
}
# File name endings that choose a format when --format is not given.
SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}

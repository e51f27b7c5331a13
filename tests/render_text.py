"""What a reader of a rendered document sees: its text, headings, links and tags (test helpers)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt

BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "title", "ul", "ol", "section", "nav"}


@dataclass
class Page:
    text: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if a.get("id")]  # type: ignore[misc]

    @property
    def internal_links(self) -> list[str]:
        return [str(a["href"])[1:] for t, a in self.tags if t == "a" and str(a.get("href", "")).startswith("#")]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.parts: list[str] = []
        self.heading: tuple[int, list[str]] | None = None
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append((tag, dict(attrs)))
        self.in_style = tag == "style"
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = (int(tag[1]), [])

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        if self.heading and tag == f"h{self.heading[0]}":
            self.page.headings.append((self.heading[0], " ".join("".join(self.heading[1]).split())))
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.in_style:
            return
        self.parts.append(data)
        if self.heading:
            self.heading[1].append(data)


def read_html(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.page.text = "".join(reader.parts)
    return reader.page


def read_markdown(markdown: str) -> Page:
    """The Markdown as a CommonMark viewer shows it."""
    return read_html(MarkdownIt("commonmark").render(markdown))


def flat(text: str) -> str:
    return " ".join(text.split())

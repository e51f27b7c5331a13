"""A plan document as one self-contained HTML page: inline CSS, no scripts, nothing fetched.

Readable on screen, printable to A4 from a browser; one h1, headings by depth, a table of
contents linking to every goal and objective. All plan text goes through `html.escape`, and a
Content-Security-Policy forbids scripts and network access even if something slipped through.
"""

from __future__ import annotations

import html
import re

from planctl.document import Bar, Block, Document, Fields, Item, ItemList, Para, Section, Span, Table, toc
from planctl.render.escape import safe

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """\
:root { --ink: #1c1f24; --muted: #5b6472; --accent: #123f6d; --rule: #d5dae1; --wash: #f4f6f8; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 46rem; padding: 2.5rem 1.5rem 4rem; color: var(--ink); background: #fff;
  font: 1rem/1.55 "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  overflow-wrap: break-word; hyphens: auto; }
h1, h2, h3, h4, h5, h6 { color: var(--accent); line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 2rem; margin-top: 0; }
h2 { font-size: 1.45rem; padding-top: 0.6em; border-top: 2px solid var(--rule); }
h3 { font-size: 1.2rem; }
h4 { font-size: 1.02rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
h5, h6 { font-size: 1rem; color: var(--ink); }
p { margin: 0 0 0.8em; }
ul, ol { margin: 0 0 0.9em; padding-left: 1.6em; }
li { margin: 0.25em 0; }
li > ul, li > ol { margin: 0.3em 0 0.4em; }
a { color: var(--accent); }
.meta { color: var(--muted); font-size: 0.92em; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 1em; margin: 0 0 1em; }
dl.fields div { display: contents; }
dl.fields dt { font-weight: 600; color: var(--muted); }
dl.fields dd { margin: 0; }
header { margin-bottom: 1.5rem; }
header dl.fields { font-size: 1.05rem; }
nav.toc { background: var(--wash); border: 1px solid var(--rule); border-radius: 6px; padding: 0.8rem 1.2rem;
  margin: 0 0 2rem; }
nav.toc h2 { border: 0; padding: 0; margin: 0 0 0.4em; font-size: 1.1rem; }
nav.toc ol { list-style: none; padding-left: 0; margin: 0; }
nav.toc ol ol { padding-left: 1.2em; font-size: 0.95em; }
nav.toc a { text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
ol.labelled { list-style: none; padding-left: 0; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e4e7eb; --muted: #a3acb9; --accent: #8cb8ea; --rule: #39414c; --wash: #1d232b; }
  body { background: #12161b; }
}
@page { size: A4; margin: 20mm 18mm 22mm; @bottom-center { content: counter(page) " / " counter(pages);
  font: 9pt sans-serif; color: #5b6472; } }
@media print {
  :root { --ink: #000; --muted: #444; --accent: #123f6d; --rule: #bbb; --wash: #fff; }
  body { max-width: none; padding: 0; font-size: 10.5pt; background: #fff; }
  nav.toc { border: 0; padding: 0; break-after: page; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; break-inside: avoid; }
  li, p, dl { break-inside: avoid; orphans: 3; widows: 3; }
}
"""

# only in pages with figures (tables, bars): a plan's page stays as it was
FIGURES_CSS = """\
table.figures { border-collapse: collapse; width: 100%; margin: 0 0 1em; font-size: 0.95em; }
table.figures th, table.figures td { border-bottom: 1px solid var(--rule); padding: 0.3em 0.5em; text-align: left;
  vertical-align: top; }
table.figures th { color: var(--muted); font-weight: 600; }
table.figures .num { text-align: right; font-variant-numeric: tabular-nums; }
table.figures td:nth-last-child(-n+2) { white-space: nowrap; }
.bar { margin: 0 0 0.7em; }
.bar p { margin: 0 0 0.15em; }
.bar svg { display: block; width: 100%; max-width: 24rem; height: auto; print-color-adjust: exact;
  -webkit-print-color-adjust: exact; }
.bar .caption { color: var(--muted); font-size: 0.92em; }
@media print { tr, .bar { break-inside: avoid; } }
"""


def _has_figures(blocks: list[Block]) -> bool:
    return any(isinstance(b, (Table, Bar)) or (isinstance(b, Section) and _has_figures(b.blocks)) for b in blocks)


def escape(text: str) -> str:
    """Plan text as HTML text or attribute value: markup characters and control characters escaped."""
    return html.escape(safe(text), quote=True)


def _spans(spans: list[Span]) -> str:
    out = []
    for s in spans:
        text = escape(s.text)
        if s.style == "strong":
            text = f"<strong>{text}</strong>"
        elif s.style == "em":
            text = f"<em>{text}</em>"
        elif s.style == "meta":
            text = f'<span class="meta">{text}</span>'
        if s.href and s.href != "#":
            text = f'<a href="{escape(s.href)}">{text}</a>'
        out.append(text)
    return "".join(out)


def _item(item: Item, numbered: bool) -> str:
    attrs = f' id="{escape(item.anchor)}"' if item.anchor else ""
    if numbered and item.number is not None:
        attrs += f' value="{item.number}"'
    children = "".join(_block(c, 0) for c in item.children)
    return f"<li{attrs}>{_spans(item.spans)}{children}</li>\n"


def _block(block: Block, depth: int) -> str:
    if isinstance(block, Para):
        return f"<p>{_spans(block.line)}</p>\n"
    if isinstance(block, ItemList):
        tag = "ol" if block.numbered else "ul"
        items = "".join(_item(i, block.numbered) for i in block.items)
        intro = _block(block.intro, depth) if block.intro else ""
        return f"{intro}<{tag}>\n{items}</{tag}>\n"
    if isinstance(block, Fields):
        rows = "".join(f"<div><dt>{escape(k)}</dt><dd>{_spans(v)}</dd></div>" for k, v in block.rows)
        return f'<dl class="fields">{rows}</dl>\n'
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Bar):
        return _bar(block)
    return _section(block, depth)


def _table(table: Table) -> str:
    def cls(i: int) -> str:
        return ' class="num"' if i in table.numeric else ""

    head = "".join(f'<th scope="col"{cls(i)}>{escape(h)}</th>' for i, h in enumerate(table.header))
    rows = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{_spans(cell)}</td>" for i, cell in enumerate(cells)) + "</tr>\n"
        for cells in table.rows
    )
    return f'<table class="figures">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n'


BAR_COLOURS = {"done": "#123f6d", "good": "#2e7d32", "fair": "#b26a00", "poor": "#c62828", "none": "#9aa3ad"}


def _bar(bar: Bar) -> str:
    """The bar as inline SVG (no script, nothing fetched): a track, the part covered, a tick where it should be."""
    width, height = 300, 14
    filled = round(max(0.0, min(bar.share or 0.0, 1.0)) * width, 1)
    parts = [
        f'<rect width="{width}" height="{height}" rx="3" fill="#e3e7ec"/>',
        f'<rect width="{filled}" height="{height}" rx="3" fill="{BAR_COLOURS[bar.tone]}"/>' if filled else "",
    ]
    if bar.expected is not None:
        x = round(max(0.0, min(bar.expected, 1.0)) * width, 1)
        parts.append(f'<rect x="{max(0.0, x - 1)}" width="2" height="{height}" fill="#1c1f24"/>')
    svg = (
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(bar.caption)}" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )
    return f'<div class="bar"><p>{_spans(bar.label)}</p>{svg}<span class="caption">{escape(bar.caption)}</span></div>\n'


def _section(section: Section, depth: int) -> str:
    level = min(depth + 2, 6)
    body = "".join(_block(b, depth + 1) for b in section.blocks)
    return f'<section id="{escape(section.anchor)}">\n<h{level}>{escape(section.title)}</h{level}>\n{body}</section>\n'


def _toc(doc: Document) -> str:
    entries = toc(doc)
    if len(entries) < 2:
        return ""
    out = ['<nav class="toc" aria-labelledby="contents">\n<h2 id="contents">Contents</h2>\n<ol>\n']
    level = 1
    for i, e in enumerate(entries):
        while level < e.level:
            out.append("<ol>\n")
            level += 1
        while level > e.level:
            out.append("</ol></li>\n")
            level -= 1
        out.append(f'<li><a href="#{escape(e.anchor)}">{escape(e.title)}</a>')
        deeper = i + 1 < len(entries) and entries[i + 1].level > e.level
        out.append("\n" if deeper else "</li>\n")
    while level > 1:
        out.append("</ol></li>\n")
        level -= 1
    out.append("</ol>\n</nav>\n")
    return "".join(out)


def render(doc: Document) -> str:
    """The whole page, from <!DOCTYPE html> to </html>."""
    lang = doc.language if _LANGUAGE_TAG.match(doc.language) else "und"
    front = "".join(_block(b, 0) for b in doc.front)
    sections = "".join(_section(s, 0) for s in doc.sections)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(doc.title)}</title>\n"
        f"<style>\n{CSS}{FIGURES_CSS if _has_figures([*doc.front, *doc.sections]) else ''}</style>\n"
        "</head>\n"
        "<body>\n"
        f"<header>\n<h1>{escape(doc.title)}</h1>\n{front}</header>\n"
        f"{_toc(doc)}"
        f"<main>\n{sections}</main>\n"
        "</body>\n"
        "</html>\n"
    )

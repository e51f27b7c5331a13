"""A plan document as a Word file (.docx), written with python-docx (the `docx` extra).

Word's own styles throughout, so its navigation pane, its table of contents and its outline work:
Title, Heading 1 to 9 by depth, List Bullet and List Number (2 and 3 when nested), a table for
labelled values (Organisation, Period...). Every numbered item shows the number the plan gives it,
also where numbers skip. The contents are a TOC field whose entries are already filled in as links
(Word adds the page numbers when the field is updated); sections and anchored items carry bookmarks,
and the document's own links ('#event-...', '#objective-...') point at them. A4 pages numbered in
the footer.

The plan's footnotes are the numbered list under "Notes", as the document tree has them: plans do
not say where in the text a note is called, so a Word footnote would have no place to hang from.

Text goes through `escape.safe` (control characters would make the XML invalid); python-docx escapes
the XML itself. Only documented WordprocessingML is written: hyperlinks with w:anchor, bookmarks,
fields (w:fldSimple, w:fldChar), numbering overrides (w:lvlOverride/w:startOverride).
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from planctl.document import Block, Document, Fields, ItemList, Para, Section, Span, toc
from planctl.errors import UsageError
from planctl.render.escape import safe

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BOOKMARK_CHARS = re.compile(r"[^A-Za-z0-9_]+")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")


def _module() -> Any:
    try:
        import docx
    except ImportError:
        raise UsageError(
            "writing Word files needs python-docx, which is not installed",
            hint="pip install 'plans-as-code[docx]' (or render HTML and open it in Word)",
        ) from None
    return docx


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class _Writer:
    def __init__(self, docx: Any, doc: Document) -> None:
        from docx.oxml import OxmlElement
        from docx.shared import Mm

        self.doc = doc
        self.word = docx.Document()
        self.element = OxmlElement
        self.bookmarks: dict[str, str] = {}  # document anchor -> Word bookmark name
        self.next_bookmark = 0
        self.numbering = self.word.part.numbering_part.element
        section = self.word.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(22)
        self._styles()

    # -- setup ---------------------------------------------------------------------------------

    def _styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Pt, RGBColor

        styles = self.word.styles
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = RGBColor(0x12, 0x3F, 0x6D)
        link.font.underline = True
        for level in (1, 2):
            style = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.paragraph_format.left_indent = Pt(12 * (level - 1))
            style.paragraph_format.space_after = Pt(2)
        if _LANGUAGE_TAG.match(self.doc.language):
            defaults = styles.element.find(_w("docDefaults"))
            run = defaults.find(_w("rPrDefault")).find(_w("rPr")) if defaults is not None else None
            if run is not None:
                lang = run.find(_w("lang"))
                if lang is None:
                    lang = self.element("w:lang")
                    run.append(lang)
                lang.set(_w("val"), self.doc.language)
        props = self.word.core_properties
        props.title = safe(self.doc.title)
        props.language = self.doc.language
        props.author = ""
        props.last_modified_by = ""
        props.comments = "Written by planctl"
        props.created = props.modified = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
        props.revision = 1

    def _footer(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = self.word.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = self.element("w:fldSimple")
        field.set(_w("instr"), "PAGE")
        field.append(self._run("1"))
        paragraph._p.append(field)

    # -- inline --------------------------------------------------------------------------------

    def _run(self, text: str, style: str = "plain", link: bool = False) -> Any:
        run = self.element("w:r")
        props = self.element("w:rPr")
        if link:
            rstyle = self.element("w:rStyle")
            rstyle.set(_w("val"), "Hyperlink")
            props.append(rstyle)
        if style == "strong":
            props.append(self.element("w:b"))
        if style in ("em", "meta"):
            props.append(self.element("w:i"))
        if style == "meta":
            colour = self.element("w:color")
            colour.set(_w("val"), "5B6472")
            props.append(colour)
        if len(props):
            run.append(props)
        t = self.element("w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = safe(text)
        run.append(t)
        return run

    def spans(self, paragraph: Paragraph, spans: list[Span]) -> None:
        for span in spans:
            target = span.href[1:] if span.href and span.href.startswith("#") else ""
            run = self._run(span.text, span.style, link=bool(target))
            if target:
                link = self.element("w:hyperlink")
                link.set(_w("anchor"), self.bookmark(target))
                link.set(_w("history"), "1")
                link.append(run)
                paragraph._p.append(link)
            else:
                paragraph._p.append(run)

    def bookmark(self, anchor: str) -> str:
        """The Word bookmark name of a document anchor: letters, digits and _, at most 40 characters."""
        if anchor not in self.bookmarks:
            name = _BOOKMARK_CHARS.sub("_", anchor).strip("_")
            name = name if name[:1].isalpha() else "b_" + name
            name = f"{name[:32]}_{len(self.bookmarks)}" if len(name) > 40 else name
            self.bookmarks[anchor] = name
        return self.bookmarks[anchor]

    def mark(self, paragraph: Paragraph, anchor: str | None) -> None:
        """Put the bookmark of `anchor` around the paragraph's text."""
        if not anchor:
            return
        start, end = self.element("w:bookmarkStart"), self.element("w:bookmarkEnd")
        start.set(_w("id"), str(self.next_bookmark))
        start.set(_w("name"), self.bookmark(anchor))
        end.set(_w("id"), str(self.next_bookmark))
        self.next_bookmark += 1
        ppr = paragraph._p.pPr
        if ppr is not None:
            ppr.addnext(start)
        else:
            paragraph._p.insert(0, start)
        paragraph._p.append(end)

    # -- blocks --------------------------------------------------------------------------------

    def block(self, block: Block, depth: int, list_depth: int = 0) -> None:
        if isinstance(block, Para):
            style = "List Continue" if list_depth else None
            self.spans(self.word.add_paragraph(style=style), block.spans)
        elif isinstance(block, ItemList):
            if block.intro is not None:  # 'All States Parties will:', 'Indicators:'
                self.block(block.intro, depth, list_depth)
            self.items(block, list_depth + 1, depth)
        elif isinstance(block, Fields):
            self.fields(block)
        else:
            self.section(block, depth)

    def section(self, section: Section, depth: int) -> None:
        heading = self.word.add_heading(level=min(depth + 1, 9))
        self.spans(heading, [Span(section.title)])
        self.mark(heading, section.anchor)
        for child in section.blocks:
            self.block(child, depth + 1)

    def fields(self, fields: Fields) -> None:
        table = self.word.add_table(rows=0, cols=2)
        for label, value in fields.rows:
            cells = table.add_row().cells
            self.spans(cells[0].paragraphs[0], [Span(label, "strong")])
            self.spans(cells[1].paragraphs[0], value)
        self.word.add_paragraph()

    def items(self, block: ItemList, level: int, depth: int) -> None:
        kind = "List Number" if block.numbered else "List Bullet"
        style = kind if level == 1 else f"{kind} {min(level, 3)}"
        num_id: int | None = None
        previous: int | None = None
        for item in block.items:
            paragraph = self.word.add_paragraph(style=style)
            if block.numbered and item.number is not None:
                if num_id is None or previous is None or item.number != previous + 1:
                    num_id = self.restart(style, item.number)
                previous = item.number
                self.number(paragraph, num_id)
            self.spans(paragraph, item.spans)
            self.mark(paragraph, item.anchor)
            for child in item.children:
                self.block(child, depth, level)

    def restart(self, style: str, start: int) -> int:
        """A new numbering instance of the list style's numbering, starting at `start`."""
        style_num = self.word.styles[style].element.pPr.numPr.numId.val
        abstract = self.numbering.num_having_numId(style_num).abstractNumId.val
        num = self.numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return int(num.numId)

    def number(self, paragraph: Paragraph, num_id: int) -> None:
        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = 0
        numpr.get_or_add_numId().val = num_id

    def contents(self) -> None:
        """A TOC field over Heading 1 and 2, its entries filled in as links (no page numbers until updated)."""
        entries = toc(self.doc)
        if len(entries) < 2:
            return
        self.word.add_paragraph("Contents", style="TOC Heading")
        paragraphs = []
        for entry in entries:
            paragraph = self.word.add_paragraph(style=f"toc {entry.level}")
            self.spans(paragraph, [Span(entry.title, href="#" + entry.anchor)])
            paragraphs.append(paragraph)
        begin = self.element("w:r")
        char = self.element("w:fldChar")
        char.set(_w("fldCharType"), "begin")
        begin.append(char)
        instr = self.element("w:r")
        text = self.element("w:instrText")
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text.text = ' TOC \\o "1-2" \\h \\z \\u '
        instr.append(text)
        separate = self.element("w:r")
        char = self.element("w:fldChar")
        char.set(_w("fldCharType"), "separate")
        separate.append(char)
        end = self.element("w:r")
        char = self.element("w:fldChar")
        char.set(_w("fldCharType"), "end")
        end.append(char)
        first = paragraphs[0]._p
        anchor = first.pPr
        for run in (begin, instr, separate):
            anchor.addnext(run)
            anchor = run
        paragraphs[-1]._p.append(end)

    def render(self) -> bytes:
        title = self.word.add_heading(level=0)
        self.spans(title, [Span(self.doc.title)])
        for block in self.doc.front:
            self.block(block, 0)
        self.contents()
        for section in self.doc.sections:
            self.section(section, 0)
        self._footer()
        self._drop_dangling_links()
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()

    def _drop_dangling_links(self) -> None:
        """A link to an anchor nothing carries becomes plain text: Word would otherwise jump nowhere."""
        body = self.word.element.body
        marked = {b.get(_w("name")) for b in body.iter(_w("bookmarkStart"))}
        for link in list(body.iter(_w("hyperlink"))):
            if link.get(_w("anchor")) not in marked:
                parent = link.getparent()
                index = parent.index(link)
                for i, child in enumerate(list(link)):
                    for rstyle in child.iter(_w("rStyle")):
                        rstyle.getparent().remove(rstyle)
                    parent.insert(index + i, child)
                parent.remove(link)


def render(doc: Document) -> bytes:
    """The .docx file's bytes."""
    return _Writer(_module(), doc).render()

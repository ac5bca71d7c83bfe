"""Building a document (文书) as DOCX with python-docx: the body is the caller's, the footer the
kit's — every page carries the verification code and a QR of the public check page, so a forged
or altered paper is caught by scanning it (seed 001 三项制度: 执法全过程记录).

No PDF: no renderer with CJK fonts is installed on the platform's servers (``fc-list :lang=zh``
finds none), and a PDF without them would print boxes instead of characters.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import segno
from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_FONT = "仿宋"  # GB/T 9704 党政机关公文格式: 仿宋 for the body, 宋体/黑体 for titles
TITLE_FONT = "宋体"


@dataclass(frozen=True)
class Stamp:
    """What the footer prints: the code (in groups) and the public page it resolves to."""

    code: str
    url: str


def _font(run, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    r_pr = run._element.get_or_add_rPr()
    r_pr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


class Builder:
    """One document under construction: title, numbered paragraphs, label–value tables."""

    def __init__(self, title: str, *, agency: str, number: str = "") -> None:
        self.title = title
        self.agency = agency
        self.number = number
        self.doc = Document()
        section = self.doc.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_height, section.page_width = Cm(29.7), Cm(21)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        self.doc.core_properties.title = title
        self.doc.core_properties.author = agency
        self._centered(agency, TITLE_FONT, 16, bold=True)
        self._centered(title, TITLE_FONT, 22, bold=True)
        if number:
            self._centered(number, BODY_FONT, 14)

    def _centered(self, text: str, font: str, size: float, *, bold: bool = False) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(paragraph.add_run(text), font, size, bold=bold)

    def heading(self, text: str) -> None:
        paragraph = self.doc.add_paragraph()
        _font(paragraph.add_run(text), "黑体", 14, bold=True)

    def paragraph(self, text: str, *, bold: bool = False, indent: bool = True) -> None:
        paragraph = self.doc.add_paragraph()
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(28)
        _font(paragraph.add_run(text), BODY_FONT, 14, bold=bold)

    def paragraphs(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.paragraph(text)

    def fields(self, rows: Sequence[tuple[str, str]]) -> None:
        """A two-column table of labels and values (the forms' 当事人、地址 … rows)."""
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].width, cells[1].width = Cm(4), Cm(11.6)
            _font(cells[0].paragraphs[0].add_run(label), BODY_FONT, 12, bold=True)
            _font(cells[1].paragraphs[0].add_run(value or "—"), BODY_FONT, 12)

    def signature(self, date_text: str, *, seal: str = "（印章）") -> None:
        """The agency's name and date at the bottom right, where the seal goes."""
        for text in (self.agency + seal, date_text):
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(paragraph.add_run(text), BODY_FONT, 14)

    def stamp(self, stamp: Stamp) -> None:
        """The footer on every page: the QR of the check page, the code and how to check."""
        footer = self.doc.sections[0].footer
        paragraph = footer.paragraphs[0]
        png = io.BytesIO()
        segno.make(stamp.url, error="m", micro=False).save(png, kind="png", scale=4, border=1)
        png.seek(0)
        paragraph.add_run().add_picture(png, width=Cm(1.8))
        _font(paragraph.add_run(f"  文书验证码：{stamp.code}"), BODY_FONT, 10.5, bold=True)
        note = footer.add_paragraph()
        _font(note.add_run(f"扫描二维码或访问 {stamp.url} 核验本文书是否为原件"), BODY_FONT, 9)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

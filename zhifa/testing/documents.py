"""Reading an issued DOCX back in tests: every word a reader sees (body, tables, footer)."""

from __future__ import annotations

import io

from docx import Document


def docx_text(content: bytes) -> str:
    """The paragraphs, table cells and footers of a DOCX, one per line."""
    doc = Document(io.BytesIO(content))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    for section in doc.sections:
        lines.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(lines)


def footer_images(content: bytes) -> int:
    """How many pictures the first section's footer holds (the QR code)."""
    doc = Document(io.BytesIO(content))
    return len(doc.sections[0].footer.part.package.image_parts)


def seed_case_documents() -> None:
    """For the route sweep: a case of 市市场监管局 under investigation (handled by the persona
    officer and a second officer) with one issued document, 现场检查笔录."""
    from django.utils import timezone

    from zhifa.cases.services import documents
    from zhifa.testing.factories import CaseFactory, case_handler

    case = CaseFactory(state="investigation", title="文书路由检查用案件")
    user, _ = case_handler(case.agency)
    documents.generate(
        user,
        case,
        "inspection_record",
        {
            "started_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "place": "当事人经营场所",
            "present": "当事人负责人",
            "findings": "货架上摆放超过保质期的预包装食品。",
        },
    )

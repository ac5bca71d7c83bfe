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

"""QR codes as inline SVG (segno, pure Python): printed on the on-site record so that the enterprise
can open the visit's rating page on any phone (事后评价, seed 004)."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, title: str = "扫码评价") -> SafeString:
    """An inline SVG of ``url``'s QR code (error correction M), sized by CSS, with a title."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=4, border=2, title=title, svgclass="qr", omitsize=True)
    return mark_safe(svg)  # segno writes the SVG itself and escapes the title

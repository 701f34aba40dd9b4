"""Small PDFs the reference registry issues: acceptance receipt, notices, electronic proof.

The CJK font (WenQuanYi Micro Hei, TrueType outlines) is embedded when installed; it is
registered once, lazily, because registering a TTC costs 80-190 ms.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

FONT_PATHS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
_lock = threading.Lock()
_font: str | None = None


def _font_name() -> str:
    global _font
    with _lock:
        if _font is None:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont
            _font = "Helvetica"
            for path in FONT_PATHS:
                if Path(path).exists():
                    try:
                        pdfmetrics.registerFont(TTFont("YZCJK", path, subfontIndex=0))
                        _font = "YZCJK"
                        break
                    except Exception:  # a broken font file: fall back, the PDF still renders
                        continue
        return _font


def render(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF with a title and lines of text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    font = _font_name()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    width, height = A4
    c.setFont(font, 18)
    c.drawCentredString(width / 2, height - 72, title)
    c.setFont(font, 11)
    y = height - 110
    for line in lines:
        c.drawString(60, y, line[:80])
        y -= 18
        if y < 60:
            break
    c.showPage()
    c.save()
    return buf.getvalue()

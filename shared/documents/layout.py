"""Layout helpers for the printed documents (reportlab, imported lazily).

:class:`DocBuilder` makes paragraphs in the embedded CJK font (fallback fonts for rare
characters, the missing ones collected so the document is refused with the full list),
bordered tables that check every cell, and the page frame: a header line, the footer with the
document hash and "第 1 页 共 2 页".

Every table cell is checked when it is drawn: the wrapped content must fit the cell's frame
(width and height) and no wrapped line may be wider than the cell. The results go into a
:class:`LayoutReport` that tests read; a document whose cell overflows is refused.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Sequence

from shared.documents import fonts as _fonts
from shared.errors import DocumentError
from shared.i18n import Msg

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.2756, 841.8898  # A4 in points
MARGIN = 18 * MM
CONTENT_W = PAGE_W - 2 * MARGIN
EPS = 0.01


@dataclass
class CellRecord:
    """One drawn cell: its frame and what its content needed."""

    table: str
    row: int
    col: int
    frame: tuple[float, float, float, float]  # x, y, width, height (points)
    avail_w: float
    avail_h: float
    content_w: float
    content_h: float
    widest_line: float
    to_border: float = 0.0  # from the content's left edge to the cell's right border

    @property
    def fits(self) -> bool:
        """Content within its frame; a line may use the right padding (CJK hanging punctuation
        such as a closing 。 or ）) but never cross the cell's border."""
        return (self.content_w <= self.avail_w + EPS and self.content_h <= self.avail_h + EPS
                and self.widest_line <= max(self.avail_w, self.to_border) + EPS)


@dataclass
class LayoutReport:
    """Every cell drawn while rendering documents (for tests and diagnostics)."""

    cells: list[CellRecord] = field(default_factory=list)
    pages: int = 0
    tables: int = 0

    def overflows(self) -> list[CellRecord]:
        return [c for c in self.cells if not c.fits]


def _widest_line(flowable: Any, avail_w: float) -> float:
    """The widest wrapped line of a Paragraph (its own width for other flowables)."""
    bl = getattr(flowable, "blPara", None)
    if bl is None:
        return getattr(flowable, "_yz_w", 0.0)
    widest = 0.0
    for line in getattr(bl, "lines", []):
        extra = line[0] if isinstance(line, tuple) else getattr(line, "extraSpace", 0.0)
        widest = max(widest, avail_w - extra)
    return widest


@lru_cache(maxsize=1)
def _checked_table_class():
    from reportlab.platypus import Flowable, Table

    class CheckedTable(Table):
        """A Table that records and checks each cell's frame against its content."""

        yz_report: LayoutReport | None = None
        yz_name = "table"

        def _drawCell(self, cellval, cellstyle, pos, size):  # noqa: N802 (reportlab's name)
            self._yz_check(cellval, cellstyle, pos, size)
            return super()._drawCell(cellval, cellstyle, pos, size)

        def _yz_check(self, cellval, cellstyle, pos, size):
            items = cellval if isinstance(cellval, (list, tuple)) else [cellval]
            items = [v for v in items if isinstance(v, Flowable)]
            avail_w = size[0] - cellstyle.leftPadding - cellstyle.rightPadding
            avail_h = size[1] - cellstyle.topPadding - cellstyle.bottomPadding
            content_w = content_h = widest = 0.0
            for v in items:
                w, h = v.wrap(avail_w, avail_h)
                content_w = max(content_w, w)
                content_h += h + v.getSpaceBefore() + v.getSpaceAfter()
                widest = max(widest, _widest_line(v, avail_w))
            row, col = self._yz_index(pos)
            record = CellRecord(self.yz_name, row, col, (pos[0], pos[1], size[0], size[1]), avail_w, avail_h,
                                content_w, content_h, widest, size[0] - cellstyle.leftPadding)
            if self.yz_report is not None:
                self.yz_report.cells.append(record)
            if not record.fits and not getattr(self, "yz_lenient", False):
                raise DocumentError(Msg("document.overflow", "文档“{table}”第{row}行第{col}列的内容超出表格，"
                                        "请缩短该项内容后重试", {"table": self.yz_name, "row": row + 1, "col": col + 1}))

        def _yz_index(self, pos):
            xs = [0.0]
            for w in self._colWidths:
                xs.append(xs[-1] + w)
            col = min(range(len(self._colWidths)), key=lambda i: abs(xs[i] - pos[0]))
            ys = self._rowpositions
            row = min(range(len(ys) - 1), key=lambda i: abs(ys[i + 1] - pos[1]))
            return row, col

    return CheckedTable


@lru_cache(maxsize=1)
def _qr_flowable_class():
    from reportlab.graphics.barcode import qrencoder
    from reportlab.platypus import Flowable

    class QrFlowable(Flowable):
        """A QR code (error correction M, 4-module quiet zone) of a fixed size."""

        def __init__(self, value: str, size: float) -> None:
            super().__init__()
            self.qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
            self.qr.addData(value)
            self.qr.make()
            self.size = self._yz_w = size

        def wrap(self, aw, ah):
            return self.size, self.size

        def draw(self):
            n = self.qr.getModuleCount()
            box = self.size / (n + 8)
            self.canv.setFillColorRGB(0, 0, 0)
            for r, row in enumerate(self.qr.modules):
                for c, dark in enumerate(row):
                    if dark:
                        self.canv.rect((c + 4) * box, self.size - (r + 5) * box, box, box, stroke=0, fill=1)

    return QrFlowable


class DocBuilder:
    """Builds one document: styles, paragraphs, checked tables, page frame and hash footer."""

    def __init__(self, title: str, doc_hash: str, reference: str = "", report: LayoutReport | None = None) -> None:
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        self.fonts = _fonts.fontset()
        self.title, self.doc_hash, self.reference = title, doc_hash, reference
        self.report = report if report is not None else LayoutReport()
        self.missing: set[str] = set()
        self.colors = colors
        font = self.fonts.name
        base = ParagraphStyle("yz", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
        self.styles = {
            "body": base,
            "cell": ParagraphStyle("yz-cell", parent=base, fontSize=9.5, leading=13),
            "label": ParagraphStyle("yz-label", parent=base, fontSize=9.5, leading=13),
            "small": ParagraphStyle("yz-small", parent=base, fontSize=8, leading=11),
            "title": ParagraphStyle("yz-title", parent=base, fontSize=18, leading=26, alignment=TA_CENTER,
                                    spaceAfter=4 * MM),
            "subtitle": ParagraphStyle("yz-sub", parent=base, fontSize=10, leading=14, alignment=TA_CENTER,
                                       spaceAfter=3 * MM),
            "h2": ParagraphStyle("yz-h2", parent=base, fontSize=12, leading=17, spaceBefore=3 * MM, spaceAfter=2 * MM,
                                 keepWithNext=1),
            "indent": ParagraphStyle("yz-indent", parent=base, firstLineIndent=20),
            "right": ParagraphStyle("yz-right", parent=base, alignment=TA_RIGHT),
            "center": ParagraphStyle("yz-center", parent=base, alignment=TA_CENTER),
        }
        self._table_no = 0

    # -- content ------------------------------------------------------------------------------
    def p(self, text: Any, style: str = "cell"):
        """A Paragraph of plain ``text`` (escaped; rare characters in a fallback font)."""
        from reportlab.platypus import Paragraph

        return Paragraph(self.fonts.markup("" if text is None else str(text), self.missing), self.styles[style])

    def label(self, text: str):
        return self.p(text, "label")

    def spacer(self, mm: float = 3):
        from reportlab.platypus import Spacer

        return Spacer(1, mm * MM)

    def table(self, rows: Sequence[Sequence[Any]], col_widths: Sequence[float], name: str = "",
              label_cells: Sequence[tuple[int, int]] = (), label_cols: Sequence[int] = (),
              header_rows: int = 0, spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
              extra_style: Sequence[tuple] = (), row_heights: Sequence[float | None] | None = None):
        """A bordered table; strings become Paragraphs; label cells get a grey background.

        ``col_widths`` are fractions of the content width when they sum to about 1.
        """
        widths = list(col_widths)
        if abs(sum(widths) - 1.0) < 0.01:
            widths = [w * CONTENT_W for w in widths]
        cells = [[self.p(c) if isinstance(c, (str, int, float)) or c is None else c for c in row] for row in rows]
        self._table_no += 1
        table = _checked_table_class()(cells, colWidths=widths, rowHeights=row_heights, repeatRows=header_rows)
        table.yz_report = self.report
        table.yz_name = name or "{}-{}".format(self.title, self._table_no)
        grey = self.colors.HexColor("#EDEFF2")
        style = [("GRID", (0, 0), (-1, -1), 0.6, self.colors.black),
                 ("FONTNAME", (0, 0), (-1, -1), self.fonts.name),
                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                 ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
        covered = {(c, r) for (c0, r0), (c1, r1) in spans for c in range(c0, c1 + 1) for r in range(r0, r1 + 1)
                   if (c, r) != (c0, r0)}
        for col in label_cols:
            for row in range(len(cells)):
                if (col, row) not in covered:
                    style.append(("BACKGROUND", (col, row), (col, row), grey))
        for cell in label_cells:
            style.append(("BACKGROUND", cell, cell, grey))
        if header_rows:
            style.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), grey))
        for start, end in spans:
            style.append(("SPAN", start, end))
        style.extend(extra_style)
        table.setStyle(style)
        self.report.tables += 1
        return table

    def image(self, png: bytes, max_w: float, max_h: float):
        """A PNG scaled to fit ``max_w`` x ``max_h`` points (aspect kept)."""
        from reportlab.lib.utils import ImageReader
        from reportlab.platypus import Image

        reader = ImageReader(io.BytesIO(png))
        iw, ih = reader.getSize()
        scale = min(max_w / iw, max_h / ih)
        img = Image(io.BytesIO(png), width=iw * scale, height=ih * scale)
        img._yz_w = iw * scale
        return img

    def qr(self, value: str, size_mm: float = 28):
        """A QR code of ``value``, encoded by reportlab's own QR encoder, drawn as vector squares."""
        return _qr_flowable_class()(value, size_mm * MM)

    # -- output -------------------------------------------------------------------------------
    def _seal_story(self, plan) -> list:
        """The closing lines of a bank document: how it is signed and, for the electronic seal,
        the place kept for it (its box goes back into ``plan`` as the page is drawn)."""
        from reportlab.platypus import Flowable, KeepTogether

        from shared.documents.seal import SEAL_MM

        size = SEAL_MM * MM

        class SealSpot(Flowable):
            def wrap(self, aw, ah):
                return size, size

            def draw(self):
                x, y = self.canv.absolutePosition(0, 0)
                plan.page, plan.box = self.canv.getPageNumber() - 1, (x, y, x + size, y + size)

        items = [self.spacer(2), self.p(plan.note, "small")]
        if plan.mode == "seal":
            spot = SealSpot()
            spot.hAlign = "RIGHT"
            items.append(spot)
        return [KeepTogether(items)]

    def build(self, story: list) -> bytes:
        """The PDF bytes of ``story`` (in memory); refused if a character cannot be drawn.

        A bank document rendered under a :class:`~shared.documents.seal.SealPlan` ends with
        the line saying how it is signed (and the electronic seal's place)."""
        from shared.documents.seal import current_plan

        plan = current_plan()
        if plan is not None:
            story = list(story) + self._seal_story(plan)
        if self.missing:
            raise _fonts.missing_glyphs_error(self.missing)
        from reportlab.platypus import SimpleDocTemplate

        buf = io.BytesIO()
        doc = SimpleDocTemplate(buf, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN, rightMargin=MARGIN,
                                topMargin=MARGIN + 4 * MM, bottomMargin=MARGIN + 4 * MM,
                                title=self.title, author="一站 Yizhan", subject=self.reference,
                                creator="Yizhan", producer="Yizhan")
        try:
            doc.build(story, canvasmaker=self._canvas_class())
        except DocumentError:
            raise
        except Exception as exc:  # reportlab LayoutError: content larger than a page
            if type(exc).__name__ == "LayoutError":
                raise DocumentError(Msg("document.layout", "文档“{title}”的某项内容过长，一页无法容纳，请精简后重试",
                                        {"title": self.title})) from None
            raise
        return buf.getvalue()

    def _canvas_class(self):
        from reportlab.pdfgen.canvas import Canvas

        builder = self

        class NumberedCanvas(Canvas):
            """Defers the footers until the page count is known."""

            def __init__(self, *args, **kwargs):
                kwargs.setdefault("invariant", 1)
                kwargs["initialFontName"] = builder.fonts.name
                super().__init__(*args, **kwargs)
                self._yz_pages: list[dict] = []

            def showPage(self):  # noqa: N802 (reportlab's name)
                self._yz_pages.append(dict(self.__dict__))
                self._startPage()

            def save(self):
                total = len(self._yz_pages)
                builder.report.pages += total
                for state in self._yz_pages:
                    self.__dict__.update(state)
                    builder._decorate(self, self._pageNumber, total)
                    Canvas.showPage(self)
                Canvas.save(self)

        return NumberedCanvas

    def _decorate(self, canv, page: int, total: int) -> None:
        font = self.fonts.name
        canv.saveState()
        canv.setFont(font, 8)
        canv.setFillColor(self.colors.HexColor("#444444"))
        top = PAGE_H - MARGIN + 2 * MM
        canv.drawString(MARGIN, top, "一站 · {}".format(self.title))
        if self.reference:
            canv.drawRightString(PAGE_W - MARGIN, top, self.reference)
        canv.setStrokeColor(self.colors.HexColor("#888888"))
        canv.setLineWidth(0.4)
        canv.line(MARGIN, top - 1.5 * MM, PAGE_W - MARGIN, top - 1.5 * MM)
        bottom = MARGIN - 2 * MM
        canv.line(MARGIN, bottom + 4 * MM, PAGE_W - MARGIN, bottom + 4 * MM)
        canv.setFont(font, 7)
        canv.drawString(MARGIN, bottom, "文档校验码 SHA-256：{}".format(self.doc_hash))
        canv.setFont(font, 8)
        canv.drawRightString(PAGE_W - MARGIN, bottom, "第 {} 页 共 {} 页".format(page, total))
        canv.restoreState()

"""Printing PDF bytes and previewing them: the counter's print dialog, the kiosk's silent print.

QtPdf is not part of PySide6-Essentials, so pages are rasterised with poppler's pdftoppm
over pipes (:func:`shared.documents.raster.rasterize`, no temp files) and painted onto the
QPrinter. Rasterising is slow work: call these from a worker, not the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from shared.documents.raster import rasterize
from shared.errors import DeviceError
from shared.i18n import N_, Msg, translate
from shared.ui.theme import set_role

PRINT_DPI = 300


def page_images(pdf: bytes, dpi: int = PRINT_DPI) -> list[QImage]:
    """The pages of ``pdf`` as QImages (rasterised and decoded: call it off the UI thread, then
    hand the images to :meth:`QtPdfPreview.set_pages`, which only wraps them)."""
    images = []
    for png in rasterize(pdf, dpi):
        image = QImage()
        image.loadFromData(png, "PNG")
        images.append(image)
    return images


def paint_pages(printer, images: list[QImage]) -> int:
    """Paint ``images`` one per page onto ``printer`` (any QPagedPaintDevice), fitted and centred."""
    painter = QPainter()
    if not painter.begin(printer):
        raise DeviceError(Msg("printer.begin", "打印机无法开始打印，请检查打印机是否在线、是否缺纸"))
    try:
        for i, image in enumerate(images):
            if i:
                printer.newPage()
            area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution())) \
                if hasattr(printer, "pageLayout") else QRectF(painter.viewport())
            area.moveTo(0, 0)
            scale = min(area.width() / image.width(), area.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF((area.width() - w) / 2, (area.height() - h) / 2, w, h), image)
    finally:
        painter.end()
    return len(images)


def print_pdf(pdf: bytes, printer: QPrinter, dpi: int = PRINT_DPI) -> int:
    """Print ``pdf`` on ``printer``; returns the number of pages printed."""
    return paint_pages(printer, page_images(pdf, dpi))


def print_with_dialog(pdf: bytes, parent: QWidget | None = None, title: str = N_("打印")) -> bool:
    """The counter's path: a print dialog, then print; ``False`` if the officer cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate(title))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_pdf(pdf, printer)
    return True


def print_silent(pdf: bytes, printer_name: str | None = None) -> int:
    """The kiosk's path: print to the configured printer (or the default) without a dialog."""
    names = [p.printerName() for p in QPrinterInfo.availablePrinters()]
    name = printer_name or QPrinterInfo.defaultPrinterName()
    if not name or name not in names:
        raise DeviceError(Msg("printer.missing", "找不到打印机“{name}”，请联系工作人员检查打印机",
                              {"name": name or translate("默认打印机")}))
    printer = QPrinter(QPrinterInfo.printerInfo(name), QPrinter.PrinterMode.HighResolution)
    return print_pdf(pdf, printer)


class QtPdfPreview(QScrollArea):
    """A scrolling preview of a PDF's pages (rasterised at a screen resolution)."""

    def __init__(self, parent: QWidget | None = None, dpi: int = 80) -> None:
        super().__init__(parent)
        self.dpi = dpi
        self.setWidgetResizable(True)
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self._body)
        self.page_labels: list[QLabel] = []

    def set_pdf(self, pdf: bytes) -> int:
        """Show the pages of ``pdf``; returns the page count."""
        self.set_pages(rasterize(pdf, self.dpi))
        return len(self.page_labels)

    def set_pages(self, pages: list[bytes] | list[QImage]) -> None:
        """Show ``pages``: QImages decoded by a worker (:func:`page_images`; nothing to decode
        on the UI thread) or PNG bytes (decoded here: small previews only)."""
        for label in self.page_labels:
            label.deleteLater()
        self.page_labels = []
        for page in pages:
            if isinstance(page, QImage):
                pix = QPixmap.fromImage(page)
            else:
                pix = QPixmap()
                pix.loadFromData(page, "PNG")
            label = QLabel()
            label.setPixmap(pix)
            set_role(label, "page")
            self._layout.addWidget(label)
            self.page_labels.append(label)

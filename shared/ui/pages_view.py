"""QtPagesView: the pages of one material slot as thumbnails, to reorder, rotate, delete, retake.

The widget works on a plain list of pages, each ``{"data": bytes, "meta": dict}`` (JPEG or
PNG bytes and the metadata of :class:`shared.capture.page.ProcessedPage`), and emits
``pagesChanged(list)`` after every change; the owner (the case editor) stores them
encrypted. New images are processed on a QThreadPool, never on the UI thread. Thumbnails
too: a page shows a placeholder at once and its thumbnail when a worker has decoded it at
thumbnail size (JPEG's reduced decode, by Qt's reader); decoded thumbnails are kept in a small cache keyed
by the page bytes' digest, so switching back to a slot decodes nothing.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from collections import OrderedDict
from typing import Callable

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRunnable, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QIcon, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QLabel, QListView,
                               QListWidget, QListWidgetItem, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from shared.i18n import N_, tr

THUMB = 160
_ids = itertools.count(1)


def default_processor(image: np.ndarray) -> dict:
    """Run the page pipeline on a captured image; return a page dict."""
    from shared.capture.page import process_page

    page = process_page(image)
    return {"data": page.data, "meta": page.metadata()}


def rotate_page(page: dict, quarter_turns: int) -> dict:
    """The page turned by ``quarter_turns`` x 90° clockwise, re-encoded in its format."""
    import cv2

    from shared.capture.page_enhance import encode
    from shared.devices.page_io import decode_image_bytes

    img = decode_image_bytes(page["data"])
    if page.get("meta", {}).get("mode") in ("text", "bilevel"):
        img = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)  # keep grey pages one channel
    k = quarter_turns % 4
    codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    if k:
        img = cv2.rotate(img, codes[k])
    meta = dict(page.get("meta", {}))
    if meta.get("format") == "png":
        data = cv2.imencode(".png", img)[1].tobytes()
    else:
        data = encode(img, int(meta.get("quality") or 85))
    meta.update(width=img.shape[1], height=img.shape[0], size_bytes=len(data),
                rotation=(int(meta.get("rotation", 0)) + 90 * k) % 360)
    return {"data": data, "meta": meta}


class _Signals(QObject):
    done = Signal(int, object)      # job id, page dict
    failed = Signal(int, str)       # job id, message


class _ProcessJob(QRunnable):
    """Process one image off the UI thread and report through queued signals."""

    def __init__(self, job_id: int, image: np.ndarray, processor: Callable, signals: _Signals):
        super().__init__()
        self.job_id, self.image, self.processor, self.signals = job_id, image, processor, signals

    def run(self) -> None:
        try:
            page = self.processor(self.image)
        except Exception as exc:  # reported to the UI; YizhanError carries a readable text
            self.signals.failed.emit(self.job_id, str(exc))
            return
        self.signals.done.emit(self.job_id, page)


CACHE_SIZE = 96  # thumbnails kept (at most THUMB x THUMB x 4 bytes each: about 10 MB)
_cache: OrderedDict[bytes, QImage] = OrderedDict()
_cache_lock = threading.Lock()
decoded_on: list[bool] = []  # per decode (cache misses only): whether it ran on the main thread (tests)
decoded_at: list[tuple[int, int]] = []  # per decode: the size the reader was asked to decode at (tests)


def clear_thumbnail_cache() -> None:
    """Forget every cached thumbnail (a closed case gives its memory back)."""
    with _cache_lock:
        _cache.clear()


def thumbnail_image(data: bytes, meta: dict | None = None) -> QImage:
    """The page as a QImage fitting THUMB x THUMB, decoded at reduced size (any thread).

    Qt's own reader decodes it: a JPEG at the reduced DCT scale (libjpeg's ``scale_denom``)
    without ever holding the full-size image, and without loading OpenCV into the counter just to
    show thumbnails (bench P10: OpenCV alone keeps about 25 MB resident once imported)."""
    key = hashlib.blake2b(data, digest_size=16).digest()
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    decoded_on.append(threading.current_thread() is threading.main_thread())
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buf)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() > 0 and size.height() > 0:
        scale = min(THUMB / size.width(), THUMB / size.height(), 1.0)
        if scale < 1.0:
            size = QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
            reader.setScaledSize(size)
        decoded_at.append((size.width(), size.height()))
    image = reader.read()
    buf.close()
    if image.isNull():
        return QImage()
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    with _cache_lock:
        _cache[key] = image
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return image


class _ThumbSignals(QObject):
    done = Signal(int, int, object)  # item key, version, QImage


class _ThumbJob(QRunnable):
    """Decode one thumbnail off the UI thread."""

    def __init__(self, key: int, version: int, page: dict, signals: _ThumbSignals):
        super().__init__()
        self.key, self.version, self.page, self.signals = key, version, page, signals

    def run(self) -> None:
        try:
            image = thumbnail_image(self.page["data"], self.page.get("meta") or {})
        except Exception:  # an undecodable page keeps its placeholder
            image = QImage()
        self.signals.done.emit(self.key, self.version, image)


_placeholder: QIcon | None = None


def _placeholder_icon() -> QIcon:
    global _placeholder
    if _placeholder is None:
        pix = QPixmap(THUMB * 3 // 4, THUMB)
        pix.fill(Qt.lightGray)
        _placeholder = QIcon(pix)
    return _placeholder


class QtPagePreview(QDialog):
    """A zoomable view of one page (buttons and Ctrl+wheel-free: kiosks are touch screens)."""

    def __init__(self, data: bytes, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("页面预览"))
        self._image = QImage.fromData(data)
        self._zoom = 1.0
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.label)
        scroll.setWidgetResizable(True)
        bar = QHBoxLayout()
        for text, factor in ((N_("缩小"), 0.8), (N_("放大"), 1.25)):
            btn = QPushButton(tr(text))
            btn.clicked.connect(lambda _=False, f=factor: self.zoom_by(f))
            bar.addWidget(btn)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(bar)
        self.resize(800, 900)
        self.zoom_by(min(1.0, 760 / max(1, self._image.width())))

    def zoom_by(self, factor: float) -> None:
        """Scale the shown page by ``factor`` (kept between 10 % and 400 %)."""
        self._zoom = max(0.1, min(4.0, self._zoom * factor))
        w = int(self._image.width() * self._zoom)
        self.label.setPixmap(QPixmap.fromImage(self._image).scaledToWidth(
            max(1, w), Qt.SmoothTransformation))

    @property
    def zoom(self) -> float:
        return self._zoom


class QtPagesView(QWidget):
    """Thumbnails of one slot's pages with rotate, delete, retake and zoom."""

    pagesChanged = Signal(list)
    retakeRequested = Signal(int)
    processingFailed = Signal(str)

    def __init__(self, pages: list[dict] | None = None, processor: Callable | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.processor = processor or default_processor
        self.pool = QThreadPool.globalInstance()
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._pending: dict[int, int | None] = {}   # job id -> index to replace (or None)
        self._pages: dict[int, dict] = {}           # item key -> page
        self._versions: dict[int, int] = {}         # item key -> version of its page (thumbnail jobs)
        self._thumbs = _ThumbSignals()
        self._thumbs.done.connect(self._on_thumbnail)
        self.list = QListWidget()
        self.list.setViewMode(QListView.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setResizeMode(QListView.Adjust)
        self.list.setSpacing(8)
        self.list.setMovement(QListView.Snap)
        self.list.setDragDropMode(QAbstractItemView.InternalMove)
        self.list.setDefaultDropAction(Qt.MoveAction)
        self.list.model().rowsMoved.connect(lambda *a: self._emit())
        self.list.itemDoubleClicked.connect(lambda item: self.open_preview(self.list.row(item)))
        bar = QHBoxLayout()
        for text, slot in ((N_("左转"), lambda: self.rotate_selected(-1)),
                           (N_("右转"), lambda: self.rotate_selected(1)),
                           (N_("删除"), self.delete_selected), (N_("重拍"), self._retake_selected),
                           (N_("放大"), lambda: self.open_preview(self.list.currentRow()))):
            btn = QPushButton(tr(text))
            btn.clicked.connect(slot)
            bar.addWidget(btn)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(bar)
        self.set_pages(pages or [], emit=False)

    # -- the model -------------------------------------------------------------------------
    def pages(self) -> list[dict]:
        """The pages in their shown order."""
        return [self._pages[self.list.item(i).data(Qt.UserRole)] for i in range(self.list.count())]

    def set_pages(self, pages: list[dict], emit: bool = True) -> None:
        """Replace all pages."""
        self.list.clear()
        self._pages.clear()
        self._versions.clear()
        for page in pages:
            self._insert(self.list.count(), page)
        if emit:
            self._emit()

    def _insert(self, row: int, page: dict) -> None:
        key = next(_ids)
        self._pages[key] = page
        item = QListWidgetItem(_placeholder_icon(), tr("第 {n} 页", n=row + 1))
        item.setData(Qt.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemIsDragEnabled)
        self.list.insertItem(row, item)
        self._decode_thumbnail(key, page)

    def _set_row(self, row: int, page: dict) -> None:
        item = self.list.item(row)
        self._pages[item.data(Qt.UserRole)] = page
        self._decode_thumbnail(item.data(Qt.UserRole), page)

    def _decode_thumbnail(self, key: int, page: dict) -> None:
        version = self._versions.get(key, 0) + 1
        self._versions[key] = version
        self.pool.start(_ThumbJob(key, version, page, self._thumbs))

    @Slot(int, int, object)
    def _on_thumbnail(self, key: int, version: int, image: QImage) -> None:
        if self._versions.get(key) != version or image.isNull():
            return  # the page changed or left since
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.UserRole) == key:
                item.setIcon(QIcon(QPixmap.fromImage(image)))
                return

    def thumbnails_pending(self) -> int:
        """Pages still showing their placeholder (for tests and benches)."""
        return sum(1 for i in range(self.list.count())
                   if self.list.item(i).icon().cacheKey() == _placeholder_icon().cacheKey())

    def _emit(self) -> None:
        for i in range(self.list.count()):  # labels follow the order after a drag
            self.list.item(i).setText(tr("第 {n} 页", n=i + 1))
        self.pagesChanged.emit(self.pages())

    # -- actions ----------------------------------------------------------------------------
    def add_images(self, images: list[np.ndarray]) -> None:
        """Process captured images off the UI thread and append them as pages."""
        for image in images:
            self._start(image, None)

    def replace_image(self, row: int, image: np.ndarray) -> None:
        """Process a retaken image and put it in place of page ``row``."""
        self._start(image, row)

    def _start(self, image: np.ndarray, row: int | None) -> None:
        job_id = next(_ids)
        self._pending[job_id] = row
        self.pool.start(_ProcessJob(job_id, image, self.processor, self._signals))

    def busy(self) -> bool:
        """True while images are being processed."""
        return bool(self._pending)

    @Slot(int, object)
    def _on_done(self, job_id: int, page: dict) -> None:
        row = self._pending.pop(job_id, None)
        if row is not None and 0 <= row < self.list.count():
            self._set_row(row, page)
        else:
            self._insert(self.list.count(), page)
        self._emit()

    @Slot(int, str)
    def _on_failed(self, job_id: int, message: str) -> None:
        self._pending.pop(job_id, None)
        self.processingFailed.emit(message)

    def rotate_selected(self, quarter_turns: int = 1) -> None:
        """Turn the selected page by 90° steps (positive: clockwise)."""
        row = self.list.currentRow()
        if row < 0:
            return
        self._set_row(row, rotate_page(self.pages()[row], quarter_turns))
        self._emit()

    def delete_selected(self) -> None:
        """Remove the selected page."""
        row = self.list.currentRow()
        if row < 0:
            return
        item = self.list.takeItem(row)
        self._pages.pop(item.data(Qt.UserRole), None)
        self._versions.pop(item.data(Qt.UserRole), None)
        self._emit()

    def move_page(self, src: int, dst: int) -> None:
        """Move page ``src`` to position ``dst`` (what a drag does, for buttons and tests)."""
        if not (0 <= src < self.list.count() and 0 <= dst < self.list.count()) or src == dst:
            return
        item = self.list.takeItem(src)
        self.list.insertItem(dst, item)
        self.list.setCurrentRow(dst)
        self._emit()

    def _retake_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.retakeRequested.emit(row)

    def open_preview(self, row: int) -> QtPagePreview | None:
        """Show page ``row`` enlarged in a non-modal dialog (returned)."""
        if not 0 <= row < self.list.count():
            return None
        dialog = QtPagePreview(self.pages()[row]["data"], self)
        dialog.show()
        return dialog

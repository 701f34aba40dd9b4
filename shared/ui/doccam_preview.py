"""QtDocCamPreview: the document camera's live picture with the page outline, capturing when still.

The frames are read and analysed on a worker thread (outline search on a 640 px copy, still
detection as :meth:`DocumentCamera.acquire` does it); the dialog only shows the small preview
images it is sent. It captures by itself once the page lies still (or at 拍摄), emits
``captured(list)`` with the ORIGINAL full-size frames and closes. A stream that ends without
a capture (a video file) reports ``failed`` with a message saying what to do.
"""

from __future__ import annotations

import threading
import time
from typing import Callable

import numpy as np
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from shared.i18n import tr

PREVIEW_W = 640


class _Feed(QObject):
    frame = Signal(object, bool)   # small BGR image with the outline drawn, page found
    captured = Signal(list)
    failed = Signal(object)


def preview_image(frame: np.ndarray) -> tuple[np.ndarray, bool]:
    """A 640 px copy of ``frame`` with the page outline drawn (and whether one was found)."""
    import cv2

    from shared.capture.page_geometry import find_page_corners

    scale = PREVIEW_W / frame.shape[1]
    small = cv2.resize(frame, (PREVIEW_W, round(frame.shape[0] * scale)), interpolation=cv2.INTER_AREA)
    corners, how = find_page_corners(small)
    if corners is not None and how != "none":
        cv2.polylines(small, [np.int32(corners).reshape(-1, 1, 2)], True, (0, 200, 0), 3)
    return small, corners is not None and how != "none"


class _CaptureJob(QRunnable):
    def __init__(self, open_camera: Callable, feed: _Feed, stop: threading.Event, shutter: threading.Event,
                 max_pages: int, pace: float, still_frames: int) -> None:
        super().__init__()
        self.open_camera, self.feed, self.stop, self.shutter = open_camera, feed, stop, shutter
        self.max_pages, self.pace, self.still_frames = max_pages, pace, still_frames

    @Slot()
    def run(self) -> None:
        from shared.capture.page import is_still
        from shared.errors import DeviceError
        from shared.i18n import Msg

        taken: list[np.ndarray] = []
        try:
            with self.open_camera() as cam:
                prev, still, armed = None, 0, True
                for n, frame in enumerate(cam.frames()):
                    if self.stop.is_set() or len(taken) >= self.max_pages:
                        break
                    if n % 2 == 0:
                        self.feed.frame.emit(*preview_image(frame))
                    still = still + 1 if is_still(prev, frame) else 0
                    armed = armed or still == 0
                    prev = frame
                    if (armed and still >= self.still_frames) or self.shutter.is_set():
                        self.shutter.clear()
                        armed = False
                        taken.append(frame.copy())
                    if self.pace:
                        time.sleep(self.pace)
        except Exception as exc:  # handed to the UI thread's notification path
            self.feed.failed.emit(exc)
            return
        if self.stop.is_set() and not taken:
            return
        if not taken:
            self.feed.failed.emit(DeviceError(Msg("doccam.no_still",
                                                  "没有拍到稳定的画面，请将材料放平、手离开画面后重试", {})))
            return
        self.feed.captured.emit(taken)


class QtDocCamPreview(QDialog):
    """Live document-camera preview; ``open_camera()`` returns a fresh DocumentCamera."""

    captured = Signal(list)
    failed = Signal(object)

    def __init__(self, open_camera: Callable, max_pages: int = 1, pace: float = 0.0,
                 still_frames: int = 4, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("高拍仪"))
        self.setObjectName("doccamPreview")
        self._stop, self._shutter = threading.Event(), threading.Event()
        self._feed = _Feed()
        self._feed.frame.connect(self._show_frame)
        self._feed.captured.connect(self._done)
        self._feed.failed.connect(self._failed)
        self.picture = QLabel(tr("正在打开高拍仪……"))
        self.picture.setAlignment(Qt.AlignCenter)
        self.picture.setMinimumSize(PREVIEW_W, 480)
        self.hint = QLabel(tr("请将材料平放在高拍仪下，手离开画面后自动拍摄"))
        shoot = QPushButton(tr("拍摄"))
        shoot.setObjectName("doccamShoot")
        shoot.clicked.connect(self._shutter.set)
        cancel = QPushButton(tr("取消"))
        cancel.clicked.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.hint, 1)
        bar.addWidget(shoot)
        bar.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addLayout(bar)
        self.frames_shown = 0
        self._job = _CaptureJob(open_camera, self._feed, self._stop, self._shutter, max_pages, pace, still_frames)

    def start(self) -> None:
        """Show the dialog and start reading frames."""
        self.show()
        QThreadPool.globalInstance().start(self._job)

    def _show_frame(self, small: np.ndarray, found: bool) -> None:
        import cv2

        rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
        img = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format_RGB888).copy()
        self.picture.setPixmap(QPixmap.fromImage(img))
        self.hint.setText(tr("已找到页面边框，保持不动即自动拍摄") if found else
                          tr("请将材料平放在高拍仪下，手离开画面后自动拍摄"))
        self.frames_shown += 1

    def _done(self, frames: list) -> None:
        self.captured.emit(frames)
        self.accept()

    def _failed(self, exc) -> None:
        self.failed.emit(exc)
        self.reject()

    def done(self, result: int) -> None:  # noqa: D401 - Qt override: stop the worker on close
        self._stop.set()
        super().done(result)

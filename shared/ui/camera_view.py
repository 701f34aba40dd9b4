"""QtCameraView: the live face camera with the face box and large Chinese guidance.

Three threads, none waiting for another: the :class:`~shared.devices.camera.CameraStream`
thread fills a one-frame slot; a worker thread analyses only the newest frame (older ones are
simply never looked at) and feeds auto-capture; the UI thread polls the slot with a QTimer and
paints. Results reach the UI as queued signals, so a slow analysis never stalls the display.
"""

from __future__ import annotations

import logging
import threading
import time

import numpy as np
from PySide6.QtCore import QRectF, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from shared.capture.autocapture import AutoCapture, FaceEvidence
from shared.capture.face_quality import QualityReport
from shared.devices.camera import CameraStream
from shared.i18n import Msg
from shared.ui.theme import colour

log = logging.getLogger(__name__)

NO_CAMERA = Msg("camera.missing", "未找到摄像头，请检查连接后重试", {})
DONE = Msg("face.captured", "采集完成", {})
STARTING = Msg("camera.starting", "正在打开摄像头…", {})


class QtFaceWorker(QThread):
    """Analyses the newest frame of a stream, again and again, and feeds auto-capture."""

    analysed = Signal(int, object)      # frame id, QualityReport
    captured = Signal(object)           # FaceEvidence

    def __init__(self, stream: CameraStream, analyzer, autocapture: AutoCapture | None,
                 max_fps: float = 15.0, parent=None) -> None:
        super().__init__(parent)
        self.stream, self.analyzer, self.autocapture = stream, analyzer, autocapture
        # guidance and capture need no more than ~15 analyses a second; the rest of the CPU
        # goes to the display (the counter PC has two cores shared with everything else)
        self.min_interval = 1.0 / max_fps if max_fps > 0 else 0.0
        self._stop = threading.Event()

    def stop(self) -> None:
        """Ask the loop to end and wait for it."""
        self._stop.set()
        self.stream.slot.wake()
        self.wait(3000)

    def run(self) -> None:
        last = 0
        while not self._stop.is_set():
            item = self.stream.wait_newer(last, timeout=0.2)
            if item is None:
                if self.stream.error is not None:
                    self._stop.wait(0.2)   # the camera is gone: idle, do not spin
                continue
            last, frame = item
            started = time.monotonic()
            try:
                report = self.analyzer.assess(frame)
            except Exception:   # a bad frame must not end the live view
                log.exception("face analysis failed")
                continue
            self.analysed.emit(last, report)
            if self.autocapture is not None:
                evidence = self.autocapture.feed(frame, report, last)
                if evidence is not None:
                    self.captured.emit(evidence)
            if self.min_interval:
                self._stop.wait(max(0.0, self.min_interval - (time.monotonic() - started)))


class QtCameraView(QWidget):
    """Shows a :class:`CameraStream` with the face box and guidance; auto-captures the face.

    ``stream`` may be None: the view then shows the 'no camera' message and the rest of the app
    carries on. Signals: ``captured(FaceEvidence)``, ``guidance(str)`` (when the advice
    changes), ``cameraError(str)``.
    """

    captured = Signal(object)
    guidance = Signal(str)
    cameraError = Signal(str)

    def __init__(self, stream: CameraStream | None = None, analyzer=None,
                 autocapture: AutoCapture | None = None, display_fps: int = 30,
                 analysis_fps: float = 15.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.stream, self.analyzer, self.autocapture = stream, analyzer, autocapture
        self.analysis_fps = analysis_fps
        self._timer = QTimer(self)
        self._timer.setInterval(max(5, 1000 // display_fps))
        self._timer.timeout.connect(self._poll)
        self._worker: QtFaceWorker | None = None
        self._image: QImage | None = None
        self._frame_size = (0, 0)
        self._shown_id = 0
        self.report: QualityReport | None = None
        self.evidence: FaceEvidence | None = None
        self.text = NO_CAMERA.render() if stream is None else STARTING.render()
        self.error: str | None = None if stream is not None else self.text

    # -- life cycle -------------------------------------------------------------------------
    def set_stream(self, stream: CameraStream | None) -> None:
        """Switch to another stream (or to None: 'no camera')."""
        running = self._timer.isActive()
        self.stop()
        self.stream = stream
        self._image, self._shown_id, self.report = None, 0, None
        if running:
            self.start()
        self.update()

    def start(self) -> None:
        """Start the camera, the analysis worker and the display timer (idempotent)."""
        if self._worker is not None:
            return
        if self.stream is None:
            self._set_error(NO_CAMERA.render())
            return
        if self.analyzer is None:
            from shared.capture.face import default_analyzer
            self.analyzer = default_analyzer()
        if self.autocapture is not None and not self.autocapture.device:
            self.autocapture.device = self.stream.camera.name
        self.error = None
        self._set_text(STARTING.render())
        self.stream.start()
        self._worker = QtFaceWorker(self.stream, self.analyzer, self.autocapture,
                                    self.analysis_fps, self)
        self._worker.analysed.connect(self._on_analysed)
        self._worker.captured.connect(self._on_captured)
        self._worker.start()
        self._timer.start()

    def stop(self) -> None:
        """Stop displaying, analysing and capturing (the camera is released)."""
        self._timer.stop()
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
        if self.stream is not None:
            self.stream.stop()

    def restart_capture(self) -> None:
        """Capture again (after the officer rejected the picture, or for the next person)."""
        self.evidence = None
        if self.autocapture is not None:
            self.autocapture.reset()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.stop()
        super().closeEvent(event)

    # -- slots ------------------------------------------------------------------------------
    def _poll(self) -> None:
        stream = self.stream
        if stream is None:
            return
        if stream.error is not None and self.error is None:
            self._set_error(stream.error.msg.render())
            return
        item = stream.latest()
        if item is None or item[0] == self._shown_id:
            return
        self._shown_id, frame = item
        self._image = self._to_image(frame)
        self.update()

    def _to_image(self, frame: np.ndarray) -> QImage:
        import cv2
        h, w = frame.shape[:2]
        self._frame_size = (w, h)
        scale = min(self.width() / w, self.height() / h, 1.0)
        if scale < 1.0:   # shrink on our side: cheaper than letting Qt scale full frames
            # bilinear is 5x cheaper than area averaging and looks the same above half size
            interp = cv2.INTER_AREA if scale < 0.5 else cv2.INTER_LINEAR
            frame = cv2.resize(frame, (max(1, int(w * scale)), max(1, int(h * scale))),
                               interpolation=interp)
        frame = np.ascontiguousarray(frame)
        fh, fw = frame.shape[:2]
        return QImage(frame.data, fw, fh, frame.strides[0], QImage.Format.Format_BGR888).copy()

    def _on_analysed(self, frame_id: int, report: QualityReport) -> None:
        self.report = report
        if self.evidence is not None:
            return
        msg = report.guidance
        ac = self.autocapture
        if ac is not None and report.passed and ac.waiting_for_liveness:
            msg = ac.liveness.prompt
        self._set_text(msg.render())
        self.update()

    def _on_captured(self, evidence: FaceEvidence) -> None:
        self.evidence = evidence
        self._set_text(DONE.render())
        self.captured.emit(evidence)

    def _set_text(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.guidance.emit(text)
            self.update()

    def _set_error(self, text: str) -> None:
        self.error = text
        self._image = None
        self._set_text(text)
        self.cameraError.emit(text)
        self.update()

    # -- painting ---------------------------------------------------------------------------
    def _image_rect(self) -> QRectF:
        if self._image is None:
            return QRectF()
        iw, ih = self._image.width(), self._image.height()
        scale = min(self.width() / iw, self.height() / ih)
        w, h = iw * scale, ih * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), colour("camera_bg"))
        if self._image is not None and self.error is None:
            target = self._image_rect()
            p.drawImage(target, self._image)
            self._paint_box(p, target)
            self._paint_band(p)
        else:
            self._paint_message(p)
        p.end()

    def _paint_box(self, p: QPainter, target: QRectF) -> None:
        report = self.report
        if report is None or report.box is None or not self._frame_size[0]:
            return
        s = target.width() / self._frame_size[0]
        x, y, w, h = report.box
        frame = colour("camera_pass") if report.passed else colour("camera_hint")
        p.setPen(QPen(frame, max(2.0, self.height() / 160)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(QRectF(target.x() + x * s, target.y() + y * s, w * s, h * s), 8, 8)

    def _font(self, fraction: float) -> QFont:
        font = QFont()
        font.setFamilies(["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei"])
        font.setPixelSize(max(18, int(self.height() * fraction)))
        font.setBold(True)
        return font

    def _paint_band(self, p: QPainter) -> None:
        font = self._font(0.075)
        band_h = font.pixelSize() * 2
        band = QRectF(0, self.height() - band_h, self.width(), band_h)
        p.fillRect(band, colour("camera_band"))
        p.setFont(font)
        ok = self.report is not None and self.report.passed or self.evidence is not None
        p.setPen(colour("camera_ok_text") if ok else colour("camera_text"))
        p.drawText(band, Qt.AlignmentFlag.AlignCenter, self.text)

    def _paint_message(self, p: QPainter) -> None:
        p.setFont(self._font(0.06))
        p.setPen(colour("camera_muted_text"))
        p.drawText(self.rect().adjusted(20, 20, -20, -20),
                   Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.text)

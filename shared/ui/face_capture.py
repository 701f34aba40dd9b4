"""QtFaceCapture: the live camera for one person at a time, opened off the UI thread.

Wraps :class:`~shared.ui.camera_view.QtCameraView`: opens the configured camera (``auto`` and
``sim`` fall back to the generated camera; a missing named camera shows "未找到摄像头" and the
rest of the app carries on), captures one face that passed the quality gates for the current
target, then releases the camera. Signals: ``captured(FaceEvidence)``, ``unavailable(str)``.
"""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shared.capture.autocapture import AutoCapture, FaceEvidence
from shared.i18n import tr
from shared.ui.camera_view import QtCameraView
from shared.ui.notify import notify
from shared.ui.tasks import run_task
from shared.ui.theme import set_role

log = logging.getLogger("yizhan.ui.face")


def open_configured_camera(spec: str | int = "auto"):
    """The camera for a settings spec; ``auto`` / ``sim`` / empty fall back to the generated
    camera. Raises DeviceError for a named camera that is missing. Slow: off the UI thread."""
    from shared.devices.camera import GeneratedCamera, open_camera
    if spec in (None, "", "sim"):
        return GeneratedCamera().open()
    return open_camera(spec)


class QtFaceCapture(QWidget):
    """The camera view with whom it is capturing for, a status line, 重新采集 and 停止."""

    captured = Signal(object)
    unavailable = Signal(str)

    def __init__(self, camera_spec: str | int = "auto", camera_factory: Callable | None = None,
                 analyzer=None, good_frames: int = 5, liveness_factory: Callable | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.camera_spec, self.camera_factory = camera_spec, camera_factory
        self.analyzer, self.good_frames = analyzer, good_frames
        self.liveness_factory = liveness_factory
        self.camera = None
        self.target: object = None
        self._opening = False
        self.target_label = QLabel(tr("请先选择要采集人脸的当事人"))
        self.target_label.setObjectName("faceTarget")
        set_role(self.target_label, "strong")
        self.view = QtCameraView(None, analyzer=analyzer)
        self.view.setMinimumSize(360, 270)
        self.view.text, self.view.error = tr("选择当事人后点击“采集人脸”"), None
        self.view.captured.connect(self._on_captured)
        self.view.cameraError.connect(self._on_camera_error)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.retry_button = QPushButton(tr("重新采集"))
        self.retry_button.clicked.connect(lambda: self.begin(self.target, self.target_label.text()))
        self.stop_button = QPushButton(tr("停止"))
        self.stop_button.clicked.connect(self.stop)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.target_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._update_buttons()

    @property
    def simulated(self) -> bool:
        """True when the frames are generated (demo / no camera at this desk)."""
        from shared.devices.camera import GeneratedCamera
        return isinstance(self.camera, GeneratedCamera)

    @property
    def running(self) -> bool:
        return self.view._worker is not None

    def _update_buttons(self) -> None:
        self.retry_button.setEnabled(self.target is not None and not self._opening)
        self.stop_button.setEnabled(self.running)

    # -- capture ----------------------------------------------------------------------------
    def begin(self, target: object, label: str) -> None:
        """Start capturing one face for ``target`` (any key the caller uses)."""
        self.stop()
        self.target = target
        self.target_label.setText(label)
        self.status.setText("")
        if self.camera is None:
            self._open_camera()
        else:
            self._start()
        self._update_buttons()

    def _open_camera(self) -> None:
        if self._opening:
            return
        self._opening = True
        self.status.setText(tr("正在打开摄像头…"))
        factory = self.camera_factory or (lambda: open_configured_camera(self.camera_spec))
        analyzer = self.analyzer

        def work():
            camera = factory()
            camera.open()
            from shared.capture.face import default_analyzer
            return camera, analyzer or default_analyzer()   # models load here, not on the UI
        run_task(work, self._camera_opened, self._camera_failed, parent=self)

    def _camera_opened(self, result) -> None:
        from shared.devices.camera import CameraStream
        self._opening = False
        self.camera, self.analyzer = result
        self.view.analyzer = self.analyzer
        self.view.set_stream(CameraStream(self.camera))
        if self.target is not None:
            self._start()
        self._update_buttons()

    def _camera_failed(self, exc: BaseException) -> None:
        self._opening = False
        text = exc.msg.render() if hasattr(exc, "msg") else tr("摄像头无法打开")
        if not hasattr(exc, "msg"):
            log.error("camera failed to open: %s", type(exc).__name__)
        self.view.set_stream(None)
        self.view.start()   # shows the 'no camera' message in the view
        self._on_camera_error(text)
        self._update_buttons()

    def _on_camera_error(self, text: str) -> None:
        self.status.setText(text + tr("（可先完成其他步骤）"))
        notify(text, "warning")
        self.unavailable.emit(text)

    def _start(self) -> None:
        liveness = self.liveness_factory() if self.liveness_factory else None
        self.view.autocapture = AutoCapture(good_frames=self.good_frames, liveness=liveness,
                                            device=self.camera.name)
        self.view.evidence = None
        self.view.start()
        self.status.setText(tr("请当事人正对镜头"))

    def _on_captured(self, evidence: FaceEvidence) -> None:
        self.view.stop()   # release the camera between people
        self.status.setText(tr("人脸采集完成（清晰度 {s}）", s="{:.0f}".format(evidence.sharpness)))
        self._update_buttons()
        self.captured.emit(evidence)

    def clear(self) -> None:
        """Stop and forget the person and the last picture (another case is opened)."""
        self.stop()
        self.target = None
        self.target_label.setText(tr("请先选择要采集人脸的当事人"))
        self.status.setText("")
        self.view.evidence = None
        self.view.set_stream(self.view.stream)  # drops the last frame shown
        self._update_buttons()

    def stop(self) -> None:
        """Stop the camera (idempotent)."""
        self.view.stop()
        self._update_buttons()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.stop()
        super().closeEvent(event)

"""The capture thread (:class:`CameraStream`), :func:`open_camera` and the device check.

Re-exported by :mod:`shared.devices.camera`; import them from there.
"""

from __future__ import annotations

import glob
import logging
import re
import sys
import threading
import time
from collections import deque
from pathlib import Path

import numpy as np

from shared.devices.camera import (Camera, GeneratedCamera, LatestSlot, OpenCvCamera,
                                   _missing)
from shared.errors import DeviceError, YizhanError
from shared.i18n import Msg

log = logging.getLogger(__name__)


class CameraStream:
    """Reads a :class:`Camera` on its own thread into a :class:`LatestSlot`.

    ``state`` is ``"stopped"``, ``"running"`` or ``"error"``; on a device error the thread ends
    and ``error`` holds the :class:`DeviceError` to show (the app keeps working without a camera).
    Non-realtime sources (files, generated frames) are paced at their nominal fps.
    """

    def __init__(self, camera: Camera, pace: bool = True) -> None:
        self.camera = camera
        self.pace = pace and not camera.realtime
        self.slot = LatestSlot()
        self.error: YizhanError | None = None
        self.frames = 0
        self._stamps: deque[float] = deque(maxlen=30)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        """``"running"``, ``"error"`` or ``"stopped"``."""
        if self.error is not None:
            return "error"
        return "running" if self._thread is not None and self._thread.is_alive() else "stopped"

    @property
    def fps(self) -> float:
        """Frames per second measured over the last 30 frames (0 before two frames)."""
        with self._lock:
            if len(self._stamps) < 2:
                return 0.0
            span = self._stamps[-1] - self._stamps[0]
            return (len(self._stamps) - 1) / span if span > 0 else 0.0

    @property
    def dropped(self) -> int:
        """Frames overwritten before any consumer looked at them."""
        return self.slot.dropped

    def start(self) -> "CameraStream":
        """Open the camera if needed and start capturing. Errors land in ``error``."""
        if self._thread is not None and self._thread.is_alive():
            return self
        self._stop.clear()
        self.error = None
        self._thread = threading.Thread(target=self._run, name="camera-capture", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 3.0) -> None:
        """Stop capturing, release the camera and wait for the thread."""
        self._stop.set()
        self.slot.wake()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def latest(self) -> tuple[int, np.ndarray] | None:
        """The newest (frame_id, frame) or None; never blocks, never returns a stale queue."""
        return self.slot.latest()

    def wait_newer(self, after_id: int, timeout: float | None = None
                   ) -> tuple[int, np.ndarray] | None:
        """Block until a frame newer than ``after_id`` arrives (None on timeout or stop)."""
        if self._stop.is_set() or self.error is not None:
            return None
        return self.slot.wait_newer(after_id, timeout)

    def _run(self) -> None:
        try:
            self.camera.open()
            period = 1.0 / self.camera.fps if self.pace and self.camera.fps > 0 else 0.0
            due = time.monotonic()
            while not self._stop.is_set():
                frame = self.camera.read()
                self.slot.put(frame)
                now = time.monotonic()
                with self._lock:
                    self.frames += 1
                    self._stamps.append(now)
                if period:
                    due = max(due + period, now - period)   # no catch-up burst after a hiccup
                    self._stop.wait(max(0.0, due - now))
        except YizhanError as err:
            log.warning("camera %s: %s", self.camera.name, err.msg.code)
            self.error = err
            self.slot.wake()
        except Exception as exc:   # a driver bug must not kill the app: report it as lost
            log.exception("camera %s failed", self.camera.name)
            self.error = DeviceError(Msg("camera.failed", "摄像头工作异常，请重新插好摄像头后重试",
                                         {"detail": type(exc).__name__}))
            self.slot.wake()
        finally:
            self.camera.close()

    def __enter__(self) -> "CameraStream":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def open_camera(spec: int | str | Path = "auto") -> Camera:
    """An opened camera for a settings spec.

    ``"auto"``: device 0 if it opens, else the simulated camera; ``"sim"``: simulated; an int
    (or digits): that device index; anything else: a video file or image-sequence pattern.
    Raises :class:`DeviceError` when an explicitly named camera is missing.
    """
    if isinstance(spec, str) and spec.strip().isdigit():
        spec = int(spec.strip())
    if spec == "auto":
        try:
            return OpenCvCamera(0).open()
        except DeviceError:
            log.info("no camera at index 0, using the simulated camera")
            return GeneratedCamera().open()
    if spec == "sim":
        return GeneratedCamera().open()
    if isinstance(spec, int):
        return OpenCvCamera(spec).open()
    return OpenCvCamera(Path(spec) if "%" not in str(spec) else str(spec)).open()


def _device_indices() -> list[int]:
    if sys.platform.startswith("linux"):
        nodes = glob.glob("/dev/video*")
        return sorted(int(m.group(1)) for n in nodes if (m := re.search(r"video(\d+)$", n)))
    return [0, 1]


def check() -> list[dict]:
    """Probe cameras for ``yizhan devices check``: one dict per item (the face models are
    checked by :func:`shared.capture.face_models.check`)."""
    results: list[dict] = []
    for index in _device_indices():
        cam = OpenCvCamera(index)
        entry: dict = {"kind": "camera", "name": cam.name, "ok": False}
        try:
            with cam:
                frame = cam.read()
            entry.update(ok=True, resolution="{}x{}".format(frame.shape[1], frame.shape[0]),
                         message=Msg("camera.ok", "摄像头工作正常", {}).render())
        except YizhanError as err:
            entry["message"] = err.msg.render()
        results.append(entry)
    if not results:
        results.append({"kind": "camera", "name": "camera", "ok": False,
                        "message": _missing().msg.render(),
                        "fallback": GeneratedCamera().name})
    return results

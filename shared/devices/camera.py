"""Cameras behind one small interface, and a capture thread that keeps only the newest frame.

There is no camera on the build machines (and often a cheap USB one at a counter), so every
source speaks the same :class:`Camera` interface: :class:`OpenCvCamera` (a device index, a video
file or an image-sequence pattern through ``cv2.VideoCapture``) and :class:`GeneratedCamera`
(frames made in memory: a face photo moving slowly, looped). App code calls :func:`open_camera`
with the configured spec and never branches on the kind of source.

:class:`CameraStream` runs ``read()`` on its own thread and puts each frame in a one-frame slot:
a slow consumer gets the newest frame and stale ones are dropped, never queued, so the display
and the face analysis never lag behind the person in front of the camera.
"""

from __future__ import annotations

import abc
import logging
import os
import sys
import threading
from pathlib import Path
from typing import Any, Callable

import numpy as np

from shared.errors import DeviceError
from shared.i18n import Msg

log = logging.getLogger(__name__)


def _missing(detail: str = "") -> DeviceError:
    return DeviceError(Msg("camera.missing", "未找到摄像头，请检查连接后重试", {"detail": detail}))


def _lost() -> DeviceError:
    return DeviceError(Msg("camera.lost", "摄像头已断开，请重新插好摄像头后重试", {}))


class Camera(abc.ABC):
    """A frame source. ``read()`` returns a BGR ``uint8`` frame or raises :class:`DeviceError`."""

    #: a real device delivers frames at its own pace; other sources are paced by the stream
    realtime: bool = False
    fps: float = 25.0

    @property
    @abc.abstractmethod
    def name(self) -> str:
        """A name for logs, the device check and the evidence record."""

    @abc.abstractmethod
    def open(self) -> "Camera":
        """Open the source (idempotent); raises :class:`DeviceError` when missing. Returns self."""

    @abc.abstractmethod
    def read(self) -> np.ndarray:
        """The next frame; raises :class:`DeviceError` when the camera is lost."""

    def close(self) -> None:
        """Release the source (idempotent)."""

    def __enter__(self) -> "Camera":
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()


class OpenCvCamera(Camera):
    """``cv2.VideoCapture`` on a device index, a video file or a ``seq_%03d.png`` pattern.

    Files and sequences loop by default so they can stand in for a live camera.
    """

    def __init__(self, source: int | str | Path, loop: bool = True,
                 size: tuple[int, int] | None = None) -> None:
        self.source = source if isinstance(source, int) else str(source)
        self.realtime = isinstance(source, int)
        self.loop = loop
        self.size = size
        self._cap: Any = None

    @property
    def name(self) -> str:
        if isinstance(self.source, int):
            return "/dev/video{}".format(self.source) if sys.platform.startswith("linux") \
                else "camera {}".format(self.source)
        return os.path.basename(self.source)

    def open(self) -> "OpenCvCamera":
        if self._cap is not None:   # already open (open_camera opens, the stream opens again)
            return self
        import cv2
        if isinstance(self.source, int):
            # Asking V4L2 for a missing node logs noise and can stall; check the node first.
            if sys.platform.startswith("linux") and not os.path.exists(self.name):
                raise _missing(self.name)
        elif "%" not in self.source and not os.path.isfile(self.source):
            raise _missing(self.source)
        cap = cv2.VideoCapture(self.source)
        if not cap.isOpened():
            cap.release()
            raise _missing(self.name)
        if self.size and self.realtime:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.size[0])
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.size[1])
        fps = cap.get(cv2.CAP_PROP_FPS)
        if fps and 1 <= fps <= 120:
            self.fps = float(fps)
        self._cap = cap
        return self

    def read(self) -> np.ndarray:
        if self._cap is None:
            raise _missing(self.name)
        ok, frame = self._cap.read()
        if not ok and not self.realtime and self.loop:
            # rewinding with CAP_PROP_POS_FRAMES fails on image sequences: reopen instead
            self._cap.release()
            self._cap = None
            self.open()
            ok, frame = self._cap.read()
        if not ok or frame is None:
            raise _lost() if self.realtime else DeviceError(
                Msg("camera.ended", "视频源已结束或无法读取，请检查文件", {}))
        if frame.ndim == 2:
            import cv2
            frame = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
        return frame

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


def default_face_image() -> np.ndarray | None:
    """A portrait for the simulated camera: scikit-image's astronaut when installed."""
    try:
        from skimage import data
    except ImportError:
        return None
    import cv2
    img = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    return np.ascontiguousarray(img[10:310, 75:375])   # head and shoulders, face centred


class GeneratedCamera(Camera):
    """A simulated camera: frames generated in memory, looped.

    By default a face photo sways and breathes slightly in front of a plain background (enough
    for the quality gates to pass and auto-capture to fire). ``scene(index) -> frame`` replaces
    the generator entirely; ``fail_after`` frames simulates the cable being pulled.
    """

    def __init__(self, source: np.ndarray | None = None, size: tuple[int, int] = (1280, 720),
                 fps: float = 25.0, loop_frames: int = 100, motion: float = 0.03,
                 face_height: float = 0.8, scene: Callable[[int], np.ndarray] | None = None,
                 fail_after: int | None = None, name: str = "模拟摄像头") -> None:
        self.size, self.fps, self.loop_frames, self.motion = size, fps, loop_frames, motion
        self.face_height = face_height
        self.scene = scene
        self.fail_after = fail_after
        self._name = name
        self._source = source
        self.index = 0
        self._opened = False

    @property
    def name(self) -> str:
        return self._name

    def open(self) -> "GeneratedCamera":
        if self._source is None and self.scene is None:
            self._source = default_face_image()
        self._opened = True
        return self

    def read(self) -> np.ndarray:
        if not self._opened:
            raise _missing(self.name)
        if self.fail_after is not None and self.index >= self.fail_after:
            raise _lost()
        i = self.index
        self.index += 1
        if self.scene is not None:
            return self.scene(i)
        return self._render(i % self.loop_frames)

    def _render(self, i: int) -> np.ndarray:
        import cv2
        w, h = self.size
        if self._source is None:   # no photo at hand: a moving gradient, no face
            frame = np.empty((h, w, 3), np.uint8)
            frame[:] = (40 + (i * 2) % 60, 60, 80)
            return frame
        phase = 2 * np.pi * i / self.loop_frames
        sh, sw = self._source.shape[:2]
        scale = self.face_height * h / sh * (1 + self.motion * np.sin(2 * phase))
        dx = self.motion * w * np.sin(phase)
        dy = self.motion * h * 0.5 * np.cos(phase)
        m = np.float32([[scale, 0, w / 2 - sw * scale / 2 + dx],
                        [0, scale, h / 2 - sh * scale / 2 + dy]])
        return cv2.warpAffine(self._source, m, (w, h), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_CONSTANT, borderValue=(110, 104, 96))


class LatestSlot:
    """A one-frame mailbox: ``put`` overwrites, ``latest`` peeks, ``wait_newer`` blocks.

    Frames are numbered from 1; a frame overwritten before anyone took it counts as dropped.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._item: tuple[int, np.ndarray] | None = None
        self._taken = True
        self.dropped = 0
        self._next = 1

    def put(self, frame: np.ndarray) -> int:
        """Store ``frame`` as the newest; returns its id."""
        with self._cond:
            if not self._taken:
                self.dropped += 1
            fid = self._next
            self._next += 1
            self._item, self._taken = (fid, frame), False
            self._cond.notify_all()
            return fid

    def latest(self) -> tuple[int, np.ndarray] | None:
        """The newest (id, frame), or None before the first frame."""
        with self._cond:
            self._taken = True if self._item is not None else self._taken
            return self._item

    def wait_newer(self, after_id: int, timeout: float | None = None
                   ) -> tuple[int, np.ndarray] | None:
        """Block until a frame newer than ``after_id`` exists (or timeout / wake): the newest."""
        with self._cond:
            self._cond.wait_for(lambda: self._item is not None and self._item[0] > after_id,
                                timeout)
            if self._item is not None and self._item[0] > after_id:
                self._taken = True
                return self._item
            return None

    def wake(self) -> None:
        """Wake waiters (used on stop)."""
        with self._cond:
            self._cond.notify_all()


from shared.devices.camera_stream import CameraStream, check, open_camera  # noqa: E402,F401

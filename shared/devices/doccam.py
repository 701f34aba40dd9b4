"""Document camera (高拍仪): a UVC camera read through OpenCV, with auto-capture when still.

The same ``cv2.VideoCapture`` opens a device index, a video file or an image sequence
(``seq_%03d.png``), which is how the demo and the tests simulate the camera. An iterable of
frames (for instance :func:`shared.devices.doccam_sim.simulated_frames`) works too.
"""

from __future__ import annotations

import logging
from typing import Iterable, Iterator

import numpy as np

from shared.devices.frames import is_still
from shared.devices.pages import PageSource
from shared.errors import DeviceError
from shared.i18n import Msg, tr

log = logging.getLogger("yizhan.devices.doccam")


class DocumentCamera(PageSource):
    """A document camera. ``source``: device index, video/sequence path, or frame iterable."""

    kind = "doccam"

    def __init__(self, source: int | str | Iterable[np.ndarray] = 0,
                 width: int | None = None, height: int | None = None) -> None:
        self.source = source
        self.name = tr("高拍仪 {device}", device=source) if isinstance(source, (int, str)) else tr("模拟高拍仪")
        self.width, self.height = width, height
        self._cap = None
        self._iter: Iterator[np.ndarray] | None = None

    def _open(self) -> None:
        if self._cap is not None or self._iter is not None:
            return
        if not isinstance(self.source, (int, str)):
            self._iter = iter(self.source)
            return
        import cv2

        cap = cv2.VideoCapture(self.source)
        if not cap.isOpened():
            cap.release()
            raise DeviceError(Msg("doccam.not_found",
                                  "无法打开高拍仪“{device}”，请检查 USB 连接或在设置中选择其他设备",
                                  {"device": str(self.source)}))
        if self.width and self.height:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        self._cap = cap

    def frames(self) -> Iterator[np.ndarray]:
        """Yield raw frames until the stream ends (a file) or the caller stops (a camera)."""
        self._open()
        if self._iter is not None:
            yield from self._iter
            return
        while True:
            ok, frame = self._cap.read()
            if not ok or frame is None:
                return
            yield frame

    def acquire(self, **opts) -> Iterator[np.ndarray]:
        """Auto-capture: yield a frame each time the scene settles after moving.

        Options: ``still_frames`` (consecutive still frames needed, default 4),
        ``max_pages`` (stop after that many captures, default 1), ``max_frames`` (give up
        after that many frames, default 900, about 30 s at 30 fps). A page already lying
        still when the capture starts is taken too.
        """
        need = int(opts.get("still_frames", 4))
        max_pages = int(opts.get("max_pages", 1))
        max_frames = int(opts.get("max_frames", 900))
        prev, still, armed, taken = None, 0, True, 0
        for n, frame in enumerate(self.frames()):
            if n >= max_frames or taken >= max_pages:
                break
            if is_still(prev, frame):
                still += 1
            else:
                still, armed = 0, True  # movement re-arms: a new page is being placed
            prev = frame
            if armed and still >= need:
                taken += 1
                armed = False
                yield frame.copy()
        if taken == 0:
            raise DeviceError(Msg("doccam.no_still",
                                  "没有拍到稳定的画面，请将材料放平、手离开画面后重试", {}))

    def snapshot(self) -> np.ndarray:
        """One frame now (the manual shutter button)."""
        for frame in self.frames():
            return frame
        raise DeviceError(Msg("doccam.no_frame", "高拍仪没有画面，请检查连接后重试", {}))

    def close(self) -> None:
        """Release the camera."""
        if self._cap is not None:
            self._cap.release()
            self._cap = None
        self._iter = None

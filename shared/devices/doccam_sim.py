"""A simulated document camera: a generated page slid onto a desk, then held still.

Frames are made in memory (a page with text, a red seal and a QR code, tilted, on a desk
background, with sensor noise); :func:`write_video` stores them as an MJPG ``.avi`` that
``cv2.VideoCapture`` plays back like a real camera, for the demo. No personal data: the
page is synthetic.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

DEFAULT_QR = "unit=350102003004GB00012F00030012;contract=HT20230815001"


def simulated_frames(n_moving: int = 8, n_still: int = 10, size: tuple[int, int] = (1280, 960),
                     qr_text: str | None = DEFAULT_QR, seed: int = 0,
                     with_corners: bool = False) -> Iterator:
    """Yield ``n_moving`` frames of the page sliding in, then ``n_still`` frames at rest.

    With ``with_corners`` each item is ``(frame, corners)`` (TL, TR, BR, BL of the page).
    """
    import cv2

    from shared.devices import testpages as tp

    rng = np.random.default_rng(seed)
    w, h = size
    page = tp.make_page(width=900, qr_text=qr_text, qr_box=5)
    ph, pw = page.image.shape[:2]
    rest = tp.photo_corners((pw, ph), size, rng, fill=0.85, rotate_deg=4.0)
    desk = tp._desk(h, w, rng)
    src = np.array([[0, 0], [pw - 1, 0], [pw - 1, ph - 1], [0, ph - 1]], np.float32)
    mask_src = np.full((ph, pw), 255, np.uint8)
    total = n_moving + n_still
    for i in range(total):
        # Slide in from the right, slowing down as the page reaches its place.
        left = max(0, n_moving - i) / max(1, n_moving)
        corners = rest + np.array([left * left * 0.6 * w, 0], np.float32)
        m = cv2.getPerspectiveTransform(src, corners)
        frame = desk.copy()
        warped = cv2.warpPerspective(page.image, m, (w, h))
        inside = cv2.warpPerspective(mask_src, m, (w, h)) > 127
        frame[inside] = warped[inside]
        # Sensor noise (int16 keeps it cheap): still frames are never bit-identical.
        noise = rng.integers(-3, 4, (h, w, 1), dtype=np.int16)
        frame = np.clip(frame.astype(np.int16) + noise, 0, 255).astype(np.uint8)
        yield (frame, corners) if with_corners else frame


def write_video(path: str, fps: float = 10.0, **kwargs) -> int:
    """Write :func:`simulated_frames` to an MJPG ``.avi`` at ``path``; return the frame count."""
    import cv2

    writer = None
    n = 0
    try:
        for frame in simulated_frames(**kwargs):
            if writer is None:
                h, w = frame.shape[:2]
                writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (w, h))
                if not writer.isOpened():
                    raise OSError("cannot write video to {}".format(path))
            writer.write(frame)
            n += 1
    finally:
        if writer is not None:
            writer.release()
    return n

"""Fixtures of the face area: a real face photo (scikit-image's astronaut) and its variants."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from skimage import data

from shared.capture.face import FaceAnalyzer


@pytest.fixture(scope="session")
def astronaut() -> np.ndarray:
    """The whole 512x512 photo, BGR."""
    return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)


@pytest.fixture(scope="session")
def portrait(astronaut) -> np.ndarray:
    """Head and shoulders, face near the centre: what a counter camera frames."""
    return np.ascontiguousarray(astronaut[10:310, 75:375])


@pytest.fixture(scope="session")
def analyzer() -> FaceAnalyzer:
    """BlazeFace + FaceMesh with the default thresholds."""
    return FaceAnalyzer()


@pytest.fixture(scope="session")
def place():
    """A function pasting a face photo, scaled and centred (shifted by ``dx``), on a frame."""
    return _place


def _place(face: np.ndarray, size=(1280, 720), scale: float = 1.9, dx: int = 0) -> np.ndarray:
    w, h = size
    frame = np.full((h, w, 3), (110, 104, 96), np.uint8)
    m = np.float32([[scale, 0, (w - face.shape[1] * scale) / 2 + dx],
                    [0, scale, (h - face.shape[0] * scale) / 2]])
    return cv2.warpAffine(face, m, (w, h), dst=frame, borderMode=cv2.BORDER_TRANSPARENT)

"""Frame comparisons the camera drivers need (the document camera's auto-capture when still)."""

from __future__ import annotations

import numpy as np


def is_still(prev: np.ndarray | None, cur: np.ndarray, threshold: float = 2.5,
             changed_share: float = 0.004) -> bool:
    """True when ``cur`` shows the same scene as ``prev`` (nothing moving in view).

    Both frames are reduced to ~160 px grey and blurred, so sensor noise does not count;
    the mean difference and the share of clearly changed pixels must both stay small.
    """
    import cv2

    if prev is None or prev.shape != cur.shape:
        return False

    def small(img):
        g = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
        s = 160.0 / max(g.shape[:2])
        g = cv2.resize(g, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
        return cv2.GaussianBlur(g, (3, 3), 0).astype(np.int16)

    diff = np.abs(small(prev) - small(cur))
    return float(diff.mean()) < threshold and float((diff > 25).mean()) < changed_share

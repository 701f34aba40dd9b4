"""Page geometry: find the sheet's outline, straighten it, deskew it.

The outline is searched on a copy about 1000 px wide (fast, and desk texture blurs away), the
perspective warp samples the full-size image so no detail is lost, and the residual skew is
measured on a small binary copy from the ink pixels' coordinates (no image rotations needed).
"""

from __future__ import annotations

import math

import numpy as np

DETECT_SIDE = 1000
MIN_PAGE_AREA = 0.15  # the page must cover this share of the frame to count as found


def _order_corners(pts: np.ndarray) -> np.ndarray:
    """Order four points TL, TR, BR, BL (clockwise from the top-left-most)."""
    pts = np.asarray(pts, np.float32).reshape(4, 2)
    c = pts.mean(axis=0)
    ang = np.arctan2(pts[:, 1] - c[1], pts[:, 0] - c[0])
    pts = pts[np.argsort(ang)]  # clockwise in image coordinates (y down)
    start = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -start, axis=0)


def _line_intersection(l1, l2):
    (vx1, vy1, x1, y1), (vx2, vy2, x2, y2) = l1, l2
    den = vx1 * vy2 - vy1 * vx2
    if abs(den) < 1e-9:
        return None
    t = ((x2 - x1) * vy2 - (y2 - y1) * vx2) / den
    return x1 + t * vx1, y1 + t * vy1


def _refine_with_lines(contour: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Fit a line to each side's contour points (ends dropped) and intersect neighbours.

    approxPolyDP's vertices sit on the contour, which rounds off at the corners; the side
    lines give sub-pixel corners that survive the scale-up to the full image.
    """
    import cv2

    pts = contour.reshape(-1, 2).astype(np.float32)
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        ab = b - a
        length = float(np.hypot(*ab))
        if length < 1:
            return quad
        # Distance of each contour point to the side, and its position along it.
        rel = pts - a
        along = (rel @ ab) / (length * length)
        dist = np.abs(rel[:, 0] * ab[1] - rel[:, 1] * ab[0]) / length
        sel = pts[(along > 0.1) & (along < 0.9) & (dist < max(3.0, 0.02 * length))]
        if len(sel) < 5:
            return quad
        lines.append(cv2.fitLine(sel, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel())
    out = []
    for i in range(4):
        p = _line_intersection(lines[i - 1], lines[i])
        if p is None or np.hypot(p[0] - quad[i][0], p[1] - quad[i][1]) > 0.05 * DETECT_SIDE:
            return quad
        out.append(p)
    return np.array(out, np.float32)


def _candidate_masks(grey_small: np.ndarray):
    """Binary maps whose outer contours may be the page: edges, then bright regions."""
    import cv2

    blur = cv2.GaussianBlur(grey_small, (5, 5), 0)
    med = float(np.median(blur))
    edges = cv2.Canny(blur, int(max(10, 0.66 * med)), int(min(255, 1.33 * med)))
    yield cv2.dilate(edges, np.ones((3, 3), np.uint8), iterations=1)
    _, bright = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    yield cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))


def find_page_corners(image: np.ndarray) -> tuple[np.ndarray | None, str]:
    """Return the page corners (TL, TR, BR, BL, float32 in ``image`` pixels) and the method.

    The method is ``"quad"`` (a 4-sided outline), ``"rect"`` (minAreaRect fallback on the
    largest outline) or ``"none"`` when no page-sized outline stands out (a flatbed scan or a
    page filling the frame).
    """
    import cv2

    h, w = image.shape[:2]
    scale = DETECT_SIDE / max(h, w)
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    small = cv2.resize(grey, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    area_min = MIN_PAGE_AREA * small.shape[0] * small.shape[1]
    area_max = 0.98 * small.shape[0] * small.shape[1]
    fallback = None
    for mask in _candidate_masks(small):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        for cnt in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
            area = cv2.contourArea(cnt)
            if area < area_min:
                break
            hull = cv2.convexHull(cnt)
            peri = cv2.arcLength(hull, True)
            approx = cv2.approxPolyDP(hull, 0.02 * peri, True)
            if len(approx) == 4 and cv2.isContourConvex(approx) and area < area_max:
                quad = _refine_with_lines(cnt, _order_corners(approx))
                return _order_corners(quad / scale), "quad"
            if fallback is None and area < area_max:
                fallback = cv2.boxPoints(cv2.minAreaRect(cnt))
    if fallback is not None:
        return _order_corners(fallback / scale), "rect"
    return None, "none"


def warp_size(corners: np.ndarray, max_side: int) -> tuple[int, int]:
    """Output (width, height) of the straightened page, capped to ``max_side`` pixels."""
    tl, tr, br, bl = corners
    w = max(np.hypot(*(tr - tl)), np.hypot(*(br - bl)))
    h = max(np.hypot(*(bl - tl)), np.hypot(*(br - tr)))
    s = min(1.0, max_side / max(w, h))
    return max(8, int(round(w * s))), max(8, int(round(h * s)))


def warp_page(image: np.ndarray, corners: np.ndarray, max_side: int = 2000) -> np.ndarray:
    """Straighten the page inside ``corners`` from the full-size ``image``."""
    import cv2

    w, h = warp_size(corners, max_side)
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(np.asarray(corners, np.float32), dst)
    return cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


def estimate_skew(grey: np.ndarray, max_angle: float = 8.0) -> float:
    """Skew of the text lines in degrees (positive: lines go down to the right).

    Projection-profile search done on the ink pixels' coordinates: the angle at which their
    rows pile up most sharply is the text direction.
    """
    import cv2

    h, w = grey.shape[:2]
    scale = 800.0 / max(h, w)
    small = cv2.resize(grey, (max(1, round(w * scale)), max(1, round(h * scale))),
                       interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                25, 15)
    ys, xs = np.nonzero(ink)
    if len(xs) < 200:
        return 0.0
    if len(xs) > 30000:  # a fixed sample keeps the cost flat on dense pages
        idx = np.random.default_rng(0).choice(len(xs), 30000, replace=False)
        xs, ys = xs[idx], ys[idx]
    xs = xs.astype(np.float32) - small.shape[1] / 2
    ys = ys.astype(np.float32)
    nbins = small.shape[0] + small.shape[1]

    def score(deg: float) -> float:
        t = math.radians(deg)
        rows = (ys * math.cos(t) - xs * math.sin(t) + small.shape[1]).astype(np.int32)
        hist = np.bincount(np.clip(rows, 0, nbins - 1), minlength=nbins).astype(np.float32)
        return float(np.sum(np.diff(hist) ** 2))

    coarse = np.arange(-max_angle, max_angle + 1e-6, 0.5)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-6, 0.1)
    return float(max(fine, key=score))


def rotate_bound(image: np.ndarray, deg: float, border=255) -> np.ndarray:
    """Rotate ``image`` by ``deg`` degrees (counter-clockwise) keeping the same size."""
    import cv2

    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    value = border if image.ndim == 2 else (border,) * image.shape[2]
    return cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=value)


def crop_margin(image: np.ndarray, share: float = 0.006) -> np.ndarray:
    """Trim a thin frame so no desk shows along the straightened page's edges."""
    h, w = image.shape[:2]
    dy, dx = int(h * share), int(w * share)
    return image[dy:h - dy, dx:w - dx] if dy and dx else image

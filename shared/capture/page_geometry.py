"""Page geometry: find the sheet's outline, straighten it, deskew it.

The outline is searched on a copy about 1000 px wide (fast, and desk texture blurs away), the
perspective warp samples the full-size image so no detail is lost, and the residual skew is
measured on a small binary copy from the ink pixels' coordinates (no image rotations needed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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


# Standard sheets that a straightened page snaps to when its estimated proportions are within
# SNAP_TOLERANCE: (name, long side over short side). A3, A4 and A5 share one aspect (1:√2), so
# a photo alone cannot tell them apart; the property certificate's inner page is 185 x 260 mm.
STANDARD_SIZES = (
    ("A4", math.sqrt(2)),
    ("不动产权证书", 260.0 / 185.0),
    ("身份证", 85.6 / 54.0),
)
SNAP_TOLERANCE = 0.03
FOCAL_PRIOR = 0.65    # focal length over the image diagonal (a 28 mm-equivalent lens)
FOCAL_RANGE = (0.3, 3.0)  # plausible focal lengths, same unit: outside, the estimate is noise
VANISHING_MIN = 0.02  # |k - 1| under which a vanishing point is taken as at infinity


@dataclass(frozen=True)
class PageAspect:
    """Estimated proportions of a photographed sheet.

    ``aspect`` is width over height of the sheet as it lies in the photo (corners TL, TR, BR,
    BL); ``measured`` the estimate before snapping; ``size`` the standard sheet snapped to
    (or ``""``); ``method`` how it was found: ``"perspective"`` (focal length estimated from
    the outline), ``"focal-prior"`` (one side pair parallel in the photo: the usual focal
    length assumed), ``"affine"`` (both pairs parallel: no focal length needed) or ``"sides"``
    (the outline makes no sense as a rectangle seen by a camera: its side lengths).
    """

    aspect: float
    measured: float
    size: str
    method: str
    focal: float | None = None


def _side_aspect(corners: np.ndarray) -> float:
    """Width over height from the longer of each pair of opposite sides (the old estimate)."""
    tl, tr, br, bl = corners
    w = max(np.hypot(*(tr - tl)), np.hypot(*(br - bl)))
    h = max(np.hypot(*(bl - tl)), np.hypot(*(br - tr)))
    return float(w / h) if h > 0 else 1.0


def _rectangle_aspect(corners: np.ndarray, image_size: tuple[int, int],
                      focal_prior: float) -> tuple[float, str, float | None]:
    """Zhang & He: the aspect of a rectangle from its projected corners and a pinhole camera
    whose principal point is the image centre; the focal length comes from the two vanishing
    points when both are finite, else from ``focal_prior`` (times the image diagonal)."""
    width, height = image_size
    diag = math.hypot(width, height)
    pts = (np.asarray(corners, np.float64).reshape(4, 2) - (width / 2, height / 2)) / diag
    tl, tr, br, bl = (np.array([x, y, 1.0]) for x, y in pts)
    den2 = np.dot(np.cross(tr, br), bl)
    den3 = np.dot(np.cross(bl, br), tr)
    if abs(den2) < 1e-12 or abs(den3) < 1e-12:
        return _side_aspect(corners), "sides", None
    k2 = np.dot(np.cross(tl, br), bl) / den2
    k3 = np.dot(np.cross(tl, br), tr) / den3
    if k2 <= 0 or k3 <= 0:  # a corner behind the camera: not a photographed rectangle
        return _side_aspect(corners), "sides", None
    n2, n3 = k2 * tr - tl, k3 * bl - tl
    far2, far3 = abs(k2 - 1) < VANISHING_MIN, abs(k3 - 1) < VANISHING_MIN
    if far2 and far3:
        return float(math.hypot(n2[0], n2[1]) / math.hypot(n3[0], n3[1])), "affine", None
    focal, method = focal_prior, "focal-prior"
    if not far2 and not far3:
        f2 = -(n2[0] * n3[0] + n2[1] * n3[1]) / (n2[2] * n3[2])
        if f2 > 0 and FOCAL_RANGE[0] <= math.sqrt(f2) <= FOCAL_RANGE[1]:
            focal, method = math.sqrt(f2), "perspective"
    a = np.array([n2[0] / focal, n2[1] / focal, n2[2]])
    b = np.array([n3[0] / focal, n3[1] / focal, n3[2]])
    return float(math.sqrt((a @ a) / (b @ b))), method, focal


def snap_aspect(aspect: float, tolerance: float = SNAP_TOLERANCE) -> tuple[float, str]:
    """The nearest standard sheet's aspect (same orientation) and its name, when within
    ``tolerance`` (relative); else ``aspect`` unchanged and ``""``."""
    long_short = max(aspect, 1 / aspect)
    best, name = None, ""
    for label, ratio in STANDARD_SIZES:
        err = abs(long_short / ratio - 1)
        if err <= tolerance and (best is None or err < best[0]):
            best, name = (err, ratio), label
    if best is None:
        return aspect, ""
    return (best[1] if aspect >= 1 else 1 / best[1]), name


def estimate_aspect(corners: np.ndarray, image_size: tuple[int, int],
                    focal_prior: float = FOCAL_PRIOR, snap: bool = True) -> PageAspect:
    """True width/height of the sheet whose outline in a ``image_size`` = (w, h) photo is
    ``corners`` (TL, TR, BR, BL), snapped to a standard sheet when close."""
    corners = np.asarray(corners, np.float64).reshape(4, 2)
    measured, method, focal = _rectangle_aspect(corners, image_size, focal_prior)
    sides = _side_aspect(corners)
    if not (0.75 <= measured / sides <= 1.33):  # far from what the photo shows: distrust
        measured, method, focal = sides, "sides", None
    aspect, size = snap_aspect(measured) if snap else (measured, "")
    return PageAspect(aspect=aspect, measured=measured, size=size, method=method, focal=focal)


def warp_size(corners: np.ndarray, max_side: int, aspect: float | None = None) -> tuple[int, int]:
    """Output (width, height) of the straightened page, capped to ``max_side`` pixels.

    Without ``aspect`` the longer of each pair of opposite sides is taken (a tilted sheet then
    comes out squashed); with it, the page gets that width/height and the same pixel count.
    """
    tl, tr, br, bl = corners
    w = max(np.hypot(*(tr - tl)), np.hypot(*(br - bl)))
    h = max(np.hypot(*(bl - tl)), np.hypot(*(br - tr)))
    if aspect:
        area = w * h
        w, h = math.sqrt(area * aspect), math.sqrt(area / aspect)
    s = min(1.0, max_side / max(w, h))
    return max(8, int(round(w * s))), max(8, int(round(h * s)))


def warp_page(image: np.ndarray, corners: np.ndarray, max_side: int = 2000,
              aspect: float | None = None) -> np.ndarray:
    """Straighten the page inside ``corners`` from the full-size ``image`` (to ``aspect``,
    width over height, when given: see :func:`estimate_aspect`)."""
    import cv2

    w, h = warp_size(corners, max_side, aspect)
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

"""Page enhancement, quality measures and compression to a size budget.

Enhancement divides the page by an estimate of its paper background (a max-filter on a
1/8 copy removes the ink, so what is left is the lighting): shadows and lamp gradients go,
the paper becomes white, strokes keep their anti-aliasing (sharper to read than a
threshold at 150 dpi). Coloured marks (seals, photos) are found in HSV and kept in colour;
everything else is made neutral grey, which is what lets a colour JPEG stay small.
"""

from __future__ import annotations

import numpy as np

BG_SCALE = 8
WHITE_POINT = 0.90  # normalised paper level mapped to pure white: clean, compressible paper
COLOUR_SAT = 70     # HSV saturation (0-255) from which a pixel counts as coloured ink
PHOTO_SHARE = 0.20  # coloured share of the page from which it is a colour page (a photo)
INK_LEVEL = 150     # grey level under which a normalised pixel counts as ink


def _background(grey: np.ndarray) -> np.ndarray:
    """The paper level under each pixel (uint8, >= 1), from a small max-filtered copy."""
    import cv2

    h, w = grey.shape[:2]
    small = cv2.resize(grey, (max(1, w // BG_SCALE), max(1, h // BG_SCALE)),
                       interpolation=cv2.INTER_AREA)
    # Dilation (max) swallows strokes narrower than the kernel: 9 px here ~ 72 px full size.
    bg = cv2.dilate(small, np.ones((9, 9), np.uint8))
    bg = cv2.GaussianBlur(bg, (0, 0), 3)
    bg = cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)
    return np.maximum(bg, 1)


def _levels_lut(gain: float = 1.0) -> np.ndarray:
    """Lookup table from ratio-to-paper (0..255 for 0..1) to output grey.

    The paper goes to pure white (clean and compressible) and mid-greys get a little darker
    (gamma 1.4) so thin strokes read blacker. A LUT keeps this to one pass over uint8 data.
    """
    v = np.arange(256, dtype=np.float32) / 255.0 * gain
    out = np.clip(v / WHITE_POINT, 0.0, 1.0) ** 1.4
    return (out * 255.0 + 0.5).astype(np.uint8)


def normalise_grey(grey: np.ndarray) -> np.ndarray:
    """Grey page with the lighting removed and the paper white."""
    import cv2

    ratio = cv2.divide(grey, _background(grey), scale=255)
    return cv2.LUT(ratio, _levels_lut())


def normalise_colour(bgr: np.ndarray) -> np.ndarray:
    """Colour page with the lighting removed, white-balanced per channel."""
    import cv2

    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    bg = _background(grey)
    # One background for all channels keeps hues; a per-channel gain fixes the paper's tint.
    ratio = cv2.divide(bgr, cv2.merge([bg, bg, bg]), scale=255)
    paper = np.percentile(ratio[::16, ::16].reshape(-1, 3), 90, axis=0).astype(np.float32)
    gains = paper.mean() / np.maximum(paper, 1.0)
    lut = np.stack([_levels_lut(float(g)) for g in gains], axis=1)[None, :, :]
    return cv2.LUT(ratio, lut)


def colour_mask(bgr: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Where the page has coloured ink: (mask at full size, coloured share, red share).

    Computed on a 1/4 copy, then dilated so a seal's anti-aliased rim stays coloured too.
    """
    import cv2

    h, w = bgr.shape[:2]
    small = cv2.resize(bgr, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    hue, sat, val = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    coloured = (sat > COLOUR_SAT) & (val > 50)
    red = coloured & ((hue <= 12) | (hue >= 160))
    share = float(coloured.mean())
    red_share = float(red.mean())
    mask = cv2.dilate(coloured.astype(np.uint8) * 255, np.ones((5, 5), np.uint8))
    mask = cv2.resize(mask, (w, h), interpolation=cv2.INTER_LINEAR)
    return mask, share, red_share


def merge_colour_regions(colour: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Neutral grey everywhere except under ``mask``, where the colour is kept."""
    import cv2

    out = cv2.cvtColor(cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    # The mask is dilated already, so a hard edge falls on paper, not on the seal's rim.
    cv2.copyTo(colour, (mask > 127).astype(np.uint8), out)
    return out


def measure(grey: np.ndarray, norm_grey: np.ndarray) -> dict[str, float]:
    """Quality figures on a page: sharpness, brightness, ink share, contrast."""
    import cv2

    h, w = grey.shape[:2]
    s = 1000.0 / max(h, w)
    # A fixed scale makes sharpness comparable between a 5 MP photo and a 150 dpi scan.
    small = cv2.resize(grey, (max(1, round(w * s)), max(1, round(h * s))),
                       interpolation=cv2.INTER_AREA)
    nsmall = cv2.resize(norm_grey, (small.shape[1], small.shape[0]), interpolation=cv2.INTER_AREA)
    lap = cv2.Laplacian(small, cv2.CV_32F)
    ink = nsmall < INK_LEVEL
    ink_share = float(ink.mean())
    # Sharpness where there is ink (blank paper would otherwise read as blurred).
    edge_zone = cv2.dilate(ink.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    sharp = float(lap[edge_zone].var()) if edge_zone.any() else 0.0
    return {
        "sharpness": sharp,
        "brightness": float(np.percentile(small, 95)),
        "ink_share": ink_share,
        "contrast": float(np.percentile(small, 95) - np.percentile(small, 2)),
    }


def encode(image: np.ndarray, quality: int, optimize: bool = True) -> bytes:
    """JPEG bytes (grey stays one channel: a third smaller).

    ``optimize`` (Huffman tables fitted to the page) saves 5-10 % but doubles the time, so
    the quality search runs without it and only the final encode uses it.
    """
    import cv2

    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, int(quality),
                                           cv2.IMWRITE_JPEG_OPTIMIZE, int(optimize)])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return buf.tobytes()


def encode_bilevel_png(grey: np.ndarray) -> bytes:
    """1-bit PNG of a thresholded text page."""
    import cv2

    _, bw = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ok, buf = cv2.imencode(".png", bw, [cv2.IMWRITE_PNG_BILEVEL, 1,
                                        cv2.IMWRITE_PNG_COMPRESSION, 9])
    if not ok:
        raise ValueError("PNG encoding failed")
    return buf.tobytes()


def compress_to_target(image: np.ndarray, target_bytes: int, q_max: int = 88,
                       q_min: int = 35) -> tuple[bytes, np.ndarray, int]:
    """Encode at the highest JPEG quality that fits ``target_bytes``.

    A bisection over the quality (JPEG size grows with quality), at most ~5 encodes; if even
    ``q_min`` is too big the page is scaled down and tried again. Returns (data, the image
    actually encoded, quality).
    """
    import cv2

    data = encode(image, q_max, optimize=False)
    if len(data) <= target_bytes:
        return encode(image, q_max), image, q_max
    lo, hi, best = q_min, q_max - 1, None
    while lo <= hi:
        q = (lo + hi) // 2
        if len(encode(image, q, optimize=False)) <= target_bytes:
            best, lo = q, q + 4  # a 4-step resolution is invisible and saves encodes
        else:
            hi = q - 1
    if best is not None:
        # Optimised Huffman tables only make the file smaller: it still fits.
        return encode(image, best), image, best
    d = encode(image, q_min, optimize=False)
    shrink = max(0.3, min(0.95, (target_bytes / len(d)) ** 0.5 * 0.95))
    h, w = image.shape[:2]
    smaller = cv2.resize(image, (max(8, int(w * shrink)), max(8, int(h * shrink))),
                         interpolation=cv2.INTER_AREA)
    return compress_to_target(smaller, target_bytes, q_max, q_min)

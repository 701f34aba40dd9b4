"""Document page pipeline: a photo or scan of a sheet in, an archivable page out.

``process_page`` finds the sheet (outline on a ~1000 px copy), straightens it from the
full-size image to the sheet's true proportions (estimated from the outline and the camera,
snapped to A4, the property certificate, an ID card... when close), removes residual skew, evens the lighting, keeps red seals and photos in
colour, and compresses to a size budget. It also measures the page and raises flags
(blank, blurred, dark) that ``check_page_quality`` turns into a message a person can act on.
Everything stays in memory: pages are stored encrypted by the store, never as clear files.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np

from shared.capture import page_enhance as enh
from shared.capture import page_geometry as geo
from shared.devices.frames import is_still  # noqa: F401  (re-export)
from shared.devices.page_io import decode_image_bytes, sniff_type  # noqa: F401  (re-export)
from shared.errors import CaptureError
from shared.i18n import Msg

log = logging.getLogger("yizhan.capture.page")

MODES = ("auto", "text", "colour")
MAX_SIDE = 2000           # ~ A4 at 170 dpi: legible, and fits 150 KB as grey JPEG
BLUR_SHARPNESS = 150.0    # Laplacian variance near ink, at 1000 px: sharp > 1000, blurred < 50
DARK_BRIGHTNESS = 90.0    # 95th percentile grey of the page before normalisation
BLANK_INK_SHARE = 0.0015  # share of ink pixels under which a page is blank
MIN_SKEW = 0.3            # degrees; smaller skews are left alone (a resample blurs a little)


@dataclass
class ProcessedPage:
    """The result of :func:`process_page`: encoded bytes and what was done and found."""

    data: bytes
    format: str               # "jpeg" or "png"
    width: int
    height: int
    corners: list[tuple[float, float]] | None
    mode: str                 # "text" (grey), "colour" or "bilevel"
    flags: list[str] = field(default_factory=list)
    sharpness: float = 0.0
    deskew_angle: float = 0.0
    quality: int = 0
    steps: list[str] = field(default_factory=list)
    colour_share: float = 0.0
    image: np.ndarray | None = field(default=None, repr=False)  # before encoding, on request

    @property
    def size_bytes(self) -> int:
        """Size of the encoded page in bytes."""
        return len(self.data)

    @property
    def jpeg(self) -> bytes:
        """The encoded page (JPEG, or PNG for a bilevel text page)."""
        return self.data

    def decode(self) -> np.ndarray:
        """The page as a BGR array (for previews and tests)."""
        return decode_image_bytes(self.data)

    def metadata(self) -> dict:
        """JSON-friendly description for the store and the UI."""
        return {"format": self.format, "width": self.width, "height": self.height,
                "corners": self.corners, "mode": self.mode, "flags": list(self.flags),
                "sharpness": round(self.sharpness, 1), "deskew_angle": self.deskew_angle,
                "quality": self.quality, "steps": list(self.steps),
                "size_bytes": self.size_bytes}


def _straighten(image: np.ndarray, steps: list[str], detect: bool):
    """Find and warp the page, then deskew; return (page, corners or None, angle)."""
    corners = None
    page = image
    if detect:
        corners, how = geo.find_page_corners(image)
        if corners is not None:
            shape = geo.estimate_aspect(corners, (image.shape[1], image.shape[0]))
            page = geo.warp_page(image, corners, MAX_SIDE, shape.aspect)
            page = geo.crop_margin(page)
            steps += ["outline:" + how, "aspect:{}{}".format(
                shape.method, ":" + shape.size if shape.size else ""), "warp", "crop"]
    if page is image and max(image.shape[:2]) > MAX_SIDE:
        import cv2

        s = MAX_SIDE / max(image.shape[:2])
        page = cv2.resize(image, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
        steps.append("resize")
    import cv2

    grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    angle = geo.estimate_skew(grey)
    if abs(angle) >= MIN_SKEW:
        page = geo.rotate_bound(page, angle, border=int(np.percentile(grey[::8, ::8], 90)))
        steps.append("deskew")
    return page, corners, round(angle, 2) + 0.0  # + 0.0 turns -0.0 into 0.0 for display


def _flags(m: dict[str, float]) -> list[str]:
    flags = []
    if m["ink_share"] < BLANK_INK_SHARE:
        flags.append("blank")
    elif m["sharpness"] < BLUR_SHARPNESS:
        flags.append("blurred")
    if m["brightness"] < DARK_BRIGHTNESS:
        flags.append("dark")
    return flags


def process_page(image_bgr: np.ndarray, mode: str = "auto", target_kb: int = 150,
                 detect_outline: bool = True, keep_image: bool = False) -> ProcessedPage:
    """Turn a photo or scan of one sheet into an archivable page.

    ``mode``: ``"text"`` gives a grey page (or a bilevel PNG when smaller), ``"colour"`` keeps
    all colour, ``"auto"`` keeps coloured marks (seals, photos) in colour and makes the rest
    grey, or gives a plain grey page when there is no colour. ``target_kb`` bounds the output
    size. ``detect_outline=False`` skips the outline search (flatbed scans); ``keep_image``
    keeps the enhanced page before lossy encoding in ``.image`` (previews, measurements).
    """
    import cv2

    if mode not in MODES:
        raise ValueError("mode must be one of {}".format(MODES))
    if image_bgr is None or image_bgr.ndim not in (2, 3) or min(image_bgr.shape[:2]) < 16:
        raise CaptureError(Msg("page.empty_image", "没有拿到有效的页面图像，请重新拍摄或扫描", {}))
    if image_bgr.ndim == 2:
        image_bgr = cv2.cvtColor(image_bgr, cv2.COLOR_GRAY2BGR)
    steps: list[str] = []
    page, corners, angle = _straighten(image_bgr, steps, detect_outline)
    grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    norm_grey = enh.normalise_grey(grey)
    steps.append("normalise")
    figures = enh.measure(grey, norm_grey)
    used, out, share = _enhance(page, norm_grey, mode, steps)
    target = int(target_kb * 1024)
    data, encoded, q = enh.compress_to_target(out, target)
    fmt = "jpeg"
    if used == "text" and mode == "text":
        png = enh.encode_bilevel_png(encoded)
        if len(png) < len(data):
            data, fmt, used, q = png, "png", "bilevel", 0
    steps.append("encode:{}:q{}".format(fmt, q) if q else "encode:png-bilevel")
    result = ProcessedPage(
        data=data, format=fmt, width=encoded.shape[1], height=encoded.shape[0],
        corners=[(float(x), float(y)) for x, y in corners] if corners is not None else None,
        mode=used, flags=_flags(figures), sharpness=figures["sharpness"], deskew_angle=angle,
        quality=q, steps=steps, colour_share=share, image=encoded if keep_image else None)
    log.debug("page %dx%d mode=%s flags=%s %d bytes", result.width, result.height,
              result.mode, result.flags, result.size_bytes)
    return result


def _enhance(page: np.ndarray, norm_grey: np.ndarray, mode: str, steps: list[str]):
    """Apply the mode; return (mode used, image to encode, coloured share)."""
    if mode == "text":
        return "text", norm_grey, 0.0
    mask, share, red = enh.colour_mask(page)
    if mode == "colour" or share >= enh.PHOTO_SHARE:
        steps.append("colour")
        return "colour", enh.normalise_colour(page), share
    if share > 0.0005:  # a seal or a small coloured mark: keep it, grey the rest
        colour = enh.normalise_colour(page)
        steps.append("keep-colour-regions")
        return "colour", enh.merge_colour_regions(colour, mask), share
    return "text", norm_grey, share


def check_page_quality(page: ProcessedPage, allow_blank: bool = False) -> None:
    """Raise CaptureError when the page is unusable (blank, blurred, too dark)."""
    if "dark" in page.flags:
        raise CaptureError(Msg("page.dark", "页面过暗，请打开补光灯或调整光线后重拍", {}))
    if "blank" in page.flags and not allow_blank:
        raise CaptureError(Msg("page.blank", "页面是空白的，请确认材料有字的一面朝上后重拍", {}))
    if "blurred" in page.flags:
        raise CaptureError(Msg("page.blurred", "页面模糊，请放平材料、保持不动后重拍", {}))

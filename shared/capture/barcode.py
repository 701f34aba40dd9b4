"""Barcode reading on page photos: QR codes and Code128, with two back ends.

``zxing`` (zxing-cpp) is the default: measured 5-10x faster than zbar on a 1280x960 photo
with the formats restricted, and it reads UTF-8 Chinese QR content correctly. ``pyzbar``
(zbar) is the fallback when zxing-cpp is not installed; zbar guesses Shift-JIS for QR byte
segments, so its Chinese text comes out as mojibake, which :func:`fix_mojibake` repairs.
Both are imported lazily: the kiosk must start fast.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from shared.capture.barcode_values import classify_value  # noqa: F401  (public re-export)
from shared.errors import CaptureError
from shared.i18n import Msg

log = logging.getLogger("yizhan.capture.barcode")

SYMBOLOGIES = ("QRCODE", "CODE128")
BACKENDS = ("zxing", "pyzbar")
_LINEAR = ("CODE128", "CODE39", "EAN13")
_ZXING_NAMES = {"QRCODE": "QRCode", "CODE128": "Code128", "CODE39": "Code39",
                "EAN13": "EAN13", "DATAMATRIX": "DataMatrix", "PDF417": "PDF417"}


@dataclass(frozen=True)
class Barcode:
    """One decoded symbol: its type (``"QRCODE"``, ``"CODE128"``...), text and bounding box."""

    type: str
    text: str
    rect: tuple[int, int, int, int]  # left, top, width, height in image pixels


def default_backend() -> str:
    """``"zxing"`` when zxing-cpp is importable, else ``"pyzbar"``."""
    try:
        import zxingcpp  # noqa: F401
    except ImportError:
        return "pyzbar"
    return "zxing"


def fix_mojibake(text: str) -> str:
    """Undo zbar's Shift-JIS (or Latin-1) reading of UTF-8 bytes when it round-trips.

    ASCII is unchanged by both encodings, so plain payloads pass through untouched; a
    repair is accepted only when the re-encoded bytes are valid UTF-8.
    """
    if text.isascii():
        return text
    for enc in ("shift_jis", "cp932", "latin-1"):
        try:
            fixed = text.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != text:
            return fixed
    return text


def _grey(image: np.ndarray) -> np.ndarray:
    import cv2

    if image.ndim == 2:
        return image
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def _read_pyzbar(grey: np.ndarray, symbologies) -> list[Barcode]:
    from pyzbar.pyzbar import ZBarSymbol, decode

    symbols = [getattr(ZBarSymbol, s) for s in symbologies]
    out = []
    for sym in decode(grey, symbols=symbols):
        raw = sym.data.decode("utf-8", errors="replace")
        text = fix_mojibake(raw) if sym.type == "QRCODE" else raw
        r = sym.rect
        out.append(Barcode(sym.type, text, (r.left, r.top, r.width, r.height)))
    return out


def _zxing_formats(zxingcpp, symbologies) -> list:
    return [getattr(zxingcpp.BarcodeFormat, _ZXING_NAMES.get(s, s)) for s in symbologies]


def _zxing_pass(zxingcpp, grey, symbologies, scale: float = 1.0) -> list[Barcode]:
    # Pages are upright and printed dark on light: the rotate/invert retries only cost time.
    results = zxingcpp.read_barcodes(grey, formats=_zxing_formats(zxingcpp, symbologies),
                                     try_rotate=False, try_invert=False)
    out = []
    for r in results:
        p = r.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y]
        kind = next((s for s, f in zip(symbologies, _zxing_formats(zxingcpp, symbologies))
                     if f == r.format), str(r.format).replace(" ", "").upper())
        rect = (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        out.append(Barcode(kind, r.text, tuple(int(round(v / scale)) for v in rect)))
    return out


def _read_zxing(grey: np.ndarray, symbologies) -> list[Barcode]:
    import cv2
    import zxingcpp

    out = _zxing_pass(zxingcpp, grey, symbologies)
    # zxing-cpp misses slightly turned 1D codes whose bars are ~1 px wide, which zbar reads
    # at 10x the cost; a second pass on a 1.5x copy, for the missing 1D formats only, finds
    # them in a few ms.
    missing = [s for s in symbologies if s in _LINEAR and s not in {b.type for b in out}]
    if missing and max(grey.shape) <= 2000:
        big = cv2.resize(grey, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_CUBIC)
        out += _zxing_pass(zxingcpp, big, missing, scale=1.5)
    return out


def read_barcodes(image_bgr: np.ndarray, symbologies=SYMBOLOGIES,
                  backend: str | None = None) -> list[Barcode]:
    """Decode the barcodes in an image (BGR or grey), restricted to ``symbologies``.

    ``backend`` is ``"zxing"``, ``"pyzbar"`` or None for :func:`default_backend`. Results are
    de-duplicated and sorted top to bottom, left to right.
    """
    backend = backend or default_backend()
    if backend not in BACKENDS:
        raise ValueError("backend must be one of {}".format(BACKENDS))
    grey = np.ascontiguousarray(_grey(image_bgr))
    try:
        found = _read_zxing(grey, symbologies) if backend == "zxing" \
            else _read_pyzbar(grey, symbologies)
    except ImportError as exc:
        raise CaptureError(Msg("barcode.backend", "条码识别组件“{name}”未安装，请联系运维人员",
                               {"name": backend})) from exc
    seen, unique = set(), []
    for b in sorted(found, key=lambda b: (b.rect[1], b.rect[0])):
        if (b.type, b.text) not in seen:
            seen.add((b.type, b.text))
            unique.append(b)
    log.debug("%d barcode(s) via %s", len(unique), backend)
    return unique

"""Image bytes in: content sniffing and decoding, all in memory.

The type of a file is decided by its first bytes, never by its name: a PDF renamed .jpg is
still a PDF, and an executable renamed .png is refused.
"""

from __future__ import annotations

import numpy as np

from shared.errors import CaptureError
from shared.i18n import Msg

MAGIC = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"%PDF-", "pdf"),
    (b"BM", "bmp"),
)


def sniff_type(data: bytes) -> str | None:
    """``"jpeg"``, ``"png"``, ``"tiff"``, ``"pdf"``, ``"bmp"`` or None, from the magic bytes."""
    head = bytes(data[:1024])
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    # Some PDF writers put junk before the header; the spec allows it within 1 KB.
    if b"%PDF-" in head:
        return "pdf"
    return None


def to_bgr8(img: np.ndarray) -> np.ndarray:
    """Any decoded image (grey, alpha, 16-bit) as 8-bit BGR."""
    import cv2

    if img.dtype == np.uint16:
        img = (img >> 8).astype(np.uint8)
    elif img.dtype != np.uint8:
        img = cv2.normalize(img, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    if img.ndim == 2:
        return cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    if img.shape[2] == 4:
        return cv2.cvtColor(img, cv2.COLOR_BGRA2BGR)
    return img


def check_pixels(data: bytes, name: str = "图像") -> None:
    """Refuse an image whose header declares more pixels than a page can have, before any
    decoder allocates them (a 389 KB PNG can declare 20000 x 20000)."""
    from shared.security.image_limits import MAX_PIXELS, ImageRefused, check_image
    try:
        check_image(data)
    except ImageRefused as err:
        if err.reason == "not_image":  # no header to bound it by: never handed to a decoder
            raise _bad(name) from None
        raise CaptureError(Msg("file.too_many_pixels", "图片“{name}”的像素过多（上限 {mp} 百万像素），请降低扫描分辨率后重试",
                               {"name": name, "mp": MAX_PIXELS // 1_000_000})) from None


def _bad(name: str) -> CaptureError:
    return CaptureError(Msg("file.corrupt", "文件“{name}”已损坏或无法读取，请重新扫描或换一个文件",
                            {"name": name}))


def decode_image_bytes(data: bytes, name: str = "图像") -> np.ndarray:
    """Decode JPEG/PNG/TIFF/BMP bytes into a BGR uint8 array (the first page of a TIFF).

    Raises CaptureError when the bytes are not a supported image or are damaged.
    """
    pages = decode_image_pages(data, name, first_only=True)
    return pages[0]


def decode_image_pages(data: bytes, name: str = "图像", first_only: bool = False
                       ) -> list[np.ndarray]:
    """All pages of an image file held in memory (several for a multi-page TIFF)."""
    import cv2

    kind = sniff_type(data)
    if kind is None or kind == "pdf":
        raise CaptureError(Msg("file.type", "文件“{name}”不是支持的图片格式（JPEG、PNG、TIFF），"
                                            "请选择图片或 PDF 文件", {"name": name}))
    check_pixels(data, name)
    buf = np.frombuffer(data, np.uint8)
    if kind == "tiff" and not first_only:
        ok, pages = cv2.imdecodemulti(buf, cv2.IMREAD_COLOR)
        if not ok or not pages:
            raise _bad(name)
        return [to_bgr8(p) for p in pages]
    # IMREAD_COLOR applies the EXIF orientation a phone or camera wrote.
    img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    if img is None or img.size == 0 or min(img.shape[:2]) < 16:
        raise _bad(name)
    if kind == "jpeg" and not _jpeg_complete(data):
        # libjpeg pads a truncated file with grey and only warns: refuse it instead.
        raise _bad(name)
    return [to_bgr8(img)]


def _jpeg_complete(data: bytes) -> bool:
    """A whole JPEG ends with the EOI marker (FF D9), maybe followed by a little padding."""
    return b"\xff\xd9" in bytes(data[-64:])

"""Bounds on an image before it is decoded: a small file must not become gigabytes of pixels.

The header is read first (Pillow reads only the header on open) and the pixel count of every
frame is checked against :data:`MAX_PIXELS` before any decoder allocates the bitmap. Every
image that comes from outside (an imported file, a scanned or chosen page, a server answer)
passes :func:`check_image` before OpenCV or Pillow decodes it.
"""

from __future__ import annotations

import io
import warnings

MAX_PIXELS = 120_000_000  # an A3 page at 600 dpi is 70 million; 20000 x 20000 is not a page
MAX_FRAMES = 200


class ImageRefused(ValueError):
    """The bytes are not an image this product takes (``too_large``: over the pixel limit)."""

    def __init__(self, reason: str, pixels: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.pixels = pixels


def _png_chunks_fit(data: bytes) -> bool:
    """Every PNG chunk's declared length lies inside the file (OpenCV allocates what a chunk
    header declares: a 50-byte PNG claiming a 4 GB chunk took 4 GB; found by the fuzzer)."""
    pos, size = 8, len(data)
    while pos + 8 <= size:
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = bytes(data[pos + 4:pos + 8])
        if length > size - pos - 12:
            return False
        pos += 12 + length
        if kind == b"IEND":
            return True
    return pos == size


def check_image(data: bytes, verify: bool = False, max_pixels: int = MAX_PIXELS) -> tuple[int, int]:
    """The (width, height) of the first frame of an image, after checking every frame's
    pixel count from the headers; ``verify``: also decode it (bounded by then) to prove the
    content is what the header says. Raises :class:`ImageRefused`."""
    from PIL import Image
    if bytes(data[:8]) == b"\x89PNG\r\n\x1a\n" and not _png_chunks_fit(data):
        raise ImageRefused("not_image")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the bomb warning: the limit below decides
        try:
            im = Image.open(io.BytesIO(bytes(data)))
        except Image.DecompressionBombError:
            raise ImageRefused("too_large") from None
        except Exception:  # Pillow raises many kinds on garbage; all mean "not an image"
            raise ImageRefused("not_image") from None
        try:
            size = im.size
            frames = int(getattr(im, "n_frames", 1) or 1)
            if frames > MAX_FRAMES:
                raise ImageRefused("too_many_frames")
            for i in range(frames):
                if i:
                    im.seek(i)
                w, h = im.size
                if w <= 0 or h <= 0:
                    raise ImageRefused("not_image")
                if w * h > max_pixels:
                    raise ImageRefused("too_large", w * h)
            if verify:
                im.seek(0)
                im.load()
        except ImageRefused:
            raise
        except Image.DecompressionBombError:
            raise ImageRefused("too_large") from None
        except Exception:
            raise ImageRefused("not_image") from None
        finally:
            im.close()
    return size

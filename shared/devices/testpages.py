"""Synthetic document pages and photos of them, for tests, benches and the demo.

A generated page is a white A4-ish sheet with Chinese text (WenQuanYi through Pillow when both
are there, Latin ``cv2.putText`` otherwise), a red circular seal and optionally a QR code and a
Code128 barcode. :func:`make_photo` lays it, tilted in perspective, on a desk background and
returns the exact corners, so the page pipeline can be checked against the truth.
Nothing here is a real person's data: names and numbers are invented.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
SEAL_BGR = (40, 35, 215)  # a vermilion seal ink, as BGR
DEFAULT_LINES = (
    "不动产登记申请书",
    "申请人：张某某    证件号码：1101**********0012",
    "坐落：福州市鼓楼区示例路 88 号 3 幢 1201 室",
    "不动产单元号：350102003004GB00012F00030012",
    "不动产权证书号：闽(2023)福州市不动产权第0012345号",
    "抵押合同编号：HT20230815001",
    "申请人承诺所提交的申请材料真实有效，如有虚假，愿承担法律责任。",
    "登记原因：抵押权首次登记    被担保主债权数额：人民币 800000 元",
)


@dataclass
class TestPage:
    """A flat generated page (BGR) and where its features are, in page pixels."""

    image: np.ndarray
    seal_center: tuple[int, int] | None = None
    seal_radius: int = 0
    barcodes: dict[str, str] = field(default_factory=dict)


@dataclass
class TestPhoto:
    """A page photographed on a desk: the photo and the page's true corners (TL, TR, BR, BL)."""

    image: np.ndarray
    corners: np.ndarray
    page: TestPage


@functools.lru_cache(maxsize=8)
def _font(size: int):
    """A CJK TrueType font through Pillow, or None when Pillow or the font is missing."""
    try:
        from PIL import ImageFont
    except ImportError:
        return None
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size, index=0)
    return None


def _draw_text(img: np.ndarray, lines, x: int, y: int, size: int) -> None:
    """Draw text lines in black from (x, y); Chinese with Pillow, else Latin with OpenCV."""
    import cv2

    font = _font(size)
    if font is None:
        for i, line in enumerate(lines):
            ascii_line = line.encode("ascii", "replace").decode()
            cv2.putText(img, ascii_line, (x, y + size + i * int(size * 1.8)),
                        cv2.FONT_HERSHEY_SIMPLEX, size / 30.0, (20, 20, 20), 2, cv2.LINE_AA)
        return
    from PIL import Image, ImageDraw

    pil = Image.fromarray(img[:, :, ::-1])
    draw = ImageDraw.Draw(pil)
    for i, line in enumerate(lines):
        draw.text((x, y + i * int(size * 1.8)), line, font=font, fill=(20, 20, 20))
    img[:] = np.asarray(pil)[:, :, ::-1]


def _draw_seal(img: np.ndarray, center: tuple[int, int], radius: int) -> None:
    """A red round seal (ring, star, a line of text), blended like ink over the page."""
    import cv2

    layer = np.full_like(img, 255)
    cv2.circle(layer, center, radius, SEAL_BGR, max(3, radius // 14), cv2.LINE_AA)
    star = []
    for k in range(10):
        r = radius * (0.32 if k % 2 == 0 else 0.13)
        a = -math.pi / 2 + k * math.pi / 5
        star.append((center[0] + r * math.cos(a), center[1] - radius * 0.1 + r * math.sin(a)))
    cv2.fillPoly(layer, [np.array(star, np.int32)], SEAL_BGR, cv2.LINE_AA)
    font = _font(max(10, radius // 5))
    if font is not None:
        from PIL import Image, ImageDraw

        pil = Image.fromarray(layer[:, :, ::-1])
        text = "登记专用章"
        w = font.getlength(text)
        ImageDraw.Draw(pil).text((center[0] - w / 2, center[1] + radius * 0.35), text,
                                 font=font, fill=SEAL_BGR[::-1])
        layer[:] = np.asarray(pil)[:, :, ::-1]
    # Multiply blend: ink darkens the paper and the text under it stays visible.
    img[:] = (img.astype(np.uint16) * layer // 255).astype(np.uint8)


def qr_image(text: str, box: int = 4) -> np.ndarray:
    """A QR code of ``text`` (UTF-8, as the ``qrcode`` package writes it) as a grey image."""
    import qrcode

    qr = qrcode.QRCode(box_size=box, border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    return np.asarray(qr.make_image().convert("L"), dtype=np.uint8)


def code128_image(text: str, module: int = 2, height: int = 60) -> np.ndarray:
    """A Code128 barcode of ``text`` as a grey image with quiet zones (written by zxing-cpp)."""
    import cv2
    import zxingcpp

    bc = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.Code128)
    row = np.asarray(bc.to_image(scale=1), dtype=np.uint8)[0]
    row = np.repeat(row, module)
    quiet = np.full(12 * module, 255, np.uint8)
    row = np.concatenate([quiet, row, quiet])
    img = np.repeat(row[None, :], height, axis=0)
    return cv2.copyMakeBorder(img, 8, 8, 0, 0, cv2.BORDER_CONSTANT, value=255)


def _paste_grey(img: np.ndarray, grey: np.ndarray, x: int, y: int) -> None:
    h, w = grey.shape
    h = min(h, img.shape[0] - y)
    w = min(w, img.shape[1] - x)
    img[y:y + h, x:x + w] = grey[:h, :w, None]


def make_page(width: int = 1240, *, text: bool = True, seal: bool = True,
              qr_text: str | None = None, code128_text: str | None = None,
              blank: bool = False, qr_box: int | None = None,
              aspect: float = 1.414) -> TestPage:
    """Draw a page ``width`` pixels wide, ``aspect`` times as high (A4: 1 : 1.414)."""
    height = int(round(width * aspect))
    img = np.full((height, width, 3), 250, np.uint8)
    page = TestPage(img)
    if blank:
        return page
    s = width / 1240.0
    if text:
        _draw_text(img, DEFAULT_LINES[:1], int(420 * s), int(90 * s), int(44 * s))
        _draw_text(img, DEFAULT_LINES[1:], int(90 * s), int(220 * s), int(26 * s))
        filler = ["第{}条 本页为系统生成的测试材料，不含任何真实个人信息。".format(i + 1)
                  for i in range(14)]
        _draw_text(img, filler, int(90 * s), int(640 * s), int(24 * s))
    if qr_text is not None:
        q = qr_image(qr_text, box=qr_box or max(2, int(4 * s)))
        _paste_grey(img, q, int(width - q.shape[1] - 80 * s), int(height - q.shape[0] - 90 * s))
        page.barcodes["QRCODE"] = qr_text
    if code128_text is not None:
        c = code128_image(code128_text, module=max(2, int(2 * s)), height=int(70 * s))
        _paste_grey(img, c, int(80 * s), int(height - c.shape[0] - 110 * s))
        page.barcodes["CODE128"] = code128_text
    if seal:
        center = (int(width * 0.66), int(height * 0.62))
        radius = int(130 * s)
        _draw_seal(img, center, radius)
        page.seal_center, page.seal_radius = center, radius
    return page


def _desk(height: int, width: int, rng: np.random.Generator) -> np.ndarray:
    """A brownish wood-like desk: smooth stripes plus mild noise."""
    import cv2

    y = np.arange(height, dtype=np.float32)[:, None]
    x = np.arange(width, dtype=np.float32)[None, :]
    stripes = 18 * np.sin(x / 37.0 + 3 * np.sin(y / 211.0)) + 10 * np.sin(y / 13.0 + x / 400.0)
    base = np.empty((height, width, 3), np.float32)
    for c, v in enumerate((70, 100, 135)):
        base[:, :, c] = v + stripes
    noise = rng.normal(0, 6, (height // 4 + 1, width // 4 + 1, 1)).astype(np.float32)
    noise = cv2.resize(noise, (width, height))[:, :, None]
    return np.clip(base + noise, 0, 255).astype(np.uint8)


def photo_corners(page_size: tuple[int, int], size: tuple[int, int], rng: np.random.Generator,
                  tilt: float = 1.0, fill: float = 0.82, rotate_deg: float = 6.0) -> np.ndarray:
    """Where a page of ``page_size`` (w, h) lands in a photo of ``size``: TL, TR, BR, BL."""
    pw, ph = page_size
    w, h = size
    out_h = fill * h
    out_w = out_h * pw / ph
    cx, cy = w / 2 + rng.uniform(-0.04, 0.04) * w, h / 2 + rng.uniform(-0.03, 0.03) * h
    base = np.array([[-out_w / 2, -out_h / 2], [out_w / 2, -out_h / 2],
                     [out_w / 2, out_h / 2], [-out_w / 2, out_h / 2]])
    a = math.radians(rotate_deg)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    corners = base @ rot.T + (cx, cy)
    corners += rng.uniform(-1, 1, (4, 2)) * 0.03 * out_h * tilt
    return corners.astype(np.float32)


def camera_corners(sheet: tuple[float, float], size: tuple[int, int], *, focal: float = 0.65,
                   yaw: float = 0.0, pitch: float = 0.0, roll: float = 0.0, fill: float = 0.8,
                   shift: tuple[float, float] = (0.0, 0.0)) -> np.ndarray:
    """Where a flat sheet of ``sheet`` = (width, height) lands in a ``size`` = (w, h) photo
    taken by a pinhole camera (principal point at the image centre, focal length ``focal``
    times the image diagonal) turned by ``yaw``/``pitch``/``roll`` degrees: TL, TR, BR, BL.

    The distance is chosen so the sheet's projection spans about ``fill`` of the photo;
    ``shift`` moves the sheet off the optical axis (a share of its own size)."""
    sw, sh = sheet
    w, h = size
    f = focal * math.hypot(w, h)
    pts = np.array([[-sw / 2, -sh / 2, 0], [sw / 2, -sh / 2, 0], [sw / 2, sh / 2, 0],
                    [-sw / 2, sh / 2, 0]], np.float64) + (shift[0] * sw, shift[1] * sh, 0)

    def rot(axis: int, deg: float) -> np.ndarray:
        c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
        i, j = [(1, 2), (0, 2), (0, 1)][axis]
        m = np.eye(3)
        m[i, i], m[i, j], m[j, i], m[j, j] = c, -s, s, c
        return m

    turned = pts @ (rot(2, roll) @ rot(0, pitch) @ rot(1, yaw)).T

    def project(dist: float) -> np.ndarray:
        z = turned[:, 2] + dist
        return np.stack([f * turned[:, 0] / z + w / 2, f * turned[:, 1] / z + h / 2], axis=1)

    dist = f * max(sw, sh)  # then scale the distance so the projection fills the frame
    span = np.ptp(project(dist), axis=0)
    dist *= max(span[0] / (fill * w), span[1] / (fill * h))
    return project(dist).astype(np.float32)


def make_photo(page: TestPage | None = None, size: tuple[int, int] = (2592, 1944), *,
               tilt: float = 1.0, fill: float = 0.82, rotate_deg: float = 6.0, seed: int = 0,
               blur: float = 0.0, brightness: float = 1.0,
               corners: np.ndarray | None = None) -> TestPhoto:
    """Photograph ``page`` on a desk: a ``size`` = (width, height) image and the corners.

    ``fill`` is the page height over the photo height, ``rotate_deg`` the in-plane turn and
    ``tilt`` scales the random keystone (perspective) of the four corners; or ``corners``
    (TL, TR, BR, BL, e.g. from :func:`camera_corners`) says where the page lands.
    """
    import cv2

    rng = np.random.default_rng(seed)
    page = page or make_page()
    w, h = size
    ph, pw = page.image.shape[:2]
    if corners is None:
        corners = photo_corners((pw, ph), size, rng, tilt=tilt, fill=fill,
                                rotate_deg=rotate_deg)
    src = np.array([[0, 0], [pw - 1, 0], [pw - 1, ph - 1], [0, ph - 1]], np.float32)
    m = cv2.getPerspectiveTransform(src, corners)
    photo = _desk(h, w, rng)
    warped = cv2.warpPerspective(page.image, m, (w, h), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), m, (w, h))
    inside = mask > 127
    photo[inside] = warped[inside]
    # Uneven lighting, as from a desk lamp, then sensor noise and optional defocus.
    yy, xx = np.mgrid[0:h:8, 0:w:8].astype(np.float32)
    light = 1.0 - 0.18 * ((xx - w * 0.3) ** 2 + (yy - h * 0.2) ** 2) / (w * w)
    light = cv2.resize(light, (w, h))[:, :, None] * brightness
    photo = photo.astype(np.float32) * light + rng.normal(0, 3, (h, w, 1)).astype(np.float32)
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    if blur > 0:
        photo = cv2.GaussianBlur(photo, (0, 0), blur)
    return TestPhoto(photo, corners, page)


def encode_jpeg(image: np.ndarray, quality: int = 90) -> bytes:
    """JPEG bytes of ``image``, as a camera would deliver them."""
    import cv2

    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return buf.tobytes()


def png_declaring(width: int, height: int) -> bytes:
    """A small PNG whose header declares ``width`` x ``height`` grey pixels while it holds only
    a few rows: what a decompression bomb looks like to a reader that trusts the header."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    rows = zlib.compress(b"\0" * ((width + 1) * 4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", rows) + chunk(b"IEND", b""))

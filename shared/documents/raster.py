"""Pages of a PDF as PNG images, through poppler's ``pdftoppm`` over pipes (no temp files).

Used for the print path (Qt's QtPdf is not in PySide6-Essentials) and the preview, and by
tests. The PDF goes in on stdin and the PNGs come back on stdout, one after another.
"""

from __future__ import annotations

import subprocess

from shared import platform
from shared.errors import DocumentError
from shared.i18n import Msg

_IEND = b"IEND\xaeB`\x82"


def split_png_stream(data: bytes) -> list[bytes]:
    """Split concatenated PNG files (as pdftoppm writes them to stdout) into single PNGs."""
    pages, start = [], 0
    while True:
        end = data.find(_IEND, start)
        if end < 0:
            break
        pages.append(data[start:end + len(_IEND)])
        start = end + len(_IEND)
    return pages


def pdftoppm_path() -> str | None:
    """Where pdftoppm is: shipped with the install, else on ``PATH`` (``None`` if neither)."""
    return platform.find_tool("pdftoppm")


def rasterize(pdf: bytes, dpi: int = 150, first: int | None = None, last: int | None = None,
              timeout: float = 60.0) -> list[bytes]:
    """Every page (or ``first``..``last``) of ``pdf`` as PNG bytes at ``dpi``."""
    exe = pdftoppm_path()
    if exe is None:
        raise DocumentError(Msg("document.no_pdftoppm", "找不到 pdftoppm，无法预览或打印 PDF。"
                                "请安装 poppler-utils（Windows 版 poppler 的 bin 目录需在 PATH 中）"))
    cmd = [exe, "-png", "-r", str(int(dpi))]
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    cmd.append("-")
    try:
        done = subprocess.run(cmd, input=pdf, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise DocumentError(Msg("document.raster_timeout", "PDF 页面转换超时，请重试")) from None
    pages = split_png_stream(done.stdout)
    if done.returncode != 0 or not pages:
        raise DocumentError(Msg("document.raster_failed", "PDF 无法转换为图像（pdftoppm 返回 {code}），文件可能已损坏",
                                {"code": done.returncode}))
    return pages

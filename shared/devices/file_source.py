"""Pages from files: JPEG, PNG, (multi-page) TIFF and PDF, checked by content, in memory.

PDF pages are rendered by ``pdftoppm`` (poppler-utils) through pipes: the PDF goes in on
stdin and the pages come back as concatenated PPM images on stdout, so no page image ever
lands in a clear temporary file.
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from shared import platform
from shared.devices.page_io import decode_image_pages, sniff_type
from shared.devices.pages import PageSource
from shared.errors import CaptureError
from shared.i18n import Msg, N_, tr

log = logging.getLogger("yizhan.devices.file")

DEFAULT_MAX_BYTES = 30 * 1024 * 1024
MAX_PDF_PAGES = 60
PDF_TIMEOUT_S = 60


def _err(code: str, text: str, **params) -> CaptureError:
    return CaptureError(Msg(code, text, params))


def _parse_ppm_stream(data: bytes, name: str) -> list[np.ndarray]:
    """Split pdftoppm's concatenated binary PPM (P6) / PGM (P5) output into BGR pages."""
    import cv2

    pages, pos = [], 0
    while pos < len(data):
        fields, p = [], pos
        while len(fields) < 4:  # magic, width, height, maxval (comments are not written)
            while p < len(data) and data[p:p + 1].isspace():
                p += 1
            start = p
            while p < len(data) and not data[p:p + 1].isspace():
                p += 1
            fields.append(data[start:p])
        p += 1  # the single whitespace after maxval
        try:
            magic, w, h = fields[0], int(fields[1]), int(fields[2])
        except ValueError as exc:
            raise _err("file.corrupt", N_("文件“{name}”已损坏或无法读取，请重新扫描或换一个文件"),
                       name=name) from exc
        ch = 3 if magic == b"P6" else 1
        size = w * h * ch
        if magic not in (b"P5", b"P6") or p + size > len(data):
            raise _err("file.corrupt", N_("文件“{name}”已损坏或无法读取，请重新扫描或换一个文件"),
                       name=name)
        arr = np.frombuffer(data, np.uint8, size, p).reshape(h, w, ch) if ch == 3 else \
            np.frombuffer(data, np.uint8, size, p).reshape(h, w)
        pages.append(cv2.cvtColor(arr, cv2.COLOR_RGB2BGR if ch == 3 else cv2.COLOR_GRAY2BGR))
        pos = p + size
    return pages


def render_pdf(data: bytes, name: str = "PDF", dpi: int = 150,
               max_pages: int = MAX_PDF_PAGES) -> list[np.ndarray]:
    """Render the pages of a PDF held in memory to BGR arrays with pdftoppm."""
    exe = platform.find_tool("pdftoppm")
    if exe is None:
        raise _err("file.pdf_tool", N_("无法导入 PDF：未安装 PDF 渲染组件（poppler-utils），请联系运维人员"))
    cmd = [exe, "-r", str(int(dpi)), "-l", str(int(max_pages)), "-"]
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, timeout=PDF_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise _err("file.pdf_timeout", N_("文件“{name}”页面过多或过于复杂，请拆分后再导入"),
                   name=name) from exc
    if proc.returncode != 0 or not proc.stdout:
        log.info("pdftoppm failed with %d", proc.returncode)  # no file name: it may be personal
        raise _err("file.corrupt", N_("文件“{name}”已损坏或无法读取，请重新扫描或换一个文件"), name=name)
    return _parse_ppm_stream(proc.stdout, name)


def load_pages(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES,
               dpi: int = 150) -> list[np.ndarray]:
    """All pages of one file's bytes, after the size and type checks."""
    if len(data) > max_bytes:
        raise _err("file.too_large", N_("文件“{name}”有 {size} MB，超过 {limit} MB 的上限，"
                   "请降低扫描分辨率或拆分后再导入"), name=name,
                   size="{:.1f}".format(len(data) / 1048576), limit=max_bytes // 1048576)
    kind = sniff_type(data)
    if kind is None:
        raise _err("file.type", N_("文件“{name}”不是支持的格式（JPEG、PNG、TIFF、PDF），请换一个文件"),
                   name=name)
    if kind == "pdf":
        return render_pdf(data, name, dpi)
    return decode_image_pages(data, name)


class FileSource(PageSource):
    """Pages imported from files, in the given order (each file may hold several pages)."""

    kind = "file"

    def __init__(self, paths: Iterable[str | os.PathLike] | str | os.PathLike = (),
                 max_bytes: int = DEFAULT_MAX_BYTES, dpi: int = 150) -> None:
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        self.paths = [Path(p) for p in paths]
        self.max_bytes = max_bytes
        self.dpi = dpi
        self.name = tr("文件导入")

    def _read(self, path: Path) -> bytes:
        """A page file: regular, at most ``max_bytes``, read without blocking on a FIFO or
        reading a device (:func:`shared.platform.read_regular`)."""
        import errno
        name = path.name[:80]
        try:
            return platform.read_regular(path, self.max_bytes)
        except OSError as exc:
            if exc.errno == errno.ENOENT:
                raise _err("file.missing", N_("找不到文件“{name}”，请确认文件位置后重试"), name=name) from None
            if platform.is_too_large(exc):
                try:
                    size = path.stat().st_size
                except OSError:
                    size = self.max_bytes + 1
                raise _err("file.too_large", N_("文件“{name}”有 {size} MB，超过 {limit} MB 的上限，"
                           "请降低扫描分辨率或拆分后再导入"), name=name,
                           size="{:.1f}".format(size / 1048576), limit=self.max_bytes // 1048576) from None
            if platform.is_not_regular(exc):
                raise _err("file.not_regular", N_("“{name}”不是普通文件（可能是文件夹、设备或管道），请换一个文件"),
                           name=name) from None
            raise _err("file.unreadable", N_("无法读取文件“{name}”，请检查文件权限或换一个文件"),
                       name=name) from None

    def acquire(self, paths=None, **opts) -> Iterator[np.ndarray]:
        """Yield the pages of ``paths`` (default: those given at construction)."""
        dpi = opts.get("dpi", self.dpi)
        for path in [Path(p) for p in paths] if paths is not None else self.paths:
            data = self._read(path)
            yield from load_pages(data, path.name, self.max_bytes, dpi)

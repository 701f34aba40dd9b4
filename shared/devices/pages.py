"""Where document pages come from: one small interface for document cameras, scanners, files.

Every source yields pages as BGR ``numpy`` arrays; the page pipeline
(:mod:`shared.capture.page`) does the rest. The interface is the seam for other drivers: a
scanner driver only has to implement ``acquire`` and ``close``: SANE on Linux
(:mod:`shared.devices.sane_source`), WIA on Windows (:mod:`shared.devices.wia_source`).
"""

from __future__ import annotations

import abc
import glob
import os
import sys
from typing import Iterator

import numpy as np

from shared import platform
from shared.i18n import N_, tr

KINDS = ("doccam", "scanner", "file")


class PageSource(abc.ABC):
    """A source of document pages. Use it as a context manager to be sure it is closed."""

    name: str = ""
    kind: str = ""

    @abc.abstractmethod
    def acquire(self, **opts) -> Iterator[np.ndarray]:
        """Yield the pages (BGR uint8 arrays) of one acquisition (a scan batch, a capture)."""

    def close(self) -> None:
        """Release the device. Safe to call twice."""

    def __enter__(self) -> "PageSource":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return "<{} {} {!r}>".format(type(self).__name__, self.kind, self.name)


def _video_devices() -> list[str]:
    """Document cameras are UVC cameras: on Linux they show up as /dev/video*."""
    if sys.platform.startswith("linux"):
        return sorted(glob.glob("/dev/video*"))
    return []


def list_sources(include_scanners: bool = True) -> list[dict]:
    """The page sources available now: ``{"id", "name", "kind"}`` dictionaries.

    ``id`` is what :func:`open_source` takes: ``"file"``, ``"doccam:<index>"``,
    ``"sane:<device>"`` or ``"wia:<device id>"``.
    """
    out = [{"id": "file", "name": tr(N_("文件导入")), "kind": "file"}]
    for path in _video_devices():
        idx = path.replace("/dev/video", "")
        if idx.isdigit():
            out.append({"id": "doccam:" + idx, "name": tr("高拍仪 {device}", device=path), "kind": "doccam"})
    if include_scanners:
        from shared.devices import sane_source, wia_source

        for dev in sane_source.list_devices():
            out.append({"id": "sane:" + dev["device"], "name": dev["label"], "kind": "scanner"})
        for dev in wia_source.list_devices():
            out.append({"id": "wia:" + dev["device"], "name": dev["label"], "kind": "scanner"})
    return out


def open_source(source_id: str, **kwargs) -> PageSource:
    """Open a source by the ``id`` from :func:`list_sources` (``kwargs`` go to its driver)."""
    kind, _, arg = source_id.partition(":")
    if kind == "file":
        from shared.devices.file_source import FileSource

        return FileSource(**kwargs)
    if kind == "doccam":
        from shared.devices.doccam import DocumentCamera

        return DocumentCamera(int(arg) if arg.isdigit() else arg, **kwargs)
    if kind == "sim":  # the simulated document camera (a generated page slid in, then still)
        from shared.devices.doccam import DocumentCamera
        from shared.devices.doccam_sim import simulated_frames

        return DocumentCamera(simulated_frames(n_moving=3, n_still=6, **kwargs))
    if kind == "sane":
        from shared.devices.sane_source import SaneSource

        return SaneSource(arg, **kwargs)
    if kind == "wia":
        from shared.devices.wia_source import WiaSource

        return WiaSource(arg, **kwargs)
    raise ValueError("unknown page source: {}".format(source_id))


def check() -> list[dict]:
    """Health of the page sources for ``yizhan devices check``: one dict per item.

    Each has ``device``, ``ok`` (bool) and ``detail`` (text for the operator, in the current
    language).
    """
    results = [{"device": "file", "ok": True, "detail": tr("文件导入可用（JPEG、PNG、TIFF）")}]
    pdf_ok = platform.find_tool("pdftoppm") is not None
    results.append({"device": "pdf", "ok": pdf_ok,
                    "detail": tr("PDF 导入可用") if pdf_ok else tr("未安装 poppler-utils，无法导入 PDF")})
    cams = _video_devices()
    results.append({"device": "doccam", "ok": bool(cams),
                    "detail": tr("找到高拍仪：{devices}", devices="、".join(cams)) if cams
                    else tr("未找到高拍仪（摄像头），请检查 USB 连接")})
    from shared.devices import sane_source, wia_source

    if wia_source.available():  # Windows: its own scanner interface
        devs = wia_source.list_devices()
        results.append({"device": "scanner", "ok": bool(devs),
                        "detail": tr("找到扫描仪：{devices}", devices="、".join(d["label"] for d in devs))
                        if devs else tr("未找到扫描仪，请检查电源和 USB 连接")})
    elif sys.platform == "win32":
        results.append({"device": "scanner", "ok": False,
                        "detail": tr("无法使用 Windows 扫描仪接口（WIA），请检查 Windows Image Acquisition 服务")})
    elif not sane_source.available():
        results.append({"device": "scanner", "ok": False,
                        "detail": tr("未安装扫描仪驱动组件（python-sane）")})
    else:
        devs = sane_source.list_devices()
        results.append({"device": "scanner", "ok": bool(devs),
                        "detail": tr("找到扫描仪：{devices}", devices="、".join(d["device"] for d in devs))
                        if devs else tr("未找到扫描仪，请检查电源和 USB 连接")})
    if os.environ.get("SANE_CONFIG_DIR"):
        results[-1]["detail"] += "（SANE_CONFIG_DIR={}）".format(os.environ["SANE_CONFIG_DIR"])
    return results

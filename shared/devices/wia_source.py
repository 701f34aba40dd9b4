"""Scanners on Windows through WIA 2.0's automation layer (``WIA.DeviceManager``, wiaaut.dll).

python-sane has no Windows build; every Windows 10/11 PC has WIA, and every scanner sold for
Windows has a WIA driver (TWAIN needs a per-vendor data source and a 32/64-bit match, so WIA is
the one that needs nothing installed). The COM objects are reached through ``comtypes`` (pure
Python, a dependency on Windows only); the object model is injected, so the logic here (device
listing, flatbed or feeder, the feeder's end, WIA's error codes, the bounded decode) is tested
on any OS with a stand-in of that object model. A real scanner under real WIA is not run here.

What a WIA transfer gives is an image file in memory (PNG asked for): its header is checked
against the pixel bound before it is decoded, then it is reduced like a SANE scan
(:func:`shared.devices.sane_source.scan_to_bgr`).
"""

from __future__ import annotations

import io
import logging
import sys
from typing import Any, Callable, Iterator

import numpy as np

from shared.devices.pages import PageSource
from shared.errors import DeviceError
from shared.i18n import Msg, N_

log = logging.getLogger("yizhan.devices.wia")

SCANNER_TYPE = 1                 # WiaDeviceType.ScannerDeviceType
FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"   # wiaFormatPNG
# WIA property ids (wiadef.h)
DOCUMENT_HANDLING_SELECT = "3088"   # device: FEEDER 1, FLATBED 2
DOCUMENT_HANDLING_STATUS = "3087"   # device: bit FEED_READY 1
HORIZONTAL_RESOLUTION = "6147"      # item
VERTICAL_RESOLUTION = "6148"
CURRENT_INTENT = "6146"             # item: colour 1, greyscale 2, text (black and white) 4
INTENTS = {"Color": 1, "Gray": 2, "Lineart": 4}
FEEDER, FLATBED, FEED_READY = 1, 2, 1
MAX_PAGES = 200                     # one feeder load, however the driver misreports its end
MAX_TRANSFER = 400 << 20            # an image file from the driver: larger is not a page

# HRESULTs of WIA (wiadef.h) -> (code, message), as SANE's statuses are mapped
PAPER_EMPTY = 0x80210003
_ERRORS = {
    PAPER_EMPTY: ("scanner.no_docs", N_("送纸器里没有材料，请放入材料后重试")),
    0x80210002: ("scanner.jammed", N_("扫描仪卡纸，请打开送纸器取出卡住的纸张后重试")),
    0x80210016: ("scanner.cover_open", N_("扫描仪盖板未合上，请合上盖板后重试")),
    0x80210006: ("scanner.busy", N_("扫描仪正忙，请等待当前扫描结束后重试")),
    0x80210005: ("scanner.offline", N_("扫描仪未开机或已断开，请检查电源和 USB 连接")),
    0x8021000A: ("scanner.io", N_("扫描仪通信出错，请检查 USB 连接后重试")),
    0x80210015: ("scanner.offline", N_("扫描仪未开机或已断开，请检查电源和 USB 连接")),
    0x80210008: ("scanner.intervention", N_("扫描仪需要人工处理（请查看扫描仪面板上的提示）")),
    0x80210001: ("scanner.failed_general", N_("扫描仪报告故障，请重启扫描仪后重试")),
    0x80210064: ("scanner.cancelled", N_("扫描已取消")),
}


def _hresult(exc: BaseException) -> int | None:
    """The HRESULT a COM error carries (``comtypes.COMError.hresult`` or its first argument)."""
    value = getattr(exc, "hresult", None)
    if value is None and exc.args and isinstance(exc.args[0], int):
        value = exc.args[0]
    return None if value is None else int(value) & 0xFFFFFFFF


def map_error(exc: BaseException, device: str = "") -> DeviceError:
    """A WIA error as a DeviceError with a message a person can act on."""
    code = _hresult(exc)
    if code in _ERRORS:
        key, message = _ERRORS[code]
        return DeviceError(Msg(key, message, {"device": device}))
    return DeviceError(Msg("scanner.failed", "扫描仪“{device}”出错（{detail}），请检查设备后重试",
                           {"device": device, "detail": "0x{:08X}".format(code) if code is not None else type(exc).__name__}))


def _com_manager() -> Any:
    """WIA's DeviceManager through comtypes (Windows only)."""
    import comtypes.client  # type: ignore[import-not-found]
    return comtypes.client.CreateObject("WIA.DeviceManager")


def available(factory: Callable[[], Any] | None = None) -> bool:
    """True where WIA's automation layer can be reached (Windows with comtypes)."""
    if factory is None and sys.platform != "win32":
        return False
    try:
        (factory or _com_manager)()
    except Exception as exc:  # no comtypes, no wiaaut.dll: no WIA scanners
        log.debug("WIA not available: %s", type(exc).__name__)
        return False
    return True


def _prop(props: Any, key: str) -> Any:
    try:
        return props(key).Value
    except Exception:
        return None


def _set(props: Any, key: str, value: Any) -> bool:
    """Set a WIA property; False where the driver does not have it."""
    try:
        props(key).Value = value
    except Exception:
        return False
    return True


def _infos(manager: Any) -> list[Any]:
    infos = manager.DeviceInfos
    return [infos.Item(i) for i in range(1, int(infos.Count) + 1)]  # WIA collections start at 1


def list_devices(factory: Callable[[], Any] | None = None) -> list[dict]:
    """WIA scanners found now: ``{"device", "label"}`` (empty where there is no WIA)."""
    if factory is None and sys.platform != "win32":
        return []
    try:
        manager = (factory or _com_manager)()
        found = []
        for info in _infos(manager):
            if int(info.Type) != SCANNER_TYPE:
                continue
            name = _prop(info.Properties, "Name") or info.DeviceID
            found.append({"device": str(info.DeviceID), "label": str(name)[:80]})
        return found
    except Exception as exc:  # a broken driver must not break the device check
        log.warning("WIA device listing failed: %s", type(exc).__name__)
        return []


def _file_bytes(image_file: Any) -> bytes:
    """The bytes of a WIA ImageFile (``FileData.BinaryData``: a SAFEARRAY of bytes)."""
    data = image_file.FileData.BinaryData
    if isinstance(data, (bytes, bytearray, memoryview)):
        out = bytes(data)
    else:
        if len(data) > MAX_TRANSFER:
            raise ValueError("transfer too large")
        out = bytes(bytearray(data))
    if len(out) > MAX_TRANSFER:
        raise ValueError("transfer too large")
    return out


def decode_scan(data: bytes, device: str = "") -> np.ndarray:
    """A transferred page: its header checked against the pixel bound, then decoded and reduced."""
    from PIL import Image

    from shared.devices.sane_source import scan_to_bgr
    from shared.security.image_limits import ImageRefused, check_image
    try:
        check_image(data)
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            return scan_to_bgr(im)
    except (ImageRefused, OSError, ValueError) as exc:
        raise DeviceError(Msg("scanner.bad_image", "扫描仪“{device}”送来的图像无法读取，请重新扫描",
                              {"device": device})) from exc


class WiaSource(PageSource):
    """A WIA scanner. ``source`` is ``"flatbed"`` or ``"adf"`` (the feeder: many pages)."""

    kind = "scanner"

    def __init__(self, device: str, source: str = "flatbed", resolution: int = 150, mode: str = "Color",
                 factory: Callable[[], Any] | None = None) -> None:
        self.name = device
        self.source = source
        self.resolution = int(resolution)
        self.mode = mode
        self._factory = factory or _com_manager
        self._device: Any = None

    def _connect(self) -> Any:
        if self._device is None:
            try:
                manager = self._factory()
                info = next((i for i in _infos(manager) if str(i.DeviceID) == self.name), None)
            except Exception as exc:
                raise map_error(exc, self.name) from exc
            if info is None:
                raise DeviceError(Msg("scanner.offline", "扫描仪未开机或已断开，请检查电源和 USB 连接",
                                      {"device": self.name}))
            try:
                self._device = info.Connect()
            except Exception as exc:
                raise map_error(exc, self.name) from exc
        return self._device

    def _prepare(self, device: Any) -> Any:
        feeder = self.source == "adf"
        if not _set(device.Properties, DOCUMENT_HANDLING_SELECT, FEEDER if feeder else FLATBED) and feeder:
            raise DeviceError(Msg("scanner.no_feeder", "扫描仪“{device}”没有自动送纸器，请改用平板扫描",
                                  {"device": self.name}))
        item = device.Items(1)
        for key, value in ((HORIZONTAL_RESOLUTION, self.resolution), (VERTICAL_RESOLUTION, self.resolution),
                           (CURRENT_INTENT, INTENTS.get(self.mode, 1))):
            _set(item.Properties, key, value)
        return item

    def _feed_ready(self, device: Any) -> bool:
        status = _prop(device.Properties, DOCUMENT_HANDLING_STATUS)
        return status is None or bool(int(status) & FEED_READY)

    def acquire(self, **opts) -> Iterator[np.ndarray]:
        """One page from the flatbed, or every page in the feeder (until WIA says it is empty)."""
        device = self._connect()
        item = self._prepare(device)
        feeder = self.source == "adf"
        for n in range(MAX_PAGES if feeder else 1):
            if feeder and n and not self._feed_ready(device):
                return
            try:
                data = _file_bytes(item.Transfer(FORMAT_PNG))
            except Exception as exc:
                if feeder and _hresult(exc) == PAPER_EMPTY and n:
                    return  # the feeder ran out after at least one page: the batch is done
                if isinstance(exc, ValueError):
                    raise DeviceError(Msg("scanner.bad_image", "扫描仪“{device}”送来的图像无法读取，请重新扫描",
                                          {"device": self.name})) from exc
                raise map_error(exc, self.name) from exc
            yield decode_scan(data, self.name)

    def close(self) -> None:
        self._device = None

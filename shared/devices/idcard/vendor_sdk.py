"""The vendor-library driver: ``sdtapi``-style shared libraries through ctypes.

Call sequence (the one documented by the common sdtapi.dll / libsdtapi.so):
``SDT_OpenPort(port)`` -> ``SDT_StartFindIDCard`` (0x9F) -> ``SDT_SelectIDCard`` (0x90) ->
``SDT_ReadBaseMsg(port, text, &text_len, photo, &photo_len, 0)`` (0x90) -> ``SDT_ClosePort``.
Return values are the SW3 codes of the serial protocol, so the same named errors apply.
Port 1001-1016 is USB, 1-16 a serial port. ``iIfOpen`` is 0: we open the port ourselves.

The optional WLT decoder (``libwlt2bmp``-style ``int unpack(char *wlt, char *out, int save)``)
is used only when its path is configured, with ``save = 0`` so no photo file is ever written.
File-based calls (termb ``Read_Content``, WltRS ``GetBmp``) are deliberately not used: they
write the person's text and photo to disk in clear.

A vendor call runs in a daemon thread joined with a timeout, so a library that hangs cannot
hang the caller (the reader is then marked broken and must be reopened).
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
import time
from typing import Any, Callable

from shared.devices.idcard import protocol as p
from shared.devices.idcard.cardtext import decode_text
from shared.devices.idcard.model import PHOTO_BGR_SIZE, PHOTO_HEIGHT, PHOTO_WIDTH, IdCardData
from shared.devices.idcard.reader import IdCardReader, ReaderTimeout
from shared.errors import DeviceError
from shared.i18n import Msg

log = logging.getLogger("yizhan.devices.idcard")

_SIGNATURES: dict[str, list[Any]] = {
    "SDT_OpenPort": [ctypes.c_int],
    "SDT_ClosePort": [ctypes.c_int],
    "SDT_GetSAMIDToStr": [ctypes.c_int, ctypes.c_char_p, ctypes.c_int],
    "SDT_StartFindIDCard": [ctypes.c_int, ctypes.c_char_p, ctypes.c_int],
    "SDT_SelectIDCard": [ctypes.c_int, ctypes.c_char_p, ctypes.c_int],
    "SDT_ReadBaseMsg": [ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint),
                        ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint), ctypes.c_int],
}


def _load(path: str) -> ctypes.CDLL:
    loader = getattr(ctypes, "WinDLL", ctypes.CDLL) if os.name == "nt" else ctypes.CDLL
    try:
        return loader(path)
    except OSError as exc:
        raise DeviceError(Msg("idcard.sdk.load", "无法加载读卡器厂商库 {path}，请检查驱动安装",
                              {"path": path})) from exc


def _call_bounded(fn: Callable[..., int], args: tuple, timeout: float) -> int:
    """Run a blocking C call in a daemon thread; raise ReaderTimeout if it does not return."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # ctypes errors are re-raised in the caller
            box["error"] = exc
    worker = threading.Thread(target=run, name="idcard-sdk-call", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise ReaderTimeout(Msg("idcard.sdk.hung", "读卡器厂商库无响应，请重新插拔读卡器后重试", {}))
    if "error" in box:
        raise box["error"]
    return int(box["value"])


class WltDecoder:
    """The vendor's WLT photo decoder (``unpack``); turns 1024 bytes into 102 x 126 BGR."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lib = _load(path)
        self._unpack = self._lib.unpack
        self._unpack.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]
        self._unpack.restype = ctypes.c_int

    def decode(self, wlt: bytes) -> bytes | None:
        """Top-down BGR bytes (38,556), or None if the library refused the blob."""
        out = ctypes.create_string_buffer(65536)  # in memory only: bmpSave = 0
        if self._unpack(bytes(wlt), out, 0) != 1:
            return None
        return _to_bgr(out.raw)


def _to_bgr(buf: bytes) -> bytes | None:
    """Accept a BMP (bottom-up, padded rows) or raw BGR output; return top-down BGR."""
    if buf[:2] != b"BM":
        return bytes(buf[:PHOTO_BGR_SIZE])
    offset = int.from_bytes(buf[10:14], "little")
    width = int.from_bytes(buf[18:22], "little", signed=True)
    height = int.from_bytes(buf[22:26], "little", signed=True)
    if width != PHOTO_WIDTH or abs(height) != PHOTO_HEIGHT:
        return None
    stride = (width * 3 + 3) & ~3
    rows = [buf[offset + r * stride: offset + r * stride + width * 3] for r in range(abs(height))]
    if height > 0:  # positive height: bottom row first
        rows.reverse()
    return b"".join(rows)


class VendorSdkReader(IdCardReader):
    """A reader driven through the vendor's sdtapi-style library."""

    def __init__(self, lib_path: str, port: int = 1001, wlt_lib: str | None = None,
                 call_timeout: float = 5.0, poll_interval: float = 0.15) -> None:
        super().__init__()
        self.lib_path, self.port, self.wlt_lib = lib_path, port, wlt_lib
        self.call_timeout, self.poll_interval = call_timeout, poll_interval
        self.description = "sdk:" + lib_path
        self._lib: ctypes.CDLL | None = None
        self._wlt: WltDecoder | None = None

    def _fn(self, name: str) -> Callable[..., int]:
        if self._lib is None:
            raise DeviceError(Msg("idcard.not_open", "读卡器尚未打开，请先连接读卡器", {}))
        try:
            fn = getattr(self._lib, name)
        except AttributeError as exc:
            raise DeviceError(Msg("idcard.sdk.symbol", "读卡器厂商库缺少函数 {name}，请确认库版本",
                                  {"name": name})) from exc
        fn.argtypes, fn.restype = _SIGNATURES[name], ctypes.c_int
        return fn

    def _call(self, name: str, *args: Any) -> int:
        try:
            return _call_bounded(self._fn(name), args, self.call_timeout)
        except ReaderTimeout:
            self._lib = None  # state unknown after a hang: force a reopen
            raise

    def open(self) -> None:
        """Load the library (and the WLT decoder if configured), then open the port."""
        if self._lib is not None:
            return
        self._lib = _load(self.lib_path)
        status = self._call("SDT_OpenPort", self.port)
        if status != p.SW_OK:
            self._lib = None
            raise DeviceError(Msg("idcard.sdk.open",
                                  "读卡器端口 {port} 打开失败（状态 {code}），请检查连接线和驱动",
                                  {"port": self.port, "code": "{:02X}".format(status & 0xFF)}))
        if self.wlt_lib:
            self._wlt = WltDecoder(self.wlt_lib)

    def close(self) -> None:
        """Close the port (idempotent)."""
        if self._lib is not None:
            try:
                self._call("SDT_ClosePort", self.port)
            finally:
                self._lib = None

    def sam_id(self) -> str:
        """The SAM id as the library prints it."""
        out = ctypes.create_string_buffer(128)
        status = self._call("SDT_GetSAMIDToStr", self.port, out, 0)
        if status != p.SW_OK:
            raise p.status_error(status)
        return out.value.decode("ascii", "replace")

    def read_card(self, timeout: float = 5.0) -> IdCardData:
        """find -> select -> ReadBaseMsg; decode the photo only if a decoder is configured."""
        deadline = time.monotonic() + timeout
        mana = ctypes.create_string_buffer(8)
        while (status := self._call("SDT_StartFindIDCard", self.port, mana, 0)) != p.SW_FOUND:
            if status != p.SW_FIND_FAILED or time.monotonic() + self.poll_interval >= deadline:
                raise p.status_error(status)
            time.sleep(self.poll_interval)
        status = self._call("SDT_SelectIDCard", self.port, mana, 0)
        if status != p.SW_OK:
            raise p.status_error(status)
        text, photo = ctypes.create_string_buffer(256 + 16), ctypes.create_string_buffer(1024 + 16)
        text_len, photo_len = ctypes.c_uint(0), ctypes.c_uint(0)
        status = self._call("SDT_ReadBaseMsg", self.port, text, ctypes.byref(text_len),
                            photo, ctypes.byref(photo_len), 0)
        if status != p.SW_OK:
            raise p.status_error(status)
        if text_len.value != 256 or photo_len.value > 1024:
            raise p.ProtocolError(Msg("idcard.sdk.layout", "读卡器厂商库返回的数据格式错误，请重新读卡", {}))
        card = decode_text(text.raw[:256])
        card.photo_wlt = photo.raw[:photo_len.value]
        if self._wlt is not None and card.photo_wlt:
            card.photo_bgr = self._wlt.decode(card.photo_wlt)
            if card.photo_bgr is None:
                log.warning("WLT decoder refused the photo; keeping the raw blob only")
        log.info("ID card read via vendor SDK: %r", card)
        return card

"""Scanners through SANE (python-sane): flatbed and automatic document feeder (ADF).

python-sane is optional (it builds from source against ``libsane-dev``; no Windows build):
without it there are simply no scanners. SANE reports failures as status strings
(``sane_strstatus``); they are mapped to Chinese messages that say what to do.
Tests use Debian's ``test`` backend through ``SANE_CONFIG_DIR``.
"""

from __future__ import annotations

import logging
import threading
from typing import Iterator

import numpy as np

from shared.devices.pages import PageSource
from shared.errors import DeviceError
from shared.i18n import Msg, N_

log = logging.getLogger("yizhan.devices.sane")

_init_lock = threading.Lock()
_initialised = False

# sane_strstatus texts (sanei/sane_strstatus.c) -> (code, message).
_STATUS = (
    ("out of documents", "scanner.no_docs", N_("送纸器里没有材料，请放入材料后重试")),
    ("jammed", "scanner.jammed", N_("扫描仪卡纸，请打开送纸器取出卡住的纸张后重试")),
    ("cover is open", "scanner.cover_open", N_("扫描仪盖板未合上，请合上盖板后重试")),
    ("device busy", "scanner.busy", N_("扫描仪正忙，请等待当前扫描结束后重试")),
    ("cancel", "scanner.cancelled", N_("扫描已取消")),
    ("access to resource has been denied", "scanner.denied",
     N_("没有使用扫描仪的权限，请联系运维人员")),
    ("error during device i/o", "scanner.io", N_("扫描仪通信出错，请检查 USB 连接后重试")),
    ("out of memory", "scanner.memory", N_("扫描仪内存不足，请降低分辨率后重试")),
)
NO_DOCS = "scanner.no_docs"
SOURCES = {"flatbed": "Flatbed", "adf": "Automatic Document Feeder"}


def available() -> bool:
    """True when python-sane can be imported."""
    try:
        import sane  # noqa: F401
    except ImportError:
        return False
    return True


def _sane():
    """Import python-sane and run ``sane.init()`` once per process."""
    global _initialised
    try:
        import sane
    except ImportError as exc:
        raise DeviceError(Msg("scanner.driver", "未安装扫描仪驱动组件（python-sane），请联系运维人员",
                              {})) from exc
    with _init_lock:
        if not _initialised:
            sane.init()
            _initialised = True
    return sane


def _ignore_sigpipe() -> None:
    """Put SIGPIPE back to ignored, as Python runs it.

    SANE's reader threads (sanei_thread.c, ``restore_sigpipe``) set SIGPIPE to SIG_DFL when a
    scan ends, whatever it was before; Python still believes it ignored, and the next write to a
    pipe whose reader has gone (a subprocess that exited) kills the whole program instead of
    raising BrokenPipeError. Set through libc: Python's ``signal.signal`` works on the main
    thread only, and scans run on workers.
    """
    import signal
    if not hasattr(signal, "SIGPIPE"):
        return
    try:
        import ctypes
        libc = ctypes.CDLL(None)
        libc.signal.restype = ctypes.c_void_p
        libc.signal(int(signal.SIGPIPE), ctypes.c_void_p(int(signal.SIG_IGN)))
    except (OSError, AttributeError) as exc:  # no libc signal(): nothing SANE could have changed
        log.debug("SIGPIPE not re-ignored: %s", exc)


def map_error(exc: Exception, device: str = "") -> DeviceError:
    """Turn a SANE status error into a DeviceError with a message a person can act on."""
    text = str(exc).lower()
    for needle, code, message in _STATUS:
        if needle in text:
            return DeviceError(Msg(code, message, {"device": device}))
    return DeviceError(Msg("scanner.failed", "扫描仪“{device}”出错（{detail}），请检查设备后重试",
                           {"device": device, "detail": str(exc)}))


def list_devices() -> list[dict]:
    """SANE devices found now: ``{"device", "label"}`` (empty without python-sane)."""
    if not available():
        return []
    try:
        devices = _sane().get_devices()
    except Exception as exc:  # a broken backend must not break the device check
        log.warning("SANE device listing failed: %s", exc)
        return []
    return [{"device": d[0], "label": "{} {} ({})".format(d[1], d[2], d[3])} for d in devices]


SCAN_MAX_SIDE = 3000   # ~250 dpi on A4: above the archived page's 2000 px, barcodes still sharp


def scan_to_bgr(pil_image, max_side: int = SCAN_MAX_SIDE) -> np.ndarray:
    """A scanned page as a BGR array, reduced first when it is larger than ``max_side``.

    A 600 dpi A4 colour scan is 4960 x 7016 (104 MB as RGB); converting it at full size and
    then handing it down the page pipeline cost three such copies and ~600 ms per page. PIL's
    ``reduce`` (a box filter by a whole factor) makes the small image straight from the big
    one, so only the small one is ever converted, and the big one can go as soon as it is."""
    import cv2

    longest = max(pil_image.size)
    if longest > max_side:
        factor = -(-longest // max_side)   # ceil: the result fits max_side
        pil_image = pil_image.reduce(factor)
    arr = np.asarray(pil_image.convert("RGB") if pil_image.mode not in ("RGB", "L")
                     else pil_image)
    if arr.ndim == 2:
        return cv2.cvtColor(arr, cv2.COLOR_GRAY2BGR)
    return cv2.cvtColor(arr, cv2.COLOR_RGB2BGR)


class SaneSource(PageSource):
    """A SANE scanner. ``source`` is ``"flatbed"`` or ``"adf"`` (the feeder: many pages)."""

    kind = "scanner"

    def __init__(self, device: str, source: str = "flatbed", resolution: int = 150,
                 mode: str = "Color", options: dict | None = None) -> None:
        self.name = device
        self.source = source
        self.resolution = resolution
        self.mode = mode
        self.options = dict(options or {})
        self._dev = None

    def _open(self):
        if self._dev is None:
            sane = _sane()
            try:
                self._dev = sane.open(self.name)
            except Exception as exc:
                log.warning("SANE open failed: %s", exc)
                raise DeviceError(Msg("scanner.not_found",
                                      "找不到扫描仪“{device}”，请检查电源和 USB 连接后重试",
                                      {"device": self.name})) from exc
        return self._dev

    def _set(self, dev, key: str, value) -> None:
        """Set an option the device has; devices differ, so missing options are skipped."""
        attr = key.replace("-", "_")
        if key in dev.opt or attr in dev.opt:
            try:
                setattr(dev, attr, value)
            except Exception as exc:
                log.info("SANE option %s not set: %s", key, exc)

    def _configure(self, dev, source: str, opts: dict) -> None:
        self._set(dev, "source", SOURCES.get(source, source))
        self._set(dev, "mode", opts.get("mode", self.mode))
        self._set(dev, "resolution", int(opts.get("resolution", self.resolution)))
        for key, value in {**self.options, **opts.get("options", {})}.items():
            self._set(dev, key, value)

    def acquire(self, **opts) -> Iterator[np.ndarray]:
        """Scan: one page from the flatbed, or every page in the feeder.

        Options: ``source``, ``resolution``, ``mode``, ``max_pages``, ``options`` (raw SANE
        options). An empty feeder at the start raises DeviceError ``scanner.no_docs``; at the
        end of a batch it simply ends the iteration.
        """
        dev = self._open()
        source = opts.get("source", self.source)
        self._configure(dev, source, opts)
        feeder = source == "adf" or "feeder" in str(SOURCES.get(source, source)).lower()
        max_pages = int(opts.get("max_pages", 200 if feeder else 1))
        count = 0
        while count < max_pages:
            try:
                dev.start()
                image = dev.snap(True)
            except Exception as exc:
                _ignore_sigpipe()
                err = map_error(exc, self.name)
                if feeder and count > 0 and err.code == NO_DOCS:
                    break
                self._cancel()
                raise err from exc
            _ignore_sigpipe()
            count += 1
            page = scan_to_bgr(image)
            del image   # the full-size scan goes before the caller works on the page
            yield page
        self._cancel()

    def _cancel(self) -> None:
        try:
            if self._dev is not None:
                self._dev.cancel()
        except Exception:  # cancelling an idle device may fail; nothing to undo
            pass
        _ignore_sigpipe()

    def close(self) -> None:
        """Close the device handle."""
        if self._dev is not None:
            try:
                self._dev.close()
            finally:
                self._dev = None
                _ignore_sigpipe()

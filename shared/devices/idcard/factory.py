"""Choosing and opening an ID card reader from a spec string, and the device self-check.

Specs: ``emulator``; ``serial:/dev/ttyUSB0`` (or a bare ``/dev/...`` / ``COM3``);
``sdk:/path/libsdtapi.so`` with optional ``?port=1001&wlt=/path/libwlt2bmp.so``; ``auto``: the
first USB/serial port whose reader answers "SAM status", else the emulator with a demo card
(marked ``simulated``, so the front end can say so and never take the demo card for real).
"""

from __future__ import annotations

import logging
import os
from urllib.parse import parse_qs

from shared.devices.idcard.emulator import IdCardEmulator, make_demo_card
from shared.devices.idcard.model import IdCardData
from shared.devices.idcard.reader import IdCardReader
from shared.devices.idcard.serial_driver import SerialIdCardReader
from shared.errors import DeviceError, YizhanError
from shared.i18n import Msg, tr

log = logging.getLogger("yizhan.devices.idcard")


class EmulatedReader(SerialIdCardReader):
    """The serial driver talking to an :class:`IdCardEmulator` it owns (demo and tests)."""

    simulated = True

    def __init__(self, cards: list[IdCardData | bytes] | None = None, repeat: bool = True,
                 **kw: object) -> None:
        self.emulator = IdCardEmulator(cards if cards is not None else [make_demo_card()],
                                       repeat=repeat)
        super().__init__("", **kw)  # type: ignore[arg-type]
        self.description = "emulator"

    def open(self) -> None:
        if self.is_open:
            return
        self.emulator.start()
        self.port = self.emulator.path
        try:
            super().open()
        except DeviceError:
            self.emulator.stop()
            raise

    def close(self) -> None:
        super().close()
        self.emulator.stop()


def candidate_ports() -> list[str]:
    """USB-serial / ACM ports (and COM ports on Windows) that may hold a reader."""
    try:
        from serial.tools import list_ports
        ports = list_ports.comports()
    except Exception:  # no pyserial tools or no sysfs: nothing to probe
        log.debug("cannot list serial ports", exc_info=True)
        return []
    keep = []
    for info in ports:
        dev = info.device or ""
        # Built-in ttyS ports are never readers and may hang on probing; skip them.
        if "USB" in dev or "ACM" in dev or dev.upper().startswith("COM") or info.vid:
            keep.append(dev)
    return sorted(keep)


def probe(port: str, timeout: float = 0.4) -> str | None:
    """The SAM id of the reader on ``port``, or None if nothing answers like a reader."""
    reader = SerialIdCardReader(port, command_timeout=timeout)
    try:
        reader.open()
        reader.sam_status()
        return reader.sam_id()
    except YizhanError as err:
        log.info("no ID card reader on %s: %s", port, err.code)
        return None
    finally:
        reader.close()


def _bad_spec(spec: str) -> DeviceError:
    return DeviceError(Msg("idcard.spec", "读卡器设置“{spec}”无法识别，请使用 auto、emulator、"
                           "serial:端口 或 sdk:库路径", {"spec": spec}))


def make_reader(spec: str = "auto", **kw: object) -> IdCardReader:
    """A reader for ``spec``, not opened yet (``auto`` probes the ports now)."""
    spec = (spec or "auto").strip()
    if spec == "emulator":
        return EmulatedReader(**kw)  # type: ignore[arg-type]
    if spec.startswith("serial:"):
        return SerialIdCardReader(spec[len("serial:"):], **kw)  # type: ignore[arg-type]
    if spec.startswith("/dev/") or spec.upper().startswith("COM"):
        return SerialIdCardReader(spec, **kw)  # type: ignore[arg-type]
    if spec.startswith("sdk:"):
        path, _, query = spec[len("sdk:"):].partition("?")
        opts = {k: v[-1] for k, v in parse_qs(query).items()}
        try:
            port = int(opts.get("port", "1001"))
        except ValueError:
            raise _bad_spec(spec) from None
        from shared.devices.idcard.vendor_sdk import VendorSdkReader
        return VendorSdkReader(path, port=port, wlt_lib=opts.get("wlt") or
                               os.environ.get("YIZHAN_WLT_LIB") or None)
    if spec == "auto":
        for port in candidate_ports():
            if probe(port):
                return SerialIdCardReader(port, **kw)  # type: ignore[arg-type]
        log.warning("no ID card reader found; using the emulator with a demo card")
        return EmulatedReader(**kw)  # type: ignore[arg-type]
    raise _bad_spec(spec)


def open_reader(spec: str = "auto", **kw: object) -> IdCardReader:
    """Make and open the reader for ``spec`` (see the module docstring)."""
    reader = make_reader(spec, **kw)
    reader.open()
    return reader


def check(spec: str | None = None) -> list[dict]:
    """What ``yizhan devices check`` reports for ID card readers: name, status, detail.

    Probes every USB/serial port, the configured ``spec`` if it names a device, and the
    emulator (a self-test of the protocol stack). ``status`` is ``ok`` or ``error``.
    """
    results: list[dict] = []
    ports = candidate_ports()
    for port in ports:
        sam = probe(port)
        results.append({"name": "idcard serial " + port, "status": "ok" if sam else "error",
                        "detail": "SAM " + sam if sam else tr("该端口没有读卡器应答")})
    if not ports:
        results.append({"name": "idcard serial", "status": "error",
                        "detail": tr("未发现 USB/串口身份证读卡器，请检查连接线")})
    if spec and spec not in ("auto", "emulator"):
        try:
            with make_reader(spec) as reader:
                results.append({"name": "idcard " + spec, "status": "ok",
                                "detail": "SAM " + reader.sam_id()})
        except YizhanError as err:
            results.append({"name": "idcard " + spec, "status": "error", "detail": str(err)})
    try:
        with EmulatedReader(command_timeout=1.0) as reader:
            card = reader.read_card(timeout=2.0)
        results.append({"name": "idcard emulator", "status": "ok",
                        "detail": tr("协议自检通过（模拟读卡器，{card}）", card=tr(card.card_type.label))})
    except YizhanError as err:
        results.append({"name": "idcard emulator", "status": "error", "detail": str(err)})
    return results

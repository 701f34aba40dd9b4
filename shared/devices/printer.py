"""Receipt printers: ESC/POS thermal printers and their simulated twin (Qt-free).

A kiosk prints a :class:`Receipt` (title, lines, an optional QR code) on whatever
:func:`open_printer` made from the ``devices.printer`` setting:

- ``net:HOST[:PORT]`` an ESC/POS printer on the network (raw TCP, port 9100 by default);
- ``serial:/dev/ttyS0[?baud=19200]`` one on a serial line (pyserial);
- ``usb:/dev/usb/lp0`` one on USB, through the kernel's printer class device;
- ``sim:DIR`` (and ``auto``) :class:`SimulatedPrinter`: writes the exact bytes it would send to
  ``DIR`` and renders them as a PNG, for the demo and the tests.

Every driver encodes with :func:`encode_receipt` (GB18030 text in Chinese mode, centred titles,
double-size headings, QR codes, paper cut) and reports paper and link faults the same way:
:class:`PrinterError` with code ``printer.out_of_paper`` or ``printer.offline``. The caller keeps
the receipt to print it again once the fault is cleared (python-escpos would add pyusb,
python-barcode and an image stack for the few commands used here).
"""

from __future__ import annotations

import abc
import logging
import os
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path

from shared.errors import DeviceError
from shared.i18n import Msg

log = logging.getLogger("yizhan.devices.printer")

ESC, GS, FS, DLE = b"\x1b", b"\x1d", b"\x1c", b"\x10"
INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
CUT = GS + b"V" + bytes([66, 0])
PAPER_STATUS = DLE + b"\x04\x04"  # DLE EOT 4: roll paper sensor status
WIDTH_CHARS = 32  # 58 mm paper: 32 half-width characters (16 Chinese)


class PrinterError(DeviceError):
    """The printer could not print: ``printer.out_of_paper`` or ``printer.offline``."""

    default_code = "printer.offline"


def out_of_paper() -> PrinterError:
    return PrinterError(Msg("printer.out_of_paper", "凭条打印机缺纸"))


def offline(detail: str = "") -> PrinterError:
    return PrinterError(Msg("printer.offline", "凭条打印机未连接{detail}", {"detail": detail}))


@dataclass
class Receipt:
    """What a receipt says: a title, lines (``("h", text)`` heading, ``("t", text)`` text,
    ``("c", text)`` centred, ``("-", "")`` a rule), an optional QR code text and a footer."""

    title: str
    lines: list[tuple[str, str]] = field(default_factory=list)
    qr: str | None = None
    footer: str = ""

    def text(self) -> str:
        """The receipt as plain text (what a person reads on the paper)."""
        out = [self.title]
        for kind, line in self.lines:
            out.append("-" * WIDTH_CHARS if kind == "-" else line)
        if self.qr:
            out.append("[QR] " + self.qr)
        if self.footer:
            out.append(self.footer)
        return "\n".join(out)


def _width(ch: str) -> int:
    import unicodedata
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def wrap(text: str, columns: int = WIDTH_CHARS) -> list[str]:
    """``text`` cut into lines of at most ``columns`` half-width columns (a Chinese character
    takes two), as the paper is that wide."""
    lines, line, used = [], "", 0
    for ch in text:
        w = _width(ch)
        if used + w > columns:
            lines.append(line)
            line, used = "", 0
        line += ch
        used += w
    return lines + [line]


def _text(s: str, big: bool = False) -> bytes:
    return b"".join(part.encode("gb18030", errors="replace") + b"\n"
                    for part in wrap(s, WIDTH_CHARS // (2 if big else 1)))


def _qr(data: str) -> bytes:
    payload = data.encode("utf-8")
    n = len(payload) + 3
    store = GS + b"(k" + bytes([n % 256, n // 256, 49, 80, 48]) + payload
    return (GS + b"(k\x04\x001A2\x00"        # model 2
            + GS + b"(k\x03\x001C\x06"        # module size 6
            + GS + b"(k\x03\x001E1"           # error correction M
            + store + GS + b"(k\x03\x001Q0")  # print


def encode_receipt(receipt: Receipt) -> bytes:
    """The ESC/POS bytes of ``receipt``."""
    out = bytearray(INIT + CHINESE_ON)
    out += ESC + b"a\x01" + GS + b"!\x11" + ESC + b"E\x01" + _text(receipt.title, big=True) + GS + b"!\x00" + ESC + b"E\x00"
    for kind, line in receipt.lines:
        if kind == "h":
            out += ESC + b"a\x00" + ESC + b"E\x01" + _text(line) + ESC + b"E\x00"
        elif kind == "c":
            out += ESC + b"a\x01" + _text(line)
        elif kind == "-":
            out += ESC + b"a\x00" + _text("-" * WIDTH_CHARS)
        else:
            out += ESC + b"a\x00" + _text(line)
    if receipt.qr:
        out += ESC + b"a\x01" + _qr(receipt.qr)
    if receipt.footer:
        out += ESC + b"a\x01" + _text(receipt.footer)
    out += ESC + b"d\x04" + CUT
    return bytes(out)


def decode_escpos(data: bytes) -> list[dict]:
    """The printed lines of ESC/POS ``data`` (the subset :func:`encode_receipt` writes): each
    ``{"text", "align", "bold", "big"}`` or ``{"qr": text, "align"}``; for the rendering."""
    lines: list[dict] = []
    align, bold, big, i, buf = 0, False, False, 0, bytearray()
    while i < len(data):
        b = data[i:i + 1]
        if b == ESC:
            cmd = data[i + 1:i + 2]
            if cmd == b"@":
                i += 2
            elif cmd == b"a":
                align, i = data[i + 2], i + 3
            elif cmd == b"E":
                bold, i = bool(data[i + 2]), i + 3
            elif cmd == b"d":
                i += 3
            else:
                i += 2
        elif b == GS:
            cmd = data[i + 1:i + 2]
            if cmd == b"!":
                big, i = data[i + 2] != 0, i + 3
            elif cmd == b"V":
                i += 4
            elif cmd == b"(":
                n = data[i + 3] + 256 * data[i + 4]
                fn = data[i + 6:i + 7]
                if fn == b"P":
                    lines.append({"qr": data[i + 8:i + 5 + n].decode("utf-8"), "align": align})
                i += 5 + n
            else:
                i += 2
        elif b == FS:
            i += 2
        elif b == b"\n":
            lines.append({"text": buf.decode("gb18030", errors="replace"), "align": align, "bold": bold, "big": big})
            buf, i = bytearray(), i + 1
        else:
            buf += b
            i += 1
    return lines


def render_png(data: bytes, path: str | os.PathLike | None = None, width: int = 384) -> bytes:
    """A picture of what ``data`` prints on 58 mm paper (384 dots), as PNG bytes (and saved to
    ``path`` when given)."""
    import io

    import cv2
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    def font(size):
        for name in ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"):
            if os.path.exists(name):
                return ImageFont.truetype(name, size)
        return ImageFont.load_default()
    items = decode_escpos(data)
    rows = []
    for item in items:
        if "qr" in item:
            qr = cv2.QRCodeEncoder.create().encode(item["qr"])
            qr = cv2.resize(qr, (qr.shape[1] * 6, qr.shape[0] * 6), interpolation=cv2.INTER_NEAREST)
            rows.append(("img", Image.fromarray(qr.astype(np.uint8)), item["align"]))
        else:
            rows.append(("text", item, item["align"]))
    small, large = font(22), font(34)
    height = 20 + sum((r[1].height + 10) if r[0] == "img" else (46 if r[1]["big"] else 30) for r in rows)
    img = Image.new("L", (width, max(height, 40)), 255)
    draw = ImageDraw.Draw(img)
    y = 10
    for kind, item, align in rows:
        if kind == "img":
            x = (width - item.width) // 2 if align == 1 else 4
            img.paste(item, (x, y))
            y += item.height + 10
            continue
        f = large if item["big"] else small
        w = draw.textlength(item["text"], font=f)
        x = (width - w) / 2 if align == 1 else 4
        draw.text((x, y), item["text"], fill=0, font=f, stroke_width=1 if item["bold"] else 0, stroke_fill=0)
        y += 46 if item["big"] else 30
    out = io.BytesIO()
    img.save(out, "PNG")
    png = out.getvalue()
    if path is not None:
        Path(path).write_bytes(png)
    return png


class ReceiptPrinter(abc.ABC):
    """A receipt printer: :meth:`status` and :meth:`print_receipt` (blocking: off the UI thread)."""

    simulated = False
    description = ""

    @abc.abstractmethod
    def _send(self, data: bytes) -> None:
        """Write ``data`` to the printer (raises :class:`PrinterError`)."""

    def _query(self, request: bytes) -> bytes | None:
        """Send ``request`` and read one status byte; None where the link cannot answer."""
        return None

    def status(self) -> str:
        """``ready``, ``out_of_paper`` or ``offline``."""
        try:
            answer = self._query(PAPER_STATUS)
        except PrinterError as err:
            return "out_of_paper" if err.code == "printer.out_of_paper" else "offline"
        except OSError:
            return "offline"
        if answer and answer[0] & 0x60:
            return "out_of_paper"
        return "ready"

    def print_receipt(self, receipt: Receipt) -> bytes:
        """Print ``receipt``; returns the bytes sent. Paper is checked first where the link can
        answer, so an empty printer fails before anything is half printed."""
        state = self.status()
        if state == "out_of_paper":
            raise out_of_paper()
        if state == "offline":
            raise offline()
        data = encode_receipt(receipt)
        self._send(data)
        return data

    def close(self) -> None:
        """Release the link."""


class NetworkPrinter(ReceiptPrinter):
    """ESC/POS over raw TCP (port 9100)."""

    def __init__(self, host: str, port: int = 9100, timeout: float = 5.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.description = "net:{}:{}".format(host, port)

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as exc:
            raise offline("（{}）".format(type(exc).__name__)) from exc

    def _query(self, request: bytes) -> bytes | None:
        with self._connect() as sock:
            sock.sendall(request)
            try:
                return sock.recv(1)
            except socket.timeout:
                return None

    def _send(self, data: bytes) -> None:
        with self._connect() as sock:
            try:
                sock.sendall(data)
            except OSError as exc:
                raise offline() from exc


class SerialPrinter(ReceiptPrinter):
    """ESC/POS over a serial line."""

    def __init__(self, port: str, baud: int = 19200, timeout: float = 2.0) -> None:
        self.port, self.baud, self.timeout = port, baud, timeout
        self.description = "serial:{}".format(port)

    def _open(self):
        import serial
        try:
            return serial.Serial(self.port, self.baud, timeout=self.timeout)
        except (OSError, serial.SerialException) as exc:
            raise offline() from exc

    def _query(self, request: bytes) -> bytes | None:
        with self._open() as link:
            link.write(request)
            return link.read(1) or None

    def _send(self, data: bytes) -> None:
        with self._open() as link:
            link.write(data)
            link.flush()


class UsbLpPrinter(ReceiptPrinter):
    """ESC/POS to a USB printer through the kernel's printer class device (``/dev/usb/lp0``)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.description = "usb:{}".format(path)

    def _query(self, request: bytes) -> bytes | None:
        if not os.path.exists(self.path):
            raise offline()
        return None  # usblp gives no status back: paper faults show as a failed write

    def _send(self, data: bytes) -> None:
        try:
            with open(self.path, "wb", buffering=0) as dev:
                dev.write(data)
        except OSError as exc:
            raise offline() from exc


class SimulatedPrinter(ReceiptPrinter):
    """Prints to ``directory``: ``receipt-N.bin`` (the ESC/POS bytes) and ``receipt-N.png``
    (their rendering). ``paper``: receipts left (None: endless); ``online``: plugged in."""

    simulated = True

    def __init__(self, directory: str | os.PathLike, paper: int | None = None, online: bool = True,
                 render: bool = True) -> None:
        self.directory = Path(directory)
        self.paper, self.online, self.render = paper, online, render
        self.description = "simulated:{}".format(self.directory)
        self.printed: list[Path] = []
        self._lock = threading.Lock()

    def status(self) -> str:
        if not self.online:
            return "offline"
        return "out_of_paper" if self.paper is not None and self.paper <= 0 else "ready"

    def _send(self, data: bytes) -> None:
        with self._lock:
            self.directory.mkdir(parents=True, exist_ok=True)
            n = len(list(self.directory.glob("receipt-*.bin"))) + 1
            path = self.directory / "receipt-{:04d}.bin".format(n)
            path.write_bytes(data)
            if self.render:
                render_png(data, path.with_suffix(".png"))
            if self.paper is not None:
                self.paper -= 1
            self.printed.append(path)


def open_printer(spec: str = "auto", sim_dir: str | os.PathLike | None = None) -> ReceiptPrinter:
    """The printer ``spec`` names (see the module's text); ``auto``: the simulated one in
    ``sim_dir`` (a real printer is configured by its link, it cannot be probed safely)."""
    spec = str(spec or "auto")
    kind, _, rest = spec.partition(":")
    if kind == "net":
        host, _, port = rest.partition(":")
        return NetworkPrinter(host, int(port or 9100))
    if kind == "serial":
        path, _, query = rest.partition("?")
        baud = int(query.partition("baud=")[2] or 19200) if "baud=" in query else 19200
        return SerialPrinter(path, baud)
    if kind == "usb":
        return UsbLpPrinter(rest)
    if kind == "sim" and rest:
        return SimulatedPrinter(rest)
    if kind in ("auto", "sim"):
        directory = Path(sim_dir) if sim_dir else Path.home() / ".local/share/yizhan/printer-sim"
        return SimulatedPrinter(directory)
    raise DeviceError(Msg("printer.bad_spec", "无法识别的打印机设置：{spec}", {"spec": spec}))

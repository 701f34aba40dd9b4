"""The serial (SAM) driver: GA/T 467 frames over pyserial, for USB-serial and RS-232 readers.

Every wait is bounded: each command has its own deadline, and a frame that stops arriving
half-way (no byte for ``gap_timeout``) is reported at once as a card lifted mid-read rather
than waited out. Bytes before a frame header are dropped (resynchronisation on noise).
"""

from __future__ import annotations

import logging
import time

from shared.devices.idcard import protocol as p
from shared.devices.idcard.cardtext import decode_text
from shared.devices.idcard.model import IdCardData
from shared.devices.idcard.reader import CardRemovedError, IdCardReader, ReaderTimeout
from shared.errors import DeviceError
from shared.i18n import Msg

log = logging.getLogger("yizhan.devices.idcard")

READ_COMMANDS = (p.READ_TEXT_PHOTO, p.READ_TEXT_PHOTO_FP)


class SerialIdCardReader(IdCardReader):
    """A reader on a serial port (``/dev/ttyUSB0``, ``COM3``, or the emulator's pty or ``socket://``)."""

    def __init__(self, port: str, baudrate: int = 115200, read_fingerprint: bool = False,
                 command_timeout: float = 1.0, read_timeout: float = 3.0,
                 gap_timeout: float = 0.5, poll_interval: float = 0.15) -> None:
        super().__init__()
        self.port = port
        self.baudrate = baudrate
        self.read_fingerprint = read_fingerprint
        self.command_timeout = command_timeout
        self.read_timeout = read_timeout
        self.gap_timeout = gap_timeout
        self.poll_interval = poll_interval
        self.description = "serial:" + port
        self._serial = None

    # -- connection -------------------------------------------------------------------
    def open(self) -> None:
        """Open the port (115200 8N1 by default)."""
        if self._serial is not None:
            return
        import serial  # lazy: pyserial is only needed when a serial reader is used
        try:
            if "://" in self.port:  # socket://127.0.0.1:N: the emulator where there is no pty
                self._serial = serial.serial_for_url(self.port, self.baudrate, timeout=0.05,
                                                     write_timeout=1.0)
            else:
                self._serial = serial.Serial(self.port, self.baudrate, timeout=0.05,
                                             write_timeout=1.0)
        except (serial.SerialException, OSError, ValueError) as exc:
            log.warning("cannot open ID card reader port %s: %s", self.port, exc)
            raise DeviceError(Msg("idcard.open",
                                  "无法打开读卡器端口 {port}，请检查连接线，并确认没有其他程序占用该端口",
                                  {"port": self.port})) from exc

    def close(self) -> None:
        """Close the port (idempotent)."""
        ser, self._serial = self._serial, None
        if ser is not None:
            try:
                ser.close()
            except Exception:  # closing a vanished USB device may fail: nothing to do
                log.debug("error closing %s", self.port, exc_info=True)

    @property
    def is_open(self) -> bool:
        return self._serial is not None

    # -- frames -----------------------------------------------------------------------
    def transact(self, command: tuple[int, int], timeout: float | None = None) -> p.Response:
        """Send one command and return its parsed reply (status not checked)."""
        if self._serial is None:
            raise DeviceError(Msg("idcard.not_open", "读卡器尚未打开，请先连接读卡器", {}))
        import serial
        try:
            self._serial.reset_input_buffer()  # stale replies of an earlier command
            self._serial.write(p.build_request(command))
            return self._read_reply(command, self.command_timeout if timeout is None else timeout)
        except (serial.SerialException, OSError) as exc:
            log.warning("ID card reader I/O error on %s: %s", self.port, exc)
            raise DeviceError(Msg("idcard.io", "与读卡器的连接中断，请检查连接线后重试", {})) from exc

    def _read_reply(self, command: tuple[int, int], timeout: float) -> p.Response:
        scanner = p.FrameScanner()
        received = False
        now = time.monotonic()
        deadline = now + timeout
        last_byte = now
        while True:
            frame = scanner.next_frame()
            if frame is not None:
                return p.parse_response(frame)
            now = time.monotonic()
            # Once a reply has started, a reader streams it at line speed: a silence of
            # gap_timeout means the rest is not coming (card lifted, corrupted reply).
            if now >= deadline or (received and now - last_byte > self.gap_timeout):
                break
            chunk = self._serial.read(max(1, self._serial.in_waiting))
            if chunk:
                scanner.feed(chunk)
                received = True
                last_byte = time.monotonic()
        if scanner.in_frame:
            if command in READ_COMMANDS:
                raise CardRemovedError(Msg("idcard.removed",
                                           "读卡中途证件被移开，请把身份证放稳后重新读卡", {}))
            raise p.ProtocolError(Msg("idcard.protocol.truncated",
                                      "读卡器应答不完整，请重试；反复出现请检查连接线", {}))
        if scanner.last_error is not None:
            raise scanner.last_error
        if received:
            raise p.ProtocolError(Msg("idcard.protocol.garbage",
                                      "读卡器应答无法识别，请确认该端口连接的是身份证读卡器", {}))
        raise ReaderTimeout(Msg("idcard.timeout",
                                "读卡器无应答，请检查读卡器电源和连接线后重试", {}))

    # -- commands ---------------------------------------------------------------------
    def sam_status(self) -> None:
        """Check the security module; raise the named error if it is not healthy."""
        self.transact(p.SAM_STATUS).raise_for_status(p.SW_OK)

    def sam_id(self) -> str:
        """The printed SAM id, e.g. ``05.01-20101010-0001234567-1234567890``."""
        return p.format_sam_id(self.transact(p.SAM_ID).raise_for_status(p.SW_OK).data)

    def find_card(self, timeout: float) -> None:
        """Poll "find card" until a card answers (9F) or ``timeout`` passes (NoCardError)."""
        deadline = time.monotonic() + timeout
        while True:
            reply = self.transact(p.FIND_CARD)
            if reply.sw3 == p.SW_FOUND:
                return
            if reply.sw3 == p.SW_FIND_FAILED and \
                    time.monotonic() + self.poll_interval < deadline:
                time.sleep(self.poll_interval)
                continue
            reply.raise_for_status(p.SW_FOUND)

    def read_card(self, timeout: float = 5.0) -> IdCardData:
        """find (9F) -> select (90) -> read (90), then decode the text."""
        self.find_card(timeout)
        self.transact(p.SELECT_CARD).raise_for_status(p.SW_OK)
        command = p.READ_TEXT_PHOTO_FP if self.read_fingerprint else p.READ_TEXT_PHOTO
        reply = self.transact(command, self.read_timeout).raise_for_status(p.SW_OK)
        payload = p.parse_read_data(reply.data, with_fingerprint=self.read_fingerprint)
        card = decode_text(payload.text)
        card.photo_wlt = payload.photo
        card.fingerprint = payload.fingerprint or None  # None: not read, or none on the card
        log.info("ID card read: %r", card)  # masked repr
        return card

"""An ID card reader emulator speaking the real GA/T 467 protocol over a pseudo-terminal.

The emulator opens a pty with :func:`os.openpty`; the serial driver opens ``emulator.path``
exactly as it opens ``/dev/ttyUSB0``. Where there is no pty (Windows) it listens on a loopback
TCP port instead and ``emulator.path`` is pyserial's ``socket://127.0.0.1:N`` URL. A background thread answers request frames like a reader:
a card is reported once by "find" and must be presented again (``present``) before the next
find succeeds, unless ``repeat`` is set (the demo mode). Faults are injected per command.
"""

from __future__ import annotations

import collections
import datetime as _dt
import errno
import logging
import os
import select
import socket
import threading
import time
from dataclasses import dataclass

from shared import platform
from shared.devices.idcard import protocol as p
from shared.devices.idcard.cardtext import encode_text
from shared.devices.idcard.model import CardType, IdCardData

log = logging.getLogger("yizhan.devices.idcard.emulator")

DEFAULT_SAM = bytes.fromhex("0500010072A73201D20400002E160000")  # 05.01-20100210-...
DEFAULT_PHOTO = bytes((i * 7 + 3) & 0xFF for i in range(1024))  # not a real WLT: undecodable
GARBAGE = b"\x00\xff\x13\x11\xaa\xaa\x96\x01\xaa\x69\x55\xaa\xaa\xaa\x96\x00"
FAULT_KINDS = ("status", "garbage", "slow", "bad_checksum", "truncate", "silent")


@dataclass
class Fault:
    """An injected fault. ``command``: sam_status, sam_id, find, select, read, read_fp or None
    (all); ``times``: how many replies it spoils (None = until cleared)."""

    kind: str
    command: str | None = None
    sw3: int = 0x41
    times: int | None = None
    garbage: bytes = GARBAGE
    byte_delay: float = 0.0005
    truncate_at: int = 600

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError("unknown fault kind {!r}; one of {}".format(self.kind, FAULT_KINDS))


def encode_read_reply(card: IdCardData | bytes, with_fingerprint: bool = False) -> bytes:
    """The full reply frame of a read command for ``card`` (or a raw 256-byte text)."""
    if isinstance(card, IdCardData):
        text = encode_text(card)
        photo = card.photo_wlt or DEFAULT_PHOTO
        fingerprint = card.fingerprint or b""
    else:
        text, photo, fingerprint = bytes(card), DEFAULT_PHOTO, b""
    data = p.build_read_data(text, photo, fingerprint if with_fingerprint else None)
    return p.build_response(p.SW_OK, data)


def make_demo_card(seed: int = 2024, today: _dt.date | None = None) -> IdCardData:
    """A fake resident ID card with a checksum-valid number, valid for 20 years from 2020."""
    from shared.devices.idcard.fake_identities import FakeFactory
    person = FakeFactory(seed).person()
    return IdCardData(card_type=CardType.RESIDENT, name=person.name, sex=person.sex,
                      id_number=person.id_number, ethnicity="汉", birth_date=person.birth,
                      address="福建省" + person.address, authority="福州市公安局鼓楼分局",
                      valid_from=_dt.date(2020, 5, 1), valid_to=_dt.date(2040, 5, 1))


class IdCardEmulator:
    """A reader on a pty (or a loopback TCP port). Use as a context manager, or call
    :meth:`start`/:meth:`stop`. ``transport``: ``"pty"``, ``"tcp"`` or None (what the OS has)."""

    def __init__(self, cards: list[IdCardData | bytes] | tuple = (), sam_id: bytes = DEFAULT_SAM,
                 repeat: bool = False, faults: list[Fault] | tuple = (),
                 transport: str | None = None) -> None:
        self.transport = transport or platform.emulator_transport()
        if self.transport not in ("pty", "tcp"):
            raise ValueError("unknown emulator transport {!r}".format(self.transport))
        self.sam_id = sam_id
        self.repeat = repeat
        self.faults: list[Fault] = list(faults)
        self.requests: list[str] = []  # names of the commands received, for tests
        self._queue: collections.deque = collections.deque(cards)
        self._current: IdCardData | bytes | None = None
        self._fresh = self._found = self._selected = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._master = self._slave = -1
        self._listener: socket.socket | None = None
        self._conn: socket.socket | None = None
        self.path = ""

    # -- life cycle -------------------------------------------------------------------
    def start(self) -> "IdCardEmulator":
        """Open the pty (or the loopback port) and start answering."""
        if self.transport == "tcp":
            self._listener = socket.create_server(("127.0.0.1", 0))
            self._listener.setblocking(False)
            self.path = "socket://127.0.0.1:{}".format(self._listener.getsockname()[1])
        else:
            import tty  # POSIX only
            self._master, self._slave = os.openpty()
            tty.setraw(self._slave)  # no echo, no CR/LF mangling of binary frames
            os.set_blocking(self._master, False)
            self.path = os.ttyname(self._slave)
        self._thread = threading.Thread(target=self._run, name="idcard-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the thread and close the pty or the port (idempotent)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1
        for sock in (self._conn, self._listener):
            if sock is not None:
                sock.close()
        self._conn = self._listener = None

    def __enter__(self) -> "IdCardEmulator":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scenario control -------------------------------------------------------------
    def present(self, card: IdCardData | bytes) -> None:
        """Put a card on the reader (the next find reports it)."""
        with self._lock:
            self._current, self._fresh = card, True
            self._found = self._selected = False

    def lift(self) -> None:
        """Take the card off the reader."""
        with self._lock:
            self._current, self._fresh, self._found, self._selected = None, False, False, False

    def add_fault(self, kind: str, command: str | None = None, **kw: object) -> Fault:
        """Inject a fault (see :class:`Fault`)."""
        fault = Fault(kind, command, **kw)  # type: ignore[arg-type]
        with self._lock:
            self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    # -- the reader -------------------------------------------------------------------
    def _run(self) -> None:
        scanner = p.FrameScanner()
        while not self._stop.is_set():
            data = self._receive()
            if not data:
                continue
            scanner.feed(data)
            while (frame := scanner.next_frame()) is not None:
                try:
                    self._handle(frame)
                except Exception:  # a bug in a scenario must not kill the emulated reader
                    log.exception("emulator failed to answer a request")
            if scanner.last_error is not None:  # a request with a bad checksum
                scanner.last_error = None
                self._send(p.build_response(0x10), 0.0)

    def _receive(self) -> bytes:
        """Bytes from the client (empty when none came within 50 ms)."""
        if self.transport == "tcp":
            return self._receive_tcp()
        ready, _, _ = select.select([self._master], [], [], 0.05)
        if not ready:
            return b""
        try:
            return os.read(self._master, 4096)
        except BlockingIOError:
            return b""
        except OSError as exc:
            if exc.errno == errno.EIO:  # no client on the slave side right now
                time.sleep(0.02)
                return b""
            raise

    def _receive_tcp(self) -> bytes:
        sock = self._conn or self._listener
        if sock is None:
            return b""
        ready, _, _ = select.select([sock], [], [], 0.05)
        if not ready:
            return b""
        if self._conn is None:  # a client connects (one at a time, like a serial port)
            try:
                conn, _ = sock.accept()
            except (BlockingIOError, OSError):
                return b""
            conn.setblocking(False)
            self._conn = conn
            return b""
        try:
            data = self._conn.recv(4096)
        except BlockingIOError:
            return b""
        except OSError:
            data = b""
        if not data:  # the client closed the port: wait for the next one
            self._conn.close()
            self._conn = None
        return data

    def _write(self, chunk: bytes) -> int:
        if self.transport == "tcp":
            if self._conn is None:
                raise OSError("no client")
            return self._conn.send(chunk)
        return os.write(self._master, chunk)

    def _writable(self) -> object:
        return self._conn if self.transport == "tcp" else self._master

    def _active_faults(self, name: str) -> list[Fault]:
        out = []
        for fault in list(self.faults):
            if fault.command in (None, name) and fault.times != 0:
                if fault.times is not None:
                    fault.times -= 1
                out.append(fault)
        return out

    def _handle(self, frame: bytes) -> None:
        command, _ = p.parse_request(frame)
        name = p.COMMAND_NAMES.get(command, "unknown")
        with self._lock:
            self.requests.append(name)
            faults = self._active_faults(name)
            kinds = {f.kind: f for f in faults}
            if "silent" in kinds:
                return
            if "status" in kinds:
                reply = p.build_response(kinds["status"].sw3)
            else:
                reply = self._answer(command)
        if "truncate" in kinds:
            reply = reply[:kinds["truncate"].truncate_at]
        if "bad_checksum" in kinds:
            reply = reply[:-1] + bytes([reply[-1] ^ 0x5A])
        if "garbage" in kinds:
            reply = kinds["garbage"].garbage + reply
        self._send(reply, kinds["slow"].byte_delay if "slow" in kinds else 0.0)

    def _answer(self, command: tuple[int, int]) -> bytes:
        if command == p.SAM_STATUS:
            return p.build_response(p.SW_OK)
        if command == p.SAM_ID:
            return p.build_response(p.SW_OK, self.sam_id)
        if command == p.FIND_CARD:
            if not (self._current is not None and self._fresh) and self._queue:
                self._current, self._fresh = self._queue.popleft(), True
            if self._current is None or not self._fresh:
                return p.build_response(p.SW_FIND_FAILED)
            self._fresh, self._found, self._selected = False, True, False
            return p.build_response(p.SW_FOUND, b"\x00" * 4)
        if command == p.SELECT_CARD:
            if not self._found:
                return p.build_response(0x81)
            self._selected = True
            return p.build_response(p.SW_OK, b"\x00" * 8)
        if command in (p.READ_TEXT_PHOTO, p.READ_TEXT_PHOTO_FP):
            if not self._selected or self._current is None:
                return p.build_response(0x41)
            self._found = self._selected = False
            self._fresh = self.repeat  # demo mode: the card is "put back" at once
            return encode_read_reply(self._current, command == p.READ_TEXT_PHOTO_FP)
        return p.build_response(0x21)

    def _send(self, data: bytes, byte_delay: float) -> None:
        step = 1 if byte_delay else len(data)
        for i in range(0, len(data), step):
            chunk = data[i:i + step]
            while chunk and not self._stop.is_set():
                try:
                    chunk = chunk[self._write(chunk):]
                except BlockingIOError:  # client not reading: wait, but stay stoppable
                    select.select([], [self._writable()], [], 0.05)
                except OSError:
                    return
            if byte_delay:
                time.sleep(byte_delay)

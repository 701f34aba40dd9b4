"""The reader interface every ID card driver implements, and the wait-for-card loop."""

from __future__ import annotations

import abc
import logging
import threading
import time
from typing import TYPE_CHECKING, Callable

from shared.errors import DeviceError

if TYPE_CHECKING:  # the card model and the serial protocol load with the first read, not at start
    from shared.devices.idcard.model import IdCardData

log = logging.getLogger("yizhan.devices.idcard")

# Statuses worth a silent retry while waiting for a card: the card is being put down or moved.
TRANSIENT_STATUSES = {0x80, 0x81, 0x41, 0x31, 0x33, 0x47}


class IdCardReader(abc.ABC):
    """A second-generation ID card reader (Qt-free; the UI wraps it in a worker).

    A reader is used from one thread at a time. ``simulated`` is True for the emulator, so a
    front end can say so on screen and never mistake a demo card for a real one.
    """

    simulated = False

    def __init__(self) -> None:
        self.description = type(self).__name__

    @abc.abstractmethod
    def open(self) -> None:
        """Open the device; raise :class:`DeviceError` if it is absent or does not answer."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the device (idempotent)."""

    @abc.abstractmethod
    def read_card(self, timeout: float = 5.0) -> IdCardData:
        """Find, select and read one card, waiting up to ``timeout`` s for it to be put down.

        Raises :class:`NoCardError` when no card came, other :class:`DeviceError` subclasses
        for every other failure. Never blocks much longer than ``timeout``.
        """

    @abc.abstractmethod
    def sam_id(self) -> str:
        """The printed id of the reader's security module (SAM)."""

    def __enter__(self) -> "IdCardReader":
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class CardRemovedError(DeviceError):
    """The reply broke off mid-frame: the card was lifted during the read."""

    default_code = "idcard.removed"


class ReaderTimeout(DeviceError):
    """The reader did not answer within the time allowed."""

    default_code = "idcard.timeout"


def wait_for_card(reader: IdCardReader, timeout: float | None = None,
                  stop: threading.Event | None = None, attempt: float = 1.0,
                  on_retry: Callable[[DeviceError], None] | None = None) -> IdCardData | None:
    """Keep trying to read a card until one is read, ``stop`` is set or ``timeout`` passes.

    Transient failures (no card yet, card moved, lifted mid-read) are retried; a reader that
    stops answering raises at once. Returns None when stopped or timed out.
    """
    from shared.devices.idcard.protocol import NoCardError, StatusError
    deadline = None if timeout is None else time.monotonic() + timeout
    stop = stop or threading.Event()
    while not stop.is_set():
        left = attempt if deadline is None else min(attempt, deadline - time.monotonic())
        if left <= 0:
            return None
        try:
            return reader.read_card(timeout=left)
        except NoCardError:
            continue
        except (CardRemovedError, StatusError) as err:
            if isinstance(err, StatusError) and err.status not in TRANSIENT_STATUSES:
                raise
            log.info("transient ID card read failure, retrying: %s", err.code)
            if on_retry:
                on_retry(err)
            stop.wait(0.1)
    return None

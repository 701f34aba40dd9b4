"""The devices of one workstation, opened once and shared by every screen (Qt-free).

A front end's composition root makes one :class:`DeviceRegistry` from the settings; screens ask
it for the ID card reader (opened on first use, off the UI thread: opening may take seconds)
and for the camera specs, instead of opening devices themselves. It knows each device's state
(``closed``, ``open``, ``failed`` with the reason) for the screens and ``health()``.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from shared.devices.idcard.reader import IdCardReader

log = logging.getLogger("yizhan.devices")


class SharedReader(IdCardReader):
    """One physical reader behind several panels: reads are serialised by a lock."""

    def __init__(self, inner: IdCardReader) -> None:
        super().__init__()
        self.inner = inner
        self.simulated = bool(getattr(inner, "simulated", False))
        self.description = getattr(inner, "description", type(inner).__name__)
        self._lock = threading.Lock()

    def open(self) -> None:
        self.inner.open()

    def close(self) -> None:
        self.inner.close()

    def read_card(self, timeout: float = 5.0):
        with self._lock:
            return self.inner.read_card(timeout=timeout)

    def sam_id(self) -> str:
        with self._lock:
            return self.inner.sam_id()


class DeviceRegistry:
    """Opens, shares and health-checks the workstation's devices.

    ``settings``: anything with ``get(key, default)`` (the ``devices.*`` keys). ``reader_opener``
    (``spec -> opened IdCardReader``) and ``camera_factory`` (``() -> camera``) replace the real
    drivers (tests, demos).
    """

    def __init__(self, settings=None, *, reader_opener: Callable[[str], IdCardReader] | None = None,
                 camera_factory: Callable[[], Any] | None = None) -> None:
        self.settings = settings
        self._reader_opener = reader_opener
        self.camera_factory = camera_factory
        self._reader: SharedReader | None = None
        self.reader_state = "closed"   # closed | open | failed
        self.reader_error: BaseException | None = None
        self._lock = threading.Lock()

    def spec(self, key: str, default: Any = "auto") -> Any:
        """The setting ``devices.<key>`` (``auto`` when unset)."""
        if self.settings is None:
            return default
        return self.settings.get("devices." + key, default)

    @property
    def reader(self) -> SharedReader | None:
        """The opened reader, or None."""
        return self._reader

    def open_reader(self) -> SharedReader:
        """The shared ID card reader, opened now if it is not (blocking: call it off the UI
        thread). Raises the driver's error (and remembers it) when it cannot be opened."""
        with self._lock:
            if self._reader is not None:
                return self._reader
            try:
                if self._reader_opener is not None:
                    inner = self._reader_opener(self.spec("idcard"))
                else:
                    from shared.devices.idcard.factory import open_reader
                    inner = open_reader(self.spec("idcard"))
            except BaseException as exc:
                self.reader_state, self.reader_error = "failed", exc
                raise
            return self._use(inner)

    def use_reader(self, inner: IdCardReader) -> SharedReader:
        """Share an already opened reader (the previous one is closed)."""
        with self._lock:
            return self._use(inner)

    def _use(self, inner: IdCardReader) -> SharedReader:
        if self._reader is not None and self._reader.inner is not inner:
            self._close_reader()
        if self._reader is None or self._reader.inner is not inner:
            self._reader = SharedReader(inner)
        self.reader_state, self.reader_error = "open", None
        return self._reader

    def _close_reader(self) -> None:
        if self._reader is not None:
            try:
                self._reader.close()
            except Exception:  # closing a vanished device must not stop anything
                log.warning("reader close failed", exc_info=True)
        self._reader, self.reader_state = None, "closed"

    def health(self) -> dict[str, dict[str, str]]:
        """Each device's state and, for a failure, its reason (for a status line or the CLI)."""
        reader = {"state": self.reader_state}
        if self._reader is not None:
            reader["detail"] = self._reader.description
            try:
                self._reader.sam_id()
            except Exception as exc:  # a reader unplugged since: say so, and open it again next time
                reader = {"state": "failed", "detail": str(getattr(exc, "msg", exc))}
        elif self.reader_error is not None:
            reader["detail"] = str(getattr(self.reader_error, "msg", self.reader_error))
        return {"idcard": reader, "camera": {"state": "configured", "detail": str(self.spec("camera"))},
                "doccam": {"state": "configured", "detail": str(self.spec("doccam"))}}

    def close(self) -> None:
        """Release every device (app exit)."""
        with self._lock:
            self._close_reader()

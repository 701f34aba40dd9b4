"""One small helper to run slow work off the UI thread and get the result back as a signal.

``run_task(fn, on_done, on_error)`` runs ``fn()`` on Qt's global thread pool; the callbacks
run on the UI thread. Errors go to ``on_error`` (or the notification path), never lost.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)
_alive: set["_Relay"] = set()  # keep relays alive until their task reports


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # handed to the UI thread
            self._report(self.relay.failed, exc)
        else:
            self._report(self.relay.done, result)

    @staticmethod
    def _report(signal, value) -> None:
        """Hand ``value`` to the UI thread, unless the widget that asked is gone (it closed
        while the work ran: there is nobody left to tell, and that is no error)."""
        try:
            signal.emit(value)
        except RuntimeError as exc:  # "Signal source has been deleted"
            log.debug("task finished after its receiver was deleted: %s", exc)


def run_task(fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None, parent: QObject | None = None) -> _Relay:
    """Run ``fn`` in the thread pool; deliver its result or error on the UI thread."""
    relay = _Relay(parent)
    _alive.add(relay)

    def finish(_=None):
        _alive.discard(relay)

    def ok(result):
        finish()
        if on_done:
            on_done(result)

    def fail(exc):
        finish()
        if on_error:
            on_error(exc)
        else:
            from shared.ui.notify import notify_exception
            notify_exception(exc)

    relay.done.connect(ok)
    relay.failed.connect(fail)
    QThreadPool.globalInstance().start(_Task(fn, relay))
    return relay

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


def _relay(on_done: Callable[[Any], None] | None, on_error: Callable[[BaseException], None] | None,
           parent: QObject | None) -> _Relay:
    """A relay living on the UI thread that calls ``on_done`` / ``on_error`` (or the
    notification path) once, then lets itself go."""
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
    return relay


def run_task(fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None, parent: QObject | None = None) -> _Relay:
    """Run ``fn`` in the thread pool; deliver its result or error on the UI thread."""
    relay = _relay(on_done, on_error, parent)
    QThreadPool.globalInstance().start(_Task(fn, relay))
    return relay


def run_on_store(store, fn: Callable[[Any], Any], on_done: Callable[[Any], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None,
                 parent: QObject | None = None) -> _Relay:
    """Run ``fn(conn)`` on the store's own thread; deliver its result or error on the UI thread.

    Where :func:`run_task` would only wait in a pool thread for the store (``store.run``), this
    hands the work to the store's thread directly: one wake-up each way instead of two, which
    on a busy low-power machine is most of what a small query costs (the case list)."""
    relay = _relay(on_done, on_error, parent)

    def report(future) -> None:  # on the store's thread
        exc = future.exception()
        _Task._report(relay.failed if exc is not None else relay.done,
                      exc if exc is not None else future.result())
    try:
        store.submit(fn).add_done_callback(report)
    except BaseException as exc:  # the store is closed: said on the UI thread, as any failure
        relay.failed.emit(exc)
    return relay

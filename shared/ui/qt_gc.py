"""Garbage collection on the UI thread only.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed: the database thread, a worker of the thread pool, the sync thread. If a cycle it
frees holds a Qt widget (a lambda connected to a signal that refers to its widget is enough),
the widget is destroyed outside the GUI thread and Qt crashes (seen here: a segfault in the
database thread while the editor rebuilt its form). As qutebrowser does, automatic collection
is switched off and a timer collects on the UI thread instead: young objects often, all
generations now and then.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

_collector = None


class QtGarbageCollector(QObject):
    """Runs ``gc.collect`` from a QTimer on the thread it was made on (the UI thread)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000, full_every: int = 60) -> None:
        super().__init__(parent)
        self._ticks, self._full_every = 0, full_every
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    def collect(self) -> int:
        """One collection: generation 0 usually, every generation each ``full_every`` ticks."""
        self._ticks += 1
        return gc.collect(2 if self._ticks % self._full_every == 0 else 0)


def install(app: QObject) -> QtGarbageCollector:
    """Disable automatic collection and collect on ``app``'s thread from now on."""
    global _collector
    if _collector is None:
        gc.disable()
        _collector = QtGarbageCollector(app)
    return _collector

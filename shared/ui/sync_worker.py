"""Qt adapter of the sync service: passes run on a QThread, results come back as signals.

Usage (counter main window)::

    worker = QtSyncWorker(lambda: SyncService(store, settings))
    worker.progress.connect(indicator.set_progress)
    worker.outcome.connect(on_outcome)            # refresh the case list, show a toast
    indicator.syncNowRequested.connect(worker.sync_now)
    worker.start()          # periodic passes, never on the UI thread
    ...
    worker.stop()           # on quit
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

log = logging.getLogger(__name__)


class _QtSyncRunner(QObject):
    """Lives on the worker thread; owns the service."""

    progress = Signal(object)
    outcome = Signal(object)
    finished = Signal(object)

    def __init__(self, factory, interval_ms: int) -> None:
        super().__init__()
        self._factory = factory
        self._service = None
        self._interval_ms = interval_ms
        self._timer: QTimer | None = None

    @Slot()
    def begin(self) -> None:
        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: self.run_pass(False))
        self._timer.start(self._interval_ms)
        self.run_pass(True)

    @Slot(bool)
    def run_pass(self, force: bool = True) -> None:
        try:
            if self._service is None:
                self._service = self._factory()
                self._service.on_progress = self.progress.emit
                self._service.on_outcome = self.outcome.emit
            report = self._service.run_once(force=force)
        except Exception as exc:  # never let a pass kill the thread
            log.exception("sync pass failed")
            report = exc
        self.finished.emit(report)
        if self._timer is not None and self._service is not None:
            self._timer.start(int(max(0.5, self._service.next_delay()) * 1000))

    @Slot()
    def halt(self) -> None:
        if self._timer is not None:
            self._timer.stop()


class QtSyncWorker(QObject):
    """Runs :class:`~shared.sync.service.SyncService` passes on a QThread.

    Signals: ``progress(SyncProgress)``, ``outcome(OutcomeEvent)``, ``passFinished(SyncReport)``.
    ``factory()`` builds the service on the worker thread (the store is thread-safe).
    """

    progress = Signal(object)
    outcome = Signal(object)
    passFinished = Signal(object)
    _runRequested = Signal(bool)

    def __init__(self, factory, interval_ms: int = 30000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("yizhan-sync")
        self._runner = _QtSyncRunner(factory, interval_ms)
        self._runner.moveToThread(self._thread)
        self._runner.progress.connect(self.progress)
        self._runner.outcome.connect(self.outcome)
        self._runner.finished.connect(self.passFinished)
        self._runRequested.connect(self._runner.run_pass)
        self._thread.started.connect(self._runner.begin)
        app = QCoreApplication.instance()
        if app is not None:  # app.quit() skips the window's closeEvent: the thread must not outlive Python
            app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        """Start periodic passes (the first one at once)."""
        self._thread.start()

    @Slot()
    def sync_now(self) -> None:
        """Queue an immediate forced pass (from the "立即同步" button)."""
        if not self._thread.isRunning():
            self._thread.start()
        else:
            self._runRequested.emit(True)

    def stop(self, timeout_ms: int = 10000) -> None:
        """Stop the timer and the thread (waits for a running pass)."""
        if self._thread.isRunning():
            from PySide6.QtCore import QMetaObject, Qt
            QMetaObject.invokeMethod(self._runner, "halt", Qt.BlockingQueuedConnection)
            self._thread.quit()
            if not self._thread.wait(timeout_ms):
                log.warning("the sync thread is still running %d ms after it was asked to stop", timeout_ms)

    def is_running(self) -> bool:
        """True while the worker thread runs (from :meth:`start` until :meth:`stop`)."""
        return self._thread.isRunning()

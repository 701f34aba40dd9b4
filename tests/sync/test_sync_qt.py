"""The Qt sync indicator and worker (offscreen)."""

from __future__ import annotations

from shared.sync.service import SyncProgress
from sync_helpers import fast_service, make_case


def test_indicator_shows_progress_and_emits_sync_now(qtbot):
    from shared.ui.sync_indicator import QtSyncIndicator
    w = QtSyncIndicator()
    qtbot.addWidget(w)
    assert w.state_label.text() == "未连接" and w.bar.isHidden()
    w.set_progress(SyncProgress(online=True, queue_length=3, bytes_left=5 << 20, current_packet="YZ1-r1",
                                current_sent=1 << 20, current_total=4 << 20))
    assert w.state_label.text() == "在线"
    assert "3" in w.queue_label.text() and "5.0 MB" in w.queue_label.text()
    assert not w.bar.isHidden() and w.bar.value() == 250
    w.set_progress(SyncProgress(online=False, queue_length=1, bytes_left=10))
    assert w.state_label.text() == "离线" and w.bar.isHidden()
    with qtbot.waitSignal(w.syncNowRequested, timeout=2000):
        w.button.click()


def test_worker_runs_passes_off_the_ui_thread(qtbot, store, outbox, settings, srv, fake):
    import threading
    from shared.ui.sync_indicator import QtSyncIndicator
    from shared.ui.sync_worker import QtSyncWorker
    case = make_case(store, fake)
    outbox.submit(case.id)
    threads = []

    def factory():
        threads.append(threading.current_thread())
        return fast_service(store, settings, outbox=outbox)
    worker = QtSyncWorker(factory, interval_ms=60000)
    indicator = QtSyncIndicator()
    qtbot.addWidget(indicator)
    worker.progress.connect(indicator.set_progress)
    outcomes = []
    worker.outcome.connect(outcomes.append)
    indicator.syncNowRequested.connect(worker.sync_now)
    with qtbot.waitSignal(worker.passFinished, timeout=30000):
        worker.start()
    try:
        assert threads and threads[0] is not threading.main_thread()
        assert "accepted" in [o.kind for o in outcomes]
        assert indicator.state_label.text() == "在线"
        with qtbot.waitSignal(worker.passFinished, timeout=30000):
            indicator.button.click()
        assert store.get_case(case.id).state.value == "proof_issued"
    finally:
        worker.stop()


def test_worker_stops_when_the_application_quits(qtbot, qapp):
    from shared.ui.sync_worker import QtSyncWorker

    class IdleService:
        def run_once(self, force):
            return None

        def next_delay(self):
            return 60.0
    worker = QtSyncWorker(IdleService, interval_ms=60000)
    with qtbot.waitSignal(worker.passFinished, timeout=5000):
        worker.start()
    try:
        assert worker.is_running()
        qapp.aboutToQuit.emit()  # what app.quit() sends; the window's closeEvent may never run
        assert not worker.is_running()
    finally:
        worker.stop()

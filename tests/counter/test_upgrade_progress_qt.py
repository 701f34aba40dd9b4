"""The counter shows the upgrade of an older store in a progress dialog while the store opens
off the UI thread, and takes it away when the list is ready."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from counter.context import AppContext
from counter.main_window import QtCounterWindow
from shared.domain.catalog import default_catalog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "upgrade"))
import old_store  # noqa: E402


def test_the_counter_shows_an_older_stores_upgrade_in_a_progress_dialog(qtbot, tmp_path):
    data, config = tmp_path / "data", tmp_path / "cfg"
    old_store.build_v1_store(data, config, cases=300)
    w = QtCounterWindow(AppContext.create(data, config, catalog=default_catalog()))
    qtbot.addWidget(w)
    w.show()
    seen: list[tuple[int, int, bool]] = []  # (done, total, received on the UI thread)
    shown: list[int] = []
    w.upgradeProgress.connect(lambda d, t: seen.append((d, t, threading.current_thread() is threading.main_thread())))

    def watch(done, total):  # queued after the dialog's own slot: it exists and shows the value
        if w.upgrade_dialog is not None and w.upgrade_dialog.isVisible():
            shown.append(w.upgrade_dialog.value())
    w.upgradeProgress.connect(watch)
    told_on_ui: set[bool] = set()  # where the store's upgrade told its progress
    real_open = w.ctx.open_store

    def spy(progress=None):
        def tell(done, total):
            told_on_ui.add(threading.current_thread() is threading.main_thread())
            progress(done, total)
        return real_open(progress=tell)
    w.ctx.open_store = spy
    with qtbot.waitSignal(w.storeReady, timeout=60000):
        w.open_store()
    from shared.store.schema import SCHEMA_VERSION
    total = (SCHEMA_VERSION - 1) + 300  # every migration step from version 1, then every case indexed
    assert seen[-1][:2] == (total, total) and seen[0][0] == 0
    assert told_on_ui == {False}  # the upgrade ran off the UI thread ...
    assert len(seen) > 50 and all(on_ui for *_, on_ui in seen)  # ... and the dialog heard it on the UI thread
    assert shown and shown[-1] == total and shown == sorted(shown)  # the bar went up to its end
    assert w.upgrade_dialog.maximum() == total and not w.upgrade_dialog.isVisible()  # gone once opened
    assert w.store.run(lambda conn: conn.execute("SELECT count(*) FROM cases").fetchone()[0]) == 300


def test_an_up_to_date_store_shows_no_upgrade(qtbot, tmp_path):
    w = QtCounterWindow(AppContext.create(tmp_path / "data", tmp_path / "cfg", catalog=default_catalog()))
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.storeReady, timeout=30000):
        w.open_store()
    assert w.upgrade_dialog is None

"""Garbage collection runs on the UI thread only (shared.ui.qt_gc)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject


def test_cycles_holding_qt_objects_are_freed_by_the_ui_thread_timer(qtbot, qapp):
    from shared.ui.qt_gc import QtGarbageCollector
    collector = QtGarbageCollector(None, interval_ms=20, full_every=1)
    was = gc.isenabled()
    gc.disable()
    try:
        freed_on = []

        class Holder:
            def __init__(self):
                self.obj = QObject()
                self.me = self  # a cycle: only the collector frees it

            def __del__(self):
                freed_on.append(threading.current_thread())
        holder = Holder()
        ref = weakref.ref(holder)
        del holder
        assert ref() is not None  # nothing collects automatically
        qtbot.waitUntil(lambda: ref() is None, timeout=3000)
        assert freed_on == [threading.main_thread()]
    finally:
        collector.deleteLater()
        if was:
            gc.enable()


def test_install_turns_automatic_collection_off(qapp, monkeypatch):
    from PySide6.QtCore import QTimer

    from shared.ui import qt_gc
    monkeypatch.setattr(qt_gc, "_collector", None)  # as in a fresh process
    was = gc.isenabled()
    gc.enable()  # as Python starts (the suite's own fixture has switched it off for Qt tests)
    collector = None
    try:
        collector = qt_gc.install(qapp)
        assert not gc.isenabled()
        assert isinstance(collector, qt_gc.QtGarbageCollector) and collector.parent() is qapp
        timer = collector.findChild(QTimer)
        assert timer is not None and timer.isActive()  # collecting on the UI thread from now on
        assert qt_gc.install(qapp) is collector  # once per process
    finally:
        if collector is not None:
            collector.deleteLater()
        (gc.enable if was else gc.disable)()

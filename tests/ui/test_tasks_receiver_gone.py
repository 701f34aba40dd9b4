"""A task whose widget closed while it ran reports to nobody, and raises nothing in the event loop."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget

from shared.ui.tasks import run_task


def test_a_task_outliving_its_widget_raises_nothing(qtbot):
    started, release = threading.Event(), threading.Event()
    widget = QWidget()
    got = []

    def work():
        started.set()
        release.wait(5)
        return 1
    run_task(work, got.append, parent=widget)
    assert started.wait(5)
    widget.deleteLater()  # the screen closes while the work runs
    qtbot.wait(50)
    release.set()
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(50)  # an exception in the event loop here would fail this test (pytest-qt)
    assert got == []

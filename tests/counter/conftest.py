"""Fixtures of the counter's GUI tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _drain_earlier_work(request):
    """Work that earlier tests' closed widgets left running ends here, not inside this test.

    (A task whose parent widget was deleted fails its ``emit`` in shared/ui/tasks.py.) Only for
    the tests that use Qt: the Qt-free ones here also run with PySide6 blocked.
    """
    if "qtbot" not in request.fixturenames:
        yield
        return
    qtbot = request.getfixturevalue("qtbot")
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    with qtbot.captureExceptions():
        QThreadPool.globalInstance().waitForDone(20000)
        QApplication.processEvents()
    yield

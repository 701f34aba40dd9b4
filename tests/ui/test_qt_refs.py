"""PySide6's signals and pool tasks spend references to True and None (shared.ui.qt_refs): a
process that emits more signals than True had references exits cleanly once guarded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHILD = r"""
import sys
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QApplication
emits, tasks = sys.getrefcount(True) + 2000, sys.getrefcount(None) + 2000   # more than they hold
if sys.argv[1] == "guarded":
    from shared.ui import qt_refs
    assert qt_refs.install()
app = QApplication([])

class S(QObject):
    sig = Signal(object)

class J(QRunnable):
    def run(self):
        pass

s = S()
s.sig.connect(lambda v: None)
for _ in range(emits):
    s.sig.emit((1, 2))
for _ in range(tasks):
    QThreadPool.globalInstance().start(J())
QThreadPool.globalInstance().waitForDone()
print("survived", flush=True)
"""


def _run(mode: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", CHILD, mode], env=env, capture_output=True, text=True,
                          timeout=300, cwd=str(ROOT))


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True and None are immortal from CPython 3.12")
def test_guarded_process_outlives_the_references_pyside_spends():
    done = _run("guarded")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "survived" in done.stdout and "bool_dealloc" not in done.stderr and "Fatal" not in done.stderr


def test_install_is_once_and_only_where_needed():
    from shared.ui import qt_refs
    qt_refs.install()
    assert qt_refs.install() is False                    # once per process
    assert qt_refs.needed() == (sys.version_info < (3, 12) and sys.implementation.name == "cpython")
    if qt_refs.needed():
        assert min(sys.getrefcount(x) for x in (None, True, False)) > qt_refs.BOOST

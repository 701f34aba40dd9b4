"""P7: counter cold start -> case list loaded and painted, with a 10,000-case store.

Goals: <= 1.0 s, and <= 2x a bare PySide6 window that is also shown and painted.

Both are fresh processes (offscreen), timed from the launch by this script. The counter runs
its real ``main()`` on a store of 10,000 generated cases (bench P6's generator) and reports,
through its own startup probe (``YIZHAN_STARTUP_PROBE=list``), the moment the case list's
first paint with its rows is out. The bare window reports the same way after its own first
paint (an event filter sees the paint, then the next turn of the event loop reports).
Interleaved runs, medians.
Both start from compiled bytecode, as installed (the .deb compiles its modules): the children
write and read their bytecode under a scratch ``PYTHONPYCACHEPREFIX`` (written by the warm-up
launch of each), so a checkout run with ``PYTHONDONTWRITEBYTECODE`` does not recompile every
module, ours and the libraries', at every start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import bench_line, scratch_dir  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
N = 10_000
BARE = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1200, 800)

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and obj is w:
            w.removeEventFilter(self)
            QTimer.singleShot(0, done)   # once the paint is out, as the counter's probe does
        return False

def done():
    print("PAINTED", flush=True)
    app.quit()

watch = FirstPaint(); w.installEventFilter(watch)
w.show()
app.exec()
"""
# The counter's own entry point, as installed; YIZHAN_STARTUP_PROBE=list makes it print
# LIST_PAINTED once its case list's first paint (with the rows) is out, and quit.
COUNTER = r"""
import sys
from counter.app import main
sys.exit(main([]))
"""
RUNS = 7


def launch(argv: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True, cwd=ROOT)
    for line in proc.stdout:
        if line.startswith(("PAINTED", "LIST_PAINTED")):
            elapsed = time.perf_counter() - t0
            break
    else:
        raise RuntimeError("nothing painted by {}".format(argv[:3]))
    proc.wait(timeout=60)
    return elapsed


def main() -> None:
    from bench.p6_case_list import fill
    from shared.store import Store

    tmp = scratch_dir("yz-p7-")
    store = Store.open(tmp / "data", tmp / "config", operator="bench")
    t0 = time.perf_counter()
    fill(store, N)
    store.close()
    print("store of {} cases built in {:.1f} s".format(N, time.perf_counter() - t0))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", YIZHAN_STARTUP_PROBE="list",
               YIZHAN_DATA_DIR=str(tmp / "data"), YIZHAN_CONFIG_DIR=str(tmp / "config"),
               PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(tmp / "pyc"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    app, bare = [], []
    launch([sys.executable, "-c", COUNTER], env)  # warm the OS file cache once for both
    launch([sys.executable, "-c", BARE], env)
    for _ in range(RUNS):
        app.append(launch([sys.executable, "-c", COUNTER], env))
        bare.append(launch([sys.executable, "-c", BARE], env))
    a, b = statistics.median(app), statistics.median(bare)
    print("counter start -> case list painted: median {:.3f} s (runs: {})".format(
        a, ", ".join("{:.2f}".format(x) for x in app)))
    print("bare PySide6 window painted:        median {:.3f} s (runs: {})".format(
        b, ", ".join("{:.2f}".format(x) for x in bare)))
    bench_line("P7", "counter_list_painted_s", a, "<=", 1.0, runs=app)
    bench_line("P7", "counter_vs_bare_window", statistics.median(x / y for x, y in zip(app, bare)), "<=", 2.0,
               runs=[x / y for x, y in zip(app, bare)])


if __name__ == "__main__":
    main()

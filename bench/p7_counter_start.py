"""P7: counter cold start to first window <= 1.5 s; ratio to a bare PySide6 window <= 2.

Both are started as fresh processes (offscreen); each prints the moment its first window is
shown. Median of several runs each, interleaved so machine noise hits both alike.
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
BARE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1200, 800); w.show()
QTimer.singleShot(0, lambda: (print("FIRST_WINDOW", flush=True), app.quit()))
app.exec()
"""
RUNS = 7


def launch(argv: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True, cwd=ROOT)
    for line in proc.stdout:
        if line.startswith("FIRST_WINDOW"):
            elapsed = time.perf_counter() - t0
            break
    else:
        raise RuntimeError("no window from {}".format(argv))
    proc.wait(timeout=30)
    return elapsed


def main() -> None:
    tmp = scratch_dir("yz-p7-")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", YIZHAN_STARTUP_PROBE="1",
               YIZHAN_DATA_DIR=str(tmp / "data"), YIZHAN_CONFIG_DIR=str(tmp / "config"),
               PYTHONPATH=str(ROOT))
    app, bare = [], []
    launch([sys.executable, "-m", "counter.app"], env)  # warm the OS file cache once for both
    launch([sys.executable, "-c", BARE], env)
    for _ in range(RUNS):
        app.append(launch([sys.executable, "-m", "counter.app"], env))
        bare.append(launch([sys.executable, "-c", BARE], env))
    a, b = statistics.median(app), statistics.median(bare)
    print("counter first window: median {:.3f} s (runs: {})".format(a, ", ".join("{:.2f}".format(x) for x in app)))
    print("bare PySide6 window:  median {:.3f} s".format(b))
    bench_line("P7", "counter_start_s", a, "<=", 1.5)
    bench_line("P7", "counter_vs_bare_window", a / b, "<=", 2.0)


if __name__ == "__main__":
    main()

"""P10: the counter's memory: resident size idle, and after a 20-page case was opened and closed.

Goals: RSS idle <= 130 MB; after the case is closed, within 10 MB of idle.

The counter runs its real ``main()`` (offscreen) in a fresh process on a store of 10,000
generated cases (bench P6's generator) holding one case of 20 real page images, 16 of them in
its identity slot. A small launcher drives it as an officer would: once the case list is
painted it waits 2 s and reads the idle RSS (``/proc/self/status`` VmRSS); then it opens the
case, shows the materials tab with the 16-page slot (thumbnails decoded), generates the documents
and shows their preview in the interview tab (``P10_DOCUMENTS=0`` leaves that out), goes back to the list with the editor's own "返回列表" button, waits
2 s and reads RSS again. The open / close is done CYCLES times; the figure is the growth after
the first close (the strict one) and the growth after the last is printed too (a leak shows
as growth per cycle). Baseline in the same run: the same launcher with a bare PySide6 window
(what any Qt app costs before it does anything).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench._common import bench_line, scratch_dir  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
N = 10_000
CYCLES = 3
RUNS = 5
DOCUMENTS = os.environ.get("P10_DOCUMENTS", "1")  # 0: open the slot only, generate no documents
COUNTER = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import counter.main_window as mw

CASE, CYCLES, DOCUMENTS = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


opened = mw.QtCounterWindow._store_opened


def hooked(self, result):
    opened(self, result)
    state = {"cycle": 0, "armed": True}

    def later(ms, fn):
        QTimer.singleShot(ms, fn)

    def painted(_rows):
        if state["armed"]:
            state["armed"] = False
            later(2000, idle)

    def idle():
        print("IDLE", rss_mb(), flush=True)
        open_case()

    def open_case():
        self.open_case(CASE)
        later(1500, show_slot)

    def show_slot():
        mat = next(p for p in self.editor.pages if type(p).__name__ == "QtMaterialsTab")
        self.editor.tabs.setCurrentWidget(mat)
        mat.select("identity")
        later(2500, show_documents)

    def show_documents():
        if not DOCUMENTS:
            close_case()
            return
        tab = next(p for p in self.editor.pages if type(p).__name__ == "QtInterviewTab")
        self.editor.tabs.setCurrentWidget(tab)
        tab.documents.generate()
        later(4000, close_case)

    def close_case():
        print("OPEN", rss_mb(), flush=True)
        self.editor.back_button.click()
        later(2000, closed)

    def closed():
        state["cycle"] += 1
        print("CLOSED", rss_mb(), flush=True)
        if state["cycle"] < CYCLES:
            open_case()
        else:
            QApplication.instance().quit()
    self.listPainted.connect(painted)      # the list came with the store: its first paint
    self.case_list.loaded.connect(painted)  # or it read its rows itself


mw.QtCounterWindow._store_opened = hooked
from counter.app import main
sys.argv = sys.argv[:1]
sys.exit(main())
"""
BARE = r"""
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show()
def idle():
    with open("/proc/self/status") as f:
        rss = next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmRSS:"))
    print("IDLE", rss, flush=True)
    app.quit()
QTimer.singleShot(2000, idle)
app.exec()
"""


def run(argv: list[str], env: dict) -> dict[str, list[float]]:
    out = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600).stdout
    seen: dict[str, list[float]] = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] in ("IDLE", "OPEN", "CLOSED"):
            seen.setdefault(parts[0], []).append(float(parts[1]))
    if "IDLE" not in seen:
        raise RuntimeError("no figure from {}:\n{}".format(argv[:3], out[-2000:]))
    return seen


def main() -> None:
    from p9_ui_stall import make_pages, twenty_page_case

    from bench.p6_case_list import fill
    from shared.store import Store

    tmp = scratch_dir("yz-p10-")
    store = Store.open(tmp / "data", tmp / "config", operator="bench")
    t0 = time.perf_counter()
    fill(store, N)
    case = twenty_page_case(store, make_pages(16))
    store.close()
    print("store of {} cases + one of 20 pages built in {:.1f} s".format(N + 1, time.perf_counter() - t0))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", YIZHAN_DATA_DIR=str(tmp / "data"),
               YIZHAN_CONFIG_DIR=str(tmp / "config"), PYTHONPATH=str(ROOT))
    idle, first, last, opened, bare = [], [], [], [], []
    for _ in range(RUNS):
        seen = run([sys.executable, "-c", COUNTER, case.id, str(CYCLES), DOCUMENTS], env)
        if len(seen.get("CLOSED", [])) < CYCLES:
            raise RuntimeError("the case was not opened and closed {} times: {}".format(CYCLES, seen))
        idle.append(seen["IDLE"][0])
        opened.append(max(seen["OPEN"]))
        first.append(seen["CLOSED"][0] - seen["IDLE"][0])
        last.append(seen["CLOSED"][-1] - seen["IDLE"][0])
        bare.append(run([sys.executable, "-c", BARE], env)["IDLE"][0])
        print("run: idle {:.1f} MB, case open {:.1f} MB, closed {} MB; bare window {:.1f} MB".format(
            idle[-1], opened[-1], " ".join("{:.1f}".format(v) for v in seen["CLOSED"]), bare[-1]), flush=True)
    print("idle RSS median {:.1f} MB (bare PySide6 window {:.1f} MB: ratio {:.2f}x); with the case open "
          "{:.1f} MB".format(statistics.median(idle), statistics.median(bare),
                             statistics.median(idle) / statistics.median(bare), statistics.median(opened)))
    print("growth after the first close {:.1f} MB, after close number {} {:.1f} MB".format(
        statistics.median(first), CYCLES, statistics.median(last)))
    bench_line("P10", "counter_idle_rss_mb", statistics.median(idle), "<=", 130, runs=idle)
    bench_line("P10", "rss_growth_after_case_closed_mb", statistics.median(first), "<=", 10, runs=first)


if __name__ == "__main__":
    main()

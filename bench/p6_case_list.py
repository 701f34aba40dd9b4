"""P6: the counter's case list widget, reload -> painted, at 10,000 and 100,000 cases.

Goals: reload -> painted <= 50 ms at 10k and <= 100 ms at 100k; a search at 100k (name,
two-character name fragment, ID-number fragment, whole ID number, unit-number fragment,
business number) -> painted <= 50 ms; encrypted / unkeyed ratio <= 1.5.

What is timed is what the officer waits for: ``QtCaseList.reload()`` with new filters until
the rows have arrived and the table's viewport has been painted (a synchronous repaint), on
the real widget and the real store. The baseline does the same work on the same SQLite build
(sqlcipher3) holding the same rows unkeyed: the file is exported with ``sqlcipher_export``
into a plain database and opened by the same ``Store`` code without ``PRAGMA key``. Runs are
interleaved encrypted / unkeyed; each figure is the median of RUNS (>= 5) runs.
Env: ``P6_SIZES`` (default ``10000,100000``), ``P6_RUNS`` (default 7).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import bench_line, scratch_dir  # noqa: E402
from shared.devices.idcard.fake_identities import FakeFactory  # noqa: E402
from shared.domain.case import Case, Party  # noqa: E402
from shared.store import Store  # noqa: E402
from shared.store import db as store_db  # noqa: E402

BUSINESSES = ("mortgage_first_general", "mortgage_cancel", "mortgage_change", "transfer_mortgage")
KEY = bytes(range(32))
RUNS = max(5, int(os.environ.get("P6_RUNS", "7")))


def build(path: Path, n: int) -> list[Case]:
    """``n`` generated cases (about 2 KB of body each, like a filled form); a sample of them."""
    store = Store(path, KEY, operator="bench")
    try:
        return fill(store, n)
    finally:
        store.close()


def fill(store: Store, n: int) -> list[Case]:
    """Write ``n`` generated cases into ``store``; one of every 2,000 as a sample."""
    f = FakeFactory(6)
    samples = []
    # generation only (not timed): a big page cache keeps bulk index inserts linear
    cache = store.run(lambda conn: conn.execute("PRAGMA cache_size").fetchone()[0])
    store.run(lambda conn: conn.execute("PRAGMA cache_size = -262144"))
    for start in range(0, n, 2000):
        chunk = []
        for i in range(start, min(n, start + 2000)):
            p, b = f.person(), f.bank()
            c = Case(BUSINESSES[i % 4], parties=[Party("mortgagor", "person", p.name, "1", p.id_number, p.phone,
                                                       p.address),
                                                 Party("mortgagee", "org", b.name, "8", b.credit_code, b.phone,
                                                       b.address)])
            c.set("property.unit_number", f.unit_number())
            c.set("property.location", p.address)
            c.set("remarks", "备注" * 300)
            chunk.append(c)
        store.write(lambda conn, chunk=chunk: [store.write_case(conn, c) for c in chunk])
        samples.append(chunk[len(chunk) // 2])
    store.run(lambda conn: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
    store.run(lambda conn: (conn.execute("PRAGMA cache_size = {:d}".format(cache)), conn.execute("PRAGMA shrink_memory")))
    return samples


def export_unkeyed(src: Path, dst: Path) -> None:
    """The same rows in an unencrypted file, written by the same SQLite build."""
    conn = store_db.open_connection(src, KEY)
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(dst),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("PRAGMA plain.user_version = {:d}".format(conn.execute("PRAGMA user_version").fetchone()[0]))
    conn.execute("DETACH DATABASE plain")
    conn.close()


def open_unkeyed(path: Path) -> Store:
    """A Store on the unkeyed file: the same code, only ``PRAGMA key`` left out."""
    real = store_db._keyed_connection

    def plain(p, _key, _existed):
        import sqlcipher3
        conn = sqlcipher3.connect(str(p), isolation_level=None, check_same_thread=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    store_db._keyed_connection = plain
    try:
        return Store(path, KEY, operator="bench")
    finally:
        store_db._keyed_connection = real


def settle(app, store=None) -> None:
    """Let earlier work (the count of the previous list, queued on the store's thread) finish
    before the next timing."""
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()
    if store is not None:
        store.run(lambda conn: None)  # everything queued before this has run
    app.processEvents()


def painted_ms(widget, query: str) -> float:
    """``reload()`` with ``query`` as new filters until the rows are in and painted."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    model = getattr(widget, "model", None)
    settle(QApplication.instance(), getattr(model, "store", None))

    if model is not None and hasattr(model, "filters"):
        model.filters = None  # new filters: a real reload, not an in-place refresh
    widget.search.blockSignals(True)
    widget.search.setText(query)
    widget.search.blockSignals(False)
    loop = QEventLoop()
    widget.loaded.connect(loop.quit)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(600_000)
    t0 = time.perf_counter()
    widget.reload()
    loop.exec()
    widget.table.viewport().repaint()
    elapsed = (time.perf_counter() - t0) * 1000
    widget.loaded.disconnect(loop.quit)
    if not guard.isActive():
        raise RuntimeError("the list never loaded")
    return elapsed


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from counter.case_list import QtCaseList
    from shared.domain.catalog import default_catalog

    app = QApplication.instance() or QApplication([])
    sizes = [int(s) for s in os.environ.get("P6_SIZES", "10000,100000").split(",")]
    tmp = scratch_dir("yz-p6-")
    results: dict[str, float] = {}
    enc_sum = plain_sum = 0.0
    for n in sizes:
        t0 = time.perf_counter()
        samples = build(tmp / "enc{}.db".format(n), n)
        export_unkeyed(tmp / "enc{}.db".format(n), tmp / "plain{}.db".format(n))
        print("built {} cases in {:.1f} s (and an unkeyed copy)".format(n, time.perf_counter() - t0), flush=True)
        probe = samples[len(samples) // 2]
        person = probe.parties[0]
        queries = {"reload": ""}
        if n == max(sizes):
            queries.update({"name": person.name, "name_2chars": person.name[-2:],
                            "id_fragment": person.id_number[-8:], "id_exact": person.id_number,
                            "unit_fragment": probe.get("property.unit_number")[8:20], "business_no": probe.id})
        stores = {"enc": Store(tmp / "enc{}.db".format(n), KEY, operator="bench"),
                  "plain": open_unkeyed(tmp / "plain{}.db".format(n))}
        widgets = {}
        for name, store in stores.items():
            w = QtCaseList(store, default_catalog())
            w.resize(1280, 720)
            w.show()
            app.processEvents()
            painted_ms(w, "")  # warm: first paint, fonts, caches
            widgets[name] = w
        for qname, q in queries.items():
            times: dict[str, list[float]] = {"enc": [], "plain": []}
            for _ in range(RUNS):
                for name in ("enc", "plain"):
                    painted_ms(widgets[name], "")  # from the unfiltered list, as an officer would
                    times[name].append(painted_ms(widgets[name], q))
            enc, plain = statistics.median(times["enc"]), statistics.median(times["plain"])
            rows = widgets["enc"].table.model().rowCount()
            print("{:>7} {:14s} rows={:4d} painted: encrypted {:7.1f} ms, unkeyed {:7.1f} ms (runs: {})".format(
                n, qname, rows, enc, plain, " ".join("{:.0f}".format(t) for t in times["enc"])), flush=True)
            results["{}:{}".format(n, qname)] = enc
            enc_sum += enc
            plain_sum += plain
        for name in ("enc", "plain"):
            widgets[name].close()
            widgets[name].deleteLater()
            app.processEvents()
            stores[name].close()
    ratio = enc_sum / plain_sum
    print("sum over all figures: encrypted {:.1f} ms, unkeyed {:.1f} ms".format(enc_sum, plain_sum))
    big = max(sizes)
    searches = [v for k, v in results.items() if k.startswith("{}:".format(big)) and not k.endswith(":reload")]
    if 10000 in sizes:
        bench_line("P6", "reload_painted_10k_ms", results["10000:reload"], "<=", 50)
    if 100000 in sizes:
        bench_line("P6", "reload_painted_100k_ms", results["100000:reload"], "<=", 100)
    if searches:
        bench_line("P6", "slowest_search_painted_{}k_ms".format(big // 1000), max(searches), "<=", 50)
    bench_line("P6", "encrypted_vs_unkeyed", ratio, "<=", 1.5)


if __name__ == "__main__":
    main()

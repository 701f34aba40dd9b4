"""R6: 200 clients come back after an outage. Peak concurrent requests the server sees when
they retry with full-jitter back-off vs plain exponential back-off (no jitter).

Each simulated client has failed 3 times; it waits ``Backoff.delay(3)`` (the client's own
back-off, base scaled to 0.25 s so the run takes seconds) and sends one signed status request.
The server adds 100 ms of latency per request and counts requests in flight.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("YIZHAN_KEY_PROVIDER", "file")

from _common import bench_line, scratch_dir  # noqa: E402

CLIENTS = 200


def storm(srv, ident, jitter: bool) -> int:
    from shared.sync.backoff import Backoff
    from shared.sync.client import SyncClient
    clients = [SyncClient(ident, timeout=60) for _ in range(CLIENTS)]
    for c in clients:  # connect before the outage ends: the storm is of requests
        c.server_time()
    srv.admin("/admin/reset-counters")
    srv.faults(latency_ms=100)
    gate = threading.Barrier(CLIENTS + 1)
    errors = []

    def one(i):
        delay = Backoff(base=0.25, cap=30, jitter=jitter).delay(3)
        gate.wait()
        time.sleep(delay)
        try:
            clients[i].status(0)
        except Exception as exc:  # counted, reported
            errors.append(exc)
    threads = [threading.Thread(target=one, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    gate.wait()
    for t in threads:
        t.join(120)
    srv.faults()
    peak = srv.stats()["peak_inflight"]
    for c in clients:
        c.close()
    print("{}: peak {} concurrent requests, {} errors".format("full jitter" if jitter else "no jitter", peak, len(errors)))
    return peak


def main() -> None:
    from devserver.main import start_in_thread
    from shared.store import Store
    from shared.sync import enrollment
    base = scratch_dir("r6-")
    srv = start_in_thread(base / "srv", rsa_bits=2048)
    try:
        with Store.open(base / "data", base / "cfg", operator="bench") as store:
            ident = enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
        none = storm(srv, ident, jitter=False)
        full = storm(srv, ident, jitter=True)
    finally:
        srv.close()
    bench_line("R6", "peak_ratio_jitter_vs_none", full / max(1, none), "<=", 0.5)


if __name__ == "__main__":
    main()

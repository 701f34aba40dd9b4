"""R7: audit rollback and truncation detected by the server.

Each trial grows a store's audit log, lets the server see its head (a sync pass: heartbeat),
then does one of: rolls the whole store back to a copy taken earlier; rolls it back and grows
the log again past the head the server saw; cuts rows from the end of the log (setting the
head back, as someone holding the key could); cuts rows from its start (moving the base as
the purge would, with a purge date two years old, while the head still advances). Then it
asks whether the server's anchor catches it (``verify_against_server``). The store's own
check says "ok" in every trial; the goal is that the server detects all of them.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import bench_line, scratch_dir  # noqa: E402

TRIALS = 20
KINDS = ("rollback", "truncate", "cut_start", "regrow")


def _rows(store, n: int) -> None:
    from shared.domain.case import Case
    for _ in range(n):
        store.save_case(Case("mortgage_first_general"))


def _heartbeat(store):
    from shared.sync import enrollment
    from shared.sync.anchor import heartbeat
    from shared.sync.client import SyncClient
    client = SyncClient(enrollment.require(store))
    try:
        return heartbeat(store, client)
    finally:
        client.close()


def _detected(store) -> bool:
    from shared.sync import enrollment
    from shared.sync.anchor import heartbeat, verify_against_server
    from shared.sync.client import SyncClient
    client = SyncClient(enrollment.require(store))
    try:
        heartbeat(store, client)
        return bool(verify_against_server(store, client))
    finally:
        client.close()


def _set_meta(conn, key: str, value: str) -> None:
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def trial(srv, base: Path, kind: str, rng: random.Random) -> tuple[bool, bool]:
    """(detected by the server, the store's own check said ok)."""
    from shared.store import Store
    from shared.sync import enrollment
    data, cfg = base / "data", base / "cfg"
    with Store.open(data, cfg, operator="bench") as store:
        enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
        _rows(store, rng.randint(1, 4))
    if kind in ("rollback", "regrow"):
        shutil.copytree(data, base / "older")
    with Store.open(data, cfg, operator="bench") as store:
        _rows(store, rng.randint(1, 5))
        _heartbeat(store)
        if kind == "truncate":
            cut = rng.randint(1, 3)

            def work(conn):
                seq = int(conn.execute("SELECT value FROM meta WHERE key = 'audit_head_seq'").fetchone()[0]) - cut
                h = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()[0]
                conn.execute("DELETE FROM audit WHERE seq > ?", (seq,))
                conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head_seq'", (str(seq),))
                conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head_hash'", (h,))
            store.write(work)
        if kind == "cut_start":
            cut = rng.randint(1, 3)
            old = "2024-01-01T00:00:00+00:00"

            def work(conn):
                h = conn.execute("SELECT hash FROM audit WHERE seq = ?", (cut,)).fetchone()[0]
                conn.execute("DELETE FROM audit WHERE seq <= ?", (cut,))
                for key, value in (("audit_base_seq", str(cut)), ("audit_base_hash", h), ("audit_base_at", old)):
                    _set_meta(conn, key, value)
            store.write(work)
            _rows(store, rng.randint(1, 3))  # the head still advances
        high = store.audit_head()["seq"]
    if kind in ("rollback", "regrow"):
        shutil.rmtree(data)
        shutil.copytree(base / "older", data)
    with Store.open(data, cfg, operator="bench") as store:
        if kind == "regrow":
            while store.audit_head()["seq"] <= high:
                _rows(store, 1)
        return _detected(store), store.verify_audit().ok


def main() -> None:
    from devserver.main import start_in_thread
    base = scratch_dir("r7-")
    srv = start_in_thread(base / "srv", rsa_bits=2048)
    rng = random.Random(7)
    detected = local_ok = 0
    by_kind = {k: 0 for k in KINDS}
    try:
        for i in range(TRIALS):
            kind = KINDS[i % len(KINDS)]
            hit, ok = trial(srv, base / "t{}".format(i), kind, rng)
            detected += hit
            by_kind[kind] += hit
            local_ok += ok
    finally:
        srv.close()
    print("trials {} ({}), detected by the server {} ({}), the store's own check said ok in {}".format(
        TRIALS, "/".join(KINDS), detected, ", ".join("{} {}".format(k, v) for k, v in by_kind.items()), local_ok))
    bench_line("R7", "undetected", TRIALS - detected, "<=", 0, fmt="{:d}")


if __name__ == "__main__":
    main()

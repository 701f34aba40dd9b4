"""O2: the audit viewer's filter over 1,000,000 rows <= 200 ms; export of one year for one
service point <= 10 s.

A store gets 1,000,000 audit rows spread over a year (20 operators, 50,000 cases, 30 actions;
written in bulk with the real chain key), then the viewer's query (newest 200 rows) runs for
each kind of filter: none, operator (by staff id and by name), case, action, a month, and the
combinations; the figure is the slowest filter's median. The export writes every row of the
year to CSV with its detached device-key signature. Env: ``O2_ROWS`` (default 1000000).
"""

from __future__ import annotations

import datetime as _dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import bench_line, median_ms, scratch_dir  # noqa: E402
from shared.store import Store  # noqa: E402
from shared.store import audit as audit_mod  # noqa: E402

ROWS = int(os.environ.get("O2_ROWS", "1000000"))
KEY = bytes(range(32))
ACTIONS = ["update", "create", "add_page", "answer", "sign", "read_card", "record_face", "submit", "enqueue",
           "login", "logout", "unlock", "idle_lock", "reveal", "approval", "approval_requested", "packet_committed",
           "outcome_accepted", "delivered", "view_unmasked", "interview_confirm", "edit_pages", "mark_ready",
           "decide_face", "delete", "purge_packet", "packet_retry", "audit_export", "login_failed", "add_face"]


def build(store: Store) -> None:
    from shared.store.operators import enroll_rows
    rnd = random.Random(7)
    ops = [("S{:04d}".format(i), "操作员{:02d}".format(i)) for i in range(20)]
    enroll_rows(store, ops)
    start = _dt.datetime(2026, 1, 1, tzinfo=_dt.timezone.utc)
    step = 365 * 86400 / ROWS
    key = audit_mod.audit_key(KEY)

    def work(conn) -> None:
        prev = audit_mod.GENESIS
        batch = []
        for seq in range(1, ROWS + 1):
            at = (start + _dt.timedelta(seconds=seq * step)).isoformat(timespec="seconds")
            sid, name = ops[rnd.randrange(20)]
            op = "{}（{}）".format(name, sid)
            action = ACTIONS[min(int(rnd.expovariate(0.25)), 29)]
            case_id = "YZ2026{:06d}".format(rnd.randrange(50000))
            detail = "state=draft rev=1"
            h = audit_mod.row_hash(key, prev, seq, at, op, action, case_id, detail)
            batch.append((seq, at, op, action, case_id, detail, prev, h))
            prev = h
            if len(batch) == 20000:
                conn.executemany("INSERT INTO audit VALUES (?,?,?,?,?,?,?,?)", batch)
                batch = []
        if batch:
            conn.executemany("INSERT INTO audit VALUES (?,?,?,?,?,?,?,?)", batch)
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('audit_head_seq', ?)", (str(ROWS),))
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('audit_head_hash', ?)", (prev,))
    store.write(work)


def main() -> None:
    from shared.sync.audit_export import AuditFilter, export, page
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "operators"))
    from op_helpers import fake_enroll
    folder = scratch_dir("o2-")
    store = Store(folder / "yizhan.db", KEY, operator="bench")
    t0 = time.perf_counter()
    build(store)
    fake_enroll(store)
    print("built {} audit rows in {:.1f} s".format(ROWS, time.perf_counter() - t0))
    from shared.domain.operators import OperatorSession, permissions_of
    from shared.store.operators import enroll_rows
    enroll_rows(store, [("S0000", "操作员00")], roles=("admin",))  # the account behind the session (the core reads it)
    admin = OperatorSession("S0000", "操作员00", ("admin",), permissions_of(["admin"]))
    filters = {
        "none": AuditFilter(),
        "staff_id": AuditFilter(operator="S0007"),
        "name": AuditFilter(operator="操作员13"),
        "case": AuditFilter(case_id="YZ2026012345"),
        "common_action": AuditFilter(action="update"),
        "rare_action": AuditFilter(action="add_face"),
        "month": AuditFilter(since="2026-06-01", until="2026-06-30"),
        "operator_month": AuditFilter(operator="S0003", since="2026-03-01", until="2026-03-31"),
        "action_month_operator": AuditFilter(operator="S0011", action="reveal", since="2026-09-01", until="2026-09-30"),
        "case_action": AuditFilter(case_id="YZ2026000777", action="update"),
        "operator_rare_action": AuditFilter(operator="S0005", action="add_face"),
        "nobody": AuditFilter(operator="S9999"),
    }
    worst = 0.0
    for name, flt in filters.items():
        ms = median_ms(lambda flt=flt: page(store, flt, 200, actor=admin), repeat=7, warmup=1)
        rows = len(page(store, flt, 200, actor=admin))
        print("filter {:<22} {:7.1f} ms  ({} rows)".format(name, ms, rows))
        worst = max(worst, ms)
    t0 = time.perf_counter()
    sig = export(store, folder / "year.csv", AuditFilter(since="2026-01-01", until="2026-12-31"), admin)
    export_s = time.perf_counter() - t0
    print("export of one year: {} rows, {:.1f} MB in {:.2f} s".format(
        sig["statement"]["rows"], (folder / "year.csv").stat().st_size / 1e6, export_s))
    store.close()
    bench_line("O2", "export_one_year_s", export_s, "<=", 10)
    bench_line("O2", "slowest_filter_1M_ms", worst, "<=", 200)


if __name__ == "__main__":
    main()

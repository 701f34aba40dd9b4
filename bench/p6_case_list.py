"""P6: list and search at 10,000 cases <= 50 ms; SQLCipher vs plain sqlite3 ratio <= 1.5.

Builds a store of 10,000 generated cases, then times the case list's queries (all, by name,
by ID number fragment, by unit number fragment, by business number, by state) through
``Store.list_cases`` (absolute goal), and the same SQL on the SQLCipher connection and on a
plain sqlite3 database holding the same rows (the ratio).
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import bench_line, median_ms, scratch_dir  # noqa: E402
from shared.domain.case import Case, Party  # noqa: E402
from shared.devices.idcard.fake_identities import FakeFactory  # noqa: E402
from shared.store import Store  # noqa: E402
from shared.store.schema import MIGRATIONS, SCHEMA_VERSION  # noqa: E402
from shared.store.store import list_sql  # noqa: E402

N = 10_000
BUSINESSES = ("mortgage_first_general", "mortgage_cancel", "mortgage_change", "transfer_mortgage")


def build(store: Store) -> list[Case]:
    f = FakeFactory(6)
    cases = []
    for i in range(N):
        p, b = f.person(), f.bank()
        c = Case(BUSINESSES[i % 4], parties=[Party("mortgagor", "person", p.name, "1", p.id_number, p.phone, p.address),
                                              Party("mortgagee", "org", b.name, "8", b.credit_code, b.phone, b.address)])
        c.set("property.unit_number", f.unit_number())
        c.set("property.location", p.address)
        c.set("remarks", "备注" * 300)  # about 2 KB of body per case, like a filled form
        cases.append(c)
    for start in range(0, N, 500):
        chunk = cases[start:start + 500]
        store.write(lambda conn, chunk=chunk: [store.write_case(conn, c) for c in chunk])
    return cases


def copy_to_sqlite(store: Store, path: Path) -> sqlite3.Connection:
    plain = sqlite3.connect(str(path), isolation_level=None)
    for v in range(1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[v]:
            plain.execute(statement)
    for table in ("cases", "parties"):
        rows = store.run(lambda conn, t=table: conn.execute("SELECT * FROM {}".format(t)).fetchall())
        marks = ",".join("?" * len(rows[0]))
        plain.execute("BEGIN")
        plain.executemany("INSERT INTO {} VALUES ({})".format(table, marks), rows)
        plain.execute("COMMIT")
    plain.close()
    return sqlite3.connect(str(path), check_same_thread=False)


def main() -> None:
    tmp = scratch_dir("yz-p6-")
    store = Store.open(tmp / "data", tmp / "config", operator="bench")
    t0 = time.perf_counter()
    cases = build(store)
    print("built {} cases in {:.1f} s".format(N, time.perf_counter() - t0))
    probe = cases[N // 2]
    person = probe.parties[0]
    queries = {
        "all": ("", None, None),
        "name": (person.name, None, None),
        "id_fragment": (person.id_number[-8:], None, None),
        "unit_fragment": (probe.get("property.unit_number")[8:20], None, None),
        "business_no": (probe.id, None, None),
        "state+type": ("", "draft", "mortgage_cancel"),
    }
    worst = 0.0
    enc_total = plain_total = 0.0
    plain = copy_to_sqlite(store, tmp / "plain.db")
    for name, (q, state, biz) in queries.items():
        ms = median_ms(lambda: store.list_cases(q, state, biz))
        sql, args = list_sql(q, state, biz)
        enc = store.run(lambda conn: median_ms(lambda: conn.execute(sql, args).fetchall()))
        pla = median_ms(lambda: plain.execute(sql, args).fetchall())
        n_rows = len(store.list_cases(q, state, biz))
        print("{:14s} rows={:4d} list_cases={:6.2f} ms  sql: sqlcipher={:6.2f} ms sqlite3={:6.2f} ms".format(
            name, n_rows, ms, enc, pla))
        worst = max(worst, ms)
        enc_total += enc
        plain_total += pla
    ratio = enc_total / plain_total
    print("sum over queries: sqlcipher {:.2f} ms, sqlite3 {:.2f} ms".format(enc_total, plain_total))
    bench_line("P6", "slowest_list_search_ms", worst, "<=", 50)
    store.close()
    bench_line("P6", "sqlcipher_vs_sqlite3", ratio, "<=", 1.5)


if __name__ == "__main__":
    main()

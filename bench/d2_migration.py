"""D2: upgrade migration of a store with 10,000 cases (goal <= 30 s), with its progress.

A store is written at schema version 1 (the oldest the migrations start from) with 10,000
generated cases, as the first release wrote them (tests/upgrade/old_store.py); the current
code then opens it: every migration step and the search index built for every case, the
progress callback counting along. Baseline: opening the same store again, already migrated
(the same file, the same size, the same code), as every later start does. Noisy: 2 shared cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "upgrade"), str(ROOT / "bench")]
os.environ.setdefault("YIZHAN_KEY_PROVIDER", "file")

from _common import bench_line, scratch_dir  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    args = ap.parse_args()
    import old_store
    from shared.store import Store
    from shared.store.schema import SCHEMA_VERSION
    base = scratch_dir("d2-")
    data, config = base / "data", base / "config"
    t0 = time.perf_counter()
    old_store.build_v1_store(data, config, args.cases)
    print("built a version-1 store with {} cases in {:.1f} s ({:.1f} MB)".format(
        args.cases, time.perf_counter() - t0, (data / "yizhan.db").stat().st_size / 1e6))
    reports: list[tuple[float, int, int]] = []
    t0 = time.perf_counter()
    with Store.open(data, config, progress=lambda d, t: reports.append((time.perf_counter() - t0, d, t))) as store:
        upgrade_s = time.perf_counter() - t0
        version = store.run(lambda conn: conn.execute("PRAGMA user_version").fetchone()[0])
        count = store.run(lambda conn: conn.execute("SELECT count(*) FROM cases").fetchone()[0])
        indexed = store.run(lambda conn: conn.execute("SELECT count(DISTINCT case_id) FROM search_index").fetchone()[0])
    assert version == SCHEMA_VERSION and count == indexed == args.cases, (version, count, indexed)
    gaps = [b[0] - a[0] for a, b in zip(reports, reports[1:])]
    print("upgrade 1 -> {}: {:.2f} s; {} progress reports, last {}/{}, longest silence {:.2f} s".format(
        SCHEMA_VERSION, upgrade_s, len(reports), reports[-1][1], reports[-1][2], max(gaps) if gaps else 0.0))
    t0 = time.perf_counter()
    with Store.open(data, config, progress=lambda d, t: reports.append((0.0, d, t))) as store:
        store.run(lambda conn: conn.execute("SELECT count(*) FROM cases").fetchone())
    baseline_s = time.perf_counter() - t0
    print("baseline: opening the migrated store of the same size: {:.3f} s; upgrade / baseline = {:.1f}".format(
        baseline_s, upgrade_s / baseline_s))
    bench_line("D2", "migration_10k_s", upgrade_s, "<=", 30.0)


if __name__ == "__main__":
    main()

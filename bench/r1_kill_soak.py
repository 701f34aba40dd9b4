"""R1 soak: kill -9 of a client process at random points of submit and sync, N times
(default 200). Each trial ends with PRAGMA integrity_check ok and the local invariants kept;
a final clean run must deliver every case to the server exactly once.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "sync"), str(ROOT / "bench")]
os.environ.setdefault("YIZHAN_KEY_PROVIDER", "file")

from _common import bench_line, scratch_dir  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=200)
    args = ap.parse_args()
    from devserver.main import start_in_thread
    from sync_r1_child import Harness
    base = scratch_dir("r1-")
    srv = start_in_thread(base / "srv", rsa_bits=2048)
    srv.faults(error_rate=0.05, reset_rate=0.05, seed=11)  # a flaky link on top of the kills
    try:
        t0 = time.perf_counter()
        result = Harness(srv, base, seed=int(time.time())).trials(args.trials)
        print("trials: {} ({} killed mid-run), cases: {}, {:.0f} s".format(
            result["trials"], result["killed"], result["cases"], time.perf_counter() - t0))
        for p in (result["local_problems"] + result["server_problems"])[:10]:
            print("problem:", p)
        print("server: {}".format({k: v for k, v in srv.stats().items() if k != "injected"}))
    finally:
        srv.close()
    bad = len(result["local_problems"]) + len(result["server_problems"])
    bench_line("R1", "lost_or_duplicated", bad, "<=", 0)


if __name__ == "__main__":
    main()

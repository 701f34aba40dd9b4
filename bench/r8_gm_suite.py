"""R8: building a packet with the GM crypto suite (SM4-GCM, SM2, SM3) vs the default suite.

The same 20 MB case is submitted (freeze, encrypt, sign, enqueue) by a device enrolled with
the default suite (the baseline, same run) and by one enrolled with the GM suite; the figure
is the ratio of the medians. Goal: the GM suite costs at most 4x the default's build (AES-GCM
has hardware help on x86; SM4-GCM here is OpenSSL's software SM4, SM2 pure Python).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "sync"), str(ROOT / "bench")]
os.environ.setdefault("YIZHAN_KEY_PROVIDER", "file")

from _common import bench_line, scratch_dir  # noqa: E402


def main() -> None:
    from devserver.main import start_in_thread
    from shared.config import DEFAULT_SETTINGS, Settings, _merge
    from shared.devices.idcard.fake_identities import FakeFactory
    from shared.store import Store
    from shared.sync import enrollment
    from shared.sync.outbox import Outbox
    from sync_helpers import OPEN_SETTINGS, make_case
    base = scratch_dir("r8-")
    srv = start_in_thread(base / "srv", rsa_bits=3072)
    medians, size = {}, 0
    try:
        for suite in ("default", "gm"):
            store = Store.open(base / suite, base / (suite + "-cfg"), operator="bench")
            enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint, suite=suite)
            ob = Outbox(store, Settings(base / (suite + "-cfg") / "s.json", _merge(DEFAULT_SETTINGS, OPEN_SETTINGS)))
            fake, times = FakeFactory(8), []
            for _ in range(5):
                case = make_case(store, fake, page_bytes=2 << 20, pages=8)  # 8 + 2 pages of 2 MB = 20 MB
                t0 = time.perf_counter()
                item = ob.submit(case.id)
                times.append(time.perf_counter() - t0)
                size = item.size
            medians[suite] = statistics.median(times)
            store.close()
            print("{:8s} submit median: {:.3f} s".format(suite, medians[suite]), flush=True)
    finally:
        srv.close()
    print("packet size: {:.1f} MB (timings on a shared 2-core machine: noisy)".format(size / 1e6))
    bench_line("R8", "gm_vs_default_build", medians["gm"] / medians["default"], "<=", 4)


if __name__ == "__main__":
    main()

"""P4: submit of a 20 MB case (freeze, encrypt, sign, enqueue) vs a plain write of the same bytes.

Goal: <= 0.5 s absolute and <= 3x a plain file write (temp file, fsync, rename) of the same
number of bytes. The server is only needed for enrollment (its public key).
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
    from shared.config import DEFAULT_SETTINGS, Settings, _merge, atomic_write
    from shared.devices.idcard.fake_identities import FakeFactory
    from shared.store import Store
    from shared.sync import enrollment
    from shared.sync.outbox import Outbox
    from sync_helpers import OPEN_SETTINGS, make_case
    base = scratch_dir("p4-")
    srv = start_in_thread(base / "srv", rsa_bits=3072)
    store = Store.open(base / "data", base / "cfg", operator="bench")
    enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
    ob = Outbox(store, Settings(base / "cfg" / "s.json", _merge(DEFAULT_SETTINGS, OPEN_SETTINGS)))
    fake = FakeFactory(4)
    submit_s, write_s = [], []
    for i in range(5):
        case = make_case(store, fake, page_bytes=2 << 20, pages=8)  # 8 + 2 pages of 2 MB = 20 MB
        t0 = time.perf_counter()
        item = ob.submit(case.id)
        submit_s.append(time.perf_counter() - t0)
        data = os.urandom(item.size)
        t0 = time.perf_counter()
        atomic_write(base / "plain-{}.bin".format(i), data)
        write_s.append(time.perf_counter() - t0)
        del data
    sub, wr = statistics.median(submit_s), statistics.median(write_s)
    print("packet size: {:.1f} MB".format(item.size / 1e6))
    print("submit (freeze+encrypt+sign+enqueue) median: {:.3f} s  (goal <= 0.5 s: {})".format(
        sub, "PASS" if sub <= 0.5 else "MISS"))
    print("plain file write (write+fsync+rename) median: {:.3f} s".format(wr))
    store.close()
    srv.close()
    bench_line("P4", "submit_vs_write", sub / wr, "<=", 3)


if __name__ == "__main__":
    main()

"""P4: submit of a 20 MB case (freeze, encrypt, sign, enqueue) vs the least any submit must do.

Goal: <= 0.5 s absolute and <= 3x the baseline. Baseline, same run, same case: the case's
pages read from where they are kept (the encrypted store, in one read transaction), the same
bytes encrypted once with AES-256-GCM (one fresh key, as a packet has), and written to a temp
file with fsync and rename into the outbox folder's file system. The baseline runs on a twin
case (same pages) right before its submit, interleaved, five times. The server is only
needed for enrollment (its public key).
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
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    def baseline(case_id: str, out: Path) -> int:
        """Read the case's pages from the store, AES-256-GCM them, write + fsync + rename."""
        def read(conn):
            return [store.blobs.data_in(conn, b.id) for b in store.blobs.list_in(conn, case_id)]
        data = b"".join(store.run(read))
        sealed = AESGCM(AESGCM.generate_key(bit_length=256)).encrypt(os.urandom(12), data, None)
        atomic_write(out, sealed)
        return len(sealed)

    submit_s, base_s = [], []
    for i in range(5):
        case = make_case(store, fake, page_bytes=2 << 20, pages=8)  # 8 + 2 pages of 2 MB = 20 MB
        t0 = time.perf_counter()
        size = baseline(case.id, ob.dir / "baseline-{}.bin".format(i))
        base_s.append(time.perf_counter() - t0)
        (ob.dir / "baseline-{}.bin".format(i)).unlink()
        t0 = time.perf_counter()
        item = ob.submit(case.id)
        submit_s.append(time.perf_counter() - t0)
    sub, wr = statistics.median(submit_s), statistics.median(base_s)
    ratios = [s / b for s, b in zip(submit_s, base_s)]
    print("packet size: {:.1f} MB; baseline ciphertext {:.1f} MB".format(item.size / 1e6, size / 1e6))
    print("submit (freeze+encrypt+sign+enqueue) median: {:.3f} s  (goal <= 0.5 s: {}); runs {}".format(
        sub, "PASS" if sub <= 0.5 else "MISS", " ".join("{:.3f}".format(v) for v in submit_s)))
    print("baseline (read from store + AES-256-GCM + write+fsync+rename) median: {:.3f} s; runs {}".format(
        wr, " ".join("{:.3f}".format(v) for v in base_s)))
    store.close()
    srv.close()
    bench_line("P4", "submit_s", sub, "<=", 0.5, runs=submit_s)
    bench_line("P4", "submit_vs_baseline", statistics.median(ratios), "<=", 3, runs=ratios)


if __name__ == "__main__":
    main()

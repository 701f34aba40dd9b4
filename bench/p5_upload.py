"""P5: upload throughput on loopback vs a raw ``requests`` PUT of the same bytes to the same
server, and client memory growth while syncing a backlog (default 1 GB: ``--backlog-mb``).

The server runs as its own process (``python -m devserver.main``) so the client's memory is
measured alone (VmRSS sampled every 20 ms). Upload time excludes the commit (the server's
decrypt-and-verify), which the raw PUT baseline has no counterpart for.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "sync"), str(ROOT / "bench")]
os.environ.setdefault("YIZHAN_KEY_PROVIDER", "file")

from _common import bench_line, scratch_dir  # noqa: E402


def rss_mb() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_server(base: Path):
    proc = subprocess.Popen([sys.executable, "-m", "devserver.main", "--port", "0", "--data-dir", str(base / "srv"),
                             "--admin-token", "bench-token", "--rsa-bits", "2048"], cwd=str(ROOT),
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
    info = {}
    for line in proc.stdout:
        for key, pat in (("url", r"listening on (\S+)"), ("fp", r"fingerprint \(SHA-256\): (\S+)"),
                         ("code", r"enrollment code: (\S+)")):
            m = re.search(pat, line)
            if m:
                info[key] = m.group(1)
        if "enroll with" in line:
            break
    return proc, info


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backlog-mb", type=int, default=1024)
    args = ap.parse_args()
    from shared.config import DEFAULT_SETTINGS, Settings, _merge
    from shared.devices.idcard.fake_identities import FakeFactory
    from shared.store import Store
    from shared.sync import enrollment
    from shared.sync.client import SyncClient
    from shared.sync.outbox import Outbox
    from shared.sync.uploader import PacketUploader
    from sync_helpers import OPEN_SETTINGS, make_case
    base = scratch_dir("p5-")
    proc, info = start_server(base)
    try:
        store = Store.open(base / "data", base / "cfg", operator="bench")
        ident = enrollment.enroll(store, info["url"], info["code"], info["fp"])
        ob = Outbox(store, Settings(base / "cfg" / "s.json", _merge(DEFAULT_SETTINGS, OPEN_SETTINGS)))
        fake = FakeFactory(5)
        per_case = 20
        for _ in range(max(1, args.backlog_mb // per_case)):
            case = make_case(store, fake, page_bytes=2 << 20, pages=8)
            ob.submit(case.id)
        items = ob.items()
        total = sum(i.size for i in items)
        client = SyncClient(ident, timeout=120)
        # Baseline: a raw PUT of the very same bytes (every packet file of the backlog, one
        # request each, streamed from the file) to the same server, before our upload. Each
        # timed phase starts with the disk flushed (os.sync), so neither pays for the other's
        # (or the submissions') writeback.
        os.sync()
        t0 = time.perf_counter()
        for item in items:
            with open(ob.path(item), "rb") as fh:
                r = client.session.put(info["url"] + "/admin/sink", data=fh, headers={"X-Admin-Token": "bench-token"},
                                       timeout=120)
            assert r.json()["received"] == item.size
        raw_s = time.perf_counter() - t0
        commit_time = [0.0]
        real_commit = client.commit

        def timed_commit(pid, upload_url=None):
            t0 = time.perf_counter()
            try:
                return real_commit(pid, upload_url)
            finally:
                commit_time[0] += time.perf_counter() - t0
        client.commit = timed_commit
        up = PacketUploader(ob, client)
        base_rss = rss_mb()
        peak = [base_rss]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss_mb())
                time.sleep(0.02)
        threading.Thread(target=sample, daemon=True).start()
        os.sync()
        t0 = time.perf_counter()
        report = up.run_once(force=True)
        elapsed = time.perf_counter() - t0
        done.set()
        assert len(report.committed) == len(items), report.error
        upload_s = elapsed - commit_time[0]
        ours = total / upload_s
        raw = total / raw_s
        print("backlog: {} packets, {:.0f} MB".format(len(items), total / 1e6))
        print("raw requests PUT of the same {} files: {:.1f} MB/s over {:.1f} s".format(len(items), raw / 1e6, raw_s))
        print("yizhan upload (announce + tus PATCH of 32 MiB chunks streamed from the file): {:.1f} MB/s over {:.1f} s (+{:.1f} s server commits)".format(
            ours / 1e6, upload_s, commit_time[0]))
        growth = peak[0] - base_rss
        print("client RSS {:.0f} MB before, peak {:.0f} MB while syncing: growth {:.1f} MB (goal <= 50 MB: {})".format(
            base_rss, peak[0], growth, "PASS" if growth <= 50 else "MISS"))
        store.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    bench_line("P5", "upload_vs_raw_put", ours / raw, ">=", 0.85)


if __name__ == "__main__":
    main()

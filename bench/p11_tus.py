"""P11: tus conformance, both ways, and the tus upload's throughput against the uploader's
older signed-PATCH path as the baseline.

Conformance (each a pass or a fail): our uploader delivers a packet to ``@tus/server`` (npm,
``@tus/file-store``, under Node on 127.0.0.1) as the registry's intake, cut off halfway once
and resumed from the confirmed offset; ``tuspy`` delivers one to the reference server's tus
endpoint, cut off halfway once and resumed by a fresh uploader. Both byte-exact, both
committed by the signed control plane (see tests/sync/tus_harness.py).

Throughput: the same uploader sends the same packets (32 MiB chunks) to the same reference
server over tus (as it does by default), over tus with a SHA-256 Upload-Checksum per chunk
(optional), and over the signed PATCH it used before tus (the baseline), interleaved, 3 rounds
each; the median rate of each and the ratios to the baseline are printed (loopback, 2 shared
cores: noisy).
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

ROUNDS = 3


class PreTusClient:
    """The sync client as a server from before tus answers it: no tus fields in the views."""

    def __init__(self, client) -> None:
        self._c = client

    def __getattr__(self, name):
        return getattr(self._c, name)

    def _strip(self, view):
        return {k: v for k, v in view.items() if k not in ("upload_url", "tus_endpoint", "upload_ticket")} if view else view

    def announce(self, *a):
        return self._strip(self._c.announce(*a))

    def packet_status(self, pid):
        return self._strip(self._c.packet_status(pid))


def main() -> None:
    from shared.config import DEFAULT_SETTINGS, Settings, _merge
    from shared.devices.idcard.fake_identities import FakeFactory
    from shared.store import Store
    from shared.sync import enrollment
    from shared.sync.client import SyncClient
    from shared.sync.outbox import Outbox
    from shared.sync.uploader import PacketUploader
    from sync_helpers import OPEN_SETTINGS, make_case
    import tus_harness
    from devserver.main import start_in_thread
    base = scratch_dir("p11-")
    fake = FakeFactory(11)
    passed = 0

    def new_store(name: str):
        store = Store.open(base / name / "data", base / name / "cfg", operator="bench")
        return store, Outbox(store, Settings(base / name / "cfg" / "s.json", _merge(DEFAULT_SETTINGS, OPEN_SETTINGS)))

    # 1. our uploader -> @tus/server
    with tus_harness.node_intake_server(base / "node") as (srv, intake, proxy):
        store, outbox = new_store("one")
        enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
        facts = tus_harness.uploader_to_node(store, outbox, srv, intake, proxy, make_case(store, fake, page_bytes=1 << 20, pages=4).id)
        ok = tus_harness.conformant(facts)
        passed += ok
        print("our uploader -> @tus/server: {} ({} bytes; cut off at {} kept, resent {} bytes, one upload: {})".format(
            "PASS" if ok else "FAIL", facts["size"], facts["kept"], facts["resent"], facts["uploads"] == facts["uploads_after_drop"]))
        store.close()

    # 2. tuspy -> reference server; then the throughput runs on the same server
    srv = start_in_thread(base / "srv", rsa_bits=2048)
    try:
        store, outbox = new_store("two")
        enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
        facts = tus_harness.tuspy_to_devserver(store, outbox, srv, make_case(store, fake, page_bytes=1 << 20, pages=4).id)
        ok = tus_harness.conformant(facts)
        passed += ok
        print("tuspy -> reference server: {} ({} bytes; resumed at {})".format("PASS" if ok else "FAIL", facts["size"],
                                                                          facts["resumed_at"]))
        store.close()
        store, outbox = new_store("three")
        enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
        client = SyncClient(enrollment.require(store), timeout=120)
        rates: dict[str, list[float]] = {"tus": [], "tus+checksum": [], "signed PATCH": []}
        for _ in range(ROUNDS):
            for name, cl in (("signed PATCH", PreTusClient(client)), ("tus", client), ("tus+checksum", client)):
                for _ in range(2):
                    outbox.submit(make_case(store, fake, page_bytes=4 << 20, pages=6).id)
                total = sum(i.size for i in outbox.items(("queued",)))
                os.sync()
                t0 = time.perf_counter()
                report = PacketUploader(outbox, cl, checksums=name == "tus+checksum").run_once(force=True)
                elapsed = time.perf_counter() - t0
                assert len(report.committed) == 2, report.error
                rates[name].append(total / elapsed / 1e6)
        base_rate = statistics.median(rates["signed PATCH"])
        for name in ("tus", "tus+checksum", "signed PATCH"):
            rate = statistics.median(rates[name])
            print("throughput incl. announce and commit, median of {}: {} {:.1f} MB/s, ratio to signed PATCH {:.2f}"
                  " (rounds: {})".format(ROUNDS, name, rate, rate / base_rate, ", ".join("{:.1f}".format(r) for r in rates[name])))
        store.close()
    finally:
        srv.close()
    bench_line("P11", "tus_conformance", passed, ">=", 2, fmt="{:.0f}/2")


if __name__ == "__main__":
    main()

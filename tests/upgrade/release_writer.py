"""Run by the upgrade test with an earlier release's code on ``sys.path`` (not a test module).

``write``: with that release's own code and reference server, make a data dir the way a service
point leaves it: cases synced to the registry, packets still in the outbox, drafts. ``snapshot``:
print what the data dir holds (every case, page, packet and audit row), with the code on the path:
the upgrade test runs it with the old code before and with the current code after the upgrade.
Only APIs that both releases have are used.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path


def snapshot(data_dir: Path, config_dir: Path) -> dict:
    from shared.config import Settings
    from shared.store import Store
    from shared.sync.outbox import Outbox
    with Store.open(data_dir, config_dir) as store:
        cases = {}
        for row in store.list_cases(limit=100000):
            case = store.get_case(row.id)
            cases[row.id] = {"state": case.state.value, "revision": case.revision,
                             "blobs": {b.id: hashlib.sha256(store.blobs.get(b.id)).hexdigest() == b.sha256 and b.sha256
                                       for b in store.blobs.list(row.id)}}
        outbox = Outbox(store, Settings.load(config_dir))
        packets = {it.packet_id: {"case": it.case_id, "state": it.state, "sha256": it.sha256,
                                  "file_ok": it.state not in ("queued", "announced", "uploading")
                                  or hashlib.sha256((outbox.dir / it.file).read_bytes()).hexdigest() == it.sha256}
                   for it in outbox.items()}
        audit = [list(map(str, r)) for r in store.audit_rows()]
        report = store.verify_audit()
    return {"cases": cases, "packets": packets, "audit": audit, "audit_ok": report.ok}


def write(data_dir: Path, config_dir: Path, server_dir: Path, tests_dir: Path) -> None:
    sys.path.insert(0, str(tests_dir / "sync"))
    from sync_helpers import OPEN_SETTINGS, counter_ready, drain, fast_service, make_case
    from devserver.main import start_in_thread
    from shared.config import DEFAULT_SETTINGS, Settings, _merge
    try:
        from shared.devices.idcard.fake_identities import FakeFactory
    except ImportError:  # where earlier releases kept it
        from shared.domain.fakes import FakeFactory
    from shared.store import Store
    from shared.sync import enrollment
    from shared.sync.outbox import Outbox
    srv = start_in_thread(server_dir, rsa_bits=2048)
    settings = Settings(config_dir / "settings.json", _merge(DEFAULT_SETTINGS, json.loads(json.dumps(OPEN_SETTINGS))))
    settings.save()
    fake = FakeFactory(2025)
    try:
        with Store.open(data_dir, config_dir, operator="old-release") as store:
            enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
            outbox = Outbox(store, settings)
            ready = [counter_ready(store, make_case(store, fake)) for _ in range(5)]
            for case in ready[:3]:
                outbox.submit(case.id)
            drain(fast_service(store, settings))       # these three reach the registry
            for case in ready[3:]:
                outbox.submit(case.id)                 # these two stay in the outbox
            make_case(store, fake)                     # a draft
    finally:
        srv.close()


if __name__ == "__main__":
    mode, data, conf = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if mode == "write":
        write(data, conf, Path(sys.argv[4]), Path(sys.argv[5]))
    print(json.dumps(snapshot(data, conf)))

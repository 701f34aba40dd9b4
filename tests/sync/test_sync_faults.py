"""R2: under each fault the server injects, every packet is delivered exactly once."""

from __future__ import annotations

import pytest

from sync_helpers import drain, fast_service, make_case

FAULTS = {
    "5xx": {"error_rate": 0.4},
    "reset_mid_chunk": {"reset_rate": 0.5, "methods": ["PATCH"]},
    "429_retry_after": {"rate_429": 0.4, "retry_after": 0},
    "slow_link": {"throttle_kbps": 2000, "latency_ms": 20},
    "garbage": {"garbage_rate": 0.4},
    "mixed": {"error_rate": 0.15, "reset_rate": 0.15, "rate_429": 0.1, "retry_after": 0, "garbage_rate": 0.15},
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_every_packet_delivered_exactly_once(name, store, outbox, settings, srv, fake):
    cases = [make_case(store, fake, page_bytes=90_000) for _ in range(3)]
    for c in cases:
        outbox.submit(c.id)
    before = srv.stats()
    srv.faults(seed=7, **FAULTS[name])
    svc = fast_service(store, settings, outbox=outbox, chunk_size=64 * 1024)
    drain(svc, passes=200)
    srv.faults()
    drain(svc)
    after = srv.stats()
    ids = [c.packet_id for c in cases]
    rows = srv.state.db.all("SELECT packet_id FROM packets WHERE packet_id IN ({})".format(",".join("?" * len(ids))), tuple(ids))
    assert sorted(r[0] for r in rows) == sorted(ids)
    delivered = srv.state.db.all("SELECT packet_id, count(*) FROM events WHERE kind = 'delivered' AND packet_id IN ({})"
                                 " GROUP BY packet_id".format(",".join("?" * len(ids))), tuple(ids))
    assert all(n == 1 for _, n in delivered) and len(delivered) == 3
    assert after["commits_created"] - before["commits_created"] == 3
    assert sum(after["injected"].values()) > 0  # the fault really happened
    for c in cases:
        item = outbox.get(c.packet_id)
        assert item.state == "proof_issued", (name, item.state, item.last_error)
        assert store.get_case(c.id).outcome["receipt_number"]


def test_retry_after_is_honoured(store, outbox, settings, srv, fake):
    import time
    case = make_case(store, fake)
    outbox.submit(case.id)
    srv.faults(rate_429=1.0, retry_after=120)
    svc = fast_service(store, settings, outbox=outbox)
    report = svc.run_once(force=True)
    assert report.error.retry_after == 120
    item = outbox.get(case.packet_id)
    assert item.next_attempt_at >= time.time() + 100  # not before the server said
    report = svc.run_once()  # a regular pass leaves it alone
    assert report.upload.deferred == [case.packet_id]

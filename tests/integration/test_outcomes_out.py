"""Outcomes back to the bank's system: kept in the encrypted store, sent by a signed webhook to
a real local receiver that is down for a day and then up (nothing lost, each acknowledged once),
with the drop folder as the fallback."""

from __future__ import annotations

import json

import pytest

from api_helpers import loan_document
from receiver import Receiver
from shared.integration import cases, credentials
from shared.integration.outcomes import OutcomeNotifier, verify
from shared.store import Store
from shared.sync.backoff import Backoff


class Clock:
    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        return self.t


def _api_case(store, fake, reference: str) -> str:
    body = json.dumps(loan_document(fake, reference), ensure_ascii=False).encode()
    return cases.create_case(store, body, cases.integration_actor()).case_id


def _outcome(store, case_id: str, event_id: str, kind: str, **detail) -> bool:
    return store.transaction(lambda tx: tx.integration.note_outcome(event_id, case_id, kind, {"state": kind, **detail}))


@pytest.fixture
def three(store, fake):
    """A case of the bank's system with three outcomes kept (a counter case's outcome is not)."""
    case_id = _api_case(store, fake, "LOAN-O1")
    assert _outcome(store, case_id, "p1.1", "accepted", receipt_number="SL2026001")
    assert _outcome(store, case_id, "p1.2", "registered", register_number="DJ2026001")
    assert _outcome(store, case_id, "p1.3", "proof_issued", proof_number="ZM2026001",
                    documents=[{"id": "b1", "kind": "proof", "name": "不动产登记证明", "mime": "application/pdf"}])
    assert not _outcome(store, case_id, "p1.3", "proof_issued")  # the same event is kept once
    assert not _outcome(store, "YZ-COUNTER", "p9.1", "accepted")  # not the bank system's case
    return case_id


def _notifier(store, clock, **kw) -> OutcomeNotifier:
    kw.setdefault("backoff", Backoff(base=60.0, cap=600.0, jitter=False))
    return OutcomeNotifier(store, clock=clock, **kw)


def test_webhook_down_for_a_day_then_up_gets_everything_once(store, three, tmp_path):
    hook, clock = Receiver(), Clock()
    secret = credentials.signing_secret(store)
    notifier = _notifier(store, clock, webhook_url=hook.url)
    first = notifier.deliver_due()
    assert first.failed == ["p1.1"] and not first.delivered  # the oldest holds the others: order kept
    assert notifier.deliver_due().failed == []  # not due yet: back-off
    passes = 0
    while clock.t < 1_800_000_000 + 86400:  # a day of retries, at most 10 minutes apart
        clock.t += 600
        passes += len(notifier.deliver_due().failed) > 0
    assert passes >= 100
    # kept in the encrypted store: the counter restarts before the webhook is back
    path = store.path
    store.close()
    store2 = Store.open(path.parent, tmp_path / "config")
    try:
        hook.up()
        clock.t += 600
        notifier2 = _notifier(store2, clock, webhook_url=hook.url)
        done = notifier2.deliver_due()
        assert done.delivered == ["p1.1", "p1.2", "p1.3"]
        assert [json.loads(b)["event_id"] for _h, b in hook.got] == ["p1.1", "p1.2", "p1.3"]  # in order
        for headers, body in hook.got:
            assert headers["x-yizhan-event"] == json.loads(body)["event_id"]
            assert verify(secret, body, headers["x-yizhan-signature"], now=clock.t)
            assert not verify(secret, body + b" ", headers["x-yizhan-signature"], now=clock.t)
            assert not verify(secret, body, headers["x-yizhan-signature"], now=clock.t + 3600)  # stale
        got = json.loads(hook.got[0][1])
        assert got["case_id"] == three and got["reference"] == "LOAN-O1" and got["kind"] == "accepted"
        assert got["outcome"]["receipt_number"] == "SL2026001"
        # acknowledged once: later passes send nothing again
        for _ in range(3):
            clock.t += 3600
            assert notifier2.deliver_due().delivered == []
        assert len(hook.got) == 3
        assert store2.read(lambda tx: tx.integration.counts()) == {"pending": 0, "delivered": 3}
        assert not store2.transaction(lambda tx: tx.integration.delivered("p1.1", "webhook"))
    finally:
        hook.down()
        store2.close()


def test_an_error_answer_or_a_redirect_is_not_an_acknowledgement(store, three):
    hook, clock = Receiver().up(), Clock()
    try:
        notifier = _notifier(store, clock, webhook_url=hook.url)
        for status in (500, 302, 404):
            hook.status = status
            clock.t += 700
            assert notifier.deliver_due().delivered == []
        assert [h["x-yizhan-event"] for h, _b in hook.got] == ["p1.1"] * 3  # no redirect followed
        hook.status = 204
        clock.t += 700
        assert notifier.deliver_due().delivered == ["p1.1", "p1.2", "p1.3"]
    finally:
        hook.down()


def test_drop_folder_as_the_fallback_then_the_webhook_still_delivers(store, three, tmp_path):
    hook, clock = Receiver(), Clock()
    drop = tmp_path / "bank-drop"
    notifier = _notifier(store, clock, webhook_url=hook.url, drop_dir=drop, fallback_after_attempts=2)
    notifier.deliver_due()
    assert not drop.exists() or not list(drop.iterdir())
    clock.t += 700
    assert notifier.deliver_due().dropped == ["p1.1", "p1.2", "p1.3"]
    files = sorted(p.name for p in drop.iterdir())
    assert files == sorted("{}_{}.json".format(three, e) for e in ("p1.1", "p1.2", "p1.3"))  # no temp file left
    envelope = json.loads((drop / files[0]).read_text("utf-8"))
    assert verify(credentials.signing_secret(store), envelope["body"].encode(), envelope["signature"], now=clock.t)
    clock.t += 700
    assert notifier.deliver_due().dropped == []  # written once
    hook.up()
    try:
        clock.t += 700
        assert notifier.deliver_due().delivered == ["p1.1", "p1.2", "p1.3"]
    finally:
        hook.down()


def test_drop_folder_alone_is_the_delivery(store, three, tmp_path):
    clock = Clock()
    drop = tmp_path / "drop"
    notifier = _notifier(store, clock, drop_dir=drop)
    report = notifier.deliver_due()
    assert report.delivered == ["p1.1", "p1.2", "p1.3"]
    assert notifier.deliver_due().delivered == []
    assert len(list(drop.iterdir())) == 3
    assert store.read(lambda tx: tx.integration.pending()) == []


def test_a_notification_carries_nothing_personal(store, fake, tmp_path):
    doc = loan_document(fake, "LOAN-P")
    case_id = cases.create_case(store, json.dumps(doc, ensure_ascii=False).encode(), cases.integration_actor()).case_id
    _outcome(store, case_id, "p2.1", "not_accepted", reasons=[{"code": "jurisdiction", "text": "不属于本登记机构管辖"}])
    drop = tmp_path / "drop"
    _notifier(store, Clock(), drop_dir=drop).deliver_due()
    text = (drop / "{}_p2.1.json".format(case_id)).read_text("utf-8")
    for p in doc["parties"]:
        assert p["name"] not in text and p["id_number"] not in text and p["phone"] not in text
    assert "不属于本登记机构管辖" in json.loads(json.loads(text)["body"])["outcome"]["reasons"][0]["text"]


def test_a_webhook_url_other_than_http_is_never_opened(store, three, tmp_path):
    target = tmp_path / "not-a-webhook"
    target.write_text("x")
    notifier = _notifier(store, Clock(), webhook_url=target.as_uri())
    assert notifier.deliver_due().failed == ["p1.1"]
    assert target.read_text() == "x"
    assert [e.attempts for e in store.read(lambda tx: tx.integration.pending())] == [1, 0, 0]

"""Outbox state changes are each one store transaction: all of it, or nothing (no server needed)."""

from __future__ import annotations

import pytest

from shared.domain.states import CaseState
from shared.sync.outbox import Outbox


class _AuditFails(RuntimeError):
    pass


def _seed(store, case, state="uploaded", revision=None):
    case.state = CaseState.SUBMITTED
    store.save_case(case)

    def work(tx):
        tx.outbox.insert("P1", case.id, case.revision if revision is None else revision, "P1.ypk", 500,
                         "ab" * 32, "sig", "2026-01-01T00:00:00+00:00")
        tx.outbox.update("P1", state=state, offset=200, outcome={"seen": 1})
    store.transaction(work)


def _fail_audit_on(store, monkeypatch, action):
    real = store.audit

    def audit(conn, what, case_id, detail=""):
        if what == action:
            raise _AuditFails(what)
        real(conn, what, case_id, detail)
    monkeypatch.setattr(store, "audit", audit)


def _actions(store, case_id):
    return [row[3] for row in store.audit_rows(case_id)]


def test_note_error_counts_attempts_and_fails_for_good_with_an_audit(store, settings, sample_case):
    _seed(store, sample_case)
    ob = Outbox(store, settings)
    ob.note_error("P1", "x" * 600, 123.5)
    item = ob.get("P1")
    assert (item.state, item.attempts, item.next_attempt_at, len(item.last_error)) == ("uploaded", 1, 123.5, 500)
    assert "packet_failed" not in _actions(store, sample_case.id)
    ob.note_error("P1", "refused", 0, failed=True)
    item = ob.get("P1")
    assert (item.state, item.attempts, item.last_error) == ("failed", 2, "refused")
    assert store.audit_rows(sample_case.id)[-1][3:] == ("packet_failed", sample_case.id, "packet=P1")


def test_note_error_is_one_transaction(store, settings, sample_case, monkeypatch):
    _seed(store, sample_case)
    ob = Outbox(store, settings)
    _fail_audit_on(store, monkeypatch, "packet_failed")
    with pytest.raises(_AuditFails):
        ob.note_error("P1", "refused", 9.0, failed=True)
    item = ob.get("P1")
    assert (item.state, item.attempts, item.last_error) == ("uploaded", 0, "")


def test_mark_committed_delivers_the_case_once(store, settings, sample_case):
    _seed(store, sample_case)
    ob = Outbox(store, settings)
    ob.mark_committed("P1", {"received_at": "2026-01-02T00:00:00+00:00"})
    item = ob.get("P1")
    assert item.state == "committed" and item.offset == item.size and item.committed_at
    assert item.outcome == {"seen": 1, "received_at": "2026-01-02T00:00:00+00:00"}
    assert store.get_case(sample_case.id).state == CaseState.DELIVERED
    before = _actions(store, sample_case.id)
    assert before[-2:] == ["delivered", "packet_committed"]
    ob.mark_committed("P1", {"received_at": "later"})  # no longer active: nothing changes
    assert _actions(store, sample_case.id) == before and ob.get("P1").outcome["received_at"] != "later"


def test_mark_committed_leaves_a_newer_revision_alone(store, settings, sample_case):
    _seed(store, sample_case, revision=sample_case.revision - 1)
    Outbox(store, settings).mark_committed("P1", {})
    assert store.get_case(sample_case.id).state == CaseState.SUBMITTED
    assert _actions(store, sample_case.id)[-1] == "packet_committed"


def test_mark_committed_is_one_transaction(store, settings, sample_case, monkeypatch):
    _seed(store, sample_case)
    ob = Outbox(store, settings)
    _fail_audit_on(store, monkeypatch, "packet_committed")
    with pytest.raises(_AuditFails):
        ob.mark_committed("P1", {"received_at": "2026-01-02T00:00:00+00:00"})
    assert ob.get("P1").state == "uploaded" and ob.get("P1").offset == 200
    assert store.get_case(sample_case.id).state == CaseState.SUBMITTED


def test_set_state_refuses_an_unknown_field(store, settings, sample_case):
    _seed(store, sample_case)
    ob = Outbox(store, settings)
    ob.set_state("P1", "uploading", offset=300)
    assert (ob.get("P1").state, ob.get("P1").offset) == ("uploading", 300)
    with pytest.raises(ValueError):
        ob.set_state("P1", "uploaded", **{"offset = size --": 0})
    assert ob.get("P1").state == "uploading"

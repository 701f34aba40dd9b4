"""The store's typed transaction API: StoreTx, the outbox rows and the sync state."""

from __future__ import annotations

import pytest

from shared.domain.case import Case
from shared.domain.states import CaseState
from shared.errors import StoreError
from shared.store import Store, StoreTx
from shared.store.outbox_table import OutboxItem


def _queue(tx: StoreTx, packet_id: str, case_id: str, revision: int = 1, size: int = 100,
           at: str = "2026-01-01T00:00:00+00:00") -> None:
    tx.outbox.insert(packet_id, case_id, revision, packet_id + ".ypk", size, "ab" * 32, "sig", at)


def test_transaction_commits_everything_together(store: Store, sample_case: Case):
    def work(tx: StoreTx) -> str:
        tx.write_case(sample_case, "create")
        tx.add_blob(sample_case.id, "page", b"one", "image/jpeg", slot="id_card")
        _queue(tx, "P1", sample_case.id)
        tx.sync_state.put("status_cursor", 7)
        tx.audit("enqueue", sample_case.id, "packet=P1")
        return "done"
    assert store.transaction(work) == "done"
    assert store.has_case(sample_case.id)
    item = store.read(lambda tx: tx.outbox.get("P1"))
    assert isinstance(item, OutboxItem) and item.state == "queued" and item.case_id == sample_case.id
    assert item.created_at == item.updated_at == "2026-01-01T00:00:00+00:00" and item.outcome == {}
    assert store.read(lambda tx: tx.sync_state.get("status_cursor")) == 7
    assert [a[3] for a in store.audit_rows(sample_case.id)] == ["create", "add_page", "enqueue"]


def test_transaction_rolls_everything_back_when_it_raises(store: Store, sample_case: Case):
    def work(tx: StoreTx) -> None:
        tx.write_case(sample_case, "create")
        tx.add_blob(sample_case.id, "page", b"one", "image/jpeg", slot="id_card")
        _queue(tx, "P1", sample_case.id)
        tx.sync_state.put("status_cursor", 7)
        raise RuntimeError("boom")
    with pytest.raises(RuntimeError):
        store.transaction(work)
    assert not store.has_case(sample_case.id)
    assert store.read(lambda tx: (tx.outbox.items(), tx.sync_state.raw("status_cursor"),
                                  tx.blobs(sample_case.id))) == ([], None, [])
    assert store.audit_rows() == []


def test_cases_through_the_transaction(store: Store, sample_case: Case):
    assert store.read(lambda tx: tx.find_case(sample_case.id)) is None
    with pytest.raises(StoreError):
        store.read(lambda tx: tx.case(sample_case.id))
    store.save_case(sample_case)
    loaded = store.read(lambda tx: tx.case(sample_case.id))
    assert loaded is not sample_case and loaded.to_dict() == store.get_case(sample_case.id).to_dict()


def test_blobs_by_kinds_data_and_bulk_delete(store: Store, sample_case: Case, fake):
    other = Case("mortgage_first_general", catalog_version="test")
    store.save_case(sample_case)
    store.save_case(other)
    page = store.blobs.add(sample_case.id, "page", b"page-bytes", "image/jpeg", slot="id_card")
    store.blobs.add(sample_case.id, "face", b"face", "image/jpeg", slot="identity:p:1")
    doc = store.blobs.add(sample_case.id, "document", b"%PDF", "application/pdf", slot="application")
    kept = store.blobs.add(other.id, "page", b"other", "image/jpeg", slot="id_card")
    kinds = store.read(lambda tx: [b.kind for b in tx.blobs(sample_case.id, kinds=("page", "document"))])
    assert kinds == ["document", "page"]  # ordered by kind, slot, place; the face left out
    assert store.read(lambda tx: tx.blob_data(page.id)) == b"page-bytes"
    assert store.read(lambda tx: tx.blob_data("no-such-blob")) is None
    assert store.transaction(lambda tx: tx.delete_blobs(sample_case.id, ("page", "face"))) == 2
    assert [b.id for b in store.blobs.list(sample_case.id)] == [doc.id]
    assert [b.id for b in store.blobs.list(other.id)] == [kept.id]  # another case's page stays


def test_outbox_rows_read_and_answer(store: Store, sample_case: Case):
    store.save_case(sample_case)

    def seed(tx: StoreTx) -> None:
        _queue(tx, "P2", sample_case.id, revision=2, size=300, at="2026-01-02T00:00:00+00:00")
        _queue(tx, "P1", sample_case.id, revision=1, size=100, at="2026-01-01T00:00:00+00:00")
        tx.outbox.update("P2", offset=120, state="uploading")
    store.transaction(seed)
    assert [i.packet_id for i in store.read(lambda tx: tx.outbox.items())] == ["P1", "P2"]
    assert [i.packet_id for i in store.read(lambda tx: tx.outbox.items(("uploading",)))] == ["P2"]
    assert [i.revision for i in store.read(lambda tx: tx.outbox.of_cases([sample_case.id]))] == [1, 2]
    assert store.read(lambda tx: tx.outbox.of_cases([])) == []
    assert store.read(lambda tx: tx.outbox.pending(("queued", "uploading"))) == (2, 100 + 180)
    assert store.read(lambda tx: tx.outbox.pending(("queued",))) == (1, 100)
    assert store.read(lambda tx: tx.outbox.files()) == {"P1.ypk", "P2.ypk"}

    store.transaction(lambda tx: tx.outbox.set_answer("P1", "not_accepted", {"reasons": ["x"]},
                                                      "2026-02-01T00:00:00+00:00", "2026-02-01T00:00:00+00:00"))
    store.transaction(lambda tx: tx.outbox.set_answer("P1", "not_accepted", {"reasons": ["y"]},
                                                      "2026-03-01T00:00:00+00:00", "2026-03-01T00:00:00+00:00"))
    p1 = store.read(lambda tx: tx.outbox.get("P1"))
    assert p1.final_at == p1.committed_at == "2026-02-01T00:00:00+00:00"  # the first answer's times stay
    assert p1.outcome == {"reasons": ["y"]} and p1.offset == p1.size and p1.bytes_left == 0

    assert [i.packet_id for i in store.read(lambda tx: tx.outbox.due_for_purge("2026-02-02"))] == ["P1"]
    assert store.read(lambda tx: tx.outbox.due_for_purge("2026-01-31")) == []
    store.transaction(lambda tx: tx.outbox.set_purged("P1", "2026-03-05T00:00:00+00:00"))
    assert store.read(lambda tx: tx.outbox.due_for_purge("2026-02-02")) == []
    assert store.read(lambda tx: tx.outbox.files()) == {"P2.ypk"}


def test_outbox_update_takes_only_known_columns(store: Store, sample_case: Case):
    store.save_case(sample_case)
    store.transaction(lambda tx: _queue(tx, "P1", sample_case.id))
    with pytest.raises(ValueError):
        store.transaction(lambda tx: tx.outbox.update("P1", **{"state = 'failed', offset": 1}))
    with pytest.raises(ValueError):
        store.transaction(lambda tx: tx.outbox.update("P1", state="failed", nope=1))
    assert store.read(lambda tx: tx.outbox.get("P1")).state == "queued"


def test_sync_state_values(store: Store):
    assert store.read(lambda tx: tx.sync_state.get("k", "default")) == "default"
    store.transaction(lambda tx: tx.sync_state.put("k", {"a": [1, "二"]}))
    store.transaction(lambda tx: tx.sync_state.put("k", {"a": [2]}))  # overwritten, not duplicated
    assert store.read(lambda tx: tx.sync_state.get("k")) == {"a": [2]}
    assert store.read(lambda tx: tx.sync_state.raw("k")) == '{"a": [2]}'


def test_state_of_a_case_written_in_the_transaction(store: Store, sample_case: Case):
    store.save_case(sample_case)

    def submit(tx: StoreTx) -> None:
        case = tx.case(sample_case.id)
        case.state = CaseState.READY
        tx.write_case(case, "ready")
    store.transaction(submit)
    assert store.get_case(sample_case.id).state == CaseState.READY
    assert store.audit_rows(sample_case.id)[-1][3] == "ready"

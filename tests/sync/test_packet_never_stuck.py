"""Class 3 of the hardening: a packet never gets stuck.

Each test fails on the code before the hardening: a flipped bit in a packet file was uploaded
again and again (the commit's hash check failing each time), a server that forgot an upload
left the packet ``failed`` for good, a packet id taken first by another device left it
``failed`` for good, and a ``failed`` item had no way back (``Outbox.retry`` did not exist).
"""

from __future__ import annotations

from sync_helpers import drain, fast_service, make_case


def _delivered_once(srv, case_id):
    rows = srv.state.db.all("SELECT packet_id FROM packets WHERE case_id = ?", (case_id,))
    return [r[0] for r in rows]


def test_a_flipped_bit_in_the_packet_file_is_caught_before_upload_and_rebuilt(store, outbox, settings, srv, fake):
    case = make_case(store, fake)
    item = outbox.submit(case.id)
    path = outbox.path(item)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    svc = fast_service(store, settings, outbox=outbox)
    drain(svc)
    assert _delivered_once(srv, case.id) != [] and len(_delivered_once(srv, case.id)) == 1
    new_id = _delivered_once(srv, case.id)[0]
    assert new_id != item.packet_id and outbox.get(item.packet_id) is None  # the damaged one never went out
    assert outbox.get(new_id).state in ("committed", "accepted", "registered", "proof_issued")
    assert not path.exists()
    assert any(r[3] == "packet_rebuilt" for r in store.audit_rows(case.id))
    assert store.verify_audit().ok


def test_a_server_that_forgot_an_upload_gets_a_fresh_announce(store, outbox, settings, srv, fake):
    case = make_case(store, fake, page_bytes=300_000)
    item = outbox.submit(case.id)
    svc = fast_service(store, settings, outbox=outbox, chunk_size=64 * 1024)
    client = svc.client()
    real_patch = client.patch
    calls = []

    def forgetful_patch(pid, offset, data):
        out = real_patch(pid, offset, data)
        calls.append(pid)
        if len(calls) == 2:  # the server loses the upload (a restore, a wiped disk)
            srv.state.db.tx(lambda c: c.execute("DELETE FROM uploads WHERE packet_id = ?", (pid,)))
        return out
    client.patch = forgetful_patch
    drain(svc)
    got = outbox.get(item.packet_id)
    assert got.state != "failed", got.last_error
    assert got.state in ("committed", "accepted", "registered", "proof_issued")
    assert _delivered_once(srv, case.id) == [item.packet_id]


def test_a_packet_id_taken_by_another_device_is_resolved_with_a_fresh_id(store, outbox, settings, srv, fake, tmp_path):
    from shared.store import Store
    from shared.sync import crypto, enrollment
    from shared.sync.client import SyncClient
    case = make_case(store, fake)
    item = outbox.submit(case.id)
    with Store.open(tmp_path / "other", tmp_path / "other-config", operator="squatter") as other:
        squatter = enrollment.enroll(other, srv.url, srv.new_code(), srv.fingerprint)
        sig = crypto.b64e(crypto.sign(squatter.device_private,
                                      crypto.ciphertext_statement(item.packet_id, 10, "0" * 64)))
        SyncClient(squatter).announce(item.packet_id, 10, "0" * 64, sig)
    drain(fast_service(store, settings, outbox=outbox))
    ids = _delivered_once(srv, case.id)
    assert len(ids) == 1 and ids[0] != item.packet_id
    assert outbox.get(ids[0]).state != "failed"
    assert outbox.get(item.packet_id) is None


def test_every_failed_item_has_a_way_back(store, outbox, settings, srv, fake):
    case = make_case(store, fake)
    item = outbox.submit(case.id)
    outbox.note_error(item.packet_id, "refused", 0, failed=True)  # e.g. the server refused it for good
    assert outbox.get(item.packet_id).state == "failed"
    again = outbox.retry(item.packet_id)  # no operator list yet: the store's operator acts
    assert again.state == "queued" and again.packet_id == item.packet_id and not again.last_error
    drain(fast_service(store, settings, outbox=outbox))
    assert _delivered_once(srv, case.id) == [item.packet_id]
    # a failed item whose file is gone comes back rebuilt under a fresh id
    from shared.workflow.auth import Authenticator
    officer = Authenticator(store).login("S1001", "Officer2026").session  # the list came with the sync
    case2 = make_case(store, fake)
    item2 = outbox.submit(case2.id, actor=officer)
    outbox.note_error(item2.packet_id, "refused", 0, failed=True)
    outbox.path(item2).unlink()
    again2 = outbox.retry(item2.packet_id, actor=officer)
    assert again2.state == "queued" and again2.packet_id != item2.packet_id
    drain(fast_service(store, settings, outbox=outbox))
    assert _delivered_once(srv, case2.id) == [again2.packet_id]

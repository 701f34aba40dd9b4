"""Class 3 of the hardening: a packet never gets stuck.

Each test fails on the code before the hardening: a flipped bit in a packet file was uploaded
again and again (the commit's hash check failing each time), a server that forgot an upload
left the packet ``failed`` for good, a packet id taken first by another device blocked this
device's packet (the server kept ids globally: now per announcing device), and a ``failed`` item had no way back (``Outbox.retry`` did not exist).
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


def test_a_packet_id_announced_first_by_another_device_blocks_nothing(store, outbox, settings, srv, fake, tmp_path):
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
    # the server keeps packet ids per device: the squat blocks nothing, no rebuild was needed
    assert _delivered_once(srv, case.id) == [item.packet_id]
    assert outbox.get(item.packet_id).state != "failed"


def test_a_packet_id_another_device_delivered_first_does_not_block_this_one(store, outbox, settings, srv, fake, tmp_path,
                                                                           monkeypatch):
    """Another device completes a whole packet under this device's id (and case id) first:
    both are kept, each under its own device, with its own registry answers."""
    from shared.domain.case import Case
    from shared.store import Store
    from shared.sync import enrollment
    from shared.sync.outbox import Outbox
    case = make_case(store, fake)
    item = outbox.submit(case.id)
    with Store.open(tmp_path / "other", tmp_path / "other-config", operator="squatter") as other:
        squatter = enrollment.enroll(other, srv.url, srv.new_code(), srv.fingerprint)
        theirs = make_case(other, fake)
        with monkeypatch.context() as m:
            m.setattr(Case, "packet_id", property(lambda self: item.packet_id))
            their_outbox = Outbox(other, settings)
            their_outbox.submit(theirs.id)
            drain(fast_service(other, settings, outbox=their_outbox))
    drain(fast_service(store, settings, outbox=outbox))
    mine = enrollment.require(store).device_id
    rows = srv.state.db.all("SELECT device_id FROM packets WHERE packet_id = ?", (item.packet_id,))
    assert sorted(r[0] for r in rows) == sorted([mine, squatter.device_id])
    assert outbox.get(item.packet_id).state != "failed"
    srv.advance(3600)  # the registry answers each device's packet, not the other's
    drain(fast_service(store, settings, outbox=outbox))
    assert outbox.get(item.packet_id).state in ("accepted", "registered", "proof_issued")
    events = srv.state.db.all("SELECT DISTINCT device_id FROM events WHERE packet_id = ?", (item.packet_id,))
    assert sorted(r[0] for r in events) == sorted([mine, squatter.device_id])


def test_a_server_database_with_global_packet_ids_is_keyed_by_device(tmp_path):
    import sqlite3
    from devserver.storage import ServerDB
    db_path = tmp_path / "server.db"
    old = sqlite3.connect(str(db_path))
    old.execute("CREATE TABLE uploads (packet_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, size INTEGER NOT NULL,"
                " sha256 TEXT NOT NULL, signature TEXT NOT NULL, offset INTEGER NOT NULL, state TEXT NOT NULL,"
                " created_at REAL NOT NULL, updated_at REAL NOT NULL)")
    old.execute("CREATE TABLE packets (packet_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, case_id TEXT NOT NULL,"
                " revision INTEGER NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, manifest TEXT NOT NULL,"
                " case_doc TEXT NOT NULL, committed_at REAL NOT NULL, answer TEXT NOT NULL, stage TEXT NOT NULL)")
    old.execute("CREATE TABLE schedule (id INTEGER PRIMARY KEY, packet_id TEXT NOT NULL, kind TEXT NOT NULL,"
                " due REAL NOT NULL, payload TEXT NOT NULL)")
    old.execute("INSERT INTO packets VALUES ('P1', 'DEV-A', 'C1', 1, 'h', 1, 'm', 'd', 0, '{}', 'delivered')")
    old.execute("INSERT INTO schedule(packet_id, kind, due, payload) VALUES ('P1', 'accepted', 0, '{}')")
    old.commit()
    old.close()
    db = ServerDB(db_path)
    db.tx(lambda c: c.execute("INSERT INTO packets VALUES ('P1', 'DEV-B', 'C1', 1, 'h', 1, 'm', 'd', 0, '{}', 'delivered')"))
    assert db.all("SELECT device_id FROM packets ORDER BY device_id") == [("DEV-A",), ("DEV-B",)]
    assert db.all("SELECT device_id FROM schedule") == [("DEV-A",)]
    db.close()


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

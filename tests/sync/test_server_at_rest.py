"""Class 5 of the hardening: the reference server keeps received case data encrypted at rest.

Fails on the code before the hardening: the case document and the manifest of every packet
were stored as plain JSON in the server's SQLite file.
"""

from __future__ import annotations

from sync_helpers import drain, fast_service, make_case


def test_received_case_data_is_not_in_clear_in_the_server_files(store, outbox, settings, srv, fake):
    case = make_case(store, fake)
    outbox.submit(case.id)
    drain(fast_service(store, settings, outbox=outbox))
    person = case.parties[0]
    srv.state.db.conn.execute("PRAGMA wal_checkpoint(FULL)")
    folder = srv.state.cfg.data_dir
    blobs = b"".join(p.read_bytes() for p in folder.glob("server.db*"))
    for secret in (person.id_number, person.name, case.get("property.unit_number")):
        assert secret.encode("utf-8") not in blobs
    # ... while the registry still reads it (the property query finds the unit)
    from shared.sync import enrollment
    from shared.sync.client import SyncClient
    answer = SyncClient(enrollment.load(store)).property_query(
        case.get("property.unit_number"), {"letter_sha256": "0" * 64, "valid_until": "2999-01-01"})
    assert answer["found"]

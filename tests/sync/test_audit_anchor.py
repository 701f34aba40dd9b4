"""Class 6 of the hardening: the audit log is anchored outside the store.

Each test fails on the code before the hardening: rows cut from the end (with the head set
back) or the whole file rolled back to an older copy still verified "ok" and nothing outside
the store could tell (no audit head in packets, no heartbeat, no ``--against-server``); and
``audit_retention_days: 0`` purged the whole log.
"""

from __future__ import annotations

import datetime as _dt
import shutil

from shared.cli.main import main
from shared.store import Store
from sync_helpers import drain, fast_service, make_case


def _pass(store, settings):
    from shared.sync.outbox import Outbox
    return fast_service(store, settings, outbox=Outbox(store, settings)).run_once(force=True)


def _against_server(store):
    from shared.sync import enrollment
    from shared.sync.anchor import verify_against_server
    from shared.sync.client import SyncClient
    client = SyncClient(enrollment.require(store))
    client.audit_heartbeat(store.audit_head())
    return verify_against_server(store, client)


def _more_rows(store, fake, n=3):
    for _ in range(n):
        make_case(store, fake, ready=False)


def test_every_packet_and_heartbeat_carries_the_chain_head(store, outbox, settings, srv, fake, enrolled):
    case = make_case(store, fake)
    outbox.submit(case.id)
    drain(fast_service(store, settings, outbox=outbox))
    row = srv.state.db.one("SELECT seq, hash FROM audit_heads WHERE device_id = ?", (enrolled.device_id,))
    head = store.audit_head()
    assert row is not None and 0 < row[0] <= head["seq"]
    assert store.audit_hash_at(row[0]) == row[1]
    assert _against_server(store) == []


def test_a_store_rolled_back_to_an_older_copy_is_detected(tmp_path, store, settings, srv, fake, enrolled):
    _more_rows(store, fake)
    store.close()
    shutil.copytree(tmp_path / "data", tmp_path / "older")
    with Store.open(tmp_path / "data", tmp_path / "config") as s:
        _more_rows(s, fake)
        _pass(s, settings)  # the heartbeat: the server now knows the newer head
    shutil.rmtree(tmp_path / "data")
    shutil.copytree(tmp_path / "older", tmp_path / "data")
    with Store.open(tmp_path / "data", tmp_path / "config") as s:
        assert s.verify_audit().ok  # the store alone cannot tell
        problems = _against_server(s)
    assert any(m.code == "audit.behind_server" for m in problems)
    assert any(m.code == "audit.server_finding" for m in problems)
    assert main(["--data-dir", str(tmp_path / "data"), "audit", "verify", "--against-server"]) == 1


def test_rows_cut_from_the_end_are_detected(store, settings, srv, fake, enrolled):
    _more_rows(store, fake, 4)
    _pass(store, settings)
    head = store.audit_head()

    def cut(conn):  # someone with the key drops the newest rows and sets the head back
        keep = head["seq"] - 3
        h = conn.execute("SELECT hash FROM audit WHERE seq = ?", (keep,)).fetchone()[0]
        conn.execute("DELETE FROM audit WHERE seq > ?", (keep,))
        conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head_seq'", (str(keep),))
        conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head_hash'", (h,))
    store.write(cut)
    assert store.verify_audit().ok
    assert any(m.code == "audit.behind_server" for m in _against_server(store))


def test_the_cli_says_ok_when_the_anchor_agrees(tmp_path, store, settings, srv, fake, enrolled, capsys):
    _more_rows(store, fake)
    _pass(store, settings)
    store.close()
    assert main(["--data-dir", str(tmp_path / "data"), "audit", "verify", "--against-server"]) == 0
    assert "ok" in capsys.readouterr().out


def test_audit_retention_never_drops_below_one_year(store, settings, fake):
    from shared.sync.outbox import Outbox
    _more_rows(store, fake)
    rows = len(store.audit_rows())
    settings.values["audit_retention_days"] = 0
    Outbox(store, settings).purge(now=_dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(days=30))
    assert len(store.audit_rows()) >= rows
    assert store.verify_audit().ok

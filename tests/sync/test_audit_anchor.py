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
    from shared.sync.anchor import heartbeat, verify_against_server
    from shared.sync.client import SyncClient
    client = SyncClient(enrollment.require(store))
    heartbeat(store, client)
    return verify_against_server(store, client)


def _kinds(problems):
    return {str(m.params.get("kind")) for m in problems if m.code == "audit.server_finding"}


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


def _cut_start(store, rows: int, base_at: str | None = None):
    """Someone with the key drops the oldest rows and moves the base, as the purge would."""
    def cut(conn):
        row = conn.execute("SELECT value FROM meta WHERE key = 'audit_base_seq'").fetchone()
        base = int(row[0]) if row else 0
        new_base = base + rows
        h = conn.execute("SELECT hash FROM audit WHERE seq = ?", (new_base,)).fetchone()[0]
        conn.execute("DELETE FROM audit WHERE seq <= ?", (new_base,))
        for key, value in (("audit_base_seq", str(new_base)), ("audit_base_hash", h), ("audit_base_at", base_at)):
            if value is not None:
                conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                             (key, value))
    store.write(cut)


def test_rows_cut_from_the_start_are_detected(store, settings, srv, fake, enrolled):
    """The head still advances, so a server that only compares heads sees nothing; the
    enrollment's heartbeat dates the later rows, and the purge date the base claims is old."""
    _more_rows(store, fake, 4)
    _pass(store, settings)
    first = store.audit_head()["seq"]
    _cut_start(store, first - 1, base_at="2020-01-01T00:00:00+00:00")  # even with a purge date a year old
    _more_rows(store, fake, 2)
    assert store.verify_audit().ok  # the store alone cannot tell
    assert "cut_at_start" in _kinds(_against_server(store))


def test_a_cut_of_rows_from_before_the_first_report_is_detected(tmp_path, store, settings, srv, fake, enrolled, capsys):
    """Rows the server saw only in the enrollment's heartbeat: it has known them for less than a
    year, so no purge could have dropped them, whatever purge date the store claims."""
    _cut_start(store, 1, base_at="2020-01-01T00:00:00+00:00")
    assert store.verify_audit().ok
    store.close()
    assert main(["--data-dir", str(tmp_path / "data"), "audit", "verify", "--against-server"]) == 1
    assert "开头不足一年的记录被删除" in capsys.readouterr().out


def test_rolled_back_and_grown_again_past_the_old_head_is_detected(tmp_path, store, settings, srv, fake, enrolled):
    _more_rows(store, fake)
    store.close()
    shutil.copytree(tmp_path / "data", tmp_path / "older")
    with Store.open(tmp_path / "data", tmp_path / "config") as s:
        _more_rows(s, fake, 2)
        _pass(s, settings)
        high = s.audit_head()["seq"]
    shutil.rmtree(tmp_path / "data")
    shutil.copytree(tmp_path / "older", tmp_path / "data")
    with Store.open(tmp_path / "data", tmp_path / "config") as s:
        _more_rows(s, fake, 5)  # past the head the server saw: the head alone went up
        assert s.audit_head()["seq"] > high and s.verify_audit().ok
        assert "forked" in _kinds(_against_server(s))


def test_an_honest_chain_with_packets_and_a_purge_has_no_findings(store, outbox, settings, srv, fake, enrolled):
    from shared.store import audit
    for _ in range(3):
        outbox.submit(make_case(store, fake).id)
    drain(fast_service(store, settings, outbox=outbox))  # three packets' heads, then a heartbeat
    _more_rows(store, fake, 2)
    # 400 days later: the server has known the first rows that long, and the purge drops the
    # first row as two years old (re-dated here; it is purged, so its hash need not fit)
    srv.state.db.kv_put("clock_offset", 400 * 86400.0)
    old = (_dt.datetime.now(_dt.timezone.utc) - _dt.timedelta(days=800)).isoformat()
    store.write(lambda conn: conn.execute("UPDATE audit SET at = ? WHERE seq <= 1", (old,)))
    assert store.write(lambda conn: audit.purge_before(conn, _dt.datetime.now(_dt.timezone.utc).isoformat())) == 1
    assert store.verify_audit().ok
    assert _against_server(store) == []


def test_a_packet_head_arriving_during_a_heartbeat_is_no_finding(store, settings, srv, fake, enrolled):
    """The heartbeat proves what the anchor asked; a packet's head that the server got after
    that question is asked about next time, not flagged."""
    import time
    from devserver.app import note_audit_head
    from shared.sync.client import SyncClient
    _more_rows(store, fake, 2)
    client = SyncClient(enrolled)
    asked = client.audit_anchor()["prove"]
    _more_rows(store, fake, 1)
    srv.state.db.tx(lambda c: note_audit_head(c, enrolled.device_id, store.audit_head(), time.time(), current=False))
    _more_rows(store, fake, 1)
    proof = {str(s): store.audit_hash_at(s) for s in asked}
    assert client.audit_heartbeat(store.audit_head(), proof)["findings"] == []
    assert _against_server(store) == []

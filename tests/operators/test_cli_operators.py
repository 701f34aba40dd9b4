"""The CLI runs as a named operator (``--operator`` + password from a file or stdin): reveal
and audit export need their permissions; a signed export verifies, a changed one does not."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from flow_helpers import fill_form
from op_helpers import PASSWORDS, fake_enroll, operator_list

from shared.cli.main import main


def _setup(tmp_path, fake):
    from shared.domain.catalog import default_catalog
    from shared.store import Store
    from shared.workflow.auth import Authenticator, enroll
    from shared.workflow.session import CaseSession
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        enroll(store, operator_list())
        fake_enroll(store)
        officer = Authenticator(store).login("O1", PASSWORDS["O1"]).session
        session = CaseSession.new(store, default_catalog(), "mortgage_first_general", operator=officer)
        fill_form(session, fake)
        return session.case_id, session.snapshot().parties[0]


def _pw(tmp_path, staff_id):
    path = tmp_path / (staff_id + ".pw")
    path.write_text(PASSWORDS[staff_id] + "\n", "utf-8")
    return str(path)


def test_reveal_needs_the_permission_and_is_audited(tmp_path, fake, capsys, monkeypatch):
    case_id, party = _setup(tmp_path, fake)
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "case", "show", case_id]) == 0
    out = capsys.readouterr().out
    assert party.id_number not in out and party.name not in out
    assert main(["--data-dir", data, "case", "show", case_id, "--reveal", "verify_identity"]) == 1
    assert "请先登录" in capsys.readouterr().err
    assert main(["--data-dir", data, "--operator", "O1", "--password-file", _pw(tmp_path, "O1"),
                 "case", "show", case_id, "--reveal", "verify_identity"]) == 1
    assert "没有“查看完整个人信息”的权限" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORDS["SUP1"] + "\n"))
    assert main(["--data-dir", data, "--operator", "SUP1", "case", "show", case_id, "--reveal", "verify_identity"]) == 0
    assert party.id_number in capsys.readouterr().out
    from shared.store import Store
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        rows = [(r[2], r[3], r[5]) for r in store.audit_rows(case_id) if r[3] in ("reveal", "permission_denied")]
    assert ("李强（SUP1）", "reveal", "party={} reason=verify_identity".format(party.party_id)) in rows
    assert ("王芳（O1）", "permission_denied", "command=reveal permission=reveal") in rows


def test_audit_export_is_signed_and_verified(tmp_path, fake, capsys):
    case_id, _ = _setup(tmp_path, fake)
    data, out = str(tmp_path / "data"), tmp_path / "audit.csv"
    assert main(["--data-dir", data, "--operator", "O1", "--password-file", _pw(tmp_path, "O1"),
                 "audit", "export", str(out)]) == 1  # an officer may not export
    assert main(["--data-dir", data, "--operator", "SUP1", "--password-file", _pw(tmp_path, "SUP1"),
                 "audit", "export", str(out), "--case", case_id]) == 0
    text = out.read_text("utf-8")
    assert text.startswith("seq,at,operator,action,case_id,detail,hash") and "王芳（O1）" in text
    assert all(case_id in line for line in text.splitlines()[1:])
    capsys.readouterr()
    assert main(["--data-dir", data, "audit", "verify", "--export", str(out)]) == 0
    out.write_text(text.replace("王芳（O1）", "某人（X）", 1), "utf-8")
    assert main(["--data-dir", data, "audit", "verify", "--export", str(out)]) == 1
    assert "changed after it was signed" in capsys.readouterr().out
    assert Path(str(out) + ".sig").exists()


def test_queue_retry_and_supervisor_clear(tmp_path, fake, capsys):
    from shared.store import Store
    from shared.sync.outbox import Outbox
    case_id, _ = _setup(tmp_path, fake)
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        def fail(pid):
            import hashlib
            from shared.sync.packet import PACKET_SUFFIX
            body, outbox = b"x" * 10, Outbox(store)
            outbox.dir.mkdir(parents=True, exist_ok=True)
            (outbox.dir / (pid + PACKET_SUFFIX)).write_bytes(body)  # an intact file: retried as it is
            store.transaction(lambda tx: tx.outbox.insert(pid, case_id, 1, pid + PACKET_SUFFIX, 10,
                                                          hashlib.sha256(body).hexdigest(), "", "2026-01-01T00:00:00"))
            outbox.note_error(pid, "refused", 0.0, failed=True)
        fail("P-A")
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "queue", "--retry", "P-A"]) == 1  # nobody logged in
    assert main(["--data-dir", data, "--operator", "O1", "--password-file", _pw(tmp_path, "O1"),
                 "queue", "--retry", "P-A"]) == 0
    assert capsys.readouterr().out.strip().endswith("P-A\tqueued")
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        Outbox(store).note_error("P-A", "refused again", 0.0, failed=True)
    assert main(["--data-dir", data, "--operator", "O1", "--password-file", _pw(tmp_path, "O1"),
                 "queue", "--clear", "P-A", "--reason", "证件照错误，重新采集"]) == 1  # an officer may not clear
    assert main(["--data-dir", data, "--operator", "SUP1", "--password-file", _pw(tmp_path, "SUP1"),
                 "queue", "--clear", "P-A", "--reason", "证件照错误，重新采集"]) == 0
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        assert Outbox(store).get("P-A").state == "cleared"
        rows = [(r[2], r[3]) for r in store.audit_rows(case_id)]
    assert ("李强（SUP1）", "packet_cleared") in rows and ("王芳（O1）", "packet_retry") in rows

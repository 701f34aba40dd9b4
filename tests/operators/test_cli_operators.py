"""The CLI runs as a named operator (``--operator`` + password from a file or stdin): reveal
and audit export need their permissions; a signed export verifies, a changed one does not."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest
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


def _manage(tmp_path, **values):
    """The registry's managed ``operators.*`` settings, as a sync pass accepts them."""
    from shared import masterdata
    from shared.store import Store
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        masterdata.accept(tmp_path / "data", "settings", "s1",
                          {"settings": {"operators." + k: v for k, v in values.items()}}, store)


def _age_password(tmp_path, staff_id, days):
    import datetime as dt

    from shared.store import Store
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        rec = store.read(lambda tx: tx.operators.get(staff_id))
        old = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)).isoformat(timespec="seconds")
        store.transaction(lambda tx: tx.operators.set_password(staff_id, rec.password_hash, old))


def test_the_cli_refuses_a_password_expired_under_the_managed_rule(tmp_path, fake, capsys):
    case_id, party = _setup(tmp_path, fake)
    _manage(tmp_path, password_days=30)
    _age_password(tmp_path, "SUP1", 40)  # fine under the machine's 90 days, expired under the registry's 30
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "--operator", "SUP1", "--password-file", _pw(tmp_path, "SUP1"),
                 "case", "show", case_id, "--reveal", "verify_identity"]) == 1
    out, err = capsys.readouterr()
    assert party.id_number not in out
    assert "已过期" in err and "30" in err and "柜台" in err and "修改密码" in err
    assert main(["--lang", "en", "--data-dir", data, "--operator", "SUP1", "--password-file", _pw(tmp_path, "SUP1"),
                 "case", "show", case_id, "--reveal", "verify_identity"]) == 1
    assert "counter" in capsys.readouterr().err
    from shared.store import Store
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        assert [r[5] for r in store.audit_rows() if r[3] == "password_change_required"][-1] == "staff_id=SUP1 reason=expired"


def test_the_cli_locks_an_account_after_the_managed_number_of_failures(tmp_path, fake, capsys):
    case_id, _ = _setup(tmp_path, fake)
    _manage(tmp_path, max_failures=3, lock_minutes=60)
    bad = tmp_path / "bad.pw"
    bad.write_text("wrong-password\n", "utf-8")
    data = str(tmp_path / "data")
    for _ in range(3):
        assert main(["--data-dir", data, "--operator", "O2", "--password-file", str(bad), "case", "show", case_id,
                     "--reveal", "verify_identity"]) == 1
    assert "锁定 60 分钟" in capsys.readouterr().err
    assert main(["--data-dir", data, "--operator", "O2", "--password-file", _pw(tmp_path, "O2"),
                 "case", "show", case_id, "--reveal", "verify_identity"]) == 1  # the right password, too late
    assert "已锁定" in capsys.readouterr().err
    from shared.store import Store
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        assert store.read(lambda tx: tx.operators.get("O2")).failures == 3


def test_every_authenticator_goes_by_the_managed_login_rules(tmp_path, fake):
    """The one way (shared.workflow.logins.authenticator): given no settings it reads the
    effective ones; a context's (counter, kiosk) carries them too, even one made around an open store."""
    _setup(tmp_path, fake)
    _manage(tmp_path, max_failures=3, password_days=30, lock_minutes=45)
    from shared.masterdata import effective_settings
    from shared.store import Store
    from shared.workflow.context import AppContext
    from shared.workflow.logins import authenticator
    assert effective_settings(tmp_path / "data", tmp_path / "config").get("operators.max_failures") == 3
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        counter = AppContext.create(tmp_path / "data", tmp_path / "config")
        counter.attach(store)
        for auth in (authenticator(store, config_dir=tmp_path / "config"), AppContext.for_store(store).auth, counter.auth):
            assert (auth.setting("max_failures"), auth.setting("password_days"), auth.setting("lock_minutes")) == (3, 30, 45)


def _pdf_text(path):
    import subprocess
    if not path.exists() or shutil.which("pdftotext") is None:  # (the Windows Python has no poppler)
        return ""
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


@pytest.mark.parametrize("kind", ["application", "authorization", "interview"])
def test_render_needs_an_operator_with_the_reveal_permission(tmp_path, fake, capsys, kind):
    from shared.store import Store
    case_id, party = _setup(tmp_path, fake)
    if kind == "interview":
        from flow_helpers import interview_everyone

        from shared.domain.catalog import default_catalog
        from shared.workflow.auth import Authenticator
        from shared.workflow.session import CaseSession
        with Store.open(tmp_path / "data", tmp_path / "config") as store:
            officer = Authenticator(store).login("O1", PASSWORDS["O1"]).session
            interview_everyone(CaseSession.open(store, default_catalog(), case_id, operator=officer))
    data, out = str(tmp_path / "data"), tmp_path / (kind + ".pdf")
    render = ["render", kind, "--case", case_id, "--out", str(out), "--place", "窗口1"]
    assert main(["--data-dir", data] + render) == 1  # nobody
    assert "请先登录" in capsys.readouterr().err and not out.exists()
    assert main(["--data-dir", data, "--operator", "O1", "--password-file", _pw(tmp_path, "O1")] + render) == 1
    assert "没有“查看完整个人信息”的权限" in capsys.readouterr().err and not out.exists()
    assert main(["--data-dir", data, "--operator", "SUP1", "--password-file", _pw(tmp_path, "SUP1")] + render) == 0
    assert party.name in _pdf_text(out) or shutil.which("pdftotext") is None
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        rows = [(r[2], r[3], r[5]) for r in store.audit_rows(case_id) if r[3] in ("render_unmasked", "permission_denied")]
    assert ("李强（SUP1）", "render_unmasked", "kind={} file={}.pdf".format(kind, kind)) in rows
    assert ("王芳（O1）", "permission_denied", "command=render_{} permission=reveal".format(kind)) in rows
    assert [r for r in rows if r[1] == "render_unmasked"] == [("李强（SUP1）", "render_unmasked", "kind={} file={}.pdf".format(kind, kind))]


def test_render_unmasked_is_the_one_gate(tmp_path, fake):
    """The core function every render for a person goes through: the reveal permission (the
    account read again), or, for the counter printing the open case for its applicant, the
    permission to handle cases; audited under the operator's name."""
    from shared.documents import render_unmasked
    from shared.domain.catalog import default_catalog
    from shared.domain.operators import Permission, PermissionDenied
    from shared.store import Store
    from shared.workflow.auth import Authenticator, enroll
    case_id, _party = _setup(tmp_path, fake)
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        case = store.get_case(case_id)
        biz = default_catalog().business(case.business_code)
        auth = Authenticator(store)
        with pytest.raises(PermissionDenied) as err:
            render_unmasked(store, None, "application", case, biz)  # nobody logged in at the store
        assert err.value.code == "auth.login_needed"
        officer = auth.login("O1", PASSWORDS["O1"]).session
        with pytest.raises(PermissionDenied):
            render_unmasked(store, None, "application", case, biz)  # the one logged in: no reveal permission
        with pytest.raises(PermissionDenied):
            render_unmasked(store, officer, "authorization", case, biz)
        assert render_unmasked(store, officer, "manifest", cases=[(case, biz)], for_applicant=True,
                               batch={"batch_number": "B1", "deadline": "2026-12-31", "registry": "登记中心",
                                      "handed_by": "王芳", "created_at": "2026-12-01"})[:4] == b"%PDF"
        supervisor = auth.confirm("SUP1", PASSWORDS["SUP1"], Permission.REVEAL)
        assert render_unmasked(store, supervisor, "application", case, biz, target="a.pdf")[:4] == b"%PDF"
        enroll(store, operator_list(version="2", disabled=("SUP1",)))
        with pytest.raises(PermissionDenied) as err:
            render_unmasked(store, supervisor, "authorization", case, biz)
        assert err.value.code == "auth.session_disabled"
        rows = [(r[2], r[3], r[5]) for r in store.audit_rows(case_id) if r[3] == "render_unmasked"]
        assert rows == [("王芳（O1）", "render_unmasked", "kind=manifest"),
                        ("李强（SUP1）", "render_unmasked", "kind=application file=a.pdf")]

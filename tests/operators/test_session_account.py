"""A session is what its account is now: every command reads the account again (the core's
``require``), so an operator disabled, removed or past the account's last day after the login
is refused, and the permissions are those of the roles the account holds now."""

from __future__ import annotations

import datetime as _dt

import pytest
from flow_helpers import AnsweringComparer, complete, fill_form
from op_helpers import operator_list

from shared.domain.operators import Permission, PermissionDenied
from shared.workflow.auth import enroll
from shared.workflow.session import CaseSession


def _session(store, catalog, who):
    return CaseSession.new(store, catalog, "mortgage_first_general", operator=lambda: who,
                           comparer=AnsweringComparer("pass"))


def _denials(store):
    return [(r[2], r[5]) for r in store.audit_rows() if r[3] == "permission_denied"]


def _with_roles(doc: dict, roles: dict[str, list[str]], extra: dict | None = None) -> dict:
    for entry in doc["content"]["operators"]:
        if entry["staff_id"] in roles:
            entry["roles"] = roles[entry["staff_id"]]
    doc["content"]["roles"] = extra or {}
    return doc


def test_an_operator_disabled_after_the_login_is_refused_at_the_next_command(store, catalog, login, fake):
    session = _session(store, catalog, login("O1"))
    fill_form(session, fake)
    written = [r for r in store.audit_rows(session.case_id) if r[3] != "permission_denied"]
    enroll(store, operator_list(version="2", disabled=("O1",)))  # the next sync disables O1
    with pytest.raises(PermissionDenied) as err:
        session.set_value("property.unit_number", "9-9-9")
    assert err.value.code == "auth.session_disabled"
    assert "王芳（O1）" in err.value.msg.render("zh") and "停用" in err.value.msg.render("zh")
    assert "disabled" in err.value.msg.render("en").lower()
    assert store.get_case(session.case_id).get("property.unit_number") != "9-9-9"  # nothing written
    assert [r for r in store.audit_rows(session.case_id) if r[3] != "permission_denied"] == written
    assert ("王芳（O1）", "command=update permission=edit_cases reason=disabled") in _denials(store)


def test_a_disabled_operator_cannot_submit_through_the_outbox(store, catalog, login, fake, settings):
    from op_helpers import fake_enroll

    from shared.sync.outbox import Outbox
    fake_enroll(store)
    officer = login("O1")
    session = _session(store, catalog, officer)
    complete(session, fake)
    enroll(store, operator_list(version="2", disabled=("O1",)))
    with pytest.raises(PermissionDenied) as err:
        Outbox(store, settings, catalog=catalog).submit(session.case_id, actor=officer)
    assert err.value.code == "auth.session_disabled"
    assert store.get_case(session.case_id).state.value == "draft"


def test_an_operator_no_longer_listed_or_removed_is_refused(store, catalog, login, fake):
    officer = login("O1")
    session = _session(store, catalog, officer)
    fill_form(session, fake)
    doc = operator_list(version="2")
    doc["content"]["operators"] = [e for e in doc["content"]["operators"] if e["staff_id"] != "O1"]
    enroll(store, doc)  # not on the list any more: disabled
    with pytest.raises(PermissionDenied) as err:
        session.set_value("property.unit_number", "1-1-1")
    assert err.value.code == "auth.session_disabled"
    store.write(lambda conn: conn.execute("DELETE FROM operators WHERE staff_id = 'O1'"))  # gone altogether
    with pytest.raises(PermissionDenied) as err:
        session.set_value("property.unit_number", "1-1-1")
    assert err.value.code == "auth.session_gone" and "王芳（O1）" in err.value.msg.render("zh")
    assert err.value.msg.render("en") != err.value.msg.render("zh")  # translated


def test_an_account_past_its_last_day_is_refused_mid_session(store, catalog, login, fake):
    session = _session(store, catalog, login("O1"))
    fill_form(session, fake)
    yesterday = (_dt.date.today() - _dt.timedelta(days=1)).isoformat()
    enroll(store, operator_list(version="2", valid_until={"O1": yesterday}))
    with pytest.raises(PermissionDenied) as err:
        session.set_value("property.unit_number", "2-2-2")
    assert err.value.code == "auth.session_expired" and yesterday in err.value.msg.render("zh")
    assert ("王芳（O1）", "command=update permission=edit_cases reason=expired_account") in _denials(store)


def test_the_permissions_are_those_of_the_roles_held_now(store, catalog, login, fake):
    officer = _session(store, catalog, login("O1"))
    fill_form(officer, fake)
    party = officer.snapshot().parties[0]
    supervisor = login("SUP1")
    sup = CaseSession.open(store, catalog, officer.case_id, operator=supervisor)
    assert sup.reveal(party.party_id, "verify_identity")["id_number"] == party.id_number
    enroll(store, _with_roles(operator_list(version="2"), {"SUP1": ["officer"]}))  # demoted
    with pytest.raises(PermissionDenied) as err:
        sup.reveal(party.party_id, "verify_identity")
    assert err.value.code == "auth.denied" and "查看完整个人信息" in err.value.msg.render("zh")
    assert ("李强（SUP1）", "command=reveal permission=reveal") in _denials(store)
    # a role the operator list defines, given after the login, counts at once
    enroll(store, _with_roles(operator_list(version="3"), {"O1": ["officer", "checker"]}, {"checker": ["reveal"]}))
    assert officer.reveal(party.party_id, "verify_identity")["id_number"] == party.id_number


def test_a_device_principal_keeps_its_role_without_an_account(store, catalog, auth, fake):
    from shared.domain.operators import OperatorSession, permissions_of
    from shared.store.operators import require
    kiosk = OperatorSession("kiosk:K1", "自助终端", ("self_service",), permissions_of(("self_service",)), device=True)
    require(store, kiosk, Permission.EDIT_CASES, "update")
    with pytest.raises(PermissionDenied):
        require(store, kiosk, Permission.REVEAL, "reveal")
    forged = OperatorSession("X9", "某人", ("supervisor",), permissions_of(("supervisor",)))  # no account behind it
    with pytest.raises(PermissionDenied) as err:
        require(store, forged, Permission.EDIT_CASES, "update")
    assert err.value.code == "auth.session_gone"

"""Permissions are enforced in the core: a workflow command the operator's roles do not allow
is refused with a clear message and an audit row, whatever a screen shows."""

from __future__ import annotations

import pytest
from flow_helpers import AnsweringComparer, complete, fill_form

from shared.domain.operators import Permission, PermissionDenied, permissions_of
from shared.errors import ValidationError
from shared.workflow.session import CaseSession


def _session(store, catalog, who, business="mortgage_first_general", comparer="pass"):
    return CaseSession.new(store, catalog, business, operator=lambda: who,
                           comparer=AnsweringComparer(comparer) if comparer else None)


def _denials(store):
    return [(r[2], r[5]) for r in store.audit_rows() if r[3] == "permission_denied"]


def test_roles_hold_their_permissions():
    assert Permission.REVEAL not in permissions_of(["officer"])
    assert Permission.APPROVE in permissions_of(["supervisor"])
    assert Permission.EDIT_CASES not in permissions_of(["admin"])
    assert Permission.REVEAL in permissions_of(["officer"], {"teller_plus": ["reveal"]}) | permissions_of(
        ["teller_plus"], {"teller_plus": ["reveal"]})


def test_an_admin_cannot_edit_a_case(store, catalog, login, fake):
    session = _session(store, catalog, login("ADM"))
    with pytest.raises(PermissionDenied) as err:
        fill_form(session, fake)
    assert "新建和编辑案件" in err.value.msg.render("zh") and "陈明（ADM）" in err.value.msg.render("zh")
    assert not store.has_case(session.case_id)  # nothing was written
    assert _denials(store) == [("陈明（ADM）", "command=update permission=edit_cases")]


def test_nobody_logged_in_is_refused_once_operators_are_enrolled(store, catalog, auth, fake):
    session = CaseSession.new(store, catalog, "mortgage_first_general", operator=auth.actor)
    with pytest.raises(PermissionDenied) as err:
        fill_form(session, fake)
    assert err.value.code == "auth.login_needed"
    plain = CaseSession.new(store, catalog, "mortgage_first_general", operator="root")
    with pytest.raises(PermissionDenied):
        plain.set_value("property.unit_number", "x")


def test_an_officer_cannot_reveal_a_supervisor_can_with_a_reason(store, catalog, login, fake):
    officer = _session(store, catalog, login("O1"))
    fill_form(officer, fake)
    party = officer.snapshot().parties[0]
    with pytest.raises(PermissionDenied):
        officer.reveal(party.party_id, "verify_identity")
    assert ("王芳（O1）", "command=reveal permission=reveal") in _denials(store)
    sup = CaseSession.open(store, catalog, officer.case_id, operator=login("SUP1"))
    with pytest.raises(ValidationError):
        sup.reveal(party.party_id, "curiosity")  # not a reason from the list
    clear = sup.reveal(party.party_id, "verify_identity")
    assert clear["id_number"] == party.id_number
    rows = [(r[2], r[3], r[5]) for r in store.audit_rows(officer.case_id) if r[3] == "reveal"]
    assert rows == [("李强（SUP1）", "reveal", "party={} reason=verify_identity".format(party.party_id))]


def test_commands_are_audited_under_the_operator(store, catalog, login, fake):
    session = _session(store, catalog, login("O1"))
    fill_form(session, fake)
    ops = {r[2] for r in store.audit_rows(session.case_id)}
    assert ops == {"王芳（O1）"}
    assert session.snapshot().operator == "王芳（O1）"


def test_decide_face_needs_the_permission(store, catalog, login, fake, monkeypatch):
    import shared.domain.operators as ops
    monkeypatch.setitem(ops.ROLES, "officer", ops.ROLES["officer"] - {Permission.DECIDE_FACE})
    session = _session(store, catalog, login("O1"), comparer=None)
    complete(session, fake)
    party = next(p for p in session.snapshot().parties if p.role == "mortgagor")
    with pytest.raises(PermissionDenied):
        session.decide_face(party.party_id, True, "证件照与本人相符")
    assert ("王芳（O1）", "command=decide_face permission=decide_face") in _denials(store)


def test_outbox_submit_and_delete_need_their_permissions(store, catalog, login, fake):
    from shared.sync.outbox import Outbox
    session = _session(store, catalog, login("O1"))
    fill_form(session, fake)
    with pytest.raises(PermissionDenied):
        Outbox(store, catalog=catalog).submit(session.case_id, actor=login("ADM"))
    with pytest.raises(PermissionDenied):
        Outbox(store, catalog=catalog).submit(session.case_id)  # nobody
    admin_view = CaseSession.open(store, catalog, session.case_id, operator=login("ADM"))
    with pytest.raises(PermissionDenied):
        admin_view.delete_draft()
    assert store.has_case(session.case_id)


def test_the_interview_record_names_the_officer_who_asked(store, catalog, login, fake):
    from flow_helpers import answer_all

    from shared.workflow.session import WorkflowError
    officer = login("O1")
    session = _session(store, catalog, officer)
    fill_form(session, fake)
    step = next(s for s in session.steps() if s.kind == "interview")
    answer_all(session, step.party_id)
    record = session.snapshot().interview[step.party_id]
    assert record["interviewer"] == "王芳（O1）" and session.step(step.key).done  # the signature covers it
    forged = dict(record, interviewer="某人（X9）")
    with pytest.raises(WorkflowError) as err:
        session.record_interview(step.party_id, forged)
    assert err.value.code == "workflow.interviewer"


def test_handing_over_originals_needs_the_permission(store, catalog, auth, fake):
    from op_helpers import PASSWORDS

    from shared.store import originals
    auth.login("O1", PASSWORDS["O1"])
    session = CaseSession.new(store, catalog, "mortgage_first_general", operator=auth.actor)
    fill_form(session, fake)
    auth.logout()
    auth.login("ADM", PASSWORDS["ADM"])  # the logged-in operator of the store is asked
    with pytest.raises(PermissionDenied):
        originals.create_batch(store, [session.case_id])
    assert ("陈明（ADM）", "command=originals_batch_create permission=hand_over") in _denials(store)
    auth.logout()
    auth.login("O1", PASSWORDS["O1"])
    batch = originals.create_batch(store, [session.case_id])
    delivered = originals.mark_delivered(store, batch.id, receiver="登记中心")
    assert delivered.delivered_by == "王芳（O1）"


def test_a_cleared_packet_returns_its_case_as_the_next_revision(store, catalog, login, fake, tmp_path):
    from shared.domain.states import CaseState
    from shared.errors import SyncError
    from shared.sync.outbox import Outbox
    session = _session(store, catalog, login("O1"))
    fill_form(session, fake)
    case = session.snapshot()
    case.state = CaseState.SUBMITTED
    store.save_case(case)
    outbox = Outbox(store, catalog=catalog)
    store.transaction(lambda tx: tx.outbox.insert(case.packet_id, case.id, 1, "", 10, "0" * 64, "", "2026-01-01"))
    with pytest.raises(SyncError):
        outbox.retry(case.packet_id, actor=login("O1"))  # only a failed packet
    outbox.note_error(case.packet_id, "refused", 0.0, failed=True)
    with pytest.raises(ValidationError):
        outbox.clear(case.packet_id, "  ", actor=login("SUP1"))
    outbox.clear(case.packet_id, "材料有误", actor=login("SUP1"))
    got = store.get_case(case.id)
    assert got.state == CaseState.DRAFT and got.revision == 2
    with pytest.raises(SyncError):  # the transition table: a cleared packet stays cleared
        outbox.set_state(case.packet_id, "queued")

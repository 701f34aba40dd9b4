"""Supervisor approval (复核): a manual face decision or a policy requires it; the case waits,
unchangeable, until a different supervisor approves it or returns it with remarks."""

from __future__ import annotations

import pytest
from flow_helpers import AnsweringComparer, complete

from shared.domain.operators import PermissionDenied
from shared.domain.states import CaseState
from shared.domain import steps as st
from shared.domain.steps import StepStatus
from shared.errors import ValidationError
from shared.workflow.session import CaseSession, WorkflowError


def _manual_case(store, catalog, fake, officer):
    session = CaseSession.new(store, catalog, "mortgage_first_general", operator=lambda: officer, comparer=None)
    complete(session, fake)
    for step in [s for s in session.steps() if s.kind in ("identity", "recheck") and not s.done]:
        session.decide_face(step.party_id, True, "证件照与本人相符", check_no=1 if step.kind == "identity" else 2)
    return session


def test_a_manual_decision_needs_a_different_supervisor(store, catalog, login, fake):
    officer, sup1, sup2 = login("O1"), login("SUP1"), login("SUP2")
    session = _manual_case(store, catalog, fake, officer)
    assert session.step("approval").status == StepStatus.BLOCKED
    assert list(session.blockers()) == ["approval"]
    session.request_approval()
    assert session.snapshot().state == CaseState.AWAITING_APPROVAL
    with pytest.raises(WorkflowError) as err:  # nothing changes while a supervisor reviews it
        session.set_value("property.unit_number", "350102001001GB00001F00010001")
    assert err.value.code == "workflow.awaiting_approval"
    with pytest.raises(PermissionDenied):  # an officer cannot approve
        session.approve("approved", "ok", approver=login("O2"))
    with pytest.raises(ValidationError):
        session.approve("approved", "  ", approver=sup1)
    session.approve("returned", "请补拍身份证背面", approver=sup1)
    assert session.snapshot().state == CaseState.DRAFT
    session.request_approval()
    item = session.approve("approved", "人工核对理由充分", approver=sup2)
    assert item["approver"] == {"staff_id": "SUP2", "name": "孙丽"}
    assert item["requested_by"] == {"staff_id": "O1", "name": "王芳"}
    assert session.snapshot().state == CaseState.READY and session.step("approval").done
    rows = [(r[2], r[3]) for r in store.audit_rows(session.case_id) if r[3].startswith("approval")]
    assert ("孙丽（SUP2）", "approval") in rows and ("王芳（O1）", "approval_requested") in rows


def test_a_supervisor_cannot_approve_their_own_case(store, catalog, login, fake):
    sup1 = login("SUP1")
    session = _manual_case(store, catalog, fake, sup1)
    session.request_approval()
    with pytest.raises(WorkflowError) as err:
        session.approve("approved", "自己看过了", approver=sup1)
    assert err.value.code == "workflow.self_approval"
    assert session.snapshot().state == CaseState.AWAITING_APPROVAL
    assert "approval_refused" in [r[3] for r in store.audit_rows(session.case_id)]


def test_an_edit_after_approval_withdraws_it(store, catalog, login, fake):
    session = _manual_case(store, catalog, fake, login("O1"))
    session.request_approval()
    session.approve("approved", "可以", approver=login("SUP1"))
    case = session.snapshot()
    session.edit(dict(case.data, **{"mortgage.remark": "改了"}))
    assert session.step("approval").status == StepStatus.BLOCKED
    assert "approval_withdrawn" in [r[3] for r in store.audit_rows(session.case_id)]


def test_a_policy_asks_for_approval_and_no_approval_is_refused_without_one(store, catalog, login, fake):
    officer = login("O1")
    plain = CaseSession.new(store, catalog, "mortgage_first_general", operator=lambda: officer,
                            comparer=AnsweringComparer("pass"))
    complete(plain, fake)
    assert not plain.step("approval").required
    with pytest.raises(WorkflowError) as err:
        plain.request_approval()
    assert err.value.code == "workflow.no_approval_needed"
    ruled = CaseSession.open(store, catalog, plain.case_id, operator=lambda: officer,
                             approval=lambda case, biz: biz.code == "mortgage_first_general")
    assert ruled.step("approval").status == StepStatus.BLOCKED


def test_whoever_passed_a_face_by_hand_cannot_approve_it_and_the_approver_does_not_submit(store, catalog, login, fake):
    from shared.sync.outbox import Outbox
    officer, sup1, sup2 = login("O1"), login("SUP1"), login("SUP2")
    acting = [officer]
    session = CaseSession.new(store, catalog, "mortgage_first_general", operator=lambda: acting[0], comparer=None)
    complete(session, fake)
    acting[0] = sup1  # the supervisor at the officer's side decides the referred checks
    for step in [s for s in session.steps() if s.kind in ("identity", "recheck") and not s.done]:
        session.decide_face(step.party_id, True, "证件照与本人相符", check_no=1 if step.kind == "identity" else 2)
    acting[0] = officer
    session.request_approval()
    with pytest.raises(WorkflowError) as err:
        session.approve("approved", "我核对过", approver=sup1)
    assert err.value.code == "workflow.self_approval"
    # an approval by the decider that reached the store some other way counts for nothing
    stored = store.get_case(session.case_id)
    stored.approvals.append({"decision": "approved", "reason": "ok", "approver": sup1.as_dict(),
                             "requested_by": officer.as_dict(), "revision": stored.revision, "at": "2026-12-04T10:00:00+00:00"})
    stored.state = CaseState.READY
    store.save_case(stored)
    assert not st.approved(store.get_case(session.case_id))
    stored.approvals.pop()
    stored.state = CaseState.AWAITING_APPROVAL
    store.save_case(stored)
    session.reload()
    session.approve("approved", "人工核对理由充分", approver=sup2)
    with pytest.raises(ValidationError) as err:
        Outbox(store).submit(session.case_id, sup2)
    assert "复核人不能提交" in err.value.msg.render()
    assert store.get_case(session.case_id).state == CaseState.READY

"""Rules of a case that hold on every path, whoever calls: a record made for one person never
counts for another, a confirmed interview names who asked, the approval policy and the
business's channels are read by the core itself, and what was submitted is not made again."""

from __future__ import annotations

import dataclasses

import pytest
from flow_helpers import complete, signature_over

from shared.domain import steps as st
from shared.domain.interview import InterviewSession, template_for_business
from shared.domain.states import CaseState
from shared.errors import DocumentError, ValidationError
from shared.store.operators import POLICY_KEY
from shared.sync.outbox import Outbox
from shared.workflow.session import CaseSession, WorkflowError


def _swap(session, fake, role="mortgagor") -> str:
    """Put another person in ``role``'s place by a form save (name, number and address)."""
    case = session.snapshot()
    other = fake.person()
    parties = [dataclasses.replace(p, name=other.name, id_number=other.id_number, address=other.address)
               if p.role == role else p for p in case.parties]
    session.edit(parties=parties)
    return next(p.party_id for p in parties if p.role == role)


def test_a_person_put_in_after_the_card_and_interview_is_not_checked_nor_interviewed(new_session, fake):
    session = new_session("mortgage_first_general")
    complete(session, fake)
    assert not session.blockers()
    pid = _swap(session, fake)
    identity, interview = session.step("identity:" + pid), session.step("interview:" + pid)
    assert identity.status == st.StepStatus.BLOCKED and "与所读身份证不符" in identity.blockers[0].render()
    assert interview.status == st.StepStatus.BLOCKED  # the record was confirmed by the one before
    assert {"identity:" + pid, "interview:" + pid} <= set(session.blockers())


def test_the_same_person_with_a_new_address_keeps_the_checks(new_session, fake):
    session = new_session("mortgage_first_general")
    complete(session, fake)
    case = session.snapshot()
    session.edit(parties=[dataclasses.replace(p, address="福州市鼓楼区新地址1号") if p.role == "mortgagor" else p
                          for p in case.parties])
    assert not session.blockers()


def test_a_confirmed_record_naming_no_interviewer_is_refused_and_never_counts(new_session, fake, store):
    session = new_session("mortgage_first_general")
    complete(session, fake)
    case = session.snapshot()
    pid = next(p.party_id for p in case.parties if p.role == "mortgagor")
    party = next(p for p in case.parties if p.party_id == pid)
    screen = InterviewSession(template_for_business(session.business), case, party)
    while screen.current is not None:
        q = screen.current
        assert screen.answer(case.interview[pid]["answers"][len(screen.history)]["answer"]) is None, q.id
    screen.confirm()
    record = screen.record()
    assert "interviewer" not in record
    with pytest.raises(WorkflowError) as err:
        session.record_interview(pid, record)
    assert err.value.code == "workflow.interviewer"
    # a record without one that reached the store some other way is not done either
    stored = store.get_case(session.case_id)
    stored.interview[pid] = {k: v for k, v in stored.interview[pid].items() if k != "interviewer"}
    stored.signatures[pid] = signature_over(stored.interview[pid], pid)
    store.save_case(stored)
    session.reload()
    assert "interview:" + pid in session.blockers()


def test_the_approval_policy_in_the_store_holds_for_an_outbox_made_without_it(new_session, fake, store, catalog):
    session = new_session("mortgage_first_general")
    complete(session, fake)
    store.write(lambda conn: conn.execute("INSERT INTO sync_state(key, value) VALUES (?, ?)",
                                          (POLICY_KEY, '{"businesses": ["mortgage_first_general"]}')))
    assert "approval" in CaseSession.open(store, catalog, session.case_id, operator="officer-1").blockers()
    with pytest.raises(ValidationError) as err:
        Outbox(store).submit(session.case_id, "officer-1")  # what `yizhan case submit` builds
    assert "approval" in err.value.errors
    assert store.get_case(session.case_id).state != CaseState.SUBMITTED


def test_the_approval_policy_names_a_bank_by_its_credit_code(new_session, fake, store, catalog):
    session = new_session("mortgage_first_general")
    complete(session, fake)
    bank = next(p for p in session.snapshot().parties if p.role == "mortgagee")
    store.write(lambda conn: conn.execute("INSERT INTO sync_state(key, value) VALUES (?, ?)",
                                          (POLICY_KEY, '{"banks": ["%s"]}' % bank.id_number.lower())))
    assert CaseSession.open(store, catalog, session.case_id, operator="officer-1").step("approval").required
    with pytest.raises(ValidationError) as err:
        Outbox(store).submit(session.case_id, "officer-1")
    assert "approval" in err.value.errors


def test_a_case_on_a_channel_its_business_is_not_offered_on_is_checked_as_at_the_counter(new_session, fake, store,
                                                                                          catalog):
    with pytest.raises(WorkflowError) as err:
        new_session("mortgage_first_general", channel="kiosk")
    assert err.value.code == "workflow.channel"
    session = new_session("mortgage_first_general", comparer=None)  # every face check referred to a person
    complete(session, fake)
    for step in [s for s in session.steps() if s.kind in ("identity", "recheck") and not s.done]:
        session.decide_face(step.party_id, True, "证件照与本人相符", check_no=1 if step.kind == "identity" else 2)
    stored = store.get_case(session.case_id)
    stored.channel = "kiosk"  # a case claiming the kiosk, whose rules have no person to decide
    store.save_case(stored)
    assert st.effective_rules(session.business, "kiosk") is st.RULES["counter"]
    with pytest.raises(ValidationError) as err:
        Outbox(store).submit(session.case_id, "officer-1")
    assert "approval" in err.value.errors


def test_the_kiosk_channel_waits_for_an_approval_the_policy_asks_for(store, catalog, fake):
    from flow_helpers import AnsweringComparer
    session = CaseSession.new(store, catalog, "kiosk_change_name", channel="kiosk", operator="kiosk-1",
                              comparer=AnsweringComparer("pass"),
                              approval=lambda case, biz: biz.code == "kiosk_change_name")
    assert session.step("approval").required and session.step("approval").status == st.StepStatus.BLOCKED


def test_documents_of_a_submitted_case_are_not_made_again(new_session, fake, store):
    from shared.documents import case_documents
    session = new_session("mortgage_first_general")
    complete(session, fake)
    stored = store.get_case(session.case_id)
    stored.state = CaseState.SUBMITTED
    store.save_case(stored)
    before = sorted(b.id for b in store.blobs.list(session.case_id, "document"))
    with pytest.raises(DocumentError) as err:
        case_documents.generate(store, session.snapshot(), session.business, "福州")
    assert err.value.code == "documents.not_editable"
    assert sorted(b.id for b in store.blobs.list(session.case_id, "document")) == before
    assert store.get_case(session.case_id).state == CaseState.SUBMITTED

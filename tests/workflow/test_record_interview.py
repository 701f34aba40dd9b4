"""record_interview: a whole record answered on a screen, checked by replaying it."""

from __future__ import annotations

import pytest

from flow_helpers import fill_form, signature_over
from shared.domain.interview import InterviewSession, stopping_answer, template_for_business
from shared.workflow.session import WorkflowError


def screen_record(session, party_id, stop: bool = False, confirm: bool = True) -> dict:
    """What the interview screen builds: its own InterviewSession over a snapshot."""
    case = session.snapshot()
    party = next(p for p in case.parties if p.party_id == party_id)
    interview = InterviewSession(template_for_business(session.business), case, party)
    while interview.current is not None:
        q = interview.current
        options = {"yes_no": [True, False], "choice": list(q.choices)}.get(q.type, ["无"])
        if q.type == "share":
            options = ["100%"]
        wanted = [v for v in options if (stopping_answer(q, v, case) is not None) == stop]
        value = wanted[0] if wanted else options[0]
        assert interview.answer(value) is None
    if confirm and interview.completed:
        interview.interviewer = session.operator  # what the screen puts under the signature
        interview.confirm()
    return interview.record()


def test_a_completed_record_is_kept_and_can_be_signed(new_session, fake):
    session = new_session("mortgage_first_general")
    parties = fill_form(session, fake)
    pid = next(p for p in parties.values() if p.role == "mortgagor").party_id
    record = screen_record(session, pid)
    stored = session.record_interview(pid, record)
    assert stored == record and session.snapshot().interview[pid] == record
    session.sign(pid, signature_over(record, pid))
    assert session.step("interview:" + pid).done


def test_a_stopped_record_is_kept_and_blocks(new_session, fake):
    session = new_session("mortgage_first_general")
    parties = fill_form(session, fake)
    pid = next(p for p in parties.values() if p.role == "mortgagor").party_id
    record = screen_record(session, pid, stop=True)
    assert record["status"] == "stopped"
    session.record_interview(pid, record)
    step = session.step("interview:" + pid)
    assert not step.done and "不能继续办理" in step.blockers[0].render()


def test_forged_or_outdated_records_are_refused(new_session, fake):
    session = new_session("mortgage_first_general")
    parties = fill_form(session, fake)
    pid = next(p for p in parties.values() if p.role == "mortgagor").party_id
    record = screen_record(session, pid)
    forged = dict(record, status="completed", answers=record["answers"][:-1])  # a question skipped
    with pytest.raises(WorkflowError):
        session.record_interview(pid, forged)
    unconfirmed_claim = dict(screen_record(session, pid, stop=True), confirmed_at=record["confirmed_at"])
    with pytest.raises(WorkflowError):
        session.record_interview(pid, unconfirmed_claim)
    with pytest.raises(WorkflowError):  # someone else's record
        session.record_interview(pid, dict(record, party_id="other"))
    assert pid not in session.snapshot().interview
    # signed, then the record is replaced by a different one: the signature is dropped
    session.record_interview(pid, record)
    session.sign(pid, signature_over(record, pid))
    again = screen_record(session, pid, confirm=False)
    session.record_interview(pid, again)
    assert pid not in session.snapshot().signatures

"""Interviews inside workflow commands: resume a party's session from its stored record.

Each answer is stored as it is given, so an interview survives a restart, a lock or a change of
page; :func:`resume` replays the stored answers on the case as it is now (an answer the case
no longer accepts ends the replay there: the interview continues from that question).
"""

from __future__ import annotations

from typing import Any

from shared.domain.case import Case, Party
from shared.domain.interview import InterviewSession, template_for_business
from shared.i18n import Msg


def resume(business, case: Case, party: Party) -> InterviewSession:
    """The party's interview session with its stored answers replayed."""
    template = template_for_business(business)
    if template is None:
        from shared.workflow.session import WorkflowError
        raise WorkflowError(Msg("workflow.no_interview", "该业务无需询问笔录"))
    session = InterviewSession(template, case, party)
    record = case.interview.get(party.party_id) or {}
    if record.get("template") == template.name and str(record.get("version")) == template.version:
        for item in record.get("answers", []):
            current = session.current
            if current is None or current.id != item.get("id") or session.answer(item.get("answer")) is not None:
                break
        session.started_at = record.get("started_at") or session.started_at
        if session.completed and record.get("confirmed_at") and len(session.history) == len(record.get("answers", [])):
            session.confirmed_at = record["confirmed_at"]
            session.interviewer = record.get("interviewer")
            session.holder = record.get("holder") if isinstance(record.get("holder"), dict) else None
            session.finished_at = record.get("finished_at") or session.finished_at
    return session


def answer(session: InterviewSession, value: Any) -> Msg | None:
    """Answer the current question (the problem with the answer, or None)."""
    return session.answer(value)

"""Where each party of a case stands in its formatted interview (Qt-free, both front ends).

A party's state comes from the case alone: its record in ``case.interview[party_id]`` and its
signature in ``case.signatures[party_id]``. A record is replayed against the case as it is now
(:func:`record_matches_case`), so a form edit that changes a question (an amount, a date) or
the questions asked marks the interview outdated; a signature must still be bound to the exact
record (:func:`~shared.domain.signature.verify_binding`).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import Any

from shared.domain.case import Case, Party
from shared.domain.interview import InterviewSession, InterviewTemplate, parties_to_interview
from shared.domain.signature import verify_binding
from shared.i18n import N_, Msg, render_record, translate

PENDING, STOPPED, OUTDATED, UNSIGNED, DONE = "pending", "stopped", "outdated", "unsigned", "done"
ANSWERING = "answering"  # a record saved part-way (each answer is kept as it is given)
STATUS_TEXT = {
    PENDING: N_("未开始"),
    ANSWERING: N_("询问进行中"),
    STOPPED: N_("询问终止"),
    OUTDATED: N_("申请信息已修改，需重新询问"),
    UNSIGNED: N_("已答完，待签名"),
    DONE: N_("已完成并签名"),
}


@dataclass(frozen=True)
class PartyProgress:
    """One party's interview state; ``reason`` is the stop reason when stopped."""

    party: Party
    status: str
    reason: str = ""

    @property
    def text(self) -> str:
        """The status in words (translated)."""
        return translate(STATUS_TEXT[self.status])


_REPLAYS: "OrderedDict[str, bool]" = OrderedDict()   # replay key -> result (bounded, see below)
_REPLAYS_MAX = 256
_replays_lock = threading.Lock()


def _replay_key(template: InterviewTemplate, case: Case, party: Party, record: dict[str, Any]) -> str | None:
    """A digest of everything a replay reads: the template, the case's fields and parties (roles,
    kinds: which questions apply; fields: conditions and question texts), the party and the
    record. ``None`` when something is not JSON (then there is no memo)."""
    try:
        blob = json.dumps([template.name, template.version, case.business_code, case.data,
                           [asdict(p) for p in case.parties], asdict(party), record],
                          sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def record_matches_case(template: InterviewTemplate, case: Case, party: Party, record: dict[str, Any]) -> bool:
    """Whether replaying ``record``'s answers on the case now gives the same questions and end.

    A replay walks every answer through the template's conditions (thousands of evaluations
    for a full record) and a case's steps are worked out several times when it is shown, so
    results are remembered by a digest of their inputs (:func:`_replay_key`)."""
    if record.get("template") != template.name or str(record.get("version")) != template.version:
        return False
    key = _replay_key(template, case, party, record)
    if key is not None:
        with _replays_lock:
            if key in _REPLAYS:
                _REPLAYS.move_to_end(key)
                return _REPLAYS[key]
    result = _replay(template, case, party, record)
    if key is not None:
        with _replays_lock:
            _REPLAYS[key] = result
            while len(_REPLAYS) > _REPLAYS_MAX:
                _REPLAYS.popitem(last=False)
    return result


def _replay(template: InterviewTemplate, case: Case, party: Party, record: dict[str, Any]) -> bool:
    session = InterviewSession(template, case, party)
    for item in record.get("answers", []):
        q = session.current
        if q is None or q.id != item.get("id") or q.text_for(case) != item.get("question"):
            return False
        if session.answer(item.get("answer")) is not None:
            return False
    if record.get("status") == "stopped":
        return session.stopped
    return session.completed


def confirmed_by(record: dict[str, Any], party: Party) -> bool:
    """Whether a confirmed record names who asked (询问人) and was confirmed by ``party`` as the
    case has it now (a record not yet confirmed: nothing to check)."""
    if not record.get("confirmed_at"):
        return True
    from shared.domain.identity import holder_matches
    return bool(str(record.get("interviewer") or "").strip()) and holder_matches(record.get("holder"), party)


def party_progress(template: InterviewTemplate, case: Case, party: Party) -> PartyProgress:
    """The interview state of ``party`` in ``case``."""
    record = case.interview.get(party.party_id)
    if not record:
        return PartyProgress(party, PENDING)
    if record.get("status") == "in_progress":
        return PartyProgress(party, ANSWERING)
    if not record_matches_case(template, case, party, record) or not confirmed_by(record, party):
        return PartyProgress(party, OUTDATED)
    if record.get("status") == "stopped":
        return PartyProgress(party, STOPPED, render_record(record.get("stop_reason_msg")
                                                            or record.get("stop_reason") or ""))
    signature = case.signatures.get(party.party_id)
    if not signature or not verify_binding(signature, record):
        return PartyProgress(party, UNSIGNED)
    return PartyProgress(party, DONE)


def case_progress(template: InterviewTemplate | None, case: Case) -> list[PartyProgress]:
    """The state of every party the template interviews (none without a template)."""
    if template is None:
        return []
    return [party_progress(template, case, p) for p in parties_to_interview(template, case)]


def blocking_problem(progress: list[PartyProgress]) -> Msg | None:
    """Why the case cannot go on to its documents (``None``: every interview done and signed)."""
    for item in progress:
        if item.status == STOPPED:
            return Msg("interview.case_stopped", "询问终止，本案不能继续办理：{reason}", {"reason": item.reason})
    waiting = sum(1 for item in progress if item.status != DONE)
    if waiting:
        return Msg("interview.not_done", "还有{n}位当事人未完成询问笔录或签名", {"n": waiting})
    return None


def authorization_content(case: Case, party_id: str) -> dict[str, Any]:
    """What a principal's signature on the authorization letter is bound to."""
    from shared.domain.authorization import letter_content
    return letter_content(case, party_id)

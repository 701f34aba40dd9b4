"""InterviewSession: one party's flow with next/back, progress, stop and the record."""

from __future__ import annotations

from shared.domain.case import Case, Party
from shared.domain.interview import InterviewSession, load_template
from shared.domain.signature import canonical_json, content_sha256


def _session(role="mortgagor", kind="person"):
    case = Case("mortgage_first_general")
    for k, v in {"mortgage.amount": "800000", "mortgage.debt_from": "2026-01-01", "mortgage.debt_to": "2036-01-01",
                 "property.location": "福州市鼓楼区五一路1号", "property.certificate_number": "闽(2020)福州市不动产权第0000001号",
                 "mortgage.guarantee_scope": "主债权及利息", "mortgage.leased": False}.items():
        case.set(k, v)
    party = Party(role, kind=kind)
    case.parties.append(party)
    return InterviewSession(load_template("mortgage_first"), case, party)


ANSWERS = {"dispute_or_seized": False, "other_mortgage": False, "ownership": "单独所有", "leased": False,
           "other_statement": ""}


def _answer_all(s):
    while s.current is not None:
        assert s.answer(ANSWERS.get(s.current.id, True)) is None


def test_full_flow_completes_with_a_record():
    s = _session()
    assert s.side == "obligor" and s.progress[0] == 0
    _answer_all(s)
    assert s.completed and not s.confirmed and s.progress[0] == s.progress[1]
    s.confirm()
    record = s.record()
    assert record["status"] == "completed" and record["template"] == "mortgage_first" and record["version"]
    assert record["party_id"] == s.party.party_id and record["confirmed_at"] and record["finished_at"]
    assert [a["id"] for a in record["answers"]][:2] == ["true_intention", "signed_voluntarily"]
    amount = next(a for a in record["answers"] if a["id"] == "confirm_amount")
    assert "800,000.00 元" in amount["question"] and amount["answer_text"] == "是"
    assert "真实性承诺" in record["commitment"] and record["closing"]
    assert canonical_json(record) == canonical_json(s.record())  # stable: a signature can bind to it
    assert content_sha256(record) == content_sha256(s.record())


def test_invalid_answer_keeps_the_question():
    s = _session()
    q = s.current
    assert s.answer("也许") is not None and s.current is q and s.progress[0] == 0


def test_stop_shows_reason_and_back_resumes():
    s = _session()
    assert s.answer(False) is None
    assert s.stopped and not s.completed and s.current is None
    assert str(s.stop_reason) == "非本人真实意思表示，不能继续办理"
    assert s.record()["status"] == "stopped" and s.record()["stop_reason"] == str(s.stop_reason)
    assert s.back() and not s.stopped and s.current.id == "true_intention"
    assert s.answer(True) is None and s.current.id == "signed_voluntarily"


def test_back_and_changed_answer_drops_inapplicable_answers():
    s = _session()
    while s.current.id != "ownership":
        s.answer(ANSWERS.get(s.current.id, True))
    s.answer("按份共有")
    assert s.current.id == "share"
    s.answer("60")
    total_shares = s.progress[1]
    s.back()
    s.back()
    assert s.current.id == "ownership"
    s.answer("单独所有")
    assert "share" not in s.answers and s.progress[1] < total_shares


def test_bank_party_gets_its_own_shorter_set():
    bank = _session("mortgagee", "org")
    person = _session()
    assert bank.progress[1] < person.progress[1]
    _answer_all(bank)
    ids = [a["id"] for a in bank.record()["answers"]]
    assert "ownership" not in ids and "confirm_scope" in ids


def test_mismatch_with_the_form_stops():
    s = _session()
    while s.current.id != "leased":
        s.answer(ANSWERS.get(s.current.id, True))
    s.answer(True)  # the form says not leased
    assert s.stopped and "出租" in str(s.stop_reason)


def test_answering_after_the_end_is_refused():
    s = _session()
    _answer_all(s)
    assert s.answer(True).code == "interview.no_question"

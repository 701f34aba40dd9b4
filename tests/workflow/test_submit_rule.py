"""The submit rule lives in the core: Outbox.submit (and so ``yizhan case submit``) refuses a
case whose workflow is not complete for its channel, naming each step that is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from flow_helpers import answer_all, card_for, complete, evidence, fill_form, signature_over

from shared.cli.main import main
from shared.domain.steps import StepStatus
from shared.errors import ValidationError
from shared.sync.outbox import Outbox

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def test_cli_refuses_an_imported_case_with_no_card_face_interview_or_signature(capsys, tmp_path):
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "case", "import", str(SAMPLES / "sample_case_full.json")]) == 0
    case_id = capsys.readouterr().out.strip()
    code = main(["--data-dir", data, "case", "submit", case_id])
    out = capsys.readouterr().out
    assert code == 1
    assert "案件尚不能提交" in out
    assert "身份核验" in out and "尚未读卡及采集人脸" in out
    assert "询问笔录与签名" in out and "未开始" in out
    from shared.store import Store
    with Store.open(Path(data)) as store:
        assert Outbox(store).items() == []  # nothing was queued
        assert store.get_case(case_id).state.value == "draft"


def _outbox(store, catalog):
    return Outbox(store, catalog=catalog)


def test_outbox_names_every_missing_step(store, catalog, new_session, fake):
    session = new_session("mortgage_first_general")
    fill_form(session, fake)
    with pytest.raises(ValidationError) as err:
        _outbox(store, catalog).submit(session.case_id)
    keys = list(err.value.errors)
    mortgagor = next(p for p in session.snapshot().parties if p.role == "mortgagor")
    assert "identity:" + mortgagor.party_id in keys
    assert "interview:" + mortgagor.party_id in keys
    assert any(k.startswith("materials.") for k in keys)


def test_a_pending_comparison_is_referred_at_once_and_blocks_until_decided(store, catalog, new_session, fake):
    session = new_session("mortgage_first_general", comparer=None)  # nothing can compare here
    complete(session, fake)
    mortgagor = next(p for p in session.snapshot().parties if p.role == "mortgagor")
    step = session.step("identity:" + mortgagor.party_id)
    assert step.status == StepStatus.BLOCKED
    record = session.snapshot().identity_checks[-1]
    assert record["comparison"]["decision"] == "manual_review"  # never left "pending"
    with pytest.raises(ValidationError):
        _outbox(store, catalog).submit(session.case_id)
    with pytest.raises(ValidationError):
        session.decide_face(mortgagor.party_id, True, "   ")  # a reason is required
    session.decide_face(mortgagor.party_id, True, "证件照与本人相符")
    decided = session.snapshot().identity_checks[-1]["comparison"]
    assert decided["method"] == "manual" and decided["operator"] == "officer-1"
    assert decided["reason"] == "证件照与本人相符" and decided["automatic"]["decision"] == "manual_review"
    assert session.step("identity:" + mortgagor.party_id).done
    actions = [row[3] for row in store.audit_rows(session.case_id)]
    assert "face_manual_decision" in actions


def test_a_kiosk_cannot_decide_a_referred_check(new_session, fake):
    from shared.workflow.session import WorkflowError
    session = new_session("kiosk_change_name", "kiosk", comparer=None)
    complete(session, fake)
    owner = session.snapshot().parties[0]
    step = session.step("identity:" + owner.party_id)
    assert step.status == StepStatus.BLOCKED and "工作人员" in step.blockers[0].render("zh")
    with pytest.raises(WorkflowError):
        session.decide_face(owner.party_id, True, "看着像")


def test_an_old_pending_record_blocks_submission(store, catalog, fake):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
    import sync_helpers
    case = sync_helpers.make_case(store, fake, ready=False)
    sync_helpers.counter_ready(store, case, decision="pending")
    with pytest.raises(ValidationError) as err:
        _outbox(store, catalog).submit(case.id)
    assert any(k.startswith("identity:") for k in err.value.errors)


def test_unsigned_or_outdated_interview_blocks_submission(store, catalog, new_session, fake):
    session = new_session("mortgage_first_general")
    complete(session, fake)
    assert session.blockers() == {}
    mortgagor = next(p for p in session.snapshot().parties if p.role == "mortgagor")
    data = session.snapshot().data
    data["mortgage.amount"] = "1300000"  # the interview asked about the old amount
    session.edit(data)
    step = session.step("interview:" + mortgagor.party_id)
    assert step.status == StepStatus.BLOCKED
    with pytest.raises(ValidationError) as err:
        _outbox(store, catalog).submit(session.case_id)
    assert "interview:" + mortgagor.party_id in err.value.errors
    session.restart_interview(mortgagor.party_id)
    answer_all(session, mortgagor.party_id)
    assert session.step("interview:" + mortgagor.party_id).done


def test_a_signature_over_other_content_is_refused_and_nothing_is_written(store, new_session, fake):
    from shared.workflow.session import WorkflowError
    session = new_session("mortgage_first_general")
    fill_form(session, fake)
    mortgagor = next(p for p in session.snapshot().parties if p.role == "mortgagor")
    for _ in range(100):
        q = session.interview(mortgagor.party_id).current
        if q is None:
            break
        session.answer(mortgagor.party_id, {"yes_no": q.id not in {"dispute_or_seized", "other_mortgage", "leased"},
                                            "choice": q.choices[0] if q.choices else "", "share": "100%"}.get(q.type, "无"))
    record = session.confirm_interview(mortgagor.party_id)
    before = len(store.audit_rows(session.case_id))
    with pytest.raises(WorkflowError):
        session.sign(mortgagor.party_id, signature_over({**record, "answers": []}, mortgagor.party_id))
    assert len(store.audit_rows(session.case_id)) == before  # the command rolled back whole
    assert mortgagor.party_id not in store.get_case(session.case_id).signatures


def test_the_same_person_in_two_roles_is_checked_and_interviewed_once(new_session, fake):
    session = new_session("mortgage_first_general")
    fill_form(session, fake, same_debtor=True)
    parties = session.snapshot().parties
    assert [p.role for p in parties].count("debtor") == 1
    identity = [s for s in session.steps() if s.kind == "identity"]
    interviews = [s for s in session.steps() if s.kind == "interview"]
    assert len(identity) == 1 and len(interviews) == 2  # the person, and the bank
    mortgagor = next(p for p in parties if p.role == "mortgagor")
    session.read_card(mortgagor.party_id, card_for(mortgagor), simulated=True)
    session.record_face(mortgagor.party_id, evidence(), simulated=True)
    assert all(s.done for s in session.steps() if s.kind == "identity")


def test_snapshots_are_copies(new_session, fake):
    session = new_session("mortgage_first_general")
    fill_form(session, fake)
    snap = session.snapshot()
    snap.parties.clear()
    snap.data["property.area"] = "1"
    again = session.snapshot()
    assert again.parties and again.data["property.area"] != "1"


def test_an_expired_card_is_recorded_failed_and_not_applied(new_session, fake):
    import datetime as dt
    session = new_session("mortgage_first_general")
    fill_form(session, fake)
    mortgagor = next(p for p in session.snapshot().parties if p.role == "mortgagor")
    card = card_for(mortgagor, valid_to=dt.date(2020, 6, 1))
    record = session.read_card(mortgagor.party_id, card)
    assert record["failure"]["code"] == "card_expired"
    step = session.step("identity:" + mortgagor.party_id)
    assert step.status == StepStatus.BLOCKED and "过期" in step.blockers[0].render("zh")


def test_step_titles_mask_persons_but_not_the_bank(new_session, fake):
    session = new_session("mortgage_first_general")
    fill_form(session, fake)
    parties = session.snapshot().parties
    person = next(p for p in parties if p.kind == "person")
    bank = next(p for p in parties if p.kind == "org")
    titles = " ".join(s.title.render("zh") for s in session.steps())
    assert person.name not in titles and bank.name in titles


def test_a_referred_second_check_is_owed_until_the_officer_decides(new_session, fake, comparer):
    """One rule for the second face check: identity's parties_for_second_check, the recheck
    steps and decide_face(check_no=2) agree on a referred or undecided check."""
    from shared.domain import identity as idm
    session = new_session("transfer_mortgage")
    comparer.decision = "pass"
    complete(session, fake)
    assert session.blockers() == {}
    biz = session.business
    persons = [p.party_id for p in idm.parties_needing_check(session.snapshot(), biz)]
    comparer.decision = "manual_review"           # the server cannot tell: referred to a person
    from flow_helpers import evidence
    for pid in persons:
        session.record_face(pid, evidence(), check_no=2, simulated=True)
    case = session.snapshot()
    recheck = {s.party_id for s in session.steps() if s.kind == "recheck" and not s.done}
    assert recheck == set(persons)
    assert [p.party_id for p in idm.parties_for_second_check(case, biz)] == persons
    assert idm.needs_second_check(case, biz)
    assert all(idm.awaits_decision(idm.latest_check(case, pid, 2)) for pid in persons)
    with pytest.raises(ValidationError):
        session.submit()                           # the submit rule says the same
    session.decide_face(persons[0], True, "本人在场，另持有效证件核对一致", check_no=2)
    case = session.snapshot()
    assert [p.party_id for p in idm.parties_for_second_check(case, biz)] == persons[1:]
    assert not idm.awaits_decision(idm.latest_check(case, persons[0], 2))
    from shared.workflow.session import WorkflowError
    with pytest.raises(WorkflowError):             # decided: nothing left to decide
        session.decide_face(persons[0], True, "again", check_no=2)
    for pid in persons[1:]:
        session.decide_face(pid, True, "本人在场，另持有效证件核对一致", check_no=2)
    # every face check decided; a manual decision always waits for a supervisor's approval
    assert not idm.needs_second_check(session.snapshot(), biz) and set(session.blockers()) == {"approval"}

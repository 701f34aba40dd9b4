"""The registry's workflow minimum: identity evidence and signed interviews, from the packet.

Cases are built with the domain's own calls (no client store or sync code): card read, face
and comparison records, interviews answered through InterviewSession, signatures bound with
shared.domain.signature.
"""

from __future__ import annotations

import dataclasses

import pytest

from devserver import registry
from shared.domain import identity as idm
from shared.domain.case import Case, Party
from shared.domain.catalog import Catalog, default_catalog
from shared.domain.interview import InterviewSession, parties_to_interview, template_for_business
from shared.domain.signature import Signature, content_sha256
from shared.security.masking import mask_id, mask_name

STROKES = [[[5, 50, 0, 0.5], [60, 10, 10, 0.5], [120, 50, 20, 0.5], [190, 8, 30, 0.5]]]
NO = {"dispute_or_seized", "other_mortgage", "leased"}


def _pass(operator="officer"):
    return {"decision": "pass", "score": 0.3, "threshold": 0.6, "method": "server:dlib_resnet", "reason": "人证比对通过",
            "reference": "card_photo", "operator": operator, "at": "2026-01-02T03:04:05+00:00"}


def complete_case(fake, business="mortgage_first_general", catalog=None):
    """(case, manifest): every person checked and passed, every interview answered and signed."""
    biz = (catalog or default_catalog()).business(business)
    p, d, bank = fake.person(), fake.person(), fake.bank()
    case = Case(business, catalog_version=default_catalog().version)
    case.parties = [Party("mortgagor", "person", p.name, "1", p.id_number, p.phone, p.address),
                    Party("debtor", "person", d.name, "1", d.id_number, d.phone, d.address),
                    Party("mortgagee", "org", bank.name, "8", bank.credit_code, bank.phone, bank.address)]
    for key, value in {"property.unit_number": fake.unit_number("350102"), "property.certificate_number": fake.certificate_number(),
                       "property.location": "福州市鼓楼区五一路88号", "property.area": "89.56", "property.use": "住宅",
                       "mortgage.contract_number": "DY001", "mortgage.amount": "1000000", "mortgage.currency": "CNY",
                       "mortgage.debt_from": "2026-01-01", "mortgage.debt_to": "2046-01-01",
                       "mortgage.guarantee_scope": "主债权及利息", "mortgage.leased": False,
                       "mortgage.debt_contract_has_mortgage_clause": True, "mortgage.under_construction": False,
                       "reason": "购房贷款"}.items():
        case.set(key, value)
    files = [{"name": "case.json", "kind": "case"}]
    for party in idm.parties_needing_check(case, biz):
        idm.attach_card(case, party.party_id, {"card_type": "resident", "id_masked": mask_id(party.id_number),
                                               "expired": False}, operator="officer")
        for no in (1, 2) if biz.face_checks >= 2 else (1,):
            blob = "face-{}-{}".format(party.party_id, no)
            files.append({"name": "files/" + blob, "blob_id": blob, "kind": "face", "slot": "identity:{}:{}".format(party.party_id, no)})
            if no == 1:
                idm.attach_face(case, party.party_id, {"face_blob": blob}, _pass(), operator="officer")
            else:
                idm.add_record(case, idm.face_record(party.party_id, 2, {"face_blob": blob}, _pass(), "officer"))
    template = template_for_business(biz)
    for party in parties_to_interview(template, case):
        session = InterviewSession(template, case, party)
        while session.current is not None:
            q = session.current
            assert session.answer({"yes_no": q.id not in NO, "choice": q.choices[0] if q.choices else ""}.get(q.type, "")) is None
        session.interviewer = "officer"  # 询问人: a confirmed record names who asked
        session.confirm()
        record = session.record()
        case.interview[party.party_id] = record
        case.signatures[party.party_id] = Signature(STROKES, b"\x89PNG", content_sha256(record), party.party_id).to_dict()
    for slot in ("identity", "property_certificate", "debt_contract"):
        files.append({"name": "files/page-" + slot, "blob_id": "page-" + slot, "kind": "page", "slot": slot})
        case.materials[slot] = ["page-" + slot]
    return case, {"packet_id": case.packet_id, "case_id": case.id, "files": files}


def review(case, manifest):
    return registry.review(case.to_dict(), manifest, dict(registry.DEFAULT_RULES))


def codes(outcome):
    kind, payload = outcome
    assert kind == "not_accepted", outcome
    return [(r["code"], r.get("party_id")) for r in payload["reasons"]]


def test_a_complete_case_is_accepted(fake):
    case, manifest = complete_case(fake)
    assert review(case, manifest) == ("accepted", {})


def test_without_identity_evidence_each_person_is_named_masked(fake):
    case, manifest = complete_case(fake)
    case.identity_checks = []
    kind, payload = review(case, manifest)
    persons = [p for p in case.parties if p.kind == "person"]
    assert kind == "not_accepted"
    assert [(r["code"], r["party_id"]) for r in payload["reasons"]] == [("identity_missing", p.party_id) for p in persons]
    for reason, person in zip(payload["reasons"], persons):
        assert mask_name(person.name) in reason["text"] and person.name not in reason["text"]
        assert "身份核验" in reason["text"]


def test_a_pending_comparison_is_not_accepted(fake):
    case, manifest = complete_case(fake)
    debtor = case.parties[1]
    idm.latest_check(case, debtor.party_id)["comparison"] = idm.run_comparison(idm.PendingComparer(), b"", None)
    assert codes(review(case, manifest)) == [("identity_pending", debtor.party_id)]
    assert "待比对" in review(case, manifest)[1]["reasons"][0]["text"]


def test_a_pending_check_the_business_does_not_ask_for_still_counts(fake):
    case, manifest = complete_case(fake)
    mortgagor = case.parties[0]
    idm.add_record(case, idm.face_record(mortgagor.party_id, 2, {"face_blob": "face-extra"},
                                         idm.run_comparison(idm.PendingComparer(), b"", None)))
    assert codes(review(case, manifest)) == [("identity_pending", mortgagor.party_id)]


def test_a_failed_or_unrecorded_manual_decision_is_not_accepted(fake):
    case, manifest = complete_case(fake)
    record = idm.latest_check(case, case.parties[0].party_id)
    idm.decide_manually(record, False, operator="officer")
    assert codes(review(case, manifest)) == [("identity_failed", case.parties[0].party_id)]
    idm.decide_manually(record, True, operator="officer", note="与证件照一致")
    assert codes(review(case, manifest)) == [("approval_missing", None)]  # a manual pass needs a second person
    manifest["submitted_by"] = {"staff_id": "S1", "name": "甲"}
    approval = {"decision": "approved", "revision": case.revision, "reason": "核对无误",
                "approver": {"staff_id": "S1", "name": "甲"}, "requested_by": {"staff_id": "S1", "name": "甲"}}
    manifest["approvals"] = [approval]
    assert codes(review(case, manifest)) == [("approval_missing", None)]  # not by the submitter
    approval["approver"] = {"staff_id": "S2", "name": "乙"}
    assert review(case, manifest)[0] == "accepted"  # a recorded manual pass approved by another is a pass
    record["comparison"]["operator"] = " "
    assert codes(review(case, manifest)) == [("identity_manual_unrecorded", case.parties[0].party_id)]


def test_a_face_image_missing_from_the_packet_is_not_accepted(fake):
    case, manifest = complete_case(fake)
    debtor = case.parties[1]
    manifest["files"] = [f for f in manifest["files"] if f.get("blob_id") != "face-{}-1".format(debtor.party_id)]
    assert codes(review(case, manifest)) == [("identity_face_absent", debtor.party_id)]


def test_two_face_checks_need_a_passing_second_one(fake):
    base = default_catalog()
    twice = dataclasses.replace(base.business("mortgage_first_general"), face_checks=2)
    catalog = Catalog(base.version, {**base.businesses, twice.code: twice}, base.id_kinds, base.party_kinds, base.directory)
    import devserver.registry as reg
    from unittest import mock
    with mock.patch("shared.domain.catalog.default_catalog", lambda: catalog):
        case, manifest = complete_case(fake, catalog=catalog)
        assert len(case.identity_checks) == 4
        assert review(case, manifest)[0] == "accepted"
        mortgagor = case.parties[0]
        case.identity_checks = [r for r in case.identity_checks
                                if not (r["party_id"] == mortgagor.party_id and r["check_no"] == 2)]
        assert codes(review(case, manifest)) == [("identity_missing", mortgagor.party_id)]
        assert "第2次" in reg.review(case.to_dict(), manifest, dict(reg.DEFAULT_RULES))[1]["reasons"][0]["text"]


def test_an_unsigned_interview_is_not_accepted(fake):
    case, manifest = complete_case(fake)
    debtor = case.parties[1]
    del case.signatures[debtor.party_id]
    kind, payload = review(case, manifest)
    assert codes((kind, payload)) == [("interview_unsigned", debtor.party_id)]
    assert "未签名" in payload["reasons"][0]["text"] and mask_name(debtor.name) in payload["reasons"][0]["text"]


def test_a_signature_bound_to_other_content_is_not_accepted(fake):
    case, manifest = complete_case(fake)
    mortgagor, debtor = case.parties[0], case.parties[1]
    other = dict(case.interview[mortgagor.party_id], answers=[])
    case.signatures[mortgagor.party_id] = Signature(STROKES, b"\x89PNG", content_sha256(other), mortgagor.party_id).to_dict()
    assert codes(review(case, manifest)) == [("interview_unsigned", mortgagor.party_id)]
    # the debtor's signature copied onto the mortgagor's record: bound to other content too
    case.signatures[mortgagor.party_id] = case.signatures[debtor.party_id]
    assert codes(review(case, manifest)) == [("interview_unsigned", mortgagor.party_id)]


def test_a_signature_without_ink_or_of_another_signer_is_not_accepted(fake):
    case, manifest = complete_case(fake)
    mortgagor = case.parties[0]
    record = case.interview[mortgagor.party_id]
    case.signatures[mortgagor.party_id] = Signature([], b"", content_sha256(record), mortgagor.party_id).to_dict()
    assert codes(review(case, manifest)) == [("interview_unsigned", mortgagor.party_id)]
    case.signatures[mortgagor.party_id] = Signature(STROKES, b"", content_sha256(record), "someone-else").to_dict()
    assert codes(review(case, manifest)) == [("interview_unsigned", mortgagor.party_id)]


def test_an_interview_that_no_longer_replays_or_is_missing(fake):
    case, manifest = complete_case(fake)
    case.set("mortgage.amount", "2000000")  # the amount asked about changed after the interview
    assert {c for c, _ in codes(review(case, manifest))} == {"interview_outdated"}
    case, manifest = complete_case(fake)
    del case.interview[case.parties[1].party_id]
    assert codes(review(case, manifest)) == [("interview_missing", case.parties[1].party_id)]


@pytest.mark.parametrize("forced", ["correction_requested", "accepted"])
def test_the_minimum_comes_before_forced_answers_and_material_review(fake, forced):
    case, manifest = complete_case(fake)
    case.identity_checks = []
    rules = dict(registry.DEFAULT_RULES, force={case.id: forced})
    assert registry.review(case.to_dict(), manifest, rules)[0] == "not_accepted"


def test_a_person_put_in_after_the_checks_is_not_accepted(fake):
    case, manifest = complete_case(fake)
    other = fake.person()
    mortgagor = case.parties[0]
    mortgagor.name, mortgagor.id_number = other.name, other.id_number
    found = codes(review(case, manifest))
    assert ("identity_other_person", mortgagor.party_id) in found
    assert ("interview_outdated", mortgagor.party_id) in found  # confirmed by the one before


def test_whoever_passed_a_face_by_hand_cannot_be_its_approver(fake):
    case, manifest = complete_case(fake)
    record = idm.latest_check(case, case.parties[0].party_id)
    idm.decide_manually(record, True, operator="乙（S2）", note="与证件照一致")
    manifest["submitted_by"] = {"staff_id": "S1", "name": "甲"}
    approval = {"decision": "approved", "revision": case.revision, "reason": "核对无误",
                "approver": {"staff_id": "S2", "name": "乙"}, "requested_by": {"staff_id": "S1", "name": "甲"}}
    manifest["approvals"] = [approval]
    assert codes(review(case, manifest)) == [("approval_missing", None)]
    approval["approver"] = {"staff_id": "S3", "name": "丙"}
    assert review(case, manifest)[0] == "accepted"

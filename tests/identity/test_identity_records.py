"""Identity check records: card to party, statuses, second check, comparison, evidence store."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from shared.capture.comparer import ComparisonResult, FaceComparer
from shared.devices.idcard.model import CardType, IdCardData
from shared.domain import identity as idm
from shared.domain.case import Case, Party
from shared.domain.catalog import default_catalog
from shared.errors import CaptureError, DeviceError


def card_for(person, **over) -> IdCardData:
    fields = dict(card_type=CardType.RESIDENT, name=person.name, sex=person.sex,
                  id_number=person.id_number, birth_date=person.birth,
                  address="福建省" + person.address, valid_from=dt.date(2020, 1, 1),
                  valid_to=dt.date(2040, 1, 1), photo_wlt=bytes(range(256)) * 4)
    fields.update(over)
    return IdCardData(**fields)


class FakeComparer(FaceComparer):
    """Answers what it is told and remembers what it was given."""

    method = "fake"

    def __init__(self, decision="pass", score=0.3, error=None):
        self.decision, self.score, self.error, self.calls = decision, score, error, []

    def available(self):
        return True

    def compare(self, probe_jpeg, reference):
        self.calls.append((probe_jpeg, reference))
        if self.error:
            raise self.error
        return ComparisonResult(self.score, 0.6, self.decision, self.method)


@pytest.fixture
def catalog():
    return default_catalog()


def done_parts(decision="pass"):
    face = {"frame_blob": "f", "face_blob": "c", "sharpness": 300.0}
    return face, {"decision": decision, "method": "fake", "reason": idm.REASONS[decision]}


def test_card_matches_and_applies(fake):
    person = fake.person()
    card = card_for(person)
    party = Party("mortgagor")
    assert idm.card_matches_party(card, party) is None
    party.id_number = person.id_number.lower() if person.id_number.endswith("X") else person.id_number
    assert idm.card_matches_party(card, party) is True
    assert idm.card_matches_party(card, Party("mortgagor", id_number=fake.person().id_number)) is False
    filled = idm.apply_card_to_party(card, Party("mortgagor", kind="org", id_kind="8", phone="13800000000"))
    assert (filled.kind, filled.name, filled.id_kind, filled.id_number) == ("person", person.name, "1", person.id_number)
    assert filled.address == card.address and filled.phone == "13800000000"


def test_permits_and_foreigner_cards_are_id_kind_other(fake):
    person = fake.person()
    hmt = card_for(person, card_type=CardType.HMT_PERMIT, id_number="810000198506010317")
    assert idm.apply_card_to_party(hmt, Party("buyer")).id_kind == "99"
    foreign = IdCardData(CardType.FOREIGN_2017, "史密斯", "女", "USA310075060101",
                         extra={"english_name": "SMITH, JANE"})
    party = idm.apply_card_to_party(foreign, Party("buyer", address="福州市测试路2号"))
    assert party.id_kind == "99" and party.name == "史密斯" and party.address == "福州市测试路2号"
    part = idm.card_part(foreign, party, operator="op", device="emulator", simulated=True)
    assert part["card_type"] == "foreign_2017" and part["card_label"].startswith("外国人永久居留身份证")


def test_card_part_is_masked_and_flags_expiry(fake):
    person = fake.person()
    card = card_for(person, valid_to=dt.date(2020, 1, 1))
    part = idm.card_part(card, Party("mortgagor"), operator="op", device="emulator", simulated=True)
    assert part["expired"] is True and part["matches_party"] is None and part["simulated"] is True
    assert person.id_number not in repr(part) and part["id_masked"].endswith(person.id_number[-4:])
    long_term = idm.card_part(card_for(person, valid_to=None), Party("m"), operator="op", device="d",
                              simulated=False)
    assert long_term["expired"] is False and long_term["valid_to"] is None


def test_status_of_a_business_with_one_face_check(sample_case, catalog, fake):
    biz = catalog.business("mortgage_first_general")
    assert biz.face_checks == 1
    case = sample_case
    mortgagor = case.parties[0]
    case.parties.append(Party("debtor", "org", "某公司", "8", "91350100M000100Y43"))
    assert idm.identity_status(case, biz) == {mortgagor.party_id: "missing"}  # no bank, no org
    card = idm.card_part(card_for(fake.person()), mortgagor, operator="op", device="d", simulated=True)
    record = idm.attach_card(case, mortgagor.party_id, card, operator="op")
    assert record["status"] == "missing" and idm.identity_status(case, biz)[mortgagor.party_id] == "missing"
    face, pending = done_parts("pending")
    same = idm.attach_face(case, mortgagor.party_id, face, pending, operator="op")
    assert same is record and record["status"] == "pending" and len(case.identity_checks) == 1
    face, failed = done_parts("fail")
    retry = idm.attach_face(case, mortgagor.party_id, face, failed, operator="op")
    assert retry is not record and retry["card"] == record["card"]  # history kept, card carried over
    assert idm.identity_status(case, biz)[mortgagor.party_id] == "failed"
    face, review = done_parts("manual_review")
    third = idm.attach_face(case, mortgagor.party_id, face, review, operator="op")
    assert idm.identity_status(case, biz)[mortgagor.party_id] == "pending"
    idm.decide_manually(third, True, "supervisor")
    assert third["comparison"]["method"] == "manual" and third["comparison"]["automatic"]["decision"] == "manual_review"
    assert idm.identity_status(case, biz)[mortgagor.party_id] == "done"
    assert idm.needs_second_check(case, biz) is False
    assert idm.identity_status(case, biz, 2) == {mortgagor.party_id: "done"}


def test_an_expired_card_fails_the_check_and_a_new_read_opens_a_new_record(sample_case, catalog, fake):
    biz = catalog.business("mortgage_first_general")
    pid = sample_case.parties[0].party_id
    expired = idm.card_part(card_for(fake.person(), valid_to=dt.date(2021, 1, 1)),
                            sample_case.parties[0], operator="op", device="d", simulated=False)
    record = idm.attach_card(sample_case, pid, expired, failure="card_expired", operator="op")
    assert record["status"] == "failed" and record["failure"]["reason"] == "证件已过期"
    assert idm.identity_status(sample_case, biz)[pid] == "failed"
    face, ok = done_parts("pass")
    after = idm.attach_face(sample_case, pid, face, ok)  # the expired card is not carried over
    assert after["card"] is None and after["status"] == "missing"
    good = idm.card_part(card_for(fake.person()), sample_case.parties[0], operator="op", device="d",
                         simulated=False)
    assert idm.attach_card(sample_case, pid, good) is after and after["status"] == "done"


def test_business_with_two_face_checks(catalog, fake):
    biz = catalog.business("transfer_mortgage")
    assert biz.face_checks == 2
    seller, buyer = fake.person(), fake.person()
    case = Case("transfer_mortgage", parties=[
        Party("seller", "person", seller.name, "1", seller.id_number),
        Party("buyer", "person", buyer.name, "1", buyer.id_number),
        Party("mortgagee", "org", "某银行", "8", "91350100M000100Y43")])
    ids = [p.party_id for p in case.parties[:2]]
    assert idm.needs_second_check(case, biz) is True
    assert [p.party_id for p in idm.parties_for_second_check(case, biz)] == ids
    face, ok = done_parts("pass")
    for pid in ids:
        idm.attach_card(case, pid, {"card_type": "resident"}, operator="op")
        idm.attach_face(case, pid, face, ok, operator="op")
    assert set(idm.identity_status(case, biz).values()) == {"done"}
    assert idm.needs_second_check(case, biz) is True   # check 1 does not count for check 2
    idm.add_record(case, idm.face_record(ids[0], 2, face, ok, "op"))
    face2, pending = done_parts("pending")
    idm.add_record(case, idm.face_record(ids[1], 2, face2, pending, "op"))
    assert idm.identity_status(case, biz, 2) == {ids[0]: "done", ids[1]: "pending"}
    # a check nobody compared is not done: the officer decides it (as the recheck step says)
    assert idm.needs_second_check(case, biz) is True
    assert [p.party_id for p in idm.parties_for_second_check(case, biz)] == [ids[1]]
    assert idm.awaits_decision(idm.latest_check(case, ids[1], 2))
    assert not idm.awaits_decision(idm.latest_check(case, ids[0], 2))
    idm.decide_manually(idm.latest_check(case, ids[1], 2), True, "op", "本人在场，另持有效证件核对一致")
    assert idm.needs_second_check(case, biz) is False
    face3, failed = done_parts("fail")
    idm.add_record(case, idm.face_record(ids[1], 2, face3, failed, "op"))
    assert idm.needs_second_check(case, biz) is True
    assert [p.party_id for p in idm.parties_for_second_check(case, biz)] == [ids[1]]


def test_businesses_without_face_checks_need_only_the_card(catalog, fake):
    biz = catalog.business("mortgage_first_general")
    import dataclasses
    no_face = dataclasses.replace(biz, face_checks=0)
    person = fake.person()
    case = Case(biz.code, parties=[Party("mortgagor", "person", person.name, "1", person.id_number)])
    pid = case.parties[0].party_id
    idm.attach_card(case, pid, {"card_type": "resident"})
    assert idm.identity_status(case, no_face) == {pid: "done"}
    assert idm.identity_status(case, biz) == {pid: "missing"}


def test_run_comparison_outcomes():
    probe = b"\xff\xd8probe"
    ref = np.zeros((126, 102, 3), np.uint8)
    assert idm.run_comparison(idm.PendingComparer(), probe, ref)["decision"] == "pending"
    no_ref = idm.run_comparison(FakeComparer(), probe, None)
    assert no_ref["decision"] == "pending" and "厂商解码库" in no_ref["reason"]
    result = idm.run_comparison(FakeComparer("pass", 0.31), probe, ref, operator="op",
                                reference_kind="card_photo")
    assert (result["decision"], result["score"], result["threshold"], result["method"]) == ("pass", 0.31, 0.6, "fake")
    assert result["operator"] == "op" and result["reference"] == "card_photo" and result["at"]
    assert idm.run_comparison(FakeComparer("fail", 0.9), probe, ref)["decision"] == "fail"
    assert idm.run_comparison(FakeComparer("manual_review", 0.6), probe, ref)["decision"] == "manual_review"
    gone = idm.run_comparison(FakeComparer(error=DeviceError("本机未安装人脸比对组件")), probe, ref)
    assert gone["decision"] == "pending" and "人脸比对组件" in gone["reason"]
    noface = idm.run_comparison(FakeComparer(error=CaptureError("照片中未检测到人脸")), probe, ref)
    assert noface["decision"] == "manual_review" and "未检测到人脸" in noface["reason"]


def test_default_comparer_is_pending_even_with_dlib_and_there_is_no_global_hook(store):
    """The local dlib comparer is an opt-in extra: installed or not, the default is pending.
    The comparer is handed to each case session by the front end; no module-level hook."""
    from shared.sync.face_compare import comparer_for
    assert isinstance(idm.default_comparer(), idm.PendingComparer)
    assert isinstance(comparer_for(store, None), idm.PendingComparer)  # not enrolled: pending
    assert not hasattr(idm, "set_comparer_factory") and not hasattr(idm, "make_comparer")

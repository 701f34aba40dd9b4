"""A bank's own desk: the bank fills itself in and stays locked; its filings are referenced
and an expired or missing one blocks submission (Qt-free)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as _dt
import json
from pathlib import Path

import pytest

from devserver.masterdata import BANKS_FILE, operators_document
from shared import masterdata
from shared.domain import steps as st
from shared.domain.catalog import default_catalog
from shared.errors import ValidationError
from shared.store.operators import enroll
from shared.workflow.auth import Authenticator
from shared.workflow.session import CaseSession, WorkflowError

DESK = "SP-FZ-CD-01"   # the demo operators' service point


def banks(desk: str = DESK, **changes) -> dict:
    """The served bank profiles with the first bank owning ``desk``; ``changes`` per document kind."""
    raw = json.loads(BANKS_FILE.read_text("utf-8"))
    raw["profiles"][0]["service_points"] = [desk]
    for doc in raw["profiles"][0]["documents"]:
        doc.update(changes.get(doc["kind"], {}))
    raw["profiles"][0]["documents"] = [d for d in raw["profiles"][0]["documents"] if not d.get("drop")]
    for d in raw["profiles"][0]["documents"]:
        d.pop("drop", None)
    return raw


@pytest.fixture
def officer(store):
    enroll(store, operators_document())
    auth = Authenticator(store)
    return auth.login("S1001", "Officer2026").session


def accept(store, raw, version="b1"):
    masterdata.accept(Path(store.path).parent, "banks", version, raw, store)


def test_a_new_case_at_the_banks_desk_has_the_bank_filled_and_its_filings_referenced(store, officer):
    accept(store, banks())
    session = CaseSession.new(store, default_catalog(), "mortgage_first_general", operator=officer)
    case = session.snapshot()
    bank = [p for p in case.parties if p.role == "mortgagee"]
    assert len(bank) == 1
    b = bank[0]
    assert (b.name, b.id_number, b.kind, b.id_kind) == ("中国农业银行股份有限公司城东支行", "913101045H9QMXC80W", "org", "8")
    assert (b.address, b.phone, b.legal_rep) == ("福州市台江区五一中路18号", "0591-87654321", "赵萍")
    assert b.agent.name == officer.name                      # the handling officer: who is logged in
    refs = {f["kind"]: f["reference"] for f in case.bank["filings"]}
    assert refs == {"business_licence": "BA-2026-0001-01", "financial_licence": "BA-2026-0001-02",
                    "legal_rep_id": "BA-2026-0001-03", "officer_id": "BA-2026-0001-04"}
    session.edit(data={"reason": "购房贷款"})                 # stored with the case, and in its packet's case.json
    stored = store.get_case(case.id)
    assert stored.bank["filings"] == case.bank["filings"] and stored.parties[0].name == b.name
    assert json.loads(json.dumps(stored.to_dict()))["bank"]["filings"][0]["reference"] == "BA-2026-0001-01"
    step = session.step("materials")
    assert not any("备案" in m.render() for m in step.blockers)


def test_the_bank_is_locked_in_the_core_not_only_in_the_widget(store, officer, fake):
    from shared.domain.case import Party
    accept(store, banks())
    session = CaseSession.new(store, default_catalog(), "mortgage_first_general", operator=officer)
    p = fake.person()
    mortgagor = Party("mortgagor", "person", p.name, "1", p.id_number)
    bank = next(x for x in session.snapshot().parties if x.role == "mortgagee")
    session.edit(parties=[mortgagor, bank])                   # the rest of the form is free
    case_id = session.case_id
    for change in ({"name": "别的银行"}, {"id_number": fake.bank().credit_code}, {"phone": "0591-11112222"},
                   {"address": "别处"}, {"legal_rep": "某人"}):
        other = copy.deepcopy(bank)
        for k, v in change.items():
            setattr(other, k, v)
        with pytest.raises(WorkflowError) as err:
            session.edit(parties=[mortgagor, other])
        assert "锁定" in err.value.msg.render()
    with pytest.raises(WorkflowError):                         # removed
        session.edit(parties=[mortgagor])
    second = copy.deepcopy(bank)
    second.party_id = "another"
    with pytest.raises(WorkflowError):                         # a second bank
        session.edit(parties=[mortgagor, bank, second])
    with pytest.raises(WorkflowError):                         # through mark_ready too
        session.mark_ready(parties=[mortgagor, dataclasses.replace(bank, name="别的银行")])
    stored = store.get_case(case_id)
    assert [x.name for x in stored.parties if x.role == "mortgagee"] == [bank.name]


def test_elsewhere_nothing_is_filled_nor_locked(store, officer, fake):
    accept(store, banks(desk="SP-OTHER-01"))                  # this desk belongs to no bank
    session = CaseSession.new(store, default_catalog(), "mortgage_first_general", operator=officer)
    case = session.snapshot()
    assert not case.parties and not case.bank
    assert session.step("materials").status != st.StepStatus.BLOCKED


@pytest.mark.parametrize("changes, words", [
    ({"financial_licence": {"valid_until": "2025-06-30"}}, ["金融许可证", "BA-2026-0001-02", "2025-06-30", "过期"]),
    ({"officer_id": {"drop": True}}, ["经办人身份证明", "缺少"]),
    ({"business_licence": {"reference": " "}}, ["营业执照", "缺少"]),
])
def test_an_expired_or_missing_filing_blocks_submission_with_the_reason(store, officer, changes, words):
    accept(store, banks(**changes))
    session = CaseSession.new(store, default_catalog(), "mortgage_first_general", operator=officer)
    step = session.step("materials")
    assert step.status == st.StepStatus.BLOCKED
    text = " ".join(m.render() for m in step.blockers)
    assert all(w in text for w in words), text
    assert "materials.bank_credentials" in step.paths
    case = session.snapshot()
    blockers = st.submit_blockers(case, session.business, session.catalog, "counter")
    assert any(all(w in m.render() for w in words[:1]) for m in blockers["materials"])
    # the same rule for every front end: the kiosk's and the import channel's steps say it too
    for channel in ("kiosk", "import"):
        assert "materials" in st.submit_blockers(case, session.business, session.catalog, channel)


def test_a_renewed_filing_unblocks_and_a_withdrawn_one_blocks(store, officer):
    accept(store, banks(financial_licence={"valid_until": "2025-06-30"}))
    session = CaseSession.new(store, default_catalog(), "mortgage_first_general", operator=officer)
    session.edit(data={"reason": "购房贷款"})
    assert session.step("materials").status == st.StepStatus.BLOCKED
    accept(store, banks(financial_licence={"valid_until": "2036-06-30", "reference": "BA-2027-0001-02"}), "b2")
    session.refresh_bank()
    assert not any("备案" in m.render() for m in session.step("materials").blockers)
    assert {f["kind"]: f["reference"] for f in store.get_case(session.case_id).bank["filings"]}[
        "financial_licence"] == "BA-2027-0001-02"
    raw = banks()
    raw["profiles"] = raw["profiles"][1:]                      # the bank withdrawn from master data
    accept(store, raw, "b3")
    session.refresh_bank()
    assert session.step("materials").status == st.StepStatus.BLOCKED


def test_filing_expiry_is_judged_on_the_day(store, officer):
    from shared.domain.bank_profile import filing_blockers
    accept(store, banks(officer_id={"valid_until": "2027-12-31"}))
    case = CaseSession.new(store, default_catalog(), "mortgage_first_general", operator=officer).snapshot()
    assert filing_blockers(case, _dt.date(2027, 12, 31)) == []
    assert len(filing_blockers(case, _dt.date(2028, 1, 1))) == 1


def test_an_import_at_the_desk_gets_the_bank_and_one_naming_another_bank_is_refused(store, officer, fake):
    from shared.domain.importer import parse_import
    from shared.workflow.bank_desk import bank_import
    accept(store, banks())
    p = fake.person()
    doc = {"format": "yizhan-case-import/1", "business": "mortgage_first_general",
           "parties": [{"role": "mortgagor", "kind": "person", "name": p.name, "id_kind": "1", "id_number": p.id_number}]}
    case = bank_import(store, default_catalog(), parse_import(doc, None).case, officer)
    assert [x.id_number for x in case.parties if x.role == "mortgagee"] == ["913101045H9QMXC80W"]
    assert case.bank["filings"]
    other = fake.bank()
    doc["parties"].append({"role": "mortgagee", "kind": "org", "name": other.name, "id_kind": "8",
                           "id_number": other.credit_code})
    with pytest.raises(ValidationError) as err:
        bank_import(store, default_catalog(), parse_import(doc, None).case, officer)
    assert "不是本网点所属银行" in err.value.msg.render()


# -- importing the loan system's data -----------------------------------------------------------
def _loan(fake, reference="LN-2026-000123") -> dict:
    p = fake.person()
    return {"format": "yizhan-case-import/1", "business": "mortgage_first_general", "loan_reference": reference,
            "parties": [{"role": "mortgagor", "kind": "person", "name": p.name, "id_kind": "1",
                         "id_number": p.id_number}],
            "property": {"unit_number": fake.unit_number("350102"), "certificate_number": fake.certificate_number(),
                         "location": "福州市鼓楼区五一路88号", "area": "89.56", "use": "住宅"},
            "mortgage": {"contract_number": "DY2026001", "amount": "1000000", "currency": "CNY",
                         "debt_from": "2026-01-01", "debt_to": "2046-01-01", "guarantee_scope": "主债权及利息",
                         "debt_contract_has_mortgage_clause": True}, "reason": "购房贷款"}


def _sheet(text: str, tmp_path: Path, name="sheet.png") -> Path:
    import cv2
    from shared.devices.testpages import make_page
    page = make_page(1240, qr_text=text, seal=False)
    path = tmp_path / name
    cv2.imwrite(str(path), page.image)
    return path


def test_a_loan_comes_in_from_a_file_a_scanned_sheet_or_a_scanner_and_only_once(store, officer, fake, tmp_path):
    from shared.domain.importer import encode_compact
    from shared.workflow.bank_desk import import_loan, payload_of_file
    accept(store, banks())
    doc = _loan(fake)
    (tmp_path / "loan.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    data, base = payload_of_file(tmp_path / "loan.json")
    case, existed = import_loan(store, default_catalog(), data, base, officer)
    assert not existed and case.loan_reference == "LN-2026-000123" and case.channel == "import"
    assert case.operator == officer.label and case.bank["filings"]
    assert next(p for p in case.parties if p.role == "mortgagee").legal_rep == "赵萍"
    sheet = _sheet(encode_compact(doc), tmp_path)              # the loan approval sheet photographed
    data, base = payload_of_file(sheet)
    assert base is None and data.startswith(b"YZI1.")
    again, existed = import_loan(store, default_catalog(), data, base, officer)
    assert existed and again.id == case.id                     # the same loan: the same draft
    scanned = encode_compact(_loan(fake, "LN-2026-000124")).encode()   # a hand scanner types the payload
    third, existed = import_loan(store, default_catalog(), scanned, None, officer)
    assert not existed and third.id != case.id
    assert len(store.list_cases()) == 2


def test_what_is_not_a_loan_is_explained(store, officer, fake, tmp_path):
    from shared.workflow.bank_desk import import_loan, payload_of_file
    no_qr = _sheet("just some text", tmp_path)
    with pytest.raises(ValidationError) as err:
        payload_of_file(no_qr)
    assert "二维码" in err.value.msg.render()
    fake_png = tmp_path / "x.png"
    fake_png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    with pytest.raises(ValidationError):
        payload_of_file(fake_png)
    with pytest.raises(ValidationError) as err:
        payload_of_file(tmp_path / "missing.json")
    assert "无法读取" in err.value.msg.render()
    with pytest.raises(ValidationError):
        import_loan(store, default_catalog(), b"{garbage", None, officer)
    assert store.list_cases() == []


def test_a_filing_expired_since_the_case_was_made_stops_every_submit(store, officer):
    """The outbox (`yizhan case submit`, the API, any front end) judges the filings as the
    master data have them now, not the copy frozen in the case when it was made."""
    from shared.sync.outbox import Outbox
    accept(store, banks())
    session = CaseSession.new(store, default_catalog(), "mortgage_first_general", operator=officer)
    session.edit(data={"reason": "购房贷款"})
    accept(store, banks(business_licence={"valid_until": "2025-06-30"}), "b2")
    assert {f["kind"]: f["valid_until"] for f in store.get_case(session.case_id).bank["filings"]}[
        "business_licence"] != "2025-06-30"  # the case still holds the copy it was made with
    with pytest.raises(ValidationError) as err:
        Outbox(store).submit(session.case_id, officer)
    text = " ".join(m.render() for m in err.value.errors.values())
    assert "营业执照" in text and "过期" in text, text


def test_no_command_changes_the_locked_bank_a_card_read_included(store, officer, fake):
    from flow_helpers import card_for
    from shared.domain.case import Party
    accept(store, banks())
    session = CaseSession.new(store, default_catalog(), "mortgage_first_general", operator=officer)
    session.edit(data={"reason": "购房贷款"})
    bank = next(x for x in session.snapshot().parties if x.role == "mortgagee")
    p = fake.person()
    with pytest.raises(WorkflowError) as err:
        session.read_card(bank.party_id, card_for(Party("mortgagor", "person", p.name, "1", p.id_number)),
                          overwrite=True)
    assert "锁定" in err.value.msg.render()
    stored = next(x for x in store.get_case(session.case_id).parties if x.role == "mortgagee")
    assert (stored.kind, stored.name) == ("org", bank.name)

"""Bank profiles, slot states, page limits and barcode offers (Qt-free)."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json

import pytest

from shared.capture import intake
from shared.domain import bank_profile
from shared.domain.catalog import default_catalog
from shared.errors import CaptureError, CatalogError


def test_served_profiles_and_matching(sample_case):
    from devserver.masterdata import BANKS_FILE
    profiles = bank_profile.load_file(BANKS_FILE)
    assert len(profiles) >= 3
    assert bank_profile.find_profile(sample_case, profiles) is None  # a random fake bank
    bank = next(p for p in sample_case.parties if p.role == "mortgagee")
    bank.id_number = "91310104 5h9qmxc80w"  # typed loosely: normalised before matching
    found = bank_profile.find_profile(sample_case, profiles)
    assert found is not None and {d.kind for d in found.documents} == set(bank_profile.DOCUMENT_KINDS)
    assert all(d.reference for d in found.documents)
    assert bank_profile.MISSING.render() == "未找到本行备案材料，请联系管理员同步主数据"


def test_profiles_from_store_before_file(store, sample_case, tmp_path):
    assert bank_profile.load_profiles(store) == {}  # nothing synced: none (no shipped file)
    bank = next(p for p in sample_case.parties if p.role == "mortgagee")
    raw = [{"name": bank.name, "credit_code": bank.id_number,
            "documents": [{"kind": "financial_licence", "reference": "R1", "valid_until": "2020-01-01"}]}]
    store.write(lambda conn: conn.execute("INSERT INTO sync_state(key, value) VALUES (?, ?)",
                                          (bank_profile.SYNC_KEY, json.dumps(raw, ensure_ascii=False))))
    profiles = bank_profile.load_profiles(store)
    profile = bank_profile.find_profile(sample_case, profiles)
    assert profile.documents[0].name == "金融许可证"
    assert profile.expired(_dt.date(2026, 1, 1)) == [profile.documents[0]]
    bad = tmp_path / "p.json"
    bad.write_text('{"profiles": [{"name": "x"}]}')
    with pytest.raises(CatalogError) as err:
        bank_profile.load_file(bad)
    assert "联系管理员" in str(err.value)
    assert bank_profile.load_file(tmp_path / "none.json") == {}


def test_slot_status_and_limits(sample_case):
    biz = default_catalog().business(sample_case.business_code)
    slot = biz.slot("debt_contract")
    assert intake.slot_status(slot, sample_case, {}).state == "missing"
    sample_case.materials["debt_contract"] = ["p1", "p2"]
    assert intake.slot_status(slot, sample_case, {}).state == "ok"
    st = intake.slot_status(slot, sample_case, {"p2": {"flags": ["blurred"]}})
    assert st.state == "attention" and "第2页" in st.problems[0].render()
    small = dataclasses.replace(slot, max_pages=1)
    assert intake.slot_status(small, sample_case, {}).state == "attention"
    assert intake.slot_status(biz.slot("construction_permit"), sample_case, {}).state == "inactive"
    assert intake.slot_status(biz.slot("bank_credentials"), sample_case, {}).state == "reference"
    assert intake.slot_status(biz.slot("interview_record"), sample_case, {}).state == "generated"
    intake.check_limit(slot, 19, 1)
    with pytest.raises(CaptureError) as err:
        intake.check_limit(slot, 19, 2)
    assert err.value.code == "material.over_limit" and "最多20页" in str(err.value)
    with pytest.raises(CaptureError) as err:
        intake.check_limit(slot, 20, 1)
    assert err.value.code == "material.full"


def test_offers(sample_case, fake):
    biz = default_catalog().business(sample_case.business_code)
    unit = fake.unit_number()
    values = [("unit_number", unit), ("contract_number", "HT2026001"), ("proof_number", "x"),
              ("certificate_number", sample_case.get("property.certificate_number"))]
    offers = intake.offers(values, sample_case, biz)
    assert [(o.key, o.value) for o in offers] == [("property.unit_number", unit),
                                                  ("mortgage.contract_number", "HT2026001")]
    assert intake.check_offer(offers[0], biz) is None
    bad = intake.ValueOffer("property.unit_number", "不动产单元号", unit[:-1] + "X")
    assert intake.check_offer(bad, biz) is not None


def test_an_offer_says_where_it_came_from_and_is_applied_only_over_what_was_shown(store, sample_case, fake):
    from shared.workflow.session import CaseSession, WorkflowError
    from shared.errors import ValidationError
    catalog = default_catalog()
    biz = catalog.business(sample_case.business_code)
    unit = fake.unit_number()
    current = sample_case.get("property.unit_number")
    offer, contract = intake.offers([("unit_number", unit), ("contract_number", "HT2026001")], sample_case, biz,
                                    "debt_contract")
    assert offer.current == current and offer.replaces and offer.unrelated     # a unit number off a contract page
    assert not contract.unrelated and contract.problem is None
    assert intake.offers([("certificate_number", "闽(2021)福州市不动产权第X号")], sample_case, biz)[0].problem is not None
    store.save_case(sample_case)
    session = CaseSession(store, catalog, sample_case, operator="tester")
    with pytest.raises(ValidationError):                        # the core checks the value too
        session.apply_offer("property.unit_number", unit[:-1] + "X", current)
    with pytest.raises(WorkflowError) as err:                   # the field is no longer what was shown
        session.apply_offer("property.unit_number", unit, "something else")
    assert "未填入" in err.value.msg.render()
    assert store.get_case(sample_case.id).get("property.unit_number") == current
    session.apply_offer("property.unit_number", unit, current)
    assert store.get_case(sample_case.id).get("property.unit_number") == unit


def test_intake_stores_pages_encrypted(store, sample_case, fake):
    from shared.devices import testpages as tp
    store.save_case(sample_case)
    unit = fake.unit_number()
    page = tp.make_page(width=900, qr_text="unit=" + unit)
    slot = default_catalog().business(sample_case.business_code).slot("property_certificate")
    result = intake.intake(store, sample_case.id, slot, [page.image], "file")
    assert result.values == [("unit_number", unit)]
    info = store.blobs.list(sample_case.id, "page", "property_certificate")
    assert [i.id for i in info] == [result.pages[0]["id"]]
    assert info[0].meta["source"] == "file" and "flags" in info[0].meta
    assert info[0].mime == "image/jpeg"
    assert result.pages[0]["data"][300:340] not in store.path.read_bytes()

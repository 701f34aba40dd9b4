"""The business catalog, case validation, completeness, states and masking."""

import json
import shutil

import pytest

from shared.domain.case import Case, Party
from shared.domain.catalog import default_catalog, load_catalog
from shared.domain.states import CaseState, StateError, check_transition
from shared.domain.validation import field_errors, is_complete, missing
from shared.errors import CatalogError
from shared.security import masking

BUSINESSES_MD_ROWS = {"mortgage_first_general", "mortgage_first_maximum", "mortgage_change", "mortgage_cancel",
                      "advance_notice_mortgage", "transfer_mortgage", "refinance", "kiosk_mortgage_cancel",
                      "kiosk_change_name", "kiosk_change_id", "kiosk_change_location", "kiosk_change_area",
                      "progress_query", "proof_retrieval"}


def test_catalog_has_every_business_of_the_domain_table():
    catalog = default_catalog()
    assert set(catalog.businesses) == BUSINESSES_MD_ROWS
    assert catalog.version == "2026.11.1"
    kiosk = {b.code for b in catalog.for_channel("kiosk")}
    assert {"kiosk_mortgage_cancel", "kiosk_change_name", "kiosk_change_area"} <= kiosk
    assert "mortgage_first_general" not in kiosk


def test_maximum_amount_business_has_its_own_materials():
    biz = default_catalog().business("mortgage_first_maximum")
    assert biz.slot("existing_debt_consent").requirement == "conditional"
    assert biz.field("mortgage.max_amount").required
    assert not biz.field("mortgage.amount").required  # overridden by the business


@pytest.fixture
def catalog_copy(tmp_path):
    target = tmp_path / "catalog"
    shutil.copytree(default_catalog().directory, target)
    return target


def _edit(path, fn):
    raw = json.loads(path.read_text("utf-8"))
    fn(raw)
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")


def test_broken_catalog_names_file_and_path(catalog_copy):
    path = catalog_copy / "businesses" / "mortgage_cancel.json"
    _edit(path, lambda raw: raw["materials"][2].__setitem__("requirement", "maybe"))
    with pytest.raises(CatalogError) as err:
        load_catalog(catalog_copy)
    text = err.value.msg.render()
    assert "mortgage_cancel.json" in text and "materials/2/requirement" in text


def test_catalog_with_invalid_json_names_the_line(catalog_copy):
    (catalog_copy / "businesses" / "refinance.json").write_text('{"code": ', "utf-8")
    with pytest.raises(CatalogError) as err:
        load_catalog(catalog_copy)
    assert "refinance.json" in str(err.value) and "JSON" in str(err.value)


def test_validation_is_skipped_only_for_the_same_bytes(catalog_copy, monkeypatch):
    import jsonschema

    runs = []
    real = jsonschema.Draft202012Validator.iter_errors
    monkeypatch.setattr(jsonschema.Draft202012Validator, "iter_errors",
                        lambda self, raw, *a, **k: (runs.append(raw["code"]) if "channels" in raw else None,  # a business file
                                                   real(self, raw, *a, **k))[1])
    path = catalog_copy / "businesses" / "mortgage_cancel.json"
    _edit(path, lambda raw: None)   # the same content in other bytes (written compactly): never seen yet
    first = load_catalog(catalog_copy)
    assert len(runs) == len(first.businesses)   # validated, and remembered as valid
    runs.clear()
    again = load_catalog(catalog_copy)
    assert runs == [] and list(again.businesses) == list(first.businesses)  # the same bytes: not again
    _edit(path, lambda raw: raw["materials"][2].__setitem__("requirement", "maybe"))   # one changed file
    with pytest.raises(CatalogError, match="materials/2/requirement"):
        load_catalog(catalog_copy)
    assert "mortgage_cancel" in runs
    runs.clear()
    with pytest.raises(CatalogError):   # a broken catalog is never remembered as valid
        load_catalog(catalog_copy)
    assert "mortgage_cancel" in runs
    runs.clear()
    load_catalog(default_catalog().directory, validate=True)   # asked to: always validated
    assert len(runs) == len(first.businesses)


def test_condition_on_unknown_field_is_refused(catalog_copy):
    path = catalog_copy / "businesses" / "mortgage_first_general.json"
    _edit(path, lambda raw: raw["materials"][5].__setitem__("condition", {"field": "mortgage.nope", "equals": True}))
    with pytest.raises(CatalogError, match="mortgage.nope"):
        load_catalog(catalog_copy)


def test_conditional_slot_follows_the_case(sample_case):
    catalog = default_catalog()
    biz = catalog.business(sample_case.business_code)
    paths = {m.path for m in missing(sample_case, biz, catalog)}
    assert "materials.mortgage_contract" in paths  # debt contract has no mortgage clause
    sample_case.set("mortgage.debt_contract_has_mortgage_clause", True)
    paths = {m.path for m in missing(sample_case, biz, catalog)}
    assert "materials.mortgage_contract" not in paths
    assert "materials.property_certificate" in paths


def test_case_complete_once_materials_are_there(sample_case):
    catalog = default_catalog()
    biz = catalog.business(sample_case.business_code)
    sample_case.set("mortgage.debt_contract_has_mortgage_clause", True)
    assert not is_complete(sample_case, biz, catalog)
    for slot in ("identity", "property_certificate", "debt_contract"):
        sample_case.materials[slot] = ["page-1"]
    assert missing(sample_case, biz, catalog) == []
    assert is_complete(sample_case, biz, catalog)


def test_field_errors_are_keyed_and_named(sample_case, fake):
    catalog = default_catalog()
    biz = catalog.business(sample_case.business_code)
    sample_case.parties[0].id_number = sample_case.parties[0].id_number[:-1] + "Y"
    sample_case.set("mortgage.debt_to", "2020-01-01")
    sample_case.set("property.use", "宫殿")
    errors = field_errors(sample_case, biz, catalog)
    assert errors["parties[0].id_number"].code == "ric.last"
    assert errors["mortgage.debt_to"].code == "mortgage.term"
    assert errors["property.use"].code == "field.choice"


def test_org_party_cannot_be_a_person_role_kind(sample_case):
    catalog = default_catalog()
    biz = catalog.business(sample_case.business_code)
    sample_case.parties[1].kind = "person"
    assert "parties[1].kind" in field_errors(sample_case, biz, catalog)


def test_roles_with_minimum_are_required():
    catalog = default_catalog()
    biz = catalog.business("mortgage_first_general")
    case = Case("mortgage_first_general")
    paths = {m.path for m in missing(case, biz, catalog)}
    assert {"role:mortgagor", "role:mortgagee"} <= paths and "role:debtor" not in paths


def test_case_round_trips_through_dict(sample_case):
    sample_case.parties[0].agent = None
    again = Case.from_dict(json.loads(json.dumps(sample_case.to_dict())))
    assert again == sample_case
    assert again.packet_id == sample_case.packet_id and again.packet_id.startswith(sample_case.id + "-r1-")


def test_packet_ids_are_unguessable_per_revision(sample_case):
    """Class 3 of the hardening: knowing a business number is not knowing its packet ids
    (before, the id was "<case id>-r<n>", which another device could announce first)."""
    import copy
    other = copy.deepcopy(sample_case)
    other.packet_salt = "0" * 16
    assert sample_case.packet_id not in (sample_case.id + "-r1", other.packet_id)
    second = copy.deepcopy(sample_case)
    second.revision = 2
    assert second.packet_id.split("-")[-1] != sample_case.packet_id.split("-")[-1]
    assert Case.from_dict(sample_case.to_dict()).packet_id == sample_case.packet_id  # stable once stored


def test_state_machine():
    check_transition(CaseState.DRAFT, CaseState.READY)
    check_transition(CaseState.CORRECTION_REQUESTED, CaseState.DRAFT)
    with pytest.raises(StateError, match="草稿"):
        check_transition(CaseState.DRAFT, CaseState.ACCEPTED)
    with pytest.raises(StateError):
        check_transition(CaseState.PROOF_ISSUED, CaseState.DRAFT)


def test_masking():
    assert masking.mask_name("张三") == "张*"
    assert masking.mask_name("张小三") == "张*三"
    assert masking.mask_name("欧阳小锋") == "欧**锋"
    assert masking.mask_id("110101199003071233") == "110101********1233"
    assert masking.mask_phone("13812345678") == "138****5678"
    text = masking.scrub("applicant 110101199003071233 phone 13812345678 amount 1000000")
    assert "110101199003071233" not in text and "13812345678" not in text and "1000000" in text


def test_org_parties_are_not_masked_but_people_are():
    org = Party("mortgagee", "org", "某某银行福州分行", "8", "91350100M000100Y43")
    person = Party("mortgagor", "person", "张小三", "1", "110101199003071233", "13812345678")
    assert masking.display_party(org)[:2] == ("某某银行福州分行", "91350100M000100Y43")
    assert masking.display_party(person) == ("张*三", "110101********1233", "138****5678")
    assert masking.display_party(person, reveal=True)[1] == "110101199003071233"

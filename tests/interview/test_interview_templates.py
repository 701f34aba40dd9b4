"""Interview templates: all load and validate, broken ones name file and path, conditions work."""

from __future__ import annotations

import json
import shutil

import pytest

from shared.domain.case import Case, Party
from shared.domain.catalog import default_catalog
from shared.domain.interview import (INTERVIEW_DIR, load_template, questions_for, stopping_answer, template_names,
                                     validate_answer)
from shared.errors import CatalogError

NAMES = ["advance_notice", "mortgage_cancel", "mortgage_change", "mortgage_first", "owner_change", "transfer"]


def _case(code="mortgage_first_general", **data):
    case = Case(code)
    for k, v in data.items():
        case.set(k.replace("__", "."), v)
    return case


def test_every_template_loads_and_every_business_names_one():
    assert template_names() == NAMES
    for name in NAMES:
        t = load_template(name)
        assert t.name == name and t.version and t.questions and "真实性承诺" in t.commitment
        assert t.questions[0].id == "true_intention"
    for business in default_catalog().businesses.values():
        if business.interview:
            assert load_template(business.interview).name == business.interview


@pytest.mark.parametrize("mutate, where", [
    (lambda d: d["questions"][2].__setitem__("type", "colour"), "questions/2/type"),
    (lambda d: d.pop("commitment"), "(根)"),
    (lambda d: d["questions"][1].__setitem__("when", {"answer": "leased", "equals": True}), "questions/1/when"),
    (lambda d: d["questions"].append(dict(d["questions"][0])), "questions/"),
])
def test_broken_template_names_file_and_path(tmp_path, mutate, where):
    shutil.copy(INTERVIEW_DIR / "schema.json", tmp_path / "schema.json")
    raw = json.loads((INTERVIEW_DIR / "mortgage_first.json").read_text("utf-8"))
    mutate(raw)
    (tmp_path / "mortgage_first.json").write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    with pytest.raises(CatalogError) as err:
        load_template("mortgage_first", tmp_path)
    text = str(err.value)
    assert str(tmp_path / "mortgage_first.json") in text and where in text


def test_invalid_json_names_the_line(tmp_path):
    (tmp_path / "broken.json").write_text('{"name": "broken",\n "version": }', "utf-8")
    with pytest.raises(CatalogError, match="broken.json.*第2行"):
        load_template("broken", tmp_path)


def test_share_is_asked_only_when_co_owned_in_shares():
    t = load_template("mortgage_first")
    case = _case(mortgage__amount="100")
    owner = Party("mortgagor")

    def ids(answers):
        return [q.id for q in questions_for(t, case, owner, answers)]
    assert "share" not in ids({"ownership": "单独所有"})
    assert "share" not in ids({"ownership": "共同共有"}) and "knows_joint_consent" in ids({"ownership": "共同共有"})
    assert "share" in ids({"ownership": "按份共有"}) and "knows_two_thirds" in ids({"ownership": "按份共有"})
    assert "co_owner_agreement_text" in ids({"ownership": "按份共有", "co_owner_agreement": True})


def test_roles_and_case_fields_select_questions():
    t = load_template("mortgage_first")
    general = _case(mortgage__amount="100")
    maximum = _case("mortgage_first_maximum", mortgage__max_amount="500")
    bank = Party("mortgagee", kind="org")
    bank_ids = [q.id for q in questions_for(t, general, bank)]
    assert "ownership" not in bank_ids and "confirm_amount" in bank_ids and "leased" not in bank_ids
    max_ids = [q.id for q in questions_for(t, maximum, Party("mortgagor"))]
    assert "confirm_max_amount" in max_ids and "confirm_amount" not in max_ids and "existing_debt_included" in max_ids


def test_question_text_shows_the_case_values():
    t = load_template("mortgage_first")
    case = _case(mortgage__amount="1234567.5", mortgage__debt_from="2026-01-01", mortgage__debt_to="2036-12-31",
                 property__location="福州市鼓楼区五一路1号")
    texts = {q.id: q.text_for(case) for q in questions_for(t, case, Party("mortgagor"))}
    assert "1,234,567.50 元" in texts["confirm_amount"]
    assert "2026年1月1日" in texts["confirm_term"] and "2036年12月31日" in texts["confirm_term"]
    assert "福州市鼓楼区五一路1号" in texts["confirm_property"]


def test_answer_validation_by_type():
    t = load_template("mortgage_first")
    intent, ownership, share = t.question("true_intention"), t.question("ownership"), t.question("share")
    other = t.question("other_statement")
    assert validate_answer(intent, True) is None and validate_answer(intent, "是") is None
    assert "是" in str(validate_answer(intent, "maybe"))
    assert validate_answer(intent, None).code == "interview.required"
    assert validate_answer(ownership, "按份共有") is None and validate_answer(ownership, "租赁") is not None
    assert validate_answer(share, "50") is None and validate_answer(share, "33.33%") is None
    for bad in ("0", "101", "abc", "12.345"):
        assert validate_answer(share, bad) is not None, bad
    assert validate_answer(other, "") is None  # optional
    assert validate_answer(other, "字" * 501) is not None


def test_stopping_answers_give_their_reason():
    t = load_template("mortgage_first")
    intent = t.question("true_intention")
    assert str(stopping_answer(intent, False)) == "非本人真实意思表示，不能继续办理"
    assert stopping_answer(intent, True) is None
    leased = t.question("leased")
    assert stopping_answer(leased, True, _case(mortgage__leased=False)) is not None
    assert stopping_answer(leased, False, _case(mortgage__leased=False)) is None
    change = load_template("mortgage_change").question("later_mortgagee_consent")
    assert stopping_answer(change, "未取得") is not None and stopping_answer(change, "不涉及") is None


def test_transfer_template_covers_seller_and_buyer():
    t = load_template("transfer")
    case = _case("transfer_mortgage", transfer__price="2000000", mortgage__amount="100")
    seller = [q.id for q in questions_for(t, case, Party("seller"), {"existing_mortgage": True})]
    buyer = [q.id for q in questions_for(t, case, Party("buyer"))]
    assert {"existing_loan_type", "alterations", "state_owned_share", "knows_objection_risk"} <= set(seller)
    assert {"ownership_after", "confirm_amount", "confirm_price"} <= set(buyer) and "alterations" not in buyer

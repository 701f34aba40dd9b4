"""What the counter's submit step waits for (Qt-free): data, interview, identity."""

from __future__ import annotations

from shared.domain import identity as idm
from shared.domain.catalog import default_catalog
from sync_helpers import counter_ready, make_case


def texts(case):
    biz = default_catalog().business(case.business_code)
    return [m.render() for m in idm.submission_blockers(case, biz, default_catalog())]


def test_a_prepared_case_has_no_blockers(store, fake):
    case = counter_ready(store, make_case(store, fake))
    assert texts(case) == []


def test_missing_interview_identity_and_material_block(store, fake):
    case = make_case(store, fake, skip_slot="debt_contract", ready=False)
    found = texts(case)
    assert any("未完成询问笔录或签名" in t for t in found)
    assert any("尚未完成身份核验" in t for t in found)
    assert any("主债权合同" in t or "debt" in t or "合同" in t for t in found)
    assert not any(case.parties[0].name in t for t in found)  # names are masked


def test_an_edit_after_signing_and_a_failed_check_block(store, fake):
    case = counter_ready(store, make_case(store, fake))
    case.set("mortgage.amount", "2000000")  # the amount asked in the interview changed
    assert any("未完成询问笔录或签名" in t for t in texts(case))
    case = counter_ready(store, make_case(store, fake))
    record = idm.latest_check(case, case.parties[0].party_id)
    record["comparison"]["decision"] = "fail"
    assert any("身份核验未通过" in t for t in texts(case))

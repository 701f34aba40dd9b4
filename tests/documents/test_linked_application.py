"""The application form of linked registrations: the property once, a section per registration."""

from __future__ import annotations

from docfixtures import build_case, pdftotext

from shared.documents.application import render_application
from shared.domain.catalog import default_catalog


def test_each_linked_registration_has_its_own_section(fake):
    case = build_case(fake)
    case.business_code = "refinance"
    case.set("change.registration_certificate", "闽(2020)福州市不动产证明第0001234号")
    text = pdftotext(render_application(case, default_catalog().business("refinance")))
    first = text.index("申请登记事项（1/2）：原抵押权注销登记")
    second = text.index("申请登记事项（2/2）：新抵押权首次登记")
    assert first < text.index("闽(2020)福州市不动产证明第0001234号") < second  # its own terms in its section
    assert second < text.index("DY2026-001")  # the new mortgage's contract under the new mortgage
    assert text.count("一并申请") == 2
    assert text.count(case.parties[0].name) >= 2  # the mortgagor applies for both


def test_a_single_registration_form_is_unchanged(fake, business):
    text = pdftotext(render_application(build_case(fake), business))
    assert "申请登记事项" in text and "（1/" not in text and "一并申请" not in text


def test_the_receipt_lists_each_registration_with_its_number(fake):
    from shared.documents.outcome import render_receipt
    case = build_case(fake)
    case.business_code = "refinance"
    case.outcome = {**case.outcome, "state": "accepted",
                    "registrations": [{"code": "mortgage_cancel", "receipt_number": "SL2026120300001"},
                                      {"code": "mortgage_first", "receipt_number": "SL2026120300002"}]}
    text = pdftotext(render_receipt(case, default_catalog().business("refinance")))
    assert text.index("原抵押权注销登记") < text.index("SL2026120300001") < text.index("新抵押权首次登记") \
        < text.index("SL2026120300002")


def test_the_authorization_letter_carries_the_fields_set_in_the_case(fake):
    from shared.documents.authorization import render_authorization
    case = build_case(fake)
    business = default_catalog().business("mortgage_first_general")
    standard = pdftotext(render_authorization(case, business))
    assert "最长不超过九十日" in standard  # nothing set: the standard wording
    case.set("authorization.matters", ["contract_filing"])
    case.set("authorization.date", "2026-12-01")
    case.set("authorization.valid_until", "2027-01-15")
    text = pdftotext(render_authorization(case, business))
    assert "房屋网签备案合同及住房套数" in text and "抵押、查封及异议登记" not in text
    assert "自2026年12月1日起至2027年1月15日止" in text and "九十日" not in text
    assert text.count("2026年12月1日") >= 2  # the time limit and the date beside each signature

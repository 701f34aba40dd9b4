"""Documents refuse missing fields and unprintable characters with a complete list."""

from __future__ import annotations

import pytest

from shared.documents import fonts, render
from shared.errors import DocumentError

from docfixtures import PLACE, build_case, pdftotext

RARE_EXT_A = "䶮"  # U+4DAE
RARE_EXT_B = "𠈌"  # U+2020C


def test_application_lists_every_missing_field(doc_case, business):
    doc_case.set("property.location", None)
    doc_case.set("mortgage.amount", None)
    doc_case.parties[0].id_number = ""
    with pytest.raises(DocumentError) as err:
        render("application", doc_case, business)
    text = str(err.value)
    assert "不动产登记申请书" in text and "坐落" in text and "被担保主债权数额" in text and "抵押人的证件号码" in text


def test_interview_needs_place_and_records(doc_case, business):
    doc_case.set("interview.place", None)
    doc_case.interview = {}
    with pytest.raises(DocumentError) as err:
        render("interview", doc_case, business)
    assert "询问地点" in str(err.value) and "询问记录" in str(err.value)


def test_unfinished_interview_is_refused(doc_case, business):
    doc_case.interview[doc_case.parties[0].party_id]["status"] = "in_progress"
    with pytest.raises(DocumentError, match="尚未完成"):
        render("interview", doc_case, business, place=PLACE)


def test_outcome_documents_need_an_outcome(doc_case, business):
    doc_case.outcome = None
    for kind in ("receipt", "not_accepted", "corrections"):
        with pytest.raises(DocumentError, match="办理结果"):
            render(kind, doc_case, business)


def test_jurisdiction_reason_needs_the_competent_authority(doc_case, business):
    doc_case.outcome.pop("competent_authority")
    with pytest.raises(DocumentError, match="有管辖权的登记机构"):
        render("not_accepted", doc_case, business)
    doc_case.outcome["reasons"] = [{"code": "jurisdiction", "authority": "平潭综合实验区不动产登记中心"}]
    assert "平潭综合实验区不动产登记中心" in pdftotext(render("not_accepted", doc_case, business))


def test_manifest_needs_batch_and_deadline(doc_case, business):
    with pytest.raises(DocumentError) as err:
        render("manifest", doc_case, business, batch={"registry": "福州市不动产登记中心"})
    assert "批次号" in str(err.value) and "移交截止日期" in str(err.value)


def test_corrections_list_is_complete(doc_case, business):
    doc_case.outcome["corrections"].append({"material": "抵押合同", "reason": ""})
    with pytest.raises(DocumentError, match="第3项补正的原因"):
        render("corrections", doc_case, business)


def _covered(char: str) -> bool:
    return fonts.fontset().font_for(char) is not None


@pytest.mark.parametrize("char", [RARE_EXT_A, RARE_EXT_B])
def test_rare_characters_render_with_a_fallback_or_are_flagged(char, fake, business):
    case = build_case(fake, name="王" + char + "明")
    if _covered(char):
        pdf = render("application", case, business)
        assert char in pdftotext(pdf)  # drawn, with its own glyph (a fallback font is embedded)
    else:
        with pytest.raises(DocumentError) as err:
            render("application", case, business)
        assert char in str(err.value) and "U+{:04X}".format(ord(char)) in str(err.value)


def test_without_fallback_fonts_rare_characters_are_refused_and_listed(fake, business, monkeypatch):
    monkeypatch.setenv("YIZHAN_PDF_FALLBACK_FONTS", "")
    fonts.reset_fonts()
    try:
        assert fonts.fontset().font_for(RARE_EXT_A) is None  # the main font (WenQuanYi) lacks both
        case = build_case(fake, name="李" + RARE_EXT_A + "文", address="福州市" + RARE_EXT_B + "巷1号")
        with pytest.raises(DocumentError) as err:
            render("application", case, business)
        text = str(err.value)
        assert "U+4DAE" in text and "U+2020C" in text
    finally:
        fonts.reset_fonts()


def test_fallback_font_is_used_only_for_the_rare_run(fake, business):
    fs = fonts.fontset()
    if fs.font_for(RARE_EXT_A) in (None, fs.name):
        pytest.fail("no fallback font with U+4DAE: install fonts-droid-fallback or fonts-hanazono")
    markup = fs.markup("王" + RARE_EXT_A + "明")
    assert markup.startswith("王<font face=") and markup.endswith("</font>明")


def test_main_font_is_embedded_truetype_not_stsong(doc_case, business):
    pdf = render("receipt", doc_case, business)
    assert b"STSong" not in pdf and b"FontFile2" in pdf

"""Every printed document: embedded font, Chinese text back out, renders to PNG, nothing overflows."""

from __future__ import annotations

import subprocess

import pytest

from shared.documents import DOCUMENT_KINDS, render
from shared.documents.layout import LayoutReport
from shared.documents.raster import rasterize, split_png_stream
from shared.errors import DocumentError

from docfixtures import BATCH, PLACE, build_case, pdffonts, pdftotext

EXPECTED_TEXT = {
    "application": ["不动产登记申请书", "抵押权", "首次登记", "被担保主债权数额", "1,000,000.00", "权利人情况", "义务人情况"],
    "interview": ["询问笔录", "真实意思表示", "真实性承诺", "询问地点", "1,000,000.00", "第1页共"],
    "authorization": ["授权书", "授权事项", "授权期限", "法律义务", "统一社会信用代码"],
    "receipt": ["受理凭证", "SL2026112200017", "收件材料", "主债权合同", "复印件", "合计", "福州市不动产登记中心"],
    "not_accepted": ["不予受理告知书", "不属于本登记机构管辖", "福州市长乐区不动产登记中心", "行政复议"],
    "corrections": ["补正材料通知书", "一次性告知", "缺少签字页", "复印件模糊", "共2项"],
    "manifest": ["纸质材料移交清单", "PC-20261122-01", "不动产权证书", "抵押合同", "合计"],
}


def _render(kind, case, business, report=None):
    return render(kind, case, business, batch=BATCH, place=PLACE, report=report)


@pytest.mark.parametrize("kind", list(DOCUMENT_KINDS))
def test_document_embeds_font_extracts_and_rasterises(kind, doc_case, business):
    report = LayoutReport()
    pdf = _render(kind, doc_case, business, report)
    assert pdf.startswith(b"%PDF")
    fonts = pdffonts(pdf)
    font_lines = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert font_lines, fonts
    for line in font_lines:  # every font is embedded: no reader-dependent glyphs
        assert " yes " in line and "TrueType" in line, fonts
    assert b"FontFile2" in pdf
    text = pdftotext(pdf)
    for expected in EXPECTED_TEXT[kind]:
        assert expected in text, (kind, expected)
    assert "文档校验码" in text
    pages = rasterize(pdf, dpi=60)
    assert len(pages) == report.pages >= 1
    assert all(p.startswith(b"\x89PNG") for p in pages)
    assert report.cells and not report.overflows()


def test_party_names_and_numbers_are_printed(doc_case, business):
    text = pdftotext(_render("application", doc_case, business))
    for party in doc_case.parties:
        assert party.id_number in text
        assert party.name[:4] in text


def test_long_names_and_addresses_wrap_inside_cells(fake, business, tmp_path):
    long_name = "欧阳" + "慕容司马上官诸葛东方皇甫" * 4
    long_address = "福建省福州市鼓楼区五一北路一百二十八号" * 8 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" * 3
    case = build_case(fake, name=long_name, address=long_address, location=long_address)
    case.set("remarks", "这是一段很长的备注。" * 90)
    case.outcome["corrections"] = [{"material": "材料" * 40, "reason": "原因说明" * 80}]
    for kind in DOCUMENT_KINDS:
        report = LayoutReport()
        pdf = _render(kind, case, business, report)
        assert report.cells, kind
        assert not report.overflows(), (kind, report.overflows()[:3])
        for cell in report.cells:  # every cell's content within its frame
            assert cell.content_h <= cell.avail_h + 0.01 and cell.widest_line <= cell.to_border
        if kind == "application":
            (tmp_path / "long.png").write_bytes(rasterize(pdf, dpi=60)[0])


def test_page_numbers_count_all_pages(doc_case, business):
    report = LayoutReport()
    text = pdftotext(_render("interview", doc_case, business, report))
    assert report.pages >= 2
    for n in range(1, report.pages + 1):
        assert "第{}页共{}页".format(n, report.pages) in text


def test_receipt_qr_code_holds_the_business_number(doc_case, business):
    import cv2
    import numpy as np
    from shared.capture.barcode import read_barcodes
    png = rasterize(_render("receipt", doc_case, business), dpi=150)[0]
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
    # read as the registry's scanner would (the product's reader, zxing-cpp): OpenCV's own QR
    # detector misses some perfectly printed codes, which made this test fail now and then
    assert doc_case.id in [code.text for code in read_barcodes(image)]


def test_footer_hash_changes_with_content(doc_case, business):
    first = pdftotext(_render("application", doc_case, business))
    doc_case.set("property.area", "90.01")
    second = pdftotext(_render("application", doc_case, business))
    line = [ln for ln in first.splitlines() if "SHA-256" in ln][0]
    assert line not in second


def test_rendering_writes_no_files(doc_case, business, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    for kind in DOCUMENT_KINDS:
        _render(kind, doc_case, business)
    assert list(tmp_path.iterdir()) == []


def test_split_png_stream_keeps_each_page():
    from docfixtures import tiny_png
    a, b = tiny_png(10, 10), tiny_png(20, 8)
    assert split_png_stream(a + b) == [a, b]


def test_unknown_kind_is_refused(doc_case, business):
    with pytest.raises(DocumentError) as err:
        render("certificate", doc_case, business)
    assert "未知的文档类型" in str(err.value)


def test_pdftotext_helper_reads_stdin(doc_case, business):
    out = subprocess.run(["pdftotext", "-", "-"], input=_render("receipt", doc_case, business),
                         capture_output=True, check=True).stdout.decode("utf-8")
    assert "受理凭证" in out

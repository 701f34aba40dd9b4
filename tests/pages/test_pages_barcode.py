"""Barcode reading (both back ends) and the classification of barcode values."""

from __future__ import annotations

import numpy as np
import pytest

from shared.devices import testpages as tp
from shared.capture.barcode import Barcode, default_backend, fix_mojibake, read_barcodes
from shared.capture.barcode_values import classify_value, is_unit_number
from shared.capture.page import process_page

# The same texts as the page_with_codes fixture in conftest.py.
QR_ZH = "不动产权证书：闽(2023)福州市不动产权第0012345号;unit=350102003004GB00012F00030012"
CODE128 = "HT20230815001"

UNIT = "350102003004GB00012F00030012"


@pytest.fixture(scope="module")
def desk_photo(page_with_codes):
    """A 1280x960 photo as the document camera delivers it."""
    return tp.make_photo(page_with_codes, size=(1280, 960), seed=2, fill=0.95, rotate_deg=3).image


@pytest.mark.parametrize("backend", ["pyzbar", "zxing"])
def test_reads_chinese_qr_and_code128(desk_photo, backend):
    codes = read_barcodes(desk_photo, backend=backend)
    assert {(c.type, c.text) for c in codes} == {("QRCODE", QR_ZH), ("CODE128", CODE128)}
    for c in codes:
        assert isinstance(c, Barcode)
        x, y, w, h = c.rect
        assert 0 <= x < desk_photo.shape[1] and 0 <= y < desk_photo.shape[0] and w > 0 and h > 0


@pytest.mark.parametrize("backend", ["pyzbar", "zxing"])
def test_symbology_restriction(desk_photo, backend):
    codes = read_barcodes(desk_photo, symbologies=("CODE128",), backend=backend)
    assert [(c.type, c.text) for c in codes] == [("CODE128", CODE128)]


def test_processed_page_still_reads(page_with_codes):
    # 3 MP, the low end of document cameras; the page comes out about 900 px wide.
    photo = tp.make_photo(page_with_codes, size=(2048, 1536), seed=5)
    page = process_page(photo.image)
    texts = {c.text for c in read_barcodes(page.decode())}
    assert QR_ZH in texts and CODE128 in texts


@pytest.mark.parametrize("text", ["不动产", "福州市鼓楼区", "unit=测试;合同=HT1", "闽(2023)福州市"])
def test_pure_qr_with_chinese_both_backends(text):
    qr = tp.qr_image(text, box=6)
    for backend in ("pyzbar", "zxing"):
        assert [c.text for c in read_barcodes(qr, backend=backend)] == [text]


def test_fix_mojibake_on_real_zbar_output():
    from pyzbar.pyzbar import ZBarSymbol, decode

    original = "福州市鼓楼区"  # short texts are the ones zbar's guess gets wrong
    raw = decode(tp.qr_image(original, box=6), symbols=[ZBarSymbol.QRCODE])[0].data
    garbled = raw.decode("utf-8")
    assert garbled != original  # zbar read the UTF-8 bytes as Shift-JIS
    assert fix_mojibake(garbled) == original
    latin = original.encode("utf-8").decode("latin-1")
    assert fix_mojibake(latin) == original
    assert fix_mojibake("HT20230815001") == "HT20230815001"
    assert fix_mojibake("不动产") == "不动产"  # already right: left alone


def test_nothing_found_on_plain_paper():
    assert read_barcodes(np.full((300, 400, 3), 255, np.uint8)) == []


def test_default_backend_is_zxing_when_installed():
    assert default_backend() == "zxing"
    with pytest.raises(ValueError):
        read_barcodes(np.full((50, 50), 255, np.uint8), backend="quagga")


def test_classify_unit_number():
    assert classify_value(UNIT) == [("unit_number", UNIT)]
    assert is_unit_number(UNIT)
    assert not is_unit_number(UNIT[:-1])
    assert not is_unit_number("350102003004GB00012P00030012")  # P is no fixture type
    assert classify_value("350102003004XB00012F00030012") == []  # X is no ownership code


def test_classify_certificate_and_proof():
    cert = "闽(2023)福州市不动产权第0012345号"
    assert classify_value(cert) == [("certificate_number", cert)]
    assert classify_value("证书号：闽（2023）福州市 不动产权第 0012345 号") == [
        ("certificate_number", "闽（2023）福州市不动产权第0012345号")]
    proof = "京(2021)北京市不动产证明第0001234号"
    assert classify_value(proof) == [("proof_number", proof)]


def test_classify_key_value_and_json_payloads():
    found = classify_value("unit={};contract=HT20230815001".format(UNIT))
    assert found == [("unit_number", UNIT), ("contract_number", "HT20230815001")]
    # A bank's own contract format is taken under a contract key.
    assert ("contract_number", "DY-2023-09") in classify_value("contract=DY-2023-09")
    js = '{"bdcqzh": "闽(2023)福州市不动产权第0012345号", "htbh": "HT20230815001"}'
    assert classify_value(js) == [("certificate_number", "闽(2023)福州市不动产权第0012345号"),
                                  ("contract_number", "HT20230815001")]
    # A unit key holding a value of the wrong shape offers nothing.
    assert classify_value("unit=12345") == []


def test_classify_contract_prefixes():
    assert classify_value("HT20230815001") == [("contract_number", "HT20230815001")]
    assert classify_value("DY20230815001") == []
    assert classify_value("DY20230815001", contract_prefixes=("DY", "HT")) == [
        ("contract_number", "DY20230815001")]
    assert classify_value("hello world") == []


def test_zxing_second_pass_reads_thin_turned_code128():
    # Bars ~1.3 px wide, turned 6 degrees: zxing-cpp's first pass misses it, the 1.5x pass
    # finds it (zbar reads it too, ten times slower).
    page = tp.make_page(width=1000, qr_text=QR_ZH, code128_text="HT20230815003", qr_box=4)
    img = tp.make_photo(page, size=(1280, 960), seed=3, fill=0.95, rotate_deg=-6).image
    for backend in ("zxing", "pyzbar"):
        found = {(c.type, c.text) for c in read_barcodes(img, backend=backend)}
        assert found == {("QRCODE", QR_ZH), ("CODE128", "HT20230815003")}

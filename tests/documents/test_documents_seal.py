"""The bank's electronic seal: its documents signed through PKCS#11 (a SoftHSM2 token made here,
its key generated inside it, certified by a test CA made here) as PAdES signatures that
pyHanko's validation finds intact, covering the whole file and chained to the test CA."""

from __future__ import annotations

import io
import logging

import pytest
from docfixtures import PLACE, pdftotext

from shared.documents import case_documents as cdocs
from shared.documents import seal as sl


@pytest.fixture
def tokens(soft_tokens):
    return soft_tokens


@pytest.fixture
def token(soft_tokens):
    return soft_tokens[0]


def _sealer(token, pin=None, **kw):
    return sl.TokenSealer(pin or token.pin, module=token.module, token=token.label, **kw)


def _validate(pdf: bytes, ca_der: bytes):
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    sigs = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert len(sigs) == 1
    context = ValidationContext(trust_roots=[x509.Certificate.load(ca_der)])
    return sigs[0], validate_pdf_signature(sigs[0], context)


@pytest.mark.parametrize("isolate", [False, True])
def test_sealed_documents_verify_against_the_test_ca(token, store, doc_case, business, isolate):
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    with _sealer(token) as sealer:
        assert sealer.organisation == token.organisation
        docs = cdocs.generate(store, doc_case, business, PLACE, sealer, isolate=isolate)  # rendered here or in a child
    assert [d.kind for d in docs] == ["application", "interview", "authorization"]
    for doc in docs:
        pdf = store.blobs.get(doc.blob_id)
        assert pdf == doc.pdf and doc.meta["sealed"] is True
        embedded, status = _validate(pdf, token.ca_der)
        assert status.intact and status.valid and status.trusted, status.pretty_print_details()
        assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        assert status.signer_reported_dt is not None
        assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
        assert embedded.signer_cert.subject.native["organization_name"] == token.organisation
        # Visible: the seal's box on the page, about 40 mm wide, with an appearance stream.
        x1, y1, x2, y2 = [float(v) for v in embedded.sig_field["/Rect"]]
        assert x2 - x1 == pytest.approx(sl.SEAL_MM * 72 / 25.4, rel=0.01)
        assert "/AP" in embedded.sig_field
        text = pdftotext(pdf)
        assert sl.SEALED_NOTE.format(bank=token.organisation)[:20] in text
        assert sl.HAND_NOTE not in text
    rows = [r for r in store.audit_rows(doc_case.id) if r[3] == "documents_sealed"]
    assert len(rows) == 1 and token.organisation in rows[0][5]


def test_a_changed_byte_breaks_the_seal(token, doc_case, business):
    with _sealer(token) as sealer:
        pdf = cdocs.render_all(doc_case, business, PLACE, sealer)["authorization"]
    at = pdf.index(b"/Producer (") + len(b"/Producer (")  # one letter of the signed metadata
    tampered = pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1:]
    assert len(tampered) == len(pdf) and tampered != pdf
    _, status = _validate(tampered, token.ca_der)
    assert not status.intact and not status.bottom_line


def test_without_a_key_the_documents_say_the_officer_signs_by_hand(store, doc_case, business):
    from pyhanko.pdf_utils.reader import PdfFileReader

    docs = cdocs.generate(store, doc_case, business, PLACE)
    for doc in docs:
        assert doc.meta["sealed"] is False
        assert sl.HAND_NOTE in pdftotext(doc.pdf)
        assert PdfFileReader(io.BytesIO(doc.pdf)).embedded_signatures == []
    # `yizhan render` prints the same line: the paper is signed by hand.
    from shared.documents import render
    assert sl.HAND_NOTE in pdftotext(render("application", doc_case, business))
    assert sl.HAND_NOTE not in pdftotext(render("receipt", doc_case, business))


def test_wrong_pin_is_one_clear_refusal_and_never_written_down(token, caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(sl.SealError) as err:
        _sealer(token, pin="999999")
    assert err.value.code == "seal.pin_wrong"
    assert "999999" not in err.value.msg.render() and "999999" not in caplog.text
    assert sl.check_token(module=token.module, token=token.label)["pin_count_low"]  # the key counted it
    with _sealer(token) as sealer:  # one wrong try does not lock the key; the right PIN works
        assert sealer.signer is not None
    assert token.pin not in caplog.text


def test_the_keys_own_lockout_is_respected():
    import pkcs11.exceptions as p11
    from pyhanko.sign.general import SigningError

    assert sl.token_error(p11.PinLocked()).code == "seal.pin_locked"
    wrapped = SigningError("signing failed")
    wrapped.__cause__ = p11.PinIncorrect()
    assert sl.token_error(wrapped).code == "seal.pin_wrong"
    assert sl.token_error(p11.DeviceRemoved()).code == "seal.token_gone"
    with pytest.raises(sl.SealError) as err:
        sl.TokenSealer("", module="/nonexistent")
    assert err.value.code == "seal.pin_empty"


def test_key_removed_mid_signature_stores_nothing(token, store, doc_case, business):
    earlier = cdocs.generate(store, doc_case, business, PLACE)  # signed by hand, stored
    materials = {k: list(v) for k, v in doc_case.materials.items()}
    sealer = _sealer(token)
    real = sealer.signer.async_sign_raw
    calls = []

    async def pulled_out(*args, **kwargs):
        calls.append(1)
        sealer._session.close()  # the key leaves: the driver's session is gone
        return await real(*args, **kwargs)

    sealer.signer.async_sign_raw = pulled_out
    with pytest.raises(sl.SealError) as err:
        cdocs.generate(store, doc_case, business, PLACE, sealer)
    assert err.value.code == "seal.token_gone" and calls
    stored = store.blobs.list(doc_case.id, kind="document")
    assert sorted(b.id for b in stored) == sorted(d.blob_id for d in earlier)
    assert store.get_case(doc_case.id).materials == materials
    assert all(store.blobs.get(d.blob_id) == d.pdf for d in earlier)
    sealer.close()


def test_missing_driver_token_or_valid_certificate(tokens, tmp_path):
    token, old = tokens
    with pytest.raises(sl.SealError) as err:
        sl.TokenSealer("123456", module=str(tmp_path / "missing-pkcs11.so"))
    assert err.value.code == "seal.no_module"
    with pytest.raises(sl.SealError) as err:
        sl.TokenSealer(token.pin, module=token.module, token="NO-SUCH-KEY")
    assert err.value.code == "seal.no_token"
    with pytest.raises(sl.SealError) as err:
        sl.TokenSealer(old.pin, module=old.module, token=old.label)
    assert err.value.code == "seal.cert_expired"


def test_check_token_reports_the_key(token):
    info = sl.check_token(module=token.module, token=token.label)
    assert info["token"] == token.label and info["pin_locked"] is False and "organisation" not in info
    info = sl.check_token(token.pin, module=token.module, token=token.label)
    assert info["organisation"] == token.organisation


def test_seal_image_is_a_round_red_png():
    import cv2
    import numpy as np

    png = sl.seal_image("测试银行股份有限公司", size=300)
    img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_UNCHANGED)
    assert img.shape == (300, 300, 4)
    inked = img[:, :, 3] > 0
    ys, xs = np.nonzero(inked)
    assert abs((xs.max() - xs.min()) - (ys.max() - ys.min())) <= 6  # round
    assert (img[inked][:, 2].astype(int) - img[inked][:, 0]).mean() > 100  # red


def _cli_store(tmp_path, case, token_label):
    from shared.config import Settings, config_dir_for
    from shared.store.store import Store

    with Store.open(tmp_path / "data", tmp_path / "config", operator="tester") as store:
        store.save_case(case)
    settings = Settings.load(config_dir_for(tmp_path / "data"))
    settings.set("seal.token", token_label)
    settings.save()


def test_cli_seals_a_cases_documents_with_the_pin_from_stdin(token, tmp_path, doc_case, capsys, monkeypatch):
    from shared.cli.main import main
    from shared.store.store import Store

    _cli_store(tmp_path, doc_case, token.label)
    data = ["--data-dir", str(tmp_path / "data")]
    monkeypatch.setattr("sys.stdin", io.StringIO(token.pin + "\n"))
    assert main(data + ["seal", "check", "--pin-file", "-"]) == 0
    out = capsys.readouterr().out
    assert token.organisation in out and token.label in out and token.pin not in out
    monkeypatch.setattr("sys.stdin", io.StringIO("000000\n"))
    assert main(data + ["seal", "documents", "--case", doc_case.id, "--pin-file", "-"]) == 1
    captured = capsys.readouterr()
    assert "PIN 不正确" in captured.err and "000000" not in captured.err + captured.out
    monkeypatch.setattr("sys.stdin", io.StringIO(token.pin + "\n"))
    assert main(data + ["seal", "documents", "--case", doc_case.id, "--pin-file", "-"]) == 0
    assert capsys.readouterr().out.count("已加盖电子印章") == 3
    with Store.open(tmp_path / "data", tmp_path / "config", operator="tester") as store:
        blobs = store.blobs.list(doc_case.id, kind="document")
        assert len(blobs) == 3 and all(b.meta["sealed"] for b in blobs)
        _, status = _validate(store.blobs.get(blobs[0].id), token.ca_der)
        assert status.bottom_line
    assert main(data + ["seal", "documents", "--case", doc_case.id]) == 0  # no PIN: by hand
    assert capsys.readouterr().out.count("待经办人手写签名") == 3

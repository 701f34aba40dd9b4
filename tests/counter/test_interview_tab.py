"""The interview page through its real widgets: answer, stop, sign with the mouse, documents."""

from __future__ import annotations

import base64
import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from counter import case_editor
from counter.context import AppContext
from counter.tabs.interview import QtInterviewTab
from shared.documents.authorization import signature_key
from shared.domain.catalog import default_catalog
from shared.domain.interview_progress import authorization_content
from shared.domain.signature import verify_binding
from shared.domain.validation import missing

SHOTS = Path(os.environ.get("YIZHAN_SHOTS", "/tmp/yizhan-shots"))
NO_ANSWERS = {"dispute_or_seized", "other_mortgage", "leased"}


@pytest.fixture
def editor(qtbot, store, sample_case):
    prints: list[bytes] = []
    ed = case_editor.QtCaseEditor(AppContext.for_store(store, default_catalog()), tabs=(QtInterviewTab,))
    ed.pages[0].documents.print_fn = lambda pdf, parent: prints.append(pdf)
    ed.prints = prints
    qtbot.addWidget(ed)
    ed.resize(1400, 900)
    ed.open_case(sample_case)
    ed.show()
    ed.tabs.setCurrentWidget(ed.pages[0])
    return ed


def _tab(editor):
    return editor.pages[0]


def _shot(widget, name):
    QApplication.processEvents()  # let pending layout requests run before the grab
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def _party(editor, role):
    return next(p for p in editor.case.parties if p.role == role)


def _click(qtbot, parent, name):
    button = parent.findChild(QPushButton, name)
    assert button is not None, name
    assert button.isVisible() and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.LeftButton)


def answer_all(qtbot, view, answers=None):
    """Answer every question through the view's buttons and input line, until stop or confirm."""
    answers = answers or {}
    while view.pages.currentIndex() == 0:
        q = view.session.current
        value = answers.get(q.id, q.id not in NO_ANSWERS if q.type == "yes_no" else "")
        if q.type == "yes_no":
            _click(qtbot, view.answer_box, "yesButton" if value else "noButton")
        elif q.type == "choice":
            _click(qtbot, view.answer_box, "choiceButton{}".format(q.choices.index(value) if value else 0))
        else:
            view.answer_edit.clear()
            view.answer_edit.insert(value)
            _click(qtbot, view, "nextButton")


def draw(qtbot, pad, points=((40, 120), (90, 60), (140, 130), (200, 50), (260, 125), (330, 70))):
    """A synthetic signature: a zig-zag stroke, then a short second stroke."""
    qtbot.mousePress(pad, Qt.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.LeftButton, pos=QPoint(*points[-1]))
    qtbot.mousePress(pad, Qt.LeftButton, pos=QPoint(60, 150))
    qtbot.mouseMove(pad, QPoint(300, 150))
    qtbot.mouseRelease(pad, Qt.LeftButton, pos=QPoint(320, 152))


def interview_and_sign(qtbot, editor, role, authorize=True):
    tab = _tab(editor)
    party = _party(editor, role)
    _click(qtbot, tab, "start:" + party.party_id)
    assert tab.stage.currentWidget() is tab.view
    answer_all(qtbot, tab.view)
    assert tab.view.pages.currentIndex() == 2  # the confirmation with every answer
    _click(qtbot, tab.view, "confirmButton")
    assert tab.stage.currentWidget() is tab.sign_page
    draw(qtbot, tab.pad)
    assert tab.pad.ink_problem() is None
    with qtbot.waitSignal(tab.signed, timeout=10000):
        _click(qtbot, tab, "confirmSignature")
    if tab.stage.currentWidget() is tab.auth_page:
        if authorize:
            draw(qtbot, tab.auth_pad)
            with qtbot.waitSignal(editor.saved, timeout=10000):
                _click(qtbot, tab, "confirmAuthorization")
        else:
            _click(qtbot, tab, "skipAuthorization")
    return party


def generate(qtbot, editor):
    tab = _tab(editor)
    with qtbot.waitSignal(tab.documents.generated, timeout=30000) as blocker:
        _click(qtbot, tab.documents, "generateDocuments")
    qtbot.waitUntil(lambda: tab.stage.currentWidget() is tab.documents.preview_page, timeout=20000)
    qtbot.waitUntil(lambda: tab.documents.infos is not None, timeout=10000)
    return blocker.args[0]


def pdftotext(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")


def test_parties_interview_sign_and_generate(qtbot, editor, store, tmp_path):
    tab = _tab(editor)
    biz = editor.biz
    assert tab.title == "询问笔录与签名"
    lacking = [m.path for m in missing(editor.collect(), biz, editor.catalog, check_interview=True)]
    assert any(p.startswith("signatures.") for p in lacking)
    assert not tab.documents.generate_button.isEnabled()
    _shot(editor, "interview_tab_start.png")

    mortgagor = _party(editor, "mortgagor")
    _click(qtbot, tab, "start:" + mortgagor.party_id)
    _shot(editor, "interview_tab_question.png")
    answer_all(qtbot, tab.view)
    _shot(editor, "interview_tab_confirm.png")
    _click(qtbot, tab.view, "confirmButton")
    draw(qtbot, tab.pad)
    _shot(editor, "interview_tab_sign.png")
    with qtbot.waitSignal(tab.signed, timeout=10000):
        _click(qtbot, tab, "confirmSignature")
    assert tab.stage.currentWidget() is tab.auth_page  # the mortgagor also signs the authorization
    draw(qtbot, tab.auth_pad)
    with qtbot.waitSignal(editor.saved, timeout=10000):
        _click(qtbot, tab, "confirmAuthorization")
    assert "已完成并签名" in tab.rows[mortgagor.party_id].status.text()
    interview_and_sign(qtbot, editor, "mortgagee")

    case = editor.collect()
    for party in case.parties:
        record = case.interview[party.party_id]
        assert record["status"] == "completed" and record["confirmed_at"]
        assert verify_binding(case.signatures[party.party_id], record)
        assert case.signatures[party.party_id]["png"]
    for key, raw in case.signatures.items():  # the signature images, to look at
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / "interview_tab_sig_{}.png".format(key.replace(":", "_"))).write_bytes(base64.b64decode(raw["png"]))
    assert len(case.signatures[_party(editor, "mortgagee").party_id]["strokes"]) == 2
    auth = case.signatures[signature_key(mortgagor.party_id)]
    assert auth["purpose"] == "authorization"
    assert verify_binding(auth, authorization_content(case, mortgagor.party_id))
    assert not [m for m in missing(case, biz, editor.catalog, check_interview=True) if m.kind == "signature"]
    assert tab.documents.generate_button.isEnabled()
    saved = store.get_case(case.id)
    assert saved.signatures.keys() == case.signatures.keys()

    docs = generate(qtbot, editor)
    _shot(editor, "interview_tab_preview.png")
    assert {d.slot for d in docs} == {"application", "interview_record", "authorization"}
    blobs = {b.slot: b for b in store.blobs.list(case.id, kind="document")}
    assert set(blobs) == {"application", "interview_record", "authorization"}
    saved = store.get_case(case.id)
    for d in docs:
        assert editor.case.materials[d.slot] == [d.blob_id] == saved.materials[d.slot]
        assert blobs[d.slot].id == d.blob_id and blobs[d.slot].mime == "application/pdf"
        pdf = store.blobs.get(d.blob_id)
        assert pdf == d.pdf and pdf.startswith(b"%PDF") and b"FontFile2" in pdf
    texts = {d.kind: pdftotext(d.pdf) for d in docs}
    assert "询问笔录" in texts["interview"] and "本次申请登记是否为您" in texts["interview"]
    assert "不动产登记申请书" in texts["application"]
    assert "授权书" in texts["authorization"] and "福州市鼓楼区五一路88号" in texts["authorization"]
    assert "材料清单" not in lacking  # generated slots never count as missing
    assert not [m for m in missing(saved, biz, editor.catalog) if m.path in
                ("materials.application", "materials.interview_record")]
    # Nothing of the PDFs in clear on disk: the store is encrypted (db, WAL, anything beside it).
    probe = [d.pdf[len(d.pdf) // 2: len(d.pdf) // 2 + 48] for d in docs]
    for path in (tmp_path / "data").rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert b"%PDF" not in raw and b"FontFile2" not in raw
            assert not any(p in raw for p in probe)
    # printing goes through the print function (no dialog in tests)
    _click(qtbot, tab.documents, "print:interview")
    qtbot.waitUntil(lambda: len(editor.prints) == 1, timeout=10000)
    assert editor.prints[0] == next(d.pdf for d in docs if d.kind == "interview")
    for d in docs:  # pages to look at
        from shared.documents.raster import rasterize
        for i, png in enumerate(rasterize(d.pdf, 80)):
            SHOTS.mkdir(parents=True, exist_ok=True)
            (SHOTS / "interview_tab_{}_{}.png".format(d.kind, i + 1)).write_bytes(png)


def test_stop_answer_blocks_with_reason(qtbot, editor, store):
    tab = _tab(editor)
    mortgagor = _party(editor, "mortgagor")
    _click(qtbot, tab, "start:" + mortgagor.party_id)
    with qtbot.waitSignal(tab.stopped, timeout=10000) as blocker:
        answer_all(qtbot, tab.view, {"true_intention": True, "signed_voluntarily": False})
    reason = "申请材料非自愿签署，不能继续办理"
    assert blocker.args == [mortgagor.party_id, reason]
    assert tab.view.pages.currentIndex() == 1 and reason in tab.view.stop_label.text()
    assert tab.banner.isVisible() and reason in tab.banner.text() and "不能继续办理" in tab.banner.text()
    assert reason in tab.rows[mortgagor.party_id].status.text()
    assert not tab.documents.generate_button.isEnabled()
    assert reason in tab.documents.state_label.text()
    _shot(editor, "interview_tab_stopped.png")
    record = store.get_case(editor.case.id).interview[mortgagor.party_id]
    assert record["status"] == "stopped" and record["stop_reason"] == reason
    assert mortgagor.party_id not in editor.case.signatures
    lacking = missing(editor.collect(), editor.biz, editor.catalog, check_interview=True)
    assert "signatures." + mortgagor.party_id in [m.path for m in lacking]
    # the party corrects the answer: back from the stop, answer on, sign; the stop is gone
    _click(qtbot, tab.view, "stopBackButton")
    answer_all(qtbot, tab.view)
    _click(qtbot, tab.view, "confirmButton")
    draw(qtbot, tab.pad)
    with qtbot.waitSignal(tab.signed, timeout=10000):
        _click(qtbot, tab, "confirmSignature")
    assert editor.case.interview[mortgagor.party_id]["status"] == "completed"
    assert not tab.banner.isVisible()


def test_too_little_ink_is_refused(qtbot, editor):
    tab = _tab(editor)
    mortgagor = _party(editor, "mortgagor")
    _click(qtbot, tab, "start:" + mortgagor.party_id)
    answer_all(qtbot, tab.view)
    _click(qtbot, tab.view, "confirmButton")
    draw(qtbot, tab.pad, points=((40, 100), (50, 104)))
    tab.pad.undo()  # only the tiny stroke is left
    _click(qtbot, tab, "confirmSignature")
    assert "签名" in tab.sign_page.error.text()
    assert tab.stage.currentWidget() is tab.sign_page
    assert mortgagor.party_id not in editor.case.signatures
    assert mortgagor.party_id not in editor.case.interview


def test_documents_go_stale_after_an_edit_and_are_replaced(qtbot, editor, store):
    tab = _tab(editor)
    mortgagor = interview_and_sign(qtbot, editor, "mortgagor", authorize=False)
    interview_and_sign(qtbot, editor, "mortgagee")
    first = {d.slot: d.blob_id for d in generate(qtbot, editor)}
    assert tab.documents.stale() == []
    # an edit that the interview does not ask about: only the documents are stale
    editor.tabs.setCurrentIndex(0)  # the officer edits the form, then comes back to this page
    area = editor.fields["property.area"]
    area.input.clear()
    area.input.insert("120.5")
    editor.tabs.setCurrentWidget(tab)
    assert set(tab.documents.stale()) == {"application", "interview", "authorization"}
    assert "已过期" in tab.banner.text() and "重新生成" in tab.documents.generate_button.text()
    assert not tab.documents.findChild(QPushButton, "print:application").isEnabled()
    tab.documents.print_kind("application")  # refused: stale
    assert editor.prints == []
    _shot(editor, "interview_tab_stale.png")
    second = {d.slot: d.blob_id for d in generate(qtbot, editor)}
    assert tab.documents.stale() == []
    blobs = store.blobs.list(editor.case.id, kind="document")
    assert sorted(b.id for b in blobs) == sorted(second.values())
    assert not set(first.values()) & set(second.values())
    assert all(editor.case.materials[slot] == [bid] for slot, bid in second.items())
    # an edit the interview asked about: the interviews are outdated and block the documents
    editor.tabs.setCurrentIndex(0)
    amount = editor.fields["mortgage.amount"]
    amount.input.clear()
    amount.input.insert("2000000")
    editor.tabs.setCurrentWidget(tab)
    assert "重新询问" in tab.rows[mortgagor.party_id].status.text()
    assert not tab.documents.generate_button.isEnabled()
    assert "重新询问" in tab.banner.text()
    _shot(editor, "interview_tab_outdated.png")


def test_documents_sealed_with_the_usb_key_or_signed_by_hand(qtbot, editor, store, soft_tokens):
    import io

    from PySide6.QtWidgets import QCheckBox, QLineEdit
    from pyhanko.pdf_utils.reader import PdfFileReader

    from shared.documents.seal import HAND_NOTE
    from shared.ui.notify import notifier

    token = soft_tokens[0]
    tab = _tab(editor)
    editor.ctx.settings.set("seal.module", token.module)
    editor.ctx.settings.set("seal.token", token.label)
    interview_and_sign(qtbot, editor, "mortgagor")
    interview_and_sign(qtbot, editor, "mortgagee")
    box = tab.documents.findChild(QCheckBox, "sealDocuments")
    pin = tab.documents.findChild(QLineEdit, "sealPin")
    box.setChecked(True)
    # A wrong PIN: one clear message, the field emptied, nothing stored.
    qtbot.keyClicks(pin, "000000")
    notifier().history.clear()
    _click(qtbot, tab.documents, "generateDocuments")
    qtbot.waitUntil(lambda: any("PIN 不正确" in text for _level, text in notifier().history), timeout=20000)
    qtbot.waitUntil(lambda: not tab.documents.busy, timeout=5000)
    assert pin.text() == "" and store.blobs.list(editor.case.id, kind="document") == []
    # The right PIN: the bank's documents carry its seal.
    qtbot.keyClicks(pin, token.pin)
    _shot(editor, "interview_tab_seal_pin.png")
    docs = generate(qtbot, editor)
    assert pin.text() == "" and len(docs) == 3 and all(d.meta["sealed"] for d in docs)
    for d in docs:
        sig = PdfFileReader(io.BytesIO(store.blobs.get(d.blob_id))).embedded_signatures
        assert [s.signer_cert.subject.native["organization_name"] for s in sig] == [token.organisation]
    assert "已加盖电子印章" in tab.documents.row_widgets["application"][0].text()
    _shot(editor, "interview_tab_sealed.png")
    # Unticked: by hand, and the documents say so.
    box.setChecked(False)
    assert not pin.isEnabled()
    docs = generate(qtbot, editor)
    assert not any(d.meta["sealed"] for d in docs)
    assert HAND_NOTE in pdftotext(docs[0].pdf).replace(" ", "")

"""B1: one mortgage first registration through the counter's widgets against the reference
server, every character the officer types counted (not a test module: the test and
``bench/b1_typing.py`` drive it).

Two walks do the same registration: ``typed``, today's way (a new case from the business
picker, the bank and the loan's terms typed into the form), and ``imported``, at the bank's own
desk with the loan from the bank's system (the loan approval sheet's QR code: a photo of the
sheet dropped on the window): the bank fills itself in, the loan's terms come with the import,
the mortgagor's identity from the card. Then both walks are the same: card, face (referred: a
reason typed), pages from files, both interviews (a text answer typed each), documents, the
supervisor's approval (their password typed), submit, the registry's receipt.

Counting (:class:`Typist`): an event filter on the application counts every key press carrying
text delivered to an editable widget (line edits, text edits, spin boxes, editable combo boxes);
text committed without key events (an input method's Chinese, a dialog the prompter stands
for, a password typed in the supervisor's dialog) is counted by the one call that puts it in.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit,
                               QTextEdit, QWidget)

import test_counter_walk_qt as walk
from shared.domain.states import CaseState

DESK = "SP-FZ-CD-01"               # the demo operators' service point: the bank's desk here
SUPERVISOR = ("S1002", "Super2026x")


class Typist(QObject):
    """Counts what the officer types (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.keys = 0        # key presses with text into editable widgets (the event filter)
        self.committed = 0   # characters put in without key events
        self.log: list[tuple[str, int]] = []
        QApplication.instance().installEventFilter(self)

    def close(self) -> None:
        QApplication.instance().removeEventFilter(self)

    @property
    def total(self) -> int:
        return self.keys + self.committed

    @staticmethod
    def _editable(widget) -> bool:
        if isinstance(widget, QLineEdit):
            return not widget.isReadOnly()
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            return not widget.isReadOnly()
        if isinstance(widget, QAbstractSpinBox):
            return not widget.isReadOnly()
        return isinstance(widget, QComboBox) and widget.isEditable()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.KeyPress and isinstance(obj, QWidget) and self._editable(obj):
            text = event.text()
            if text and text.isprintable():
                self.keys += len(text)
        return False

    def type(self, qtbot, edit: QLineEdit, text: str, what: str = "") -> None:
        """Type ``text`` into ``edit`` as a person does: keys for ASCII (counted by the
        filter), an input method's commit for Chinese (counted here)."""
        edit.clear()
        edit.setFocus()
        if text.isascii():
            qtbot.keyClicks(edit, text)
        else:
            edit.insert(text)
            self.committed += len(text)
        self.log.append((what or edit.objectName(), len(text)))

    def said(self, text: str, what: str) -> str:
        """Text typed into a dialog the test's prompter stands for (a reason, a password)."""
        self.committed += len(text)
        self.log.append((what, len(text)))
        return text


def loan_document(fake, person, reference: str) -> dict:
    """What the bank's loan system exports for one approved loan (the bank is the desk's)."""
    return {"format": "yizhan-case-import/1", "business": "mortgage_first_general", "loan_reference": reference,
            "parties": [{"role": "mortgagor", "kind": "person", "name": person.name, "id_kind": "1",
                         "id_number": person.id_number, "phone": person.phone}],
            "property": {"unit_number": fake.unit_number("350102"), "certificate_number": fake.certificate_number(),
                         "location": "福州市鼓楼区五一路88号", "area": "89.56", "use": "住宅"},
            "mortgage": {"contract_number": "DY2026001", "amount": "1000000", "currency": "CNY",
                         "debt_from": "2026-01-01", "debt_to": "2046-01-01", "guarantee_scope": "主债权及利息",
                         "debt_contract_has_mortgage_clause": True},
            "reason": "购房贷款"}


def loan_sheet(doc: dict, folder: Path) -> Path:
    """A photo of the loan approval sheet: a page with the loan system's QR code on it."""
    import cv2

    from shared.devices.testpages import make_page
    from shared.domain.importer import encode_compact
    path = folder / "loan_sheet.png"
    cv2.imwrite(str(path), make_page(1240, qr_text=encode_compact(doc), seal=False).image)
    return path


def desk_banks() -> dict:
    """The server's bank profiles with the first bank owning this desk."""
    from devserver.masterdata import BANKS_FILE
    raw = json.loads(BANKS_FILE.read_text("utf-8"))
    raw["profiles"][0]["service_points"] = [DESK]
    return raw


def make_bank_desk(qtbot, w) -> None:
    """This counter becomes the bank's desk: the server's master data say so (published there,
    so a sync pass keeps it) and the store has them (as the first pull brings them)."""
    from devserver import masterdata as server_md
    from shared import masterdata
    qtbot.waitUntil(lambda: w.sync_worker is not None, timeout=15000)  # started after the first paint
    raw = desk_banks()
    version = server_md.publish("banks", raw)
    masterdata.accept(w.data_dir, "banks", version, raw, w.store)
    w._load_desk_bank()
    # A sync pass under way may have read the server's list before the publish and store it
    # after the accept above (the older profiles, no desk); the pass asked for here runs after
    # it and brings the published version, as it would at a branch. Not the next deskBankKnown
    # either: the login's own read may still be under way and answer first with the store as it was.
    w.sync_now()
    qtbot.waitUntil(lambda: w.ctx.desk_bank is not None and DESK in w.ctx.desk_bank.service_points, timeout=15000)


def drop_file(w, path: Path) -> None:
    """Drop a file from the file manager onto the counter's window."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(w.width() / 2, w.height() / 2)
    with warnings.catch_warnings():   # PySide6 marks the QPoint constructor deprecated; it is the one there is
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(pos.toPoint(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(w, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(w, drop)


def fill_typed(qtbot, typist: Typist, w, fake, person) -> None:
    """Today's form: the bank's five fields and the loan's terms typed, choices picked."""
    editor = w.editor
    bank = fake.bank()
    mortgagee = next(e for e in editor.party_editors if e.role.role == "mortgagee")
    for attr, value in (("name", bank.name), ("id_number", bank.credit_code), ("phone", bank.phone),
                        ("address", bank.address), ("legal_rep", fake.person().name)):
        typist.type(qtbot, mortgagee.inputs[attr], value, "mortgagee." + attr)
    texts = {"property.unit_number": fake.unit_number("350102"), "property.certificate_number": fake.certificate_number(),
             "property.location": "福州市鼓楼区五一路88号", "property.area": "89.56",
             "mortgage.contract_number": "DY2026001", "mortgage.amount": "1000000",
             "mortgage.debt_from": "2026-01-01", "mortgage.debt_to": "2046-01-01",
             "mortgage.guarantee_scope": "主债权及利息"}
    for key, value in texts.items():
        typist.type(qtbot, editor.fields[key].input, value, key)
    editor.fields["reason"].set_value("购房贷款")  # a choice from the catalog's list
    for key, value in {"property.use": "住宅", "mortgage.currency": "CNY"}.items():
        combo = editor.fields[key].input
        combo.setCurrentIndex(next(i for i in range(combo.count()) if value in (combo.itemData(i), combo.itemText(i))))
    editor.fields["mortgage.debt_contract_has_mortgage_clause"].input.setChecked(True)


def answer_all(qtbot, typist: Typist, view) -> None:
    while view.pages.currentIndex() == 0:
        q = view.session.current
        if q.type == "yes_no":
            walk.click(qtbot, view.answer_box, "yesButton" if q.id not in walk.NO_ANSWERS else "noButton")
        elif q.type == "choice":
            walk.click(qtbot, view.answer_box, "choiceButton0")
        else:
            typist.type(qtbot, view.answer_edit, "无", "interview." + q.id)
            walk.click(qtbot, view, "nextButton")


def run(qtbot, tmp_path, srv, fake, reader, monkeypatch, *, imported: bool, shots: str = "") -> dict:
    """One whole registration; returns what was typed (``typed``, ``log``) and the case."""
    from counter.tabs.identity import QtIdentityTab
    from counter.tabs.interview import QtInterviewTab
    from counter.tabs.materials import QtMaterialsTab
    from counter.tabs.submit import QtSubmitTab
    from shared.prompter import AutoPrompter
    srv.rules(accept_delay=0, register_delay=3600)
    prompter = AutoPrompter(answer=True, reason=walk.PASS_REASON)
    w = walk.open_window(qtbot, tmp_path, srv, reader, prompter)
    w.resize(1366, 768)
    typist = Typist()
    person = fake.person()
    try:
        editor = w.editor
        if imported:
            make_bank_desk(qtbot, w)
            doc = loan_document(fake, person, "LN-{}".format(tmp_path.name[-12:]))
            sheet = loan_sheet(doc, tmp_path)
            with qtbot.waitSignal(w.importer.imported, timeout=30000):
                drop_file(w, sheet)
            qtbot.waitUntil(lambda: w.stack.currentWidget() is editor and editor.case is not None
                            and editor.case.loan_reference == doc["loan_reference"], timeout=10000)
            bank = next(e for e in editor.party_editors if e.role.role == "mortgagee")
            assert bank.locked and bank.inputs["name"].isReadOnly() and not bank.remove_button.isVisible()
            assert bank.inputs["name"].text() == w.ctx.desk_bank.name
            assert editor.fields["property.unit_number"].value() == doc["property"]["unit_number"]
            if shots:
                walk.shot(w, shots + "_data.png")
                editor.scroll.ensureWidgetVisible(bank, 0, 0)
                walk.shot(w, shots + "_data_bank.png")
                editor.scroll.ensureWidgetVisible(editor.fields["mortgage.amount"], 0, 200)
                walk.shot(w, shots + "_data_terms.png")
                editor.scroll.verticalScrollBar().setValue(0)
        else:
            walk.click(qtbot, w.case_list, "newCase")
            walk.click(qtbot, w.picker, "biz:mortgage_first_general")
            fill_typed(qtbot, typist, w, fake, person)
            with qtbot.waitSignal(editor.saved, timeout=10000):
                walk.click(qtbot, editor, "saveDraft")
        pid = next(p for p in editor.case.parties if p.role == "mortgagor").party_id

        # -- the card and the face -------------------------------------------------------------
        identity = walk.page(w, QtIdentityTab)
        editor.tabs.setCurrentWidget(identity)
        qtbot.waitUntil(lambda: identity._reader_state == "open", timeout=10000)
        reader.emulator.present(walk.card_for(person))
        with qtbot.waitSignal(identity.recorded, timeout=15000):
            walk.clickw(qtbot, identity.sections[pid].panel.read_button)
        party = next(p for p in editor.case.parties if p.party_id == pid)
        assert (party.name, party.id_number) == (person.name, person.id_number)
        with qtbot.waitSignal(identity.recorded, timeout=60000) as blocker:
            walk.click(qtbot, identity.sections[pid], "captureFace")
        if blocker.args[0]["comparison"]["decision"] != "pass":  # referred: the officer decides, with a reason
            typist.said(walk.PASS_REASON, "face.reason")
            with qtbot.waitSignal(identity.recorded, timeout=10000):
                walk.click(qtbot, identity.sections[pid], "manualPass")
        assert walk.strip(w)["identity:" + pid] == "ok"

        # -- the papers ----------------------------------------------------------------------------
        materials = walk.page(w, QtMaterialsTab)
        editor.tabs.setCurrentWidget(materials)
        walk.import_pages(qtbot, materials, monkeypatch, "identity", ["identity_front.jpg", "identity_back.jpg"])
        walk.import_pages(qtbot, materials, monkeypatch, "property_certificate", ["property_certificate.jpg"])
        walk.import_pages(qtbot, materials, monkeypatch, "debt_contract", ["debt_contract.pdf"])
        qtbot.waitUntil(lambda: walk.strip(w)["materials"] == "ok", timeout=10000)

        # -- the interviews, signed ------------------------------------------------------------------
        interview = walk.page(w, QtInterviewTab)
        editor.tabs.setCurrentWidget(interview)
        for p in [p for p in editor.case.parties if p.role in ("mortgagor", "mortgagee")]:
            walk.click(qtbot, interview, "start:" + p.party_id)
            answer_all(qtbot, typist, interview.view)
            walk.click(qtbot, interview.view, "confirmButton")
            walk.draw(qtbot, interview.pad)
            with qtbot.waitSignal(interview.signed, timeout=10000):
                walk.click(qtbot, interview, "confirmSignature")
            if interview.stage.currentWidget() is interview.auth_page:
                walk.draw(qtbot, interview.auth_pad)
                with qtbot.waitSignal(editor.saved, timeout=10000):
                    walk.click(qtbot, interview, "confirmAuthorization")
            qtbot.waitUntil(lambda p=p: walk.strip(w)["interview:" + p.party_id] == "ok", timeout=10000)
        with qtbot.waitSignal(interview.documents.generated, timeout=60000):
            walk.click(qtbot, interview.documents, "generateDocuments")

        # -- the supervisor's approval of the manual decision (their password typed) ---------------------
        if walk.strip(w).get("approval") == "error":
            from shared.domain.operators import Permission
            editor.session.request_approval()
            staff, password = SUPERVISOR
            supervisor = w.ctx.auth.confirm(staff, typist.said(password, "supervisor.password"), Permission.APPROVE)
            editor.session.approve("approved", typist.said("核对无误", "supervisor.comment"), approver=supervisor)
        qtbot.waitUntil(lambda: walk.strip(w).get("submit") == "pending", timeout=10000)

        # -- submit, the registry's receipt ---------------------------------------------------------
        submit = walk.page(w, QtSubmitTab)
        editor.tabs.setCurrentWidget(submit)
        qtbot.waitUntil(lambda: submit.submit_button.isEnabled(), timeout=10000)
        with qtbot.waitSignal(editor.submitted, timeout=60000):
            walk.click(qtbot, submit, "submitCase")
        qtbot.waitUntil(lambda: editor.case.state == CaseState.ACCEPTED, timeout=60000)
        case = editor.case
    finally:
        typist.close()
        walk.close(w)
        if imported:
            from devserver import masterdata as server_md
            server_md.reset()
    return {"typed": typist.total, "keys": typist.keys, "committed": typist.committed, "log": typist.log,
            "case": case}

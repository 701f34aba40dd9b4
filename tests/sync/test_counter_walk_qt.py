"""One whole mortgage first registration through the counter's widgets against the reference
server: business picker, field editors, card from the simulated reader, face from the generated
camera, interview with the answer buttons, signatures drawn with the mouse, pages imported from
the sample materials, documents generated, submit confirmed, the registry's receipt shown; the
steps strip checked at each stage. Then: nothing of one case stays on screen when the next is
opened, and the submit summary asked through the prompter."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit, QPushButton, QWidget

from counter.context import AppContext
from counter.main_window import QtCounterWindow
from counter.tabs.identity import QtIdentityTab
from counter.tabs.interview import QtInterviewTab
from counter.tabs.materials import QtMaterialsTab
from counter.tabs.submit import QtSubmitTab
from shared.config import Settings
from shared.devices.camera import GeneratedCamera
from shared.devices.idcard.factory import EmulatedReader
from shared.devices.idcard.model import CardType, IdCardData
from shared.devices.registry import DeviceRegistry
from shared.domain.catalog import default_catalog
from shared.domain.states import CaseState
from shared.prompter import AutoPrompter
from shared.security.masking import mask_id, mask_name
from sync_helpers import enroll_demo_operators, login_window, OPEN_SETTINGS, counter_ready, make_case

ROOT = Path(__file__).resolve().parents[2]
MATERIALS = ROOT / "resources" / "samples" / "materials"
SHOTS = Path(os.environ.get("YIZHAN_SHOTS", "/tmp/yizhan-shots"))
NO_ANSWERS = {"dispute_or_seized", "other_mortgage", "leased"}
PASS_REASON = "证件照与本人相符（人工核对）"


class ScriptedPrompter(AutoPrompter):
    """Answers ``confirm`` from a list (then :attr:`answer`), and keeps every question."""

    def __init__(self, answers=(), **kw) -> None:
        super().__init__(**kw)
        self.answers = list(answers)

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(("confirm", title, text))
        return self.answers.pop(0) if self.answers else self.answer


def card_for(person) -> IdCardData:
    return IdCardData(card_type=CardType.RESIDENT, name=person.name, sex=person.sex,
                      id_number=person.id_number, ethnicity="汉", birth_date=person.birth,
                      address="福建省" + person.address, authority="福州市公安局鼓楼分局",
                      valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2040, 1, 1))


@pytest.fixture
def reader():
    r = EmulatedReader(cards=[], repeat=False, command_timeout=0.5, poll_interval=0.05)
    r.open()
    yield r
    r.close()


def open_window(qtbot, tmp_path, srv, reader, prompter, enroll=True, catalog=None):
    """The counter's window on a new store (enrolled with the served registry), its reader the
    emulator and its camera the generated one, at the size of a 1366x768 screen."""
    from shared.store import Store
    from shared.sync import enrollment
    data_dir, config = tmp_path / "w-data", tmp_path / "w-config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps(OPEN_SETTINGS), "utf-8")
    if enroll:
        with Store.open(data_dir, config, operator="officer") as store:
            enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
            enroll_demo_operators(store)  # as the first sync brings them: the counter asks for a login
    settings = Settings.load(config)
    devices = DeviceRegistry(settings, reader_opener=lambda spec: reader,
                             camera_factory=lambda: GeneratedCamera(size=(640, 480)))
    w = QtCounterWindow(AppContext.create(data_dir, config, settings=settings, catalog=catalog or default_catalog(),
                                          prompter=prompter, devices=devices))
    qtbot.addWidget(w)
    w.resize(1366, 740)
    w.show()
    with qtbot.waitSignal(w.storeReady, timeout=15000):
        w.open_store()
    if enroll:
        login_window(qtbot, w)
    return w


def close(w):
    w.close()
    QThreadPool.globalInstance().waitForDone(10000)


def page(w, cls):
    return next(p for p in w.editor.pages if isinstance(p, cls))


def shot(widget, name):
    QApplication.processEvents()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / name))


def strip(w) -> dict[str, str]:
    """The steps strip as shown: step key -> its role (ok | warning | error | pending)."""
    return {key: b.property("role") for key, b in w.editor.step_strip.buttons.items()}


def click(qtbot, parent, name):
    button = parent.findChild(QPushButton, name)
    assert button is not None, name
    assert button.isVisible() and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.LeftButton)


def clickw(qtbot, button):
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.LeftButton)


def type_into(edit: QLineEdit, text: str, qtbot):
    edit.clear()
    edit.setFocus()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)  # an input method's commit


def answer_all(qtbot, view):
    while view.pages.currentIndex() == 0:
        q = view.session.current
        if q.type == "yes_no":
            click(qtbot, view.answer_box, "yesButton" if q.id not in NO_ANSWERS else "noButton")
        elif q.type == "choice":
            click(qtbot, view.answer_box, "choiceButton0")
        else:
            view.answer_edit.clear()
            view.answer_edit.insert("无")
            click(qtbot, view, "nextButton")


def draw(qtbot, pad):
    points = ((40, 120), (90, 60), (140, 130), (200, 50), (260, 125), (330, 70))
    qtbot.mousePress(pad, Qt.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.LeftButton, pos=QPoint(*points[-1]))
    qtbot.mousePress(pad, Qt.LeftButton, pos=QPoint(60, 150))
    qtbot.mouseMove(pad, QPoint(300, 150))
    qtbot.mouseRelease(pad, Qt.LeftButton, pos=QPoint(320, 152))


def fill_form(qtbot, w, fake):
    """Everything but the mortgagor's identity (the card brings it) through the field editors."""
    editor = w.editor
    bank = fake.bank()
    mortgagee = next(e for e in editor.party_editors if e.role.role == "mortgagee")
    type_into(mortgagee.inputs["name"], bank.name, qtbot)
    type_into(mortgagee.inputs["id_number"], bank.credit_code, qtbot)
    texts = {"property.unit_number": fake.unit_number("350102"), "property.certificate_number": fake.certificate_number(),
             "property.location": "福州市鼓楼区五一路88号", "property.area": "89.56",
             "mortgage.contract_number": "DY2026001", "mortgage.amount": "1000000",
             "mortgage.debt_from": "2026-01-01", "mortgage.debt_to": "2046-01-01",
             "mortgage.guarantee_scope": "主债权及利息"}
    for key, value in texts.items():
        type_into(editor.fields[key].input, value, qtbot)
    editor.fields["reason"].set_value("购房贷款")  # a choice from the catalog (其他 + text when not listed)
    for key, value in {"property.use": "住宅", "mortgage.currency": "CNY"}.items():
        combo = editor.fields[key].input
        index = next(i for i in range(combo.count()) if value in (combo.itemData(i), combo.itemText(i)))
        combo.setCurrentIndex(index)
    editor.fields["mortgage.debt_contract_has_mortgage_clause"].input.setChecked(True)


def import_pages(qtbot, tab, monkeypatch, slot, files):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(MATERIALS / f) for f in files], "")))
    tab.select(slot)
    with qtbot.waitSignal(tab.pagesStored, timeout=60000) as blocker:
        click(qtbot, tab, "capture:file")
    return blocker.args


def test_a_whole_mortgage_registration_through_the_counter(qtbot, tmp_path, srv, fake, reader, monkeypatch):
    srv.rules(accept_delay=0, register_delay=3600)  # the registry accepts at once, registers later
    prompter = AutoPrompter(answer=True, reason=PASS_REASON)
    w = open_window(qtbot, tmp_path, srv, reader, prompter)
    try:
        # -- a new case from the business picker ---------------------------------------------
        click(qtbot, w.case_list, "newCase")
        assert w.stack.currentWidget() is w.picker
        click(qtbot, w.picker, "biz:mortgage_first_general")
        editor = w.editor
        assert w.stack.currentWidget() is editor
        steps = strip(w)
        assert steps["data"] in ("pending", "warning") and steps["materials"] == "pending"
        assert [k for k in steps if k.startswith("identity:")] and steps["submit"] == "error"

        # -- the form through the field editors ----------------------------------------------
        fill_form(qtbot, w, fake)
        with qtbot.waitSignal(editor.saved, timeout=10000):
            click(qtbot, editor, "saveDraft")
        steps = strip(w)
        assert steps["data"] == "warning"  # the mortgagor's name and number come from the card
        mortgagor = next(p for p in editor.case.parties if p.role == "mortgagor")
        pid = mortgagor.party_id

        # -- the card from the simulated reader, the face from the generated camera ------------
        identity = page(w, QtIdentityTab)
        editor.tabs.setCurrentWidget(identity)
        qtbot.waitUntil(lambda: identity._reader_state == "open", timeout=10000)
        person = fake.person()
        reader.emulator.present(card_for(person))
        with qtbot.waitSignal(identity.recorded, timeout=15000):
            clickw(qtbot, identity.sections[pid].panel.read_button)
        party = next(p for p in editor.case.parties if p.party_id == pid)
        assert (party.name, party.id_number) == (person.name, person.id_number)
        steps = strip(w)
        assert steps["data"] == "ok" and steps["identity:" + pid] == "warning"  # card read, no face yet
        shot(w, "walk_identity_card.png")
        with qtbot.waitSignal(identity.recorded, timeout=60000) as blocker:
            click(qtbot, identity.sections[pid], "captureFace")
        record = blocker.args[0]
        assert record["face"]["simulated"]
        if record["comparison"]["decision"] != "pass":  # referred (the demo card has no usable photo)
            assert strip(w)["identity:" + pid] == "error"
            with qtbot.waitSignal(identity.recorded, timeout=10000):
                click(qtbot, identity.sections[pid], "manualPass")
            assert editor.case.identity_checks[-1]["comparison"]["reason"] == PASS_REASON
        assert strip(w)["identity:" + pid] == "ok"
        shot(w, "walk_identity_done.png")

        # -- pages imported from the sample materials ------------------------------------------
        materials = page(w, QtMaterialsTab)
        editor.tabs.setCurrentWidget(materials)
        assert import_pages(qtbot, materials, monkeypatch, "identity",
                            ["identity_front.jpg", "identity_back.jpg"]) == ["identity", 2]
        assert strip(w)["materials"] == "warning"
        assert import_pages(qtbot, materials, monkeypatch, "property_certificate",
                            ["property_certificate.jpg"]) == ["property_certificate", 1]
        assert import_pages(qtbot, materials, monkeypatch, "debt_contract", ["debt_contract.pdf"])[0] == "debt_contract"
        qtbot.waitUntil(lambda: strip(w)["materials"] == "ok", timeout=10000)
        shot(w, "walk_materials.png")

        # -- interviews answered with the buttons, signatures drawn on the pads ---------------
        interview = page(w, QtInterviewTab)
        editor.tabs.setCurrentWidget(interview)
        interviewed = [p for p in editor.case.parties if p.role in ("mortgagor", "mortgagee")]
        for p in interviewed:
            assert strip(w)["interview:" + p.party_id] in ("pending", "warning")
            click(qtbot, interview, "start:" + p.party_id)
            answer_all(qtbot, interview.view)
            assert interview.view.pages.currentIndex() == 2
            click(qtbot, interview.view, "confirmButton")
            assert strip(w)["interview:" + p.party_id] == "pending"  # kept with its signature, not before
            draw(qtbot, interview.pad)
            with qtbot.waitSignal(interview.signed, timeout=10000):
                click(qtbot, interview, "confirmSignature")
            if interview.stage.currentWidget() is interview.auth_page:
                draw(qtbot, interview.auth_pad)
                with qtbot.waitSignal(editor.saved, timeout=10000):
                    click(qtbot, interview, "confirmAuthorization")
            qtbot.waitUntil(lambda p=p: strip(w)["interview:" + p.party_id] == "ok", timeout=10000)
        shot(w, "walk_interview.png")

        # -- documents generated ----------------------------------------------------------------
        assert "documents" in strip(w)  # optional, shown until done
        with qtbot.waitSignal(interview.documents.generated, timeout=60000):
            click(qtbot, interview.documents, "generateDocuments")
        qtbot.waitUntil(lambda: "documents" not in strip(w), timeout=10000)
        # the manual face decision waits for a supervisor (复核): requested, then approved by a
        # different person confirming with their own password at this counter
        steps = strip(w)
        assert steps["approval"] == "error" and steps["submit"] == "error"
        from shared.domain.operators import Permission
        session = editor.session
        session.request_approval()
        supervisor = w.ctx.auth.confirm("S1002", "Super2026x", Permission.APPROVE)
        session.approve("approved", "人工核对理由充分，材料一致", approver=supervisor)
        qtbot.waitUntil(lambda: strip(w).get("submit") == "pending", timeout=10000)
        steps = strip(w)
        assert all(role == "ok" for key, role in steps.items() if key != "submit"), steps
        assert "可以提交" in editor.status.text()

        # -- submit: the summary confirmed through the prompter -------------------------------
        submit = page(w, QtSubmitTab)
        editor.tabs.setCurrentWidget(submit)
        qtbot.waitUntil(lambda: submit.submit_button.isEnabled(), timeout=10000)
        with qtbot.waitSignal(editor.submitted, timeout=60000):
            click(qtbot, submit, "submitCase")
        kind, title, text = prompter.asked[-1]
        assert kind == "confirm" and title == "确认提交登记"
        assert mask_name(person.name) in text and person.name not in text
        qtbot.waitUntil(lambda: editor.case.state != CaseState.DRAFT, timeout=10000)
        assert strip(w)["submit"] == "ok" and not submit.next_label.isHidden()
        assert "上传队列" in submit.next_label.text()

        # -- the registry's receipt after sync -------------------------------------------------
        qtbot.waitUntil(lambda: editor.case.state == CaseState.ACCEPTED, timeout=60000)
        qtbot.waitUntil(lambda: "受理号" in submit.outcome_label.text(), timeout=10000)
        receipt = editor.case.outcome["receipt_number"]
        assert receipt.startswith("SL") and receipt in submit.outcome_label.text()
        qtbot.waitUntil(lambda: [d.slot for d in submit.documents] == ["receipt"], timeout=20000)
        shot(w, "walk_outcome.png")
        case_id = editor.case.id
    finally:
        close(w)
    rows = srv.state.db.all("SELECT packet_id FROM packets WHERE case_id = ?", (case_id,))
    assert len(rows) == 1  # delivered once


# -- nothing of case A stays when case B is opened ---------------------------------------------
def visible_texts(root: QWidget) -> list[str]:
    """Every text a widget of the tree holds (labels, buttons, line edits, group titles, tooltips)."""
    out = []
    for widget in [root] + root.findChildren(QWidget):
        for getter in ("text", "title", "toolTip", "placeholderText", "windowTitle"):
            fn = getattr(widget, getter, None)
            if callable(fn):
                try:
                    value = fn()
                except TypeError:
                    continue
                if isinstance(value, str) and value:
                    out.append(value)
        if isinstance(widget, QLabel) and widget.pixmap() is not None and not widget.pixmap().isNull():
            out.append("<pixmap:{}>".format(widget.objectName()))
    return out


def test_opening_case_b_leaves_nothing_of_case_a(qtbot, tmp_path, srv, fake, reader):
    prompter = AutoPrompter(answer=True, reason=PASS_REASON)
    w = open_window(qtbot, tmp_path, srv, reader, prompter, enroll=False)
    try:
        a_case = make_case(w.store, fake, ready=False)
        b_case = make_case(w.store, fake, ready=False)
        w.open_case(a_case.id)
        qtbot.waitUntil(lambda: w.editor.case is not None and w.editor.case.id == a_case.id, timeout=10000)
        identity = page(w, QtIdentityTab)
        w.editor.tabs.setCurrentWidget(identity)
        qtbot.waitUntil(lambda: identity._reader_state == "open", timeout=10000)
        a_party = next(p for p in w.editor.case.parties if p.role == "mortgagor")
        pid = a_party.party_id
        reader.emulator.present(_card_of(a_party))
        with qtbot.waitSignal(identity.recorded, timeout=15000):
            clickw(qtbot, identity.sections[pid].panel.read_button)
        with qtbot.waitSignal(identity.recorded, timeout=60000):
            click(qtbot, identity.sections[pid], "captureFace")
        qtbot.waitUntil(lambda: not identity.face.running, timeout=10000)
        panel = identity.sections[pid].panel
        assert panel.card is not None and identity.face.view._image is not None   # A's card and face shown
        a_marks = {a_party.name, mask_name(a_party.name), a_party.id_number, mask_id(a_party.id_number)}
        before = "\n".join(visible_texts(w))
        assert mask_name(a_party.name) in before and mask_id(a_party.id_number) in before, \
            "case A is not on screen: the test would prove nothing"
        shot(w, "switch_case_a.png")

        w.open_case(b_case.id)
        qtbot.waitUntil(lambda: w.editor.case is not None and w.editor.case.id == b_case.id, timeout=10000)
        QApplication.processEvents()
        for tab_index in range(w.editor.tabs.count()):   # every page, as the officer would see it
            w.editor.tabs.setCurrentIndex(tab_index)
            QApplication.processEvents()
            after = visible_texts(w)
            leaked = [t for t in after for m in a_marks if m and m in t]
            assert not leaked, leaked
        pictures = [t for t in visible_texts(w) if t.startswith("<pixmap:")]
        assert not pictures, pictures     # no card photo
        assert identity.face.view._image is None and identity.face.target is None   # no face picture
        assert all(s.panel.card is None for s in identity.sections.values())       # no card panel content
        assert all(not label.text() for s in identity.sections.values() for label in s.panel.value_labels.values())
        shot(w, "switch_case_b.png")
    finally:
        close(w)


def _card_of(party) -> IdCardData:
    return IdCardData(card_type=CardType.RESIDENT, name=party.name, sex="女", id_number=party.id_number,
                      ethnicity="汉", birth_date=dt.date(1986, 9, 8), address="福建省福州市鼓楼区学府路1号",
                      authority="福州市公安局鼓楼分局", valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2040, 1, 1))


# -- the submit summary ------------------------------------------------------------------------
def test_submit_asks_with_a_summary_and_no_means_nothing_happens(qtbot, tmp_path, srv, fake, reader):
    prompter = ScriptedPrompter([False], answer=True)
    w = open_window(qtbot, tmp_path, srv, reader, prompter)
    try:
        case = counter_ready(w.store, make_case(w.store, fake, ready=False, pages=2))
        w.open_case(case.id)
        qtbot.waitUntil(lambda: w.editor.case is not None and w.editor.case.id == case.id, timeout=10000)
        submit = page(w, QtSubmitTab)
        w.editor.tabs.setCurrentWidget(submit)
        qtbot.waitUntil(lambda: submit.submit_button.isEnabled(), timeout=10000)
        assert submit.next_label.isHidden()
        click(qtbot, submit, "submitCase")                       # the officer says no
        kind, title, text = prompter.asked[-1]
        assert (kind, title) == ("confirm", "确认提交登记")
        mortgagor = next(p for p in case.parties if p.role == "mortgagor")
        bank = next(p for p in case.parties if p.role == "mortgagee")
        assert "业务：一般抵押权首次登记" in text or "业务：" + w.catalog.business(case.business_code).name in text
        assert "抵押人 " + mask_name(mortgagor.name) in text and mortgagor.name not in text
        assert mortgagor.id_number not in text and bank.name in text
        assert "材料：3 项，共 4 页" in text                     # identity 2 pages, certificate, contract
        steps = [s for s in w.editor.session.steps(w.editor.collect()) if s.required and s.kind != "submit"]
        assert "步骤：已完成 {n} / {n}".format(n=len(steps)) in text
        QThreadPool.globalInstance().waitForDone(10000)
        QApplication.processEvents()
        assert w.store.get_case(case.id).state in (CaseState.DRAFT, CaseState.READY)
        assert w.ctx.outbox.items() == []                         # nothing queued
        assert submit.submit_button.isEnabled() and submit.next_label.isHidden()
        with qtbot.waitSignal(w.editor.submitted, timeout=60000):  # now yes
            click(qtbot, submit, "submitCase")
        qtbot.waitUntil(lambda: not submit.next_label.isHidden(), timeout=10000)
        assert "上传队列" in submit.next_label.text() and "无需等待" in submit.next_label.text()
        assert len(w.ctx.outbox.items()) == 1
        shot(w, "submit_what_next.png")
    finally:
        close(w)


# -- a second face check referred to a person --------------------------------------------------
def test_a_referred_second_check_is_decided_by_the_officer_with_a_reason(qtbot, tmp_path, srv, fake, reader):
    """The submit page follows the workflow's recheck step: a second check nobody could compare
    is decided by the officer through the prompter (decide_face check_no=2); a mismatch is kept
    and the next submit captures again."""
    import dataclasses
    from shared.domain import identity as idm
    from shared.domain.catalog import Catalog
    base = default_catalog()
    biz = dataclasses.replace(base.business("mortgage_first_general"), face_checks=2)
    catalog = Catalog(base.version, {**base.businesses, biz.code: biz}, base.id_kinds, base.party_kinds, base.directory)
    # same person? no (a mismatch), then yes; the summary: no
    prompter = ScriptedPrompter([False, True, False], answer=False, reason="证件照与本人不符")
    w = open_window(qtbot, tmp_path, srv, reader, prompter, enroll=False, catalog=catalog)
    try:
        case = counter_ready(w.store, make_case(w.store, fake, ready=False))
        w.open_case(case.id)
        qtbot.waitUntil(lambda: w.editor.case is not None and w.editor.case.id == case.id, timeout=10000)
        submit = page(w, QtSubmitTab)
        w.editor.tabs.setCurrentWidget(submit)
        qtbot.waitUntil(lambda: submit.submit_button.isEnabled(), timeout=10000)
        pid = next(p.party_id for p in case.parties if p.role == "mortgagor")
        assert strip(w)["recheck:" + pid] == "pending" and "再次核验人脸：1 人" in submit.readiness.text()

        def capture():
            click(qtbot, submit, "submitCase")
            qtbot.waitUntil(lambda: submit.face_dialog is not None and submit.face_dialog.record is not None,
                            timeout=60000)
            dialog = submit.face_dialog
            assert dialog.record["comparison"]["decision"] == "manual_review"   # nothing could compare
            with qtbot.waitSignal(w.editor.saved, timeout=10000, raising=False):
                dialog.accept()
            qtbot.waitUntil(lambda: submit.face_dialog is None, timeout=10000)

        capture()   # the dialog's OK goes on to submit: the referred check asks the officer
        qtbot.waitUntil(lambda: idm.latest_check(w.editor.case, pid, 2)["comparison"]["method"] == "manual",
                        timeout=10000)
        decided = idm.latest_check(w.editor.case, pid, 2)["comparison"]
        assert decided["decision"] == "fail" and decided["reason"] == "证件照与本人不符"
        kinds = [a[0] for a in prompter.asked]
        assert kinds == ["confirm", "reason"] and "人工核对" in prompter.asked[0][1]
        assert mask_name(case.parties[0].name) in prompter.asked[0][2] and case.parties[0].name not in prompter.asked[0][2]
        qtbot.waitUntil(lambda: strip(w)["recheck:" + pid] == "error", timeout=10000)
        assert w.ctx.outbox.items() == []

        prompter.reason = PASS_REASON
        capture()   # a mismatch is captured again; this time the officer says it is the person
        qtbot.waitUntil(lambda: len(prompter.asked) == 5, timeout=20000)   # confirm, reason, summary
        decided = idm.latest_check(w.editor.case, pid, 2)["comparison"]
        assert decided["decision"] == "pass" and decided["method"] == "manual" and decided["reason"] == PASS_REASON
        assert prompter.asked[-1][1] == "确认提交登记"                      # answered no
        assert strip(w)["recheck:" + pid] == "ok" and not idm.needs_second_check(w.editor.case, biz)
        QThreadPool.globalInstance().waitForDone(10000)
        assert w.ctx.outbox.items() == [] and w.store.get_case(case.id).state in (CaseState.DRAFT, CaseState.READY)
        actions = [row[3] for row in w.store.audit_rows(case.id)]
        assert actions.count("face_manual_decision") == 2
    finally:
        close(w)


def test_many_steps_wrap_and_the_window_keeps_to_a_small_screen(qtbot, tmp_path, srv, fake, reader):
    """A case with many persons has many steps; in English their titles are long. The steps
    strip wraps instead of widening the window past a 1366x768 screen."""
    from shared.domain.case import Case, Party
    from shared.ui import qt_i18n
    qt_i18n.install("en")
    try:
        w = open_window(qtbot, tmp_path, srv, reader, AutoPrompter(), enroll=False)
        w.resize(1366, 768)
        try:
            case = Case("transfer_mortgage", catalog_version=w.catalog.version)
            people = [fake.person() for _ in range(4)]
            case.parties = [Party(role, "person", p.name, "1", p.id_number)
                            for role, p in zip(("seller", "seller", "buyer", "buyer"), people)]
            bank = fake.bank()
            case.parties.append(Party("mortgagee", "org", bank.name, "8", bank.credit_code))
            w.store.save_case(case)
            w.open_case(case.id)
            qtbot.waitUntil(lambda: w.editor.case is not None and w.editor.case.id == case.id, timeout=10000)
            QApplication.processEvents()
            buttons = list(w.editor.step_strip.buttons.values())
            assert len(buttons) >= 12
            assert w.width() <= 1366 and w.minimumSizeHint().width() <= 1366 and w.minimumSize().width() <= 1366
            rows = {b.geometry().top() for b in buttons}
            assert len(rows) >= 2                                      # wrapped onto further lines
            strip_width = w.editor.step_strip.width()
            assert all(b.geometry().right() <= strip_width for b in buttons)   # none cut off
            assert "：" not in w.editor.status.text() and "；" not in w.editor.status.text()
            shot(w, "many_steps_en.png")
        finally:
            close(w)
    finally:
        qt_i18n.install("zh")

"""The bank's desk in the counter's real window against the reference server: a new case has
the bank filled and locked; a loan comes in by the scanner, a file or a drop, once; the debtor
is the mortgagor in one touch; barcode offers stand beside the current value and never
overwrite it in one click."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

import b1_walks
import test_counter_walk_qt as walk
from shared.domain.importer import encode_compact
from shared.ui.notify import notifier
from test_counter_walk_qt import reader  # noqa: F401  (the emulated card reader fixture)


@pytest.fixture
def desk(qtbot, tmp_path, srv, reader):  # noqa: F811
    from devserver import masterdata as server_md
    w = walk.open_window(qtbot, tmp_path, srv, reader, walk.ScriptedPrompter(answer=False))
    w.resize(1366, 768)
    b1_walks.make_bank_desk(qtbot, w)
    yield w
    walk.close(w)
    server_md.reset()


def _messages():
    return [text for _, text in notifier().history]


def test_a_new_case_at_the_desk_has_the_bank_locked_and_the_core_refuses_a_change(qtbot, desk):
    w = desk
    walk.click(qtbot, w.case_list, "newCase")
    walk.click(qtbot, w.picker, "biz:mortgage_first_general")
    editor = w.editor
    bank = next(e for e in editor.party_editors if e.role.role == "mortgagee")
    assert bank.locked and all(edit.isReadOnly() for edit in bank.inputs.values())
    assert not bank.kind.isEnabled() and not bank.remove_button.isVisible()
    assert bank.inputs["name"].text() == w.ctx.desk_bank.name and bank.inputs["legal_rep"].text() == "赵萍"
    assert "已锁定" in bank.lock_note.text() and "王芳" in bank.lock_note.text()   # the officer logged in
    assert not editor.add_buttons["mortgagee"].isEnabled()
    with qtbot.waitSignal(editor.saved, timeout=10000):
        walk.click(qtbot, editor, "saveDraft")
    case_id = editor.case.id
    bank.inputs["name"].setText("别的银行")             # past the widget: the core still refuses
    walk.click(qtbot, editor, "saveDraft")
    qtbot.waitUntil(lambda: any("锁定" in m for m in _messages()[-3:]), timeout=10000)
    assert next(p for p in w.store.get_case(case_id).parties if p.role == "mortgagee").name == w.ctx.desk_bank.name
    walk.shot(w, "bank_desk_new_case.png")


def test_a_loan_by_scanner_file_or_drop_once_and_garbage_explained(qtbot, desk, fake, tmp_path, monkeypatch):
    w = desk
    person = fake.person()
    doc = b1_walks.loan_document(fake, person, "LN-QT-0001")
    walk.click(qtbot, w.case_list, "importLoan")
    dialog = w.import_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    walk.shot(dialog, "loan_import_dialog.png")
    dialog.scan.setFocus()
    qtbot.keyClicks(dialog.scan, "{not a loan")          # a hand scanner types, then Enter
    with qtbot.waitSignal(w.importer.failed, timeout=10000):
        qtbot.keyClick(dialog.scan, Qt.Key_Return)
    assert "不是有效的 JSON" in dialog.status.text() and dialog.isVisible()
    assert w.store.list_cases() == []
    qtbot.keyClicks(dialog.scan, encode_compact(doc))
    with qtbot.waitSignal(w.importer.imported, timeout=20000) as got:
        qtbot.keyClick(dialog.scan, Qt.Key_Return)
    case_id, existed = got.args
    assert not existed and not dialog.isVisible()
    qtbot.waitUntil(lambda: w.editor.case is not None and w.editor.case.id == case_id, timeout=10000)
    assert w.stack.currentWidget() is w.editor
    assert w.editor.fields["mortgage.amount"].value() == "1000000"
    assert next(e for e in w.editor.party_editors if e.role.role == "mortgagee").locked
    # the same loan as a file from the loan system: the draft made the first time
    path = tmp_path / "loan.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    w.show_list()
    walk.click(qtbot, w.case_list, "importLoan")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    with qtbot.waitSignal(w.importer.imported, timeout=20000) as got:
        walk.click(qtbot, w.import_dialog, "openLoanFile")
    assert got.args == [case_id, True]
    assert any("已导入过" in m for m in _messages()[-3:])
    # and as a photo of the sheet dropped on the window
    with qtbot.waitSignal(w.importer.imported, timeout=30000) as got:
        b1_walks.drop_file(w, b1_walks.loan_sheet(doc, tmp_path))
    assert got.args == [case_id, True]
    assert [r.id for r in w.store.list_cases()] == [case_id]


def test_debtor_same_as_mortgagor_in_one_touch(qtbot, desk, fake):
    from shared.domain.importer import parse_import
    from shared.workflow.bank_desk import import_loan
    w = desk
    person = fake.person()
    doc = b1_walks.loan_document(fake, person, "LN-QT-0002")
    parse_import(doc, None)
    case, _ = import_loan(w.store, w.catalog, json.dumps(doc, ensure_ascii=False).encode(), None, w.ctx.actor())
    w.open_case(case.id)
    qtbot.waitUntil(lambda: w.editor.case is not None and w.editor.case.id == case.id, timeout=10000)
    editor = w.editor
    walk.click(qtbot, editor, "debtorSameAsMortgagor")
    debtors = [e.party() for e in editor.party_editors if e.role.role == "debtor"]
    assert [(d.name, d.id_number) for d in debtors] == [(person.name, person.id_number)]
    walk.click(qtbot, editor, "debtorSameAsMortgagor")     # again: not twice
    assert len([e for e in editor.party_editors if e.role.role == "debtor"]) == 1
    with qtbot.waitSignal(editor.saved, timeout=10000):
        walk.click(qtbot, editor, "saveDraft")
    stored = w.store.get_case(case.id)
    assert [p.id_number for p in stored.parties if p.role == "debtor"] == [person.id_number]


def test_barcode_offers_stand_beside_the_current_value(qtbot, desk, fake):
    from counter.tabs.materials import QtMaterialsTab
    from shared.workflow.bank_desk import import_loan
    w = desk
    doc = b1_walks.loan_document(fake, fake.person(), "LN-QT-0003")
    case, _ = import_loan(w.store, w.catalog, json.dumps(doc, ensure_ascii=False).encode(), None, w.ctx.actor())
    w.open_case(case.id)
    qtbot.waitUntil(lambda: w.editor.case is not None and w.editor.case.id == case.id, timeout=10000)
    editor, tab = w.editor, walk.page(w, QtMaterialsTab)
    editor.tabs.setCurrentWidget(tab)
    current = doc["property"]["unit_number"]
    other = fake.unit_number("350103")
    from shared.capture import intake
    offers = intake.offers([("unit_number", other), ("contract_number", "HT2026000999"),
                            ("certificate_number", "not a certificate")], editor.collect(), editor.biz, "debt_contract")
    assert {o.key: o.problem is None for o in offers} == {"property.unit_number": True, "mortgage.contract_number": True,
                                                           "property.certificate_number": False}
    tab.show_offers(offers)
    row = tab.findChild(QPushButton, "offer:property.unit_number").parent()
    text = row.findChild(QLabel, "offerText").text()
    assert other in text and "当前：" + current in text and "请核对是否本案" in text   # read off the contract
    invalid = tab.findChild(QPushButton, "offer:property.certificate_number")
    assert not invalid.isEnabled()                          # the validator refused it: shown, never applied
    assert "无效" in invalid.parent().findChild(QLabel, "offerProblem").text()
    walk.shot(w, "barcode_offers.png")
    # one click does not overwrite: asked first, showing both values; "no" keeps the field
    walk.click(qtbot, tab, "offer:property.unit_number")
    kind, title, text = w.ctx.prompter.asked[-1]
    assert kind == "confirm" and other in text and current in text
    assert editor.case.get("property.unit_number") == current
    # the field changed since the offer was shown: the core refuses the stale offer
    w.ctx.prompter.answer = True
    stale = next(o for o in offers if o.key == "mortgage.contract_number")
    editor.command(lambda s: s.set_value("mortgage.contract_number", "DY2026002"), flush=False)
    qtbot.waitUntil(lambda: editor.case.get("mortgage.contract_number") == "DY2026002", timeout=10000)
    tab.confirm_offer(stale)
    qtbot.waitUntil(lambda: any("未填入" in m for m in _messages()[-3:]), timeout=10000)
    assert w.store.get_case(case.id).get("mortgage.contract_number") == "DY2026002"

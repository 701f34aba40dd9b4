"""Form widgets of the catalog fields and the party editor, driven through their real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QGroupBox, QPushButton, QVBoxLayout

from shared.domain.case import Party
from shared.domain.catalog import default_catalog
from shared.ui.form import QtFieldEditor
from shared.ui.party_editor import QtPartyEditor, QtRoleLimit


@pytest.fixture
def biz():
    return default_catalog().business("mortgage_first_general")


def _editor(qtbot, fd):
    editor = QtFieldEditor(fd)
    qtbot.addWidget(editor)
    editor.resize(600, 80)
    editor.show()
    return editor


def test_amount_shows_separators_and_capitals_but_keeps_a_plain_number(qtbot, biz):
    editor = _editor(qtbot, biz.field("mortgage.amount"))
    values = []
    editor.changed.connect(lambda key, value: values.append(value))
    editor.input.setFocus()
    qtbot.keyClicks(editor.input, "1200000")
    assert editor.input.capitals.text() == "壹佰贰拾万元整"
    editor.input.editingFinished.emit()  # leaving the field groups the digits
    assert editor.input.text() == "1,200,000"
    assert editor.value() == "1200000" and values[-1] == "1200000"
    editor.set_value("10000000.5")
    assert editor.input.text() == "10,000,000.5" and editor.input.capitals.text() == "壹仟万元伍角"
    editor.set_value("12ab")
    assert editor.input.capitals.text() == "" and editor.error.isVisible()


def test_date_is_picked_from_the_calendar_or_typed_and_may_stay_empty(qtbot, biz):
    editor = _editor(qtbot, biz.field("mortgage.debt_from"))
    assert editor.input.calendar_button.isVisible()
    editor.input.pick(QDate(2026, 3, 9))
    assert editor.value() == "2026-03-09" and editor.validate() is None
    editor.input.setText("2026/4/1")
    editor.input.calendar_button.menu().aboutToShow.emit()
    assert editor.input.calendar.selectedDate() == QDate(2026, 4, 1)
    editor.input.clear()
    assert editor.value() == "" and editor.validate() is None  # empty is for the completeness check


def test_reason_is_a_choice_and_other_reveals_free_text(qtbot, biz):
    editor = _editor(qtbot, biz.field("reason"))
    combo, other = editor.input.combo, editor.input.other
    assert not other.isVisible()
    combo.setCurrentIndex(combo.findData("经营贷款"))
    assert editor.value() == "经营贷款" and not other.isVisible()
    combo.setCurrentIndex(combo.findData("其他"))
    assert other.isVisible() and editor.value() == ""
    qtbot.keyClicks(other, "room")
    assert editor.value() == "room" and editor.validate() is None
    editor.set_value("以房养老贷款")  # a reason typed earlier comes back under 其他
    assert combo.currentData() == "其他" and other.text() == "以房养老贷款"
    editor.set_value("购房贷款")
    assert combo.currentData() == "购房贷款" and not other.isVisible()


def test_an_error_does_not_move_what_is_below(qtbot, biz):
    editor = _editor(qtbot, biz.field("property.unit_number"))
    height = editor.sizeHint().height()
    editor.input.setText("12345")
    assert editor.error.isVisible() and editor.sizeHint().height() == height
    editor.input.setText("")
    assert not editor.error.isVisible() and editor.sizeHint().height() == height


def test_masked_party_phone_and_share_are_typed_without_revealing(qtbot, biz, fake):
    catalog = default_catalog()
    person = fake.person()
    party = Party("mortgagor", "person", person.name, "1", person.id_number, person.phone, person.address, share="50%")
    editor = QtPartyEditor(biz.role("mortgagor"), catalog, party)
    qtbot.addWidget(editor)
    revealed = []
    editor.revealRequested.connect(revealed.append)
    shown = {attr: edit.text() for attr, edit in editor.inputs.items()}
    assert person.name not in shown.values() and person.id_number not in shown.values()
    assert shown["address"].endswith("****") and shown["address"] != person.address
    assert shown["phone"] == "" and editor.inputs["phone"].placeholderText() == person.phone[:3] + "****" + person.phone[-4:]
    assert editor.inputs["address"].isReadOnly() and not editor.inputs["phone"].isReadOnly()
    assert editor.party().phone == person.phone  # nothing typed: the stored number is kept
    qtbot.keyClicks(editor.inputs["phone"], "13912345678")
    editor.inputs["share"].clear()
    qtbot.keyClicks(editor.inputs["share"], "30%")
    edited = editor.party()
    assert (edited.phone, edited.share) == ("13912345678", "30%")
    assert (edited.name, edited.id_number, edited.address) == (person.name, person.id_number, person.address)
    assert editor.masked and revealed == []
    qtbot.mouseClick(editor.reveal_button, Qt.LeftButton)
    assert revealed == [editor] and editor.inputs["address"].text() != person.address  # the core decides first
    editor.unmask()  # what the owner does once the core allowed the reveal (permission, reason, audit)
    assert editor.inputs["address"].text() == person.address


def test_add_button_is_disabled_at_the_roles_maximum(qtbot, biz):
    catalog, role = default_catalog(), biz.role("mortgagor")
    box = QGroupBox()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    add = QPushButton("add")
    layout.addWidget(add)
    QtRoleLimit(role, add, box)
    editors = []
    for _ in range(role.max):
        assert add.isEnabled()
        editors.append(QtPartyEditor(role, catalog))
        layout.insertWidget(0, editors[-1])
    assert not add.isEnabled() and str(role.max) in add.toolTip()
    editors[0].setParent(None)
    assert add.isEnabled()

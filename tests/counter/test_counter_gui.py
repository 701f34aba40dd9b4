"""The counter app through its real widgets: create, validate, save, reopen, delete."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from counter.context import AppContext
from counter.main_window import QtCounterWindow
from shared.prompter import AutoPrompter
from shared.domain.catalog import default_catalog
from shared.store import Store
from shared.ui.notify import notifier

SHOTS = Path(os.environ.get("YIZHAN_SHOTS", "/tmp/yizhan-shots"))


@pytest.fixture
def window(qtbot, tmp_path):
    ctx = AppContext.create(tmp_path / "data", tmp_path / "config", catalog=default_catalog(),
                            prompter=AutoPrompter(answer=True))
    w = QtCounterWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.storeReady, timeout=10000):
        w.open_store()
    yield w
    w.close()


def _shot(widget, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def _field(window, key):
    return window.editor.fields[key]


def _type(qtbot, edit: QLineEdit, text: str):
    """Type like a person: keys for ASCII, an input-method commit for Chinese."""
    edit.clear()
    edit.setFocus()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def test_create_validate_save_reopen(qtbot, window, fake, tmp_path):
    qtbot.mouseClick(window.case_list.findChild(QPushButton, "newCase"), Qt.LeftButton)
    qtbot.mouseClick(window.picker.findChild(QPushButton, "biz:mortgage_first_general"), Qt.LeftButton)
    editor = window.editor
    assert window.stack.currentWidget() is editor
    person, bank = fake.person(), fake.bank()
    mortgagor = [e for e in editor.party_editors if e.role.role == "mortgagor"][0]
    _type(qtbot, mortgagor.inputs["name"], person.name)
    bad = person.id_number[:-1] + ("0" if person.id_number[-1] != "0" else "1")
    _type(qtbot, mortgagor.inputs["id_number"], bad)
    assert mortgagor.errors["id_number"].isVisible()
    assert "第18位校验码应为" in mortgagor.errors["id_number"].text()
    _type(qtbot, mortgagor.inputs["id_number"], person.id_number)
    assert not mortgagor.errors["id_number"].isVisible()
    mortgagee = [e for e in editor.party_editors if e.role.role == "mortgagee"][0]
    _type(qtbot, mortgagee.inputs["name"], bank.name)
    _type(qtbot, mortgagee.inputs["id_number"], bank.credit_code)
    unit = _field(window, "property.unit_number")
    _type(qtbot, unit.input, "12345")
    assert unit.error.isVisible() and "28位" in unit.error.text()
    _type(qtbot, unit.input, fake.unit_number())
    assert not unit.error.isVisible()
    _type(qtbot, _field(window, "mortgage.debt_from").input, "2026-01-01")
    _type(qtbot, _field(window, "mortgage.debt_to").input, "2025-01-01")
    assert "止日不能早于起日" in _field(window, "mortgage.debt_to").error.text()
    _type(qtbot, _field(window, "mortgage.debt_to").input, "2046-01-01")
    _type(qtbot, _field(window, "mortgage.amount").input, "1000000")
    _shot(window, "counter_editor.png")
    with qtbot.waitSignal(editor.saved, timeout=10000):
        qtbot.mouseClick(editor.findChild(QPushButton, "saveDraft"), Qt.LeftButton)
    case_id = editor.case.id
    qtbot.mouseClick(editor.back_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.case_list.row_count() == 1, timeout=5000)
    row_text = [window.case_list.cell_text(0, j) for j in range(7)]
    assert row_text[0] == case_id and person.id_number not in row_text and person.id_number[-4:] in row_text[3]
    _shot(window, "counter_list.png")
    # a restart: a new store on the same files finds the case
    window.store.close()
    with Store.open(tmp_path / "data", tmp_path / "config") as s:
        saved = s.get_case(case_id)
    assert saved.parties[0].id_number == person.id_number
    assert saved.get("property.unit_number") and saved.get("mortgage.debt_to") == "2046-01-01"


def test_reopen_shows_masked_and_reveal_is_audited(qtbot, window, sample_case):
    window.store.save_case(sample_case)
    window.show_list()
    qtbot.waitUntil(lambda: window.case_list.row_count() == 1, timeout=5000)
    window.case_list.openRequested.emit(sample_case.id)
    qtbot.waitUntil(lambda: window.editor.case is not None and window.editor.case.id == sample_case.id, timeout=5000)
    person = [e for e in window.editor.party_editors if e.role.role == "mortgagor"][0]
    idn = sample_case.parties[0].id_number
    assert person.masked and person.inputs["id_number"].text() == idn[:6] + "********" + idn[-4:]
    qtbot.mouseClick(person.reveal_button, Qt.LeftButton)  # no work reason chosen: stays masked
    assert person.masked and window.ctx.prompter.asked[-1][0] == "reason"
    window.ctx.prompter.reason = "核对申请人身份"
    qtbot.mouseClick(person.reveal_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: person.inputs["id_number"].text() == idn, timeout=5000)
    assert any(r[3] == "reveal" and r[5].endswith("reason=verify_identity")
               for r in window.store.audit_rows(sample_case.id))
    assert window.editor.collect().parties[0].id_number == idn


def test_search_and_filters(qtbot, window, sample_case):
    from shared.domain.case import Case
    window.store.save_case(sample_case)
    window.store.save_case(Case("mortgage_cancel"))
    window.show_list()
    qtbot.waitUntil(lambda: window.case_list.row_count() == 2, timeout=5000)
    _type(qtbot, window.case_list.search, sample_case.parties[0].name)
    qtbot.waitUntil(lambda: window.case_list.row_count() == 1, timeout=5000)
    assert window.case_list.cell_text(0, 0) == sample_case.id
    window.case_list.search.clear()
    box = window.case_list.business_filter
    box.setCurrentIndex(box.findData("mortgage_cancel"))
    qtbot.waitUntil(lambda: window.case_list.row_count() == 1 and
                    window.case_list.cell_text(0, 0) != sample_case.id, timeout=5000)


def test_mark_ready_refused_while_incomplete_then_delete(qtbot, window, sample_case):
    window.store.save_case(sample_case)
    window.open_case(sample_case.id)
    qtbot.waitUntil(lambda: window.editor.case is not None, timeout=5000)
    notifier().history.clear()
    qtbot.mouseClick(window.editor.ready_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(notifier().history), timeout=5000)
    assert "不能标记为待提交" in notifier().history[-1][1]
    assert "请采集材料" in window.editor.status.text()
    with qtbot.waitSignal(window.editor.deleted, timeout=5000):
        qtbot.mouseClick(window.editor.delete_button, Qt.LeftButton)
    assert [r[3] for r in window.store.audit_rows(sample_case.id)][-1] == "delete"


def test_store_that_cannot_open_is_explained(qtbot, tmp_path):
    data = tmp_path / "bad"
    data.mkdir()
    (data / "yizhan.db").write_bytes(b"garbage" * 1000)
    (tmp_path / "cfg").mkdir()
    from shared.store.keys import FileKeyProvider
    FileKeyProvider(tmp_path / "cfg" / "store.key").create()
    w = QtCounterWindow(AppContext.create(data, tmp_path / "cfg", catalog=default_catalog()))
    qtbot.addWidget(w)
    w.show()
    w.open_store()
    qtbot.waitUntil(lambda: "无法打开" in w.message_page.text(), timeout=5000)
    assert "密钥不正确或文件已损坏" in w.message_page.text()
    assert (data / "yizhan.db").read_bytes() == b"garbage" * 1000


def test_broken_catalog_is_explained_at_start(qtbot, tmp_path, monkeypatch):
    import shutil
    broken = tmp_path / "catalog"
    shutil.copytree(default_catalog().directory, broken)
    (broken / "businesses" / "mortgage_change.json").write_text("{oops", "utf-8")
    monkeypatch.setenv("YIZHAN_CATALOG_DIR", str(broken))
    w = QtCounterWindow(AppContext.create(tmp_path / "data", tmp_path / "config"))
    qtbot.addWidget(w)
    w.show()
    w.open_store()
    qtbot.waitUntil(lambda: "mortgage_change.json" in w.message_page.text(), timeout=5000)
    assert w.store is None


def test_language_setting_is_saved(qtbot, tmp_path):
    from counter.main_window import QtSettingsDialog
    from shared.config import Settings
    settings = Settings.load(tmp_path / "cfg")
    dialog = QtSettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    assert Settings.load(tmp_path / "cfg").get("language") == "en"


def test_originals_hand_over_opens_from_the_menu(qtbot, window):
    window.originals_action.trigger()
    dialog = window.originals_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5000)
    assert dialog.windowTitle() == "纸质原件移交" and dialog.store is window.store
    dialog.close()


def test_a_closed_case_leaves_nothing_behind_in_the_editor(qtbot, window, sample_case):
    """Back to the list, the editor lets go of the case: no session, no form, no page images or
    thumbnails, so its memory can be given back (bench P10 measures how much)."""
    from shared.devices import testpages as tp
    from shared.ui import pages_view

    assert window._editor is None or window._editor.case is None  # built lazily, empty at start
    store = window.store
    store.save_case(sample_case)
    jpeg = tp.encode_jpeg(tp.make_page(width=600).image, 70)
    for _ in range(3):
        info = store.blobs.add(sample_case.id, "page", jpeg, "image/jpeg", slot="identity",
                               meta={"format": "jpeg", "width": 600, "height": 848})
        sample_case.materials.setdefault("identity", []).append(info.id)
    store.save_case(sample_case)
    window.show_list()
    qtbot.waitUntil(lambda: window.case_list.row_count() == 1, timeout=5000)
    window.case_list.openRequested.emit(sample_case.id)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.case is not None and editor.case.id == sample_case.id, timeout=5000)
    materials = next(p for p in editor.pages if type(p).__name__ == "QtMaterialsTab")
    editor.tabs.setCurrentWidget(materials)
    materials.select("identity")
    qtbot.waitUntil(lambda: len(materials.pages_view.pages()) == 3 and not materials.pages_view.thumbnails_pending(),
                    timeout=10000)
    assert len(pages_view._cache) >= 1
    qtbot.mouseClick(editor.back_button, Qt.LeftButton)
    assert window.stack.currentWidget() is window.case_list
    assert editor.session is None and editor.case is None and not editor.fields and not editor.party_editors
    assert materials.case is None and materials.pages_view.pages() == [] and len(pages_view._cache) == 0
    window.case_list.openRequested.emit(sample_case.id)  # and it opens again as before
    qtbot.waitUntil(lambda: editor.case is not None and editor.case.id == sample_case.id, timeout=5000)
    assert editor.fields

"""The counter's registry-query dialog drives the same core: refused outside the letter (the
reason shown), the letter's fields saved, answered with a certificate to print."""

from __future__ import annotations

from flow_helpers import sign_letter

from counter.query_dialog import QtRegistryQueryDialog


def _client_factory(store):
    from shared.sync import enrollment
    from shared.sync.client import SyncClient
    return lambda: SyncClient(enrollment.require(store))


def _select(combo, code):
    combo.setCurrentIndex(combo.findData(code))


def test_dialog_refuses_saves_and_answers(qtbot, ready, store, tmp_path):
    session, _ = ready(matters=("registry",))
    dialog = QtRegistryQueryDialog(session, _client_factory(store))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.matter_boxes["registry"].isChecked() and not dialog.matter_boxes["contract_filing"].isChecked()
    _select(dialog.kind, "contract_filing")
    with qtbot.waitSignal(dialog.finished_work, timeout=20000) as got:
        dialog.query_button.click()
    assert got.args == ["refused"] and "未委托" in dialog.result.text()
    assert not dialog.print_button.isEnabled()
    dialog.matter_boxes["contract_filing"].setChecked(True)
    with qtbot.waitSignal(dialog.finished_work, timeout=20000) as got:
        dialog.save_button.click()
    assert got.args == ["saved"]
    assert session.snapshot().get("authorization.matters") == ["registry", "contract_filing"]
    _select(dialog.kind, "registry")
    with qtbot.waitSignal(dialog.finished_work, timeout=20000) as got:
        dialog.query_button.click()
    assert got.args == ["refused"] and "签名" in dialog.result.text()  # the letter changed: sign again
    sign_letter(session)
    with qtbot.waitSignal(dialog.finished_work, timeout=20000) as got:
        dialog.query_button.click()
    assert got.args == ["answered"], dialog.result.text()
    assert "查询编号" in dialog.result.text() and dialog.print_button.isEnabled()
    assert dialog.certificate.startswith(b"%PDF")
    dialog.resize(640, 420)
    dialog.grab().save(str(tmp_path / "query_dialog.png"))


def test_case_editor_opens_the_dialog(qtbot, ready, store):
    from counter.case_editor import QtCaseEditor
    from counter.context import AppContext
    session, _ = ready()
    editor = QtCaseEditor(AppContext.for_store(store, session.catalog))
    qtbot.addWidget(editor)
    editor.open_case(session.snapshot())
    dialog = editor.open_query()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QtRegistryQueryDialog) and dialog.isVisible()
    assert dialog.session.case_id == session.case_id


def test_submit_tab_shows_each_linked_registrations_outcome(qtbot, wired, fake, store, tmp_path):
    """The registry's answer to a refinance, through the sync service, shown per registration."""
    import sync_helpers
    from flow_helpers import complete
    from counter.case_editor import QtCaseEditor
    from counter.context import AppContext
    from counter.tabs.submit import QtSubmitTab
    session, service = wired("refinance")
    complete(session, fake)
    session.submit()
    sync_helpers.drain(service)
    case = store.get_case(session.case_id)
    editor = QtCaseEditor(AppContext.for_store(store, session.catalog))
    qtbot.addWidget(editor)
    editor.resize(1366, 768)
    editor.open_case(case)
    editor.show()
    tab = next(p for p in editor.pages if isinstance(p, QtSubmitTab))
    editor.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: "一并申请" in tab.outcome_label.text(), timeout=10000)
    text = tab.outcome_label.text()
    for reg in case.outcome["registrations"]:
        assert reg["name"] in text and reg["receipt_number"] in text and reg["register_number"] in text
    assert case.outcome["registrations"][1]["proof_number"] in text
    assert text.index("原抵押权注销登记") < text.index("新抵押权首次登记")
    qtbot.wait(300)
    editor.grab().save(str(tmp_path / "linked_outcome.png"))

"""The counter cannot be used without a login; the idle lock hides every personal detail and
keeps the open case; a supervisor reviews a case on the officer's counter with their own
login; the 工作台 retries a failed packet and shows the audit log. Screenshots (1366x768, zh
and en) go to the shots directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flow_helpers import complete
from op_helpers import PASSWORDS, operator_list
from PySide6.QtWidgets import QApplication

from counter.context import AppContext
from counter.main_window import QtCounterWindow
from shared.domain.catalog import default_catalog
from shared.prompter import AutoPrompter

SHOTS = Path(os.environ.get("YIZHAN_SHOTS", "/tmp/yizhan-shots"))


def shot(widget, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / name))


@pytest.fixture
def window(qtbot, tmp_path):
    from shared.store import Store
    from shared.workflow.auth import enroll
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        enroll(store, operator_list())
    ctx = AppContext.create(tmp_path / "data", tmp_path / "config", catalog=default_catalog(),
                            prompter=AutoPrompter(answer=True))
    w = QtCounterWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    with qtbot.waitSignal(w.storeReady, timeout=10000):
        w.open_store()
    yield w
    w.close()
    from PySide6.QtCore import QThreadPool
    QThreadPool.globalInstance().waitForDone(10000)


def _login(qtbot, w, staff_id, password=None):
    panel = w.login_panel
    panel.staff_id.setText(staff_id)
    panel.password.setText(password or PASSWORDS[staff_id])
    panel.button.click()


def test_nothing_without_a_login(qtbot, window):
    w = window
    assert w.stack.currentWidget() is w.login_panel
    w.show_list()
    w.show_picker()
    assert w.stack.currentWidget() is w.login_panel  # the gate holds
    shot(w, "operators_login.png")
    _login(qtbot, w, "O1", "wrong")
    qtbot.waitUntil(lambda: "再错 4 次" in w.login_panel.message.text(), timeout=5000)
    assert w.stack.currentWidget() is w.login_panel
    _login(qtbot, w, "O1")
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.case_list, timeout=5000)
    assert "王芳（O1）" in w.operator_label.text()


def test_first_login_sets_a_password(qtbot, window):
    w = window
    _login(qtbot, w, "NEW")
    qtbot.waitUntil(lambda: w.login_panel.new_password.isVisible(), timeout=5000)
    shot(w, "operators_first_login.png")
    w.login_panel.new_password.setText("Better-pass-1")
    w.login_panel.new_password2.setText("Better-pass-1")
    w.login_panel.button.click()
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.case_list, timeout=5000)


def test_idle_lock_hides_the_case_and_keeps_it(qtbot, window, fake, sample_case):
    w = window
    _login(qtbot, w, "O1")
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.case_list, timeout=5000)
    w.store.save_case(sample_case)
    w.open_case(sample_case.id)
    qtbot.waitUntil(lambda: w.editor.case is not None and w.stack.currentWidget() is w.editor, timeout=5000)
    w.open_originals()
    qtbot.waitUntil(lambda: w.originals_dialog.isVisible(), timeout=5000)
    w.idle.last -= w.idle.seconds + 1  # five minutes without input
    w._check_idle()
    assert w.stack.currentWidget() is w.login_panel and w.login_panel.mode == "unlock"
    assert not w.editor.isVisible() and not w.originals_dialog.isVisible()
    name = sample_case.parties[0].name
    assert all(name not in label.text() for label in w.findChildren(type(w.operator_label)) if label.isVisible())
    shot(w, "operators_locked.png")
    w.login_panel.password.setText(PASSWORDS["O1"])
    w.login_panel.button.click()
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.editor, timeout=5000)
    assert w.editor.case.id == sample_case.id and w.originals_dialog.isVisible()
    actions = [r[3] for r in w.store.audit_rows()]
    assert "idle_lock" in actions and "unlock" in actions


def test_supervisor_reviews_on_the_officers_counter(qtbot, window, fake):
    from counter.tabs.submit import QtSubmitTab
    from shared.workflow.session import CaseSession
    w = window
    _login(qtbot, w, "O1")
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.case_list, timeout=5000)
    s = CaseSession.new(w.store, w.catalog, "mortgage_first_general", operator=w.ctx.actor, comparer=None)
    complete(s, fake)
    for step in [x for x in s.steps() if x.kind in ("identity", "recheck") and not x.done]:
        s.decide_face(step.party_id, True, "证件照与本人相符", check_no=1 if step.kind == "identity" else 2)
    w.open_case(s.case_id)
    qtbot.waitUntil(lambda: w.editor.case is not None and w.editor.case.id == s.case_id, timeout=5000)
    tab = next(p for p in w.editor.pages if isinstance(p, QtSubmitTab))
    w.editor.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.request_button.isVisible() and tab.request_button.isEnabled(), timeout=5000)
    assert not tab.submit_button.isEnabled()
    tab.request_button.click()
    qtbot.waitUntil(lambda: tab.approve_button.isVisible(), timeout=5000)
    shot(w, "operators_awaiting_approval.png")
    tab.approve_button.click()
    dialog = tab.approval_dialog
    dialog.staff_id.setText("O1")  # the officer cannot approve
    dialog.password.setText(PASSWORDS["O1"])
    dialog.reason.setText("看过了")
    dialog.submit()
    qtbot.waitUntil(lambda: "权限" in dialog.message.text(), timeout=5000)
    dialog.staff_id.setText("SUP1")
    dialog.password.setText(PASSWORDS["SUP1"])
    dialog.reason.setText("人工核对理由充分")
    shot(dialog, "operators_approval_dialog.png")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result_item is not None, timeout=5000)
    qtbot.waitUntil(lambda: "李强（SUP1）" in tab.approval_label.text() or "李强" in tab.approval_label.text(),
                    timeout=5000)
    assert w.ctx.auth.current.staff_id == "O1"


def test_desk_queue_retry_and_audit_log(qtbot, window, fake, tmp_path):
    from shared.sync.outbox import Outbox
    w = window
    _login(qtbot, w, "SUP1")
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.case_list, timeout=5000)
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
    import sync_helpers
    case = sync_helpers.make_case(w.store, fake)
    import hashlib
    from shared.sync.packet import PACKET_SUFFIX
    ob = Outbox(w.store)
    ob.dir.mkdir(parents=True, exist_ok=True)
    (ob.dir / ("P-FAIL" + PACKET_SUFFIX)).write_bytes(b"x" * 10)  # an intact file: retried as it is
    w.store.transaction(lambda tx: tx.outbox.insert("P-FAIL", case.id, 1, "P-FAIL" + PACKET_SUFFIX, 10,
                                                    hashlib.sha256(b"x" * 10).hexdigest(), "", "2026-01-01T00:00:00"))
    Outbox(w.store).note_error("P-FAIL", "server refused: bad_signature", 0.0, failed=True)
    w.open_desk()
    desk = w.desk_dialog
    qtbot.waitUntil(lambda: desk.queue.rowCount() == 1, timeout=5000)
    assert "主管" in desk.queue.item(0, 5).text()
    desk.resize(1366, 768)
    shot(desk, "operators_desk_queue.png")
    desk.queue.selectRow(0)
    desk.retry_selected()
    qtbot.waitUntil(lambda: desk.queue.rowCount() == 1 and desk.queue.item(0, 2).text() == "待上传", timeout=5000)
    desk.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: any(desk.audit_table.item(r, 3).text() == "packet_retry"
                                for r in range(desk.audit_table.rowCount())), timeout=5000)
    shot(desk, "operators_desk_audit.png")
    from op_helpers import fake_enroll
    fake_enroll(w.store)
    desk.export_audit(tmp_path / "audit.csv")
    qtbot.waitUntil(lambda: (tmp_path / "audit.csv.sig").exists(), timeout=5000)
    desk.tabs.setCurrentIndex(4)
    qtbot.waitUntil(lambda: "新建案件" in desk.stats_summary.text(), timeout=5000)
    shot(desk, "operators_desk_stats.png")
    desk.export_report(tmp_path / "report.xlsx")
    qtbot.waitUntil(lambda: (tmp_path / "report.xlsx").exists(), timeout=5000)
    # the outcomes inbox: an answer since this login opens its case
    w.store.transaction(lambda tx: tx.outbox.insert("P-OK", case.id, 2, "", 10, "0" * 64, "", "2026-01-01T00:00:00"))
    w.store.transaction(lambda tx: tx.outbox.set_answer("P-OK", "accepted", {"receipt_number": "SL001"}, None,
                                                        "2999-01-01T00:00:00+00:00"))
    desk.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: desk.inbox.rowCount() == 1, timeout=5000)
    assert "SL001" in desk.inbox.item(0, 2).text()
    shot(desk, "operators_desk_inbox.png")
    desk._open_from(desk.inbox, 0)
    qtbot.waitUntil(lambda: w.editor.case is not None and w.editor.case.id == case.id, timeout=5000)
    desk.close()
    QApplication.processEvents()


def test_screens_in_english(qtbot, tmp_path, fake):
    from shared import i18n
    from shared.store import Store
    from shared.workflow.auth import enroll
    i18n.set_language("en")
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        enroll(store, operator_list())
    w = QtCounterWindow(AppContext.create(tmp_path / "data", tmp_path / "config", catalog=default_catalog(),
                                          prompter=AutoPrompter(answer=True)))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    with qtbot.waitSignal(w.storeReady, timeout=10000):
        w.open_store()
    try:
        assert w.login_panel.title.text() == "Operator login"
        shot(w, "operators_login_en.png")
        _login(qtbot, w, "SUP1")
        qtbot.waitUntil(lambda: w.stack.currentWidget() is w.case_list, timeout=5000)
        w.lock()
        assert w.login_panel.title.text() == "Screen locked"
        shot(w, "operators_locked_en.png")
        w.login_panel.password.setText(PASSWORDS["SUP1"])
        w.login_panel.button.click()
        qtbot.waitUntil(lambda: w.stack.currentWidget() is w.case_list, timeout=5000)
        w.open_desk()
        desk = w.desk_dialog
        desk.resize(1366, 768)
        assert desk.tabs.tabText(0) == "Upload queue"
        desk.tabs.setCurrentIndex(3)
        qtbot.waitUntil(lambda: desk.audit_table.rowCount() > 0, timeout=5000)
        shot(desk, "operators_desk_audit_en.png")
        desk.close()
    finally:
        w.close()
        from PySide6.QtCore import QThreadPool
        QThreadPool.globalInstance().waitForDone(10000)


def test_an_officer_sees_no_reveal_a_supervisor_does(qtbot, window, sample_case):
    from counter.tabs.identity import QtIdentityTab
    w = window
    w.store.save_case(sample_case)
    for staff_id, allowed in (("O1", False), ("SUP1", True)):
        _login(qtbot, w, staff_id)
        qtbot.waitUntil(lambda: w.stack.currentWidget() is w.case_list, timeout=5000)
        w.open_case(sample_case.id)
        qtbot.waitUntil(lambda: w.editor.case is not None and w.stack.currentWidget() is w.editor, timeout=5000)
        tab = next(p for p in w.editor.pages if isinstance(p, QtIdentityTab))
        w.editor.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda: bool(tab.sections), timeout=5000)
        assert all(s.panel._can_reveal is allowed for s in tab.sections.values()), staff_id
        w.show_list()
        w.ctx.auth.logout()
        w.show_login()


def test_the_operator_changes_the_password(qtbot, window):
    w = window
    _login(qtbot, w, "O2")
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.case_list, timeout=5000)
    w.password_action.trigger()
    dialog = w.password_dialog
    dialog.old.setText("wrong")
    dialog.new.setText("Newpass-2026")
    dialog.new2.setText("Newpass-2026")
    dialog.submit()
    qtbot.waitUntil(lambda: "不正确" in dialog.message.text(), timeout=5000)
    dialog.old.setText(PASSWORDS["O2"])
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert w.ctx.auth.current.staff_id == "O2"
    w.ctx.auth.logout()
    assert w.ctx.auth.login("O2", "Newpass-2026").session is not None
    assert "password_changed" in [r[3] for r in w.store.audit_rows()]


def test_a_disabled_operator_is_logged_out_after_a_sync(qtbot, window):
    from shared.workflow.auth import enroll
    w = window
    _login(qtbot, w, "O2")
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.case_list, timeout=5000)
    enroll(w.store, operator_list("2", disabled=("O2",)))  # what the next sync brings
    w._after_sync()
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.login_panel and w.ctx.auth.current is None, timeout=5000)
    assert "停用" in w.login_panel.message.text()

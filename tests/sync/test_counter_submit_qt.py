"""The counter end to end: submit while the server is down, delivered when it is up, and the
registry's answer (receipt, refusal, corrections) shown in the editor and the case list."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import cv2
import pytest
from skimage import data

from counter.context import AppContext
from counter.main_window import QtCounterWindow
from counter.tabs.submit import QtSubmitTab
from shared.domain.catalog import Catalog, default_catalog
from shared.domain.states import CaseState
from shared.prompter import AutoPrompter
from shared.store import Store
from shared.ui.notify import notifier
from sync_helpers import OPEN_SETTINGS, counter_ready, enroll_demo_operators, login_window, make_case

SHOTS = Path(os.environ.get("YIZHAN_SHOTS", "/tmp/yizhan-shots"))


def shot(widget, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / name))


@pytest.fixture
def messages():
    got = []
    notifier().message.connect(lambda level, text: got.append(text))
    return got


def prepare(tmp_path, srv, fake, settings=OPEN_SETTINGS, enroll=True, **case_kw):
    """An enrolled store with one counter-ready case (the window opens the store itself)."""
    from shared.sync import enrollment
    data_dir, config = tmp_path / "w-data", tmp_path / "w-config"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps(settings), "utf-8")
    with Store.open(data_dir, config, operator="officer") as store:
        if enroll:
            enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
        enroll_demo_operators(store)  # as the first sync brings them: the counter asks for a login
        case = counter_ready(store, make_case(store, fake, ready=False, **case_kw.pop("make", {})), **case_kw)
    return data_dir, config, case


def open_window(qtbot, data_dir, config, catalog=None, prompter=None):
    """The counter's window; its prompter answers yes (the submit summary is confirmed)."""
    w = QtCounterWindow(AppContext.create(data_dir, config, catalog=catalog or default_catalog(),
                                          prompter=prompter or AutoPrompter(answer=True)))
    qtbot.addWidget(w)
    w.resize(1280, 860)
    w.show()
    with qtbot.waitSignal(w.storeReady, timeout=15000):
        w.open_store()
    login_window(qtbot, w)
    return w


def submit_tab(w) -> QtSubmitTab:
    return next(p for p in w.editor.pages if isinstance(p, QtSubmitTab))


def open_case(qtbot, w, case_id):
    w.open_case(case_id)
    qtbot.waitUntil(lambda: w.editor.case is not None and w.editor.case.id == case_id, timeout=10000)
    tab = submit_tab(w)
    w.editor.tabs.setCurrentWidget(tab)
    return tab


def close(w):
    w.close()
    from PySide6.QtCore import QThreadPool
    QThreadPool.globalInstance().waitForDone(10000)


def test_submitted_offline_delivered_later_receipt_shown(qtbot, tmp_path, srv, fake, messages):
    srv.rules(accept_delay=0, register_delay=3600)  # the registry accepts, registration comes later
    data_dir, config, case = prepare(tmp_path, srv, fake)
    srv.stop()  # the line is down
    w = open_window(qtbot, data_dir, config)
    try:
        tab = open_case(qtbot, w, case.id)
        qtbot.waitUntil(lambda: tab.submit_button.isEnabled(), timeout=10000)
        assert "信息完整" in tab.readiness.text()
        with qtbot.waitSignal(w.editor.submitted, timeout=20000):
            tab.submit_button.click()
        qtbot.waitUntil(lambda: w.editor.case.state == CaseState.SUBMITTED, timeout=10000)
        qtbot.waitUntil(lambda: any("已提交" in m for m in messages), timeout=10000)  # told once the command returns
        # a pass after the submit (not the one that may have run before it) shows the packet waiting
        qtbot.waitUntil(lambda: w.sync_indicator.state_label.text() == "离线"
                        and "1 件" in w.sync_indicator.queue_label.text(), timeout=30000)
        qtbot.waitUntil(lambda: "待上传" in tab.packet_label.text(), timeout=10000)
        shot(w, "counter_submitted_offline.png")
        srv.start()  # the line is back
        w.sync_now()
        qtbot.waitUntil(lambda: w.editor.case.state == CaseState.ACCEPTED, timeout=30000)
        qtbot.waitUntil(lambda: "受理号" in tab.outcome_label.text(), timeout=10000)
        receipt = w.editor.case.outcome["receipt_number"]
        assert receipt.startswith("SL") and receipt in tab.outcome_label.text()
        assert any("已受理" in m for m in messages)
        qtbot.waitUntil(lambda: bool(tab.documents), timeout=10000)
        assert [d.slot for d in tab.documents] == ["receipt"]
        shown = []
        tab.view_document(tab.documents[0], shown.append)
        qtbot.waitUntil(lambda: bool(shown), timeout=20000)
        from shared.ui.printing import QtPdfPreview
        preview = shown[0].findChild(QtPdfPreview)
        assert preview is not None and len(preview.page_labels) >= 1
        assert not preview.page_labels[0].pixmap().isNull()
        assert shown[0].windowTitle().startswith("不动产登记受理凭证")
        shot(w, "counter_accepted.png")
        shot(shown[0], "counter_receipt_preview.png")
        shown[0].close()
        # the counter's own receipt, in the official layout, from the registry's answer
        from PySide6.QtWidgets import QPushButton
        button = tab.findChild(QPushButton, "viewLocal:receipt")
        assert button is not None and tab.findChild(QPushButton, "viewLocal:not_accepted") is None
        before = tab.preview_dialog
        button.click()
        qtbot.waitUntil(lambda: tab.preview_dialog is not before, timeout=20000)
        official = tab.preview_dialog.findChild(QtPdfPreview)
        assert official.page_labels and tab.preview_dialog.windowTitle() == "受理凭证"
        shot(tab.preview_dialog, "counter_receipt_official.png")
        tab.preview_dialog.close()
        w.show_list()
        qtbot.waitUntil(lambda: w.case_list.row_count() == 1
                        and receipt in w.case_list.cell_text(0, 6),
                        timeout=10000)
        assert w.case_list.cell_text(0, 5) == "已受理"
        assert w.sync_indicator.state_label.text() == "在线"
        shot(w, "counter_list_outcomes.png")
    finally:
        close(w)
    ids = [r[0] for r in srv.state.db.all("SELECT packet_id FROM packets WHERE case_id = ?", (case.id,))]
    assert ids == [case.packet_id]  # delivered once


def test_correction_request_reopens_the_case_with_the_complete_list(qtbot, tmp_path, srv, fake):
    data_dir, config, case = prepare(tmp_path, srv, fake, make={"skip_slot": "property_certificate"})
    # the counter blocks a case without a required material; the registry's own check is what
    # this test is about, so the case goes to the outbox through the same core call the CLI uses
    from shared.sync.outbox import Outbox
    with Store.open(data_dir, config) as store:
        with pytest.raises(Exception):
            Outbox(store).submit(case.id)
    data_dir, config, case = prepare(tmp_path / "b", srv, fake)
    srv.rules(force={case.id: "correction_requested"})
    w = open_window(qtbot, data_dir, config)
    try:
        tab = open_case(qtbot, w, case.id)
        qtbot.waitUntil(lambda: tab.submit_button.isEnabled(), timeout=10000)
        assert tab.corrections_box.isHidden()
        tab.submit_button.click()
        qtbot.waitUntil(lambda: w.editor.case.revision == 2, timeout=30000)
        assert w.editor.case.state == CaseState.DRAFT and w.editor.case.corrections
        qtbot.waitUntil(lambda: not tab.corrections_box.isHidden(), timeout=10000)
        assert "第 2 版" in tab.corrections_label.text()
        assert w.editor.save_button.isEnabled()  # the reopened revision can be edited
        qtbot.waitUntil(lambda: "需补正" in tab.outcome_label.text(), timeout=10000)
        shot(w, "counter_corrections.png")
        w.show_list()
        qtbot.waitUntil(lambda: w.case_list.row_count() > 0
                        and "需补正" in w.case_list.cell_text(0, 6), timeout=10000)
    finally:
        close(w)


def test_refusal_shows_the_reasons(qtbot, tmp_path, srv, fake):
    data_dir, config, case = prepare(tmp_path, srv, fake, make={"region": "110105"})
    srv.rules(jurisdiction=["3501"])  # this registry serves Fuzhou only
    w = open_window(qtbot, data_dir, config)
    try:
        tab = open_case(qtbot, w, case.id)
        qtbot.waitUntil(lambda: tab.submit_button.isEnabled(), timeout=10000)
        tab.submit_button.click()
        qtbot.waitUntil(lambda: w.editor.case.state == CaseState.NOT_ACCEPTED, timeout=30000)
        qtbot.waitUntil(lambda: "不予受理" in tab.outcome_label.text(), timeout=10000)
        assert "管辖" in tab.outcome_label.text()
        qtbot.waitUntil(lambda: [d.slot for d in tab.documents] == ["not_accepted"], timeout=10000)
        shot(w, "counter_not_accepted.png")
    finally:
        close(w)


def test_guard_rail_blocks_a_new_submission_and_keeps_the_case(qtbot, tmp_path, srv, fake, messages):
    settings = json.loads(json.dumps(OPEN_SETTINGS))
    settings["offline_limits"]["max_unsent"] = 0
    data_dir, config, case = prepare(tmp_path, srv, fake, settings=settings)
    w = open_window(qtbot, data_dir, config)
    try:
        tab = open_case(qtbot, w, case.id)
        qtbot.waitUntil(lambda: tab.submit_button.isEnabled(), timeout=10000)
        tab.submit_button.click()
        qtbot.waitUntil(lambda: any("暂停新的提交" in m for m in messages), timeout=20000)
        assert w.store.get_case(case.id).state in (CaseState.DRAFT, CaseState.READY)
        assert tab.submit_button.isEnabled()
    finally:
        close(w)


def test_not_enrolled_says_so(qtbot, tmp_path, srv, fake, messages):
    data_dir, config, case = prepare(tmp_path, srv, fake, enroll=False)
    w = open_window(qtbot, data_dir, config)
    try:
        assert w.sync_indicator.state_label.text() == "未注册"
        w.sync_indicator.button.click()
        assert "尚未在登记服务器注册" in messages[-1]
    finally:
        close(w)


def test_second_face_check_is_compared_by_the_server_before_submit(qtbot, tmp_path, srv, fake):
    from counter.tabs.face_check import QtFaceCheckDialog
    from shared.devices.camera import GeneratedCamera
    astronaut = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    face = cv2.imencode(".jpg", cv2.resize(astronaut[20:300, 130:360], (230, 280)))[1].tobytes()
    data_dir, config, case = prepare(tmp_path, srv, fake, face_jpeg=face)
    base = default_catalog()
    biz = dataclasses.replace(base.business("mortgage_first_general"), face_checks=2)
    catalog = Catalog(base.version, {**base.businesses, biz.code: biz}, base.id_kinds, base.party_kinds, base.directory)
    w = open_window(qtbot, data_dir, config, catalog)
    try:
        tab = open_case(qtbot, w, case.id)
        assert w.ctx.comparer.method.startswith("server")   # the context's comparer: the server's
        tab.face_dialog_factory = lambda session, party: QtFaceCheckDialog(
            session, party, check_no=2, camera_factory=lambda: GeneratedCamera(size=(640, 480)), parent=tab)
        qtbot.waitUntil(lambda: tab.submit_button.isEnabled(), timeout=10000)
        assert "再次核验人脸" in tab.readiness.text()
        tab.submit_button.click()
        qtbot.waitUntil(lambda: tab.face_dialog is not None and tab.face_dialog.record is not None, timeout=60000)
        dialog = tab.face_dialog
        assert "人证比对通过" in dialog.result.text() or "通过" in dialog.result.text()
        shot(dialog, "counter_second_face_check.png")
        with qtbot.waitSignal(w.editor.submitted, timeout=30000):
            dialog.accept()
        second = [r for r in w.editor.case.identity_checks if r["check_no"] == 2]
        assert len(second) == 1
        comparison = second[0]["comparison"]
        assert comparison["decision"] == "pass" and comparison["method"] == "server:dlib_resnet"
        assert comparison["score"] < comparison["threshold"] and comparison["reference"] == "first_check_face"
        stored = w.store.get_case(case.id)
        assert stored.state != CaseState.DRAFT and stored.identity_checks[-1]["comparison"]["decision"] == "pass"
    finally:
        close(w)

"""The identity page of the counter's case editor: card reads, face capture, failures."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from counter.case_editor import QtCaseEditor
from counter.context import AppContext
from counter.tabs.identity import QtFaceCheckDialog, QtIdentityTab
from shared.devices.camera import GeneratedCamera
from shared.devices.idcard.factory import EmulatedReader
from shared.devices.idcard.model import CardType, IdCardData
from shared.domain import identity as idm
from shared.domain.case import Case, Party
from shared.domain.catalog import default_catalog
from shared.prompter import AutoPrompter
from shared.ui.notify import notifier

SHOTS = Path(os.environ.get("YIZHAN_SHOTS", "/tmp/yizhan-shots"))


def card_for(person, **over) -> IdCardData:
    fields = dict(card_type=CardType.RESIDENT, name=person.name, sex=person.sex,
                  id_number=person.id_number, ethnicity="汉", birth_date=person.birth,
                  address="福建省" + person.address, authority="福州市公安局鼓楼分局",
                  valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2040, 1, 1))
    fields.update(over)
    return IdCardData(**fields)


@pytest.fixture
def reader():
    r = EmulatedReader(cards=[], repeat=False, command_timeout=0.5, poll_interval=0.05)
    r.open()
    yield r
    r.close()


@pytest.fixture
def editor(qtbot, store, reader):
    ctx = AppContext.for_store(store, default_catalog(), prompter=AutoPrompter(reason="证件照与本人相符（人工核对）"))
    ctx.devices.camera_factory = lambda: GeneratedCamera(size=(640, 480))
    ed = QtCaseEditor(ctx)
    qtbot.addWidget(ed)
    tab = identity_tab(ed)
    tab.use_reader(reader)
    ed.resize(1200, 820)
    yield ed
    tab.face.stop()
    for section in tab.sections.values():
        section.panel.wait_idle(5000)
    from PySide6.QtCore import QThreadPool
    QThreadPool.globalInstance().waitForDone(10000)   # no task outlives its widgets
    qtbot.wait(10)


def identity_tab(ed) -> QtIdentityTab:
    return next(p for p in ed.pages if isinstance(p, QtIdentityTab))


def read(qtbot, tab, party_id, card, reader):
    reader.emulator.present(card)
    with qtbot.waitSignal(tab.recorded, timeout=15000) as blocker:
        assert tab.sections[party_id].panel.start_read()
    return blocker.args[0]


def shot(widget, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / name))


def test_card_fills_the_party_of_a_new_case_and_face_is_captured(qtbot, editor, reader, store, fake, tmp_path):
    editor.new_case("mortgage_first_general")
    tab = identity_tab(editor)
    assert tab.title == "身份核验" and "模拟读卡器" in tab.device_label.text()
    [pid] = tab.sections          # the mortgagor; the bank needs no identity check
    person = fake.person()
    card = card_for(person)
    record = read(qtbot, tab, pid, card, reader)
    party = editor.case.parties[0]
    assert (party.name, party.id_kind, party.id_number, party.address) == (person.name, "1", person.id_number, card.address)
    assert record["card"]["applied"] and record["card"]["simulated"] and record["status"] == "missing"
    assert person.id_number not in str(record) and "（模拟读卡器）" in tab.sections[pid].panel.status_label.text()
    saved = store.get_case(editor.case.id)
    assert saved.identity_checks[0]["card"]["id_masked"] == record["card"]["id_masked"]
    [photo] = store.blobs.list(editor.case.id, "idphoto")
    assert store.blobs.get(photo.id) == store.blobs.get(record["card"]["photo_blob"])
    editor.tabs.setCurrentWidget(tab)
    shot(editor, "identity_after_card.png")

    with qtbot.waitSignal(tab.recorded, timeout=30000) as blocker:
        tab.start_face(pid)
    record = blocker.args[0]
    face = record["face"]
    assert face["quality"]["pass"] and face["simulated"] and face["device"] == "模拟摄像头"
    # no comparer here (not enrolled): the check is referred to the officer at once
    assert record["comparison"]["decision"] == "manual_review" and record["comparison"]["referred"]
    assert record["status"] == "pending" and tab.status() == {pid: "pending"}
    assert "需人工复核" in tab.sections[pid].status.text()
    assert not tab.sections[pid].pass_button.isHidden()
    saved = store.get_case(editor.case.id)
    assert len(saved.identity_checks) == 1 and saved.identity_checks[0]["face"]["face_blob"] == face["face_blob"]
    frame, crop = store.blobs.get(face["frame_blob"]), store.blobs.get(face["face_blob"])
    assert frame[:2] == b"\xff\xd8" and crop[:2] == b"\xff\xd8"
    raw = b"".join(p.read_bytes() for p in (tmp_path / "data").rglob("*") if p.is_file())
    assert frame[300:364] not in raw and crop[300:364] not in raw
    editor.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not tab.face.running, timeout=5000)
    shot(editor, "identity_after_capture.png")


def test_local_comparer_decides(qtbot, editor, reader, fake):
    from shared.capture.comparer import ComparisonResult, FaceComparer

    class Passing(FaceComparer):
        method = "fake"

        def available(self):
            return True

        def compare(self, probe, reference):
            return ComparisonResult(0.58, 0.6, "manual_review", self.method)

    class DecodingReader(EmulatedReader):
        """The emulator plus what a vendor WLT decoder library adds: the card photo bitmap."""

        def read_card(self, timeout=5.0):
            card = super().read_card(timeout)
            card.photo_bgr = bytes(102 * 126 * 3)
            return card

    decoding = DecodingReader(cards=[], repeat=False, command_timeout=0.5, poll_interval=0.05)
    decoding.open()
    editor.new_case("mortgage_first_general")
    tab = identity_tab(editor)
    tab.use_reader(decoding)        # the previous reader is closed by the tab
    [pid] = tab.sections
    read(qtbot, tab, pid, card_for(fake.person()), decoding)
    editor.session.comparer = Passing()   # what the context hands each session
    with qtbot.waitSignal(tab.recorded, timeout=30000) as blocker:
        tab.start_face(pid)
    assert blocker.args[0]["comparison"]["reference"] == "card_photo"
    section = tab.sections[pid]
    assert tab.status() == {pid: "pending"} and not section.pass_button.isHidden()
    with qtbot.waitSignal(tab.recorded, timeout=10000) as blocker:
        section.pass_button.click()
    assert blocker.args[0]["comparison"]["method"] == "manual" and tab.status() == {pid: "done"}
    assert blocker.args[0]["comparison"]["reason"] == "证件照与本人相符（人工核对）"   # the officer's reason
    assert editor.prompter.asked[-1][0] == "reason"
    assert section.pass_button.isHidden()


def test_expired_card_is_flagged_and_recorded_failed(qtbot, editor, reader, fake, store):
    editor.new_case("mortgage_first_general")
    tab = identity_tab(editor)
    [pid] = tab.sections
    expired = card_for(fake.person(), valid_from=dt.date(2005, 1, 1), valid_to=dt.date(2025, 1, 1))
    record = read(qtbot, tab, pid, expired, reader)
    assert record["status"] == "failed" and record["failure"]["code"] == "card_expired"
    assert record["card"]["expired"] and not record["card"]["applied"]
    party = editor.case.parties[0]
    assert party.name == "" and party.id_number == ""     # not silently accepted
    panel = tab.sections[pid].panel
    assert not panel.expired_badge.isHidden() and panel.expired_badge.text() == "证件已过期"
    assert "证件已过期" in tab.sections[pid].status.text()
    assert any("证件已过期" in text for _level, text in notifier().history)
    assert tab.status() == {pid: "failed"}
    assert store.get_case(editor.case.id).identity_checks[0]["status"] == "failed"


def test_a_different_number_asks_before_overwriting(qtbot, editor, reader, sample_case, fake):
    editor.open_case(sample_case)
    tab = identity_tab(editor)
    pid = sample_case.parties[0].party_id
    entered = sample_case.parties[0].id_number
    prompter = editor.prompter
    prompter.answer = False
    other = fake.person()
    record = read(qtbot, tab, pid, card_for(other), reader)
    asked = [(title, text) for kind, title, text in prompter.asked if kind == "confirm"]
    assert asked and asked[0][0] == "证件号码不一致"
    assert other.id_number not in asked[0][1] and entered not in asked[0][1]   # masked
    assert editor.case.parties[0].id_number == entered
    assert record["failure"]["code"] == "card_mismatch" and record["card"]["matches_party"] is False
    prompter.answer = True
    record = read(qtbot, tab, pid, card_for(other), reader)
    assert editor.case.parties[0].id_number == other.id_number
    assert editor.case.parties[0].name == other.name and record["card"]["applied"]
    assert len(editor.case.identity_checks) == 2
    # the same person again: no question asked
    prompter.asked.clear()
    prompter.answer = False
    record = read(qtbot, tab, pid, card_for(other), reader)
    assert not prompter.asked and record["card"]["matches_party"] is True


def test_the_auto_prompter_never_blocks_and_answers_no(qtbot, editor):
    assert not editor.prompter.interactive
    assert editor.prompter.confirm("标题", "内容") is False


@pytest.mark.parametrize("fault", ["silent", "status", "truncate", "unplugged"])
def test_failing_reader_gives_a_message_and_keeps_the_case(qtbot, editor, reader, sample_case, fault):
    editor.open_case(sample_case)
    tab = identity_tab(editor)
    pid = sample_case.parties[0].party_id
    before = editor.collect().to_dict()
    panel = tab.sections[pid].panel
    panel.timeout = 1.0
    reader.emulator.present(card_for_sample(sample_case))
    if fault == "unplugged":
        reader.emulator.stop()
    elif fault == "silent":
        reader.emulator.add_fault("silent")            # the reader stops answering
    elif fault == "status":
        reader.emulator.add_fault("status", "read", sw3=0x41)   # 读卡失败
    else:
        reader.emulator.add_fault("truncate", "read", truncate_at=700)  # card lifted mid-read
    notifier().history.clear()
    with qtbot.waitSignal(panel.failed, timeout=15000) as blocker:
        panel.start_read()
    assert blocker.args[0] and ("warning", blocker.args[0]) in notifier().history
    assert panel.read_button.isEnabled() and panel.card is None
    after = editor.collect().to_dict()
    after.pop("updated_at"), before.pop("updated_at")
    assert after == before and editor.case.identity_checks == []


def card_for_sample(case):
    p = case.parties[0]
    return IdCardData(CardType.RESIDENT, p.name, "男", p.id_number, valid_to=dt.date(2040, 1, 1))


def test_reader_that_cannot_be_opened(qtbot, store, monkeypatch):
    from shared.config import Settings
    settings = Settings(Path("/nonexistent/settings.json"),
                        {"devices": {"idcard": "serial:/dev/yizhan-no-such-port", "camera": "63"}})
    ed = QtCaseEditor(AppContext.for_store(store, default_catalog(), settings=settings))
    qtbot.addWidget(ed)
    tab = identity_tab(ed)
    assert tab.face.camera_spec == "63"
    ed.new_case("mortgage_first_general")
    ed.tabs.setCurrentWidget(tab)
    ed.show()
    qtbot.waitUntil(lambda: tab._reader_state == "failed", timeout=10000)
    assert "读卡器不可用" in tab.device_label.text() and tab.reconnect_button.isVisible()
    [pid] = tab.sections
    assert not tab.sections[pid].panel.read_button.isEnabled()
    with qtbot.waitSignal(tab.face.unavailable, timeout=10000) as blocker:
        tab.start_face(pid)
    assert "未找到摄像头" in blocker.args[0] and "未找到摄像头" in tab.face.view.text
    ed.tabs.setCurrentIndex(0)     # the rest works: the form is still editable
    assert ed.scroll.widget().isEnabled()


def test_second_face_check_dialog(qtbot, store, fake):
    biz = default_catalog().business("transfer_mortgage")
    seller, buyer = fake.person(), fake.person()
    case = Case("transfer_mortgage", parties=[
        Party("seller", "person", seller.name, "1", seller.id_number),
        Party("buyer", "person", buyer.name, "1", buyer.id_number),
        Party("mortgagee", "org", "某银行", "8", "91350100M000100Y43")])
    store.save_case(case)
    assert idm.needs_second_check(case, biz)
    ctx = AppContext.for_store(store, default_catalog())
    session = ctx.session(case)
    records = []
    for party in case.parties[:2]:
        dialog = QtFaceCheckDialog(session, party, check_no=2,
                                   camera_factory=lambda: GeneratedCamera(size=(640, 480)))
        qtbot.addWidget(dialog)
        assert not dialog.ok_button.isEnabled()
        with qtbot.waitSignal(dialog.recorded, timeout=30000):
            dialog.start()
        assert dialog.ok_button.isEnabled() and "需人工复核" in dialog.result.text()
        if not records:
            shot(dialog, "identity_second_check.png")
        dialog.accept()
        records.append(dialog.record)
    for record in records:
        assert record["check_no"] == 2 and record["status"] == "pending" and record["card"] is None
    stored = store.get_case(case.id)   # recorded through the session, one transaction each
    assert [r["check_no"] for r in stored.identity_checks] == [2, 2]
    # referred to a person: still owed until the officer decides (the recheck steps agree)
    assert [p.party_id for p in idm.parties_for_second_check(stored, biz)] == [p.party_id for p in case.parties[:2]]
    assert all(idm.awaits_decision(r) for r in stored.identity_checks)
    recheck = [s for s in session.steps(stored) if s.kind == "recheck"]
    assert [s.done for s in recheck] == [False, False]
    assert len(store.blobs.list(case.id, "face")) == 4

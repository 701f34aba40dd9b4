"""QtIdCardPanel: reading through the emulator off the UI thread, masking, reveal, badge."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402

import pytest  # noqa: E402
from idcard_fakes import hmt_card, resident_card  # noqa: E402

from shared.devices.idcard.factory import EmulatedReader  # noqa: E402
from shared.devices.idcard.model import PHOTO_BGR_SIZE  # noqa: E402
from shared.ui.idcard_panel import PHOTO_PLACEHOLDER, QtIdCardPanel  # noqa: E402


@pytest.fixture
def emu_reader():
    reader = EmulatedReader(cards=[], repeat=False, command_timeout=0.5, poll_interval=0.05)
    reader.open()
    yield reader
    reader.close()


def make_panel(qtbot, reader=None, can_reveal=False):
    panel = QtIdCardPanel(reader, can_reveal=can_reveal, timeout=2.0)
    qtbot.addWidget(panel)
    return panel


def test_read_through_the_emulator_shows_masked(qtbot, emu_reader):
    card = resident_card()
    emu_reader.emulator.present(card)
    panel = make_panel(qtbot, emu_reader)
    with qtbot.waitSignal(panel.cardRead, timeout=10000) as blocker:
        assert panel.start_read()
        assert not panel.read_button.isEnabled()  # no second read while one runs
    got = blocker.args[0]
    assert got.id_number == card.id_number and panel.card is got
    labels = {k: v.text() for k, v in panel.value_labels.items()}
    assert labels["name"] == "张*三" and labels["id_number"] == "350102********" + card.id_number[-4:]
    assert card.address not in labels["address"] and labels["birth"] == "1990年"
    assert panel.photo_label.text() == PHOTO_PLACEHOLDER
    assert panel.expired_badge.isHidden()
    assert "读卡成功" in panel.status_label.text() and panel.frame.property("cue") == "success"
    assert panel.read_button.isEnabled()


def test_failure_is_reported_as_a_message(qtbot, emu_reader):
    panel = make_panel(qtbot, emu_reader)
    panel.timeout = 0.2
    with qtbot.waitSignal(panel.failed, timeout=10000) as blocker:
        panel.read_button.click()
    assert "未找到证件" in blocker.args[0] and panel.status_label.text() == blocker.args[0]
    assert panel.card is None and panel.read_button.isEnabled()


def test_status_error_from_the_reader(qtbot, emu_reader):
    emu_reader.emulator.present(resident_card())
    emu_reader.emulator.add_fault("status", "read", sw3=0x41)
    panel = make_panel(qtbot, emu_reader)
    with qtbot.waitSignal(panel.failed, timeout=10000) as blocker:
        panel.start_read()
    assert "读卡失败" in blocker.args[0]


def test_reveal_only_when_allowed_and_audited(qtbot):
    card = resident_card()
    panel = make_panel(qtbot)
    panel.set_card(card)
    assert not panel.reveal_button.isEnabled() and not panel.read_button.isEnabled()
    panel.reveal_button.setChecked(True)  # even forced, nothing is revealed
    assert not panel.is_revealed and panel.value_labels["name"].text() == "张*三"
    panel.set_can_reveal(True)
    with qtbot.waitSignal(panel.revealed, timeout=1000):
        panel.reveal_button.click()
    assert panel.value_labels["name"].text() == "张小三"
    assert panel.value_labels["id_number"].text() == card.id_number
    panel.set_can_reveal(False)
    assert panel.value_labels["name"].text() == "张*三"
    panel.set_can_reveal(True)
    panel.reveal_button.click()
    panel.set_card(hmt_card())  # a new card starts masked
    assert not panel.is_revealed and panel.value_labels["name"].text() == "陈*文"


def test_expired_badge_and_decoded_photo(qtbot):
    panel = make_panel(qtbot)
    expired = hmt_card()
    assert expired.is_expired(dt.date.today())
    panel.set_card(expired)
    assert not panel.expired_badge.isHidden() and panel.expired_badge.text() == "证件已过期"
    decoded = resident_card(photo_bgr=bytes(PHOTO_BGR_SIZE))
    panel.set_card(decoded)
    assert panel.expired_badge.isHidden()
    pixmap = panel.photo_label.pixmap()
    assert not pixmap.isNull() and (pixmap.width(), pixmap.height()) == (102, 126)
    panel.set_card(None)
    assert panel.value_labels["name"].text() == "" and panel.expired_badge.isHidden()

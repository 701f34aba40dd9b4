"""The kiosk's lock-down, operator menu, prompter, large text, keypad, guide and watchdog."""

from __future__ import annotations

import socket

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from kiosk import watchdog
from kiosk.widgets import Keypad, Overlay


def button(w, key):
    return next((b for b in w.findChildren(QPushButton) if b.property("key") == key and b.isVisible()), None)


def test_window_is_frameless_and_stays_on_top(kiosk):
    flags = kiosk.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint


def test_escape_keys_are_swallowed(kiosk, qtbot):
    for key, mods in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
                      (Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier),
                      (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier)):
        event = QKeyEvent(QEvent.Type.KeyPress, key, mods)
        assert kiosk.keylock.eventFilter(kiosk, event) is True
    assert kiosk.keylock.eventFilter(kiosk, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A,
                                                      Qt.KeyboardModifier.NoModifier)) is False
    qtbot.keyClick(kiosk, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.isVisible() and kiosk.screen_name == "attract"


def test_close_is_refused_until_the_operator_allows_it(kiosk):
    assert kiosk.close() is False and kiosk.isVisible()
    kiosk.allow_close()
    assert kiosk.close() is True


def test_hidden_gesture_and_pin_open_the_operator_menu(kiosk, qtbot):
    kiosk.ctx.settings.set("kiosk.admin_pin_sha256", kiosk.ctx.pin_hash("2468"))
    for _ in range(4):
        qtbot.mouseClick(kiosk.logo, Qt.MouseButton.LeftButton)
    assert not kiosk.findChildren(Keypad)
    qtbot.mouseClick(kiosk.logo, Qt.MouseButton.LeftButton)
    pad = kiosk.findChild(Keypad)
    for ch in "1111":
        qtbot.mouseClick(pad.buttons[ch], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
    assert not [o for o in kiosk.findChildren(Overlay) if "运维菜单" in _texts(o)]  # wrong PIN
    for _ in range(5):
        qtbot.mouseClick(kiosk.logo, Qt.MouseButton.LeftButton)
    pad = [p for p in kiosk.findChildren(Keypad) if p.isVisible()][-1]
    for ch in "2468":
        qtbot.mouseClick(pad.buttons[ch], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(o.isVisible() and "运维菜单" in _texts(o) for o in kiosk.findChildren(Overlay)))
    menu = [o for o in kiosk.findChildren(Overlay) if o.isVisible() and "运维菜单" in _texts(o)]
    assert "printer: ready" in _texts(menu[0]) and "enrolled: no" in _texts(menu[0])
    qtbot.mouseClick(menu[0].buttons[2], Qt.MouseButton.LeftButton)  # restart
    assert kiosk.actions == ["restart"]


def test_not_enrolled_kiosk_takes_no_registration(kiosk, qtbot):
    qtbot.waitUntil(lambda: button(kiosk, "guide").isEnabled())
    assert not button(kiosk, "biz:kiosk_mortgage_cancel").isEnabled() and not button(kiosk, "biz:change").isEnabled()
    assert "请到窗口办理" in _texts(kiosk) and "enroll" not in _texts(kiosk)


def test_no_pin_configured_means_no_menu(kiosk):
    assert kiosk.ctx.check_pin("") is False and kiosk.ctx.check_pin("0000") is False


def _texts(widget):
    return "\n".join(x.text() for x in widget.findChildren(QLabel))


def test_prompter_asks_with_an_overlay_not_a_dialog(kiosk, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    def answer():
        overlay = kiosk.prompter.current
        assert overlay is not None and overlay.parent() is kiosk
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        qtbot.mouseClick(overlay.buttons[0], Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, answer)
    assert kiosk.prompter.confirm("", "继续吗？") is True
    QTimer.singleShot(0, lambda: qtbot.mouseClick(kiosk.prompter.current.buttons[1], Qt.MouseButton.LeftButton))
    assert kiosk.prompter.ask_reason("", ["甲", "乙"]) == "乙"


def test_large_text_mode_is_one_touch(kiosk, qtbot):
    before = kiosk.styleSheet()
    qtbot.mouseClick(button(kiosk, "large"), Qt.MouseButton.LeftButton)
    assert kiosk.large and kiosk.styleSheet() != before and "font-size: 42px" in kiosk.styleSheet()
    assert button(kiosk, "biz:kiosk_mortgage_cancel").height() >= 96


def test_touch_targets_are_at_least_15_mm(kiosk):
    dpi = kiosk.logicalDpiX()
    for b in kiosk.findChildren(QPushButton):
        if b.isVisible():
            assert min(b.height(), b.width()) >= 15 / 25.4 * dpi, b.text()


def test_english_on_the_attract_screen(kiosk, qtbot):
    button(kiosk, "language").click()
    assert "Mortgage" in button(kiosk, "biz:kiosk_mortgage_cancel").text()
    kiosk.wipe("timeout")
    assert "抵押权注销" in button(kiosk, "biz:kiosk_mortgage_cancel").text()  # Chinese first for the next one


def test_keypad_types_digits_only_by_touch(qtbot):
    pad = Keypad(4, allow_x=False)
    qtbot.addWidget(pad)
    got = []
    pad.submitted.connect(got.append)
    for key in "12345":
        pad.press(key)
    pad.press("⌫")
    pad.ok.click()
    assert got == ["123"]


def test_service_guide_from_master_data(kiosk, qtbot):
    button(kiosk, "guide").click()  # a page replaced in its own click handler: QTest's mouse needs the window
    button(kiosk, "guide:kiosk_mortgage_cancel").click()
    text = _texts(kiosk.page)
    assert "即时办结" in text and "不收费" in text and "贷款结清证明" in text and "回答询问并签名" in text and "人脸核验" not in text


def test_idle_countdown_then_attract(kiosk, qtbot):
    button(kiosk, "guide").click()
    kiosk.idle.advance(kiosk.idle.timeout - 3)
    assert "3 秒后" in _texts(kiosk)
    kiosk.idle.advance(3)
    assert kiosk.screen_name == "attract"


def test_sd_notify_datagrams(tmp_path, monkeypatch):
    path = str(tmp_path / "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    try:
        assert watchdog.notify("READY=1", {"NOTIFY_SOCKET": path}) is True
        assert sock.recv(100) == b"READY=1"
        assert watchdog.notify("WATCHDOG=1", {}) is False
    finally:
        sock.close()
    assert watchdog.watchdog_interval({"WATCHDOG_USEC": "30000000"}) == 15.0
    assert watchdog.watchdog_interval({}) is None
    import os
    assert watchdog.watchdog_interval({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid() + 1)}) is None


def test_window_sends_heartbeats_under_systemd(qtbot, store, tmp_path, monkeypatch):
    import copy

    from kiosk.window import KioskWindow
    from kiosk_harness import kiosk_context
    from shared.config import DEFAULT_SETTINGS, Settings
    path = str(tmp_path / "n.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(5)
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    monkeypatch.setenv("WATCHDOG_USEC", "200000")
    try:
        w = KioskWindow(kiosk_context(store, Settings(tmp_path / "s.json", copy.deepcopy(DEFAULT_SETTINGS)), tmp_path))
        qtbot.addWidget(w)
        assert sock.recv(100) == b"READY=1"
        qtbot.waitUntil(lambda: _recv(sock) == b"WATCHDOG=1", timeout=5000)
    finally:
        sock.close()


def _recv(sock):
    sock.settimeout(0.05)
    try:
        return sock.recv(100)
    except OSError:
        return None

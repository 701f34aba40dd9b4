"""The kiosk end to end against the reference server, on simulated devices: a mortgage
cancellation and a change of name from the attract screen to the printed receipt (touches
counted, nothing typed), the progress query, and the walk-away at every step."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton

from kiosk.window import KioskWindow
from kiosk_harness import extract_for, kiosk_context
from shared.config import Settings, _merge, DEFAULT_SETTINGS
from shared.devices.idcard.emulator import make_demo_card
from shared.devices.printer import decode_escpos
from sync_helpers import OPEN_SETTINGS

sys_path_hint = None


@pytest.fixture
def kiosk_settings(tmp_path):
    values = _merge(DEFAULT_SETTINGS, json.loads(json.dumps(OPEN_SETTINGS)))
    values.setdefault("kiosk", {})["property_extract"] = str(tmp_path / "extract.json")
    return Settings(tmp_path / "config" / "settings.json", values)


class Kiosk:
    """The window and a finger: taps counted, screens waited for."""

    def __init__(self, qtbot, window):
        self.qtbot, self.w, self.touches = qtbot, window, 0

    def button(self, key):
        for b in self.w.findChildren(QPushButton):
            if b.property("key") == key and b.isVisible() and b.isEnabled():
                return b
        return None

    def tap(self, key, timeout=20000):
        self.qtbot.waitUntil(lambda: self.button(key) is not None, timeout=timeout)
        self.touches += 1
        self.qtbot.mouseClick(self.button(key), Qt.MouseButton.LeftButton)

    def wait(self, name, timeout=30000):
        try:
            self.qtbot.waitUntil(lambda: self.w.screen_name == name, timeout=timeout)
        except Exception:
            raise AssertionError(self.where())

    def sign(self):
        from shared.ui.signature_pad import QtSignaturePad
        self.wait("sign")
        pad = self.w.page.findChild(QtSignaturePad)
        self.touches += 1  # one stroke
        self.qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 100))
        for x, y in ((80, 40), (160, 120), (240, 30), (320, 110), (400, 60)):
            self.qtbot.mouseMove(pad, QPoint(x, y))
        self.qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(420, 80))

    def where(self):
        from PySide6.QtWidgets import QLabel
        return self.w.screen_name, [x.text() for x in self.w.page.findChildren(QLabel)]

    def answer_yes_until(self, screen):
        while True:
            try:
                self.qtbot.waitUntil(lambda: self.w.screen_name in ("question", screen, "stop"), timeout=20000)
            except Exception:
                raise AssertionError(self.where())
            if self.w.screen_name != "question":
                return
            old = self.w.page
            self.tap("yes")
            self.qtbot.waitUntil(lambda: self.w.page is not old, timeout=20000)


def make_kiosk(qtbot, store, kiosk_settings, tmp_path, **kw):
    ctx = kiosk_context(store, kiosk_settings, tmp_path, **kw)
    w = KioskWindow(ctx, idle_timeout=600)
    qtbot.addWidget(w)
    w.resize(1080, 1920)
    w.show()
    return Kiosk(qtbot, w), ctx


def test_mortgage_cancellation_in_twelve_touches(qtbot, store, enrolled, srv, kiosk_settings, tmp_path, fake):
    extract_for(tmp_path / "extract.json", make_demo_card(), fake)
    k, ctx = make_kiosk(qtbot, store, kiosk_settings, tmp_path)
    k.tap("biz:kiosk_mortgage_cancel")
    k.answer_yes_until("sign")
    k.sign()
    k.tap("sign")
    for _ in range(2):  # the settlement proof and the registration proof; the application is generated
        k.tap("use_page", timeout=60000)
    k.tap("submit", timeout=60000)
    k.wait("done", timeout=60000)
    assert k.touches <= 12, k.touches
    printed = ctx.printer.printed
    assert len(printed) == 1 and printed[0].with_suffix(".png").exists()
    text = "\n".join(i.get("text", "") for i in decode_escpos(printed[0].read_bytes()))
    case = store.get_case(store.list_cases()[0].id)
    assert case.id in text and case.state.value != "draft"
    assert "申请已送达登记机构" in text  # the server was up: not queued


def _pass_comparer():
    """The server's comparer as the registry would answer for the card holder (the reference
    server here has no face engine installed: it would keep the check pending)."""
    from shared.capture.comparer import ComparisonResult

    class Passing:
        method, accepts_wlt = "server", True

        def available(self):
            return True

        def compare(self, probe_jpeg, reference):
            return ComparisonResult(0.2, 0.6, "pass", "server")
    return Passing()


def change_of_name(k):
    k.tap("biz:change")
    k.tap("biz:kiosk_change_name")
    k.qtbot.waitUntil(lambda: k.w.screen_name in ("question", "stop"), timeout=90000)  # card, face: no touch
    while k.w.screen_name == "question":
        old = k.w.page
        key = "yes" if k.button("yes") else "choice"
        if k.button("no") and "查封" in " ".join(k.where()[1]):
            key = "no"
        k.tap(key)
        k.qtbot.waitUntil(lambda: k.w.page is not old, timeout=20000)
    assert k.w.screen_name == "sign", k.where()
    k.sign()
    k.tap("sign")
    while True:
        k.qtbot.waitUntil(lambda: k.w.screen_name in ("page_back", "review", "stop"), timeout=60000)
        if k.w.screen_name != "page_back":
            break
        old = k.w.page
        k.tap("use_page")
        k.qtbot.waitUntil(lambda: k.w.page is not old, timeout=20000)
    assert k.w.screen_name == "review", k.where()
    k.tap("submit")
    k.wait("done", timeout=60000)


def test_change_of_name_with_live_face(qtbot, store, enrolled, srv, kiosk_settings, tmp_path, fake):
    card = make_demo_card()
    extract_for(tmp_path / "extract.json", card, fake, mortgage=False)
    k, ctx = make_kiosk(qtbot, store, kiosk_settings, tmp_path, comparer=_pass_comparer())
    change_of_name(k)
    case = store.get_case(store.list_cases()[0].id)
    assert case.business_code == "kiosk_change_name" and case.get("change.new_name") == card.name
    assert case.identity_checks and case.identity_checks[0]["comparison"]["decision"] == "pass"
    assert len(ctx.printer.printed) == 1
    assert k.touches <= 16


def test_offline_submission_is_queued_and_the_receipt_says_so(qtbot, store, enrolled, srv, kiosk_settings, tmp_path,
                                                             fake):
    extract_for(tmp_path / "extract.json", make_demo_card(), fake)
    k, ctx = make_kiosk(qtbot, store, kiosk_settings, tmp_path)
    srv.faults(down=True) if "down" in srv.faults.__code__.co_varnames else None
    ctx.sync_service_factory = lambda: (_ for _ in ()).throw(OSError("no route to host"))
    k.tap("biz:kiosk_mortgage_cancel")
    k.answer_yes_until("sign")
    k.sign()
    k.tap("sign")
    for _ in range(2):
        k.tap("use_page", timeout=60000)
    k.tap("submit", timeout=60000)
    k.wait("done", timeout=60000)
    text = "\n".join(i.get("text", "") for i in decode_escpos(ctx.printer.printed[0].read_bytes()))
    assert "联网后自动上传" in text
    assert store.get_case(store.list_cases()[0].id).state.value == "submitted"


def test_out_of_paper_is_reported_and_the_receipt_reprinted(qtbot, store, enrolled, srv, kiosk_settings, tmp_path,
                                                           fake):
    from shared.devices.printer import SimulatedPrinter
    extract_for(tmp_path / "extract.json", make_demo_card(), fake)
    printer = SimulatedPrinter(tmp_path / "printer", paper=0)
    k, ctx = make_kiosk(qtbot, store, kiosk_settings, tmp_path, printer=printer)
    k.tap("biz:kiosk_mortgage_cancel")
    k.answer_yes_until("sign")
    k.sign()
    k.tap("sign")
    for _ in range(2):
        k.tap("use_page", timeout=60000)
    k.tap("submit", timeout=60000)
    k.wait("done", timeout=60000)
    assert "缺纸" in " ".join(k.where()[1]) and printer.printed == []
    printer.paper = 5  # staff refilled it
    k.tap("reprint")
    k.wait("done")
    assert len(printer.printed) == 1


def test_progress_query_by_card_and_by_number(qtbot, store, enrolled, srv, kiosk_settings, tmp_path, fake):
    card = make_demo_card()
    extract_for(tmp_path / "extract.json", card, fake)
    k, ctx = make_kiosk(qtbot, store, kiosk_settings, tmp_path)
    k.tap("biz:kiosk_mortgage_cancel")
    k.answer_yes_until("sign")
    k.sign()
    k.tap("sign")
    for _ in range(2):
        k.tap("use_page", timeout=60000)
    k.tap("submit", timeout=60000)
    k.wait("done", timeout=60000)
    k.tap("finish")
    k.wait("attract")
    k.tap("query")
    k.wait("query_result")  # the card still lies on the reader
    words = " ".join(k.where()[1])
    assert "已提交申请" in words and "已送达登记机构" in words, words
    k.tap("finish")
    k.wait("attract")
    # by number on the keypad: the ID number typed by touch
    ctx.devices = type(ctx.devices)(ctx.settings, reader_opener=lambda spec: (_ for _ in ()).throw(
        __import__("shared.errors", fromlist=["DeviceError"]).DeviceError("no reader")))
    k.tap("query")
    k.wait("query")
    from kiosk.widgets import Keypad
    pad = k.w.page.findChild(Keypad)
    for ch in card.id_number:
        qtbot.mouseClick(pad.buttons[ch], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
    k.wait("query_result")
    assert "已送达登记机构" in " ".join(k.where()[1])

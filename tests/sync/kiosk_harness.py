"""Building a kiosk on simulated devices for the end-to-end tests (not a test module).

The ID card reader is the GA/T 467 emulator holding one generated card, the face camera the
generated one, the document camera the simulated page, the printer the simulated twin writing
into the test's directory; the voice is silent. The registry's property extract names the
card holder's property (and its mortgage), as the registry would hand it to a kiosk.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton

from shared.devices.camera import GeneratedCamera
from shared.devices.idcard.emulator import make_demo_card
from shared.devices.idcard.factory import EmulatedReader
from shared.devices.pages import open_source
from shared.devices.printer import SimulatedPrinter
from shared.devices.registry import DeviceRegistry
from shared.devices.voice import SilentVoice


def extract_for(path, card, fake, mortgage: bool = True, region: str = "350102"):
    """Write the registry's extract: the card holder's property and (optionally) its mortgage."""
    bank = fake.bank()
    item = {"id_number": card.id_number, "owner_name": "旧" + card.name[1:],
            "property": {"property.unit_number": fake.unit_number(region),
                         "property.certificate_number": fake.certificate_number(),
                         "property.location": "福州市鼓楼区五一路88号3单元502", "property.area": "89.56",
                         "property.use": "住宅"}}
    if mortgage:
        item["mortgage"] = {"proof_number": "闽(2020)福州市不动产证明第0012345号",
                            "bank": {"name": bank.name, "credit_code": bank.credit_code, "phone": bank.phone,
                                     "address": bank.address}}
    path.write_text(json.dumps({"holdings": [item]}, ensure_ascii=False), "utf-8")
    return item


def kiosk_context(store, settings, tmp_path, comparer=None, card=None, printer=None):
    """A :class:`kiosk.context.KioskContext` around ``store`` on the simulated devices."""
    from kiosk.context import KioskContext
    card = card or make_demo_card()
    devices = DeviceRegistry(settings, reader_opener=lambda spec: _opened(EmulatedReader([card])),
                             camera_factory=lambda: GeneratedCamera(size=(960, 540)))
    return KioskContext.for_store(store, settings=settings, devices=devices, comparer=comparer,
                                  printer=printer or SimulatedPrinter(tmp_path / "printer"), voice=SilentVoice(),
                                  camera_factory=lambda: GeneratedCamera(size=(960, 540)),
                                  doccam_factory=lambda: open_source("sim:"), temp_root=tmp_path / "kiosk-tmp")


def _opened(reader):
    reader.open()
    return reader


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
        try:
            self.qtbot.waitUntil(lambda: self.button(key) is not None, timeout=timeout)
        except Exception:
            raise AssertionError((key, self.where()))
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


def make_kiosk(qtbot, store, kiosk_settings, tmp_path, idle_timeout=600, **kw):
    from kiosk.window import KioskWindow
    ctx = kiosk_context(store, kiosk_settings, tmp_path, **kw)
    w = KioskWindow(ctx, idle_timeout=idle_timeout)
    qtbot.addWidget(w)
    w.resize(1080, 1920)
    w.show()
    return Kiosk(qtbot, w), ctx



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
        k.qtbot.waitUntil(lambda: k.button("yes") is not None or k.button("choice") is not None)
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



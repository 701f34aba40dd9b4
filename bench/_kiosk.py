"""A kiosk on simulated devices for the K benches (the tests build theirs the same way)."""

from __future__ import annotations

import copy
import json
from pathlib import Path


def build_kiosk(tmp: Path):
    """(app, ctx, window, card): a kiosk on a fresh store, the emulator holding one generated
    card whose holder has a mortgaged property in the registry's extract."""
    from PySide6.QtWidgets import QApplication

    from kiosk.context import KioskContext
    from kiosk.window import KioskWindow
    from shared.config import DEFAULT_SETTINGS, Settings
    from shared.devices.camera import GeneratedCamera
    from shared.devices.idcard.emulator import make_demo_card
    from shared.devices.idcard.factory import EmulatedReader
    from shared.devices.idcard.fake_identities import FakeFactory
    from shared.devices.pages import open_source
    from shared.devices.printer import SimulatedPrinter
    from shared.devices.registry import DeviceRegistry
    from shared.devices.voice import SilentVoice
    from shared.store import Store

    app = QApplication.instance() or QApplication([])
    card = make_demo_card()
    fake = FakeFactory(7)
    bank = fake.bank()
    extract = tmp / "extract.json"
    extract.write_text(json.dumps({"holdings": [{
        "id_number": card.id_number,
        "property": {"property.unit_number": fake.unit_number("350102"), "property.certificate_number": fake.certificate_number(),
                     "property.location": "福州市鼓楼区五一路88号3单元502", "property.area": "89.56", "property.use": "住宅"},
        "mortgage": {"proof_number": "闽(2020)福州市不动产证明第0012345号",
                     "bank": {"name": bank.name, "credit_code": bank.credit_code}}}]}, ensure_ascii=False), "utf-8")
    values = copy.deepcopy(DEFAULT_SETTINGS)
    values["kiosk"] = {"property_extract": str(extract)}
    settings = Settings(tmp / "settings.json", values)
    store = Store.open(tmp / "data", tmp / "config", operator="kiosk")
    from devserver.main import start_in_thread  # the reference server: a kiosk takes applications once enrolled
    from shared.sync import enrollment
    server = start_in_thread(tmp / "server", rsa_bits=2048)
    enrollment.enroll(store, server.url, server.new_code(), server.fingerprint)

    def reader(spec):
        r = EmulatedReader([card])
        r.open()
        return r
    ctx = KioskContext.for_store(store, settings=settings, devices=DeviceRegistry(settings, reader_opener=reader),
                                 printer=SimulatedPrinter(tmp / "printer", render=False), voice=SilentVoice(),
                                 camera_factory=lambda: GeneratedCamera(size=(960, 540)),
                                 doccam_factory=lambda: open_source("sim:"), temp_root=tmp / "kiosk-tmp")
    window = KioskWindow(ctx, idle_timeout=600)
    window.resize(1080, 1920)
    window.show()
    return app, ctx, window, card


def wait_until(app, cond, timeout: float = 60.0) -> None:
    """Run an event loop until ``cond()`` (raises after ``timeout`` seconds). A real loop, so
    deferred deletes run as in the application (processEvents alone leaves them queued)."""
    import time

    from PySide6.QtCore import QEventLoop, QTimer
    end = time.perf_counter() + timeout
    while not cond():
        loop = QEventLoop()
        QTimer.singleShot(1, loop.quit)
        loop.exec()
        if time.perf_counter() > end:
            raise TimeoutError("condition not met")


def button(window, key):
    from PySide6.QtWidgets import QPushButton
    return next((b for b in window.findChildren(QPushButton)
                 if b.property("key") == key and b.isVisible() and b.isEnabled()), None)

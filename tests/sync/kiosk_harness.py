"""Building a kiosk on simulated devices for the end-to-end tests (not a test module).

The ID card reader is the GA/T 467 emulator holding one generated card, the face camera the
generated one, the document camera the simulated page, the printer the simulated twin writing
into the test's directory; the voice is silent. The registry's property extract names the
card holder's property (and its mortgage), as the registry would hand it to a kiosk.
"""

from __future__ import annotations

import json

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

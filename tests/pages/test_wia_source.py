"""The Windows scanner source (WIA's automation layer) against a stand-in of WIA's object model:
device listing, flatbed and feeder, the feeder's end, WIA's error codes and the bounded decode.
(Real WIA needs Windows and a scanner; what runs here is everything this program does with it.)"""

from __future__ import annotations

import io

import numpy as np
import pytest

from shared.devices import pages, wia_source
from shared.devices.wia_source import FORMAT_PNG, PAPER_EMPTY, WiaSource
from shared.errors import DeviceError


class ComError(Exception):
    """What comtypes raises: a COMError with its HRESULT (negative, as a signed int)."""

    def __init__(self, hresult: int) -> None:
        super().__init__(hresult - (1 << 32) if hresult & 0x80000000 else hresult, "WIA error", None)
        self.hresult = self.args[0]


class Prop:
    def __init__(self, value=None) -> None:
        self.Value = value


class Props:
    """WIA's Properties collection: called with an id (or a name) it gives the property."""

    def __init__(self, **values) -> None:
        self.values = {k.lstrip("_"): Prop(v) for k, v in values.items()}

    def __call__(self, key):
        if key not in self.values:
            raise ComError(0x80070490)  # element not found
        return self.values[key]


class Collection:
    def __init__(self, items) -> None:
        self.items = list(items)
        self.Count = len(self.items)

    def Item(self, i):  # noqa: N802 - the COM name
        return self.items[i - 1]


def _png(w: int = 300, h: int = 400, colour=(200, 30, 30)) -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (w, h), colour).save(out, "PNG")
    return out.getvalue()


class ImageFile:
    def __init__(self, data: bytes) -> None:
        self.FileData = type("Vector", (), {"BinaryData": tuple(data)})()  # a SAFEARRAY arrives as a tuple


class Item:
    def __init__(self, device: "Device") -> None:
        self.device = device
        self.Properties = Props(**{"_6147": 100, "_6148": 100, "_6146": 1})
        self.formats = []

    def Transfer(self, fmt):  # noqa: N802 - the COM name
        self.formats.append(fmt)
        return self.device.next_page()


class Device:
    def __init__(self, pages_in_feeder: list, feeder: bool = True, error: int | None = None) -> None:
        self.feed = list(pages_in_feeder)
        self.error = error
        props = {"_3087": 1} if feeder else {}
        if feeder:
            props["_3088"] = 2
        self.Properties = Props(**props)
        self.item = Item(self)

    def Items(self, i):  # noqa: N802 - the COM name
        assert i == 1
        return self.item

    def next_page(self):
        if self.error is not None:
            raise ComError(self.error)
        if not self.feed:
            raise ComError(PAPER_EMPTY)
        page = self.feed.pop(0)
        if not self.feed and "_3087" in self.Properties.values:
            self.Properties.values["3087"].Value = 0  # nothing left: no longer FEED_READY
        return ImageFile(page)


class Info:
    def __init__(self, device_id: str, name: str, kind: int, device: Device | None = None) -> None:
        self.DeviceID, self.Type, self.device = device_id, kind, device
        self.Properties = Props(Name=name)

    def Connect(self):  # noqa: N802 - the COM name
        return self.device


def _manager(*infos):
    manager = type("DeviceManager", (), {})()
    manager.DeviceInfos = Collection(infos)
    return lambda: manager


SCANNER = "{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001"


def test_scanners_are_listed_and_cameras_left_out():
    factory = _manager(Info(SCANNER, "Canon DR-C225", 1), Info("cam", "Webcam", 2))
    assert wia_source.list_devices(factory) == [{"device": SCANNER, "label": "Canon DR-C225"}]
    assert wia_source.available(factory)
    assert wia_source.list_devices(lambda: (_ for _ in ()).throw(OSError("no wiaaut"))) == []


def test_the_flatbed_gives_one_page_at_the_asked_resolution_and_colour():
    device = Device([_png(), _png()], feeder=True)
    src = WiaSource(SCANNER, "flatbed", resolution=300, mode="Gray", factory=_manager(Info(SCANNER, "s", 1, device)))
    got = list(src.acquire())
    assert len(got) == 1 and got[0].shape == (400, 300, 3) and got[0].dtype == np.uint8
    assert tuple(int(v) for v in got[0][10, 10]) == (30, 30, 200)  # BGR of the red page
    assert device.Properties("3088").Value == 2  # flatbed selected
    assert device.item.Properties("6147").Value == 300 and device.item.Properties("6146").Value == 2
    assert device.item.formats == [FORMAT_PNG]


def test_the_feeder_gives_every_page_until_it_is_empty():
    device = Device([_png(colour=(i * 40, 0, 0)) for i in range(1, 4)])
    src = WiaSource(SCANNER, "adf", factory=_manager(Info(SCANNER, "s", 1, device)))
    got = list(src.acquire())
    assert len(got) == 3 and [int(p[5, 5][2]) for p in got] == [40, 80, 120]
    assert device.Properties("3088").Value == 1  # the feeder selected


def test_a_driver_that_never_says_ready_still_ends_at_paper_empty():
    device = Device([_png(), _png()])
    del device.Properties.values["3087"]  # no status property: WIA's paper-empty error ends the batch
    src = WiaSource(SCANNER, "adf", factory=_manager(Info(SCANNER, "s", 1, device)))
    assert len(list(src.acquire())) == 2


@pytest.mark.parametrize("hresult, code", [(PAPER_EMPTY, "scanner.no_docs"), (0x80210002, "scanner.jammed"),
                                           (0x80210016, "scanner.cover_open"), (0x80210006, "scanner.busy"),
                                           (0x80210005, "scanner.offline"), (0x8021FFFF, "scanner.failed")])
def test_wia_errors_are_named_for_the_person_at_the_scanner(hresult, code):
    device = Device([], error=hresult)
    src = WiaSource(SCANNER, "adf", factory=_manager(Info(SCANNER, "s", 1, device)))
    with pytest.raises(DeviceError) as err:
        list(src.acquire())
    assert err.value.code == code
    assert "Traceback" not in err.value.msg.render() and err.value.msg.render()


def test_a_scanner_gone_or_without_feeder_is_said_so():
    with pytest.raises(DeviceError) as err:
        list(WiaSource("other", factory=_manager(Info(SCANNER, "s", 1, Device([])))).acquire())
    assert err.value.code == "scanner.offline"
    no_feeder = Device([_png()], feeder=False)
    with pytest.raises(DeviceError) as err:
        list(WiaSource(SCANNER, "adf", factory=_manager(Info(SCANNER, "s", 1, no_feeder))).acquire())
    assert err.value.code == "scanner.no_feeder"


def test_what_the_driver_sends_is_bounded_before_it_is_decoded(monkeypatch):
    from shared.devices.testpages import png_declaring
    device = Device([png_declaring(11000, 11000), b"not an image"])
    src = WiaSource(SCANNER, "adf", factory=_manager(Info(SCANNER, "s", 1, device)))
    with pytest.raises(DeviceError) as err:
        list(src.acquire())
    assert err.value.code == "scanner.bad_image"
    monkeypatch.setattr(wia_source, "MAX_TRANSFER", 10)
    with pytest.raises(DeviceError) as err:
        list(WiaSource(SCANNER, "adf", factory=_manager(Info(SCANNER, "s", 1, Device([_png()])))).acquire())
    assert err.value.code == "scanner.bad_image"


def test_page_sources_open_wia_by_id(monkeypatch):
    monkeypatch.setattr(wia_source, "list_devices", lambda factory=None: [{"device": SCANNER, "label": "Canon"}])
    assert {"id": "wia:" + SCANNER, "name": "Canon", "kind": "scanner"} in pages.list_sources()
    src = pages.open_source("wia:" + SCANNER, factory=_manager(Info(SCANNER, "s", 1, Device([_png()]))))
    assert isinstance(src, WiaSource) and len(list(src.acquire())) == 1

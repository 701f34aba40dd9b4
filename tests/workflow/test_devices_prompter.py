"""The device registry and the auto-answering prompter (Qt-free)."""

from __future__ import annotations

import pytest

from shared.devices.registry import DeviceRegistry
from shared.errors import DeviceError
from shared.i18n import Msg
from shared.prompter import AutoPrompter


class FakeReader:
    description, simulated = "fake", True

    def __init__(self):
        self.closed = False
        self.sam_calls = 0

    def open(self):
        pass

    def close(self):
        self.closed = True

    def read_card(self, timeout=5.0):
        return "card"

    def sam_id(self):
        self.sam_calls += 1
        if self.closed:
            raise DeviceError(Msg("t.gone", "读卡器已断开"))
        return "SAM"


def test_reader_is_opened_once_shared_and_replaced():
    opened = []
    registry = DeviceRegistry({"devices.idcard": "x"}, reader_opener=lambda spec: opened.append(spec) or FakeReader())
    first = registry.open_reader()
    assert registry.open_reader() is first and opened == ["x"]
    assert registry.reader_state == "open" and first.read_card() == "card" and first.simulated
    other = FakeReader()
    second = registry.use_reader(other)
    assert second.inner is other and first.inner.closed   # the previous one is released
    assert registry.health()["idcard"]["state"] == "open"
    other.closed = True                                    # unplugged
    assert registry.health()["idcard"]["state"] == "failed"
    registry.close()
    assert registry.reader is None and registry.reader_state == "closed"


def test_a_reader_that_cannot_be_opened_is_remembered():
    def fail(spec):
        raise DeviceError(Msg("t.none", "未找到读卡器"))
    registry = DeviceRegistry(None, reader_opener=fail)
    with pytest.raises(DeviceError):
        registry.open_reader()
    health = registry.health()["idcard"]
    assert registry.reader_state == "failed" and "未找到读卡器" in health["detail"]


def test_auto_prompter_answers_and_keeps_what_was_asked():
    prompter = AutoPrompter()
    assert prompter.confirm("t", "x") is False and prompter.ask_reason("r", ["a"]) is None
    prompter.answer, prompter.reason = True, "证件照与本人相符"
    assert prompter.confirm("t", "y") and prompter.ask_reason("r", ["a"], "why") == "证件照与本人相符"
    prompter.notify("warning", "m")
    assert [k for k, _t, _x in prompter.asked] == ["confirm", "reason", "confirm", "reason"]
    assert prompter.told == [("warning", "m")] and not prompter.interactive

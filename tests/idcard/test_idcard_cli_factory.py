"""`yizhan idcard ...` with the emulator, the factory specs and the device check."""

from __future__ import annotations

import re

import pytest

from shared.cli.main import main
from shared.devices.idcard import factory
from shared.devices.idcard.emulator import make_demo_card
from shared.devices.idcard.serial_driver import SerialIdCardReader
from shared.devices.idcard.vendor_sdk import VendorSdkReader
from shared.domain.identifiers import validate_resident_id
from shared.errors import DeviceError


def test_cli_read_with_the_emulator_prints_masked(capsys):
    assert main(["idcard", "read", "--port", "emulator", "--timeout", "2"]) == 0
    out = capsys.readouterr().out
    demo = make_demo_card()
    assert demo.name not in out and demo.id_number not in out
    assert "姓名：" + demo.masked_name in out
    assert re.search(r"证件号码：\d{6}\*{8}\d{3}[\dX]", out)
    assert "证件类型：居民身份证" in out and "有效期限：2020.05.01-2040.05.01" in out
    assert "状态：有效" in out and "模拟读卡器" in out
    assert "照片：WLT raw 1024 bytes, not decoded (no vendor library)" in out


def test_cli_sam_and_errors(capsys, tmp_path):
    assert main(["idcard", "sam", "--port", "emulator"]) == 0
    assert "SAM: 05.01-" in capsys.readouterr().out
    assert main(["idcard", "read", "--port", "serial:" + str(tmp_path / "ttyX")]) == 1
    assert "无法打开读卡器端口" in capsys.readouterr().err
    assert main(["idcard", "read", "--port", "bogus"]) == 1
    assert "无法识别" in capsys.readouterr().err


def test_demo_card_is_a_valid_fake_identity():
    card = make_demo_card()
    assert validate_resident_id(card.id_number) is None
    assert card.id_number[6:14] == card.birth_date.strftime("%Y%m%d")


def test_factory_specs():
    assert isinstance(factory.make_reader("serial:/dev/ttyUSB3"), SerialIdCardReader)
    assert factory.make_reader("/dev/ttyACM0").port == "/dev/ttyACM0"
    sdk = factory.make_reader("sdk:/opt/x/libsdtapi.so?port=1002&wlt=/opt/x/libwlt.so")
    assert isinstance(sdk, VendorSdkReader)
    assert (sdk.lib_path, sdk.port, sdk.wlt_lib) == ("/opt/x/libsdtapi.so", 1002, "/opt/x/libwlt.so")
    with pytest.raises(DeviceError):
        factory.make_reader("sdk:/x.so?port=abc")
    with pytest.raises(DeviceError):
        factory.make_reader("usb")


def test_emulator_spec_reads_the_demo_card_repeatedly():
    with factory.open_reader("emulator") as reader:
        assert reader.simulated
        first, second = reader.read_card(2), reader.read_card(2)
    assert first.id_number == second.id_number == make_demo_card().id_number


def test_auto_uses_a_port_that_answers_else_the_emulator(monkeypatch):
    from shared.devices.idcard.emulator import IdCardEmulator
    with IdCardEmulator() as emu:
        monkeypatch.setattr(factory, "candidate_ports", lambda: ["/dev/nonexistent-ttyUSB9", emu.path])
        reader = factory.make_reader("auto")
        assert isinstance(reader, SerialIdCardReader) and not reader.simulated
        assert reader.port == emu.path
        results = factory.check()
    assert [r["status"] for r in results] == ["error", "ok", "ok"]
    assert results[1]["detail"].startswith("SAM 05.01-")
    monkeypatch.setattr(factory, "candidate_ports", lambda: [])
    assert factory.make_reader("auto").simulated


def test_check_without_any_reader(monkeypatch, tmp_path):
    monkeypatch.setattr(factory, "candidate_ports", lambda: [])
    results = factory.check(spec="serial:" + str(tmp_path / "none"))
    by_name = {r["name"]: r for r in results}
    assert by_name["idcard serial"]["status"] == "error"
    assert by_name["idcard serial:" + str(tmp_path / "none")]["status"] == "error"
    assert by_name["idcard emulator"]["status"] == "ok"
    assert all(set(r) == {"name", "status", "detail"} for r in results)

"""Fixtures of the ID card reader tests (the fake cards live in idcard_fakes.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["pty", "tcp"])
def emulator(request):
    """The emulator on a pty (Linux) and on the loopback TCP transport (what Windows uses)."""
    from shared import platform
    from shared.devices.idcard.emulator import IdCardEmulator
    if request.param == "pty" and not platform.has_pty():
        pytest.skip("no pty on this OS")
    emu = IdCardEmulator(transport=request.param)
    emu.start()
    yield emu
    emu.stop()


@pytest.fixture
def reader(emulator):
    from shared.devices.idcard.serial_driver import SerialIdCardReader
    r = SerialIdCardReader(emulator.path, command_timeout=0.5, read_timeout=1.5,
                           gap_timeout=0.2, poll_interval=0.05)
    r.open()
    yield r
    r.close()

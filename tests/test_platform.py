"""The platform layer: per-OS folders, resources, file modes, bundled tools, the emulator's transport.

Windows is simulated by monkeypatching ``shared.platform.system`` (never ``sys.platform``).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from shared import config, platform


@pytest.fixture
def windows(monkeypatch, tmp_path):
    monkeypatch.setattr(platform, "system", lambda: "windows")
    monkeypatch.setattr(platform, "_known_folder_local_appdata", lambda: None)  # (on a real Windows too)
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    for var in ("YIZHAN_DATA_DIR", "YIZHAN_CONFIG_DIR"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path / "Local"


@pytest.fixture
def linux(monkeypatch, tmp_path):
    monkeypatch.setattr(platform, "system", lambda: "linux")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))  # Path.home() on Windows
    for var in ("YIZHAN_DATA_DIR", "YIZHAN_CONFIG_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path / "home"


def test_linux_folders_are_the_xdg_ones(linux, monkeypatch, tmp_path):
    assert config.default_data_dir() == linux / ".local" / "share" / "yizhan"
    assert config.default_config_dir() == linux / ".config" / "yizhan"
    assert platform.user_log_dir() == linux / ".local" / "state" / "yizhan" / "log"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xd"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xc"))
    assert config.default_data_dir() == tmp_path / "xd" / "yizhan"
    assert config.default_config_dir() == tmp_path / "xc" / "yizhan"


def test_windows_folders_are_under_local_appdata_and_apart(windows):
    data, conf, logs = config.default_data_dir(), config.default_config_dir(), platform.user_log_dir()
    assert data == windows / "Yizhan" / "Data"
    assert conf == windows / "Yizhan" / "Config"
    assert logs == windows / "Yizhan" / "Logs"
    assert len({data, conf, logs}) == 3  # a key file never lies beside the database


def test_the_known_folder_comes_before_the_environment(windows, monkeypatch, tmp_path):
    monkeypatch.setattr(platform, "_known_folder_local_appdata", lambda: tmp_path / "KF")
    assert config.default_data_dir() == tmp_path / "KF" / "Yizhan" / "Data"


def test_the_environment_still_wins_on_windows(windows, monkeypatch, tmp_path):
    monkeypatch.setenv("YIZHAN_DATA_DIR", str(tmp_path / "d"))
    assert config.default_data_dir() == tmp_path / "d"
    assert config.default_config_dir() == tmp_path / "d.config"


def test_resources_in_a_checkout_hold_the_catalog():
    assert (platform.resources_dir() / "catalog").is_dir()
    assert platform.resource("i18n", "yizhan_en.ts").is_file()


def test_resources_in_a_pyinstaller_bundle(monkeypatch, tmp_path):
    monkeypatch.delenv("YIZHAN_RESOURCES_DIR", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert platform.resources_dir() == tmp_path / "_internal" / "resources"
    monkeypatch.setenv("YIZHAN_RESOURCES_DIR", str(tmp_path / "elsewhere"))
    assert platform.resource("catalog") == tmp_path / "elsewhere" / "catalog"


def test_modules_take_resources_from_the_locator():
    from shared import i18n
    from shared.domain import catalog, interview
    root = platform.resources_dir()
    assert i18n.RESOURCES == root
    assert catalog.CATALOG_DIR == root / "catalog"
    assert interview.INTERVIEW_DIR == root / "catalog" / "interview"
    assert not (root / "masterdata" / "bank_profiles.json").exists()  # the server's master data only


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_atomic_write_is_owner_only_on_linux(tmp_path):
    target = tmp_path / "secret.txt"
    config.atomic_write(target, b"x", mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_atomic_write_on_windows_sets_no_mode(windows, monkeypatch, tmp_path):
    def no_fchmod(*a):
        raise AttributeError("module 'os' has no attribute 'fchmod'")  # what Windows' os says
    monkeypatch.setattr(os, "fchmod", no_fchmod, raising=False)
    config.atomic_write(tmp_path / "s.json", b"{}")
    assert (tmp_path / "s.json").read_bytes() == b"{}"
    assert not platform.has_posix_modes()


def test_settings_save_on_windows(windows, monkeypatch, tmp_path):
    monkeypatch.setattr(os, "fchmod", lambda *a: (_ for _ in ()).throw(OSError("unsupported")), raising=False)
    settings = config.Settings.load(config.default_config_dir())
    settings.set("language", "en")
    settings.save()
    assert config.Settings.load(windows / "Yizhan" / "Config").get("language") == "en"


def _fake_tool(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True)
    exe = folder / name
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    return exe


def test_a_bundled_tool_comes_before_path(linux, monkeypatch, tmp_path):
    monkeypatch.setattr(platform, "install_dir", lambda: tmp_path / "inst")
    monkeypatch.delenv("YIZHAN_TOOLS_DIR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert platform.find_tool("pdftoppm") is None
    exe = _fake_tool(tmp_path / "inst" / "tools" / "poppler-24.08" / "bin", "pdftoppm")
    assert platform.find_tool("pdftoppm") == str(exe)


def test_a_bundled_tool_on_windows_is_an_exe(windows, monkeypatch, tmp_path):
    monkeypatch.setattr(platform, "install_dir", lambda: tmp_path / "inst")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    _fake_tool(tmp_path / "inst" / "tools" / "bin", "pdftoppm")  # no .exe: not taken on Windows
    assert platform.find_tool("pdftoppm") is None
    exe = _fake_tool(tmp_path / "inst" / "tools" / "poppler" / "bin", "pdftoppm.exe")
    assert platform.find_tool("pdftoppm") == str(exe)


def test_pdf_tools_are_looked_up_through_the_platform(monkeypatch):
    from shared.documents import raster
    monkeypatch.setattr(platform, "find_tool", lambda name: "/opt/x/" + name)
    assert raster.pdftoppm_path() == "/opt/x/pdftoppm"


@pytest.mark.parametrize("runtime", ["python", "lib"])  # the Windows install, the .deb's /opt/yizhan
def test_the_install_layouts(monkeypatch, tmp_path, runtime):
    (tmp_path / runtime).mkdir()
    monkeypatch.setattr(platform, "_SOURCE_ROOT", tmp_path / "app")
    assert platform.install_dir() == tmp_path
    monkeypatch.setattr(platform, "_SOURCE_ROOT", tmp_path / "checkout")
    assert platform.install_dir() == tmp_path / "checkout"


def test_emulator_uses_tcp_where_there_is_no_pty(windows):
    from shared.devices.idcard.factory import open_reader
    assert platform.emulator_transport() == "tcp"
    reader = open_reader("emulator")
    try:
        assert reader.port.startswith("socket://127.0.0.1:")
        card = reader.read_card(timeout=3.0)
        assert card is not None and len(card.id_number) == 18
    finally:
        reader.close()


def test_emulator_uses_a_pty_on_linux(linux):
    if not hasattr(os, "openpty"):
        pytest.skip("no pty here")
    from shared.devices.idcard.emulator import IdCardEmulator
    with IdCardEmulator() as emu:
        assert emu.transport == "pty" and emu.path.startswith("/dev/")


_HEAP_PROBE = r"""
import ctypes, sys
from shared import platform
if sys.argv[1] == "1":
    assert platform.tune_allocator()
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
def rss():
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS:")) / 1024
big = libc.malloc(8 << 20); ctypes.memset(big, 1, 8 << 20); libc.free(big)  # raises glibc's threshold
before = rss()
blocks = [libc.malloc(1 << 20) for _ in range(24)]
for b in blocks:
    ctypes.memset(b, 1, 1 << 20)
keep = libc.malloc(200 << 10); ctypes.memset(keep, 1, 200 << 10)  # on top of the heap: no trimming of the top
for b in blocks:
    libc.free(b)
print(rss() - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_tuned_allocator_gives_freed_page_sized_blocks_back():
    import subprocess
    kept = [float(subprocess.run([sys.executable, "-c", _HEAP_PROBE, tune], capture_output=True, text=True,
                                 check=True, env=dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1])),
                                 timeout=60).stdout) for tune in ("0", "1")]
    assert kept[0] > 16 and kept[1] < 4, kept  # untuned: 24 freed MB stay; tuned: they went back

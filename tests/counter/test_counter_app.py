"""The counter's entry point: where its store lives, and ``--screenshot`` never hangs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from counter.app import parse_args, store_dirs
from shared.cli.main import build_parser, main as cli_main
from shared.cli.main import store_dirs as cli_store_dirs
from shared.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "sample_case_full.json"


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A user with XDG folders of their own and no Yizhan variables set."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("YIZHAN_DATA_DIR")
    monkeypatch.delenv("YIZHAN_CONFIG_DIR")
    return tmp_path


def _both(argv):
    counter = store_dirs(parse_args(argv))
    cli = cli_store_dirs(build_parser().parse_args(argv + ["case", "list"]))
    return counter, cli


def test_default_location(home):
    counter, cli = _both([])
    assert counter == cli == (home / "xdg-data" / "yizhan", home / "xdg-config" / "yizhan")


def test_environment_names_the_default_location_as_dev_sh_run_does(home, monkeypatch):
    monkeypatch.setenv("YIZHAN_DATA_DIR", str(home / "xdg-data" / "yizhan"))
    counter, cli = _both([])
    assert counter == cli == (home / "xdg-data" / "yizhan", home / "xdg-config" / "yizhan")
    monkeypatch.delenv("YIZHAN_DATA_DIR")  # the README's next command, without the variable
    assert _both([]) == (counter, counter)


def test_environment_elsewhere_keeps_its_config_beside(home, monkeypatch):
    monkeypatch.setenv("YIZHAN_DATA_DIR", str(home / "elsewhere"))
    counter, cli = _both([])
    assert counter == cli == (home / "elsewhere", home / "elsewhere.config")


def test_data_dir_option_wins_over_the_environment(home, monkeypatch):
    monkeypatch.setenv("YIZHAN_DATA_DIR", str(home / "from-env"))
    counter, cli = _both(["--data-dir", str(home / "from-option")])
    assert counter == cli == (home / "from-option", home / "from-option.config")


def test_option_naming_the_default_location_finds_the_default_config(home):
    counter, cli = _both(["--data-dir", str(home / "xdg-data" / "yizhan")])
    assert counter == cli == (home / "xdg-data" / "yizhan", home / "xdg-config" / "yizhan")


def test_a_key_kept_beside_by_an_earlier_version_is_still_found(home, monkeypatch):
    old = home / "xdg-data" / "yizhan.config"
    old.mkdir(parents=True)
    (old / "store.key").write_text("00" * 32)
    counter, cli = _both([])
    assert counter == cli == (home / "xdg-data" / "yizhan", old)


def test_store_made_by_the_counter_is_opened_by_the_cli(home, monkeypatch, capsys):
    """``./dev.sh run`` then the README's ``yizhan case import``: one store, one key."""
    monkeypatch.setenv("YIZHAN_DATA_DIR", str(home / "xdg-data" / "yizhan"))
    data, config = store_dirs(parse_args([]))
    Store.open(data, config).close()
    monkeypatch.delenv("YIZHAN_DATA_DIR")
    assert cli_main(["case", "import", str(SAMPLE)]) == 0
    assert cli_main(["case", "list"]) == 0
    assert "YZ" in capsys.readouterr().out


def test_screenshot_with_a_store_that_cannot_open_finishes_and_explains(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "yizhan.db").write_bytes(b"\0" * 4096)  # a database whose key is gone
    shot = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", YIZHAN_CONFIG_DIR=str(tmp_path / "config"),
               YIZHAN_KEY_PROVIDER="file", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "counter.app", "--data-dir", str(data), "--screenshot", str(shot)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=90)
    assert done.returncode == 1
    assert "无法打开案件数据库" in done.stderr and "找不到数据库" in done.stderr
    assert shot.exists() and shot.stat().st_size > 1000


def test_settings_show_the_server_the_device_is_enrolled_with(qtbot, tmp_path):
    from counter.main_window import QtSettingsDialog
    from shared.config import Settings
    from shared.sync.enrollment import Enrollment
    settings = Settings.load(tmp_path / "cfg")  # server_url there is only the default
    ident = Enrollment("https://registry.example:9443", "DEV-0042", "", "", "", "", "", "", "2026-11-30T08:00:00Z")
    dialog = QtSettingsDialog(settings, None, ident)
    qtbot.addWidget(dialog)
    assert "https://registry.example:9443" in dialog.server.text() and "DEV-0042" in dialog.server.text()
    assert settings.get("server_url") not in dialog.server.text()
    unenrolled = QtSettingsDialog(settings)
    qtbot.addWidget(unenrolled)
    assert "尚未注册" in unenrolled.server.text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_window_fits_1366x768_on_every_page(qtbot, tmp_path, lang):
    from shared.domain.catalog import default_catalog
    from shared.i18n import set_language
    from shared.ui.theme import apply_theme

    from counter.main_window import QtCounterWindow
    from PySide6.QtWidgets import QApplication
    set_language(lang)  # the autouse fixture sets zh back
    apply_theme(QApplication.instance())
    try:
        from counter.context import AppContext
        w = QtCounterWindow(AppContext.create(tmp_path / "data", tmp_path / "config", catalog=default_catalog()))
        qtbot.addWidget(w)
        w.show()
        with qtbot.waitSignal(w.storeReady, timeout=30000):
            w.open_store()
        w.resize(1366, 768)  # a service point's screen: the window must not grow out of it
        sizes = {}
        for name, show in (("list", w.show_list), ("picker", w.show_picker),
                           ("editor", lambda: w.new_case("mortgage_first_general"))):
            show()
            sizes[name] = w.minimumSizeHint()
            assert (w.size().width(), w.size().height()) == (1366, 768), (name, w.size())
        assert all(s.width() <= 1366 and s.height() <= 728 for s in sizes.values()), sizes  # 40 px for a taskbar
        w.close()
    finally:
        QApplication.instance().setStyleSheet("")


FIRST_PAINT_CHILD = r"""
import sys
import PySide6.QtCore as QtCore
import counter.main_window as mw
painted = mw.QtCounterWindow._list_painted
def report(self):
    print("QT_NAMESPACE_BUILT", "Qt" in vars(QtCore), self.case_list.row_count(), flush=True)
    painted(self)
mw.QtCounterWindow._list_painted = report
from counter.app import main
sys.exit(main([]))
"""


def test_the_list_is_painted_before_qt_namespace_enums_are_built(tmp_path, fake):
    """Bench P7's largest saving, counted instead of timed: PySide6 builds the Python enums of its
    ``Qt`` namespace (12-14 ms) on first use; nothing on the way to the case list's first paint,
    rows included, may touch ``Qt``. The list's rows come with the store (no query of its own)."""
    from shared.domain.case import Case, Party
    data, config = tmp_path / "data", tmp_path / "config"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", YIZHAN_DATA_DIR=str(data), YIZHAN_CONFIG_DIR=str(config),
               YIZHAN_KEY_PROVIDER="file", YIZHAN_STARTUP_PROBE="list", PYTHONPATH=str(ROOT))
    store = Store.open(data, config, operator="test")
    person = fake.person()
    case = Case("mortgage_cancel")
    case.parties = [Party("mortgagor", "person", person.name, "1", person.id_number)]
    store.save_case(case)
    store.close()
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT_CHILD], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=90)
    lines = [line.split() for line in done.stdout.splitlines() if line.startswith("QT_NAMESPACE_BUILT")]
    assert done.returncode == 0, done.stderr[-2000:]
    assert lines == [["QT_NAMESPACE_BUILT", "False", "1"]]
    assert "LIST_PAINTED 1 " in done.stdout

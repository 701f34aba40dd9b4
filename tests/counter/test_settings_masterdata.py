"""The counter opens with the master data in use and its settings list their versions."""

from __future__ import annotations

import json

from counter.main_window import QtCounterWindow, QtSettingsDialog
from shared import masterdata
from shared.config import Settings
from shared.domain.catalog import CATALOG_DIR, default_catalog


def _pull_catalog(data_dir, version):
    files = {p.relative_to(CATALOG_DIR).as_posix(): json.loads(p.read_text("utf-8"))
             for p in sorted(CATALOG_DIR.rglob("*.json"))}
    files["index.json"]["catalog_version"] = version
    masterdata.accept(data_dir, "catalog", version, {"files": files})


def _lines(dialog):
    from PySide6.QtWidgets import QLabel
    return {w.objectName().removeprefix("masterVersion_"): w.text() for w in dialog.findChildren(QLabel)
            if w.objectName().startswith("masterVersion_")}


def test_settings_list_the_master_data_versions_and_their_source(qtbot, tmp_path):
    data = tmp_path / "data"
    settings = Settings.load(tmp_path / "cfg")
    dialog = QtSettingsDialog(settings, None, data_dir=data)
    qtbot.addWidget(dialog)
    shipped = default_catalog().version
    lines = _lines(dialog)
    assert set(lines) == {"catalog", "interview", "regions", "banks"}
    assert lines["catalog"] == shipped + "（来源：随软件）"
    assert all(text.endswith("（来源：随软件）") for kind, text in lines.items() if kind != "banks")
    assert lines["banks"] == "—（来源：服务器）"   # bank profiles ship with no client: none before the first pull
    _pull_catalog(data, "2026.12.1")
    masterdata.accept(data, "regions", "r2", {"regions": {"350102": "福州市鼓楼区"}})
    dialog = QtSettingsDialog(settings, None, data_dir=data)
    qtbot.addWidget(dialog)
    lines = _lines(dialog)
    assert lines["catalog"] == "2026.12.1（来源：服务器）"
    assert lines["interview"].endswith("（来源：服务器）")
    assert lines["regions"] == "r2（来源：服务器）"
    assert lines["banks"] == "—（来源：服务器）"


def test_the_counter_opens_with_the_pulled_catalog(qtbot, tmp_path):
    _pull_catalog(tmp_path / "data", "2026.12.1")
    from counter.context import AppContext
    w = QtCounterWindow(AppContext.create(tmp_path / "data", tmp_path / "config"))
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.storeReady, timeout=10000):
        w.open_store()
    assert w.catalog.version == "2026.12.1"
    from PySide6.QtCore import QThreadPool
    assert QThreadPool.globalInstance().waitForDone(10000)  # the case list's first load, before the store closes
    w.close()

"""The counter's settings show what the registry manages, read-only, as managed by it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox

from counter.main_window import QtSettingsDialog
from shared import masterdata
from shared.config import Settings


def test_managed_settings_are_shown_read_only_as_managed_by_the_registry(qtbot, tmp_path):
    data = tmp_path / "data"
    masterdata.accept(data, "settings", "s1", {"settings": {"operators.idle_lock_minutes": 3,
                                                            "offline_limits.max_unsent": 50}})
    settings = Settings.load(tmp_path / "cfg")
    settings.set("operators", {"idle_lock_minutes": 30})  # the machine's own value loses
    masterdata.apply_managed(settings, data)
    dialog = QtSettingsDialog(settings, None, data_dir=data)
    qtbot.addWidget(dialog)
    managed = {w.objectName().removeprefix("managed_"): w.text() for w in dialog.findChildren(QLabel)
               if w.objectName().startswith("managed_")}
    assert managed == {"operators.idle_lock_minutes": "3（由登记机构统一管理）",
                       "offline_limits.max_unsent": "50（由登记机构统一管理）"}
    assert not dialog.findChildren(QLineEdit) and not dialog.findChildren(QSpinBox)  # nothing to edit them with
    dialog.show()
    dialog.grab().save(str(tmp_path / "settings.png"))


def test_without_managed_settings_there_is_no_managed_row(qtbot, tmp_path):
    settings = Settings.load(tmp_path / "cfg")
    masterdata.apply_managed(settings, tmp_path / "data")
    dialog = QtSettingsDialog(settings, None, data_dir=tmp_path / "data")
    qtbot.addWidget(dialog)
    assert not [w for w in dialog.findChildren(QLabel) if w.objectName().startswith("managed_")]

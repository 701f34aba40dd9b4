"""shared.ui.qt_feature: PySide6's import-time "uses PySide6?" check, answered from the file's
bytes, gives PySide6's own answer for every module loaded in this process."""

from __future__ import annotations

import sys
import types

import PySide6.QtCore  # noqa: F401 - loads shibokensupport.feature

from shared.ui import qt_feature


def _pyside_check():
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    return qt_feature._original if check is qt_feature.uses_pyside else check


def test_same_answers_as_pyside_for_every_loaded_module():
    import counter.main_window  # noqa: F401 - modules that do use PySide6, and many that do not
    import shared.store  # noqa: F401
    original = _pyside_check()
    qt_feature._original = original
    modules = [m for m in list(sys.modules.values()) if isinstance(m, types.ModuleType)]
    answers = {m.__name__: qt_feature.uses_pyside(m) for m in modules}
    assert answers == {m.__name__: original(m) for m in modules}
    assert answers["counter.main_window"] is True
    assert answers["shared.store.store"] is False


def test_install_replaces_the_check_once_and_leaves_odd_modules_to_pyside(tmp_path):
    feature = sys.modules["shibokensupport.feature"]
    saved, saved_original = feature._mod_uses_pyside, qt_feature._original
    try:
        if saved is qt_feature.uses_pyside:
            feature._mod_uses_pyside, qt_feature._original = saved_original, None
        assert qt_feature.install() is True
        assert feature._mod_uses_pyside is qt_feature.uses_pyside
        assert qt_feature.install() is False          # a second call changes nothing
        gone = types.ModuleType("gone")
        gone.__file__ = str(tmp_path / "missing.py")  # unreadable: PySide6's own check answers
        assert qt_feature.uses_pyside(gone) is False
        mentions = tmp_path / "m.py"
        mentions.write_text("import PySide6\n", encoding="utf-8")
        mod = types.ModuleType("m")
        mod.__file__ = str(mentions)
        assert qt_feature.uses_pyside(mod) is True
    finally:
        feature._mod_uses_pyside, qt_feature._original = saved, saved_original

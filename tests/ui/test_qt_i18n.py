"""Qt's own dialogs speak the interface's language (Qt's zh_CN translation is loaded)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from shared.ui import qt_i18n


@pytest.fixture
def language(qapp):
    yield qt_i18n.install
    qt_i18n.uninstall()
    qt_i18n.i18n.set_language("zh")


def _texts(qtbot):
    box = QMessageBox(QMessageBox.Question, "t", "?", QMessageBox.Yes | QMessageBox.No | QMessageBox.Cancel)
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    qtbot.addWidget(box)
    qtbot.addWidget(buttons)
    return (box.button(QMessageBox.Cancel).text().replace("&", ""),
            box.button(QMessageBox.Yes).text().replace("&", ""),
            buttons.button(QDialogButtonBox.Cancel).text().replace("&", ""))


def test_standard_buttons_in_chinese(qtbot, language):
    language("zh")
    cancel, yes, box_cancel = _texts(qtbot)
    assert cancel == "取消" and box_cancel == "取消"
    assert yes.startswith("是")


def test_standard_buttons_back_in_english(qtbot, language):
    language("zh")
    language("en")
    cancel, yes, box_cancel = _texts(qtbot)
    assert (cancel, box_cancel) == ("Cancel", "Cancel") and yes == "Yes"


def test_product_texts_still_translate_with_qt_loaded(qtbot, language):
    language("en")
    assert qt_i18n.qtr("已保存 {id}", id="YZ1") == "Saved YZ1"
    language("zh")
    assert qt_i18n.qtr("已保存 {id}", id="YZ1") == "已保存 YZ1"

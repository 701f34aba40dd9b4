"""The one theme: a stylesheet rendered from a palette, matched by roles and properties."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget

from shared.ui import theme
from shared.ui.form import QtErrorLabel, mark_invalid


@pytest.fixture
def themed(qapp):
    """The counter theme on the application, removed afterwards (other tests run unthemed)."""
    before_font, before_palette = QApplication.font(), QApplication.palette()
    yield lambda variant="counter": theme.apply_theme(qapp, variant)
    qapp.setStyleSheet("")
    qapp.setFont(before_font)
    qapp.setPalette(before_palette)
    theme._current = "counter"


@pytest.mark.parametrize("variant", sorted(theme.PALETTES))
def test_every_variant_renders_every_placeholder(variant):
    qss = theme.render_stylesheet(variant)
    assert "$" not in qss and "{" in qss
    assert theme.PALETTES[variant]["error"] in qss


def test_kiosk_large_is_larger_and_darker():
    counter, large = theme.PALETTES["counter"], theme.PALETTES["kiosk_large"]
    assert large.keys() == counter.keys()
    for key in (k for k in counter if k.endswith("_px")):
        assert large[key] > counter[key], key
    assert sum(int(large["text"][i:i + 2], 16) for i in (1, 3, 5)) <= sum(int(counter["text"][i:i + 2], 16) for i in (1, 3, 5))


def test_roles_and_properties_take_their_colours_from_the_palette(qtbot, themed):
    themed()
    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    ok, error, edit = QLabel("ok"), QtErrorLabel(), QLineEdit()
    for w in (ok, error, edit):
        layout.addWidget(w)
    theme.set_role(ok, "ok")
    box.show()
    error.set_message(None)
    assert ok.palette().color(QPalette.ColorRole.WindowText) == theme.colour("ok")
    assert error.palette().color(QPalette.ColorRole.WindowText) == theme.colour("error")
    plain = edit.grab().toImage()
    mark_invalid(edit, True)
    framed = edit.grab().toImage()
    assert framed.pixelColor(0, edit.height() // 2) == theme.colour("error")
    assert plain.pixelColor(0, edit.height() // 2) != theme.colour("error")


def test_kiosk_large_sets_the_larger_type(qtbot, themed):
    themed("kiosk_large")
    assert QApplication.font().pixelSize() == theme.PALETTES["kiosk_large"]["font_px"]
    assert theme.colour("error") == theme.colour("error", "kiosk_large")


def test_no_inline_styles_left_outside_the_case_editor():
    """shared/ui and the counter's window, list and originals dialog style through the theme only."""
    from pathlib import Path
    root = Path(theme.__file__).resolve().parents[2]
    files = list((root / "shared" / "ui").glob("*.py")) + [
        root / "counter" / name for name in ("main_window.py", "case_list.py", "originals_dialog.py", "app.py")]
    offenders = []
    for path in files:
        if path.name == "theme.py":
            continue
        text = path.read_text("utf-8")
        if "setStyleSheet(" in text or re.search(r"#[0-9A-Fa-f]{6}\b", text):
            offenders.append(path.name)
    assert offenders == []


def test_span_colours_rich_text_from_the_palette():
    assert theme.span("缺", "error") == "<span style='color:{}'>缺</span>".format(theme.PALETTES["counter"]["error"])
    assert theme.span("已过期", "warning", bold=True).startswith("<b style='color:#8A6D00'>")

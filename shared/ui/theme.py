"""The one theme of the Qt front ends: a palette of values, one stylesheet, one QPalette.

``resources/styles/counter.qss`` is a template (``${name}`` placeholders) rendered from a
palette of :data:`PALETTES` and set once on the application by :func:`apply_theme`. Widgets
never style themselves: they carry an object name or a dynamic property (``role="error"``,
``invalid=true``...) that the stylesheet matches, set through :func:`set_role` /
:func:`set_prop`, which re-polish the widget. The kiosk's large type is another palette
("kiosk_large"), not other code. Painting code asks :func:`colour` for its colours.
"""

from __future__ import annotations

from pathlib import Path
from string import Template
from typing import Any

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

QSS = Path(__file__).resolve().parents[2] / "resources" / "styles" / "counter.qss"

_COUNTER: dict[str, Any] = {
    # type sizes, in pixels
    "font_px": 13, "title_px": 20, "message_px": 16, "business_px": 15, "big_px": 18,
    "iv_small_px": 20, "iv_big_px": 26, "iv_question_px": 30, "iv_error_px": 22,
    "iv_stop_title_px": 34, "iv_stop_px": 28, "iv_confirm_title_px": 28, "iv_button_h": 72,
    "iv_error_line": 34,
    # colours
    "text": "#1A1A1A", "muted": "#33404D", "heading": "#0B1F44", "faint": "#999999",
    "error": "#C62828", "alert": "#B00020", "ok": "#2E7D32", "warning": "#8A6D00", "idle": "#9E9E9E",
    "error_bg": "#FDECEA", "warning_bg": "#FFF4E5", "info": "#1565C0", "correction": "#8A2C00",
    "quiet": "#616161", "selected_bg": "#D6E8FB", "selected_text": "#0D2A4A", "rule": "#E0E0E0",
    "accent": "#1F5FAF", "secondary": "#5B6570", "confirm": "#1E7B34", "disabled": "#9AA3AE",
    "border": "#C8C8C8", "success_bg": "#D9F7D2", "success_border": "#2E9D3A",
    "badge": "#D32F2F", "on_badge": "#FFFFFF",
    "window": "#F4F5F7", "base": "#FFFFFF", "button": "#E9ECF0", "highlight": "#1F5FAF",
    "on_highlight": "#FFFFFF",
    # painted surfaces (camera preview, signature pad)
    "camera_bg": "#181A1E", "camera_pass": "#2ECC71", "camera_hint": "#F39C12",
    "camera_band": "#00000096", "camera_ok_text": "#78FFA0", "camera_text": "#FFFFFF",
    "camera_muted_text": "#E6E6E6", "paper": "#FFFFFF", "ink": "#0B1F44", "ink_print": "#000000",
}

# Larger type and higher contrast, for the self-service kiosk and for officers who need it.
_KIOSK_LARGE: dict[str, Any] = {
    **_COUNTER,
    "font_px": 20, "title_px": 30, "message_px": 24, "business_px": 22, "big_px": 24,
    "iv_small_px": 26, "iv_big_px": 32, "iv_question_px": 38, "iv_error_px": 28,
    "iv_stop_title_px": 42, "iv_stop_px": 34, "iv_confirm_title_px": 34, "iv_button_h": 88,
    "iv_error_line": 42,
    "text": "#000000", "muted": "#1A1A1A", "heading": "#000000", "faint": "#555555",
    "error": "#A50000", "alert": "#A50000", "ok": "#1B5E20", "warning": "#5C4300", "idle": "#555555",
    "accent": "#0B3D91", "secondary": "#37404A", "confirm": "#14591F", "disabled": "#6B7480",
    "border": "#555555", "window": "#FFFFFF", "button": "#DDE2E8",
}

PALETTES: dict[str, dict[str, Any]] = {"counter": _COUNTER, "kiosk_large": _KIOSK_LARGE}
_current = "counter"


def palette_values(variant: str | None = None) -> dict[str, Any]:
    """The values of ``variant`` (default: the one applied)."""
    return PALETTES[variant or _current]


def render_stylesheet(variant: str = "counter") -> str:
    """The stylesheet template filled with the values of ``variant``."""
    return Template(QSS.read_text("utf-8")).substitute(PALETTES[variant])


def colour(name: str, variant: str | None = None) -> QColor:
    """A palette colour for painting code (``#RRGGBBAA`` carries an alpha)."""
    value = palette_values(variant)[name]
    if len(value) == 9:
        c = QColor(value[:7])
        c.setAlpha(int(value[7:], 16))
        return c
    return QColor(value)


def qpalette(variant: str = "counter") -> QPalette:
    """The QPalette of ``variant`` (what the stylesheet does not cover)."""
    v, pal = PALETTES[variant], QPalette()
    roles = {QPalette.ColorRole.Window: "window", QPalette.ColorRole.WindowText: "text",
             QPalette.ColorRole.Base: "base", QPalette.ColorRole.AlternateBase: "window",
             QPalette.ColorRole.Text: "text", QPalette.ColorRole.Button: "button",
             QPalette.ColorRole.ButtonText: "text", QPalette.ColorRole.Highlight: "highlight",
             QPalette.ColorRole.HighlightedText: "on_highlight", QPalette.ColorRole.ToolTipBase: "base",
             QPalette.ColorRole.ToolTipText: "text", QPalette.ColorRole.PlaceholderText: "faint",
             QPalette.ColorRole.Link: "accent"}
    for role, key in roles.items():
        pal.setColor(role, QColor(v[key]))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(v["disabled"]))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(v["disabled"]))
    return pal


def apply_theme(app: QApplication, variant: str = "counter") -> None:
    """Set the palette, the base font size and the stylesheet of ``variant`` on ``app``, once."""
    global _current
    _current = variant
    v = PALETTES[variant]
    app.setPalette(qpalette(variant))
    font = QFont(app.font())
    font.setPixelSize(v["font_px"])
    app.setFont(font)
    app.setStyleSheet(render_stylesheet(variant))


def span(text: str, name: str, bold: bool = False) -> str:
    """``text`` as rich text in the palette colour ``name`` (for labels that mix colours)."""
    tag = "b" if bold else "span"
    return "<{tag} style='color:{c}'>{t}</{tag}>".format(tag=tag, c=palette_values()[name], t=text)


def set_prop(widget: QWidget, name: str, value: Any) -> None:
    """Set a dynamic property the stylesheet matches, and re-polish ``widget`` if it changed."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_role(widget: QWidget, role: str | None) -> None:
    """``role="error"|"ok"|"warning"|"muted"|"title"|...``; ``None`` or "" clears it."""
    set_prop(widget, "role", role or "")

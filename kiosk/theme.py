"""The kiosk's look: big type, big targets, and a high-contrast large-text (elderly) variant.

Self-contained so it can fold into a shared theme module later: :func:`stylesheet` returns
the whole Qt style sheet for a mode, :func:`min_target_px` the smallest touch target.
"""

from __future__ import annotations

MIN_TARGET_MM = 15.0

NORMAL = {"base": 30, "title": 46, "button": 34, "bg": "#f4f7fb", "fg": "#1b2633", "accent": "#1565c0",
          "accent_fg": "#ffffff", "muted": "#4a5868", "panel": "#ffffff", "line": "#c9d3df", "danger": "#b3261e"}
# Elderly mode: type about 1.4 times larger, black on white, darker accent (contrast > 7:1).
LARGE = {"base": 42, "title": 62, "button": 46, "bg": "#ffffff", "fg": "#000000", "accent": "#0d3c8c",
         "accent_fg": "#ffffff", "muted": "#1e1e1e", "panel": "#ffffff", "line": "#000000", "danger": "#8c0000"}


def palette(large: bool) -> dict:
    """The sizes and colours of a mode."""
    return LARGE if large else NORMAL


def min_target_px(dpi: float, large: bool = False) -> int:
    """The smallest touch target in pixels at ``dpi`` (15 mm, more in large mode)."""
    px = MIN_TARGET_MM / 25.4 * max(dpi, 96.0)
    return int(max(px, 96) * (1.3 if large else 1.0))


def stylesheet(large: bool = False, dpi: float = 96.0) -> str:
    """The kiosk's style sheet for normal or large-text mode."""
    p = palette(large)
    target = min_target_px(dpi, large)
    return """
QWidget#kioskRoot, QStackedWidget, QWidget#screen {{ background: {bg}; color: {fg}; font-size: {base}px; }}
QLabel {{ color: {fg}; font-size: {base}px; }}
QLabel#title {{ font-size: {title}px; font-weight: bold; }}
QLabel#hint {{ color: {muted}; }}
QLabel#warning {{ color: {danger}; font-weight: bold; }}
QPushButton {{ min-height: {target}px; min-width: {target}px; font-size: {button}px; border-radius: 14px;
               background: {panel}; color: {fg}; border: 3px solid {line}; padding: 8px 24px; }}
QPushButton#primary {{ background: {accent}; color: {accent_fg}; border: 3px solid {accent}; font-weight: bold; }}
QLabel#caption {{ font-size: {button}px; color: {fg}; background: transparent; }}
QPushButton#primary QLabel#caption {{ color: {accent_fg}; font-weight: bold; }}
QLabel#caption:disabled {{ color: #8a94a0; }}
QPushButton#choice {{ text-align: left; padding-left: 36px; }}
QPushButton:disabled {{ color: #8a94a0; border-color: #d8dee6; background: #eef1f5; }}
QPushButton#key {{ font-size: {title}px; font-weight: bold; }}
QWidget#topBar, QWidget#bottomBar {{ background: {panel}; border-bottom: 2px solid {line}; }}
QLabel#stepDone {{ color: {accent}; }}
QLabel#stepNow {{ color: {accent_fg}; background: {accent}; border-radius: 10px; padding: 4px 12px; font-weight: bold; }}
QLabel#stepLater {{ color: {muted}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; }}
QWidget#overlay {{ background: rgba(0, 0, 0, 170); }}
QFrame#overlayCard {{ background: {panel}; border-radius: 24px; border: 3px solid {line}; }}
QLabel#keypadDisplay {{ font-size: {title}px; border: 3px solid {line}; background: {panel}; padding: 12px; }}
""".format(target=target, **p)

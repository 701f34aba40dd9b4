"""The kiosk's touch widgets: big buttons, the digit keypad, the progress strip, full-screen
overlays (also the prompter's), and the idle guard with its countdown."""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from shared.i18n import tr


def big_button(text: str, on_click: Callable[[], None] | None = None, *, primary: bool = False,
               name: str = "", choice: bool = False) -> QPushButton:
    """A touch target of at least 15 mm (the style sheet's minimum)."""
    button = QPushButton(text)
    button.setObjectName("primary" if primary else ("choice" if choice else (name or "big")))
    if name:
        button.setProperty("key", name)
        button.setAccessibleName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if on_click is not None:
        button.clicked.connect(lambda _=False: on_click())
    return button


def label(text: str, name: str = "", wrap: bool = True) -> QLabel:
    """A label with the style sheet's role ``name`` (title, hint, warning)."""
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget


class Keypad(QWidget):
    """Digits (and the X of ID numbers) typed by touch; no keyboard. ``submitted(text)``."""

    submitted = Signal(str)

    def __init__(self, max_len: int = 18, allow_x: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_len = max_len
        self.value = ""
        self.display = QLabel("")
        self.display.setObjectName("keypadDisplay")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = QGridLayout()
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "X" if allow_x else ".", "0", "⌫"]
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(keys):
            button = big_button(key, (lambda k=key: self.press(k)), name="key")
            button.setObjectName("key")
            self.buttons[key] = button
            grid.addWidget(button, i // 3, i % 3)
        self.ok = big_button(tr("确定"), lambda: self.submitted.emit(self.value), primary=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.display)
        layout.addLayout(grid)
        layout.addWidget(self.ok)
        self._show()

    def press(self, key: str) -> None:
        """One key: a digit (or X / .) appends, ⌫ deletes."""
        if key == "⌫":
            self.value = self.value[:-1]
        elif len(self.value) < self.max_len:
            self.value += key
        self._show()

    def clear(self) -> None:
        self.value = ""
        self._show()

    def _show(self) -> None:
        self.display.setText(self.value or " ")
        self.ok.setEnabled(bool(self.value))


class ProgressStrip(QWidget):
    """Where the applicant is: the flow's stages, the current one highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(12, 4, 12, 4)
        self.labels: list[QLabel] = []

    def show_stages(self, names: Sequence[str], current: int) -> None:
        for widget in self.labels:
            widget.deleteLater()
        self.labels = []
        for i, name in enumerate(names):
            mark = "✓ " if i < current else ""
            widget = QLabel(mark + name)
            widget.setObjectName("stepDone" if i < current else ("stepNow" if i == current else "stepLater"))
            self.row.addWidget(widget)
            self.labels.append(widget)
        self.setVisible(bool(names))


class Overlay(QWidget):
    """A full-screen layer over the window (no separate window, nothing a user could move
    or close): a card with a text and big buttons."""

    answered = Signal(object)

    def __init__(self, parent: QWidget, text: str, choices: Sequence[tuple[str, object]], *,
                 title: str = "", extra: QWidget | None = None, keys: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card = QFrame()
        card.setObjectName("overlayCard")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(40, 40, 40, 40)
        if title:
            inner.addWidget(label(title, "title"))
        self.text = label(text)
        inner.addWidget(self.text)
        if extra is not None:
            inner.addWidget(extra)
        self.buttons = []
        for i, (caption, value) in enumerate(choices):
            button = big_button(caption, (lambda v=value: self.answer(v)), primary=(i == 0),
                                name=keys[i] if i < len(keys) else "")
            inner.addWidget(button)
            self.buttons.append(button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 60, 60, 60)
        outer.addStretch(1)
        outer.addWidget(card)
        outer.addStretch(1)
        self.setGeometry(parent.rect())
        parent.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parent().rect())
        return False

    def answer(self, value: object) -> None:
        """Close the overlay with ``value``."""
        self.parent().removeEventFilter(self)
        self.hide()
        self.answered.emit(value)
        self.deleteLater()


class KioskPrompter:
    """The prompter policy of a kiosk (:class:`shared.prompter.Prompter`): questions are
    full-screen overlays with big buttons, never dialogs; a question waits in a local event
    loop (the idle guard still runs and answers "no" on a walk-away)."""

    interactive = False  # no print dialogs or file pickers: nobody at a kiosk can work them

    def __init__(self, host: Callable[[], QWidget]) -> None:
        self._host = host
        self.current: Overlay | None = None

    def _ask(self, title: str, text: str, choices: Sequence[tuple[str, object]], default: object) -> object:
        from PySide6.QtCore import QEventLoop
        loop = QEventLoop()
        result = {"value": default}
        overlay = Overlay(self._host(), text, choices, title=title)
        self.current = overlay

        def done(value):
            result["value"] = value
            loop.quit()
        overlay.answered.connect(done)
        loop.exec()
        self.current = None
        return result["value"]

    def confirm(self, title: str, text: str) -> bool:
        return bool(self._ask(title, text, [(tr("是"), True), (tr("否"), False)], False))

    def ask_reason(self, title: str, choices: Sequence[str], text: str = "") -> str | None:
        answer = self._ask(title, text, [(c, c) for c in choices] + [(tr("取消"), None)], None)
        return answer if isinstance(answer, str) else None

    def notify(self, level: str, msg: str) -> None:
        """Tell ``msg`` on an overlay that goes away by itself (or on a touch)."""
        overlay = Overlay(self._host(), msg, [(tr("知道了"), None)])
        QTimer.singleShot(8000 if level == "error" else 4000, lambda: overlay.answer(None)
                          if overlay.isVisible() else None)

    def dismiss(self) -> None:
        """Answer an open question with its safe default (the session is being wiped)."""
        if self.current is not None:
            self.current.answer(None)


class IdleGuard(QObject):
    """Counts the seconds since the last touch while armed; at ``warn_after`` it asks
    ``warn(seconds_left)``, at ``timeout`` it calls ``expired()``. Any touch or key resets it."""

    tick = Signal(int)      # seconds left, during the warning
    expired = Signal()

    def __init__(self, timeout: int = 90, warning: int = 20, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout, self.warning = timeout, warning
        self.idle = 0
        self.armed = False
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._second)
        QApplication.instance().installEventFilter(self)

    def arm(self, on: bool = True) -> None:
        self.armed, self.idle = on, 0
        self.timer.start() if on else self.timer.stop()

    def reset(self) -> None:
        if self.idle >= self.timeout - self.warning and self.armed:
            self.tick.emit(-1)  # the warning goes away
        self.idle = 0

    def advance(self, seconds: int) -> None:
        """Let ``seconds`` pass (what the timer does each second; tests call it directly)."""
        for _ in range(seconds):
            self._second()

    def _second(self) -> None:
        if not self.armed:
            return
        self.idle += 1
        left = self.timeout - self.idle
        if left <= 0:
            self.arm(False)
            self.expired.emit()
        elif left <= self.warning:
            self.tick.emit(left)

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress):
            self.reset()
        return False

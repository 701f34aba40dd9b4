"""The kiosk's touch widgets: big buttons, the digit keypad, the progress strip, full-screen
overlays (also the prompter's), and the idle guard with its countdown."""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from shared.i18n import tr


class WrapButton(QPushButton):
    """A push button whose text wraps (long captions, English, large type) instead of
    widening the window past the screen."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.caption = QLabel(text)
        self.caption.setWordWrap(True)
        self.caption.setObjectName("caption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.caption)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(policy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:  # the caption, as QPushButton.text() would give it
        return self.caption.text()

    def setText(self, text: str) -> None:
        self.caption.setText(text)

    def setAlignment(self, alignment) -> None:
        self.caption.setAlignment(alignment)

    # The caption's layout sizes the button (QPushButton's own hints measure its unwrapped text
    # and call sizeHint() back); the style sheet's min-height keeps the 15 mm.
    def sizeHint(self):
        return self.layout().sizeHint().expandedTo(self.minimumSize())

    def minimumSizeHint(self):
        return self.layout().minimumSize().expandedTo(self.minimumSize())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.layout().totalHeightForWidth(width), self.minimumHeight())


def big_button(text: str, on_click: Callable[[], None] | None = None, *, primary: bool = False,
               name: str = "", choice: bool = False) -> QPushButton:
    """A touch target of at least 15 mm (the style sheet's minimum)."""
    button = WrapButton(text)
    if choice:
        button.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
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
        self.row.addStretch(1)

    def show_stages(self, names: Sequence[str], current: int) -> None:
        """Done stages as ticks, the current one by name with its number, the rest as dots
        (fits any width, language and type size)."""
        for widget in self.labels:
            self.row.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.labels = []
        for i, name in enumerate(names):
            if i < current:
                text, role = "✓", "stepDone"
            elif i == current:
                text, role = "{}/{} {}".format(i + 1, len(names), name), "stepNow"
            else:
                text, role = "○", "stepLater"
            widget = QLabel(text)
            widget.setObjectName(role)
            widget.setToolTip(name)
            self.row.insertWidget(i, widget)
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
        """Close the overlay with ``value`` (once)."""
        if self.property("answered"):
            return
        self.setProperty("answered", True)
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
        timer = QTimer(overlay)  # dies with the overlay: never fires on a deleted one
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: overlay.answer(None))
        timer.start(8000 if level == "error" else 4000)

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

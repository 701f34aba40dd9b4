"""The counter's prompter: questions and errors as dialogs (see :mod:`shared.prompter`)."""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtWidgets import (QApplication, QButtonGroup, QDialog, QDialogButtonBox, QLabel, QLineEdit,
                               QMessageBox, QRadioButton, QVBoxLayout, QWidget)

from shared.i18n import tr


class QtReasonDialog(QDialog):
    """A short list of reasons plus a free text; OK once one is chosen or typed."""

    def __init__(self, title: str, choices: Sequence[str], text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        if text:
            label = QLabel(text)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.group = QButtonGroup(self)
        for i, choice in enumerate(choices):
            button = QRadioButton(choice)
            button.setObjectName("reason{}".format(i))
            self.group.addButton(button, i)
            layout.addWidget(button)
        self.other = QLineEdit()
        self.other.setObjectName("reasonOther")
        self.other.setPlaceholderText(tr("其他理由（请填写）"))
        layout.addWidget(self.other)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.group.buttonClicked.connect(lambda _b: self._update())
        self.other.textChanged.connect(lambda _t: self._update())
        self._update()

    def reason(self) -> str:
        """The typed reason if any, else the chosen one."""
        typed = self.other.text().strip()
        if typed:
            return typed
        button = self.group.checkedButton()
        return button.text() if button is not None else ""

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason()))


class QtDialogPrompter:
    """Asks with modal dialogs over the active window; shows error messages in a box."""

    interactive = True

    def __init__(self, parent: Callable[[], QWidget | None] | None = None) -> None:
        self._parent = parent or QApplication.activeWindow

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self._parent(), title, text)
        return answer == QMessageBox.StandardButton.Yes

    def ask_reason(self, title: str, choices: Sequence[str], text: str = "") -> str | None:
        dialog = QtReasonDialog(title, choices, text, self._parent())
        return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def notify(self, level: str, msg: str) -> None:
        if level == "error":
            QMessageBox.warning(self._parent(), tr("提示"), msg)

    def install(self) -> "QtDialogPrompter":
        """Show the notification path's errors as boxes (the counter's way of telling)."""
        from shared.ui.notify import notifier
        notifier().message.connect(lambda level, text: self.notify(level, text))
        return self

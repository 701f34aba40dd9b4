"""Form widgets built from the catalog: one per field, each with live validation.

A :class:`QtFieldEditor` shows its label, its input and, beside it, the message of the first
rule broken (in red), updated as the person types.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy,
                               QVBoxLayout, QWidget)

from shared.domain.catalog import FieldDef
from shared.domain.validation import validate_value
from shared.i18n import Msg, tr

ERROR_STYLE = "color: #c62828;"
INVALID_INPUT = "border: 2px solid #c62828; border-radius: 3px;"
PLACEHOLDERS = {"date": "2026-01-31", "amount": "0.00", "area": "0.00"}


class QtErrorLabel(QLabel):
    """The red message beside a field; empty when the field is fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setObjectName("fieldError")
        self.hide()

    def set_message(self, msg: Msg | None) -> None:
        self.setText(msg.render() if msg else "")
        self.setVisible(msg is not None)


class QtFieldEditor(QWidget):
    """An input for one catalog field with its live error message."""

    changed = Signal(str, object)  # key, value

    def __init__(self, fd: FieldDef, parent: QWidget | None = None,
                 validator: Callable[[Any], Msg | None] | None = None) -> None:
        super().__init__(parent)
        self.fd = fd
        self._validator = validator or (lambda value: validate_value(fd, value))
        self.setObjectName("field:" + fd.key)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        self.input = self._make_input()
        self.input.setObjectName("input:" + fd.key)
        row.addWidget(self.input, 1)
        layout.addLayout(row)
        self.error = QtErrorLabel(self)
        layout.addWidget(self.error)
        if fd.default is not None:
            self.set_value(fd.default)

    def _make_input(self) -> QWidget:
        fd = self.fd
        if fd.type == "bool":
            box = QCheckBox(tr("是"))
            box.toggled.connect(lambda _: self._on_change())
            return box
        if fd.type == "choice":
            box = QComboBox()
            box.addItem("", "")
            for choice in fd.choices:
                box.addItem(tr(choice), choice)
            box.currentIndexChanged.connect(lambda _: self._on_change())
            return box
        edit = QLineEdit()
        edit.setPlaceholderText(PLACEHOLDERS.get(fd.type, ""))
        if fd.max_length:
            edit.setMaxLength(fd.max_length)
        edit.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        edit.textChanged.connect(lambda _: self._on_change())
        return edit

    def value(self) -> Any:
        if isinstance(self.input, QCheckBox):
            return self.input.isChecked()
        if isinstance(self.input, QComboBox):
            return self.input.currentData() or ""
        return self.input.text().strip()

    def set_value(self, value: Any) -> None:
        if isinstance(self.input, QCheckBox):
            self.input.setChecked(bool(value))
        elif isinstance(self.input, QComboBox):
            index = self.input.findData(value)
            self.input.setCurrentIndex(max(index, 0))
        else:
            self.input.setText("" if value is None else str(value))
        self.validate()

    def validate(self) -> Msg | None:
        """Check the current value; show and return the message of the rule broken."""
        msg = self._validator(self.value())
        self.show_error(msg)
        return msg

    def show_error(self, msg: Msg | None) -> None:
        self.error.set_message(msg)
        if isinstance(self.input, QLineEdit):
            self.input.setStyleSheet(INVALID_INPUT if msg else "")

    def _on_change(self) -> None:
        self.validate()
        self.changed.emit(self.fd.key, self.value())


def required_label(fd: FieldDef) -> QLabel:
    """The label of a field, with a red star when required."""
    label = QLabel(tr(fd.label) + (" <span style='color:#c62828'>*</span>" if fd.required and fd.type != "bool" else ""))
    label.setTextFormat(Qt.RichText)
    return label

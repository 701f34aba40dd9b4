"""Form widgets built from the catalog: one per field, each with live validation.

A :class:`QtFieldEditor` shows its label, its input and, beside it, the message of the first
rule broken (in red), updated as the person types.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (QCalendarWidget, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu,
                               QSizePolicy, QToolButton, QVBoxLayout, QWidget, QWidgetAction)

from shared.domain.amounts import amount_in_capitals, group_thousands
from shared.domain.catalog import FieldDef
from shared.domain.identifiers import parse_date
from shared.domain.validation import validate_value
from shared.i18n import Msg, tr
from shared.ui.theme import palette_values, set_prop

PLACEHOLDERS = {"date": "2026-01-31", "amount": "0.00", "area": "0.00"}
OTHER = "其他"


def keep_space_when_hidden(widget: QWidget) -> QWidget:
    """A hidden ``widget`` keeps its place, so what is below it does not jump when it shows."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)
    return widget


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Frame an input in the error colour (``invalid`` property, styled by the theme)."""
    set_prop(widget, "invalid", bool(invalid))


class QtErrorLabel(QLabel):
    """The red message under a field; empty when the field is fine.

    It always takes exactly one line, shown or not, so nothing below it moves when a message
    comes or goes; a message too long for the line ends in "…" and shows whole as a tooltip.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() + 2)
        keep_space_when_hidden(self)
        self.hide()

    def set_message(self, msg: Msg | None) -> None:
        self.setText(msg.render() if msg else "")
        self.setToolTip(self.text())
        self.setVisible(msg is not None)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt name
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)


class QtDateEdit(QLineEdit):
    """A date typed (2026-01-31, 2026/1/31, 20260131...) or picked from a calendar; may stay empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(PLACEHOLDERS["date"])
        self.calendar_button = QToolButton()
        self.calendar_button.setObjectName("calendarButton")
        self.calendar_button.setText(tr("日历"))
        self.calendar_button.setToolTip(tr("从日历中选择日期"))
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("calendar")
        self.calendar.setGridVisible(True)
        menu = QMenu(self.calendar_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._show_current)
        self.calendar.clicked.connect(lambda d: (self.pick(d), menu.close()))
        self.calendar.activated.connect(lambda d: (self.pick(d), menu.close()))
        self.calendar_button.setMenu(menu)

    def _show_current(self) -> None:
        day = parse_date(self.text())
        if day is not None:
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def pick(self, day: QDate) -> None:
        """Set the date chosen in the calendar (as 2026-01-31)."""
        self.setText(day.toString("yyyy-MM-dd"))


class QtAmountEdit(QLineEdit):
    """An amount in yuan shown with thousands separators; ``amount()`` is the plain number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(PLACEHOLDERS["amount"])
        self.capitals = QLabel()
        self.capitals.setObjectName("amountCapitals")
        self.capitals.setMinimumWidth(self.fontMetrics().horizontalAdvance("壹") * 16)
        self.capitals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.editingFinished.connect(self._group)
        self.textChanged.connect(self._show_capitals)

    def amount(self) -> str:
        return self.text().replace(",", "").replace("，", "").strip()

    def set_amount(self, value: str) -> None:
        self.setText(group_thousands(str(value)))

    def _group(self) -> None:
        grouped = group_thousands(self.amount())
        if grouped != self.text():
            self.setText(grouped)

    def _show_capitals(self, _text: str = "") -> None:
        try:
            self.capitals.setText(amount_in_capitals(self.amount()) if self.amount() else "")
        except ValueError:
            self.capitals.setText("")


class QtChoiceWithOther(QWidget):
    """A list of choices whose "其他" shows a free text; the value is the choice or the text."""

    changed = Signal()

    def __init__(self, fd: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.combo = _choice_box(fd)
        self.combo.setObjectName("choice")
        self.other = QLineEdit()
        self.other.setObjectName("otherText")
        self.other.setPlaceholderText(tr("请填写具体内容"))
        if fd.max_length:
            self.other.setMaxLength(fd.max_length)
        keep_space_when_hidden(self.other).hide()
        row.addWidget(self.combo, 1)
        row.addWidget(self.other, 2)
        self.combo.currentIndexChanged.connect(self._choice_changed)
        self.other.textChanged.connect(lambda _: self.changed.emit())

    def _choice_changed(self, _=None) -> None:
        self.other.setVisible(self.combo.currentData() == OTHER)
        if self.other.isVisible():
            self.other.setFocus()
        self.changed.emit()

    def value(self) -> str:
        choice = self.combo.currentData() or ""
        return self.other.text().strip() if choice == OTHER else choice

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        index = self.combo.findData(text)
        self.other.blockSignals(True)
        self.other.setText(text if index < 0 else "")  # a value not in the list is "其他" typed out
        self.other.blockSignals(False)
        if index < 0 and text:
            index = self.combo.findData(OTHER)
        self.combo.setCurrentIndex(max(index, 0))
        self.other.setVisible(self.combo.currentData() == OTHER)


def _choice_box(fd: FieldDef) -> QComboBox:
    box = QComboBox()
    box.addItem("", "")
    for choice in fd.choices:
        box.addItem(tr(choice), choice)
    return box


class QtFieldEditor(QWidget):
    """An input for one catalog field with its live error message (its line kept free)."""

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
        if isinstance(self.input, QtDateEdit):
            row.addWidget(self.input.calendar_button)
        elif isinstance(self.input, QtAmountEdit):
            row.addWidget(self.input.capitals)
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
        if fd.type == "choice" and fd.other_text and OTHER in fd.choices:
            other = QtChoiceWithOther(fd)
            other.changed.connect(self._on_change)
            return other
        if fd.type == "choice":
            box = _choice_box(fd)
            box.currentIndexChanged.connect(lambda _: self._on_change())
            return box
        edit = QtDateEdit() if fd.type == "date" else QtAmountEdit() if fd.type == "amount" else QLineEdit()
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
        if isinstance(self.input, QtChoiceWithOther):
            return self.input.value()
        if isinstance(self.input, QtAmountEdit):
            return self.input.amount()
        return self.input.text().strip()

    def set_value(self, value: Any) -> None:
        if isinstance(self.input, QCheckBox):
            self.input.setChecked(bool(value))
        elif isinstance(self.input, QComboBox):
            index = self.input.findData(value)
            self.input.setCurrentIndex(max(index, 0))
        elif isinstance(self.input, QtChoiceWithOther):
            self.input.set_value(value)
        elif isinstance(self.input, QtAmountEdit):
            self.input.set_amount("" if value is None else str(value))
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
        target = self.input.other if isinstance(self.input, QtChoiceWithOther) else self.input
        if isinstance(target, QLineEdit):
            mark_invalid(target, msg is not None)

    def _on_change(self) -> None:
        self.validate()
        self.changed.emit(self.fd.key, self.value())


def required_label(fd: FieldDef) -> QLabel:
    """The label of a field, with a star in the error colour when required."""
    star = " <span style='color:{}'>*</span>".format(palette_values()["error"])
    label = QLabel(tr(fd.label) + (star if fd.required and fd.type != "bool" else ""))
    label.setTextFormat(Qt.RichText)
    return label

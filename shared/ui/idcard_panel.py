"""QtIdCardPanel: shows a read ID card (masked) and reads one off the UI thread.

The reader itself is the Qt-free :class:`~shared.devices.idcard.reader.IdCardReader`; this
widget only runs ``read_card`` in a QThreadPool worker and turns the result into signals.
Revealing the clear name and number is possible only when ``can_reveal`` is set, and every
reveal emits ``revealed`` so the caller can write the audit record.
"""

from __future__ import annotations

import datetime as _dt
import logging

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QApplication, QFrame, QGridLayout, QHBoxLayout, QLabel,
                               QPushButton, QVBoxLayout, QWidget)

from shared.devices.idcard.model import (PHOTO_HEIGHT, PHOTO_WIDTH, IdCardData, mask_address)
from shared.devices.idcard.reader import IdCardReader
from shared.errors import YizhanError
from shared.i18n import N_, tr
from shared.ui.theme import set_prop, set_role

log = logging.getLogger("yizhan.ui.idcard")

PHOTO_PLACEHOLDER = N_("照片需读卡器厂商解码库")
EXPIRED_TEXT = N_("证件已过期")
_FIELDS = (("type", N_("证件类型")), ("name", N_("姓名")), ("sex", N_("性别")), ("ethnicity", N_("民族")),
           ("birth", N_("出生")), ("address", N_("住址")), ("id_number", N_("证件号码")),
           ("authority", N_("签发机关")), ("validity", N_("有效期限")))


class _ReadSignals(QObject):
    done = Signal(object)
    error = Signal(str)


class _ReadTask(QRunnable):
    """Runs one ``read_card`` on a pool thread; results come back as queued signals."""

    def __init__(self, reader: IdCardReader, timeout: float, signals: _ReadSignals) -> None:
        super().__init__()
        self.reader, self.timeout, self.signals = reader, timeout, signals

    def run(self) -> None:
        try:
            card = self.reader.read_card(timeout=self.timeout)
        except YizhanError as err:
            self.signals.error.emit(str(err))
        except Exception:  # a bug: log it with its traceback, show a generic message
            log.exception("unexpected error while reading an ID card")
            self.signals.error.emit(tr("读卡时发生意外错误，请重试；反复出现请联系维护人员"))
        else:
            self.signals.done.emit(card)


class QtIdCardPanel(QWidget):
    """ID card panel: masked fields, photo or placeholder, expired badge, 读卡 button.

    Signals: ``cardRead(IdCardData)``, ``failed(str)`` (a readable Chinese message) and
    ``revealed()`` (each time the operator reveals the clear data).
    """

    cardRead = Signal(object)
    failed = Signal(str)
    revealed = Signal()

    def __init__(self, reader: IdCardReader | None = None, can_reveal: bool = False,
                 timeout: float = 10.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader, self.timeout = reader, timeout
        self._card: IdCardData | None = None
        self._can_reveal = can_reveal
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one reader, one read at a time
        self._signals: _ReadSignals | None = None
        self._cue_timer = QTimer(self)  # child of the panel: never fires on a dead widget
        self._cue_timer.setSingleShot(True)
        self._cue_timer.setInterval(1200)
        self._build()
        self._cue_timer.timeout.connect(lambda: set_prop(self.frame, "cue", ""))
        self.set_can_reveal(can_reveal)
        self.set_card(None)

    # -- construction -----------------------------------------------------------------
    def _build(self) -> None:
        self.frame = QFrame(self)
        self.frame.setObjectName("idcardFrame")
        self.photo_label = QLabel(self.frame)
        self.photo_label.setFixedSize(PHOTO_WIDTH + 20, PHOTO_HEIGHT + 20)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setWordWrap(True)
        self.photo_label.setObjectName("idcardPhoto")
        grid = QGridLayout()
        self.value_labels: dict[str, QLabel] = {}
        for row, (key, title) in enumerate(_FIELDS):
            grid.addWidget(QLabel(tr(title), self.frame), row, 0)
            value = QLabel(self.frame)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            grid.addWidget(value, row, 1)
            self.value_labels[key] = value
        grid.setColumnStretch(1, 1)
        body = QHBoxLayout(self.frame)
        body.addWidget(self.photo_label, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(grid, 1)
        self.expired_badge = QLabel(tr(EXPIRED_TEXT), self)
        set_role(self.expired_badge, "badge")
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.read_button = QPushButton(tr("读卡"), self)
        self.read_button.clicked.connect(self.start_read)
        self.reveal_button = QPushButton(tr("显示完整信息"), self)
        self.reveal_button.setCheckable(True)
        self.reveal_button.toggled.connect(self._on_reveal_toggled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.expired_badge)
        buttons.addStretch(1)
        buttons.addWidget(self.reveal_button)
        buttons.addWidget(self.read_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.frame)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)

    # -- state ------------------------------------------------------------------------
    @property
    def card(self) -> IdCardData | None:
        """The card shown, or None."""
        return self._card

    @property
    def is_revealed(self) -> bool:
        return self.reveal_button.isChecked()

    @property
    def is_reading(self) -> bool:
        return self._signals is not None

    def set_reader(self, reader: IdCardReader | None) -> None:
        """Use ``reader`` (opened by the caller) for the next reads."""
        self.reader = reader
        self._update_buttons()

    def set_can_reveal(self, allowed: bool) -> None:
        """Allow or forbid revealing; forbidding hides clear data at once."""
        self._can_reveal = allowed
        if not allowed and self.reveal_button.isChecked():
            self.reveal_button.setChecked(False)
        self._update_buttons()

    def set_card(self, card: IdCardData | None) -> None:
        """Show ``card`` masked (or clear the panel)."""
        self._card = card
        if self.reveal_button.isChecked():
            self.reveal_button.setChecked(False)  # a new card always starts masked
        self._render()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.reveal_button.setEnabled(self._can_reveal and self._card is not None)
        self.read_button.setEnabled(self.reader is not None and not self.is_reading)

    def _on_reveal_toggled(self, checked: bool) -> None:
        if checked and not self._can_reveal:  # defence in depth: never reveal unauthorised
            self.reveal_button.setChecked(False)
            return
        self._render()
        if checked:
            self.revealed.emit()

    def _render(self) -> None:
        card, clear = self._card, self.is_revealed
        values = dict.fromkeys(self.value_labels, "")
        if card is not None:
            birth = card.birth_date
            values.update({
                "type": tr(card.card_type.label),
                "name": card.name if clear else card.masked_name,
                "sex": card.sex, "ethnicity": card.ethnicity,
                "birth": (birth.isoformat() if clear else tr("{year}年", year=birth.year)) if birth else "",
                "address": card.address if clear else mask_address(card.address),
                "id_number": card.id_number if clear else card.masked_id,
                "authority": card.authority, "validity": card.validity_text()})
        for key, label in self.value_labels.items():
            label.setText(values[key])
        self.expired_badge.setVisible(card is not None and card.is_expired(_dt.date.today()))
        self._render_photo(card)

    def _render_photo(self, card: IdCardData | None) -> None:
        if card is not None and card.photo_bgr is not None:
            image = QImage(card.photo_bgr, PHOTO_WIDTH, PHOTO_HEIGHT, PHOTO_WIDTH * 3,
                           QImage.Format.Format_BGR888).copy()  # copy: own the pixels
            self.photo_label.setPixmap(QPixmap.fromImage(image))
        else:
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText(tr(PHOTO_PLACEHOLDER) if card is not None else "")

    # -- reading ----------------------------------------------------------------------
    def start_read(self) -> bool:
        """Start a read on a pool thread; False if no reader or a read is running."""
        if self.reader is None or self.is_reading:
            return False
        self._signals = _ReadSignals()
        self._signals.done.connect(self._on_done)
        self._signals.error.connect(self._on_error)
        self.status_label.setText(tr("请把证件放在读卡区……"))
        self._update_buttons()
        self._pool.start(_ReadTask(self.reader, self.timeout, self._signals))
        return True

    def _on_done(self, card: IdCardData) -> None:
        self._signals = None
        self.set_card(card)
        note = tr("（模拟读卡器）") if getattr(self.reader, "simulated", False) else ""
        self.status_label.setText(tr("读卡成功") + note)
        set_prop(self.frame, "cue", "success")  # short green cue, then back to normal
        self._cue_timer.start()
        QApplication.beep()
        self.cardRead.emit(card)

    def _on_error(self, message: str) -> None:
        self._signals = None
        self._update_buttons()
        self.status_label.setText(message)
        self.failed.emit(message)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until a running read finished (for shutdown and tests)."""
        return self._pool.waitForDone(msecs)

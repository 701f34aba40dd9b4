"""Pieces of the identity page: the shared reader, one party's section, the confirm helper."""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from counter.tabs.face_check import describe_record
from shared.devices.idcard.reader import IdCardReader
from shared.domain import identity as idm
from shared.domain.case import Party
from shared.i18n import tr
from shared.security.masking import mask_name
from shared.ui.idcard_panel import QtIdCardPanel

STATUS_STYLE = {"done": "color: #2e7d32;", "failed": "color: #c62828;",
                "pending": "color: #8a6d00;", "missing": "color: #555;"}


def default_confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask yes/no; with ``YIZHAN_NO_ERROR_WINDOWS`` (tests, kiosk) the safe answer: no."""
    if os.environ.get("YIZHAN_NO_ERROR_WINDOWS"):
        return False
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


class SharedReader(IdCardReader):
    """One physical reader behind several panels: reads are serialised by a lock."""

    def __init__(self, inner: IdCardReader) -> None:
        super().__init__()
        self.inner = inner
        self.simulated = bool(getattr(inner, "simulated", False))
        self.description = getattr(inner, "description", type(inner).__name__)
        self._lock = threading.Lock()

    def open(self) -> None:
        self.inner.open()

    def close(self) -> None:
        self.inner.close()

    def read_card(self, timeout: float = 5.0):
        with self._lock:
            return self.inner.read_card(timeout=timeout)

    def sam_id(self) -> str:
        with self._lock:
            return self.inner.sam_id()


class QtPartyIdentitySection(QGroupBox):
    """One party: its card panel, the check's state, 采集人脸 and the manual decision."""

    def __init__(self, party: Party, role_name: str, reader: IdCardReader | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.party_id = party.party_id
        self.role_name = role_name
        self.setObjectName("identity:" + party.party_id)
        self.panel = QtIdCardPanel(reader, can_reveal=True, timeout=10.0)
        self.status = QLabel()
        self.status.setObjectName("identityStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.face_button = QPushButton(tr("采集人脸"))
        self.face_button.setObjectName("captureFace")
        self.pass_button = QPushButton(tr("人工核对一致"))
        self.fail_button = QPushButton(tr("人工核对不一致"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.pass_button)
        buttons.addWidget(self.fail_button)
        buttons.addStretch(1)
        buttons.addWidget(self.face_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.update_party(party)

    def label(self, party: Party) -> str:
        """Role and masked name, e.g. 抵押人 张*三."""
        return "{} {}".format(tr(self.role_name), mask_name(party.name) or tr("（未填写）"))

    def update_party(self, party: Party) -> None:
        self.setTitle(self.label(party))

    def show_state(self, status: str, record: dict | None) -> None:
        """Show the party's status and the last record's details."""
        label = tr(idm.STATUS_LABELS[status])
        if status == "missing" and record and record.get("card") and not record.get("face"):
            label = tr("已读卡，待采集人脸")
        head = "<b style='{}'>{}</b>".format(STATUS_STYLE[status], label)
        lines = [tr("核验状态：") + head] + describe_record(record)
        self.status.setText("<br>".join(lines))
        review = bool(record and record.get("face") and
                      (record.get("comparison") or {}).get("decision") == "manual_review")
        self.pass_button.setVisible(review)
        self.fail_button.setVisible(review)
        self.face_button.setText(tr("重新采集人脸") if record and record.get("face") else tr("采集人脸"))

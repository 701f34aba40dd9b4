"""Pieces of the identity page: one party's section, the reasons of a manual decision."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from counter.tabs.face_check import describe_record
from shared.devices.idcard.reader import IdCardReader
from shared.devices.registry import SharedReader  # noqa: F401 (moved to the device registry)
from shared.domain import identity as idm
from shared.domain.case import Party
from shared.i18n import N_, tr
from shared.security.masking import mask_name
from shared.ui.idcard_panel import QtIdCardPanel

#: The status of a check as the theme's ``role`` property.
STATUS_ROLE = {"done": "ok", "failed": "error", "pending": "warning", "missing": ""}

#: The short list the officer picks a manual decision's reason from (or types another).
MANUAL_REASONS = {
    True: (N_("证件照与本人相符（人工核对）"), N_("本人在场，另持有效证件核对一致"),
           N_("证件照年代久远，经询问核对为本人")),
    False: (N_("证件照与本人不符"), N_("本人拒绝配合核验"), N_("疑似冒用他人证件")),
}


def restyle(widget: QWidget, role: str) -> None:
    """Set the ``role`` property the theme styles (error | ok | warning | title | "")."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class QtPartyIdentitySection(QGroupBox):
    """One party: its card panel, the check's state, 采集人脸 and the manual decision."""

    def __init__(self, party: Party, role_name: str, reader: IdCardReader | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.party_id = party.party_id
        self.role_name = role_name
        self.setObjectName("identity:" + party.party_id)
        self.panel = QtIdCardPanel(reader, can_reveal=True, timeout=10.0)
        self.state_label = QLabel()
        self.state_label.setObjectName("identityState")
        self.status = QLabel()
        self.status.setObjectName("identityStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.face_button = QPushButton(tr("采集人脸"))
        self.face_button.setObjectName("captureFace")
        self.pass_button = QPushButton(tr("人工核对一致"))
        self.pass_button.setObjectName("manualPass")
        self.fail_button = QPushButton(tr("人工核对不一致"))
        self.fail_button.setObjectName("manualFail")
        buttons = QHBoxLayout()
        buttons.addWidget(self.pass_button)
        buttons.addWidget(self.fail_button)
        buttons.addStretch(1)
        buttons.addWidget(self.face_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(self.state_label)
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
        self.state_label.setText(tr("核验状态：") + label)
        restyle(self.state_label, STATUS_ROLE[status])
        self.status.setText("\n".join(describe_record(record)))
        review = idm.awaits_decision(record)
        self.pass_button.setVisible(review)
        self.fail_button.setVisible(review)
        self.face_button.setText(tr("重新采集人脸") if record and record.get("face") else tr("采集人脸"))

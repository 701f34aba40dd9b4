"""QtFaceCheckDialog: a face check for one party (the second check right before submission),
and the human-readable lines of an identity record.

The dialog records the capture through the case session (``record_face(check_no=2)``: compared
with the first check's face, stored in one transaction); ``record`` then holds the stored
record. Usage by the submit step::

    dialog = QtFaceCheckDialog(session, party, check_no=2, parent=self)
    dialog.open()
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from shared.domain import identity as idm
from shared.domain.case import Party
from shared.i18n import N_, tr
from shared.security.masking import mask_name
from shared.ui.face_capture import QtFaceCapture
from shared.ui.notify import notify_exception
from shared.ui.tasks import run_task

DECISION_LABELS = {"pass": N_("通过"), "fail": N_("不通过"), "manual_review": N_("需人工复核"),
                   "pending": N_("待服务端比对")}


def describe_record(record: dict | None) -> list[str]:
    """Short lines for a record (masked; no name, no full ID number)."""
    if not record:
        return [tr("尚未读卡、尚未采集人脸")]
    lines = []
    card = record.get("card")
    if card:
        valid_to = card.get("valid_to") or tr("长期")
        text = tr("证件：{label} {id}，有效期至 {to}", label=tr(card["card_label"]),
                  id=card["id_masked"], to=valid_to)
        if card.get("expired"):
            text += " " + tr("证件已过期")
        if card.get("simulated"):
            text += tr("（模拟读卡器）")
        lines.append(text)
    failure = record.get("failure")
    if failure:
        lines.append(idm.reason_text(failure))
    face = record.get("face")
    if face:
        lines.append(tr("人脸：已采集（清晰度 {s}）", s="{:.0f}".format(face.get("sharpness") or 0))
                     + (tr("（模拟摄像头）") if face.get("simulated") else ""))
    comparison = record.get("comparison")
    if comparison:
        text = tr("比对：") + tr(DECISION_LABELS[comparison["decision"]])
        if comparison.get("score") is not None:
            text += " ({:.2f} / {:.2f}, {})".format(comparison["score"], comparison["threshold"],
                                                    comparison["method"])
        reason = comparison.get("reason") or ""
        if comparison["decision"] != "pass" and reason != idm.REASONS.get(comparison["decision"]):
            text += " — " + idm.reason_text(comparison)
        lines.append(text)
    return lines


class QtFaceCheckDialog(QDialog):
    """Captures one face for ``party``, stores it encrypted, compares it; ``record`` then holds
    the identity record (not yet added to the case: the caller adds and saves it)."""

    recorded = Signal(object)

    def __init__(self, session, party: Party, check_no: int = 2,
                 camera_spec: str | int = "auto", camera_factory: Callable | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("提交前人脸核验"))
        self.session, self.party, self.check_no = session, party, check_no
        self.record: dict | None = None
        self.face = QtFaceCapture(camera_spec, camera_factory)
        self.face.captured.connect(self._on_face)
        self.result = QLabel()
        self.result.setObjectName("faceCheckResult")
        self.result.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.ok_button.setText(tr("完成"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("请{name}正对镜头，完成提交前的人脸核验", name=mask_name(party.name))))
        layout.addWidget(self.face, 1)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)
        self.resize(640, 560)

    def start(self) -> None:
        """Open the camera and capture (called on show; callable directly in tests)."""
        self.face.begin(self.party.party_id, mask_name(self.party.name))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self.face.target is None:
            self.start()

    def _on_face(self, evidence) -> None:
        session, pid, n, simulated = self.session, self.party.party_id, self.check_no, self.face.simulated
        run_task(lambda: session.record_face(pid, evidence, check_no=n, simulated=simulated),
                 self._recorded, notify_exception, parent=self)

    def _recorded(self, record: dict) -> None:
        self.record = record
        status = record["status"]
        self.result.setText("\n".join([tr("核验状态：") + tr(idm.STATUS_LABELS[status])] +
                                       describe_record(record)))
        self.ok_button.setEnabled(True)
        self.recorded.emit(record)

    def done(self, result: int) -> None:  # noqa: D102 (Qt override: release the camera)
        self.face.stop()
        super().done(result)

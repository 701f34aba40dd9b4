"""The case editor's identity page (身份核验): ID card, live face, comparison, per party.

One section per person whose role asks for the identity check: an ID card panel (the desk's
one reader, from the context's device registry, opened off the UI thread) and the check's
state. Every change is a session command: a card read (``read_card``: an expired card is
recorded failed and not applied; a card whose number differs from the one entered asks,
through the prompter, before overwriting), a face (``record_face``: compared before it is
stored; a comparison that cannot be made is referred to the officer at once) and the
officer's decision (``decide_face``, with a reason asked through the prompter). The face is
captured by the shared camera on the right. Manual entry stays possible on the form page.
"""

from __future__ import annotations

import datetime as _dt
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QApplication, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from counter.tabs.face_check import QtFaceCheckDialog  # noqa: F401 (re-exported for the submit page)
from counter.tabs.identity_parts import MANUAL_REASONS, QtPartyIdentitySection, restyle
from shared.devices.idcard.reader import IdCardReader
from shared.domain import identity as idm
from shared.domain.case import Case, Party
from shared.i18n import tr
from shared.security.masking import mask_id
from shared.ui.face_capture import QtFaceCapture
from shared.ui.notify import notify, notify_exception
from shared.ui.tasks import run_task

log = logging.getLogger("yizhan.counter.identity")


class QtIdentityTab(QWidget):
    """The identity page of the case editor. ``recorded(dict)`` after a record was stored."""

    changed = Signal()
    recorded = Signal(object)
    step_kinds = ("identity", "recheck")

    def __init__(self, ctx, editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = tr("身份核验")
        self.ctx, self.editor = ctx, editor
        self.devices, self.prompter = ctx.devices, ctx.prompter
        self.case: Case | None = None
        self.biz = None
        self.sections: dict[str, QtPartyIdentitySection] = {}
        self._opening = False
        self._face_party: str | None = None
        self._build()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # -- construction -----------------------------------------------------------------------
    def _build(self) -> None:
        self.device_label = QLabel()
        self.device_label.setObjectName("readerState")
        self.device_label.setWordWrap(True)
        self.reconnect_button = QPushButton(tr("重新连接读卡器"))
        self.reconnect_button.clicked.connect(self.open_reader)
        top = QHBoxLayout()
        top.addWidget(self.device_label, 1)
        top.addWidget(self.reconnect_button)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.empty_label = QLabel(tr("本业务的当事人无需核验身份（或尚未添加自然人当事人）"))
        self.body_layout.addWidget(self.empty_label)
        self.body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.body)
        self.face = QtFaceCapture(self.devices.spec("camera"), self.devices.camera_factory)
        self.face.setObjectName("faceCapture")
        self.face.captured.connect(self._on_face)
        face_box = QGroupBox(tr("人脸采集"))
        QVBoxLayout(face_box).addWidget(self.face)
        columns = QHBoxLayout()
        columns.addWidget(scroll, 3)
        columns.addWidget(face_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(columns, 1)
        self._show_reader_state()

    # -- the reader -------------------------------------------------------------------------
    @property
    def reader(self):
        """The shared reader of the desk (None until opened)."""
        return self.devices.reader

    @property
    def _reader_state(self) -> str:
        return "opening" if self._opening else self.devices.reader_state

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.sync_parties()
        if self.devices.reader_state == "closed":
            self.open_reader()
        elif self.reader is not None:
            self.use_reader(self.reader.inner)

    def open_reader(self) -> None:
        """Ask the registry for the reader, off the UI thread (``auto`` falls back to the emulator)."""
        if self._opening:
            return
        self._opening = True
        self._show_reader_state()
        devices = self.devices
        run_task(devices.open_reader, lambda shared: self.use_reader(shared.inner), self._reader_failed, parent=self)

    def use_reader(self, reader: IdCardReader) -> None:
        """Use an opened reader for every section (the registry shares it)."""
        self._opening = False
        shared = self.devices.use_reader(reader)
        for section in self.sections.values():
            section.panel.set_reader(shared)
        self._show_reader_state()

    def _reader_failed(self, exc: BaseException) -> None:
        self._opening = False
        self._show_reader_state()
        if hasattr(exc, "msg"):
            notify(exc.msg.render(), "warning")
        else:
            notify_exception(exc)   # a bug: logged with its traceback

    def _show_reader_state(self) -> None:
        state, role = self._reader_state, ""
        if state == "open":
            text = tr("读卡器：") + (tr("模拟读卡器（演示卡，不能用于真实业务）") if self.reader.simulated
                                     else self.reader.description)
            role = "warning" if self.reader.simulated else ""
        elif state == "opening":
            text = tr("正在连接读卡器……")
        elif state == "failed":
            error = self.devices.reader_error
            reason = error.msg.render() if hasattr(error, "msg") else tr("读卡器无法打开")
            text = tr("读卡器不可用：") + reason + tr("（可在“申请信息”中手工录入）")
            role = "error"
        else:
            text = tr("读卡器：未连接")
        self.device_label.setText(text)
        restyle(self.device_label, role)
        self.reconnect_button.setVisible(state in ("failed", "closed"))

    def shutdown(self) -> None:
        """Stop the camera and release the reader (app exit)."""
        self.face.stop()
        self.devices.close()

    # -- the case ---------------------------------------------------------------------------
    def set_case(self, case: Case, biz) -> None:
        """Show the case's parties that need the check. Another case: nothing of the previous
        one stays (sections, card panels, the camera picture)."""
        if self.case is not None and case.id != self.case.id:
            self.clear()
        self.case, self.biz = case, biz
        from shared.domain.states import can_edit
        self.body.setEnabled(can_edit(case.state))   # a submitted case is shown, not changed
        self.face.setEnabled(can_edit(case.state))
        self.sync_parties()

    def clear(self) -> None:
        """Forget what is shown of the current case."""
        self._face_party = None
        self.face.clear()
        for section in self.sections.values():
            section.setParent(None)
            section.deleteLater()
        self.sections.clear()

    def _form_parties(self) -> list[Party]:
        """The parties as the form shows them now (a new case's empty first party included)."""
        editors = getattr(self.editor, "party_editors", None)
        return [e.party() for e in editors] if editors else list(self.case.parties)

    def sync_parties(self) -> None:
        """Match the sections to the form's parties (added, removed, renamed since)."""
        if self.case is None:
            return
        view = Case(self.case.business_code, id=self.case.id, parties=self._form_parties(),
                    data=self.case.data)
        parties = idm.parties_needing_check(view, self.biz)
        wanted = {p.party_id for p in parties}
        for pid in [pid for pid in self.sections if pid not in wanted]:
            section = self.sections.pop(pid)
            section.setParent(None)
            section.deleteLater()
        for index, party in enumerate(parties):
            section = self.sections.get(party.party_id)
            if section is None:
                section = self._make_section(party)
                self.body_layout.insertWidget(index, section)
            section.update_party(party)
            session = self.editor.session
            if session is not None and session.actor is not None:  # the screen reflects who is logged in
                from shared.domain.operators import Permission
                section.panel.set_can_reveal(session.actor.can(Permission.REVEAL))
        self.empty_label.setVisible(not parties)
        self.refresh()

    def _make_section(self, party: Party) -> QtPartyIdentitySection:
        section = QtPartyIdentitySection(party, self.biz.role(party.role).name, self.reader)
        pid = party.party_id
        section.panel.cardRead.connect(lambda card, pid=pid: self._on_card(pid, card))
        section.panel.failed.connect(lambda text, pid=pid: notify(text, "warning"))
        section.panel.revealed.connect(lambda pid=pid: self._audit_reveal(pid))
        section.face_button.clicked.connect(lambda _=False, pid=pid: self.start_face(pid))
        section.pass_button.clicked.connect(lambda _=False, pid=pid: self.decide(pid, True))
        section.fail_button.clicked.connect(lambda _=False, pid=pid: self.decide(pid, False))
        self.sections[pid] = section
        return section

    def refresh(self) -> None:
        """Re-show every section's status from the case."""
        if self.case is None:
            return
        status = idm.identity_status(self.case, self.biz)
        for pid, section in self.sections.items():
            section.show_state(status.get(pid, "missing"), idm.latest_check(self.case, pid))

    def status(self) -> dict[str, str]:
        """identity_status of the case as shown."""
        return idm.identity_status(self.case, self.biz) if self.case else {}

    def _audit_reveal(self, party_id: str) -> None:
        """The card's clear data were shown to verify the holder: the core checks the reveal
        permission and audits it with that reason (a party not saved yet: the view is logged)."""
        session, case_id, store = self.editor.session, self.case.id, self.ctx.store
        if session is None or not any(p.party_id == party_id for p in session.snapshot().parties):
            run_task(lambda: store.log_view(case_id, "idcard:" + party_id), parent=self)
            return
        run_task(lambda: session.reveal(party_id, "verify_identity"), None, notify_exception, parent=self)

    def _recorded(self, record: dict) -> None:
        self.changed.emit()
        self.recorded.emit(record)

    # -- card -------------------------------------------------------------------------------
    def _on_card(self, party_id: str, card) -> None:
        party = next((p for p in self.editor.collect().parties if p.party_id == party_id), None)
        if party is None:
            return
        overwrite = False
        if not card.is_expired(_dt.date.today()) and idm.card_matches_party(card, party) is False:
            overwrite = self.prompter.confirm(
                tr("证件号码不一致"),
                tr("读到的证件号码 {card} 与已录入的 {entered} 不一致。\n"
                   "是否用读卡信息覆盖该当事人的姓名、证件号码和地址？",
                   card=mask_id(card.id_number), entered=mask_id(party.id_number)))
        reader = self.reader
        device, simulated = (reader.description, reader.simulated) if reader is not None else ("", False)
        self.editor.command(lambda session: session.read_card(party_id, card, device=device, simulated=simulated,
                                                              overwrite=overwrite), self._recorded)

    # -- face -------------------------------------------------------------------------------
    def start_face(self, party_id: str) -> None:
        """Capture the face of ``party_id`` with the shared camera."""
        section = self.sections.get(party_id)
        if section is None or self.case is None:
            return
        self._face_party = party_id
        party = next((p for p in self.editor.collect().parties if p.party_id == party_id), None)
        self.face.begin(party_id, tr("正在采集：") + section.label(party) if party else section.title())

    def _on_face(self, evidence) -> None:
        party_id = self._face_party
        if party_id is None or party_id not in self.sections:
            return
        simulated = self.face.simulated
        self.editor.command(lambda session: session.record_face(party_id, evidence, simulated=simulated),
                            self._recorded)

    def decide(self, party_id: str, passed: bool) -> None:
        """The officer's decision on a comparison referred to a person, with a reason."""
        title = tr("人工核对一致：请选择或填写理由") if passed else tr("人工核对不一致：请选择或填写理由")
        reason = self.prompter.ask_reason(title, [tr(r) for r in MANUAL_REASONS[passed]],
                                          tr("该记录将连同经办人和时间一并保存，并记入审计日志。"))
        if not reason:
            return
        self.editor.command(lambda session: session.decide_face(party_id, passed, reason), self._recorded)

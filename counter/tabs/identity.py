"""The case editor's identity page (身份核验): ID card, live face, comparison, per party.

One section per person whose role asks for the identity check: an ID card panel (the one
reader of the desk, opened off the UI thread from the ``devices.idcard`` setting) and the
check's state. A card read fills the party through ``editor.apply``; an expired card is
flagged and recorded failed, never applied; a card whose number differs from the one entered
asks before overwriting. The face is captured by the shared camera on the right for the
party chosen; images go to the encrypted store only, the record to ``case.identity_checks``,
and the case is saved. Manual entry stays possible on the form page.
"""

from __future__ import annotations

import datetime as _dt
import logging
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QApplication, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from shared.devices.idcard.reader import IdCardReader
from shared.domain import identity as idm
from shared.domain.case import Case, Party
from shared.i18n import tr
from shared.security.masking import mask_id
from shared.ui.face_capture import QtFaceCapture
from shared.ui.notify import notify, notify_exception
from shared.ui.tasks import run_task

from counter.tabs.face_check import QtFaceCheckDialog  # noqa: F401 (re-exported for the submit page)
from counter.tabs.identity_parts import QtPartyIdentitySection, SharedReader, default_confirm

log = logging.getLogger("yizhan.counter.identity")


def card_reference(card, comparer):
    """The reference photo of a card for ``comparer``, and its kind: the decoded photo when a
    vendor decoder gave one; else the raw WLT blob for a comparer that can have it decoded
    (the server's); else nothing (the comparison stays pending)."""
    if card is None:
        return None, None
    if card.photo_decoded:
        import numpy as np
        from shared.devices.idcard.model import PHOTO_HEIGHT, PHOTO_WIDTH
        return np.frombuffer(card.photo_bgr, np.uint8).reshape(PHOTO_HEIGHT, PHOTO_WIDTH, 3), "card_photo"
    if card.photo_wlt and getattr(comparer, "accepts_wlt", False):
        from shared.sync.face_compare import WltPhoto
        return WltPhoto(bytes(card.photo_wlt)), "card_photo_wlt"
    return None, None


class QtIdentityTab(QWidget):
    """The identity page of the case editor. ``recorded(dict)`` after a record was saved."""

    changed = Signal()
    recorded = Signal(object)

    def __init__(self, store, catalog, editor, parent: QWidget | None = None, *,
                 reader: IdCardReader | None = None, camera_factory: Callable | None = None,
                 confirm: Callable[[str, str], bool] | None = None, settings=None) -> None:
        super().__init__(parent)
        self.title = tr("身份核验")
        self.store, self.catalog, self.editor = store, catalog, editor
        self._settings = settings
        self.confirm = confirm or (lambda title, text: default_confirm(self, title, text))
        self.case: Case | None = None
        self.biz = None
        self.sections: dict[str, QtPartyIdentitySection] = {}
        self.cards: dict[str, object] = {}   # party_id -> IdCardData of this session (photo)
        self.reader: SharedReader | None = None
        self._reader_state = "closed"        # closed | opening | open | failed
        self._face_party: str | None = None
        self._build(camera_factory)
        if reader is not None:
            self.use_reader(reader)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # -- construction -----------------------------------------------------------------------
    def _build(self, camera_factory) -> None:
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
        self.face = QtFaceCapture(self._setting("devices.camera", "auto"), camera_factory)
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

    def _setting(self, key: str, default):
        settings = self._settings or getattr(self.editor.window(), "settings", None)
        if settings is None:
            from shared.config import Settings, default_config_dir
            settings = self._settings = Settings.load(default_config_dir())
        return settings.get(key, default)

    # -- the reader -------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.sync_parties()
        if self._reader_state == "closed":
            self.open_reader()

    def open_reader(self) -> None:
        """Open the configured reader off the UI thread (``auto`` falls back to the emulator)."""
        if self._reader_state == "opening":
            return
        spec = self._setting("devices.idcard", "auto")
        self._reader_state = "opening"
        self._show_reader_state()

        def work():
            from shared.devices.idcard.factory import open_reader
            return open_reader(spec)
        run_task(work, self.use_reader, self._reader_failed, parent=self)

    def use_reader(self, reader: IdCardReader) -> None:
        """Use an opened reader for every section."""
        if self.reader is not None and self.reader.inner is not reader:
            self.reader.close()
        self.reader = SharedReader(reader)
        self._reader_state = "open"
        for section in self.sections.values():
            section.panel.set_reader(self.reader)
        self._show_reader_state()

    def _reader_failed(self, exc: BaseException) -> None:
        self._reader_state = "failed"
        self._reader_error = exc.msg.render() if hasattr(exc, "msg") else tr("读卡器无法打开")
        self._show_reader_state()
        if hasattr(exc, "msg"):
            notify(self._reader_error, "warning")
        else:
            notify_exception(exc)   # a bug: logged with its traceback

    def _show_reader_state(self) -> None:
        state = self._reader_state
        if state == "open":
            text = tr("读卡器：") + (tr("模拟读卡器（演示卡，不能用于真实业务）") if self.reader.simulated
                                     else self.reader.description)
        elif state == "opening":
            text = tr("正在连接读卡器……")
        elif state == "failed":
            text = tr("读卡器不可用：") + self._reader_error + tr("（可在“申请信息”中手工录入）")
        else:
            text = tr("读卡器：未连接")
        self.device_label.setText(text)
        self.device_label.setStyleSheet("color: #c62828;" if state == "failed" else
                                        "color: #8a6d00;" if self.reader is not None
                                        and self.reader.simulated else "")
        self.reconnect_button.setVisible(state in ("failed", "closed"))

    def shutdown(self) -> None:
        """Stop the camera and release the reader (app exit)."""
        self.face.stop()
        if self.reader is not None:
            try:
                self.reader.close()
            except Exception:   # closing a vanished device must not stop the exit
                log.warning("reader close failed", exc_info=True)
            self.reader = None
            self._reader_state = "closed"

    # -- the case ---------------------------------------------------------------------------
    def set_case(self, case: Case, biz) -> None:
        """Show the case's parties that need the check (sections are kept across re-shows)."""
        if self.case is not None and case.id != self.case.id:
            self.cards.clear()
            self.face.stop()
            for section in self.sections.values():
                section.setParent(None)
                section.deleteLater()
            self.sections.clear()
        self.case, self.biz = case, biz
        from shared.domain.states import can_edit
        self.body.setEnabled(can_edit(case.state))   # a submitted case is shown, not changed
        self.face.setEnabled(can_edit(case.state))
        self.sync_parties()

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
        self.empty_label.setVisible(not parties)
        self.refresh()

    def _make_section(self, party: Party) -> QtPartyIdentitySection:
        section = QtPartyIdentitySection(party, self.biz.role(party.role).name, self.reader)
        pid = party.party_id
        section.panel.cardRead.connect(lambda card, pid=pid: self._on_card(pid, card))
        section.panel.failed.connect(lambda text, pid=pid: self._on_read_failed(pid, text))
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

    @staticmethod
    def _party(case: Case, party_id: str) -> Party | None:
        return next((p for p in case.parties if p.party_id == party_id), None)

    def _snapshot(self) -> Case:
        return Case.from_dict(self.editor.collect().to_dict())

    def _audit_reveal(self, party_id: str) -> None:
        case_id = self.case.id
        run_task(lambda: self.store.log_view(case_id, "idcard:" + party_id), parent=self)

    def _record(self, change: Callable[[Case], dict]) -> None:
        """Apply ``change`` (which returns the record) through the editor, then save."""
        out: list[dict] = []
        self.editor.apply(lambda case: out.append(change(case)))
        record = out[0]
        self.refresh()
        self.changed.emit()
        self.editor.save(on_saved=lambda _saved: self.recorded.emit(record))

    # -- card -------------------------------------------------------------------------------
    def _on_read_failed(self, party_id: str, text: str) -> None:
        notify(text, "warning")

    def _on_card(self, party_id: str, card) -> None:
        case = self.editor.collect()
        party = self._party(case, party_id)
        if party is None:
            return
        failure = None
        if card.is_expired(_dt.date.today()):
            failure = "card_expired"
            notify(tr("证件已过期，不能用于身份核验，请当事人出示有效证件"), "warning")
        elif idm.card_matches_party(card, party) is False and not self.confirm(
                tr("证件号码不一致"),
                tr("读到的证件号码 {card} 与已录入的 {entered} 不一致。\n"
                   "是否用读卡信息覆盖该当事人的姓名、证件号码和地址？",
                   card=mask_id(card.id_number), entered=mask_id(party.id_number))):
            failure = "card_mismatch"
            notify(tr("未采用读卡信息：证件号码与已录入的不一致"), "warning")
        part = idm.card_part(card, party, operator=self.store.operator,
                             device=self.reader.description if self.reader else "",
                             simulated=bool(self.reader and self.reader.simulated))
        part["applied"] = failure is None
        if failure is None:
            self.cards[party_id] = card
        snapshot = self._snapshot()
        from shared.capture.identity_evidence import save_card_photo
        run_task(lambda: save_card_photo(self.store, snapshot, party_id, card),
                 lambda blob: self._card_stored(party_id, card, part, failure, blob),
                 notify_exception, parent=self)

    def _card_stored(self, party_id: str, card, part: dict, failure, blob_id) -> None:
        part["photo_blob"] = blob_id
        operator = self.store.operator

        def change(case: Case) -> dict:
            party = self._party(case, party_id)
            if failure is None and party is not None:
                idm.apply_card_to_party(card, party)
            return idm.attach_card(case, party_id, part, failure=failure, operator=operator)
        self._record(change)

    # -- face -------------------------------------------------------------------------------
    def start_face(self, party_id: str) -> None:
        """Capture the face of ``party_id`` with the shared camera."""
        section = self.sections.get(party_id)
        if section is None or self.case is None:
            return
        self._face_party = party_id
        party = self._party(self.editor.collect(), party_id)
        self.face.begin(party_id, tr("正在采集：") + section.label(party))

    def _on_face(self, evidence) -> None:
        party_id = self._face_party
        if party_id is None or party_id not in self.sections:
            return
        card = self.cards.get(party_id)
        comparer = idm.make_comparer()
        reference, reference_kind = card_reference(card, comparer)
        snapshot, operator, simulated = self._snapshot(), self.store.operator, self.face.simulated
        from shared.capture.identity_evidence import capture_and_compare

        def work():
            return capture_and_compare(self.store, snapshot, party_id, evidence, check_no=1,
                                       comparer=comparer, reference=reference,
                                       reference_kind=reference_kind,
                                       operator=operator, simulated=simulated)
        run_task(work, lambda parts: self._face_stored(party_id, *parts), notify_exception,
                 parent=self)

    def _face_stored(self, party_id: str, face: dict, comparison: dict) -> None:
        operator = self.store.operator
        self._record(lambda case: idm.attach_face(case, party_id, face, comparison,
                                                  operator=operator))
        decision = comparison["decision"]
        notify(idm.reason_text(comparison), "warning" if decision in ("fail", "manual_review") else "info")

    def decide(self, party_id: str, passed: bool) -> None:
        """The officer's decision on a comparison left to manual review."""
        operator = self.store.operator

        def change(case: Case) -> dict:
            record = idm.latest_check(case, party_id)
            return idm.decide_manually(record, passed, operator)
        self._record(change)

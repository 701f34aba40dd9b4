"""The submit page of the case editor: check, second face check, submit; then where the packet
is and what the registry answered.

Submit runs the business's second face check first (``face_checks`` = 2: a face for each
party right before submission), saves the case, then freezes, encrypts, signs and enqueues it
in one local transaction (:meth:`shared.sync.outbox.Outbox.submit`), off the UI thread. The
officer is done at that point: the upload is the sync worker's, whether the line is up or not.

Below, the page shows the case's packet (state, bytes sent, the last error), the registry's
answer (receipt number; the reasons of a refusal; the complete correction list, also on the
reopened revision) and the documents it sent (receipt, notices, the electronic proof), each
viewable and printable.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget)

from shared.documents import DOCUMENT_KINDS
from shared.domain import identity as idm
from shared.domain import steps as st
from shared.domain.case import Case
from shared.domain.states import CaseState, can_edit
from shared.i18n import render_record, tr
from shared.sync.outbox import ACTIVE
from shared.sync.summary import correction_texts, describe, item_label, reason_texts, size_text
from shared.ui.notify import notify, notify_exception
from shared.ui.tasks import run_task


class QtSubmitTab(QWidget):
    """The editor's last page (the editor tells ``submitted(case_id)`` once a packet is in the
    outbox)."""

    changed = Signal()
    statusShown = Signal()
    step_kinds = ("approval", "submit")

    def __init__(self, ctx, editor, parent: QWidget | None = None, *,
                 face_dialog_factory: Callable | None = None) -> None:
        super().__init__(parent)
        self.title = tr("提交与结果")
        self.ctx, self.store, self.catalog, self.editor = ctx, ctx.store, ctx.catalog, editor
        self.prompter = ctx.prompter
        self.face_dialog_factory = face_dialog_factory or self._face_dialog
        self.case: Case | None = None
        self.biz = None
        self.face_dialog: QDialog | None = None
        self.documents: list = []  # BlobInfo of the registry's documents
        self._local_outcome: dict = {}
        self._build()

    # -- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        self.corrections_box = QGroupBox(tr("登记机构要求补正"))
        self.corrections_box.setObjectName("correctionsBox")
        self.corrections_box.setProperty("role", "warning")
        self.corrections_label = QLabel()
        self.corrections_label.setObjectName("correctionsList")
        self.corrections_label.setWordWrap(True)
        self.corrections_label.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self.corrections_box).addWidget(self.corrections_label)

        submit_box = QGroupBox(tr("提交登记"))
        self.readiness = QLabel()
        self.readiness.setObjectName("submitReadiness")
        self.readiness.setWordWrap(True)
        self.readiness.setTextFormat(Qt.TextFormat.RichText)
        self.submit_button = QPushButton(tr("提交登记"))
        self.submit_button.setObjectName("submitCase")
        self.submit_button.setProperty("size", "large")
        self.submit_button.setProperty("role", "primary")
        self.submit_button.clicked.connect(self.submit)
        row = QHBoxLayout()
        row.addWidget(self.readiness, 1)
        row.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(submit_box)
        box.addLayout(row)
        self.next_label = QLabel()
        self.next_label.setObjectName("whatNext")
        self.next_label.setWordWrap(True)
        self.next_label.setProperty("role", "ok")
        self.next_label.hide()
        box.addWidget(self.next_label)
        approval = QHBoxLayout()
        self.approval_label = QLabel()
        self.approval_label.setObjectName("approvalState")
        self.approval_label.setWordWrap(True)
        self.request_button = QPushButton(tr("提请主管复核"))
        self.request_button.setObjectName("requestApproval")
        self.request_button.clicked.connect(self.request_approval)
        self.approve_button = QPushButton(tr("主管复核……"))
        self.approve_button.setObjectName("approveCase")
        self.approve_button.clicked.connect(self.open_approval)
        approval.addWidget(self.approval_label, 1)
        approval.addWidget(self.request_button)
        approval.addWidget(self.approve_button)
        box.addLayout(approval)

        result_box = QGroupBox(tr("上传与办理结果"))
        self.packet_label = QLabel()
        self.packet_label.setObjectName("packetState")
        self.packet_label.setWordWrap(True)
        self.packet_label.setTextFormat(Qt.TextFormat.RichText)
        self.outcome_label = QLabel()
        self.outcome_label.setObjectName("outcome")
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setTextFormat(Qt.TextFormat.RichText)
        self.docs_layout = QVBoxLayout()
        refresh = QPushButton(tr("刷新"))
        refresh.clicked.connect(self.reload)
        result = QVBoxLayout(result_box)
        result.addWidget(self.packet_label)
        result.addWidget(self.outcome_label)
        result.addLayout(self.docs_layout)
        result.addWidget(refresh, 0, Qt.AlignmentFlag.AlignLeft)

        layout = QVBoxLayout(self)
        layout.addWidget(self.corrections_box)
        layout.addWidget(submit_box)
        layout.addWidget(result_box)
        layout.addStretch(1)

    @property
    def outbox(self):
        """The counter's one outbox (the context's)."""
        return self.ctx.outbox

    # -- showing a case -------------------------------------------------------------------------
    def set_case(self, case: Case, biz) -> None:
        self.case, self.biz = case, biz
        lines = correction_texts(case.corrections)
        self.corrections_box.setVisible(bool(lines) and can_edit(case.state))
        self.corrections_label.setText(
            tr("第 {rev} 版：请按以下清单一次补齐后重新提交。", rev=case.revision)
            + "<ol>" + "".join("<li>{}</li>".format(_html(t)) for t in lines) + "</ol>")
        self.show_readiness()
        self.show_next(case)
        self.reload()

    def show_next(self, case: Case) -> None:
        """After submission: what happens now, and what the officer still does by hand."""
        if can_edit(case.state) or self.biz is None or case.state == CaseState.AWAITING_APPROVAL:
            self.next_label.hide()
            return
        from shared.domain.originals import originals_of
        lines = [tr("案件已加密签名并进入上传队列，将在后台上传（网络中断时自动续传），无需等待。"),
                 tr("登记机构的答复（受理号、需补正或不予受理）会显示在本页和案件列表中。")]
        paper = originals_of(case, self.biz)
        if paper:
            lines.append(tr("请收取纸质原件 {n} 件，并通过“案件 → 纸质原件移交”登记移交。", n=len(paper)))
        self.next_label.setText("\n".join(lines))
        self.next_label.show()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name): the form may have changed meanwhile
        super().showEvent(event)
        if self.case is not None:
            self.case = self.editor.collect()
            self.show_readiness()
            self.reload()

    def show_readiness(self) -> None:
        """What still stands between this case and submission (nothing: the button is on)."""
        case, biz = self.case, self.biz
        if case is None or biz is None:
            return
        self._show_approval(case)
        if case.state == CaseState.AWAITING_APPROVAL:
            self.readiness.setText(tr("已提请主管复核，复核通过后才能提交；等待期间案件不能修改。"))
            self.submit_button.setEnabled(False)
            return
        if not can_edit(case.state):
            self.readiness.setText(tr("本案已提交（状态：{state}），不能再修改。", state=case.state.label))
            self.submit_button.setEnabled(False)
            return
        steps = self.editor.session.steps(case) if self.editor.session is not None else []
        problems = [s.line() for s in st.blocking_steps(steps, include_recheck=False)]
        capture, decide = self.second_checks(case)
        text = ""
        if problems:
            text = tr("尚不能提交：") + "<ul>" + "".join("<li>{}</li>".format(_html(p)) for p in problems[:8]) + "</ul>"
            if len(problems) > 8:
                text += tr("……等{n}项", n=len(problems))
        else:
            text = "<b>{}</b>".format(tr("信息完整，可以提交。"))
            if capture:
                text += "<br>" + tr("提交前需再次核验人脸：{n} 人。", n=len(capture))
            if decide:
                text += "<br>" + tr("提交前人脸核验待经办人人工核对：{n} 人。", n=len(decide))
        self.readiness.setText(text)
        self.submit_button.setEnabled(not problems)

    def _show_approval(self, case: Case) -> None:
        """The approval line: needed or not, requested, approved (by whom), returned (why)."""
        step = self.editor.session.step("approval") if self.editor.session is not None else None
        needed = step is not None and step.required
        waiting = case.state == CaseState.AWAITING_APPROVAL
        last = next((a for a in reversed(case.approvals) if isinstance(a, dict) and a.get("revision") == case.revision
                     and a.get("decision") in ("approved", "returned", "withdrawn")), None)
        text = ""
        if waiting:
            text = tr("等待主管复核。")
        elif last and last.get("decision") == "approved" and step is not None and step.done:
            who = last.get("approver") or {}
            text = tr("主管 {name}（{sid}）已复核通过：{reason}", name=who.get("name", ""), sid=who.get("staff_id", ""),
                      reason=last.get("reason", ""))
        elif last and last.get("decision") == "returned":
            text = tr("主管退回：{reason}", reason=last.get("reason", ""))
        elif needed:
            text = tr("本案有人工核对或按业务规定，须经主管复核后才能提交。")
        self.approval_label.setText(text)
        self.approval_label.setVisible(bool(text))
        others = [s for s in (self.editor.session.steps(case) if self.editor.session else [])
                  if s.required and not s.done and s.kind not in ("approval", "submit", "recheck")]
        self.request_button.setVisible(needed and not step.done and not waiting and can_edit(case.state))
        self.request_button.setEnabled(not others)
        self.approve_button.setVisible(waiting)

    def request_approval(self) -> None:
        """Send the case to a supervisor (it cannot change while it waits)."""
        self.editor.command(lambda session: session.request_approval(), lambda _c: self._after_approval())

    def open_approval(self) -> None:
        """A supervisor reviews the case here with their own login (not the officer's)."""
        from shared.domain.operators import Permission
        from shared.ui.login import QtApprovalDialog
        session, auth = self.editor.session, self.ctx.auth

        def decide(staff_id, password, decision, reason):
            approver = auth.confirm(staff_id, password, Permission.APPROVE) if auth is not None else staff_id
            return session.approve(decision, reason, approver=approver)
        self.approval_dialog = QtApprovalDialog(decide, tr("业务号 {id}：请核对人工核对记录和申请材料后作出复核结论。",
                                                           id=self.case.id if self.case else ""), self)
        self.approval_dialog.accepted.connect(self._after_approval)
        self.approval_dialog.open()

    def _after_approval(self, *_args) -> None:
        if self.editor.session is not None:
            self.case = self.editor.session.snapshot()
            self.show_readiness()

    def reload(self) -> None:
        """Read the case's packet and the registry's documents off the UI thread."""
        case = self.case
        if case is None:
            return
        case_id = case.id

        def work():
            item = self.outbox.latest([case_id]).get(case_id)
            docs = self.store.blobs.list(case_id, "outcome")
            return item, docs
        run_task(work, lambda res: self.case is not None and self.case.id == case_id and self._show(*res),
                 parent=self)

    def _show(self, item, docs) -> None:
        case = self.case
        if item is None:
            self.packet_label.setText(tr("尚未提交。"))
        else:
            from counter.case_list import local_time
            text = tr("数据包 {pid}：{state}，{size}，{at} 提交", pid=item.packet_id, state=item_label(item.state),
                      size=size_text(item.size), at=local_time(item.created_at))
            if item.state in ACTIVE and item.size:
                text += tr("，已上传 {pct}%", pct=int(100 * item.offset / item.size))
            if item.last_error and item.state not in ("committed",):
                text += "<br><i>{}</i>".format(
                    tr("上次尝试：{err}（会自动重试，案件数据完好）", err=_html(render_record(item.last_error)[:200])))
            self.packet_label.setText(text)
        self.outcome_label.setText(self._outcome_html(item, case))
        self._show_documents(docs, item)
        self.statusShown.emit()

    def _outcome_html(self, item, case: Case) -> str:
        outcome = (item.outcome if item is not None else None) or case.outcome or {}
        state = item.state if item is not None else ""
        parts = []
        linked = registrations_html(case, self.biz, outcome) if self.biz is not None else ""
        if linked:
            parts.append(linked)  # each registration applied for together, with its own numbers
        elif outcome.get("receipt_number"):
            parts.append(tr("受理号：<b>{n}</b>", n=_html(outcome["receipt_number"])))
        if outcome.get("register_number") and not linked:
            parts.append(tr("登簿号：{n}", n=_html(outcome["register_number"])))
        if outcome.get("proof_number") and not linked:
            parts.append(tr("不动产登记证明号：{n}", n=_html(outcome["proof_number"])))
        if state == "not_accepted":
            parts.append("<b>{}</b>".format(tr("不予受理，原因：")) + "<ol>" +
                         "".join("<li>{}</li>".format(_html(r)) for r in reason_texts(outcome)) + "</ol>")
        if state == "correction_requested":
            parts.append("<b>{}</b>".format(
                tr("需补正（已重开为第 {rev} 版草稿，见本页上方清单）", rev=case.revision)))
        if item is not None and not parts and item.state not in ACTIVE:
            parts.append(describe(item))  # (an upload in progress is told by the packet line above)
        return "<br>".join(parts)

    def _show_documents(self, docs, item=None) -> None:
        while self.docs_layout.count():
            w = self.docs_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.documents = list(docs)
        for info in self.documents:
            self._doc_row(tr("登记机构发来：") + (info.meta.get("name") or info.slot), "viewDoc:" + info.slot,
                          "printDoc:" + info.slot, lambda i=info: self.store.blobs.get(i.id),
                          info.meta.get("name") or info.slot)
        for kind in self.local_kinds(item):
            name = tr(DOCUMENT_KINDS[kind])
            self._doc_row(tr("本机出具（正式格式）：") + name, "viewLocal:" + kind, "printLocal:" + kind,
                          lambda k=kind: self._render_outcome(k), name)

    def local_kinds(self, item) -> list[str]:
        """The outcome documents this counter prints itself, in the official layout."""
        state = item.state if item is not None else ""
        outcome = (item.outcome if item is not None else None) or {}
        kinds = []
        if outcome.get("receipt_number"):
            kinds.append("receipt")
        if state == "not_accepted":
            kinds.append("not_accepted")
        if state == "correction_requested" or (self.case is not None and self.case.corrections and outcome.get("corrections")):
            kinds.append("corrections")
        self._local_outcome = outcome
        return kinds

    def _render_outcome(self, kind: str) -> bytes:
        from shared.documents import render_unmasked
        case = self.case
        outcome = dict(self._local_outcome)
        outcome.setdefault("received_at", outcome.get("at"))
        return render_unmasked(self.store, self.ctx.actor(), kind, case, self.biz, outcome=outcome, for_applicant=True)

    def _doc_row(self, label: str, view_name: str, print_name: str, load: Callable[[], bytes], title: str) -> None:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel(label), 1)
        view = QPushButton(tr("查看"))
        view.setObjectName(view_name)
        view.clicked.connect(lambda: self.view_pdf(load, title))
        send = QPushButton(tr("打印"))
        send.setObjectName(print_name)
        send.clicked.connect(lambda: self.print_pdf(load))
        line.addWidget(view)
        line.addWidget(send)
        self.docs_layout.addWidget(row)

    # -- documents ------------------------------------------------------------------------------
    def view_document(self, info, on_shown: Callable | None = None) -> None:
        """Preview a document the registry sent."""
        self.view_pdf(lambda: self.store.blobs.get(info.id), info.meta.get("name") or tr("文书"), on_shown)

    def view_pdf(self, load: Callable[[], bytes], title: str, on_shown: Callable | None = None) -> None:
        """Preview a PDF in a window: loading or rendering and rasterising off the UI thread."""
        from shared.ui.printing import QtPdfPreview, page_images

        def show(pngs):
            dialog = QDialog(self)
            dialog.setObjectName("documentPreview")
            dialog.setWindowTitle(title)
            preview = QtPdfPreview(dialog)
            preview.set_pages(pngs)
            QVBoxLayout(dialog).addWidget(preview)
            dialog.resize(760, 900)
            dialog.show()
            self.preview_dialog = dialog
            if on_shown:
                on_shown(dialog)
        run_task(lambda: page_images(load(), 80), show, notify_exception, parent=self)

    def print_pdf(self, load: Callable[[], bytes]) -> None:
        from counter.tabs.interview_documents import print_with_dialog_off_thread
        run_task(load, lambda pdf: print_with_dialog_off_thread(pdf, self), notify_exception, parent=self)

    # -- submitting -----------------------------------------------------------------------------
    def _face_dialog(self, session, party):
        from counter.tabs.face_check import QtFaceCheckDialog
        devices = self.ctx.devices
        return QtFaceCheckDialog(session, party, check_no=2, camera_spec=devices.spec("camera"),
                                 camera_factory=devices.camera_factory, parent=self)

    def submit(self) -> None:
        """The second face checks still owed, then the summary to confirm, then submit."""
        if self.face_dialog is not None:  # a second check is open already
            return
        case = self.editor.collect()
        for party in idm.parties_for_second_check(case, self.biz):   # the recheck steps not done
            record = idm.latest_check(case, party.party_id, 2)
            if idm.awaits_decision(record):
                self._decide_second(party, record)
            else:
                self._second_check(party)
            return
        if not self.prompter.confirm(tr("确认提交登记"), self.summary(case)):
            return
        self.submit_button.setEnabled(False)

        def done(item) -> None:
            notify(tr("已提交：数据包 {pid} 已加密签名并进入上传队列，网络可用时自动上传。", pid=item.packet_id))

        def failed(exc) -> None:
            self.show_readiness()
            notify_exception(exc)
        self.editor.command(lambda session: session.submit(), done, failed)

    def summary(self, case: Case) -> str:
        """What is about to be submitted: business, parties (masked), materials, steps."""
        from shared.security.masking import mask_name
        biz = self.biz
        parties = []
        for p in case.parties:
            try:
                role = tr(biz.role(p.role).name)
            except KeyError:
                role = p.role
            parties.append("{} {}".format(role, mask_name(p.name) if p.kind == "person" else p.name))
        slots = [code for code, ids in case.materials.items() if ids]
        pages = sum(len(ids) for ids in case.materials.values())
        steps = self.editor.session.steps(case) if self.editor.session is not None else []
        shown = [s for s in steps if s.required and s.kind != "submit"]
        done = sum(1 for s in shown if s.done)
        lines = [tr("业务：{name}", name=tr(biz.name)),
                 tr("当事人：{parties}", parties="、".join(parties)),
                 tr("材料：{slots} 项，共 {pages} 页", slots=len(slots), pages=pages),
                 tr("步骤：已完成 {done} / {total}", done=done, total=len(shown)),
                 "",
                 tr("提交后案件将加密签名并进入上传队列，不能再修改。确定提交？")]
        return "\n".join(lines)

    def second_checks(self, case: Case) -> tuple[list, list]:
        """The second face checks still owed (the workflow's recheck steps not done): the
        parties to capture, and those whose referred check the officer decides."""
        capture, decide = [], []
        for party in idm.parties_for_second_check(case, self.biz):
            waiting = idm.awaits_decision(idm.latest_check(case, party.party_id, 2))
            (decide if waiting else capture).append(party)
        return capture, decide

    def _decide_second(self, party, record: dict) -> None:
        """A second check referred to a person: the officer decides, with a reason
        (``decide_face(check_no=2)``); a match goes on to submit, a mismatch asks for a new
        capture at the next submit."""
        from counter.tabs.identity_parts import MANUAL_REASONS
        from shared.security.masking import mask_name
        same = self.prompter.confirm(
            tr("提交前人脸核验：人工核对"),
            tr("{name} 的提交前人脸比对需经办人人工核对（{reason}）。\n现场人员与首次核验时是否为同一人？",
               name=mask_name(party.name), reason=idm.reason_text(record.get("comparison"))))
        title = tr("人工核对一致：请选择或填写理由") if same else tr("人工核对不一致：请选择或填写理由")
        reason = self.prompter.ask_reason(title, [tr(r) for r in MANUAL_REASONS[same]],
                                          tr("该记录将连同经办人和时间一并保存，并记入审计日志。"))
        if not reason:
            notify(tr("未完成提交前人脸核验，案件未提交"), "warning")
            return
        pid = party.party_id

        def decided(_record) -> None:
            if same:
                self.submit()   # the next party, or the submission itself
                return
            self.show_readiness()
            notify(tr("提交前人脸核验不一致，已记录；请重新采集人脸后再提交"), "warning")
        self.editor.command(lambda session: session.decide_face(pid, same, reason, check_no=2), decided)

    def _second_check(self, party) -> None:
        dialog = self.face_dialog = self.face_dialog_factory(self.editor.session, party)

        def finished(result: int) -> None:
            self.face_dialog = None
            if result != QDialog.DialogCode.Accepted or not dialog.record:
                notify(tr("未完成提交前人脸核验，案件未提交"), "warning")
                return
            self.submit()  # the next party, or the submission itself
        dialog.finished.connect(finished)
        dialog.open()


def _html(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def registrations_html(case: Case, biz, outcome: dict) -> str:
    """Linked registrations (一并申请、一并受理): one line each with its own numbers ("" when
    the business is one registration or the registry has not answered)."""
    from shared.domain.registrations import is_linked, registration_outcomes
    if not is_linked(biz) or not outcome.get("state"):
        return ""
    rows = []
    for reg in registration_outcomes(case, biz, outcome):
        numbers = [tr("受理号：<b>{n}</b>", n=_html(reg["receipt_number"])) if reg.get("receipt_number") else "",
                   tr("登簿号：{n}", n=_html(reg["register_number"])) if reg.get("register_number") else "",
                   tr("不动产登记证明号：{n}", n=_html(reg["proof_number"])) if reg.get("proof_number") else ""]
        rows.append("<li>{}：{}</li>".format(_html(reg["name"]), "；".join(n for n in numbers if n) or "—"))
    return "<b>{}</b><ol>{}</ol>".format(tr("一并申请、一并受理的登记："), "".join(rows))

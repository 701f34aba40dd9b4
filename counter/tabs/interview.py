"""The case editor's interview page (询问笔录与签名): each party's formatted interview, signed.

The business's interview template, the parties it interviews with their state (not started,
done and signed, stopped with its reason, outdated by a form edit), and one party at a time
in a :class:`~shared.ui.interview_view.QtInterviewView`. An answer that stops the case is
recorded (``record_interview``: the core replays the record to check it) with status
``stopped`` and its reason shown: the case cannot go on; going back out of the stop records
the corrected state at once, so the stop banner clears. On the party's confirmation the
signature pad follows; the signature is bound to the SHA-256 of the canonical record, and
record and signature (its PNG inside) are kept by ``record_interview`` + ``sign`` (the core
refuses a signature not bound to the stored record). A principal of a business that prints the authorization
letter may sign it on a second pad (``case.signatures["authorization:" + party_id]``). The
documents panel below generates, previews and prints the documents.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QBuffer, QIODevice, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter,
                               QStackedWidget, QVBoxLayout, QWidget)

from counter.tabs.interview_documents import QtCaseDocumentsPanel
from shared.documents.authorization import signature_key
from shared.documents.common import BANK_ROLES
from shared.domain import interview_progress as ip
from shared.domain.case import Case, Party
from shared.domain.interview import InterviewSession, template_for_business
from shared.domain.signature import ink_bounds
from shared.domain.states import can_edit
from shared.errors import ValidationError, YizhanError
from shared.i18n import punct, tr
from shared.security.masking import mask_name
from shared.ui.interview_view import QtInterviewView
from shared.ui.notify import notify, notify_exception
from shared.ui.signature_pad import QtSignaturePad

STATUS_ROLE = {ip.PENDING: "", ip.ANSWERING: "warning", ip.STOPPED: "error", ip.OUTDATED: "warning", ip.UNSIGNED: "warning",
               ip.DONE: "ok"}
IDLE, INTERVIEW, SIGN, AUTHORIZE, PREVIEW = range(5)


def cropped_png(png: bytes, strokes, margin: int = 10) -> bytes:
    """The pad's PNG cut to the ink (the printed record has a small signature box)."""
    box = ink_bounds(strokes)
    image = QImage.fromData(png, "PNG")
    if box is None or image.isNull():
        return png
    rect = QRect(int(box[0]) - margin, int(box[1]) - margin, int(box[2] - box[0]) + 2 * margin,
                 int(box[3] - box[1]) + 2 * margin).intersected(image.rect())
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.copy(rect).save(buf, "PNG")
    return bytes(buf.data())


def _big(text: str, name: str) -> QPushButton:
    """A large touch button (the theme styles ``size=large``)."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setProperty("size", "large")
    return button


class QtPartyRow(QFrame):
    """One party in the list: role and masked name, state, and its buttons."""

    def __init__(self, party_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("party:" + party_id)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = QLabel()
        self.name.setObjectName("partyName")
        self.name.setProperty("role", "title")
        self.name.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("status:" + party_id)
        self.status.setWordWrap(True)
        self.start = _big(tr("开始询问"), "start:" + party_id)
        self.authorize = _big(tr("授权书签名"), "authorize:" + party_id)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start)
        buttons.addWidget(self.authorize)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.status)
        layout.addLayout(buttons)


class QtInterviewTab(QWidget):
    """The interview page. ``signed(party_id)`` / ``stopped(party_id, reason)`` after saving."""

    changed = Signal()
    signed = Signal(str)
    stopped = Signal(str, str)
    step_kinds = ("interview", "documents")

    def __init__(self, ctx, editor, parent: QWidget | None = None, *,
                 print_fn: Callable[[bytes, QWidget], None] | None = None) -> None:
        super().__init__(parent)
        self.title = tr("询问笔录与签名")
        self.ctx, self.store, self.catalog, self.editor = ctx, ctx.store, ctx.catalog, editor
        self.case: Case | None = None
        self.biz = None
        self.template = None
        self.progress: list[ip.PartyProgress] = []
        self.rows: dict[str, QtPartyRow] = {}
        self.active: str | None = None       # the party on screen
        self.pending: dict | None = None     # its confirmed record, waiting for the signature
        self.documents = QtCaseDocumentsPanel(ctx, editor, print_fn)
        self.documents.previewReady.connect(lambda: self.stage.setCurrentIndex(PREVIEW))
        self.documents.generated.connect(lambda _docs: self.changed.emit())
        self._build()

    # -- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        self.banner = QLabel()
        self.banner.setObjectName("interviewBanner")
        self.banner.setWordWrap(True)
        self.template_label = QLabel()
        self.template_label.setObjectName("templateLabel")
        self.template_label.setProperty("role", "title")
        self.template_label.setWordWrap(True)
        parties = QGroupBox(tr("被询问人"))
        self.party_layout = QVBoxLayout(parties)
        self.empty_label = QLabel(tr("本业务无需询问笔录，或尚未添加当事人"))
        self.party_layout.addWidget(self.empty_label)
        self.party_layout.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.template_label)
        left_layout.addWidget(parties)
        left_layout.addWidget(self.documents)
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # labels wrap instead
        scroll.setMinimumWidth(400)
        self.stage = QStackedWidget()
        self.stage.setObjectName("interviewStage")
        for page in (self._idle_page(), self._interview_page(), self._sign_page(), self._authorize_page(),
                     self.documents.preview_page):
            self.stage.addWidget(page)
        # A splitter: the officer can widen the list (long bank names, longer English labels),
        # and what still does not fit scrolls instead of being cut off.
        columns = QSplitter(Qt.Orientation.Horizontal)
        columns.setObjectName("interviewColumns")
        columns.setChildrenCollapsible(False)
        columns.addWidget(scroll)
        columns.addWidget(self.stage)
        columns.setStretchFactor(0, 2)
        columns.setStretchFactor(1, 5)
        self.columns, self._left, self._left_scroll = columns, left, scroll
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(columns, 1)

    def _idle_page(self) -> QWidget:
        self.idle_label = QLabel(tr("请在左侧选择当事人，点击“开始询问”。每位当事人分别回答，确认后在签名板上签名。"))
        self.idle_label.setWordWrap(True)
        self.idle_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle_label.setObjectName("interviewIdle")
        self.idle_label.setProperty("size", "large")
        return self.idle_label

    def _interview_page(self) -> QWidget:
        self.view = QtInterviewView()
        self.view.stopped.connect(self._on_stopped)
        self.view.finished.connect(self._on_finished)
        from PySide6.QtWidgets import QPushButton as _Button
        back = self.view.findChild(_Button, "stopBackButton")
        if back is not None:  # after the view's own handler: the stop is undone in its session
            back.clicked.connect(self._on_stop_back)
        return self.view

    def _pad_page(self, title_name: str, pad: QtSignaturePad, confirm: QPushButton, extra: list) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        title = QLabel(objectName=title_name)
        title.setWordWrap(True)
        title.setProperty("role", "title")
        title.setProperty("size", "large")
        note = QLabel()
        note.setWordWrap(True)
        note.setProperty("size", "large")
        error = QLabel()
        error.setProperty("role", "error")
        error.setProperty("size", "large")
        pad.changed.connect(error.clear)
        clear = _big(tr("清除重签"), title_name + "Clear")
        clear.clicked.connect(pad.clear)
        undo = _big(tr("撤销一笔"), title_name + "Undo")
        undo.clicked.connect(pad.undo)
        # two rows of big buttons: the pen tools, then the decisions (one row did not fit the
        # page in English, and forced the whole interview page wider than the screen)
        tools, decide = QHBoxLayout(), QHBoxLayout()
        for b in (undo, clear):
            tools.addWidget(b)
        tools.addStretch(1)
        for b in extra:
            decide.addWidget(b)
        decide.addStretch(1)
        confirm.setProperty("role", "primary")
        decide.addWidget(confirm)
        error.setWordWrap(True)
        for w in (title, note):
            lay.addWidget(w)
        lay.addWidget(pad, 1)
        lay.addWidget(error)
        lay.addLayout(tools)
        lay.addLayout(decide)
        page.title, page.note, page.error = title, note, error
        return page

    def _sign_page(self) -> QWidget:
        self.pad = QtSignaturePad()
        self.pad.setObjectName("interviewPad")
        self.sign_button = _big(tr("确认签名"), "confirmSignature")
        self.sign_button.clicked.connect(self.confirm_signature)
        back = _big(tr("返回核对笔录"), "signBack")
        back.clicked.connect(lambda: self.stage.setCurrentIndex(INTERVIEW))
        self.sign_page = self._pad_page("signTitle", self.pad, self.sign_button, [back])
        return self.sign_page

    def _authorize_page(self) -> QWidget:
        self.auth_pad = QtSignaturePad()
        self.auth_pad.setObjectName("authorizationPad")
        self.auth_button = _big(tr("确认签署授权书"), "confirmAuthorization")
        self.auth_button.clicked.connect(self.confirm_authorization)
        skip = _big(tr("暂不签（打印后手签）"), "skipAuthorization")
        skip.clicked.connect(self._idle)
        self.auth_page = self._pad_page("authorizeTitle", self.auth_pad, self.auth_button, [skip])
        return self.auth_page

    # -- the case -----------------------------------------------------------------------------
    def release(self) -> None:
        """The case was closed: its documents and their previews go (memory given back)."""
        self.documents.release()

    def set_case(self, case: Case, biz) -> None:
        """Show ``case`` (the screen in use stays when it is the same case)."""
        if self.case is None or case.id != self.case.id or biz.code != self.biz.code:
            self._idle()
            self.pad.clear()          # nothing of the previous case's people stays on screen
            self.auth_pad.clear()
            for page in (self.sign_page, self.auth_page):
                page.title.clear()
                page.note.clear()
                page.error.clear()
            try:
                self.template = template_for_business(biz)
            except YizhanError as exc:
                self.template = None
                notify_exception(exc)
        self.case, self.biz = case, biz
        if self.active and not any(p.party_id == self.active for p in case.parties):
            self._idle()
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self.case is not None:  # unsaved form edits count: show the case as the form has it
            self.case = self.editor.collect()
            self.refresh()
        QTimer.singleShot(0, self._fit_left_column)  # once the splitter has its geometry

    def _fit_left_column(self) -> None:
        """Give the party list the width its content asks for (up to half the page), so long
        names and labels show whole; the officer can still move the splitter."""
        total = sum(self.columns.sizes())
        if total <= 0:
            return
        scrollbar = self._left_scroll.verticalScrollBar().sizeHint().width()
        want = min(max(400, self._left.minimumSizeHint().width() + scrollbar + 8), total // 2)
        if self.columns.sizes()[0] < want:
            self.columns.setSizes([want, total - want])

    def refresh(self) -> None:
        """Party states, the banner and the documents from the case as it is now."""
        if self.case is None:
            return
        self.progress = ip.case_progress(self.template, self.case)
        self.template_label.setText(tr(self.template.title) if self.template else tr("本业务无询问笔录"))
        wanted = {item.party.party_id for item in self.progress}
        for pid in [pid for pid in self.rows if pid not in wanted]:
            row = self.rows.pop(pid)
            row.setParent(None)
            row.deleteLater()
        editable = can_edit(self.case.state)
        for index, item in enumerate(self.progress):
            self._show_row(index, item, editable)
        self.empty_label.setVisible(not self.progress)
        blocking = ip.blocking_problem(self.progress)
        self.documents.set_case(self.case, self.biz, blocking, editable)
        self._show_banner()

    def _show_row(self, index: int, item: ip.PartyProgress, editable: bool) -> None:
        pid = item.party.party_id
        row = self.rows.get(pid)
        if row is None:
            row = self.rows[pid] = QtPartyRow(pid)
            row.start.clicked.connect(lambda _=False, pid=pid: self.start_party(pid))
            row.authorize.clicked.connect(lambda _=False, pid=pid: self.start_authorization(pid))
            self.party_layout.insertWidget(index, row)
        row.name.setText(self.party_label(item.party))
        text = item.text + (punct("：") + item.reason if item.reason else "")
        if item.status == ip.DONE and self._signs_authorization(item.party):
            signed = signature_key(pid) in self.case.signatures
            text += tr("；授权书已签名") if signed else tr("；授权书未签名")
        row.status.setText(text)
        row.status.setProperty("role", STATUS_ROLE[item.status])
        row.status.style().unpolish(row.status)
        row.status.style().polish(row.status)
        row.start.setText(tr("开始询问") if item.status == ip.PENDING else tr("重新询问"))
        row.start.setEnabled(editable)
        row.authorize.setVisible(item.status == ip.DONE and self._signs_authorization(item.party))
        row.authorize.setEnabled(editable)

    def _show_banner(self) -> None:
        stops = [i for i in self.progress if i.status == ip.STOPPED]
        stale = self.documents.stale()
        if stops:
            text = tr("询问终止，本案不能继续办理：") + "；".join(
                "{}（{}）".format(i.reason, self.party_label(i.party)) for i in stops)
            role = "error"
        elif any(i.status == ip.OUTDATED for i in self.progress):
            text = tr("申请信息已修改，与询问笔录不再一致：请相关当事人重新询问并签名")
            role = "warning"
        elif stale:
            text = tr("申请信息已修改，已生成的文书已过期：请重新生成文书")
            role = "warning"
        else:
            text, role = "", ""
        self.banner.setText(text)
        self.banner.setProperty("role", role)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.setVisible(bool(text))

    def party_label(self, party: Party) -> str:
        """Role and name (a person's masked), e.g. 抵押人 张*三."""
        try:
            role = tr(self.biz.role(party.role).name)
        except KeyError:
            role = party.role
        name = mask_name(party.name) if party.kind == "person" else party.name
        return "{} {}".format(role, name or tr("（未填写）"))

    def _signs_authorization(self, party: Party) -> bool:
        return "authorization" in self.biz.documents and party.role not in BANK_ROLES

    def _party(self, party_id: str) -> Party | None:
        return next((p for p in self.case.parties if p.party_id == party_id), None)

    def _idle(self) -> None:
        self.active, self.pending = None, None
        self.stage.setCurrentIndex(IDLE)

    # -- the interview ------------------------------------------------------------------------
    def start_party(self, party_id: str) -> None:
        """Interview ``party_id`` from the first question (on a snapshot of the case)."""
        snapshot = Case.from_dict(self.editor.collect().to_dict())
        party = next((p for p in snapshot.parties if p.party_id == party_id), None)
        if party is None or self.template is None:
            return
        self.active, self.pending = party_id, None
        role = self.party_label(party).split(" ")[0]
        self.view.start(InterviewSession(self.template, snapshot, party), role)
        self.stage.setCurrentIndex(INTERVIEW)

    def _run(self, fn, on_done: Callable[[], None]) -> None:
        """A session command; the page is shown again from the snapshot it brings."""
        def done(_result) -> None:
            self.changed.emit()
            on_done()
        self.editor.command(fn, done)

    def _on_stopped(self, reason: str) -> None:
        pid, record = self.active, self.view.session.record()
        self._run(lambda session: session.record_interview(pid, record), lambda: self.stopped.emit(pid, reason))
        notify(tr("询问终止：{reason}", reason=reason), "warning")

    def _on_stop_back(self) -> None:
        """The party corrects a stopping answer: the stop is over, record where it stands."""
        pid, session = self.active, self.view.session
        if pid is None or session is None or session.stopped:
            return
        record = session.record()
        self._run(lambda s: s.record_interview(pid, record), lambda: None)

    def _on_finished(self, record: dict) -> None:
        party = self._party(self.active)
        operator = self.ctx.operator() if hasattr(self.ctx, "operator") else ""
        self.pending = dict(record, interviewer=operator) if operator else record  # 询问人, under the signature
        self.pad.clear()
        who = self.party_label(party) if party else ""
        if party is not None and party.kind == "org":
            who = tr("{who}（经办人代表签名）", who=who)
        self.sign_page.title.setText(tr("请{who}在下方签名", who=who))
        self.sign_page.note.setText(tr("签名即确认询问笔录（共{n}问）内容真实、正确，并作出真实性承诺。",
                                       n=len(record["answers"])))
        self.sign_page.error.clear()
        self.stage.setCurrentIndex(SIGN)

    def confirm_signature(self) -> None:
        """Bind the pad's signature to the pending record; save record and signature."""
        pid, record = self.active, self.pending
        if pid is None or record is None:
            return
        raw = self._signed(self.pad, self.sign_page, record, pid, "interview")
        if raw is None:
            return

        def keep(session) -> None:
            session.record_interview(pid, record)
            session.sign(pid, raw)
        self._run(keep, lambda: self.signed.emit(pid))
        party = self._party(pid)
        if party is not None and self._signs_authorization(party):
            self.start_authorization(pid)
        else:
            self._idle()
            notify(tr("{who}已完成询问并签名", who=self.party_label(party) if party else ""))

    @staticmethod
    def _signed(pad, page, content, signer: str, purpose: str) -> dict | None:
        """The pad's signature bound to ``content`` as stored in ``case.signatures``; or None,
        with the reason (too little ink...) shown on ``page``."""
        try:
            signature = pad.signature(content, signer=signer, purpose=purpose)
        except ValidationError as exc:
            page.error.setText(exc.msg.render())
            return None
        signature.png = cropped_png(signature.png, signature.strokes)
        return signature.to_dict()

    def start_authorization(self, party_id: str) -> None:
        """The authorization letter's own signature for a principal."""
        party = self._party(party_id)
        if party is None:
            return
        self.active = party_id
        self.auth_pad.clear()
        self.auth_page.title.setText(tr("请{who}签署不动产登记资料查询授权书", who=self.party_label(party)))
        bank = next((p.name for p in self.case.parties if p.role == "mortgagee"), "")
        self.auth_page.note.setText(tr("授权{bank}代为向不动产登记机构查询您名下坐落于{location}的不动产登记信息，"
                                       "仅用于本次登记业务（业务号 {case_id}）。", bank=bank or tr("抵押权人"),
                                       location=self.case.get("property.location") or "", case_id=self.case.id))
        self.auth_page.error.clear()
        self.stage.setCurrentIndex(AUTHORIZE)

    def confirm_authorization(self) -> None:
        """Bind the second pad's signature to the authorization's content; save it."""
        pid = self.active
        if pid is None:
            return
        content = ip.authorization_content(self.editor.collect(), pid)
        raw = self._signed(self.auth_pad, self.auth_page, content, pid, "authorization")
        if raw is None:
            return
        self._run(lambda session: session.sign(pid, raw, purpose="authorization"), lambda: None)
        self._idle()
        notify(tr("授权书已签名"))

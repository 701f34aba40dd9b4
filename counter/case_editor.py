"""The counter's case editor: a form built from the catalog for one business type.

Parties per role (repeatable), then the field groups (property, mortgage terms, ...), each
field validated live; the checklist of materials; save draft, mark ready, delete draft. The
editor owns the open case's :class:`~shared.workflow.session.CaseSession`: every change is a
session command run off the UI thread (:meth:`QtCaseEditor.command`); the pages render the
snapshots the session's events bring back, never a case shared with a worker. Above the
buttons, the case's steps as the core computes them, and a line that agrees with them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QTabWidget, QVBoxLayout, QWidget)

from counter.tabs.identity import QtIdentityTab
from counter.tabs.interview import QtInterviewTab
from counter.tabs.materials import QtMaterialsTab
from counter.tabs.submit import QtSubmitTab
from shared.domain import steps as st
from shared.domain.case import Case
from shared.domain.catalog import BusinessType
from shared.domain.operators import Permission
from shared.domain.states import can_edit
from shared.domain.validation import active_slots, evaluate, field_errors
from shared.i18n import N_, punct, tr
from shared.ui.form import QtFieldEditor, required_label
from shared.ui.notify import notify, notify_exception
from shared.ui.party_editor import QtPartyEditor, QtRoleLimit
from shared.ui.tasks import run_task
from shared.workflow.events import CaseChanged, Notice, Submitted

# The editor's further pages: each a QWidget built as ``Page(ctx, editor)`` with a ``title``,
# ``step_kinds`` (the steps it serves), a ``changed`` signal and ``set_case(case, biz)``.
TAB_CLASSES = (QtIdentityTab, QtMaterialsTab, QtInterviewTab, QtSubmitTab)

SECTIONS = (("property", N_("不动产信息")), ("mortgage", N_("抵押信息")), ("change", N_("变更信息")),
            ("cancel", N_("注销信息")), ("transfer", N_("转移信息")), ("advance", N_("预告登记信息")),
            ("query", N_("查询信息")), ("", N_("登记原因及备注")))
STEP_ROLE = {st.StepStatus.DONE: "ok", st.StepStatus.BLOCKED: "error", st.StepStatus.IN_PROGRESS: "warning",
             st.StepStatus.NOT_STARTED: "pending"}
STEP_MARK = {st.StepStatus.DONE: "✓", st.StepStatus.BLOCKED: "✗", st.StepStatus.IN_PROGRESS: "…",
             st.StepStatus.NOT_STARTED: "○"}


class _SessionBridge(QObject):
    """Carries a session's events (sent on a worker thread) to the UI thread."""

    event = Signal(object, object)  # session, event


class QtStepStrip(QWidget):
    """The case's steps in a row, each with its status; a step not done jumps to its page."""

    stepClicked = Signal(object)  # Step

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepStrip")
        from shared.ui.flow_layout import QtFlowLayout
        self.row = QtFlowLayout(self)   # wraps: as many steps as parties never widen the window
        self.row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}

    def set_steps(self, steps: list[st.Step]) -> None:
        """Show ``steps`` (the optional ones only while they still matter)."""
        while self.row.count():
            item = self.row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.buttons = {}
        for step in steps:
            if not step.required and step.done:
                continue
            button = QPushButton("{} {}".format(STEP_MARK[step.status], step.title.render()))
            button.setObjectName("step:" + step.key)
            button.setProperty("role", STEP_ROLE[step.status])
            button.setFlat(True)
            button.setToolTip(step.describe())
            button.setEnabled(not step.done or step.kind == "submit")
            button.clicked.connect(lambda _=False, s=step: self.stepClicked.emit(s))
            self.row.addWidget(button)
            self.buttons[step.key] = button


def _give_back_memory(store=None) -> None:
    """Collect what a closed case left in reference cycles, empty Qt's pixmap cache (the
    styled widgets' and icons' pixmaps of the case's pages, up to 10 MB) and the store's cache of
    decrypted pages, then return the freed heap to the system (measured by bench P10: a closed
    20-page case otherwise keeps the counter tens of MB above its idle size)."""
    import gc

    from PySide6.QtGui import QPixmapCache

    from shared.platform import release_memory
    gc.collect()
    QPixmapCache.clear()
    release_memory()
    if store is not None:
        from shared.errors import StoreError
        try:
            store.release_memory()   # on the store's thread; trims the heap again when done
        except StoreError:           # the store was closed meanwhile (the counter is quitting)
            pass


def _parties(parties) -> list[dict]:
    from dataclasses import asdict
    return [asdict(p) for p in parties]


def completeness_text(case: Case, steps: list[st.Step]) -> tuple[str, str]:
    """The line under the pages and its role, from the steps (it never says more than they do)."""
    if case.state.value == "awaiting_approval":
        return tr("等待主管复核：复核期间不能修改；主管退回后可修改"), "warning"
    if not can_edit(case.state):
        return tr("本案已提交（状态：{state}），不能再修改", state=case.state.label), "ok"
    blocking = st.blocking_steps(steps)
    if not blocking:
        return tr("各步骤均已完成，可以提交"), "ok"
    items = [s.line() for s in blocking[:4]]
    more = len(blocking) - len(items)
    text = tr("尚不能提交：{items}", items=punct("；").join(items)) + (tr("……等{n}项", n=len(blocking)) if more > 0 else "")
    return text, "warning"


class QtCaseEditor(QWidget):
    """Edits one case through its session. ``saved(Case)`` after each stored command (with
    the snapshot), ``closed()`` on return, ``deleted(id)``, ``submitted(id)``."""

    saved = Signal(object)
    closed = Signal()
    deleted = Signal(str)
    submitted = Signal(str)

    def __init__(self, ctx, parent: QWidget | None = None, *, tabs=TAB_CLASSES) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.store, self.catalog, self.prompter = ctx.store, ctx.catalog, ctx.prompter
        self.session = None
        self._unsubscribe = None
        self._bridge = _SessionBridge(self)
        self._bridge.event.connect(self._on_event)
        self.case: Case | None = None  # the last snapshot shown (a copy; never handed to a worker)
        self.steps: list[st.Step] = []
        self._loading = False
        self.biz: BusinessType | None = None
        self.fields: dict[str, QtFieldEditor] = {}
        self.party_boxes: dict[str, tuple[QGroupBox, QVBoxLayout]] = {}
        self.add_buttons: dict[str, QPushButton] = {}
        self.party_editors: list[QtPartyEditor] = []
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setObjectName("editorHeader")
        self.header.setProperty("role", "title")
        layout.addWidget(self.header)
        self.step_strip = QtStepStrip()
        self.step_strip.stepClicked.connect(self.go_to_step)
        layout.addWidget(self.step_strip)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("editorTabs")
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.tabs.addTab(self.scroll, tr("申请信息"))
        self.pages = []
        for cls in tabs:
            page = cls(ctx, self)
            page.changed.connect(self._refresh)
            self.tabs.addTab(page, page.title)
            self.pages.append(page)
        layout.addWidget(self.tabs, 1)
        self.status = QLabel()
        self.status.setObjectName("completeness")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(tr("返回列表"))
        self.back_button.clicked.connect(self.closed.emit)
        self.delete_button = QPushButton(tr("删除草稿"))
        self.delete_button.setObjectName("deleteDraft")
        self.delete_button.clicked.connect(self._delete)
        self.save_button = QPushButton(tr("保存草稿"))
        self.save_button.setObjectName("saveDraft")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save())
        self.ready_button = QPushButton(tr("核对完成，待提交"))
        self.ready_button.setObjectName("markReady")
        self.ready_button.clicked.connect(self._mark_ready)
        self.query_button = QPushButton(tr("授权查询"))
        self.query_button.setObjectName("registryQuery")
        self.query_button.clicked.connect(self.open_query)
        for b in (self.back_button, self.delete_button, self.query_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.save_button, self.ready_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)

    def open_query(self):
        """The registry query under the owner's authorization, for the open case."""
        from counter.query_dialog import QtRegistryQueryDialog
        if self.session is None:
            return None
        dialog = QtRegistryQueryDialog(self.session, self.ctx.registry_client, self)
        dialog.open()
        return dialog

    # -- the session -------------------------------------------------------------------------
    def new_case(self, business_code: str) -> None:
        """A new case of ``business_code`` (stored with its first command); at a bank's desk
        with the bank filled in and locked (the desk's bank as last read off the UI thread)."""
        from shared.workflow.bank_desk import make_case
        self.open_case(make_case(self.catalog, business_code, self.ctx.actor(), self.ctx.desk_bank,
                                 channel=self.ctx.channel))

    def open_case(self, case: Case) -> None:
        """Open ``case`` (as read from the store, or new) in a session of its own."""
        if self._unsubscribe is not None:
            self._unsubscribe()
        session = self.session = self.ctx.session(case)
        self._unsubscribe = session.subscribe(lambda event: self._bridge.event.emit(session, event))
        self.tabs.setCurrentIndex(0)
        self._show(session.snapshot())
        if case.bank.get("credit_code") and can_edit(case.state):
            self.command(lambda s: s.refresh_bank(), flush=False)  # a filing renewed or expired since

    def release_case(self) -> None:
        """Let go of the case shown (the officer went back to the list): its session, form,
        page thumbnails and document previews are dropped and the freed memory is given back
        to the system, so a closed 20-page case leaves the counter near its idle size."""
        from PySide6.QtCore import QTimer
        from shared.ui.pages_view import clear_thumbnail_cache

        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.session, self.case = None, None
        for page in self.pages:
            release = getattr(page, "release", None)
            if release is not None:
                release()
        self.fields.clear()
        self.party_editors.clear()
        self.party_boxes.clear()
        self.add_buttons.clear()
        self.scroll.setWidget(QWidget())   # the old form is deleted with its widgets
        clear_thumbnail_cache()
        QTimer.singleShot(250, self, lambda: _give_back_memory(self.store))   # once the deleted widgets are gone

    def command(self, fn, on_done=None, on_error=None, *, flush: bool = True) -> None:
        """Run ``fn(session)`` off the UI thread, after saving the form when it was edited
        (``flush``), so a command never acts on a case older than what the officer sees."""
        session = self.session
        if session is None:
            return
        pending = self._form_edits() if flush else None

        def work():
            if pending is not None:
                session.edit(*pending)
            return fn(session)

        def done(result):
            if session is self.session and on_done is not None:
                on_done(result)

        def failed(exc):
            if session is not self.session:
                return
            (on_error or notify_exception)(exc)
        run_task(work, done, failed, parent=self)

    def _form_edits(self):
        """(data, parties) of the form when it differs from the last snapshot, else None."""
        if self.case is None or self.biz is None or not can_edit(self.case.state):
            return None
        view = self.collect()
        same = (view.data == self.case.data
                and _parties(view.parties) == _parties(self.case.parties))
        return None if same else (dict(view.data), list(view.parties))

    def _on_event(self, session, event) -> None:
        if session is not self.session:
            return  # a case the editor has left
        if isinstance(event, CaseChanged):
            self._show(event.case, list(event.steps))
            self.saved.emit(event.case)
        elif isinstance(event, Notice):
            notify(event.msg.render(), event.level)
        elif isinstance(event, Submitted):
            self.submitted.emit(event.case_id)

    def _show(self, case: Case, steps: list[st.Step] | None = None) -> None:
        """Show a snapshot: the form is rebuilt unless it already shows exactly this case."""
        same_case = self.case is not None and self.case.id == case.id
        tab = self.tabs.currentIndex()
        if same_case and self._matches(case):
            self.case = case
            self._apply_editable(case)
            for page in self.pages:
                page.set_case(case, self.biz)
            self._refresh()
            return
        self._build_form(case)
        if same_case:
            self.tabs.setCurrentIndex(tab)

    def _matches(self, case: Case) -> bool:
        view = self.collect()
        data = {k: v for k, v in view.data.items() if v not in (None, "")}
        return (data == case.data and _parties(view.parties) == _parties(case.parties)
                and self.case.state == case.state)

    # -- building the form -----------------------------------------------------------------
    def _build_form(self, case: Case) -> None:
        self._loading = True  # no read-back of half-built widgets into the case
        self.case = case
        self.biz = self.catalog.business(case.business_code)
        self.fields.clear()
        self.party_editors.clear()
        self.party_boxes.clear()
        self.add_buttons.clear()
        body = QWidget()
        form = QVBoxLayout(body)
        for role in self.biz.roles:
            form.addWidget(self._role_box(role))
        for prefix, title in SECTIONS:
            defs = [f for f in self.biz.fields if (f.key.split(".")[0] == prefix if prefix else "." not in f.key)]
            if defs:
                form.addWidget(self._field_box(tr(title), defs))
        form.addWidget(self._materials_box())
        form.addStretch(1)
        self.scroll.setWidget(body)
        for p in case.parties:
            if p.role in self.party_boxes:
                self._add_party(self.biz.role(p.role), p)
        for role in self.biz.roles:  # an empty form offers the first party of each required role
            if role.min and not case.parties_in(role.role):
                self._add_party(role)
        for key, editor in self.fields.items():
            if key in case.data:
                editor.set_value(case.data[key])
        self._loading = False
        self._apply_editable(case)
        for page in self.pages:
            page.set_case(case, self.biz)
        self._refresh()

    def _apply_editable(self, case: Case) -> None:
        editable = can_edit(case.state)
        if self.scroll.widget() is not None:
            self.scroll.widget().setEnabled(editable)
        for b in (self.save_button, self.ready_button, self.delete_button):
            b.setEnabled(editable)

    def _role_box(self, role) -> QGroupBox:
        box = QGroupBox("{}（{}–{}）".format(tr(role.name), role.min, role.max))
        box.setObjectName("role:" + role.role)
        layout = QVBoxLayout(box)
        add = QPushButton(tr("添加{role}", role=tr(role.name)))
        add.setObjectName("add:" + role.role)
        add.clicked.connect(lambda: self._add_party(role))
        if role.role == "debtor" and any(r.role == "mortgagor" for r in self.biz.roles):
            row = QHBoxLayout()
            row.addWidget(add)
            same = QPushButton(tr("债务人同抵押人"))
            same.setObjectName("debtorSameAsMortgagor")
            same.setToolTip(tr("把各抵押人添加为债务人（已添加的不重复）"))
            same.clicked.connect(self.debtor_same_as_mortgagor)
            row.addWidget(same)
            row.addStretch(1)
            layout.addLayout(row)
        else:
            layout.addWidget(add, 0, Qt.AlignLeft)
        QtRoleLimit(role, add, box)  # disabled at the role's maximum
        self.party_boxes[role.role] = (box, layout)
        self.add_buttons[role.role] = add
        return box

    def _add_party(self, role, party=None) -> QtPartyEditor | None:
        if party is None and self._count(role.role) >= role.max:
            return None  # the button is off at the maximum; a stray call changes nothing
        box, layout = self.party_boxes[role.role]
        editor = QtPartyEditor(role, self.catalog, party)
        bank = self.case.bank if self.case is not None else {}
        if party is not None and bank.get("party_id") == party.party_id:
            editor.lock(tr("由本行主数据填写，已锁定"))
        editor.removeRequested.connect(self._remove_party)
        editor.revealRequested.connect(self._audit_reveal)
        editor.changed.connect(self._refresh)
        layout.insertWidget(layout.count() - 1, editor)
        self.party_editors.append(editor)
        self._refresh()
        return editor

    def debtor_same_as_mortgagor(self) -> None:
        """One touch: each mortgagor becomes a debtor too (a copy of the party in the debtor
        role; one already there is not added again)."""
        from shared.domain.persons import same_person
        debtors = [e.party() for e in self.party_editors if e.role.role == "debtor"]
        for editor in [e for e in self.party_editors if e.role.role == "debtor" and not e.party().name
                       and not e.party().id_number]:
            self._remove_party(editor)  # an empty debtor offered by the form
        role = self.biz.role("debtor")
        added = 0
        for mortgagor in [e.party() for e in self.party_editors if e.role.role == "mortgagor"]:
            if not (mortgagor.name or mortgagor.id_number) or same_person(debtors, mortgagor):
                continue
            if self._count("debtor") >= role.max:
                break
            import dataclasses
            import uuid
            copy = dataclasses.replace(mortgagor, role="debtor", party_id=uuid.uuid4().hex[:12], share="")
            self._add_party(role, copy)
            added += 1
        notify(tr("已添加{n}位债务人（同抵押人）", n=added) if added else tr("债务人已与抵押人一致"))

    def _count(self, role: str) -> int:
        return sum(1 for e in self.party_editors if e.role.role == role)

    def _remove_party(self, editor: QtPartyEditor) -> None:
        self.party_editors.remove(editor)
        editor.setParent(None)
        editor.deleteLater()
        self._refresh()

    def _audit_reveal(self, editor: QtPartyEditor) -> None:
        """Reveal a party's data: a work reason from the short list, the permission checked
        and the reveal audited in the core (a refusal says why); only then is it shown."""
        from shared.domain.operators import REVEAL_REASONS
        from shared.i18n import translate
        session = self.session
        if session is None:
            return
        labels = {translate(text): key for key, text in REVEAL_REASONS.items()}
        chosen = self.ctx.prompter.ask_reason(tr("查看完整个人信息"), list(labels),
                                              tr("请选择查看的工作理由（将记入操作日志）"))
        key = labels.get(chosen or "")
        if key is None:
            if chosen:
                notify(tr("请从列表中选择工作理由"), "warning")
            return
        party_id = editor.party().party_id
        run_task(lambda: session.reveal(party_id, key) if any(p.party_id == party_id for p in session.snapshot().parties)
                 else session.require(Permission.REVEAL, "reveal"),
                 lambda _r: editor.unmask(), notify_exception, parent=self)

    def _field_box(self, title: str, defs) -> QGroupBox:
        box = QGroupBox(title)
        layout = QFormLayout(box)
        for fd in defs:
            editor = QtFieldEditor(fd)
            editor.changed.connect(lambda *_: self._refresh())
            layout.addRow(required_label(fd), editor)
            self.fields[fd.key] = editor
        return box

    def _materials_box(self) -> QGroupBox:
        box = QGroupBox(tr("材料清单"))
        self.materials_label = QLabel()
        self.materials_label.setObjectName("materialsChecklist")
        self.materials_label.setWordWrap(True)
        QVBoxLayout(box).addWidget(self.materials_label)
        return box

    def reopen(self, case_id: str | None = None) -> None:
        """Show the stored version of the case (after an answer of the registry), staying on
        the current page."""
        if self.session is None or (case_id is not None and case_id != self.session.case_id):
            return
        self.command(lambda session: session.reload(), flush=False)

    # -- reading the form back -------------------------------------------------------------
    def collect(self) -> Case:
        """A copy of the case as the form shows it now (the last snapshot plus the form)."""
        case = Case.from_dict(self.case.to_dict())
        for key, editor in self.fields.items():
            case.set(key, editor.value())
        case.parties = [e.party() for e in self.party_editors]
        return case

    def _refresh(self) -> None:
        if not self.case or not self.biz or self._loading:
            return
        case = self.collect()
        for role in self.biz.roles:
            self.party_boxes[role.role][0].setVisible(evaluate(role.when, case))
            self.add_buttons[role.role].setEnabled(self._count(role.role) < role.max)
        errors = field_errors(case, self.biz, self.catalog)
        for key, editor in self.fields.items():
            if key in errors:
                editor.show_error(errors[key])
        self.header.setText("{} · {} · {}".format(tr(self.biz.name), case.id, case.state.label))
        self._show_materials(case)
        self.steps = self.session.steps(case) if self.session is not None else []
        self.step_strip.set_steps(self.steps)
        text, role = completeness_text(case, self.steps)
        self.status.setText(text)
        self.status.setProperty("role", role)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def _show_materials(self, case: Case) -> None:
        rows = []
        active = {s.code for s in active_slots(case, self.biz)}
        for slot in self.biz.materials:
            pages = len(case.materials.get(slot.code, []))
            req = {"required": tr("必交"), "optional": tr("选交"), "conditional": tr("视情况")}[slot.requirement]
            if slot.code not in active:
                state = tr("本案不需要")
            elif "bank_profile" in slot.sources:
                state = tr("引用银行备案材料")
            elif "generated" in slot.sources and not pages:
                state = tr("系统生成")
            else:
                state = tr("{n}页", n=pages) if pages else tr("缺")
            rows.append("{}（{}）：{}".format(tr(slot.name), req, state))
        self.materials_label.setText("\n".join(rows))

    def page_for(self, kind: str) -> QWidget:
        """The page that serves steps of ``kind`` (the form for ``data``)."""
        page = next((p for p in self.pages if kind in getattr(p, "step_kinds", ())), None)
        return page if page is not None else self.scroll

    def go_to_step(self, step: st.Step) -> None:
        """Show the page where ``step`` is done."""
        self.tabs.setCurrentWidget(self.page_for(step.kind))

    def shutdown(self) -> None:
        """Release what the pages hold (cameras) at app exit."""
        for page in self.pages:
            if hasattr(page, "shutdown"):
                page.shutdown()

    # -- actions ---------------------------------------------------------------------------
    def save(self, on_saved=None) -> None:
        """Save the form through the session, off the UI thread."""
        data, parties = dict(self.collect().data), list(self.collect().parties)
        self.save_button.setEnabled(False)

        def done(saved):
            self.save_button.setEnabled(can_edit(saved.state))
            notify(tr("已保存 {id}", id=saved.id))
            if on_saved:
                on_saved(saved)

        def failed(exc):
            self.save_button.setEnabled(True)
            notify_exception(exc)
        self.command(lambda session: session.edit(data, parties), done, failed, flush=False)

    def _mark_ready(self) -> None:
        view = self.collect()
        self.command(lambda session: session.mark_ready(dict(view.data), list(view.parties)),
                     lambda saved: notify(tr("已标记为待提交 {id}", id=saved.id)),
                     lambda exc: notify(tr("案件尚未完整，不能标记为待提交：") + (
                         "；".join(m.render() for m in exc.errors.values()) if getattr(exc, "errors", None)
                         else exc.msg.render() if hasattr(exc, "msg") else str(exc)), "warning"), flush=False)

    def _delete(self) -> None:
        case_id = self.case.id
        if not self.prompter.confirm(tr("删除草稿"), tr("确定删除草稿 {id}？此操作会记入审计日志。", id=case_id)):
            return

        def done(_):
            notify(tr("已删除 {id}", id=case_id))
            self.deleted.emit(case_id)
        self.command(lambda session: session.delete_draft(), done, flush=False)

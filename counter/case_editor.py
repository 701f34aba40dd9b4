"""The counter's case editor: a form built from the catalog for one business type.

Parties per role (repeatable), then the field groups (property, mortgage terms, ...), each
field validated live; the checklist of materials; save draft, mark ready, delete draft.
Store work runs off the UI thread; results come back through :func:`run_task`.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPushButton,
                               QScrollArea, QTabWidget, QVBoxLayout, QWidget)

from shared.domain.case import Case
from shared.domain.catalog import BusinessType, Catalog
from shared.domain.states import CaseState, can_edit, check_transition
from shared.errors import StoreError
from shared.domain.validation import active_slots, evaluate, field_errors, missing
from shared.i18n import N_, tr
from shared.ui.form import QtFieldEditor, required_label
from shared.ui.notify import notify, notify_exception
from shared.ui.party_editor import QtPartyEditor, QtRoleLimit
from shared.ui.tasks import run_task

# The editor's further pages, each in its own module: "module:Class". A page is a QWidget with
# ``set_case(case, biz)`` and a ``changed`` signal; it is built with (store, catalog, editor).
TAB_CLASSES = (
    "counter.tabs.identity:QtIdentityTab",
    "counter.tabs.materials:QtMaterialsTab",
    "counter.tabs.interview:QtInterviewTab",
    "counter.tabs.submit:QtSubmitTab",
)

SECTIONS = (("property", N_("不动产信息")), ("mortgage", N_("抵押信息")), ("change", N_("变更信息")),
            ("cancel", N_("注销信息")), ("transfer", N_("转移信息")), ("advance", N_("预告登记信息")),
            ("query", N_("查询信息")), ("", N_("登记原因及备注")))


class QtCaseEditor(QWidget):
    """Edits one case. Emits ``saved(Case)`` after each successful save, ``closed()`` on return."""

    saved = Signal(object)
    closed = Signal()
    deleted = Signal(str)
    submitted = Signal(str)

    def __init__(self, store, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.catalog = store, catalog
        self.case: Case | None = None
        self._loading = False
        self.biz: BusinessType | None = None
        self.fields: dict[str, QtFieldEditor] = {}
        self.party_boxes: dict[str, tuple[QGroupBox, QVBoxLayout]] = {}
        self.party_editors: list[QtPartyEditor] = []
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setObjectName("editorHeader")
        self.header.setStyleSheet("font-size: 18px; font-weight: bold;")
        layout.addWidget(self.header)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("editorTabs")
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.tabs.addTab(self.scroll, tr("申请信息"))
        self.pages = []
        for spec in TAB_CLASSES:
            page = _load_tab(spec, store, catalog, self)
            if page is not None:
                page.changed.connect(self._refresh)
                if hasattr(page, "submitted"):
                    page.submitted.connect(self.submitted)
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
        for b in (self.back_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.save_button, self.ready_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)

    # -- building the form -----------------------------------------------------------------
    def new_case(self, business_code: str) -> None:
        self.open_case(Case(business_code, catalog_version=self.catalog.version, operator=self.store.operator))

    def open_case(self, case: Case) -> None:
        self._loading = True  # no read-back of half-built widgets into the case
        self.case = case
        self.biz = self.catalog.business(case.business_code)
        self.fields.clear()
        self.party_editors.clear()
        self.party_boxes.clear()
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
        editable = can_edit(case.state)
        self._loading = False
        for page in self.pages:
            page.set_case(case, self.biz)
        body.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.ready_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        self._refresh()

    def _role_box(self, role) -> QGroupBox:
        box = QGroupBox("{}（{}–{}）".format(tr(role.name), role.min, role.max))
        box.setObjectName("role:" + role.role)
        layout = QVBoxLayout(box)
        add = QPushButton(tr("添加{role}", role=tr(role.name)))
        add.setObjectName("add:" + role.role)
        add.clicked.connect(lambda: self._add_party(role))
        layout.addWidget(add, 0, Qt.AlignLeft)
        QtRoleLimit(role, add, box)  # disabled at the role's maximum
        self.party_boxes[role.role] = (box, layout)
        return box

    def _add_party(self, role, party=None) -> QtPartyEditor:
        box, layout = self.party_boxes[role.role]
        editor = QtPartyEditor(role, self.catalog, party)
        editor.removeRequested.connect(self._remove_party)
        editor.revealRequested.connect(self._audit_reveal)
        editor.changed.connect(self._refresh)
        layout.insertWidget(layout.count() - 1, editor)
        self.party_editors.append(editor)
        self._refresh()
        return editor

    def _remove_party(self, editor: QtPartyEditor) -> None:
        self.party_editors.remove(editor)
        editor.setParent(None)
        editor.deleteLater()
        self._refresh()

    def _audit_reveal(self, editor: QtPartyEditor) -> None:
        case_id = self.case.id
        run_task(lambda: self.store.log_view(case_id, "party:" + editor.role.role), parent=self)

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
        self.materials_label.setTextFormat(Qt.RichText)
        self.materials_label.setWordWrap(True)
        QVBoxLayout(box).addWidget(self.materials_label)
        return box

    def apply(self, change) -> None:
        """Change the case from another page (e.g. an ID card read fills a party), then show it."""
        case = self.collect()
        change(case)
        tab = self.tabs.currentIndex()
        self.open_case(case)
        self.tabs.setCurrentIndex(tab)

    def reopen(self, case_id: str | None = None) -> None:
        """Show the stored version of the case (after a submit, or an answer of the registry),
        staying on the current page."""
        case_id = case_id or (self.case.id if self.case else None)
        if case_id is None:
            return
        tab = self.tabs.currentIndex()

        def show(case):
            if self.case is not None and self.case.id == case.id:
                self.open_case(case)
                self.tabs.setCurrentIndex(tab)
        run_task(lambda: self.store.get_case(case_id), show, parent=self)

    # -- reading the form back -------------------------------------------------------------
    def collect(self) -> Case:
        """The case as the form shows it now."""
        case = self.case
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
        errors = field_errors(case, self.biz, self.catalog)
        for key, editor in self.fields.items():
            if key in errors:
                editor.show_error(errors[key])
        lacking = missing(case, self.biz, self.catalog)
        self.header.setText("{} · {} · {}".format(tr(self.biz.name), case.id, case.state.label))
        self._show_materials(case)
        if errors or lacking:
            items = [m.render() for m in list(errors.values())[:3]] + [m.msg.render() for m in lacking[:5]]
            more = len(errors) + len(lacking) - len(items)
            self.status.setText(tr("尚未完整：") + "；".join(items) + (tr("……等{n}项", n=more) if more > 0 else ""))
            self.status.setStyleSheet("color: #8a6d00;")
        else:
            self.status.setText(tr("信息完整，可以提交"))
            self.status.setStyleSheet("color: #2e7d32;")

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
                state = tr("{n}页", n=pages) if pages else "<span style='color:#c62828'>{}</span>".format(tr("缺"))
            rows.append("{}（{}）：{}".format(tr(slot.name), req, state))
        self.materials_label.setText("<br>".join(rows))

    # -- actions ---------------------------------------------------------------------------
    def save(self, on_saved=None) -> None:
        """Save the case off the UI thread."""
        case = self.collect()
        if case.state == CaseState.READY and missing(case, self.biz, self.catalog):
            case.state = CaseState.DRAFT  # an edit that makes it incomplete takes it back to draft
        self.save_button.setEnabled(False)

        def done(saved):
            self.save_button.setEnabled(True)
            notify(tr("已保存 {id}", id=saved.id))
            self._refresh()
            self.saved.emit(saved)
            if on_saved:
                on_saved(saved)

        def failed(exc):
            self.save_button.setEnabled(True)
            notify_exception(exc)
        run_task(lambda: self.store.save_case(case), done, failed, parent=self)

    def _mark_ready(self) -> None:
        case = self.collect()
        errors = field_errors(case, self.biz, self.catalog)
        lacking = missing(case, self.biz, self.catalog)
        if errors or lacking:
            notify(tr("案件尚未完整，不能标记为待提交：") + "；".join(
                [m.render() for m in errors.values()] + [m.msg.render() for m in lacking]), "warning")
            return
        check_transition(case.state, CaseState.READY)
        case.state = CaseState.READY
        self.save()

    def _delete(self) -> None:
        case = self.case
        if not os.environ.get("YIZHAN_NO_ERROR_WINDOWS"):
            answer = QMessageBox.question(self, tr("删除草稿"), tr("确定删除草稿 {id}？此操作会记入审计日志。", id=case.id))
            if answer != QMessageBox.Yes:
                return

        def done(_):
            notify(tr("已删除 {id}", id=case.id))
            self.deleted.emit(case.id)
        def work():
            try:
                self.store.delete_draft(case.id)
            except StoreError as err:
                if err.code != "store.no_case":  # a never-saved draft has nothing to delete
                    raise
        run_task(work, done, parent=self)


def _load_tab(spec: str, store, catalog, editor):
    """Build an editor page from ``module:Class``; a page whose module is not there is skipped."""
    import importlib
    module_name, _, cls_name = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise
    return getattr(module, cls_name)(store, catalog, editor)

"""The case editor's 材料 page: the business type's checklist, slot by slot, with capture.

Left, the checklist: every slot with its requirement, original/copy rule and state (missing,
n pages, needs attention; conditional slots that do not apply are greyed with their
condition). Right, the selected slot: its pages (QtPagesView, loaded from the encrypted store
off the UI thread) and a button per accepted source (高拍仪, 扫描仪, 导入文件). Each capture
reads barcodes on the original image, processes the page and stores it encrypted in one
worker task through the case session (``add_pages``, one transaction); values found are offered
for their case field and applied only when confirmed (``set_value``). Reorder, rotate and
delete persist at once (``edit_pages``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSplitter, QVBoxLayout, QWidget)

from shared.capture import intake as cap
from shared.domain.states import can_edit
from shared.errors import CaptureError, DeviceError
from shared.i18n import N_, Msg, tr
from shared.ui.notify import notify, notify_exception
from shared.ui.pages_view import QtPagesView
from shared.ui.tasks import run_task

REQUIREMENT = {"required": N_("必交"), "optional": N_("选交"), "conditional": N_("视情况")}
ORIGINAL = {"original": N_("原件"), "copy": N_("复印件"), "none": N_("无需纸质件")}
#: A slot's state as the theme's ``role`` property of the slot header.
STATE_ROLE = {"missing": "error", "attention": "warning", "ok": "ok", "inactive": "muted",
              "reference": "info", "generated": "info", "empty": "", "noprofile": "error"}
SOURCE_BUTTONS = (("doccam", N_("高拍仪")), ("scanner", N_("扫描仪")), ("file", N_("导入文件")))
FILE_FILTER = N_("材料文件 (*.jpg *.jpeg *.png *.tif *.tiff *.pdf);;所有文件 (*)")


def _state_text(status: cap.SlotStatus, slot) -> str:
    return {"inactive": tr("本案不需要（{cond}）", cond=tr(slot.condition_text) or tr("条件不满足")),
            "reference": tr("引用银行备案材料"), "noprofile": tr("未找到备案材料"),
            "generated": tr("系统生成"), "missing": tr("缺"), "empty": tr("未采集"),
            "attention": tr("{n}页，需检查", n=status.pages), "ok": tr("{n}页", n=status.pages)}[status.state]


def run_guarded(widget, fn, on_done=None, on_error=None):
    """``run_task`` whose callbacks are dropped once ``widget`` is gone (closed editor or dialog).

    No Qt parent on purpose: a relay parented to a widget deleted while the work runs makes
    the worker's signal fail; the work's result is then simply not shown.
    """
    import shiboken6

    def guard(cb):
        def call(value):
            if shiboken6.isValid(widget):
                cb(value)
        return call
    return run_task(fn, guard(on_done) if on_done else None, guard(on_error or notify_exception))


class QtMaterialsTab(QWidget):
    """The materials page of the case editor (built as ``QtMaterialsTab(ctx, editor)``)."""

    changed = Signal()
    pagesStored = Signal(str, int)    # slot code, pages added: after the case was saved
    pagesPersisted = Signal(str)      # slot code: a reorder/rotate/delete is in the store
    pagesLoaded = Signal(str)         # slot code: its pages are shown
    profileShown = Signal()
    step_kinds = ("materials",)

    def __init__(self, ctx, editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = tr("材料")
        self.ctx, self.store, self.catalog, self.editor = ctx, ctx.store, ctx.catalog, editor
        self.case = self.biz = None
        self.current: str | None = None
        self._metas: dict[str, dict] = {}
        self._metas_case: str | None = None
        self._view_ids: list[str] = []
        self._view_pages: dict[str, dict] = {}
        self._view_key: tuple | None = None
        self._gen = 0
        self._busy = False
        self._profiles = None
        self._profile_error: str | None = None
        self._scanners: list[dict] | None = None
        self.doccam_dialog = None
        self._build()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.checklist = QListWidget()
        self.checklist.setObjectName("materialsSlots")
        self.checklist.setWordWrap(True)
        self.checklist.setMinimumWidth(300)
        self.checklist.currentItemChanged.connect(self._on_select)
        right = QWidget()
        col = QVBoxLayout(right)
        self.header = QLabel()
        self.header.setObjectName("slotHeader")
        self.header.setTextFormat(Qt.PlainText)
        self.note = QLabel()
        self.note.setObjectName("slotNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.RichText)
        col.addWidget(self.header)
        col.addWidget(self.note)
        self.capture_bar = QWidget()
        bar = QHBoxLayout(self.capture_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for kind, text in SOURCE_BUTTONS:
            btn = QPushButton(tr(text))
            btn.setObjectName("capture:" + kind)
            btn.clicked.connect(lambda _=False, k=kind: self.capture(k))
            self.buttons[kind] = btn
            bar.addWidget(btn)
            if kind == "scanner":
                self.scanner_device = QComboBox()
                self.scanner_device.setObjectName("scannerDevice")
                self.scanner_device.setSizeAdjustPolicy(QComboBox.AdjustToContents)
                self.scanner_device.addItem(tr("首次扫描时查找设备"), None)
                self.scanner_source = QComboBox()
                self.scanner_source.setObjectName("scannerSource")
                self.scanner_source.addItem(tr("送纸器（多页）"), "adf")
                self.scanner_source.addItem(tr("平板（单页）"), "flatbed")
                bar.addWidget(self.scanner_device)
                bar.addWidget(self.scanner_source)
        bar.addStretch(1)
        self.progress = QLabel()
        self.progress.setObjectName("captureProgress")
        bar.addWidget(self.progress)
        col.addWidget(self.capture_bar)
        self.offers_box = QGroupBox(tr("从条码识别到的信息（确认后填入）"))
        self.offers_box.setObjectName("barcodeOffers")
        self.offers_layout = QVBoxLayout(self.offers_box)
        self.offers_box.hide()
        col.addWidget(self.offers_box)
        self.pages_view = QtPagesView()
        self.pages_view.pagesChanged.connect(self._on_pages_changed)
        self.pages_view.retakeRequested.connect(self._retake)
        col.addWidget(self.pages_view, 1)
        self.profile = QLabel()
        self.profile.setObjectName("bankProfile")
        self.profile.setTextFormat(Qt.RichText)
        self.profile.setWordWrap(True)
        self.profile.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        col.addWidget(self.profile, 1)
        split = QSplitter()
        split.addWidget(self.checklist)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([340, 700])
        QVBoxLayout(self).addWidget(split)

    # -- the case --------------------------------------------------------------------------
    def release(self) -> None:
        """The case was closed: forget it and drop its pages (thumbnails, page images)."""
        self.case = None
        self._gen += 1   # pages still being read for it are not shown
        self.pages_view.set_pages([], emit=False)
        self._metas, self._metas_case = {}, None
        self._view_key = None
        self._view_ids, self._view_pages = [], {}

    def set_case(self, case, biz) -> None:
        """Show ``case`` (called by the editor after every open and apply)."""
        new = self.case is None or case.id != self.case.id
        self.case, self.biz = case, biz
        if new:  # nothing of the previous case stays on screen
            self._metas, self._metas_case = {}, None
            self._view_key = None
            self._gen += 1
            self.pages_view.set_pages([], emit=False)
            self._view_ids, self._view_pages = [], {}
            self.header.clear()
            self.note.clear()
            self.profile.clear()
            self._clear_offers()
            codes = [s.code for s in biz.materials]
            self.current = self.current if self.current in codes else (codes[0] if codes else None)
            self._load_metas()
        elif self.current not in [s.code for s in biz.materials]:
            self.current = biz.materials[0].code if biz.materials else None
        editable = can_edit(case.state)
        self.capture_bar.setEnabled(editable)
        self.pages_view.setEnabled(editable)
        self.refresh()

    def _load_metas(self) -> None:
        case_id = self.case.id

        def done(infos):
            if self.case and self.case.id == case_id:
                self._metas = {i.id: i.meta for i in infos}
                self._metas_case = case_id
                self._refresh_list()
        run_guarded(self, lambda: self.store.blobs.list(case_id, "page"), done)

    def slot(self):
        """The selected slot (or None)."""
        return self.biz.slot(self.current) if self.biz and self.current else None

    def status(self, code: str) -> cap.SlotStatus:
        """A slot's state now (a bank-profile slot whose profile is missing: ``noprofile``)."""
        slot = self.biz.slot(code)
        st = cap.slot_status(slot, self.case, self._metas)
        if st.state == "reference" and self._profiles is not None and self._profile() is None:
            return cap.SlotStatus("noprofile", st.pages)
        return st

    def refresh(self) -> None:
        """Redraw the checklist and the selected slot."""
        self._refresh_list()
        self._show_slot()

    def _refresh_list(self) -> None:
        if not self.biz:
            return
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for slot in self.biz.materials:
            st = self.status(slot.code)
            text = "{}\n{} · {} · {}".format(tr(slot.name), tr(REQUIREMENT[slot.requirement]),
                                           tr(ORIGINAL.get(slot.original, slot.original)), _state_text(st, slot))
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, slot.code)
            item.setData(Qt.UserRole + 1, st.state)
            if STATE_ROLE[st.state] in ("error", "warning"):  # what needs the officer stands out
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            tips = [m.render() for m in st.problems] or ([tr(slot.condition_text)] if slot.condition_text else [])
            item.setToolTip("\n".join(tips))
            self.checklist.addItem(item)
            if slot.code == self.current:
                self.checklist.setCurrentItem(item)
        self.checklist.blockSignals(False)

    def _on_select(self, item, _previous=None) -> None:
        if item is not None:
            self.current = item.data(Qt.UserRole)
            self._show_slot()

    def select(self, code: str) -> None:
        """Select slot ``code`` (what a click in the checklist does)."""
        for i in range(self.checklist.count()):
            if self.checklist.item(i).data(Qt.UserRole) == code:
                self.checklist.setCurrentRow(i)
                return

    # -- the selected slot -----------------------------------------------------------------
    def _show_slot(self) -> None:
        slot = self.slot()
        if slot is None:
            return
        st = self.status(slot.code)
        capturable = bool(set(slot.sources) & {"doccam", "scanner", "file"})
        limits = " · " + tr("{a}–{b}页", a=slot.min_pages, b=slot.max_pages) if capturable else ""
        self.header.setText("{}　{} · {}{} · {}".format(
            tr(slot.name), tr(REQUIREMENT[slot.requirement]), tr(ORIGINAL.get(slot.original, slot.original)),
            limits, _state_text(st, slot)))
        self.header.setProperty("role", STATE_ROLE[st.state])
        self.header.style().unpolish(self.header)
        self.header.style().polish(self.header)
        notes = [m.render() for m in st.problems]
        if slot.condition_text:
            notes.append(tr("条件：{c}", c=tr(slot.condition_text)))
        reference = "bank_profile" in slot.sources
        generated = "generated" in slot.sources
        if generated:
            notes.append(tr("由系统生成（打印签字后随案移交）") if set(slot.sources) == {"generated"}
                         else tr("可由系统生成；如有已签字的纸质件，也可在此采集"))
        self.note.setText("<br>".join(notes))
        self.note.setVisible(bool(notes))
        sources = [k for k, _ in SOURCE_BUTTONS if k in slot.sources]
        self.capture_bar.setVisible(bool(sources) and st.state != "inactive")
        for kind, btn in self.buttons.items():
            btn.setVisible(kind in sources)
        self.scanner_device.setVisible("scanner" in sources)
        self.scanner_source.setVisible("scanner" in sources)
        self.pages_view.setVisible(bool(sources))
        self.profile.setVisible(reference)
        if reference:
            self._show_profile()
        elif sources:
            self._load_pages()

    def _load_pages(self, force: bool = False) -> None:
        slot, case = self.slot(), self.case
        ids = list(case.materials.get(slot.code, []))
        key = (case.id, slot.code, tuple(ids))
        if key == self._view_key and not force:
            return
        self._gen += 1
        gen = self._gen
        self._view_key = key

        def work():
            infos = {i.id: i for i in self.store.blobs.list(case.id, "page", slot.code)}
            return [(bid, self.store.blobs.get(bid), infos[bid].meta) for bid in ids if bid in infos]

        def done(rows):
            if gen != self._gen:
                return
            pages = [{"data": data, "meta": {**meta, "_blob": bid}} for bid, data, meta in rows]
            self.pages_view.set_pages(pages, emit=False)
            self._view_ids = [bid for bid, _, _ in rows]
            self._view_pages = dict(zip(self._view_ids, pages))
            self.pagesLoaded.emit(slot.code)
        self.pages_view.set_pages([], emit=False)
        self._view_ids, self._view_pages = [], {}
        run_guarded(self, work, done)

    # -- bank profile ----------------------------------------------------------------------
    def _profile(self):
        from shared.domain.bank_profile import find_profile
        return find_profile(self.case, self._profiles or {})

    def _show_profile(self) -> None:
        if self._profiles is None and self._profile_error is None:
            self.profile.setText(tr("正在读取银行备案材料……"))

            def done(profiles):
                self._profiles = profiles
                self.refresh()
                self.profileShown.emit()

            def failed(exc):
                self._profile_error = exc.msg.render() if hasattr(exc, "msg") else tr("银行备案材料读取失败")
                self._show_slot()
                self.profileShown.emit()
            from shared.domain.bank_profile import load_profiles
            run_guarded(self, lambda: load_profiles(self.store), done, failed)
            return
        self.profile.setText(render_profile(self._profile(), self._profile_error))

    # -- capture ---------------------------------------------------------------------------
    def _load_scanners(self, then) -> None:
        """List the SANE devices (on demand: probing may take seconds), then go on."""
        def done(devices):
            self._scanners = devices
            self.scanner_device.clear()
            for d in devices:
                self.scanner_device.addItem(d["label"], d["device"])
            if not devices:
                self.scanner_device.addItem(tr("未找到扫描仪"), None)
            then()
        self.scanner_device.clear()
        self.scanner_device.addItem(tr("正在查找扫描仪……"), None)
        from shared.devices.sane_source import list_devices
        run_guarded(self, list_devices, done)

    def capture(self, kind: str, replace_row: int | None = None) -> None:
        """Capture pages for the selected slot from ``doccam``, ``scanner`` or ``file``."""
        slot = self.slot()
        if slot is None or kind not in slot.sources:
            return
        if self._busy:
            notify(tr("正在处理上一批材料，请稍候"), "warning")
            return
        have = len(self.case.materials.get(slot.code, []))
        if replace_row is None:
            try:
                cap.check_limit(slot, have, 1)
            except CaptureError as exc:
                notify_exception(exc)
                return
        if kind == "file":
            paths, _ = QFileDialog.getOpenFileNames(self, tr("导入文件"), "", tr(FILE_FILTER))
            if paths:
                self.import_files(paths, replace_row)
            return
        self._acquire(kind, slot, replace_row)

    def import_files(self, paths: list[str], replace_row: int | None = None) -> None:
        """Import files (JPEG, PNG, TIFF, PDF; type by content) into the selected slot."""
        slot = self.slot()
        paths = list(paths)
        self._run_intake(slot, lambda: cap.load_files(paths), "file", replace_row)

    def _acquire(self, kind: str, slot, replace_row) -> None:
        if kind == "doccam":
            from shared.devices.doccam import DocumentCamera
            from shared.ui.doccam_preview import QtDocCamPreview

            spec = self.ctx.devices.spec("doccam")
            dialog = QtDocCamPreview(lambda: DocumentCamera(cap.doccam_source(spec)), max_pages=1,
                                     pace=0.03, parent=self)
            dialog.captured.connect(lambda frames: self._run_intake(slot, lambda: frames, "doccam", replace_row))
            dialog.failed.connect(notify_exception)
            self.doccam_dialog = dialog
            dialog.start()
        elif kind == "scanner":
            if self._scanners is None:
                self._load_scanners(lambda: self._acquire(kind, slot, replace_row))
                return
            device = self.scanner_device.currentData()
            if not device:
                notify_exception(DeviceError(Msg("scanner.none", "未找到扫描仪，请检查电源和 USB 连接后重试", {})))
                return
            source = self.scanner_source.currentData() if replace_row is None else "flatbed"
            room = slot.max_pages - len(self.case.materials.get(slot.code, [])) + 1  # one more: to see overflow
            self._run_intake(slot, lambda: cap.scan(device, source, max(1, room)), "scanner", replace_row)

    def _run_intake(self, slot, acquire, source: str, replace_row: int | None) -> None:
        """Acquire off the UI thread, then file the pages through the session (one command)."""
        case_id = self.case.id
        ids = list(self.case.materials.get(slot.code, []))
        old = ids[replace_row] if replace_row is not None and 0 <= replace_row < len(ids) else None
        self._set_busy(True)
        self.editor.command(lambda session: session.add_pages(slot.code, acquire(), source, replace=old),
                            lambda r: self._stored(case_id, slot, r, old), self._capture_failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setText(tr("正在处理……") if busy else "")
        for btn in self.buttons.values():
            btn.setEnabled(not busy)

    def _capture_failed(self, exc) -> None:
        self._set_busy(False)
        notify_exception(exc)

    def _stored(self, case_id: str, slot, result: cap.IntakeResult, old: str | None) -> None:
        self._set_busy(False)
        if not self.case or self.case.id != case_id:  # the officer moved on (the pages are filed)
            return
        case = self.editor.collect()
        new = [p["id"] for p in result.pages]
        if old is not None:
            self._metas.pop(old, None)
        for p in result.pages:
            self._metas[p["id"]] = p["meta"]
        if self.current == slot.code:
            self._show_new_pages(slot, result, old)
        self.show_offers(cap.offers(result.values, case, self.biz, slot.code))
        if result.flagged:
            notify(tr("有{n}页可能空白、模糊或过暗，已标记为“需检查”，请查看后重拍", n=result.flagged), "warning")
        self.refresh()
        self.changed.emit()
        self.pagesStored.emit(slot.code, len(new))

    def _show_new_pages(self, slot, result, old) -> None:
        self._gen += 1  # a reload started by the case's event would show the pages twice
        pages = self.pages_view.pages()
        added = [{"data": p["data"], "meta": {**p["meta"], "_blob": p["id"]}} for p in result.pages]
        if old is not None and old in self._view_ids:
            pages[self._view_ids.index(old)] = added[0]
            self._view_pages.pop(old, None)
        else:
            pages += added
        self.pages_view.set_pages(pages, emit=False)
        self._view_ids = [p["meta"]["_blob"] for p in pages]
        self._view_pages = {p["meta"]["_blob"]: p for p in pages}
        self._view_key = (self.case.id, slot.code, tuple(self.case.materials.get(slot.code, [])))

    def _retake(self, row: int) -> None:
        slot = self.slot()
        if slot is None:
            return
        kind = next((k for k in ("doccam", "scanner", "file") if k in slot.sources), None)
        if kind:
            self.capture(kind, replace_row=row)

    # -- page edits ------------------------------------------------------------------------
    def _on_pages_changed(self, pages: list) -> None:
        slot, case = self.slot(), self.case
        if slot is None or case is None:
            return
        new_ids = [p["meta"]["_blob"] for p in pages]
        deleted = [i for i in self._view_ids if i not in new_ids]
        replaced = [(i, p) for i, p in zip(new_ids, pages) if p is not self._view_pages.get(i)]
        self._view_ids, self._view_pages = new_ids, dict(zip(new_ids, pages))
        changes = {bid: (page["data"], {k: v for k, v in page["meta"].items() if k != "_blob"})
                   for bid, page in replaced}
        self._view_key = (case.id, slot.code, tuple(new_ids))  # what the view shows already
        self._gen += 1

        def done(_):
            for bid in deleted:
                self._metas.pop(bid, None)
            for bid, page in replaced:
                self._metas[bid] = {k: v for k, v in page["meta"].items() if k != "_blob"}
            self._refresh_list()
            self.changed.emit()
            self.pagesPersisted.emit(slot.code)
        self.editor.command(lambda session: session.edit_pages(slot.code, new_ids, changes), done)

    # -- barcode values --------------------------------------------------------------------
    def _clear_offers(self) -> None:
        while self.offers_layout.count():
            w = self.offers_layout.takeAt(0).widget()
            if w is not None:
                w.setParent(None)
                w.deleteLater()
        self.offers_box.hide()

    def show_offers(self, offers: list) -> None:
        """Offer each value read from a barcode beside the field's current value: an invalid
        one is shown with the validator's reason and cannot be applied; replacing a value
        already there, or one read off a page where this number is not printed, asks first."""
        for offer in offers:
            if self.offers_box.findChild(QPushButton, "offer:" + offer.key):
                continue
            row = QWidget()
            row.setObjectName("offerRow:" + offer.key)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            text = tr("{label}：{value}", label=tr(offer.label), value=offer.value)
            text += "　" + (tr("当前：{current}", current=offer.current) if offer.current else tr("当前为空"))
            if offer.unrelated:
                text += "　" + tr("（读自“{slot}”，请核对是否本案）", slot=self._slot_name(offer.slot))
            label = QLabel(text)
            label.setObjectName("offerText")
            label.setWordWrap(True)
            texts = QVBoxLayout()
            texts.setSpacing(0)
            texts.addWidget(label)
            if offer.problem is not None:
                problem = QLabel(tr("无效：{error}", error=offer.problem.render()))
                problem.setObjectName("offerProblem")
                problem.setProperty("role", "error")
                problem.setWordWrap(True)
                texts.addWidget(problem)
            line.addLayout(texts, 1)
            ok = QPushButton(tr("替换") if offer.replaces else tr("填入"))
            ok.setObjectName("offer:" + offer.key)
            ok.setEnabled(offer.problem is None)
            ok.clicked.connect(lambda _=False, o=offer, r=row: self.confirm_offer(o, r))
            skip = QPushButton(tr("忽略"))
            skip.clicked.connect(lambda _=False, r=row: self._drop_offer(r))
            line.addWidget(ok)
            line.addWidget(skip)
            self.offers_layout.addWidget(row)
        self.offers_box.setVisible(self.offers_layout.count() > 0)

    def _slot_name(self, code: str) -> str:
        try:
            return tr(self.biz.slot(code).name)
        except (KeyError, AttributeError):
            return code

    def _drop_offer(self, row: QWidget) -> None:
        row.setParent(None)
        row.deleteLater()
        self.offers_box.setVisible(self.offers_layout.count() > 0)

    def confirm_offer(self, offer, row: QWidget | None = None) -> None:
        """Apply an offered value: its field's validator must accept it; replacing a value
        already there or applying one read off an unrelated page is asked first, showing both;
        the core applies it only while the field still holds the value shown."""
        msg = offer.problem or cap.check_offer(offer, self.biz)
        if msg is not None:
            notify(tr("条码中的{label}无效：{error}", label=tr(offer.label), error=msg.render()), "warning")
            return
        if offer.replaces or offer.unrelated:
            text = tr("用条码中的“{value}”替换当前的“{current}”？", value=offer.value, current=offer.current or tr("（空）"))
            if offer.unrelated:
                text += "\n" + tr("该条码读自“{slot}”，不是通常印有{label}的材料，请核对是否本案。",
                                   slot=self._slot_name(offer.slot), label=tr(offer.label))
            if not self.editor.prompter.confirm(tr("核对{label}", label=tr(offer.label)), text):
                return
        if row is not None:
            self._drop_offer(row)
        key, value, current = offer.key, offer.value, offer.current
        self.editor.command(lambda session: session.apply_offer(key, value, current),
                            lambda _case: notify(tr("已填入{label}", label=tr(offer.label))))


def render_profile(profile, error: str | None = None) -> str:
    """The bank-profile slot's text: the referenced documents, or what is missing."""
    import datetime as _dt

    from shared.domain.bank_profile import MISSING
    from shared.security.masking import mask_name

    if error:
        return "<b>{}</b>".format(error)
    if profile is None:
        return "<b>{}</b>".format(MISSING.render())
    today = _dt.date.today()
    rows = ["<b>{}</b>".format(tr("引用银行备案材料")), "{}（{}）".format(profile.name, profile.credit_code)]
    for d in profile.documents:
        holder = tr("（持有人 {holder}）", holder=mask_name(d.holder)) if d.holder else ""
        until = d.valid_until or tr("长期")
        line = tr("{name}{holder}　备案编号 {ref}　有效期至 {until}", name=tr(d.name), holder=holder,
                  ref=d.reference, until=until)
        if d.expired(today):
            line = "<b>{}（{}）</b>".format(line, tr("已过期，请联系管理员更新备案"))
        rows.append("· " + line)
    if profile.updated:
        rows.append("<i>{}</i>".format(tr("主数据更新于 {d}", d=profile.updated)))
    return "<br>".join(rows)

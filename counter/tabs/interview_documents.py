"""The interview page's documents: generate, preview, print; stale after a form edit.

"生成文书" renders the application form, the interview record and the authorization letter
(those the business prints) off the UI thread and keeps them through the case session
(``generate_documents``: each a ``document`` blob in its checklist slot, replacing the
previous version). With "加盖本行电子印章" ticked and the USB key's PIN typed, the bank's
documents carry its electronic seal (the PIN goes to the key's login in the worker and the
field is cleared at once); unticked, they say the officer signs by hand. Each blob remembers the
hash of what it was made from; when the case no longer matches, the documents are shown as
stale and printing them is refused until they are generated again.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from shared.documents import DOCUMENT_KINDS
from shared.documents import case_documents as cdocs
from shared.documents.seal import MAX_PIN, TokenSealer, default_module
from shared.domain.case import Case
from shared.i18n import Msg, punct, tr
from shared.ui.notify import notify, notify_exception
from shared.ui.printing import QtPdfPreview
from shared.ui.tasks import run_task

STATE_ROLE = {"missing": "", "stale": "warning", "fresh": "ok"}


def print_with_dialog_off_thread(pdf: bytes, parent: QWidget, prompter=None) -> None:
    """The print dialog on the UI thread, the rasterising and painting in a worker. Where
    nobody can answer a dialog (the prompter is not interactive), it says so instead."""
    if prompter is not None and not getattr(prompter, "interactive", True):
        notify(tr("无窗口模式：未打开打印对话框"), "info")
        return
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from shared.ui.printing import print_pdf
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("打印"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return
    run_task(lambda: print_pdf(pdf, printer), lambda n: notify(tr("已发送打印 {n} 页", n=n)),
             notify_exception, parent=parent)


class QtCaseDocumentsPanel(QGroupBox):
    """Generate / preview / print of a case's generated documents.

    ``generated(list)`` after the documents were stored and the case saved; ``previewReady()``
    when :attr:`preview_page` shows a document.
    """

    generated = Signal(list)
    previewReady = Signal()

    def __init__(self, ctx, editor, print_fn: Callable[[bytes, QWidget], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("文书"), parent)
        self.store, self.editor = ctx.store, editor
        self.settings = ctx.settings
        self.print_fn = print_fn or (lambda pdf, widget: print_with_dialog_off_thread(pdf, widget, ctx.prompter))
        self.case: Case | None = None
        self.biz = None
        self.blocking: Msg | None = None
        self.editable = True
        self.infos: dict | None = None   # kind -> BlobInfo of the stored documents (None: not read yet)
        self.pdfs: dict[str, bytes] = {}  # kind -> PDF of this session (by blob id checked)
        self.busy = False
        self._build()

    # -- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.generate_button = QPushButton(tr("生成文书"))
        self.generate_button.setObjectName("generateDocuments")
        self.generate_button.setProperty("size", "large")
        self.generate_button.clicked.connect(self.generate)
        self.state_label = QLabel()
        self.state_label.setObjectName("documentsState")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.generate_button)
        seal_row = QHBoxLayout()
        self.seal_box = QCheckBox(tr("加盖本行电子印章（USB 密钥）"))
        self.seal_box.setObjectName("sealDocuments")
        self.seal_pin = QLineEdit()
        self.seal_pin.setObjectName("sealPin")
        self.seal_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.seal_pin.setMaxLength(MAX_PIN)
        self.seal_pin.setPlaceholderText(tr("USB 密钥 PIN"))
        self.seal_box.toggled.connect(self.seal_pin.setEnabled)
        self.seal_box.setChecked(bool(self.settings.get("seal.module")))  # the branch set its key up
        self.seal_box.setToolTip(tr("USB 密钥驱动：{path}", path=self.settings.get("seal.module") or default_module()
                                    or tr("未找到")))
        self.seal_pin.returnPressed.connect(self.generate)
        self.seal_pin.setEnabled(self.seal_box.isChecked())
        seal_row.addWidget(self.seal_box)
        seal_row.addWidget(self.seal_pin, 1)
        layout.addLayout(seal_row)
        layout.addWidget(self.state_label)
        self.rows = QGridLayout()
        layout.addLayout(self.rows)
        self.row_widgets: dict[str, tuple[QLabel, QPushButton, QPushButton]] = {}
        self.preview_page = QWidget()
        page = QVBoxLayout(self.preview_page)
        head = QHBoxLayout()
        self.preview_title = QLabel()
        self.preview_title.setObjectName("previewTitle")
        self.preview_title.setProperty("role", "title")
        self.preview_print = QPushButton(tr("打印"))
        self.preview_print.setObjectName("previewPrint")
        self.preview_print.setProperty("size", "large")
        self.preview_print.clicked.connect(lambda: self.print_kind(self._preview_kind))
        head.addWidget(self.preview_title, 1)
        head.addWidget(self.preview_print)
        page.addLayout(head)
        self.preview = QtPdfPreview(dpi=80)
        page.addWidget(self.preview, 1)
        self._preview_kind = ""

    def _row(self, kind: str) -> tuple[QLabel, QPushButton, QPushButton]:
        if kind not in self.row_widgets:
            label = QLabel()
            label.setObjectName("document:" + kind)
            label.setWordWrap(True)
            show = QPushButton(tr("预览"))
            show.setObjectName("preview:" + kind)
            show.clicked.connect(lambda _=False, k=kind: self.show_preview(k))
            send = QPushButton(tr("打印"))
            send.setObjectName("print:" + kind)
            send.clicked.connect(lambda _=False, k=kind: self.print_kind(k))
            r = self.rows.rowCount()
            self.rows.addWidget(label, r, 0)
            self.rows.setColumnStretch(0, 1)
            self.rows.addWidget(show, r, 1)
            self.rows.addWidget(send, r, 2)
            self.row_widgets[kind] = (label, show, send)
        return self.row_widgets[kind]

    # -- state --------------------------------------------------------------------------------
    def set_case(self, case: Case, biz, blocking: Msg | None, editable: bool) -> None:
        """Show ``case``; its stored documents are read again when the case changed."""
        if self.case is None or case.id != self.case.id:
            self.infos, self.pdfs, self._preview_kind = None, {}, ""
            self.preview.set_pages([])   # no page of the previous case's documents stays
            self.preview_title.clear()
        self.case, self.biz, self.blocking, self.editable = case, biz, blocking, editable
        kinds = cdocs.kinds_for(biz)
        for kind, widgets in self.row_widgets.items():
            for w in widgets:
                w.setVisible(kind in kinds)
        for kind in kinds:
            self._row(kind)
        self.setVisible(bool(kinds))
        if self.infos is None:
            self.reload()
        self.show_state()

    def release(self) -> None:
        """Forget the case and drop its documents and preview images (the case was closed)."""
        self.case, self.infos, self.pdfs, self._preview_kind = None, None, {}, ""
        self.preview.set_pages([])
        self.preview_title.clear()

    def reload(self) -> None:
        """Read the stored documents' metadata (off the UI thread)."""
        case = self.case
        if case is None:
            return

        def done(infos):
            if self.case is not None and self.case.id == case.id:
                self.infos = infos
                self.show_state()
        run_task(lambda: cdocs.stored_documents(self.store, case), done, notify_exception, parent=self)

    def stale(self) -> list[str]:
        """The stored kinds no longer made from the case as it is now."""
        if not self.infos or self.case is None:
            return []
        return cdocs.stale_kinds(self.infos, self.case)

    def show_state(self) -> None:
        """Labels and buttons from the stored documents, staleness and what blocks generation."""
        if self.case is None or self.biz is None:
            return
        infos, stale = self.infos or {}, set(self.stale())
        for kind in cdocs.kinds_for(self.biz):
            label, show, send = self._row(kind)
            info = infos.get(kind)
            if info is None:
                state, role = tr("未生成"), STATE_ROLE["missing"]
            elif kind in stale:
                state, role = tr("已过期"), STATE_ROLE["stale"]
            else:
                state, role = tr("已生成"), STATE_ROLE["fresh"]
            if info is not None and info.meta.get("sealed"):
                state += punct("，") + tr("已加盖电子印章")
            label.setText(tr(DOCUMENT_KINDS[kind]) + punct("：") + state)
            _restyle(label, role)
            show.setEnabled(info is not None and not self.busy)
            send.setEnabled(info is not None and kind not in stale and not self.busy)
        if self._preview_kind:
            self.preview_print.setEnabled(self._preview_kind in infos and self._preview_kind not in stale)
            self.preview_title.setText(tr(DOCUMENT_KINDS[self._preview_kind])
                                       + (tr("（已过期）") if self._preview_kind in stale else ""))
        if self.busy:
            text = tr("正在生成文书……")
        elif self.blocking is not None:
            text = self.blocking.render()
        elif stale:
            text = tr("申请信息或询问记录已修改，已生成的文书已过期，请重新生成文书")
        elif infos:
            text = tr("文书已生成并存入加密库，计入材料清单")
        else:
            text = tr("询问与签名已完成，可以生成文书")
        self.state_label.setText(text)
        _restyle(self.state_label, "warning" if stale or self.blocking else "")
        self.generate_button.setText(tr("重新生成文书") if infos else tr("生成文书"))
        self.generate_button.setEnabled(self.editable and self.blocking is None and not self.busy)

    # -- actions ------------------------------------------------------------------------------
    def generate(self) -> None:
        """Render, store and record the documents off the UI thread, then show the interview record."""
        if self.case is None or self.busy:
            return
        if self.blocking is not None:
            notify(self.blocking.render(), "warning")
            return
        sealed = self.seal_box.isChecked()
        pin = self.seal_pin.text()
        self.seal_pin.clear()  # the PIN goes to the key's login only, never kept here
        if sealed and not pin:
            notify(tr("请输入 USB 密钥的 PIN，或取消“加盖本行电子印章”由经办人手写签名"), "warning")
            return
        case_id = self.case.id
        self.busy = True
        self.show_state()
        settings = self.settings

        def work(session) -> list:
            if not sealed:   # rendered in a child process: the font's memory leaves with it
                return session.generate_documents(isolate=True)
            with TokenSealer.from_settings(settings, pin) as sealer:
                return session.generate_documents(sealer, isolate=True)

        def done(docs: list) -> None:
            self.busy = False
            if self.case is None or self.case.id != case_id:
                return
            self.pdfs = {d.kind: d.pdf for d in docs}
            self.infos = None
            self.reload()
            notify(tr("已生成{n}份文书并加盖电子印章，已存入加密库", n=len(docs)) if sealed
                   else tr("已生成{n}份文书，已存入加密库", n=len(docs)))
            self.generated.emit(docs)
            if docs:
                self.show_preview("interview" if "interview" in self.pdfs else docs[0].kind)

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.show_state()
            notify_exception(exc)
        self.editor.command(work, done, failed)

    def _pdf_then(self, kind: str, then: Callable[[bytes], None], raster: bool = False) -> None:
        """The stored PDF of ``kind`` (read, and rasterised if asked, off the UI thread)."""
        info = (self.infos or {}).get(kind)
        cached = self.pdfs.get(kind)
        if info is None and cached is None:
            notify(tr("“{name}”尚未生成", name=tr(DOCUMENT_KINDS[kind])), "warning")
            return

        def work():
            pdf = cached if cached is not None else self.store.blobs.get(info.id)
            if raster:  # decoded here too: the UI thread only wraps the images
                from shared.ui.printing import page_images
                return pdf, page_images(pdf, self.preview.dpi)
            return pdf, None
        run_task(work, lambda out: then(*out) if raster else then(out[0]), notify_exception, parent=self)

    def show_preview(self, kind: str) -> None:
        """Show the pages of document ``kind`` in :attr:`preview_page`."""
        def shown(pdf: bytes, pages: list) -> None:
            self.pdfs[kind] = pdf
            self._preview_kind = kind
            stale = kind in self.stale()
            self.preview_title.setText(tr(DOCUMENT_KINDS[kind]) + (tr("（已过期）") if stale else ""))
            self.preview_print.setEnabled(not stale)
            self.preview.set_pages(pages)
            self.previewReady.emit()
        self._pdf_then(kind, shown, raster=True)

    def print_kind(self, kind: str) -> None:
        """Print document ``kind`` (refused while it is stale)."""
        if kind in self.stale():
            notify(tr("“{name}”已过期：申请信息已修改，请先重新生成文书", name=tr(DOCUMENT_KINDS[kind])), "warning")
            return
        self._pdf_then(kind, lambda pdf: self.print_fn(pdf, self))


def _restyle(widget: QWidget, role: str) -> None:
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)

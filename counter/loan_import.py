"""Import a loan from the bank's loan system at the counter: open a file, drop one on the
window, or scan the QR code the loan system prints on the loan approval sheet.

Every path ends in :func:`shared.workflow.bank_desk.import_loan` (the importer's checks, the
bank filled in at a bank's desk, the same loan never imported twice), off the UI thread; the
draft then opens in the editor and the officer only reads the card, checks the face, runs the
interview and captures the papers. A hand scanner is a keyboard: it types the QR code's text
into the scan field and presses Enter.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from shared.i18n import N_, tr
from shared.ui.notify import notify
from shared.ui.tasks import run_task

FILE_FILTER = N_("贷款数据或审批单 (*.json *.txt *.jpg *.jpeg *.png *.tif *.tiff);;所有文件 (*)")
MAX_SCAN_CHARS = 8000  # a scanner typing more than any QR code holds is no loan sheet


def _message(exc: BaseException) -> str:
    msg = getattr(exc, "msg", None)
    if msg is None:
        return tr("导入失败：{err}", err=type(exc).__name__)
    text = msg.render()
    errors = getattr(exc, "errors", None) or {}
    details = ["{}：{}".format(path, m.render()) for path, m in list(sorted(errors.items()))[:5]]
    return text + ("（{}）".format("；".join(details)) if details else "")


class QtLoanImporter(QObject):
    """Runs imports off the UI thread. ``imported(case_id, existed)``; ``failed(text)``."""

    imported = Signal(str, bool)
    failed = Signal(str)

    def __init__(self, ctx, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False

    def import_file(self, path: str | Path) -> None:
        """An import JSON, a text file with the payload, or a photo / scan of the sheet."""
        from shared.workflow.bank_desk import payload_of_file

        def work():
            data, base = payload_of_file(path)
            return self._import(data, base)
        self._run(work)

    def import_text(self, text: str) -> None:
        """What a hand scanner typed (the QR code's text)."""
        text = (text or "").strip()
        if not text:
            return
        self._run(lambda: self._import(text[:MAX_SCAN_CHARS + 1].encode("utf-8"), None))

    def _import(self, data: bytes, base):
        from shared.workflow.bank_desk import import_loan
        case, existed = import_loan(self.ctx.store, self.ctx.catalog, data, base, self.ctx.actor())
        return case.id, existed

    def _run(self, work) -> None:
        if self.ctx.store is None:
            return
        if self.busy:
            notify(tr("正在导入上一份贷款数据，请稍候"), "warning")
            return
        self.busy = True

        def done(result):
            self.busy = False
            case_id, existed = result
            notify(tr("该笔贷款已导入过，已打开原草稿 {id}", id=case_id) if existed
                   else tr("已导入贷款数据，新建草稿 {id}", id=case_id))
            self.imported.emit(case_id, existed)

        def failed(exc):
            self.busy = False
            text = _message(exc)
            notify(text, "error")
            self.failed.emit(text)
        run_task(work, done, failed, parent=self)


class QtLoanImportDialog(QDialog):
    """The counter's import: the scan field (focused, for the hand scanner), a file to open,
    and a hint that a file may also be dropped on the window. Closes once a loan is imported."""

    def __init__(self, importer: QtLoanImporter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.importer = importer
        self.setWindowTitle(tr("导入贷款数据"))
        self.setObjectName("loanImportDialog")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("用扫码枪扫描贷款审批单上的二维码：")))
        self.scan = QLineEdit()
        self.scan.setObjectName("scanInput")
        self.scan.setMaxLength(MAX_SCAN_CHARS)
        self.scan.setPlaceholderText(tr("扫码后自动导入"))
        self.scan.returnPressed.connect(self._scanned)
        layout.addWidget(self.scan)
        row = QHBoxLayout()
        self.open_button = QPushButton(tr("打开文件……"))
        self.open_button.setObjectName("openLoanFile")
        self.open_button.setAutoDefault(False)  # Enter in the scan field imports; it never presses a button
        self.open_button.clicked.connect(self._open)
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout.addLayout(row)
        hint = QLabel(tr("可打开贷款系统导出的数据文件，或贷款审批单的照片、扫描件；也可以把文件直接拖到柜台窗口上。"))
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        layout.addWidget(hint)
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("role", "error")
        layout.addWidget(self.status)
        close = QPushButton(tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        layout.addWidget(close)
        importer.imported.connect(self._imported)
        importer.failed.connect(self._failed)
        self.resize(520, 240)

    def _scanned(self) -> None:
        text = self.scan.text()
        self.scan.clear()
        self.status.clear()
        self.importer.import_text(text)

    def _open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("导入贷款数据"), "", tr(FILE_FILTER))
        if path:
            self.status.clear()
            self.importer.import_file(path)

    def _imported(self, _case_id: str, _existed: bool) -> None:
        self.accept()

    def _failed(self, text: str) -> None:
        self.status.setText(text)
        self.scan.setFocus()

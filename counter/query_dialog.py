"""QtRegistryQueryDialog: the bank's registry query under the owner's authorization (授权查询).

The officer sets the letter's matters entrusted, date and time limit (the owners then sign it
on the interview tab), picks the query and its purpose, and queries; the core refuses a query
outside the letter (the reason is shown), the registry answers with the query-result
certificate, which can be printed. Store and network work run off the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QVBoxLayout)

from shared.domain.authorization import MATTERS, PURPOSES
from shared.errors import YizhanError
from shared.i18n import tr
from shared.ui.notify import notify_exception
from counter.tabs.materials import run_guarded


def _qdate(text: str | None, default: QDate) -> QDate:
    got = QDate.fromString(str(text or ""), "yyyy-MM-dd")
    return got if got.isValid() else default


class QtRegistryQueryDialog(QDialog):
    """``client_factory()`` gives a sync client (called off the UI thread, closed after use)."""

    finished_work = Signal(str)  # "saved", "answered", "refused" (tests wait on it)

    def __init__(self, session, client_factory, parent=None) -> None:
        super().__init__(parent)
        self.session, self.client_factory = session, client_factory
        self.certificate: bytes | None = None
        self.setWindowTitle(tr("授权查询"))
        case = session.snapshot()
        chosen = case.get("authorization.matters") or []
        self.matter_boxes = {}
        matters = QVBoxLayout()
        for code, text in MATTERS.items():
            box = QCheckBox(tr(text))
            box.setObjectName("matter_" + code)
            box.setChecked(code in chosen)
            self.matter_boxes[code] = box
            matters.addWidget(box)
        today = QDate.currentDate()
        self.date_edit = QDateEdit(_qdate(case.get("authorization.date"), today))
        self.until_edit = QDateEdit(_qdate(case.get("authorization.valid_until"), today.addDays(30)))
        for edit in (self.date_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.save_button = QPushButton(tr("保存授权书内容"))
        self.save_button.setObjectName("saveAuthorization")
        self.save_button.clicked.connect(self.save_authorization)
        self.kind = QComboBox()
        self.kind.setObjectName("queryKind")
        for code, text in MATTERS.items():
            self.kind.addItem(tr(text), code)
        self.purpose = QComboBox()
        self.purpose.setObjectName("queryPurpose")
        for code, text in PURPOSES.items():
            self.purpose.addItem(tr(text), code)
        self.contract = QLineEdit()
        self.contract.setObjectName("queryContract")
        self.contract.setMaxLength(64)
        self.contract.setPlaceholderText(tr("默认取案件中的合同编号"))
        self.query_button = QPushButton(tr("查询"))
        self.query_button.setObjectName("runQuery")
        self.query_button.clicked.connect(self.run_query)
        self.print_button = QPushButton(tr("打印查询结果证明"))
        self.print_button.setObjectName("printCertificate")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_certificate)
        self.result = QLabel()
        self.result.setObjectName("queryResult")
        self.result.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("委托事项"), matters)
        form.addRow(tr("委托日期"), self.date_edit)
        form.addRow(tr("委托时限至"), self.until_edit)
        form.addRow("", self.save_button)
        form.addRow(tr("查询事项"), self.kind)
        form.addRow(tr("查询用途"), self.purpose)
        form.addRow(tr("网签备案合同编号"), self.contract)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.query_button)
        bar.addWidget(self.print_button)
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.accept)
        bar.addWidget(close)
        layout.addLayout(bar)

    def _busy(self, busy: bool) -> None:
        for b in (self.save_button, self.query_button):
            b.setEnabled(not busy)

    def _refused(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, YizhanError):
            self.result.setText(exc.msg.render())
            self.finished_work.emit("refused")
        else:
            notify_exception(exc)

    def save_authorization(self) -> None:
        matters = [code for code, box in self.matter_boxes.items() if box.isChecked()]
        date, until = self.date_edit.date().toString("yyyy-MM-dd"), self.until_edit.date().toString("yyyy-MM-dd")
        self._busy(True)

        def done(_):
            self._busy(False)
            self.result.setText(tr("授权书内容已保存，请委托人在授权书上签名"))
            self.finished_work.emit("saved")
        run_guarded(self, lambda: self.session.set_authorization(matters, date, until), done, self._refused)

    def run_query(self) -> None:
        kind, purpose = self.kind.currentData(), self.purpose.currentData()
        contract = self.contract.text().strip() or None
        self._busy(True)

        def work():
            client = self.client_factory()
            try:
                return self.session.query_registry(client, kind, purpose, contract_number=contract)
            finally:
                client.close()

        def done(outcome):
            from shared.workflow.registry_query import describe
            self._busy(False)
            self.certificate = outcome.certificate
            self.print_button.setEnabled(True)
            self.result.setText("{}：{}\n{}".format(tr("查询编号"), outcome.query_id, describe(outcome).render()))
            self.finished_work.emit("answered")
        run_guarded(self, work, done, self._refused)

    def print_certificate(self) -> None:
        if self.certificate:
            from shared.ui.printing import print_with_dialog
            print_with_dialog(self.certificate, self, tr("打印查询结果证明"))

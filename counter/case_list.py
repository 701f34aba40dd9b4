"""The counter's case list: masked, searchable, filtered by state and business type."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from shared.domain.catalog import Catalog
from shared.domain.states import CaseState
from shared.i18n import N_, tr
from shared.security.masking import mask_id, mask_name
from shared.ui.tasks import run_task

def local_time(iso: str) -> str:
    """A stored UTC time as local ``YYYY-MM-DD HH:MM``."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


COLUMNS = (N_("业务编号"), N_("业务类型"), N_("申请人"), N_("证件号码"), N_("不动产单元号"), N_("状态"), N_("办理结果"),
           N_("更新时间"))


class QtCaseList(QWidget):
    """Lists cases newest first. ``openRequested(case_id)`` when a row is activated."""

    openRequested = Signal(str)
    newRequested = Signal()
    loaded = Signal(int)

    def __init__(self, store, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.catalog = store, catalog
        self._generation = 0
        self._outbox = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(tr("按业务编号、姓名、证件号码或不动产单元号查找"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 3)
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.addItem(tr("全部状态"), None)
        for state in CaseState:
            self.state_filter.addItem(state.label, state.value)
        bar.addWidget(self.state_filter, 1)
        self.business_filter = QComboBox()
        self.business_filter.setObjectName("businessFilter")
        self.business_filter.addItem(tr("全部业务"), None)
        for biz in catalog.for_channel("counter"):
            self.business_filter.addItem(tr(biz.name), biz.code)
        bar.addWidget(self.business_filter, 2)
        new = QPushButton(tr("新建案件"))
        new.setObjectName("newCase")
        new.clicked.connect(self.newRequested.emit)
        bar.addWidget(new)
        layout.addLayout(bar)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("caseTable")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellActivated.connect(self._activated)
        self.table.cellDoubleClicked.connect(self._activated)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.state_filter.currentIndexChanged.connect(lambda _: self.reload())
        self.business_filter.currentIndexChanged.connect(lambda _: self.reload())

    def reload(self) -> None:
        """Query the store off the UI thread; only the newest query's answer is shown."""
        self._generation += 1
        generation = self._generation
        query, state, business = self.search.text(), self.state_filter.currentData(), self.business_filter.currentData()
        def work():
            rows = self.store.list_cases(query, state, business)
            return rows, self.outbox.latest([r.id for r in rows])
        run_task(work, lambda res: generation == self._generation and self._fill(*res), parent=self)

    @property
    def outbox(self):
        if self._outbox is None:
            from shared.sync.outbox import Outbox
            self._outbox = Outbox(self.store, catalog=self.catalog)
        return self._outbox

    def _fill(self, rows, packets=None) -> None:
        from shared.sync.summary import describe
        packets = packets or {}
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            biz = self.catalog.businesses.get(r.business_code)
            item = packets.get(r.id)
            values = (r.id, tr(biz.name) if biz else r.business_code, mask_name(r.first_party_name),
                      mask_id(r.first_party_id), r.unit_number, r.state.label, describe(item) if item else "",
                      local_time(r.updated_at))
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                if j == 0:
                    item.setData(Qt.UserRole, r.id)
                self.table.setItem(i, j, item)
        filtered = bool(self.search.text().strip() or self.state_filter.currentData() or self.business_filter.currentData())
        if rows or filtered:
            self.count_label.setText(tr("共 {n} 件", n=len(rows)))
        else:
            self.count_label.setText(tr("尚无案件。点击“新建案件”开始办理，或由运维人员用“yizhan case import”导入银行系统的案件数据。"))
        self.loaded.emit(len(rows))

    def _activated(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item:
            self.openRequested.emit(item.data(Qt.UserRole))

"""QtOriginalsDialog: hand-over batches of paper originals (纸质原件移交), for the counter.

Lists the batches with their state coloured (pending, overdue, delivered) and the cases not
yet in a batch; creates a batch from the selected cases (due ``originals_deadline_days``
after today) and marks a batch delivered. Store work runs off the UI thread.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from shared.i18n import tr
from shared.domain.originals import originals_of
from shared.store import originals
from shared.ui.notify import notify
from shared.ui.theme import colour, set_role
from counter.tabs.materials import run_guarded

STATE_COLOUR = {"delivered": "ok", "pending": "warning", "overdue": "error"}  # theme palette names


class QtOriginalsDialog(QDialog):
    """Hand-over batches; ``today`` (for tests and reports) defaults to the real date."""

    loaded = Signal()

    def __init__(self, store, catalog, settings=None, today: _dt.date | None = None, parent=None) -> None:
        super().__init__(parent)
        self.store, self.catalog, self.settings, self._today = store, catalog, settings, today
        self.setWindowTitle(tr("纸质原件移交"))
        self.resize(900, 600)
        self.batches: list = []
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("originalsBatches")
        self.table.setHorizontalHeaderLabels([tr("批次"), tr("创建"), tr("移交期限"), tr("案件数"), tr("状态")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.cases = QListWidget()
        self.cases.setObjectName("originalsCases")
        self.cases.setSelectionMode(QAbstractItemView.MultiSelection)
        self.create_button = QPushButton(tr("用所选案件创建移交批次"))
        self.create_button.setObjectName("createBatch")
        self.create_button.clicked.connect(self.create_batch)
        self.deliver_button = QPushButton(tr("标记所选批次已移交"))
        self.deliver_button.setObjectName("deliverBatch")
        self.deliver_button.clicked.connect(self.deliver_selected)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("移交批次")))
        layout.addWidget(self.table, 2)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(tr("尚未移交纸质原件的案件")))
        layout.addWidget(self.cases, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.create_button)
        bar.addStretch(1)
        bar.addWidget(self.deliver_button)
        layout.addLayout(bar)
        self.reload()

    def today(self) -> _dt.date:
        return self._today or _dt.date.today()

    def reload(self) -> None:
        """Read batches and unbatched cases off the UI thread."""
        today, store = self.today(), self.store

        def work():
            batches = originals.list_batches(store, today)
            cases = []
            for case_id in originals.unbatched_case_ids(store):
                case = store.get_case(case_id)
                items = originals_of(case, self.catalog.business(case.business_code))
                if items:
                    cases.append((case.id, self.catalog.business(case.business_code).name, items))
            return batches, cases
        run_guarded(self, work, self._show)

    def _show(self, result) -> None:
        self.batches, cases = result
        self.table.setRowCount(len(self.batches))
        for row, b in enumerate(self.batches):
            cells = [b.id, b.created_at[:10], b.deadline.isoformat(), str(len(b.case_ids)), b.state_label]
            if b.delivered_at:
                cells[4] += tr("（{by} {at}）", by=b.delivered_by, at=b.delivered_at[:16].replace("T", " "))
            elif b.state == "pending":
                cells[4] += tr("（剩{n}天）", n=b.days_left(self.today()))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, b.id)
                if col == 4:
                    item.setForeground(colour(STATE_COLOUR[b.state]))
                self.table.setItem(row, col, item)
        overdue = sum(1 for b in self.batches if b.state == "overdue")
        self.summary.setText(tr("共{n}批，逾期{m}批", n=len(self.batches), m=overdue))
        set_role(self.summary, "error" if overdue else "")
        self.cases.clear()
        for case_id, name, items in cases:
            text = "{}　{}　{}".format(case_id, tr(name), "、".join(
                tr("{name}{n}页", name=tr(i.name), n=i.count) if i.count else tr(i.name) for i in items))
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, case_id)
            self.cases.addItem(item)
        self.resizeColumns()
        self.loaded.emit()

    def resizeColumns(self) -> None:
        self.table.resizeColumnsToContents()

    def create_batch(self) -> None:
        """A batch of the selected cases, due the configured number of days from today."""
        ids = [i.data(Qt.UserRole) for i in self.cases.selectedItems()]
        if not ids:
            notify(tr("请先选择要移交纸质材料的案件"), "warning")
            return
        today, store, settings = self.today(), self.store, self.settings

        def done(batch):
            notify(tr("已创建移交批次 {id}，请于 {d} 前移交", id=batch.id, d=batch.deadline.isoformat()))
            self.reload()
        run_guarded(self, lambda: originals.create_batch(store, ids, today, settings=settings), done)

    def deliver_selected(self) -> None:
        """Mark the selected batch delivered by the current operator."""
        row = self.table.currentRow()
        if row < 0 or row >= len(self.batches):
            notify(tr("请先选择一个移交批次"), "warning")
            return
        batch_id, today, store = self.batches[row].id, self.today(), self.store

        def done(batch):
            notify(tr("批次 {id} 已标记为已移交（{n}件）", id=batch.id, n=len(batch.case_ids)))
            self.reload()
        run_guarded(self, lambda: originals.mark_delivered(store, batch_id, today=today), done)

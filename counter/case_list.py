"""The counter's case list: masked, searchable, filtered by state and business type.

A model/view list: :class:`CaseListModel` holds the rows fetched so far and asks the store for
the next page (one query per page, the outcome column included) only when the view scrolls
near the end. Every query runs on Qt's thread pool, as does turning its rows into display
text; the UI thread only inserts the finished rows. Returning to the list or a sync pass
refreshes the loaded rows in place: changed rows report ``dataChanged``, moved rows a layout
change, new and gone rows an insert or removal; nothing is rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QTimer, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from shared.domain.catalog import Catalog
from shared.domain.states import CaseState
from shared.i18n import N_, tr
from shared.security.masking import mask_id, mask_name
from shared.ui.tasks import run_on_store

PAGE = 100  # rows per query; the view asks for the next page when it scrolls near the end


def local_time(iso: str) -> str:
    """A stored UTC time as local ``YYYY-MM-DD HH:MM``."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


COLUMNS = (N_("业务编号"), N_("业务类型"), N_("申请人"), N_("证件号码"), N_("不动产单元号"), N_("状态"), N_("办理结果"),
           N_("更新时间"))
# What each column's width is measured on, once (masked values, as shown).
_WIDTH_SAMPLES = ("YZ20260101ABCDEF", "抵押权首次登记（一般）", "张*丰", "1101**********123X",
                  "350102003004GB00012F00030012", "已提交", "受理号 2026000000 · 证明号 2026000000", "2026-01-01 00:00")


@dataclass(frozen=True)
class CaseRow:
    """One row as shown (masked display text, made off the UI thread) and its sort key."""

    id: str
    updated_at: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class _Filters:
    query: str
    state: str | None
    business: str | None


def make_rows(summaries, catalog: Catalog) -> list[CaseRow]:
    """Display rows of store summaries: masked, translated (runs on a worker thread)."""
    from shared.sync.summary import describe
    out = []
    for r in summaries:
        biz = catalog.businesses.get(r.business_code)
        out.append(CaseRow(r.id, r.updated_at, (
            r.id, tr(biz.name) if biz else r.business_code, mask_name(r.first_party_name),
            mask_id(r.first_party_id), r.unit_number, r.state.label, describe(r.packet) if r.packet else "",
            local_time(r.updated_at))))
    return out


def first_page(store, catalog: Catalog) -> list[CaseRow]:
    """The unfiltered list's first page, read where the store is opened (off the UI thread), so
    the list shows its rows in its first paint (bench P7) instead of asking for them after."""
    return make_rows(store.list_cases(limit=PAGE), catalog)


# Qt::DisplayRole and Qt::UserRole as the ints Qt defines them. Nothing on the way to the list's
# first paint touches PySide6's ``Qt`` namespace: its Python enums take 12-14 ms to create
# (PySide6 6.12, CPython 3.11), paid after the list is on screen (bench P7).
_DISPLAY = 0
_USER = 0x0100


class CaseListModel(QAbstractTableModel):
    """The rows fetched so far of one filtered list; more on demand, a page at a time."""

    pageLoaded = Signal(int)  # rows shown after a first page or a refresh arrived
    countKnown = Signal(int)  # how many cases match the filters

    def __init__(self, store, catalog: Catalog, parent=None) -> None:
        super().__init__(parent)
        self.store, self.catalog = store, catalog
        self.rows: list[CaseRow] = []
        self.filters: _Filters | None = None
        self.rows_received = 0  # rows handed to the UI thread so far (tests count them)
        self._generation = 0
        self._more = False
        self._fetching = False

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role: int = 0) -> Any:
        # Asked for about ten roles per visible cell at every paint: compared as plain ints
        # (comparing with the Qt enum members costs a Python-level __eq__ each time)
        if role == _DISPLAY:
            return self.rows[index.row()].values[index.column()]
        if role == _USER:
            return self.rows[index.row()].id
        return None

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or not self.rows:
            return
        last = self.rows[-1]
        self._query(self.filters, PAGE, (last.updated_at, last.id), self._append)

    # -- loading ---------------------------------------------------------------------------
    def preload(self, rows: list[CaseRow]) -> None:
        """Start with the unfiltered first page read already (:func:`first_page`); the count
        follows from the store's thread."""
        self.filters = _Filters("", None, None)
        self._generation += 1
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()
        self._more = len(rows) == PAGE
        self.rows_received += len(rows)
        self._count(self.filters)

    def load(self, query: str, state: str | None, business: str | None) -> None:
        """Show these filters: the same as shown refreshes in place, others load a first page."""
        filters = _Filters(query.strip(), state, business)
        if filters == self.filters:
            self.refresh()
            return
        self.filters = filters
        self._generation += 1
        self._query(filters, PAGE, None, self._replace)
        self._count(filters)

    def refresh(self) -> None:
        """Read the loaded rows again and update them in place."""
        if self.filters is None:
            return
        self._generation += 1
        self._query(self.filters, max(len(self.rows), PAGE), None, self._merge)
        self._count(self.filters)

    def _query(self, filters: _Filters, limit: int, after, deliver) -> None:
        generation = self._generation
        store, catalog = self.store, self.catalog
        self._fetching = True

        def work(conn):  # on the store's thread
            if generation != self._generation:
                return []  # newer filters came while this waited: nobody will see it
            rows = store.list_cases_in(conn, filters.query, filters.state, filters.business, limit=limit,
                                       after=after)
            return make_rows(rows, catalog)

        def done(rows: list[CaseRow]) -> None:
            if generation != self._generation:
                return
            self._fetching = False
            self._more = len(rows) == limit
            self.rows_received += len(rows)
            deliver(rows)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._fetching = False
            from shared.ui.notify import notify_exception
            notify_exception(exc)
        run_on_store(store, work, done, failed, parent=self)

    def _count(self, filters: _Filters) -> None:
        generation = self._generation
        def work(conn):  # on the store's thread; a count made stale while it waited is skipped
            if generation != self._generation:
                return None
            return self.store.count_matching_in(conn, filters.query, filters.state, filters.business)
        run_on_store(self.store, work, lambda n: generation == self._generation and n is not None
                     and self.countKnown.emit(n), parent=self)

    def _replace(self, rows: list[CaseRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        self.pageLoaded.emit(len(self.rows))

    def _append(self, rows: list[CaseRow]) -> None:
        known = {r.id for r in self.rows}
        rows = [r for r in rows if r.id not in known]
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def _merge(self, fresh: list[CaseRow]) -> None:
        """Make the loaded rows equal ``fresh`` with removals, inserts, a layout change for rows
        that moved and ``dataChanged`` for rows whose text changed."""
        wanted = {r.id: r for r in fresh}
        i = len(self.rows) - 1
        while i >= 0:  # gone rows, in runs from the end
            if self.rows[i].id in wanted:
                i -= 1
                continue
            j = i
            while j > 0 and self.rows[j - 1].id not in wanted:
                j -= 1
            self.beginRemoveRows(QModelIndex(), j, i)
            del self.rows[j:i + 1]
            self.endRemoveRows()
            i = j - 1
        present = {r.id for r in self.rows}
        new = [r for r in fresh if r.id not in present]
        if new:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(new) - 1)
            self.rows.extend(new)
            self.endInsertRows()
        if [r.id for r in self.rows] != [r.id for r in fresh]:
            self.layoutAboutToBeChanged.emit()
            place = {r.id: n for n, r in enumerate(fresh)}
            old = self.persistentIndexList()
            self.changePersistentIndexList(old, [self.index(place[self.rows[p.row()].id], p.column()) for p in old])
            self.rows = self._reordered(fresh)
            self.layoutChanged.emit()
        last = len(COLUMNS) - 1
        for n, row in enumerate(fresh):
            if self.rows[n].values != row.values:
                self.rows[n] = row
                self.dataChanged.emit(self.index(n, 0), self.index(n, last), [_DISPLAY])
            else:
                self.rows[n] = row
        self.pageLoaded.emit(len(self.rows))

    def _reordered(self, fresh: list[CaseRow]) -> list[CaseRow]:
        mine = {r.id: r for r in self.rows}
        return [mine[f.id] for f in fresh]

    def case_id(self, row: int) -> str | None:
        """The business number of a row."""
        return self.rows[row].id if 0 <= row < len(self.rows) else None


class _CaseTable(QTableView):
    """The list's table; tells who asked once its first paint is done (:meth:`QtCaseList.after_first_paint`)."""

    def __init__(self) -> None:
        super().__init__()
        self._after_paint: list = []

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._after_paint:
            waiting, self._after_paint = self._after_paint, []
            for fn in waiting:  # once this paint is out (a paint event must not start more work)
                QTimer.singleShot(0, fn)


class QtCaseList(QWidget):
    """Lists cases newest first. ``openRequested(case_id)`` when a row is activated.

    ``first_page``: rows read already (:func:`first_page`), shown without a query of their own."""

    openRequested = Signal(str)
    newRequested = Signal()
    importRequested = Signal()
    loaded = Signal(int)

    def __init__(self, store, catalog: Catalog, parent: QWidget | None = None,
                 first_page: list[CaseRow] | None = None) -> None:
        super().__init__(parent)
        self.store, self.catalog = store, catalog
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
        # as wide as its layout share, not as its longest name (English names took the search
        # field's room); the open list still shows the names in full
        self.business_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.business_filter.setMinimumContentsLength(12)
        bar.addWidget(self.business_filter, 2)
        new = QPushButton(tr("新建案件"))
        new.setObjectName("newCase")
        new.clicked.connect(self.newRequested.emit)
        bar.addWidget(new)
        loan = QPushButton(tr("导入贷款"))
        loan.setObjectName("importLoan")
        loan.setToolTip(tr("扫描贷款审批单二维码，或打开、拖入贷款系统导出的文件"))
        loan.clicked.connect(self.importRequested.emit)
        bar.addWidget(loan)
        layout.addLayout(bar)
        self.model = CaseListModel(store, catalog, self)
        self.table = _CaseTable()
        self.table.setObjectName("caseTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setWordWrap(False)
        # The column titles live in a model of their own, in Qt's storage: a Python headerData
        # would be called with a Qt.Orientation, creating the Qt namespace's enums at start
        self.header_labels = QStandardItemModel(0, len(COLUMNS), self)
        self.header_labels.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setModel(self.header_labels)
        # The vertical scroll bar is always there (counter.qss: a scroll bar that comes and goes
        # with the row count re-lays out and repaints the table whenever a result fits on one screen)
        self._size_columns()
        self.table.activated.connect(self._activated)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)
        self.model.pageLoaded.connect(self.loaded.emit)
        self.model.countKnown.connect(self._show_count)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.state_filter.currentIndexChanged.connect(lambda _: self.reload())
        self.business_filter.currentIndexChanged.connect(lambda _: self.reload())
        if first_page is not None:
            self.model.preload(first_page)

    @property
    def preloaded(self) -> bool:
        """Whether rows are shown already (the first page came with the store)."""
        return self.model.filters is not None

    def after_first_paint(self, fn) -> None:
        """Call ``fn()`` once the table has painted (soon after its next paint)."""
        self.table._after_paint.append(fn)

    def _size_columns(self) -> None:
        """Column widths from the header and a typical value, once: never measured per row."""
        fm = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        samples = list(_WIDTH_SAMPLES)   # a state in this language (English ones are longer; the
        samples[5] = CaseState.CORRECTION_REQUESTED.label   # longest are elided, not the last column)
        for j, (title, sample) in enumerate(zip(COLUMNS, samples)):
            header.resizeSection(j, max(fm.horizontalAdvance(tr(title)), fm.horizontalAdvance(sample)) + 24)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.Fixed)
        rows.setDefaultSectionSize(fm.height() + 10)

    def reload(self) -> None:
        """Show the list for the current search and filters; the query runs off the UI thread.
        With the filters unchanged the loaded rows are refreshed in place."""
        self.model.load(self.search.text(), self.state_filter.currentData(), self.business_filter.currentData())

    def row_count(self) -> int:
        """Rows loaded so far."""
        return self.model.rowCount()

    def cell_text(self, row: int, column: int) -> str:
        """The text shown in one cell."""
        return self.model.rows[row].values[column]

    def _show_count(self, n: int) -> None:
        f = self.model.filters
        if n or (f and (f.query or f.state or f.business)):
            self.count_label.setText(tr("共 {n} 件", n=n))
        else:
            self.count_label.setText(tr("尚无案件。点击“新建案件”开始办理，或由运维人员用“yizhan case import”导入银行系统的案件数据。"))

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        case_id = self.model.case_id(index.row())
        if case_id:
            self.openRequested.emit(case_id)

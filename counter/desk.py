"""The officer's day on one window (工作台): the upload queue, the outcomes inbox, the progress
query, the audit log and the statistics.

Every list is read off the UI thread. The queue tells each packet's state, bytes, the last
error in words and what to do; a failed packet is retried, or cleared by a supervisor who
confirms with their own staff id and password and a reason (audited). The outcomes inbox lists
the registry's answers since the operator's previous login; a double click opens the case.
The progress query asks the server by business number, name or ID number and shows the stages
in words. The audit log and the statistics are for those holding the audit permission (the
core checks it again when they are read or exported).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from shared.domain.operators import Permission
from shared.i18n import tr
from shared.ui.notify import notify, notify_exception
from shared.ui.tasks import run_task


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectRows)
    table.setSelectionMode(QTableWidget.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], keys: list[str] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(str(text))
            if c == 0 and keys is not None:
                item.setData(Qt.UserRole, keys[r])
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


def _local(iso: str) -> str:
    from counter.case_list import local_time
    return local_time(iso) if iso else ""


class QtBarChart(QWidget):
    """A plain bar chart drawn with QPainter (no chart library to load at start)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, float]] = []
        self.title = ""
        self.setMinimumHeight(180)

    def set_bars(self, title: str, bars: list[tuple[str, float]]) -> None:
        self.title, self.bars = title, bars
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        w, h = self.width(), self.height()
        p.drawText(QRectF(0, 0, w, 20), Qt.AlignLeft | Qt.AlignVCenter, self.title)
        if not self.bars:
            p.drawText(QRectF(0, 20, w, h - 20), Qt.AlignCenter, tr("本期没有数据"))
            return
        top, bottom = 26, h - 34
        top_value = max(v for _, v in self.bars) or 1
        slot = w / len(self.bars)
        bar_w = max(4.0, min(48.0, slot * 0.6))
        for i, (label, value) in enumerate(self.bars):
            x = i * slot + (slot - bar_w) / 2
            bar_h = (bottom - top) * value / top_value
            p.fillRect(QRectF(x, bottom - bar_h, bar_w, bar_h), QColor("#2f6fb2"))
            p.drawText(QRectF(i * slot, bottom - bar_h - 16, slot, 14), Qt.AlignCenter, "{:g}".format(value))
            p.drawText(QRectF(i * slot, bottom + 2, slot, 30), Qt.AlignHCenter | Qt.AlignTop | Qt.TextWordWrap, label)
        p.end()


class QtDeskDialog(QDialog):
    """工作台: queue, outcomes, progress, audit log, statistics (``open_case(case_id)`` opens a case)."""

    def __init__(self, ctx, open_case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskDialog")
        self.setWindowTitle(tr("工作台"))
        self.ctx, self.store, self.open_case = ctx, ctx.store, open_case
        self.resize(1100, 680)
        self.tabs = QTabWidget()
        QVBoxLayout(self).addWidget(self.tabs)
        actor = ctx.actor()
        can_audit = not hasattr(actor, "can") or actor.can(Permission.EXPORT_AUDIT)
        self.tabs.addTab(self._queue_tab(), tr("上传队列"))
        self.tabs.addTab(self._inbox_tab(), tr("办理结果"))
        self.tabs.addTab(self._progress_tab(), tr("进度查询"))
        if can_audit:  # the screen reflects the permission; the core checks it when the log is read
            self.tabs.addTab(self._audit_tab(), tr("操作日志"))
            self.tabs.addTab(self._stats_tab(), tr("统计与报表"))
        self.reload_queue()
        self.reload_inbox()
        self.tabs.currentChanged.connect(self._tab_shown)

    def _tab_shown(self, index: int) -> None:
        """Each list is read again when its tab is shown (work happened meanwhile)."""
        page = self.tabs.widget(index)
        for table, reload in ((getattr(self, "queue", None), self.reload_queue),
                              (getattr(self, "inbox", None), self.reload_inbox),
                              (getattr(self, "audit_table", None), self.reload_audit)):
            if table is not None and page.isAncestorOf(table):
                reload()

    # -- queue --------------------------------------------------------------------------------
    def _queue_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.queue = _table([tr("数据包"), tr("业务号"), tr("状态"), tr("大小"), tr("上次错误"), tr("如何处理")],
                            "queueTable")
        layout.addWidget(self.queue)
        row = QHBoxLayout()
        self.retry_button = QPushButton(tr("重试"))
        self.retry_button.setObjectName("retryPacket")
        self.retry_button.clicked.connect(self.retry_selected)
        self.clear_button = QPushButton(tr("清除（须主管确认）……"))
        self.clear_button.setObjectName("clearPacket")
        self.clear_button.clicked.connect(self.clear_selected)
        refresh = QPushButton(tr("刷新"))
        refresh.clicked.connect(self.reload_queue)
        for b in (self.retry_button, self.clear_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(refresh)
        layout.addLayout(row)
        return page

    def reload_queue(self) -> None:
        from shared.sync.summary import advice, item_label, size_text

        def show(items) -> None:
            self.queue_items = items
            _fill(self.queue, [[i.packet_id, i.case_id, item_label(i.state), size_text(i.size),
                                i.last_error[:120], advice(i)] for i in items], [i.packet_id for i in items])
        run_task(lambda: sorted(self.ctx.outbox.items(), key=lambda i: i.updated_at, reverse=True), show, parent=self)

    def _selected(self, table: QTableWidget) -> str | None:
        row = table.currentRow()
        item = table.item(row, 0) if row >= 0 else None
        return item.data(Qt.UserRole) if item is not None else None

    def retry_selected(self) -> None:
        pid = self._selected(self.queue)
        if pid is None:
            return
        actor = self.ctx.actor()
        run_task(lambda: self.ctx.outbox.retry(pid, actor=actor),
                 lambda _i: (notify(tr("已重新排队上传：{pid}", pid=pid)), self.reload_queue()), notify_exception,
                 parent=self)

    def clear_selected(self) -> None:
        """A supervisor confirms with their own login and gives the reason."""
        from shared.ui.login import QtApprovalDialog
        pid = self._selected(self.queue)
        if pid is None:
            return
        auth, outbox = self.ctx.auth, self.ctx.outbox

        def decide(staff_id, password, _decision, reason):
            who = auth.confirm(staff_id, password, Permission.APPROVE) if auth is not None else staff_id
            return outbox.clear(pid, reason, actor=who)
        self.clear_dialog = QtApprovalDialog(decide, tr("清除数据包 {pid}：案件将退回草稿（新版本），修改后可重新提交。", pid=pid),
                                             self, decisions=False, title=tr("清除失败的数据包"))
        self.clear_dialog.accepted.connect(self.reload_queue)
        self.clear_dialog.open()

    # -- outcomes inbox -----------------------------------------------------------------------
    def _inbox_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.inbox_label = QLabel()
        self.inbox_label.setObjectName("inboxSince")
        layout.addWidget(self.inbox_label)
        self.inbox = _table([tr("业务号"), tr("结果"), tr("说明"), tr("时间")], "inboxTable")
        self.inbox.cellDoubleClicked.connect(lambda r, _c: self._open_from(self.inbox, r))
        layout.addWidget(self.inbox)
        return page

    def reload_inbox(self) -> None:
        from shared.sync.stats import outcomes_since
        from shared.sync.summary import describe, item_label
        actor = self.ctx.actor()
        since = getattr(actor, "previous_login_at", "") or ""
        self.inbox_label.setText(tr("上次登录（{at}）以来登记机构的答复；双击打开案件。", at=_local(since)) if since
                                 else tr("登记机构的全部答复；双击打开案件。"))

        def show(items) -> None:
            _fill(self.inbox, [[i.case_id, item_label(i.state), describe(i), _local(i.updated_at)] for i in items],
                  [i.case_id for i in items])
        run_task(lambda: outcomes_since(self.store, since), show, parent=self)

    def _open_from(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.open_case(item.data(Qt.UserRole) or item.text())

    # -- progress query -----------------------------------------------------------------------
    def _progress_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.progress_query = QLineEdit()
        self.progress_query.setObjectName("progressQuery")
        self.progress_query.setPlaceholderText(tr("业务号、申请人姓名或证件号码"))
        self.progress_query.returnPressed.connect(self.query_progress)
        ask = QPushButton(tr("查询"))
        ask.setObjectName("progressAsk")
        ask.clicked.connect(self.query_progress)
        row.addWidget(self.progress_query, 1)
        row.addWidget(ask)
        layout.addLayout(row)
        self.progress_table = _table([tr("业务号"), tr("版本"), tr("当前阶段"), tr("受理号"), tr("经过")], "progressTable")
        layout.addWidget(self.progress_table)
        self.progress_note = QLabel(tr("由登记服务器答复；只显示办理阶段，不显示个人信息。"))
        layout.addWidget(self.progress_note)
        return page

    def query_progress(self) -> None:
        from shared.sync.service import SyncService
        from shared.sync.summary import item_label
        query = self.progress_query.text().strip()
        if not query:
            return
        store, settings = self.store, self.ctx.settings

        def work():
            return SyncService(store, settings).client().progress_query(query).get("results") or []

        def show(results) -> None:
            rows = [[r.get("case_id", ""), r.get("revision", ""), item_label(r.get("stage", "")),
                     r.get("receipt_number", ""),
                     " → ".join("{} {}".format(item_label(h.get("kind", "")), _local(h.get("at", "")))
                                for h in r.get("history") or [])] for r in results]
            _fill(self.progress_table, rows, [r.get("case_id", "") for r in results])
            self.progress_note.setText(tr("找到 {n} 件业务。", n=len(results)) if results else tr("没有找到该业务的办理记录。"))
        run_task(work, show, lambda exc: self.progress_note.setText(exc.msg.render() if hasattr(exc, "msg")
                                                                      else tr("查询失败，请稍后重试")), parent=self)

    # -- audit log ----------------------------------------------------------------------------
    def _audit_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        row = QHBoxLayout()
        self.audit_operator = QLineEdit()
        self.audit_operator.setObjectName("auditOperator")
        self.audit_operator.setPlaceholderText(tr("工号或姓名"))
        self.audit_case = QLineEdit()
        self.audit_case.setObjectName("auditCase")
        self.audit_case.setPlaceholderText(tr("业务号"))
        self.audit_action = QComboBox()
        self.audit_action.setObjectName("auditAction")
        self.audit_action.addItem(tr("全部操作"), "")
        self.audit_since = QLineEdit()
        self.audit_since.setObjectName("auditSince")
        self.audit_since.setPlaceholderText("2026-01-01")
        self.audit_until = QLineEdit()
        self.audit_until.setObjectName("auditUntil")
        self.audit_until.setPlaceholderText("2026-12-31")
        for w in (self.audit_operator, self.audit_case, self.audit_action, self.audit_since, self.audit_until):
            row.addWidget(w)
        search = QPushButton(tr("筛选"))
        search.setObjectName("auditSearch")
        search.clicked.connect(self.reload_audit)
        row.addWidget(search)
        form.addRow(tr("条件"), row)
        layout.addLayout(form)
        self.audit_table = _table([tr("序号"), tr("时间"), tr("操作员"), tr("操作"), tr("业务号"), tr("详情")], "auditTable")
        layout.addWidget(self.audit_table)
        bottom = QHBoxLayout()
        self.audit_note = QLabel()
        bottom.addWidget(self.audit_note, 1)
        export = QPushButton(tr("导出（签名）……"))
        export.setObjectName("auditExport")
        export.clicked.connect(self._ask_export)
        bottom.addWidget(export)
        layout.addLayout(bottom)
        from shared.sync.audit_export import actions
        run_task(lambda: actions(self.store), lambda names: [self.audit_action.addItem(n, n) for n in names], parent=self)
        self.reload_audit()
        return page

    def audit_filter(self):
        from shared.sync.audit_export import AuditFilter
        return AuditFilter(self.audit_operator.text().strip(), self.audit_case.text().strip(),
                           self.audit_action.currentData() or "", self.audit_since.text().strip(),
                           self.audit_until.text().strip())

    def reload_audit(self) -> None:
        from shared.sync.audit_export import page
        flt, actor = self.audit_filter(), self.ctx.actor()

        def show(rows) -> None:
            _fill(self.audit_table, [[r[0], _local(r[1]), r[2], r[3], r[4] or "", r[5]] for r in rows])
            self.audit_note.setText(tr("显示最新 {n} 条", n=len(rows)))
        run_task(lambda: page(self.store, flt, 500, actor=actor), show, notify_exception, parent=self)

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("导出操作日志"), "audit.csv", "CSV (*.csv)")
        if path:
            self.export_audit(Path(path))

    def export_audit(self, path: Path) -> None:
        """Export what the filter selects, signed with the device key."""
        from shared.sync.audit_export import export
        flt, actor = self.audit_filter(), self.ctx.actor()
        run_task(lambda: export(self.store, path, flt, actor),
                 lambda sig: notify(tr("已导出 {n} 条操作日志及签名：{path}", n=sig["statement"]["rows"], path=str(path))),
                 notify_exception, parent=self)

    # -- statistics -----------------------------------------------------------------------------
    def _stats_tab(self) -> QWidget:
        import datetime as _dt
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.stats_period = QComboBox()
        self.stats_period.setObjectName("statsPeriod")
        year = _dt.date.today().year
        for y in (year, year - 1):
            for half in (2, 1):
                self.stats_period.addItem(tr("{y}年{h}半年", y=y, h=tr("上") if half == 1 else tr("下")), (y, half))
        self.stats_period.setCurrentIndex(0 if _dt.date.today().month > 6 else 1)
        self.stats_period.currentIndexChanged.connect(lambda _i: self.reload_stats())
        row.addWidget(self.stats_period)
        row.addStretch(1)
        report = QPushButton(tr("导出半年报表……"))
        report.setObjectName("usageReport")
        report.clicked.connect(self._ask_report)
        row.addWidget(report)
        layout.addLayout(row)
        self.stats_summary = QLabel()
        self.stats_summary.setObjectName("statsSummary")
        self.stats_summary.setWordWrap(True)
        layout.addWidget(self.stats_summary)
        charts = QHBoxLayout()
        self.chart_business = QtBarChart()
        self.chart_business.setObjectName("chartBusiness")
        self.chart_operator = QtBarChart()
        self.chart_operator.setObjectName("chartOperator")
        charts.addWidget(self.chart_business)
        charts.addWidget(self.chart_operator)
        layout.addLayout(charts, 1)
        self.chart_day = QtBarChart()
        self.chart_day.setObjectName("chartDay")
        layout.addWidget(self.chart_day, 1)
        self.reload_stats()
        return page

    def reload_stats(self) -> None:
        from shared.sync.stats import collect, half_year
        year, half = self.stats_period.currentData()
        since, until = half_year(year, half)
        catalog = self.ctx.catalog

        def show(stats) -> None:
            names = {c: (catalog.businesses[c].name if c in catalog.businesses else c) for c in stats.by_business}
            avg = stats.avg_hours_to_accept
            self.stats_summary.setText(tr(
                "新建案件 {n} 件，提交 {s} 件；已受理 {a:.0%}，需补正 {c:.0%}，不予受理 {x:.0%}；提交至受理平均 {h}。",
                n=sum(stats.by_business.values()), s=stats.submitted, a=stats.rate("accepted"),
                c=stats.rate("correction_requested"), x=stats.rate("not_accepted"),
                h=tr("{v:.1f} 小时", v=avg) if avg is not None else "—"))
            self.chart_business.set_bars(tr("按业务类型"), [(names[c], n) for c, n in sorted(stats.by_business.items())])
            self.chart_operator.set_bars(tr("按经办人"), sorted(stats.by_operator.items()))
            self.chart_day.set_bars(tr("按日（最近 31 天）"), [(d[5:], n) for d, n in sorted(stats.by_day.items())[-31:]])
        run_task(lambda: collect(self.store, since, until), show, notify_exception, parent=self)

    def _ask_report(self) -> None:
        year, half = self.stats_period.currentData()
        path, _ = QFileDialog.getSaveFileName(self, tr("导出半年报表"), "usage-{}-H{}.xlsx".format(year, half),
                                              "Excel (*.xlsx)")
        if path:
            self.export_report(Path(path))

    def export_report(self, path: Path) -> None:
        """The twice-yearly usage report of the selected half-year, as a spreadsheet."""
        from shared.sync.stats import usage_report
        year, half = self.stats_period.currentData()
        ctx, actor = self.ctx, self.ctx.actor()
        point = ctx.settings.get("service_point.name", "") or ""
        run_task(lambda: usage_report(ctx.store, path, year, half, ctx.catalog, point, actor),
                 lambda _s: notify(tr("已导出半年报表：{path}", path=str(path))), notify_exception, parent=self)

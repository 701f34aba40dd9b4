"""Statistics of the service point and the twice-yearly usage report (Qt-free).

Cases per business, per day and per operator, the registry's outcome rates and the average
time from submission to acceptance, read from the store (cases, outbox, audit log). The usage
report that banks send every half year (by 31 July and 31 December: direct connection,
coverage, products, usage figures, difficulties and suggestions) is written as a spreadsheet:
the figures filled in, the narrative parts left for the manager.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from shared.domain.operators import OperatorSession, Permission
from shared.store import audit_query as reports
from shared.store.operators import require

ACCEPTED = ("accepted", "registered", "proof_issued")


@dataclass
class Stats:
    """The figures of one period (``since`` inclusive, ``until`` exclusive, ISO dates)."""

    since: str
    until: str
    by_business: Counter = field(default_factory=Counter)
    by_day: Counter = field(default_factory=Counter)
    by_operator: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)   # accepted | not_accepted | correction_requested | pending
    submitted: int = 0
    avg_hours_to_accept: float | None = None

    def rate(self, outcome: str) -> float:
        """The share of submitted packets with ``outcome`` (0 when none were submitted)."""
        total = sum(self.outcomes.values())
        return self.outcomes[outcome] / total if total else 0.0


def _ts(s: str) -> _dt.datetime:
    return _dt.datetime.fromisoformat(s)


def collect(store, since: str, until: str) -> Stats:
    """The figures of cases created and packets submitted in [since, until)."""
    stats = Stats(since, until)

    def work(conn) -> None:
        for biz, day, op in reports.case_rows(conn, since, until):
            stats.by_business[biz] += 1
            stats.by_day[day] += 1
            stats.by_operator[op] += 1
        for state in reports.packet_states(conn, since, until):
            stats.submitted += 1
            if state in ACCEPTED:
                stats.outcomes["accepted"] += 1
            elif state in ("not_accepted", "correction_requested"):
                stats.outcomes[state] += 1
            else:
                stats.outcomes["pending"] += 1
        submitted: dict[str, str] = {}
        waits = []
        for action, case_id, at in reports.submit_and_accept(conn, since):
            if action == "submit":
                submitted[case_id] = at
            elif case_id in submitted:
                waits.append((_ts(at) - _ts(submitted.pop(case_id))).total_seconds() / 3600)
        stats.avg_hours_to_accept = sum(waits) / len(waits) if waits else None
    store.run(work)
    return stats


def half_year(year: int, half: int) -> tuple[str, str]:
    """The period of a half-year report: (1 Jan, 1 Jul) or (1 Jul, 1 Jan next year)."""
    return ("{}-01-01".format(year), "{}-07-01".format(year)) if half == 1 else \
        ("{}-07-01".format(year), "{}-01-01".format(year + 1))


def usage_report(store, out: Path, year: int, half: int, catalog, service_point: str = "",
                 actor: OperatorSession | str | None = None) -> Stats:
    """Write the half-year usage report (xlsx) for ``service_point``; needs the export permission."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    require(store, actor, Permission.EXPORT_AUDIT, "usage_report")
    since, until = half_year(year, half)
    stats = collect(store, since, until)
    wb = Workbook()
    ws = wb.active
    ws.title = "应用数据"
    bold = Font(bold=True)
    ws.append(["“不动产登记+金融”工作进展情况报告（{}年{}半年）".format(year, "上" if half == 1 else "下")])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["服务点", service_point])
    ws.append(["统计期间", "{} 至 {}（不含）".format(since, until)])
    ws.append([])
    ws.append(["业务类型", "代码", "受理件数"])
    for cell in ws[ws.max_row]:
        cell.font = bold
    for code, n in sorted(stats.by_business.items()):
        biz = catalog.businesses.get(code)
        ws.append([biz.name if biz else code, code, n])
    ws.append(["合计", "", sum(stats.by_business.values())])
    ws.append([])
    ws.append(["已提交数据包", stats.submitted])
    for key, label in (("accepted", "已受理"), ("not_accepted", "不予受理"), ("correction_requested", "需补正"),
                       ("pending", "办理中")):
        ws.append([label, stats.outcomes[key], "{:.1%}".format(stats.rate(key))])
    ws.append(["提交至受理平均用时（小时）",
               round(stats.avg_hours_to_accept, 1) if stats.avg_hours_to_accept is not None else "—"])
    ws.column_dimensions["A"].width = 36
    days = wb.create_sheet("按日")
    days.append(["日期", "新建案件"])
    for day, n in sorted(stats.by_day.items()):
        days.append([day, n])
    ops = wb.create_sheet("按经办人")
    ops.append(["经办人", "新建案件"])
    for op, n in sorted(stats.by_operator.items()):
        ops.append([op or "—", n])
    notes = wb.create_sheet("情况说明")
    for item in ("系统直连", "覆盖范围", "产品开发", "存在困难", "意见建议"):
        notes.append([item, "（请填写）"])
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 80
    wb.save(str(out))
    store.transaction(lambda tx: tx.audit("usage_report", None, "period={}..{}".format(since, until),
                                          operator=actor.label if isinstance(actor, OperatorSession) else None))
    return stats


def outcomes_since(store, since: str) -> list:
    """The registry's answers (receipts, refusals, correction requests, registrations) that
    arrived since ``since`` (ISO; empty: all), newest first, as outbox items."""
    from shared.sync.outbox import Outbox
    answers = ("accepted", "not_accepted", "correction_requested", "registered", "proof_issued")
    items = [i for i in Outbox(store).items(answers) if not since or i.updated_at >= since]
    return sorted(items, key=lambda i: i.updated_at, reverse=True)

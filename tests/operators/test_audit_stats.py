"""The audit viewer's filters (operator by staff id or name, case, action, dates), the
statistics and the half-year usage report; reading the log needs the audit permission."""

from __future__ import annotations

import pytest
from flow_helpers import fill_form

from shared.domain.operators import PermissionDenied
from shared.sync.audit_export import AuditFilter, page
from shared.sync.stats import collect, half_year, usage_report
from shared.workflow.session import CaseSession


def _cases(store, catalog, login, fake):
    a = CaseSession.new(store, catalog, "mortgage_first_general", operator=login("O1"))
    fill_form(a, fake)
    b = CaseSession.new(store, catalog, "mortgage_cancel", operator=login("O2"))
    fill_form(b, fake)
    return a, b


def test_filters_select_what_they_say(store, catalog, login, fake):
    a, b = _cases(store, catalog, login, fake)
    sup = login("SUP1")
    by_id = page(store, AuditFilter(operator="O1"), actor=sup)
    by_name = page(store, AuditFilter(operator="王芳"), actor=sup)
    assert by_id and by_id == by_name and {r[2] for r in by_id} == {"王芳（O1）"}
    assert {r[4] for r in page(store, AuditFilter(case_id=b.case_id), actor=sup)} == {b.case_id}
    logins = page(store, AuditFilter(action="login"), actor=sup)
    assert {r[3] for r in logins} == {"login"} and len(logins) == 3
    today = by_id[0][1][:10]
    assert page(store, AuditFilter(since=today, until=today), actor=sup)
    assert page(store, AuditFilter(until="2000-01-01"), actor=sup) == []
    assert page(store, AuditFilter(since="2999-01-01"), actor=sup) == []
    newest = page(store, AuditFilter(), limit=3, actor=sup)
    assert [r[0] for r in newest] == sorted((r[0] for r in newest), reverse=True)
    assert page(store, AuditFilter(), limit=2, before_seq=newest[-1][0], actor=sup)[0][0] == newest[-1][0] - 1
    with pytest.raises(PermissionDenied):
        page(store, AuditFilter(), actor=login("O1"))


def test_statistics_and_the_usage_report(store, catalog, login, fake, tmp_path):
    import datetime as _dt

    from openpyxl import load_workbook
    _cases(store, catalog, login, fake)
    today = _dt.date.today()
    half = 1 if today.month <= 6 else 2
    since, until = half_year(today.year, half)
    stats = collect(store, since, until)
    assert stats.by_business == {"mortgage_first_general": 1, "mortgage_cancel": 1}
    assert stats.by_operator == {"王芳（O1）": 1, "周杰（O2）": 1}
    assert sum(stats.by_day.values()) == 2 and stats.submitted == 0 and stats.rate("accepted") == 0
    with pytest.raises(PermissionDenied):
        usage_report(store, tmp_path / "r.xlsx", today.year, half, catalog, "SP1", login("O1"))
    usage_report(store, tmp_path / "r.xlsx", today.year, half, catalog, "SP1", login("SUP1"))
    wb = load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == ["应用数据", "按日", "按经办人", "情况说明"]
    values = [c for row in wb["应用数据"].iter_rows(values_only=True) for c in row if c is not None]
    assert "合计" in values and 2 in values
    assert half_year(2026, 2) == ("2026-07-01", "2027-01-01")


def test_an_export_reads_back_as_csv(store, login, tmp_path):
    import csv

    from op_helpers import fake_enroll

    from shared.sync.audit_export import export
    fake_enroll(store)
    store.transaction(lambda tx: tx.audit("packet_cleared", "C1", 'packet=P reason=网络"异常", 已重发\n次日', operator="李强（SUP1）"))
    export(store, tmp_path / "a.csv", AuditFilter(case_id="C1"), login("SUP1"))
    with open(tmp_path / "a.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["seq", "at", "operator", "action", "case_id", "detail", "hash"]
    assert rows[1][2:6] == ["李强（SUP1）", "packet_cleared", "C1", 'packet=P reason=网络"异常", 已重发\n次日']

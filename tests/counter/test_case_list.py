"""The case list at any size: one page per query, queries off the UI thread, refresh in place.

Counted, never timed: how many rows reach the UI thread per refresh, on which thread the
store was asked, which model signals a refresh sends.
"""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication  # noqa: E402

from counter.case_list import PAGE, QtCaseList  # noqa: E402
from shared.domain.case import Case, Party  # noqa: E402
from shared.domain.catalog import default_catalog  # noqa: E402

N = PAGE * 2 + 50


@pytest.fixture
def filled(store, fake):
    cases = []
    for i in range(N):
        p = fake.person()
        c = Case("mortgage_cancel")
        c.parties = [Party("mortgagor", "person", p.name, "1", p.id_number)]
        cases.append(c)
    store.write(lambda conn: [store.write_case(conn, c) for c in cases])
    return cases


@pytest.fixture
def case_list(qtbot, store, filled, monkeypatch):
    calls = []
    real = store.list_cases_in

    def spy(*args, **kwargs):
        calls.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)
    monkeypatch.setattr(store, "list_cases_in", spy)
    w = QtCaseList(store, default_catalog())
    qtbot.addWidget(w)
    w.resize(900, 500)
    w.show()
    w.query_on_main_thread = calls
    return w


def _signals(model):
    seen = {"reset": 0, "inserted": 0, "removed": 0, "layout": 0, "changed": []}
    model.modelReset.connect(lambda: seen.__setitem__("reset", seen["reset"] + 1))
    model.rowsInserted.connect(lambda _p, a, b: seen.__setitem__("inserted", seen["inserted"] + b - a + 1))
    model.rowsRemoved.connect(lambda _p, a, b: seen.__setitem__("removed", seen["removed"] + b - a + 1))
    model.layoutChanged.connect(lambda *_: seen.__setitem__("layout", seen["layout"] + 1))
    model.dataChanged.connect(lambda a, b, _r=None: seen["changed"].extend(range(a.row(), b.row() + 1)))
    return seen


def test_a_refresh_builds_one_page_on_the_ui_thread_and_queries_elsewhere(qtbot, case_list):
    with qtbot.waitSignal(case_list.loaded, timeout=10000):
        case_list.reload()
    model = case_list.model
    assert case_list.row_count() == PAGE and model.rows_received == PAGE
    assert case_list.query_on_main_thread and not any(case_list.query_on_main_thread)
    assert model.canFetchMore()
    qtbot.waitUntil(lambda: case_list.count_label.text() == "共 {} 件".format(N), timeout=10000)
    # scrolling to the end asks for exactly one more page
    case_list.table.scrollToBottom()
    qtbot.waitUntil(lambda: case_list.row_count() == 2 * PAGE, timeout=10000)
    assert model.rows_received == 2 * PAGE
    assert not any(case_list.query_on_main_thread)


def test_the_rows_are_the_newest_first_and_masked(qtbot, case_list, filled):
    with qtbot.waitSignal(case_list.loaded, timeout=10000):
        case_list.reload()
    newest = sorted(filled, key=lambda c: (c.updated_at, [-ord(ch) for ch in c.id]), reverse=True)[0]
    row = next(i for i in range(case_list.row_count()) if case_list.cell_text(i, 0) == newest.id)
    assert case_list.cell_text(row, 2) != newest.parties[0].name
    assert case_list.cell_text(row, 3) != newest.parties[0].id_number
    assert case_list.cell_text(row, 3)[-4:] == newest.parties[0].id_number[-4:]


def test_return_to_the_list_updates_changed_rows_in_place(qtbot, case_list, store, monkeypatch):
    with qtbot.waitSignal(case_list.loaded, timeout=10000):
        case_list.reload()
    model = case_list.model
    third = case_list.cell_text(2, 0)
    case_list.table.selectRow(2)

    def add_packet(tx):
        tx.outbox.insert("pk-1", third, 1, "f", 10, "s", "sig", "2026-01-01T00:00:00+00:00")
        tx.outbox.update("pk-1", state="registered", outcome={"receipt_number": "R-77"})
    store.transaction(add_packet)
    seen = _signals(model)
    with qtbot.waitSignal(case_list.loaded, timeout=10000):
        case_list.reload()  # same filters: in place
    assert seen["reset"] == 0 and seen["inserted"] == 0 and seen["removed"] == 0
    assert seen["changed"] == [2]
    assert "R-77" in case_list.cell_text(2, 6)
    assert model.rows_received == 2 * PAGE
    # an edit moves its case to the top: a layout change, the selection follows the case
    case = store.get_case(third)
    case.parties[0].name = "钱七"
    monkeypatch.setattr("shared.store.store.now_iso", lambda: "2099-01-01T00:00:00+00:00")
    store.save_case(case)
    seen = _signals(model)
    with qtbot.waitSignal(case_list.loaded, timeout=10000):
        case_list.reload()
    assert seen["reset"] == 0 and seen["layout"] == 1 and seen["changed"] == [0]
    assert case_list.cell_text(0, 0) == third
    assert [i.row() for i in case_list.table.selectionModel().selectedRows()] == [0]
    # a new case appears, a deleted one goes, without a reset
    store.delete_draft(case_list.cell_text(5, 0))
    monkeypatch.setattr("shared.store.store.now_iso", lambda: "2099-01-02T00:00:00+00:00")
    added = store.save_case(Case("mortgage_cancel"))
    seen = _signals(model)
    with qtbot.waitSignal(case_list.loaded, timeout=10000):
        case_list.reload()
    assert seen["reset"] == 0 and seen["removed"] == 1 and seen["inserted"] == 1
    assert case_list.cell_text(0, 0) == added.id and case_list.row_count() == PAGE


def test_search_as_you_type_is_debounced_and_runs_off_the_ui_thread(qtbot, case_list, filled):
    with qtbot.waitSignal(case_list.loaded, timeout=10000):
        case_list.reload()
    target = filled[3]
    asked = len(case_list.query_on_main_thread)
    with qtbot.waitSignal(case_list.loaded, timeout=10000):
        for ch in target.parties[0].id_number:  # one keystroke at a time, events handled between
            case_list.search.insert(ch)
            QApplication.processEvents()
    qtbot.waitUntil(lambda: case_list.row_count() == 1, timeout=10000)
    assert case_list.cell_text(0, 0) == target.id
    assert len(case_list.query_on_main_thread) - asked == 1  # eighteen keystrokes, one query
    assert not any(case_list.query_on_main_thread)
    qtbot.waitUntil(lambda: case_list.count_label.text() == "共 1 件", timeout=10000)


def test_activating_a_row_opens_its_case(qtbot, case_list):
    with qtbot.waitSignal(case_list.loaded, timeout=10000):
        case_list.reload()
    with qtbot.waitSignal(case_list.openRequested, timeout=5000) as sig:
        case_list.table.activated.emit(case_list.model.index(4, 1))
    assert sig.args == [case_list.cell_text(4, 0)]


def test_first_page_shown_without_a_query_of_its_own_and_titles_kept_through_resets(qtbot, store, filled,
                                                                                    monkeypatch):
    """The page read with the store is shown as it is (no query on any thread until the view
    scrolls or the filters change); the column titles, kept in their own header model, stay
    through every model reset."""
    from PySide6.QtCore import Qt

    from counter.case_list import COLUMNS, first_page
    from shared.i18n import tr
    rows = first_page(store, default_catalog())
    asked = []
    real = store.list_cases_in
    monkeypatch.setattr(store, "list_cases_in", lambda *a, **k: asked.append(1) or real(*a, **k))
    w = QtCaseList(store, default_catalog(), first_page=rows)
    qtbot.addWidget(w)
    w.resize(900, 500)
    w.show()
    assert w.preloaded and w.row_count() == PAGE and not asked
    assert w.cell_text(0, 0) == rows[0].id
    qtbot.waitUntil(lambda: w.count_label.text() == "共 {} 件".format(N), timeout=10000)
    header = w.table.horizontalHeader()

    def titles():
        return [header.model().headerData(i, Qt.Horizontal) for i in range(header.count())]
    assert titles() == [tr(c) for c in COLUMNS]
    with qtbot.waitSignal(w.loaded, timeout=10000):
        w.search.setText(rows[0].id)   # other filters: a reset of the model with one row
    assert w.row_count() == 1 and asked
    assert titles() == [tr(c) for c in COLUMNS]

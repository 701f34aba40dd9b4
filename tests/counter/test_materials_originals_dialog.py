"""The counter's paper-originals hand-over dialog: create a batch, see it overdue, deliver it."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from PySide6.QtCore import Qt

from counter.originals_dialog import STATE_COLOUR, QtOriginalsDialog
from shared.ui.theme import colour
from shared.domain.case import Case
from shared.domain.catalog import default_catalog
from shared.store import originals

SHOTS = Path(os.environ.get("YIZHAN_SHOTS", "/tmp/yizhan-shots"))


def _cases(store, sample_case, n):
    out = []
    for i in range(n):
        case = Case.from_dict(sample_case.to_dict())
        case.id = "YZ2026030{}AAAA{}".format(i + 1, i)
        case.materials = {"property_certificate": ["p1", "p2"], "mortgage_contract": ["m1"]}
        store.save_case(case)
        out.append(case)
    return out


def test_create_overdue_deliver(qtbot, store, sample_case):
    cases = _cases(store, sample_case, 3)
    old = originals.create_batch(store, [cases[2].id], _dt.date(2026, 3, 1))
    dialog = QtOriginalsDialog(store, default_catalog(), today=_dt.date(2026, 3, 10))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.show()
    assert dialog.table.rowCount() == 1
    state = dialog.table.item(0, 4)
    assert state.text().startswith("已逾期") and state.foreground().color() == colour(STATE_COLOUR["overdue"])
    assert dialog.cases.count() == 2
    assert "不动产权证书2页" in dialog.cases.item(0).text()
    dialog.cases.item(0).setSelected(True)
    dialog.cases.item(1).setSelected(True)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        qtbot.mouseClick(dialog.create_button, Qt.LeftButton)
    assert dialog.table.rowCount() == 2 and dialog.cases.count() == 0
    new = next(b for b in dialog.batches if b.id != old.id)
    assert new.deadline == _dt.date(2026, 3, 15) and new.state == "pending"
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "originals_dialog.png"))
    dialog.table.selectRow([b.id for b in dialog.batches].index(old.id))
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        qtbot.mouseClick(dialog.deliver_button, Qt.LeftButton)
    assert originals.get_batch(store, old.id).state == "delivered"
    row = [b.id for b in dialog.batches].index(old.id)
    assert dialog.table.item(row, 4).text().startswith("已移交")

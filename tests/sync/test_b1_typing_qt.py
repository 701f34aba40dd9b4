"""B1: a counter mortgage first registration whose loan came from the bank's system takes at
most 30 typed characters, counted through the real counter window against the reference
server (the walk: b1_walks.py). ``bench/b1_typing.py`` runs it with today's typed walk beside
it as the baseline (``YIZHAN_B1_BASELINE=1``) and reads the counts from ``YIZHAN_B1_REPORT``."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtWidgets import QLineEdit

import b1_walks
from test_counter_walk_qt import reader  # noqa: F401  (the emulated card reader fixture)

GOAL = 30
WALKS = ["imported"] + (["typed"] if os.environ.get("YIZHAN_B1_BASELINE") else [])


def test_the_typist_counts_keys_and_committed_text(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    typist = b1_walks.Typist()
    try:
        typist.type(qtbot, edit, "DY2026001")
        typist.type(qtbot, edit, "主债权及利息")
        typist.said("Super2026x", "password")
        edit.setReadOnly(True)
        qtbot.keyClicks(edit, "xyz")               # nothing goes into a read-only field
    finally:
        typist.close()
    assert (typist.keys, typist.committed, typist.total) == (9, 6 + 10, 25)


@pytest.mark.parametrize("how", WALKS)
def test_b1_typed_characters(qtbot, tmp_path, srv, fake, reader, monkeypatch, how):  # noqa: F811
    result = b1_walks.run(qtbot, tmp_path, srv, fake, reader, monkeypatch, imported=how == "imported",
                          shots="b1_" + how)
    case = result["case"]
    report = os.environ.get("YIZHAN_B1_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"walk": how, "typed": result["typed"], "keys": result["keys"],
                                 "committed": result["committed"], "log": result["log"]}, ensure_ascii=False) + "\n")
    if how == "imported":
        assert case.channel == "import" and case.loan_reference
        assert case.bank["filings"] and {f["kind"] for f in case.bank["filings"]} >= {"business_licence", "officer_id"}
        # the filings travelled in the packet: the registry has the bank's references, not re-scanned copies
        (sealed,) = srv.state.db.all("SELECT case_doc FROM packets WHERE case_id = ?", (case.id,))[0]
        delivered = srv.state.db.unseal(sealed, "case_doc")
        delivered = json.loads(delivered) if isinstance(delivered, (str, bytes)) else delivered
        assert {f["reference"] for f in delivered["bank"]["filings"]} == {f["reference"] for f in case.bank["filings"]}
        assert "bank_credentials" not in delivered["materials"]
        assert result["typed"] <= GOAL, result["log"]
        assert result["typed"] > 0     # the interview's free answers and the reasons are still typed
    else:
        assert result["typed"] > GOAL, result["log"]

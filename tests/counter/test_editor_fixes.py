"""What a new officer stumbled on in the case editor: the completeness line, the step strip,
the add-party button at the maximum, the stop banner after a correction."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from counter.case_editor import QtCaseEditor
from counter.context import AppContext
from counter.tabs.interview import QtInterviewTab
from shared.domain import steps as st
from shared.domain.catalog import default_catalog
from test_interview_tab import _click, answer_all


def _editor(qtbot, store, case, **kw):
    ed = QtCaseEditor(AppContext.for_store(store, default_catalog()), **kw)
    qtbot.addWidget(ed)
    ed.resize(1366, 768)
    ed.open_case(case)
    ed.show()
    return ed


def test_completeness_line_agrees_with_the_steps(qtbot, store, sample_case):
    ed = _editor(qtbot, store, sample_case)
    blocking = st.blocking_steps(ed.steps)
    assert blocking  # no identity, no interview, no pages yet
    text = ed.status.text()
    assert "可以提交" not in text and text.startswith("尚不能提交")
    assert blocking[0].title.render() in text and ed.status.property("role") == "warning"
    strip = ed.step_strip.buttons
    assert set(strip) >= {s.key for s in blocking}
    assert strip["data"].property("role") == "ok" and not strip["data"].isEnabled()
    identity = next(s for s in blocking if s.kind == "identity")
    strip[identity.key].click()   # a blocked step leads to its page
    assert type(ed.tabs.currentWidget()).__name__ == "QtIdentityTab"


def test_add_party_is_off_at_the_role_maximum(qtbot, store, sample_case):
    ed = _editor(qtbot, store, sample_case)
    role = next(r for r in ed.biz.roles if r.role == "mortgagor")
    add = ed.add_buttons["mortgagor"]
    while ed._count("mortgagor") < role.max:
        assert add.isEnabled()
        qtbot.mouseClick(add, Qt.LeftButton)
    assert not add.isEnabled() and ed._count("mortgagor") == role.max
    ed.party_editors[-1].removeRequested.emit(ed.party_editors[-1])
    assert add.isEnabled()


def test_stop_banner_clears_once_the_answer_is_corrected(qtbot, store, sample_case):
    ed = _editor(qtbot, store, sample_case, tabs=(QtInterviewTab,))
    tab = ed.pages[0]
    ed.tabs.setCurrentWidget(tab)
    mortgagor = next(p for p in ed.case.parties if p.role == "mortgagor")
    _click(qtbot, tab, "start:" + mortgagor.party_id)
    with qtbot.waitSignal(tab.stopped, timeout=10000):
        answer_all(qtbot, tab.view, {"true_intention": True, "signed_voluntarily": False})
    qtbot.waitUntil(lambda: tab.banner.isVisible(), timeout=5000)
    assert "不能继续办理" in tab.banner.text() and tab.banner.property("role") == "error"
    _click(qtbot, tab.view, "stopBackButton")   # the party corrects the answer
    qtbot.waitUntil(lambda: not tab.banner.isVisible(), timeout=10000)
    assert store.get_case(ed.case.id).interview[mortgagor.party_id]["status"] == "in_progress"
    assert tab.findChild(QPushButton, "start:" + mortgagor.party_id) is not None

"""QtInterviewView and QtSignaturePad through qtbot: answers, stop, confirmation, strokes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from shared.domain.case import Case, Party  # noqa: E402
from shared.domain.interview import InterviewSession, load_template  # noqa: E402
from shared.domain.signature import InkRule, content_sha256, verify_binding  # noqa: E402
from shared.errors import ValidationError  # noqa: E402
from shared.ui.interview_view import QtInterviewView  # noqa: E402
from shared.ui.signature_pad import QtSignaturePad  # noqa: E402


def _session():
    case = Case("mortgage_first_general")
    for k, v in {"mortgage.amount": "800000", "mortgage.debt_from": "2026-01-01", "mortgage.debt_to": "2036-01-01",
                 "property.location": "福州市鼓楼区五一路1号", "mortgage.guarantee_scope": "主债权及利息",
                 "mortgage.leased": False}.items():
        case.set(k, v)
    party = Party("mortgagor", name="张小三")
    case.parties.append(party)
    return InterviewSession(load_template("mortgage_first"), case, party)


NO = {"dispute_or_seized", "other_mortgage", "leased"}


def _click(qtbot, view, name):
    button = view.findChild(type(view.back_button), name)
    assert button is not None and button.isVisible(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _answer_through(qtbot, view):
    while view.session.current is not None:
        q = view.session.current
        if q.type == "yes_no":
            _click(qtbot, view, "noButton" if q.id in NO else "yesButton")
        elif q.type == "choice":
            _click(qtbot, view, "choiceButton0")
        else:
            view.answer_edit.setText("无" if q.type == "text" else "50")
            _click(qtbot, view, "nextButton")


def test_interview_flow_to_confirmation_and_finished(qtbot, tmp_path):
    view = QtInterviewView(_session(), "抵押人")
    qtbot.addWidget(view)
    view.resize(1024, 700)
    view.show()
    assert "张*三" in view.party_label.text() and "张小三" not in view.party_label.text()
    assert view.progress_label.text().startswith("第 1 题")
    assert "真实意思表示" in view.question_label.text()
    view.grab().save(str(tmp_path / "interview_question.png"))
    _answer_through(qtbot, view)
    assert view.pages.currentIndex() == 2
    assert "800,000.00 元" in view.record_label.text() and "真实性承诺" in view.record_label.text()
    view.grab().save(str(tmp_path / "interview_confirm.png"))
    with qtbot.waitSignal(view.finished) as blocker:
        _click(qtbot, view, "confirmButton")
    record = blocker.args[0]
    assert record["status"] == "completed" and record["confirmed_at"]


def test_typed_answer_is_validated_with_a_message(qtbot):
    view = QtInterviewView(_session(), "抵押人")
    qtbot.addWidget(view)
    view.show()
    while view.session.current.id != "ownership":
        q = view.session.current
        _click(qtbot, view, "noButton" if q.id in NO else "yesButton")
    _click(qtbot, view, "choiceButton2")  # 按份共有
    assert view.session.current.id == "share" and view.answer_edit.isVisible()
    view.answer_edit.setText("150")
    _click(qtbot, view, "nextButton")
    assert "不超过100" in view.error_label.text() and view.session.current.id == "share"
    view.answer_edit.setText("50")
    _click(qtbot, view, "nextButton")
    assert view.session.answers["share"] == "50" and view.error_label.text() == ""


def test_stop_is_shown_with_its_reason_and_can_be_corrected(qtbot, tmp_path):
    view = QtInterviewView(_session(), "抵押人")
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.stopped) as blocker:
        _click(qtbot, view, "noButton")
    assert blocker.args[0] == "非本人真实意思表示，不能继续办理"
    assert view.pages.currentIndex() == 1 and view.stop_label.text() == blocker.args[0]
    view.grab().save(str(tmp_path / "interview_stop.png"))
    _click(qtbot, view, "stopBackButton")
    assert view.pages.currentIndex() == 0 and view.session.current.id == "true_intention"


def _stroke(qtbot, pad, points):
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[0]))
    for p in points[1:]:
        QTest.mouseMove(pad, QPoint(*p))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[-1]))


def test_signature_pad_strokes_ink_undo_and_binding(qtbot, tmp_path):
    pad = QtSignaturePad(rule=InkRule(min_length=150, min_width=60, min_height=20))
    qtbot.addWidget(pad)
    pad.resize(600, 220)
    pad.show()
    qtbot.waitExposed(pad)
    assert pad.ink_problem().code == "signature.empty"
    with qtbot.waitSignal(pad.changed):
        _stroke(qtbot, pad, [(50, 150), (60, 140)])
    assert pad.ink_problem().code == "signature.too_little"
    _stroke(qtbot, pad, [(80, 160), (140, 60), (200, 160), (260, 60), (320, 160)])
    _stroke(qtbot, pad, [(360, 80), (420, 80), (480, 150)])
    strokes = pad.strokes()
    assert len(strokes) == 3 and all(len(p) == 4 for s in strokes for p in s)
    assert strokes[1][0][:2] == [80.0, 160.0] and strokes[1][-1][:2] == [320.0, 160.0]
    assert pad.ink_problem() is None
    record = {"template": "mortgage_first", "answers": [{"id": "true_intention", "answer": True}]}
    sig = pad.signature(record, "party1")
    assert sig.content_sha256 == content_sha256(record) and verify_binding(sig, record)
    assert not verify_binding(sig, {**record, "answers": []})
    assert sig.png.startswith(b"\x89PNG") and sig.signer == "party1"
    pad.grab().save(str(tmp_path / "signature_pad.png"))
    assert pad.undo() and pad.undo() and len(pad.strokes()) == 1
    try:
        pad.signature(record, "party1")
        raise AssertionError("too little ink must be refused")
    except ValidationError as err:
        assert err.msg.code == "signature.too_little"
    pad.clear()
    assert pad.is_empty() and not pad.undo()

"""QtInterviewView: the formatted interview, one party at a time, big clear controls.

It renders an :class:`~shared.domain.interview.InterviewSession` (the flow lives in the core):
the question with the case's values filled in, big 是/否 or choice buttons, an input line for
shares, amounts, dates and text, validation messages, progress, a stop page with its reason,
and a confirmation page listing every answer with the closing text and the truthfulness
commitment. ``finished(record)`` fires when the party confirms; ``stopped(reason)`` when an
answer stops the case (the party may still go back and correct the answer).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QScrollArea,
                               QSizePolicy, QStackedWidget, QVBoxLayout, QWidget)

from shared.domain.interview import InterviewSession, Question
from shared.i18n import N_, tr
from shared.security.masking import mask_name

_PLACEHOLDERS = {"share_percent": N_("份额（%），如 50"), "amount": N_("金额（元）"), "date": N_("日期，如 2024-05-01"),
                 "text": N_("请输入")}


def _button(text: str, name: str, tone: str = "primary") -> QPushButton:
    """A large button; the theme colours it by ``tone`` (primary, secondary, confirm)."""
    b = QPushButton(text)
    b.setObjectName(name)
    b.setProperty("tone", tone)
    b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return b


class QtInterviewView(QWidget):
    """The interview screen of one party (counter now, kiosk later)."""

    finished = Signal(dict)
    stopped = Signal(str)
    answered = Signal(str)  # the question id just answered

    def __init__(self, session: InterviewSession | None = None, party_label: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: InterviewSession | None = None
        self._build()
        if session is not None:
            self.start(session, party_label)

    # -- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        self.setObjectName("interviewView")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)
        self.party_label = QLabel(objectName="partyLabel")
        self.progress_label = QLabel(objectName="progressLabel")
        top = QHBoxLayout()
        top.addWidget(self.party_label, 1)
        top.addWidget(self.progress_label)
        outer.addLayout(top)
        self.progress_bar = QProgressBar(objectName="progressBar")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedHeight(12)
        outer.addWidget(self.progress_bar)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.pages.addWidget(self._question_page())
        self.pages.addWidget(self._stop_page())
        self.pages.addWidget(self._confirm_page())

    def _question_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setSpacing(18)
        self.question_label = QLabel(objectName="questionLabel")
        self.question_label.setWordWrap(True)
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        lay.addWidget(self.question_label)
        self.answer_box = QWidget()
        self.answer_layout = QHBoxLayout(self.answer_box)
        self.answer_layout.setSpacing(24)
        lay.addWidget(self.answer_box)
        self.answer_edit = QLineEdit(objectName="answerEdit")
        self.answer_edit.returnPressed.connect(self._submit_text)
        lay.addWidget(self.answer_edit)
        self.error_label = QLabel(objectName="errorLabel")
        self.error_label.setWordWrap(True)
        lay.addWidget(self.error_label)
        lay.addStretch(1)
        nav = QHBoxLayout()
        self.back_button = _button(tr("上一题"), "backButton", "secondary")
        self.back_button.clicked.connect(self._back)
        self.next_button = _button(tr("下一题"), "nextButton")
        self.next_button.clicked.connect(self._submit_text)
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        lay.addLayout(nav)
        return page

    def _stop_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        title = QLabel(tr("询问终止"), objectName="stopTitle")
        self.stop_label = QLabel(objectName="stopLabel")
        self.stop_label.setWordWrap(True)
        hint = QLabel(tr("如回答有误，可返回上一题更正；否则本业务不能继续办理。"), objectName="stopHint")
        hint.setWordWrap(True)
        self.stop_back_button = _button(tr("返回更正回答"), "stopBackButton", "secondary")
        self.stop_back_button.clicked.connect(self._back)
        for w in (title, self.stop_label, hint):
            lay.addWidget(w)
        lay.addStretch(1)
        lay.addWidget(self.stop_back_button)
        return page

    def _confirm_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        title = QLabel(tr("请核对以下询问记录"), objectName="confirmTitle")
        lay.addWidget(title)
        self.record_label = QLabel(objectName="recordLabel")
        self.record_label.setWordWrap(True)
        self.record_label.setTextFormat(Qt.TextFormat.RichText)
        self.record_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.record_label)
        lay.addWidget(scroll, 1)
        nav = QHBoxLayout()
        self.confirm_back_button = _button(tr("返回修改"), "confirmBackButton", "secondary")
        self.confirm_back_button.clicked.connect(self._back)
        self.confirm_button = _button(tr("确认无误，去签名"), "confirmButton", "confirm")
        self.confirm_button.clicked.connect(self._confirm)
        nav.addWidget(self.confirm_back_button)
        nav.addStretch(1)
        nav.addWidget(self.confirm_button)
        lay.addLayout(nav)
        return page

    # -- flow -----------------------------------------------------------------------------------
    def start(self, session: InterviewSession, party_label: str = "") -> None:
        """Show ``session`` (one party); ``party_label`` e.g. "抵押人" (the name is masked)."""
        self.session = session
        name = mask_name(session.party.name) if session.party.kind == "person" else session.party.name
        self.party_label.setText("{} {}".format(party_label or session.party.role, name).strip())
        self._refresh()

    def _refresh(self) -> None:
        s = self.session
        if s is None:
            return
        done, total = s.progress
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)
        self.error_label.clear()
        if s.stopped:
            self.progress_label.setText(tr("已终止"))
            self.stop_label.setText(s.stop_reason.render() if s.stop_reason else "")
            self.pages.setCurrentIndex(1)
        elif s.completed:
            self.progress_label.setText(tr("共 {n} 题，已全部回答", n=total))
            self.record_label.setText(self._record_html())
            self.pages.setCurrentIndex(2)
        else:
            self.progress_label.setText(tr("第 {i} 题 / 共 {n} 题", i=done + 1, n=total))
            self._show_question(s.current)
            self.pages.setCurrentIndex(0)

    def _show_question(self, q: Question) -> None:
        self.question_label.setText(q.text_for(self.session.case))
        while self.answer_layout.count():
            item = self.answer_layout.takeAt(0)
            old = item.widget()
            if old is not None:
                old.hide()
                old.setParent(None)  # out of the tree now, so findChild sees only current buttons
                old.deleteLater()
        self.back_button.setEnabled(bool(self.session.history))
        if q.type == "yes_no":
            options = [(tr("是"), True, "yesButton"), (tr("否"), False, "noButton")]
        elif q.type == "choice":
            options = [(c, c, "choiceButton{}".format(i)) for i, c in enumerate(q.choices)]
        else:
            options = []
        for text, value, name in options:
            b = _button(text, name)
            b.clicked.connect(lambda _=False, v=value: self.submit(v))
            self.answer_layout.addWidget(b)
            b.show()
        typed = not options
        self.answer_box.setVisible(not typed)
        self.answer_edit.setVisible(typed)
        self.next_button.setVisible(typed)
        if typed:
            self.answer_edit.clear()
            self.answer_edit.setPlaceholderText(tr(_PLACEHOLDERS[q.type]) if q.required and q.type in _PLACEHOLDERS
                                                else "" if q.required else tr("没有可不填"))
            self.answer_edit.setFocus()

    def submit(self, value) -> bool:
        """Answer the current question with ``value``; ``False`` (message shown) if invalid."""
        s = self.session
        if s is None or s.current is None:
            return False
        qid = s.current.id
        problem = s.answer(value)
        if problem:
            self.error_label.setText(problem.render())
            return False
        self.answered.emit(qid)
        self._refresh()
        if s.stopped:
            self.stopped.emit(s.stop_reason.render() if s.stop_reason else "")
        return True

    def _submit_text(self) -> None:
        if self.answer_edit.isVisible():
            self.submit(self.answer_edit.text())

    def _back(self) -> None:
        if self.session and self.session.back():
            self._refresh()

    def _confirm(self) -> None:
        s = self.session
        if s is None or not s.completed:
            return
        s.confirm()
        self.finished.emit(s.record())

    def _record_html(self) -> str:
        record = self.session.record()
        rows = "".join(tr("<p><b>{i}. 问：</b>{q}<br/><b>答：</b>{a}</p>", i=i, q=escape(a["question"]), a=escape(a["answer_text"]))
                       for i, a in enumerate(record["answers"], 1))
        return "{}<hr/><p>{}</p><p>{}</p>".format(rows, escape(record["closing"]), escape(record["commitment"]))

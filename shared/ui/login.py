"""The operator's login, the idle lock's unlock and the supervisor's confirmation (Qt).

:class:`QtLoginPanel` fills the window while nobody is logged in or the idle lock is on: the
screens behind it (and every personal detail on them) are not shown, and the open case stays
as it was. The password check (argon2id, ~0.1 s) runs off the UI thread. A first-login code or
an expired password asks for a new one before the session starts. The counter and the kiosk's
operator menu use the same panel and the same accounts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QFrame, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from shared.ui.theme import set_role
from shared.i18n import tr
from shared.ui.tasks import run_task


def _text(exc: BaseException) -> str:
    return exc.msg.render() if hasattr(exc, "msg") else tr("操作失败，请重试")


class QtLoginPanel(QWidget):
    """Staff id and password (``mode``: ``login``, or ``unlock`` for the logged-in operator).

    Signals: ``loggedIn(session)``, ``unlocked(session)``, ``logoutRequested()``.
    """

    loggedIn = Signal(object)
    unlocked = Signal(object)
    logoutRequested = Signal()

    def __init__(self, auth, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.auth = auth
        self.mode = "login"
        self._busy = False
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame()
        card.setObjectName("loginCard")
        card.setFrameShape(QFrame.StyledPanel)
        card.setMaximumWidth(440)
        box = QVBoxLayout(card)
        self.title = QLabel()
        self.title.setObjectName("loginTitle")
        set_role(self.title, "title")
        box.addWidget(self.title)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        box.addWidget(self.hint)
        form = QFormLayout()
        self.staff_id = QLineEdit()
        self.staff_id.setObjectName("staffId")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        self.new_password = QLineEdit()
        self.new_password.setObjectName("newPassword")
        self.new_password.setEchoMode(QLineEdit.Password)
        self.new_password2 = QLineEdit()
        self.new_password2.setObjectName("newPassword2")
        self.new_password2.setEchoMode(QLineEdit.Password)
        form.addRow(tr("工号"), self.staff_id)
        form.addRow(tr("密码"), self.password)
        self.new_label, self.new_label2 = QLabel(tr("新密码")), QLabel(tr("再次输入新密码"))
        form.addRow(self.new_label, self.new_password)
        form.addRow(self.new_label2, self.new_password2)
        box.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        box.addWidget(self.message)
        row = QHBoxLayout()
        self.switch_button = QPushButton(tr("切换操作员"))
        self.switch_button.setObjectName("switchOperator")
        self.switch_button.clicked.connect(self.logoutRequested.emit)
        row.addWidget(self.switch_button)
        row.addStretch(1)
        self.button = QPushButton()
        self.button.setObjectName("loginButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        row.addWidget(self.button)
        box.addLayout(row)
        for edit in (self.staff_id, self.password, self.new_password2):
            edit.returnPressed.connect(self.submit)
        center = QHBoxLayout()
        center.addStretch(1)
        center.addWidget(card)
        center.addStretch(1)
        outer.addLayout(center)
        outer.addStretch(2)
        self._changing = False
        self.set_mode("login")

    def set_mode(self, mode: str, note: str = "") -> None:
        """``login`` (anyone enrolled) or ``unlock`` (the logged-in operator, after the idle lock)."""
        self.mode = mode
        self._changing = False
        self.password.clear()
        self.new_password.clear()
        self.new_password2.clear()
        self.message.setText(note)
        unlocking = mode == "unlock" and self.auth.current is not None
        self.title.setText(tr("屏幕已锁定") if unlocking else tr("操作员登录"))
        self.hint.setText(tr("为保护申请人信息，界面已隐藏。请输入密码继续办理，正在办理的案件不会丢失。")
                          if unlocking else tr("请输入工号和密码。首次登录请使用发放的初始码，并设置新密码。"))
        if unlocking:
            self.staff_id.setText(self.auth.current.staff_id)
        elif mode == "login":
            self.staff_id.clear()
        self.staff_id.setReadOnly(unlocking)
        self.switch_button.setVisible(unlocking)
        self.button.setText(tr("解锁") if unlocking else tr("登录"))
        self._show_change(False)
        (self.password if unlocking else self.staff_id).setFocus()

    def _show_change(self, on: bool) -> None:
        for w in (self.new_label, self.new_label2, self.new_password, self.new_password2):
            w.setVisible(on)

    def submit(self) -> None:
        """Check the entered password off the UI thread."""
        if self._busy:
            return
        staff_id, password = self.staff_id.text().strip(), self.password.text()
        if not staff_id or not password:
            self.message.setText(tr("请输入工号和密码"))
            return
        if self._changing:
            if self.new_password.text() != self.new_password2.text():
                self.message.setText(tr("两次输入的新密码不一致"))
                return
            new = self.new_password.text()
            work = lambda: ("login", self.auth.change_password(staff_id, password, new))  # noqa: E731
        elif self.mode == "unlock" and self.auth.current is not None:
            work = lambda: ("unlock", self.auth.unlock(password))  # noqa: E731
        else:
            work = lambda: ("result", self.auth.login(staff_id, password))  # noqa: E731
        self._busy = True
        self.button.setEnabled(False)
        self.message.setText(tr("正在验证……"))
        run_task(work, self._done, self._failed, parent=self)

    def _done(self, answer) -> None:
        self._busy = False
        self.button.setEnabled(True)
        kind, value = answer
        if kind == "result" and value.must_change:
            self._changing = True
            self._show_change(True)
            self.message.setText(tr("首次登录须设置新密码") if value.reason == "first_login"
                                 else tr("密码已过期，请设置新密码"))
            self.new_password.setFocus()
            return
        session = value.session if kind == "result" else value
        self.password.clear()
        self.new_password.clear()
        self.new_password2.clear()
        self.message.clear()
        (self.unlocked if kind == "unlock" else self.loggedIn).emit(session)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.button.setEnabled(True)
        self.password.clear()
        self.message.setText(_text(exc))
        self.password.setFocus()


class QtApprovalDialog(QDialog):
    """A supervisor reviews the case at this counter with their own staff id and password:
    approve with a reason, or return it with remarks. ``decide(staff_id, password, decision,
    reason)`` runs off the UI thread (it confirms the supervisor and records the decision)."""

    def __init__(self, decide, summary: str = "", parent: QWidget | None = None, *, decisions: bool = True,
                 title: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(title or tr("主管复核"))
        self.decide = decide
        self.result_item = None
        layout = QVBoxLayout(self)
        if summary:
            label = QLabel(summary)
            label.setWordWrap(True)
            layout.addWidget(label)
        form = QFormLayout()
        self.staff_id = QLineEdit()
        self.staff_id.setObjectName("supervisorId")
        self.password = QLineEdit()
        self.password.setObjectName("supervisorPassword")
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow(tr("主管工号"), self.staff_id)
        form.addRow(tr("主管密码"), self.password)
        self.approve_radio = QRadioButton(tr("通过"))
        self.approve_radio.setObjectName("decisionApprove")
        self.return_radio = QRadioButton(tr("退回经办人修改"))
        self.return_radio.setObjectName("decisionReturn")
        group = QButtonGroup(self)
        group.addButton(self.approve_radio)
        group.addButton(self.return_radio)
        self.approve_radio.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.approve_radio)
        row.addWidget(self.return_radio)
        if decisions:
            form.addRow(tr("复核结论"), row)
        else:
            self.approve_radio.hide()
            self.return_radio.hide()
        self.reason = QLineEdit()
        self.reason.setObjectName("approvalReason")
        self.reason.setPlaceholderText(tr("理由或退回意见（必填）"))
        form.addRow(tr("理由"), self.reason)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("approvalMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.staff_id.setFocus(Qt.OtherFocusReason)

    def submit(self) -> None:
        decision = "approved" if self.approve_radio.isChecked() else "returned"
        args = (self.staff_id.text().strip(), self.password.text(), decision, self.reason.text().strip())
        self.buttons.setEnabled(False)
        self.message.setText(tr("正在验证……"))

        def done(item) -> None:
            self.result_item = item
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.password.clear()
            self.message.setText(_text(exc))
        run_task(lambda: self.decide(*args), done, failed, parent=self)


class QtPasswordDialog(QDialog):
    """The logged-in operator changes their password (old, new twice); checked off the UI thread."""

    def __init__(self, auth, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(tr("修改密码"))
        self.auth = auth
        form = QFormLayout(self)
        self.old, self.new, self.new2 = QLineEdit(), QLineEdit(), QLineEdit()
        for name, edit in (("oldPassword", self.old), ("newPassword", self.new), ("newPassword2", self.new2)):
            edit.setObjectName(name)
            edit.setEchoMode(QLineEdit.Password)
        form.addRow(tr("原密码"), self.old)
        form.addRow(tr("新密码"), self.new)
        form.addRow(tr("再次输入新密码"), self.new2)
        self.message = QLabel()
        self.message.setObjectName("passwordMessage")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def submit(self) -> None:
        if self.new.text() != self.new2.text():
            self.message.setText(tr("两次输入的新密码不一致"))
            return
        current = self.auth.current
        if current is None:
            self.reject()
            return
        old, new = self.old.text(), self.new.text()
        self.buttons.setEnabled(False)
        self.message.setText(tr("正在验证……"))

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.message.setText(_text(exc))
        run_task(lambda: self.auth.change_password(current.staff_id, old, new), lambda _s: self.accept(), failed,
                 parent=self)

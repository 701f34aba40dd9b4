"""The sync indicator of the status bar: online dot, queue, bytes left, upload progress, button."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from shared.i18n import tr
from shared.sync.summary import size_text
from shared.ui.theme import set_prop



class QtSyncIndicator(QWidget):
    """Shows a :class:`~shared.sync.service.SyncProgress`; emits ``syncNowRequested``."""

    syncNowRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dot = QLabel("●")
        self.dot.setObjectName("syncDot")  # coloured by its state property (theme)
        self.state_label = QLabel(tr("未连接"))
        self.queue_label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(True)
        self.bar.hide()
        self.button = QPushButton(tr("立即同步"))
        self.button.clicked.connect(self.syncNowRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for w in (self.dot, self.state_label, self.queue_label, self.bar, self.button):
            layout.addWidget(w)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)  # hug the right edge
        self.set_progress(None)

    def set_unenrolled(self) -> None:
        """This device is not enrolled with a server: packets wait here."""
        set_prop(self.dot, "state", "")
        self.state_label.setText(tr("未注册"))
        self.setToolTip(tr("本机尚未在登记服务器注册：已提交的案件保存在本机，注册后自动上传"))

    @Slot(object)
    def set_progress(self, p) -> None:
        """Render a progress snapshot (``None``: nothing known yet)."""
        online = getattr(p, "online", None)
        set_prop(self.dot, "state", {True: "online", False: "offline", None: ""}[online])
        text = {True: tr("在线"), False: tr("离线"), None: tr("未连接")}[online]
        if p is not None and p.busy:
            text = tr("同步中")
        self.state_label.setText(text)
        count, left = (p.queue_length, p.bytes_left) if p is not None else (0, 0)
        self.queue_label.setText(tr("待上传 {n} 件，剩余 {size}", n=count, size=size_text(left)))
        tip = p.error.render() if p is not None and p.error else ""
        if p is not None and p.blocked:
            tip = "\n".join([tip] + [m.render() for m in p.blocked]).strip()
        self.setToolTip(tip)
        if p is not None and p.current_total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * p.current_sent / max(1, p.current_total)))
            self.bar.setFormat("{} {}%".format(p.current_packet[-6:], int(100 * p.current_sent / max(1, p.current_total))))
            self.bar.show()
        else:
            self.bar.hide()

"""The kiosk window: a full-screen, frameless, touch-only guided flow.

The flow is not a list of screens: after each command :meth:`KioskWindow.advance` asks the
case session for its steps on the ``kiosk`` channel and shows the screen of the first step not
done (identity: the live face; interview: the next question, then the record to sign;
materials: the next checklist slot; recheck: the second face; submit: the review). What the
workflow asks of a business is therefore what the applicant walks, with no copy of its rules.

Every screen is built for one applicant and thrown away: :meth:`KioskWindow.wipe` (timeout,
"start over", finish) drops the session, the screen's widgets, camera frames and temporary
files, and deletes the draft of a registration that was not submitted.
"""

from __future__ import annotations

import gc
import logging
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QApplication, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget)

from kiosk import records
from kiosk import theme
from kiosk.widgets import IdleGuard, Keypad, KioskPrompter, Overlay, ProgressStrip, big_button, label
from shared import i18n
from shared.errors import YizhanError
from shared.i18n import N_, tr
from shared.security.masking import mask_name
from shared.ui.tasks import run_task

log = logging.getLogger("yizhan.kiosk")

STAGE_WORDS = {"card": N_("读身份证"), "identity": N_("人脸核验"), "interview": N_("询问"), "sign": N_("签名"),
               "materials": N_("材料"), "submit": N_("提交"), "receipt": N_("回执")}
CHANGE_CODES = ("kiosk_change_name", "kiosk_change_id", "kiosk_change_location", "kiosk_change_area")
# Errors whose message is written for the applicant; others (enrolment, store, sync) are the
# operator's business: the screen says "ask staff" and the log has the code.
PUBLIC_ERRORS = {"workflow", "validation", "step", "interview", "device", "printer", "doccam", "camera", "idcard",
                 "card", "face", "material", "missing", "signature"}
BLOCKED_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_F4, Qt.Key.Key_Backspace, Qt.Key.Key_Tab, Qt.Key.Key_Meta,
                Qt.Key.Key_Super_L, Qt.Key.Key_Super_R}


@dataclass
class Visit:
    """One applicant's time at the kiosk: everything of theirs the window holds."""

    business: str = ""
    session: Any = None
    card: Any = None
    holding: Any = None
    temp: Path | None = None
    face_failures: int = 0
    submitted: Any = None
    receipt: Any = None
    extra: dict = field(default_factory=dict)


class KeyLock(QObject):
    """Swallows the keys that would leave or escape the kiosk (Esc, Alt+F4, Ctrl+Alt+Backspace,
    Alt+Tab, the Super key); the kiosk needs no key at all."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.KeyRelease):
            if event.key() in BLOCKED_KEYS or event.modifiers() & (Qt.KeyboardModifier.AltModifier |
                                                                 Qt.KeyboardModifier.MetaModifier):
                return True
        return False


class KioskWindow(QWidget):
    """The kiosk: attract screen, flows, query, guide, operator menu."""

    screenShown = Signal(str)   # the screen's name, after it is shown (tests, the voice)
    wiped = Signal()
    storeReady = Signal()

    def __init__(self, ctx, *, idle_timeout: int | None = None, system_action: Callable[[str], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("kioskRoot")
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.large = False
        self.visit = Visit()
        self.screen_name = ""
        self.prompter = KioskPrompter(lambda: self)
        self.system_action = system_action or _system_action
        self._allow_close = False
        self._corner_taps: list[float] = []
        self.keylock = KeyLock(self)
        QApplication.instance().installEventFilter(self.keylock)
        timeout = idle_timeout or int(ctx.settings.get("kiosk.idle_seconds", 90) or 90)
        self.idle = IdleGuard(timeout, min(20, max(5, timeout // 3)), self)
        self.idle.tick.connect(self._idle_tick)
        self.idle.expired.connect(lambda: self.wipe("timeout"))
        self._idle_overlay: Overlay | None = None

        self.top = QWidget()
        self.top.setObjectName("topBar")
        self.top.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        top = QHBoxLayout(self.top)
        top.setContentsMargins(16, 6, 16, 6)
        self.logo = QLabel()
        self.logo.setObjectName("title")
        self.logo.setWordWrap(True)
        self.logo.mousePressEvent = lambda e: self._corner_tap()
        self.large_button = big_button("", self.toggle_large, name="large")
        top.addWidget(self.logo, 1)
        top.addWidget(self.large_button)
        self.strip = ProgressStrip()
        self.page_host = QVBoxLayout()
        self.bottom = QWidget()
        self.bottom.setObjectName("bottomBar")
        self.bottom.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        bottom = QHBoxLayout(self.bottom)
        bottom.setContentsMargins(16, 6, 16, 6)
        self.back_button = big_button("", self.go_back, name="back")
        self.restart_button = big_button("", lambda: self.wipe("start_over"), name="start_over")
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.restart_button)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.top)
        root.addWidget(self.strip)
        root.addLayout(self.page_host, 1)
        root.addWidget(self.bottom)
        self.page: QWidget | None = None
        self._back: Callable[[], None] | None = None
        self._heartbeat = QTimer(self)
        from kiosk.watchdog import notify, watchdog_interval
        interval = watchdog_interval()
        if interval:
            self._heartbeat.timeout.connect(lambda: notify("WATCHDOG=1"))
            self._heartbeat.start(int(interval * 1000))
        self.enrolled = False  # registrations only on a kiosk enrolled with the registration server
        self.apply_theme()
        self.show_attract()
        if ctx.store is not None:  # a store handed in already open (tests, tools)
            run_task(lambda: _enrolled(ctx.store), self._enrollment_known, None, parent=self)

    def _enrollment_known(self, enrolled: bool) -> None:
        self.enrolled = enrolled
        if self.screen_name == "attract":
            self.show_attract()
        self.storeReady.emit()

    # -- frame ----------------------------------------------------------------------------
    @property
    def landscape(self) -> bool:
        return self.width() > self.height()

    def apply_theme(self) -> None:
        dpi = self.logicalDpiX() if self.isVisible() else 96.0
        self.setStyleSheet(theme.stylesheet(self.large, dpi))
        self._retranslate_frame()

    def _retranslate_frame(self) -> None:
        self.logo.setText(tr("一站 · 不动产登记自助服务"))
        self.large_button.setText(tr("标准字体") if self.large else tr("大字模式"))
        self.back_button.setText("‹ " + tr("返回"))
        self.restart_button.setText(tr("重新开始"))

    def toggle_large(self) -> None:
        """Elderly mode on or off (one touch): bigger type, higher contrast."""
        self.large = not self.large
        self.apply_theme()

    def say(self, text: str) -> None:
        """Read ``text`` aloud in the current language."""
        try:
            self.ctx.voice.say(text, i18n.language())
        except Exception:  # a voice that fails must not stop the flow
            log.warning("voice prompt failed", exc_info=True)

    def _show(self, name: str, widget: QWidget, *, stage: str | None = None, back: Callable | None = None,
              speak: str = "", in_flow: bool = True) -> None:
        """Replace the page (the old one is destroyed with what it showed)."""
        old, self.page = self.page, widget
        widget.setObjectName("screen")
        widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        if old is not None:
            self.page_host.removeWidget(old)
            _stop_devices(old)
            _scrub(old)
            old.hide()
            old.deleteLater()  # blank already; destroyed by the event loop
        self.page_host.addWidget(widget)
        widget.show()  # now, not when the layout's queued show comes round
        self.screen_name = name
        self._back = back
        self.back_button.setVisible(in_flow)
        self.restart_button.setVisible(in_flow)
        self.back_button.setEnabled(back is not None)
        stages = self._stages()
        if stage is not None and stage in stages:
            self.strip.show_stages([tr(STAGE_WORDS[k]) for k in stages], stages.index(stage))
        else:
            self.strip.show_stages([], 0)
        if speak:
            self.say(speak)
        self.screenShown.emit(name)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        was = event.oldSize().width() > event.oldSize().height()
        if was != self.landscape and self.screen_name == "attract":
            self.show_attract()  # the attract screen lays out per orientation

    def _stages(self) -> list[str]:
        """The stages of the visit's business, in the order its steps come (the same rules)."""
        codes = getattr(self.ctx.catalog, "businesses", {})
        if self.visit.business not in codes:
            return []
        biz = codes[self.visit.business]
        if biz.kind != "registration":
            return []
        out = ["card"]
        if any(r.identity_check for r in biz.roles):
            out.append("identity")
        if biz.interview:
            out += ["interview", "sign"]
        if biz.materials:
            out.append("materials")
        return out + ["submit", "receipt"]

    def go_back(self) -> None:
        if self._back is not None:
            self._back()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._allow_close:
            self.wipe("exit", rebuild=False)
            super().closeEvent(event)
        else:
            event.ignore()  # Alt+F4 and the window manager's close do nothing

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        event.accept()  # no key does anything at a kiosk

    def _corner_tap(self) -> None:
        """Five taps on the title within four seconds: the operator's PIN pad."""
        import time
        now = time.monotonic()
        self._corner_taps = [t for t in self._corner_taps if now - t < 4.0] + [now]
        if len(self._corner_taps) >= 5:
            self._corner_taps = []
            self.ask_pin()

    @property
    def ready(self) -> bool:
        """Whether the store is open (queries and the guide can be used)."""
        return self.ctx.store is not None

    def open_store(self) -> None:
        """Open the store and the catalog off the UI thread, behind the attract screen."""
        def done(enrolled):
            self.enrolled = bool(enrolled)
            if self.screen_name == "attract":
                self.show_attract()
            self.storeReady.emit()

        def failed(exc):
            log.error("kiosk store failed to open: %s", type(exc).__name__)
            self.show_stop(tr("自助终端暂停服务，请到窗口办理"))
        run_task(self.ctx.open_store, done, failed, parent=self)

    # -- attract --------------------------------------------------------------------------
    def show_attract(self) -> None:
        """The attract screen: what the kiosk does, the businesses, language and large text."""
        self.idle.arm(False)
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(48, 32, 48, 32)
        v.addWidget(label(tr("欢迎使用不动产登记自助服务"), "title"))
        v.addWidget(label(tr("请选择要办理的业务。全程只需触摸屏幕，无需键盘。"), "hint"))
        grid = QGridLayout()
        items = [(tr("抵押权注销登记"), lambda: self.start("kiosk_mortgage_cancel"), "biz:kiosk_mortgage_cancel"),
                 (tr("变更登记（姓名、证件号、坐落、面积）"), self.choose_change, "biz:change"),
                 (tr("办理进度查询"), self.show_query, "query"),
                 (tr("打印受理回执"), self.show_reprint, "reprint"),
                 (tr("办事指南"), self.show_guide, "guide")]
        cols = 2 if self.landscape else 1
        for i, (text, fn, key) in enumerate(items):
            button = big_button(text, fn, primary=i < 2, name=key, choice=i >= 2)
            button.setEnabled(self.ready and (self.enrolled or not key.startswith("biz:")))
            grid.addWidget(button, i // cols, i % cols)
        v.addLayout(grid)
        if not self.ready:
            v.addWidget(label(tr("正在启动，请稍候…"), "hint"))
        elif not self.enrolled:  # the reason is for the operator menu, not the public
            v.addWidget(label(tr("本机暂不受理自助申请，请到窗口办理。查询和办事指南可正常使用。"), "warning"))
        v.addStretch(1)
        lang = big_button("English" if i18n.language() == "zh" else "中文", self.toggle_language, name="language")
        v.addWidget(lang)
        v.addWidget(label("Self-service for real-estate registration. Touch a business to begin."
                          if i18n.language() == "zh" else "不动产登记自助服务：触摸业务开始办理。", "hint"))
        self._show("attract", page, in_flow=False, speak=tr("欢迎使用不动产登记自助服务，请选择要办理的业务"))
        from kiosk.watchdog import notify
        notify("READY=1")

    def toggle_language(self) -> None:
        """Chinese first; English on request (back to Chinese after each applicant)."""
        i18n.set_language("en" if i18n.language() == "zh" else "zh")
        self._retranslate_frame()
        self.show_attract()

    def choose_change(self) -> None:
        self.visit.business = "change"
        self.idle.arm(True)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(label(tr("您要变更哪一项？"), "title"))
        for code in CHANGE_CODES:
            biz = self.ctx.catalog.business(code)
            v.addWidget(big_button(_biz_name(biz), (lambda c=code: self.start(c)), choice=True, name="biz:" + code))
        v.addStretch(1)
        self._show("choose_change", page, back=self.wipe, speak=tr("您要变更哪一项？"))

    # -- the registration flow ------------------------------------------------------------
    def start(self, business_code: str) -> None:
        """Open a visit for ``business_code`` and ask for the ID card."""
        self.visit = Visit(business_code, temp=self.ctx.session_temp())
        self.idle.arm(True)
        self.show_card(self._card_for_registration, back=self.wipe)

    def show_card(self, on_card: Callable[[Any], None], back: Callable | None = None, purpose: str = "") -> None:
        """Ask for the ID card on the reader; read it off the UI thread."""
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(label(tr("请将身份证放在读卡区"), "title"))
        v.addWidget(label(purpose or tr("读取身份证信息后，系统将查询您名下的不动产。"), "hint"))
        status = label(tr("正在等待身份证…"), "hint")
        v.addWidget(status)
        v.addStretch(1)
        self._show("card", page, stage="card", back=back, speak=tr("请将身份证放在读卡区"))
        token = object()
        page.setProperty("token", id(token))
        self._card_wait(page, status, on_card, attempts=0)

    def _card_wait(self, page: QWidget, status: QLabel, on_card, attempts: int) -> None:
        def work():
            reader = self.ctx.devices.open_reader()
            return reader.read_card(timeout=2.0), getattr(reader.inner, "simulated", False)

        def done(result):
            if self.page is not page:
                return
            card, simulated = result
            self.visit.extra["card_simulated"] = simulated
            on_card(card)

        def failed(exc):
            if self.page is not page:
                return
            code = getattr(exc, "code", "")
            if attempts >= 30:
                status.setText(tr("未能读取身份证。请取出后重新放置，或联系工作人员。"))
                status.setObjectName("warning")
                return
            if code and "timeout" not in code and "no_card" not in code:
                status.setText(tr("读卡未成功，请将身份证放平后不要移动"))
            _after(page, 300, lambda: self._card_wait(page, status, on_card, attempts + 1)
                   if self.page is page else None)
        run_task(work, done, failed, parent=page)

    def _card_for_registration(self, card) -> None:
        self.visit.card = card
        visit = self.visit
        page = self.page

        def work():
            return records.holdings(self.ctx.store, card.id_number, self.ctx.property_extract())

        def done(found):
            if self.page is not page or self.visit is not visit:
                return
            mortgage = visit.business == "kiosk_mortgage_cancel"
            found = [h for h in found if h.mortgagee is not None] if mortgage else found
            if not found:
                self.show_stop(tr("未查询到您名下可办理本业务的不动产（或抵押），请到窗口咨询。"))
                return
            if len(found) == 1:
                self._open_case(found[0])
            else:
                self._choose_holding(found)
        run_task(work, done, self._failed, parent=page)

    def _choose_holding(self, found) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(label(tr("请选择要办理的不动产"), "title"))
        for h in found:
            v.addWidget(big_button(str(h.property.get("property.location", "")), (lambda h=h: self._open_case(h)),
                                   choice=True, name="holding"))
        v.addStretch(1)
        self._show("holding", page, stage="card", back=self.wipe, speak=tr("请选择要办理的不动产"))

    def _open_case(self, holding) -> None:
        """Make the case from the card and the holding (one command), then read the card in."""
        from shared.domain.case import Party
        visit, card = self.visit, self.visit.card
        visit.holding = holding
        code = visit.business

        def work():
            session = self.ctx.new_session(code)
            biz = session.business
            data = dict(holding.property)
            parties = []
            for role in biz.roles:
                if role.role == "mortgagee" and holding.mortgagee is not None:
                    parties.append(holding.mortgagee)
                elif "person" in role.party_kinds:
                    parties.append(Party(role.role, "person", card.name, "1", card.id_number, "", card.address))
            if code == "kiosk_mortgage_cancel":
                data["change.registration_certificate"] = holding.proof_number
            elif code == "kiosk_change_name":
                data["change.new_name"] = card.name
            elif code == "kiosk_change_id":
                data["change.new_id_number"] = card.id_number
            session.edit(data, parties)
            for step in session.steps():
                if step.kind == "identity" and step.party_id:
                    session.read_card(step.party_id, card, device="kiosk",
                                      simulated=bool(visit.extra.get("card_simulated")))
            return session

        def done(session):
            if self.visit is not visit:
                session.delete_draft()
                return
            visit.session = session
            self.advance()
        run_task(work, done, self._failed, parent=self.page)

    def advance(self) -> None:
        """Show the screen of the first step of the case not done yet."""
        session = self.visit.session
        if session is None:
            return
        steps = session.steps()
        for step in steps:
            if step.done or (not step.required and step.kind != "submit"):
                continue
            if step.status.value == "blocked" and step.kind in ("identity", "recheck") and step.blockers:
                if self.visit.face_failures >= 2 or step.kind == "identity" and "card" in str(step.blockers[0].code):
                    self.show_stop(step.blockers[0].render())
                    return
            if step.kind == "data":
                self.show_data(step)
            elif step.kind in ("identity", "recheck"):
                self.show_face(step.party_id, 1 if step.kind == "identity" else 2)
            elif step.kind == "interview":
                self.show_interview(step.party_id)
            elif step.kind == "materials":
                self.show_capture(step.paths[0].split(".", 1)[1] if step.paths else "")
            elif step.kind == "submit":
                self.show_review()
            elif step.kind == "approval":  # the policy asks a supervisor: nothing the applicant can do here
                self.show_stop(tr("本业务需经工作人员复核后才能提交，请到服务窗口办理"))
            else:
                continue
            return
        self.show_review()

    def _failed(self, exc: BaseException) -> None:
        public = isinstance(exc, YizhanError) and exc.code.split(".")[0] in PUBLIC_ERRORS
        text = exc.msg.render() if public else tr("系统暂时无法办理，请联系工作人员")
        if isinstance(exc, YizhanError) and not public:
            log.warning("kiosk step refused: %s", exc.code)  # for the operator's log, not the screen
        if not isinstance(exc, YizhanError):
            log.error("kiosk step failed: %s", type(exc).__name__, exc_info=exc)
        self.show_stop(text)

    def show_stop(self, text: str) -> None:
        """A step that cannot go on here: say why in plain words and where to go."""
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(label(tr("暂时无法继续办理"), "title"))
        v.addWidget(label(text, "warning"))
        v.addWidget(label(tr("请联系大厅工作人员协助办理。您的信息不会保留在本机。"), "hint"))
        v.addStretch(1)
        v.addWidget(big_button(tr("结束"), lambda: self.wipe("stop"), primary=True, name="finish"))
        self._show("stop", page, speak=text)

    def show_data(self, step) -> None:
        """A form value the case still lacks: the keypad for numbers, buttons for choices;
        a text the applicant would have to type is for the counter."""
        session = self.visit.session
        biz = session.business
        fields = {f.key: f for f in biz.fields}
        path = next((p for p in step.paths if p in fields), None)
        fd = fields.get(path) if path else None
        page = QWidget()
        v = QVBoxLayout(page)
        if fd is None or (fd.type not in ("area", "amount") and not fd.choices):
            self.show_stop(step.blockers[0].render() if step.blockers else tr("申请信息不完整"))
            return
        v.addWidget(label(tr("请输入：{label}", label=fd.label), "title"))
        if fd.choices:
            for c in fd.choices:
                v.addWidget(big_button(c, (lambda c=c: self._set(fd.key, c)), choice=True, name="choice"))
        else:
            pad = Keypad(12, allow_x=False)
            pad.submitted.connect(lambda text: self._set(fd.key, text))
            v.addWidget(pad)
        v.addStretch(1)
        self._show("data", page, stage="card", back=self.wipe, speak=tr("请输入：{label}", label=fd.label))

    def _set(self, key: str, value) -> None:
        session = self.visit.session
        run_task(lambda: session.set_value(key, value), lambda _r: self.advance(), self._failed, parent=self.page)

    # -- face ----------------------------------------------------------------------------
    def show_face(self, party_id: str, check_no: int) -> None:
        """The live face, with spoken and written guidance; 30 s without a face: ask staff."""
        from shared.ui.face_capture import QtFaceCapture
        page = QWidget()
        v = QVBoxLayout(page)
        title = tr("请正对摄像头，保持不动") if check_no == 1 else tr("提交前请再次正对摄像头")
        v.addWidget(label(title, "title"))
        v.addWidget(label(tr("请摘下帽子和眼镜，眨一眨眼。"), "hint"))
        capture = QtFaceCapture(camera_factory=self.ctx.camera_factory,
                                camera_spec=self.ctx.settings.get("devices.camera", "auto"))
        capture.setObjectName("faceCapture")
        capture.target_label.hide()
        capture.retry_button.hide()
        capture.stop_button.hide()
        v.addWidget(capture, 1)
        self._show("face", page, stage="identity" if check_no == 1 else "submit",
                   back=None, speak=title)
        capture.captured.connect(lambda ev: self._face_captured(page, party_id, check_no, ev))
        capture.begin(party_id, "")
        help_timer = QTimer(page)
        help_timer.setSingleShot(True)
        help_timer.timeout.connect(lambda: self._face_help(page, capture))
        help_timer.start(int(self.ctx.settings.get("kiosk.face_help_seconds", 30) or 30) * 1000)
        page.setProperty("helpTimer", True)
        page._help_timer = help_timer  # type: ignore[attr-defined]

    def _face_help(self, page: QWidget, capture) -> None:
        if self.page is not page:
            return
        capture.stop()
        Overlay(self, tr("未能检测到人脸。请正对摄像头再试一次；仍不成功请联系工作人员。"),
                [(tr("再试一次"), True), (tr("联系工作人员"), False)]).answered.connect(
            lambda again: (capture.begin(capture.target, ""), page._help_timer.start()) if again and self.page is page
            else self.show_stop(tr("人脸核验未完成")))

    def _face_captured(self, page: QWidget, party_id: str, check_no: int, evidence) -> None:
        if self.page is not page:
            return
        page._help_timer.stop()
        session, visit = self.visit.session, self.visit
        simulated = bool(getattr(page.findChild(QWidget, "faceCapture"), "simulated", False))

        def work():
            return session.record_face(party_id, evidence, check_no=check_no, simulated=simulated)

        def done(record):
            if self.visit is not visit:
                return
            if (record.get("comparison") or {}).get("decision") != "pass":
                visit.face_failures += 1
                if visit.face_failures >= 2 or (record.get("comparison") or {}).get("decision") != "fail":
                    self.show_stop(tr("无法自动核验身份，请联系工作人员"))
                    return
            self.advance()
        run_task(work, done, self._failed, parent=page)

    # -- interview -----------------------------------------------------------------------
    def show_interview(self, party_id: str) -> None:
        """One question per screen, read aloud, answered with big buttons."""
        session = self.visit.session
        interview = session.interview(party_id)
        q = interview.current
        if interview.stopped:
            self.show_stop(interview.stop_reason.render())
            return
        if q is None:
            self.show_sign(party_id)
            return
        if q.type == "text" and not q.required:
            self._answer(party_id, "")  # nothing to type at a kiosk: an optional remark stays empty
            return
        page = QWidget()
        v = QVBoxLayout(page)
        done_n, total = interview.progress
        v.addWidget(label(tr("询问 {n}/{total}", n=done_n + 1, total=total), "hint"))
        text = q.text_for(interview.case)
        v.addWidget(label(text, "title"))
        v.addStretch(1)
        if q.type == "yes_no":
            row = QHBoxLayout() if self.landscape else QVBoxLayout()
            row.addWidget(big_button(tr("是"), lambda: self._answer(party_id, True), primary=True, name="yes"))
            row.addWidget(big_button(tr("否"), lambda: self._answer(party_id, False), name="no"))
            v.addLayout(row)
        elif q.choices:
            for c in q.choices:
                v.addWidget(big_button(c, (lambda c=c: self._answer(party_id, c)), choice=True, name="choice"))
        elif q.type in ("share_percent", "number", "share"):
            pad = Keypad(5, allow_x=False)
            pad.submitted.connect(lambda value: self._answer(party_id, value))
            v.addWidget(pad)
        else:
            self.show_stop(tr("此问题需要书面说明，请到窗口办理"))
            return
        back = (lambda: self._interview_back(party_id)) if done_n else None
        self._show("question", page, stage="interview", back=back, speak=text)

    def _answer(self, party_id: str, value) -> None:
        session, visit = self.visit.session, self.visit

        def done(result):
            if self.visit is not visit:
                return
            problem, _record = result
            if problem is not None:
                self.prompter.notify("warning", problem.render())
            self.advance()
        run_task(lambda: session.answer(party_id, value), done, self._failed, parent=self.page)

    def _interview_back(self, party_id: str) -> None:
        session = self.visit.session
        run_task(lambda: session.back(party_id), lambda _r: self.advance(), self._failed, parent=self.page)

    # -- signature ------------------------------------------------------------------------
    def show_sign(self, party_id: str) -> None:
        """The record in short, and the pad: signing confirms the record and signs it."""
        from shared.ui.signature_pad import QtSignaturePad
        session = self.visit.session
        interview = session.interview(party_id)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(label(tr("请确认以上回答属实，并在下方签名"), "title"))
        lines = []
        for q in interview.questions():
            if q.id in interview.answers and interview.answers[q.id] not in ("", None):
                answer = interview.answers[q.id]
                answer = tr("是") if answer is True else tr("否") if answer is False else str(answer)
                lines.append("· {}  {}".format(q.text_for(interview.case), answer))
        record = label("\n".join(lines), "hint")
        scroll = QScrollArea()
        scroll.setWidget(record)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(260)
        pad = QtSignaturePad()
        pad.setObjectName("signaturePad")
        pad.setMinimumHeight(300)
        body = QHBoxLayout() if self.landscape else QVBoxLayout()  # landscape: record beside the pad
        body.addWidget(scroll, 1)
        body.addWidget(pad, 1)
        v.addLayout(body, 1)
        row = QHBoxLayout()
        clear = big_button(tr("重写"), pad.clear, name="clear")
        ok = big_button(tr("确认签名"), lambda: self._signed(party_id, pad), primary=True, name="sign")
        row.addWidget(clear)
        row.addWidget(ok, 1)
        v.addLayout(row)
        self._show("sign", page, stage="sign", back=lambda: self._interview_back(party_id),
                   speak=tr("请确认回答属实，并在屏幕上签名"))

    def _signed(self, party_id: str, pad) -> None:
        problem = pad.ink_problem()
        if problem:
            self.prompter.notify("warning", problem.render())
            return
        session, visit = self.visit.session, self.visit

        def confirmed(record):
            if self.visit is not visit:
                return
            signature = pad.signature(record, party_id).to_dict()
            run_task(lambda: session.sign(party_id, signature), lambda _r: self.advance(), self._failed,
                     parent=self.page)
        run_task(lambda: session.confirm_interview(party_id), confirmed, self._failed, parent=self.page)

    # -- materials ------------------------------------------------------------------------
    def show_capture(self, slot_code: str) -> None:
        """One checklist slot: place the paper, it is taken when still, then shown back."""
        session = self.visit.session
        slot = session.business.slot(slot_code)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(label(tr("请将“{name}”正面朝上放在拍摄区", name=slot.name), "title"))
        v.addWidget(label(tr("放平后请不要移动，系统会自动拍摄。"), "hint"))
        status = label(tr("正在等待材料…"), "hint")
        v.addWidget(status)
        v.addStretch(1)
        self._show("capture", page, stage="materials", back=None,
                   speak=tr("请将{name}放在拍摄区", name=slot.name))
        visit = self.visit

        def work():
            camera = self.ctx.doccam_factory() if self.ctx.doccam_factory else _configured_doccam(self.ctx)
            try:
                frame = next(iter(camera.acquire(max_pages=1)), None)
            finally:
                camera.close()
            if frame is None:
                from shared.errors import DeviceError
                raise DeviceError(tr("未拍到材料，请将材料放平后重试"))
            return session.add_pages(slot_code, [frame], "doccam")

        def done(result):
            if self.visit is not visit:
                return
            self.show_page_back(slot_code, result.pages[0])

        def failed(exc):
            if self.page is not page:
                return
            status.setObjectName("warning")
            status.setText((exc.msg.render() if isinstance(exc, YizhanError) else tr("高拍仪无法使用")) +
                           tr("。请联系工作人员。"))
            status.setStyleSheet("")
            v.addWidget(big_button(tr("重试"), lambda: self.show_capture(slot_code), primary=True, name="retry"))
        run_task(work, done, failed, parent=page)

    def show_page_back(self, slot_code: str, page_info: dict) -> None:
        """The page as filed: use it, or take it again."""
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(label(tr("材料已拍摄，请确认是否清晰完整"), "title"))
        image = QImage.fromData(page_info["data"])
        picture = QLabel()
        picture.setObjectName("pageShown")
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box_h = max(280, self.height() - (720 if self.large else 560))  # what the bars and buttons leave
        box_w = max(280, self.width() - 120)
        picture.setPixmap(QPixmap.fromImage(image).scaled(box_w, box_h, Qt.AspectRatioMode.KeepAspectRatio,
                                                         Qt.TransformationMode.SmoothTransformation))
        v.addWidget(picture, 1)
        row = QHBoxLayout()
        row.addWidget(big_button(tr("重拍"), lambda: self._retake(slot_code, page_info["id"]), name="retake"))
        row.addWidget(big_button(tr("清晰，继续"), self.advance, primary=True, name="use_page"), 1)
        v.addLayout(row)
        self._show("page_back", page, stage="materials", back=None,
                   speak=tr("材料已拍摄，请确认是否清晰"))

    def _retake(self, slot_code: str, page_id: str) -> None:
        session = self.visit.session
        run_task(lambda: session.delete_page(slot_code, page_id), lambda _r: self.show_capture(slot_code),
                 self._failed, parent=self.page)

    # -- review, submit, receipt ----------------------------------------------------------
    def show_review(self) -> None:
        """What will be submitted, in words; one touch submits."""
        session = self.visit.session
        case = session.snapshot()
        biz = session.business
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(label(tr("请核对后提交"), "title"))
        person = next((p for p in case.parties if p.kind == "person"), None)
        lines = [tr("业务：{name}", name=_biz_name(biz))]
        if person:
            lines.append(tr("申请人：{name}", name=mask_name(person.name)))
        for f in biz.fields:
            if case.get(f.key):
                lines.append("{}：{}".format(f.label, case.get(f.key)))
        pages = sum(len(v_) for v_ in case.materials.values())
        lines.append(tr("已拍摄材料：{n} 页", n=pages))
        scroll = QScrollArea()  # large type in landscape: the lines scroll, the button stays
        text = label("\n".join(lines))
        text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll.setWidget(text)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        v.addWidget(scroll, 1)
        v.addWidget(big_button(tr("确认提交"), self._submit, primary=True, name="submit"))
        self._show("review", page, stage="submit", back=None, speak=tr("请核对后点击确认提交"))

    def _submit(self) -> None:
        session, visit = self.visit.session, self.visit
        page = self.page
        for button in page.findChildren(QWidget):
            if button.property("key") == "submit":
                button.setEnabled(False)

        def work():
            item = session.submit()
            delivered = False
            if self.ctx.sync_service_factory is not None:
                try:
                    report = self.ctx.sync_service_factory().run_once(force=True)
                    delivered = bool(report.online) and session.reload().state.value not in ("draft", "ready",
                                                                                              "submitted")
                except Exception:  # offline or refused: the packet waits in the queue
                    log.info("kiosk: submitted packet queued (sync pass failed)")
            return item, delivered

        def done(result):
            if self.visit is not visit:
                return
            item, delivered = result
            case = session.snapshot()
            visit.submitted = item
            visit.extra["queued"] = not delivered
            visit.receipt = records.receipt_for(case, _biz_name(session.business), queued=not delivered,
                                                place=self.ctx.settings.get("service_point.name", None) or "")
            self.print_receipt()
        run_task(work, done, self._failed, parent=page)

    def print_receipt(self) -> None:
        """Print the visit's receipt; out of paper or offline: say so, keep it to print again."""
        receipt, visit = self.visit.receipt, self.visit
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(label(tr("正在打印回执…"), "title"))
        v.addStretch(1)
        self._show("printing", page, stage="receipt", back=None, speak=tr("正在打印回执，请稍候"))

        def failed(exc):
            if self.visit is not visit:
                return
            code = getattr(exc, "code", "")
            text = (tr("打印机缺纸，回执未能打印。") if code == "printer.out_of_paper"
                    else tr("打印机暂时无法使用，回执未能打印。"))
            self.show_done(text + tr("您的申请已经提交，请联系工作人员补打回执，或稍后凭身份证在本机打印。"),
                           reprint=True)
        run_task(lambda: self.ctx.printer.print_receipt(receipt),
                 lambda _r: self.show_done(tr("回执已打印，请取走。")) if self.visit is visit else None,
                 failed, parent=page)

    def show_done(self, printed: str, reprint: bool = False) -> None:
        """Done: what happens next; back to the attract screen by itself."""
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(label(tr("申请已提交"), "title"))
        v.addWidget(label(printed, "warning" if reprint else "hint"))
        queued = bool(self.visit.extra.get("queued"))
        nxt = (tr("网络恢复后，申请会自动上传到登记机构。") if queued else tr("登记机构将在办理时限内审核。"))
        v.addWidget(label(nxt + (" " if i18n.language() == "en" else "") + tr("可凭身份证在本机查询办理进度，领证时请带上身份证。"),
                          "hint"))
        v.addStretch(1)
        if reprint:
            v.addWidget(big_button(tr("重新打印回执"), self.print_receipt, name="reprint"))
        v.addWidget(big_button(tr("完成"), lambda: self.wipe("finish"), primary=True, name="finish"))
        self._show("done", page, stage="receipt", back=None, in_flow=False,
                   speak=tr("申请已提交。") + printed)
        _after(page, 30000, lambda: self.wipe("finish") if self.page is page else None)

    # -- query, reprint, guide ------------------------------------------------------------
    def show_query(self) -> None:
        """Progress query: tap the ID card, or type the acceptance number on the keypad."""
        self.visit = Visit("query", temp=None)
        self.idle.arm(True)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(label(tr("办理进度查询"), "title"))
        v.addWidget(label(tr("请将身份证放在读卡区，或在下方输入受理编号中的数字。"), "hint"))
        pad = Keypad(18)
        pad.submitted.connect(lambda number: self._query(lambda: records.case_by_number(self.ctx.store, number,
                                                                                 self.ctx.property_extract())))
        v.addWidget(pad)
        self._show("query", page, back=self.wipe, speak=tr("请将身份证放在读卡区，或输入受理编号"))
        status = QLabel()
        self._card_wait(page, status, lambda card: self._query(lambda: records.cases_for_holder(
            self.ctx.store, card.id_number, self.ctx.property_extract())), 0)

    def _query(self, find: Callable[[], list]) -> None:
        visit = self.visit

        def work():
            cases = [c for c in find() if c.state.value != "draft"]
            answers, online = {}, None
            client = None
            try:
                from shared.sync import enrollment
                from shared.sync.client import SyncClient
                ident = enrollment.load(self.ctx.store)
                client = SyncClient(ident, timeout=5.0) if ident else None
            except Exception:
                client = None
            for case in cases:
                if client is None:
                    break
                try:
                    answers[case.id] = client.progress(case.packet_id)
                    online = True
                except Exception:
                    online = False
                    break
            if client is not None:
                client.close()
            return cases, answers, online

        def done(result):
            if self.visit is not visit:
                return
            cases, answers, online = result
            page = QWidget()
            v = QVBoxLayout(page)
            v.addWidget(label(tr("查询结果"), "title"))
            if not cases:
                v.addWidget(label(tr("没有查到相关的申请。"), "warning"))
            if online is False:
                v.addWidget(label(tr("网络暂不可用，以下为本机记录。"), "hint"))
            for case in cases:
                biz = self.ctx.catalog.business(case.business_code)
                v.addWidget(label(records.summary_line(case, _biz_name(biz)), "title"))
                v.addWidget(label(" → ".join(records.stages(case, answers.get(case.id))), "hint"))
            v.addStretch(1)
            v.addWidget(big_button(tr("完成"), lambda: self.wipe("finish"), primary=True, name="finish"))
            self._show("query_result", page, back=self.wipe, speak=tr("查询结果已显示"))
        run_task(work, done, self._failed, parent=self.page)

    def show_reprint(self) -> None:
        """Reprint the receipt of a submitted case, found by the ID card."""
        self.visit = Visit("query", temp=None)
        self.idle.arm(True)
        self.show_card(self._reprint_for, back=self.wipe, purpose=tr("读卡后将列出您在本机提交的申请。"))

    def _reprint_for(self, card) -> None:
        visit = self.visit

        def done(cases):
            if self.visit is not visit:
                return
            cases = [c for c in cases if c.state.value != "draft"]
            page = QWidget()
            v = QVBoxLayout(page)
            v.addWidget(label(tr("请选择要打印回执的申请"), "title"))
            if not cases:
                v.addWidget(label(tr("没有查到相关的申请。"), "warning"))
            for case in cases:
                biz = self.ctx.catalog.business(case.business_code)
                v.addWidget(big_button(records.summary_line(case, _biz_name(biz)),
                                       (lambda c=case, b=biz: self._reprint(c, b)), choice=True, name="case"))
            v.addStretch(1)
            self._show("reprint", page, back=self.wipe)
        run_task(lambda: records.cases_for_holder(self.ctx.store, card.id_number, self.ctx.property_extract()), done, self._failed, parent=self.page)

    def _reprint(self, case, biz) -> None:
        queued = case.state.value == "submitted"
        self.visit.receipt = records.receipt_for(case, _biz_name(biz), queued=queued,
                                                 place=self.ctx.settings.get("service_point.name", None) or "")
        self.print_receipt()

    def show_guide(self, code: str | None = None) -> None:
        """The service guide: each kiosk business's steps, materials, time limit and fee."""
        self.visit = Visit("query", temp=None)
        self.idle.arm(True)
        page = QWidget()
        v = QVBoxLayout(page)
        if code is None:
            v.addWidget(label(tr("办事指南"), "title"))
            for biz in self.ctx.catalog.for_channel("kiosk", None):
                v.addWidget(big_button(_biz_name(biz), (lambda c=biz.code: self.show_guide(c)), choice=True,
                                       name="guide:" + biz.code))
            v.addStretch(1)
            self._show("guide", page, back=self.wipe, speak=tr("办事指南"))
            return
        biz = self.ctx.catalog.business(code)
        guide = _guide().get(code, {})
        v.addWidget(label(_biz_name(biz), "title"))
        if biz.kind == "registration":
            v.addWidget(label(tr("办理步骤：") + " → ".join(guide_steps(biz))))
            v.addWidget(label(tr("所需材料：") + "、".join(m.name for m in biz.materials)))
        v.addWidget(label(tr("办理时限：") + tr(guide.get("time_limit", "—"))))
        v.addWidget(label(tr("收费标准：") + tr(guide.get("fee", "—"))))
        v.addStretch(1)
        self._show("guide_detail", page, back=lambda: self.show_guide(), speak=_biz_name(biz))

    # -- walk-away and the wipe -----------------------------------------------------------
    def _idle_tick(self, left: int) -> None:
        if left < 0:
            if self._idle_overlay is not None:
                self._idle_overlay.answer(None)
            return
        if self._idle_overlay is None:
            self._idle_overlay = Overlay(self, "", [(tr("我还在"), True)], title=tr("您还在吗？"),
                                         keys=["still_here"])
            self._idle_overlay.answered.connect(lambda _v: setattr(self, "_idle_overlay", None))
            self.say(tr("您还在吗？如需继续，请触摸屏幕"))
        self._idle_overlay.text.setText(tr("{n} 秒后将结束本次办理并清除您的信息。", n=left))

    def wipe(self, reason: str = "start_over", rebuild: bool = True) -> None:
        """End the visit: stop devices, drop the case (deleting an unsubmitted draft), the
        screen and its pictures, temporary files and spoken text; back to attract."""
        visit, self.visit = self.visit, Visit()
        self.idle.arm(False)
        self.prompter.dismiss()
        if self._idle_overlay is not None:
            self._idle_overlay.answer(None)
            self._idle_overlay = None
        for overlay in self.findChildren(Overlay):
            overlay.answer(None)
        session = visit.session
        if session is not None and visit.submitted is None:
            run_task(session.delete_draft, None, lambda exc: log.warning("draft not deleted: %s", type(exc).__name__))
        if session is not None:
            session._listeners.clear()
        visit.session = visit.card = visit.holding = visit.receipt = None
        self.ctx.wipe_temp()
        try:
            self.ctx.voice.stop()
            if hasattr(self.ctx.voice, "forget"):
                self.ctx.voice.forget()
        except Exception:
            log.warning("voice stop failed", exc_info=True)
        if i18n.language() != "zh":
            i18n.set_language("zh")
        self.large = False
        log.info("kiosk visit ended (%s)", reason)
        if rebuild:
            self.apply_theme()
            self.show_attract()
        del visit, session
        gc.collect()
        _release_memory()
        self.wiped.emit()

    # -- operator -------------------------------------------------------------------------
    def ask_pin(self) -> None:
        """The operator's PIN on the keypad (the hidden gesture's second half)."""
        pad = Keypad(8, allow_x=False)
        overlay = Overlay(self, tr("请输入管理密码"), [(tr("取消"), None)], extra=pad)
        pad.submitted.connect(lambda pin: (overlay.answer(None), self.operator_menu() if self.ctx.check_pin(pin)
                                           else self.prompter.notify("warning", tr("密码错误"))))

    def operator_menu(self) -> None:
        """Device check, queue, restart, shut down (staff only)."""
        self.wipe("operator")

        def check() -> list[str]:  # devices may take seconds to answer: off the UI thread
            lines = ["{}: {}".format(k, v.get("state")) for k, v in self.ctx.devices.health().items()]
            lines.append("printer: {} ({})".format(self.ctx.printer.status(), self.ctx.printer.description))
            lines.append("enrolled: {}".format("yes" if self.enrolled else "no (yizhan enroll)"))
            try:
                waiting = sum(1 for i in self.ctx.outbox.items() if i.state not in ("delivered", "answered"))
                lines.append(tr("待上传：{n}", n=waiting))
            except Exception:
                lines.append(tr("上传队列：无法读取"))
            return lines
        run_task(check, self._show_operator_menu, lambda exc: self._show_operator_menu([str(exc)]), parent=self)

    def _show_operator_menu(self, lines: list[str]) -> None:
        overlay = Overlay(self, "\n".join(lines), [(tr("返回"), "close"), (tr("立即同步"), "sync"),
                                                    (tr("重新启动"), "restart"), (tr("关机"), "poweroff")],
                          title=tr("运维菜单"))

        def chosen(action):
            if action == "sync" and self.ctx.sync_service_factory is not None:
                run_task(lambda: self.ctx.sync_service_factory().run_once(force=True), None, None, parent=self)
            elif action in ("restart", "poweroff"):
                self.system_action(action)
        overlay.answered.connect(chosen)

    def allow_close(self) -> None:
        """Let the next close through (the operator's restart)."""
        self._allow_close = True


def _release_memory() -> None:
    """Give the freed pages (decoded page images, camera frames) back to the system, so a
    kiosk's memory stays flat over thousands of visits."""
    from shared.platform import release_memory
    release_memory()


def _after(owner: QWidget, ms: int, fn: Callable[[], Any]) -> None:
    """Call ``fn`` in ``ms`` unless ``owner`` is destroyed first (a timer it owns)."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.timeout.connect(fn)
    timer.start(ms)


def _enrolled(store) -> bool:
    from shared.sync import enrollment
    return enrollment.load(store) is not None


def _stop_devices(widget: QWidget) -> None:
    from shared.ui.face_capture import QtFaceCapture
    for capture in widget.findChildren(QtFaceCapture):
        capture.clear()


GUIDE_WORDS = {"data": N_("刷身份证，确认不动产"), "identity": N_("人脸核验"), "interview": N_("回答询问并签名"),
               "materials": N_("拍摄材料"), "recheck": N_("再次人脸核验"), "submit": N_("提交并打印回执")}


def guide_steps(biz) -> list[str]:
    """The steps of ``biz`` at the kiosk in words, from the kiosk channel's rules."""
    from shared.domain.steps import rules_for
    present = {"data": True, "identity": any(r.identity_check for r in biz.roles), "interview": bool(biz.interview),
               "materials": bool(biz.materials), "recheck": biz.face_checks >= 2, "submit": True}
    return [tr(GUIDE_WORDS[k]) for k in rules_for("kiosk").kinds if present.get(k)]


def _scrub(widget: QWidget) -> None:
    """Blank what a page showed (texts, pictures, ink) before it is destroyed."""
    from shared.ui.signature_pad import QtSignaturePad
    for lab in widget.findChildren(QLabel):
        lab.clear()
    for pad in widget.findChildren(QtSignaturePad):
        pad.clear()


def _biz_name(biz) -> str:
    return biz.name_en if i18n.language() == "en" and getattr(biz, "name_en", "") else biz.name


_GUIDE: dict | None = None


def _guide() -> dict:
    global _GUIDE
    if _GUIDE is None:
        import json
        path = Path(__file__).resolve().parent.parent / "resources" / "masterdata" / "service_guide.json"
        _GUIDE = json.loads(path.read_text(encoding="utf-8")).get("businesses", {}) if path.exists() else {}
    return _GUIDE


def _configured_doccam(ctx):
    """The document camera the ``kiosk.doccam`` setting names (a page source id: ``doccam:0``,
    ``sim:`` for the simulated one)."""
    from shared.devices.pages import open_source
    return open_source(str(ctx.settings.get("kiosk.doccam", None) or "sim:"))


def _system_action(action: str) -> None:
    """Restart: leave with code 75 (systemd starts the kiosk again); power off: ask systemd."""
    if action == "restart":
        QApplication.instance().exit(75)
    elif action == "poweroff":
        subprocess.Popen(["systemctl", "poweroff"], stdin=subprocess.DEVNULL)
        QApplication.instance().exit(0)


__all__ = ["KioskWindow", "Visit", "KeyLock", "os"]

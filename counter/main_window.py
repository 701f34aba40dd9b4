"""The counter's main window: case list, business picker and case editor on one stack.

The store is opened off the UI thread after the window shows; if it cannot be opened the
window explains why (wrong key, corrupt file, no disk) instead of failing to start.

Nobody works without a login: once the device knows its operators (the operator list comes
with the first sync) the login panel covers the window until someone logs in, and again after
the idle lock (default 5 minutes without input), which also hides open dialogs; the open case
stays as it was. A device with no operator enrolled yet runs in setup mode and says so.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QLabel,
                               QMainWindow, QProgressDialog, QPushButton, QSizePolicy, QStackedWidget, QVBoxLayout,
                               QWidget)

from counter.case_list import QtCaseList, first_page
from counter.context import AppContext
from shared.config import Settings
from shared.errors import os_error_msg
from shared.i18n import tr
from shared.ui.notify import notifier, notify, notify_exception
from shared.ui.tasks import run_task
from shared.ui.theme import set_role

if TYPE_CHECKING:
    from shared.domain.catalog import Catalog

log = logging.getLogger("yizhan.counter")
SHOW_AFTER_MS = 250  # the window waits this long for its case list before it shows "opening…"


def _wrapping_button(text: str) -> QPushButton:
    """A big button whose label wraps (long English names must not widen the window)."""
    from PySide6.QtCore import Qt  # not at import (see the message page of QtCounterWindow)
    button = QPushButton()
    set_role(button, "business")
    button.setAccessibleName(text)
    button.setToolTip(text)
    label = QLabel(text, button)
    label.setObjectName("businessLabel")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignCenter)
    label.setAttribute(Qt.WA_TransparentForMouseEvents)
    inner = QVBoxLayout(button)
    inner.setContentsMargins(8, 4, 8, 4)
    inner.addWidget(label)
    button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    return button


class QtBusinessPicker(QWidget):
    """Big buttons, one per business type the counter handles."""

    picked = Signal(str)
    cancelled = Signal()

    def __init__(self, catalog: "Catalog", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import Qt
        layout = QVBoxLayout(self)
        title = QLabel(tr("请选择业务类型"))
        set_role(title, "title")
        layout.addWidget(title)
        grid = QGridLayout()
        for i, biz in enumerate(catalog.for_channel("counter")):
            button = _wrapping_button(tr(biz.name))
            button.setObjectName("biz:" + biz.code)
            button.clicked.connect(lambda _=False, code=biz.code: self.picked.emit(code))
            grid.addWidget(button, i // 2, i % 2)
        layout.addLayout(grid)
        layout.addStretch(1)
        back = QPushButton(tr("返回列表"))
        back.clicked.connect(self.cancelled.emit)
        layout.addWidget(back, 0, Qt.AlignLeft)


def server_text(enrollment) -> str:
    """The server this device is enrolled with (what it really syncs with), or that it is not."""
    if enrollment is None:
        return tr("本机尚未注册（请运维人员运行“yizhan enroll”）")
    return tr("{url}（本机编号 {device}）", url=enrollment.server_url, device=enrollment.device_id)


class QtSettingsDialog(QDialog):
    """Language and the server this service point syncs with."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, enrollment=None,
                 data_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(tr("设置"))
        form = QFormLayout(self)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(settings.get("language")), 0))
        form.addRow(tr("界面语言（重启后生效）"), self.language)
        self.server = QLabel(server_text(enrollment))
        self.server.setObjectName("enrolledServer")
        self.server.setWordWrap(True)
        form.addRow(tr("登记服务器"), self.server)
        from shared.masterdata import MANAGED_LABELS, MANAGED_SETTINGS, versions  # the master data in use, read-only
        for v in versions(data_dir):
            line = QLabel(v.text().render())
            line.setObjectName("masterVersion_" + v.kind)
            form.addRow(tr(v.label), line)
        for key in MANAGED_SETTINGS:  # what the registry manages: shown, never edited here
            if settings.is_managed(key):
                line = QLabel(tr("{value}（由登记机构统一管理）").format(value=settings.get(key)))
                line.setObjectName("managed_" + key)
                line.setToolTip(tr("此项由登记机构通过基础数据统一设置，本机不能修改"))
                form.addRow(tr(MANAGED_LABELS[key]), line)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        self.settings.set("language", self.language.currentData())
        try:
            self.settings.save()
        except OSError as exc:
            notify_exception(exc)
            return
        super().accept()


class _InputWatch(QObject):
    """Every key and mouse input restarts the idle time."""

    INPUT = (QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel, QEvent.TouchBegin)

    def __init__(self, touch, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.touch = touch

    def eventFilter(self, obj, event) -> bool:
        if event.type() in self.INPUT:
            self.touch()
        return False


class QtCounterWindow(QMainWindow):
    """The counter application's window."""

    storeReady = Signal()
    storeFailed = Signal(str)  # the explanation shown when the store or catalog cannot be opened
    deskBankKnown = Signal(object)  # the bank profile of this desk (None: not a bank's desk), after login and sync
    upgradeProgress = Signal(int, int)  # (done, total) of an older store's upgrade, from the opening thread
    listPainted = Signal(int)  # the case list's first paint is done (rows shown); bench P7 waits for it
    firstShown = Signal()      # the window is shown for the first time (bench D1)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.catalog: Catalog | None = ctx.catalog  # loaded with the store, off the UI thread, when not given
        self.data_dir, self.config_dir, self.settings = ctx.data_dir, ctx.config_dir, ctx.settings
        self.store = None
        self._editor = None  # built on first use (see the editor property)
        self.enrollment = None  # this device's identity at its registration server, once read
        self.upgrade_dialog: QProgressDialog | None = None  # shown while an older store is upgraded
        self.upgradeProgress.connect(self._upgrade_progress)  # queued: emitted off the UI thread
        self.setWindowTitle(tr("一站 · 不动产登记服务点（柜台）"))
        self._fit_screen()
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.message_page = QLabel(tr("正在打开加密数据库……"))
        self.message_page.setObjectName("startupMessage")
        # centred by counter.qss: nothing before the list's first paint touches PySide6's Qt
        # namespace, whose Python enums take 12-14 ms to create (bench P7)
        self.message_page.setWordWrap(True)
        self.stack.addWidget(self.message_page)
        self.statusBar().showMessage(tr("就绪"))
        self.sync_indicator = None  # built with the sync stack once the list is painted (_finish_start)
        self.picker = self.importer = None
        self._started = False
        self._shown = False
        self.sync_worker = None
        self.integration = None  # the bank's credit system's local API (setting integration.enabled)
        notifier().message.connect(self._on_message)
        bar = self.menuBar()
        menu = bar.addMenu(tr("案件"))
        menu.addAction(tr("新建案件"), self.show_picker)
        self.import_action = menu.addAction(tr("导入贷款数据……"), self.open_import)
        menu.addAction(tr("案件列表"), self.show_list)
        self.originals_action = menu.addAction(tr("纸质原件移交……"), self.open_originals)
        bar.addMenu(tr("设置")).addAction(tr("语言与服务器……"), self.open_settings)
        desk = bar.addMenu(tr("工作台"))
        self.desk_action = desk.addAction(tr("上传队列、结果、进度查询与操作日志……"), self.open_desk)
        ops = bar.addMenu(tr("操作员"))
        self.lock_action = ops.addAction(tr("锁定屏幕"), self.lock)
        self.password_action = ops.addAction(tr("修改密码……"), self.change_password)
        self.logout_action = ops.addAction(tr("注销"), self.logout)
        self.operator_label = QLabel()
        self.operator_label.setObjectName("operatorLabel")
        self.statusBar().addPermanentWidget(self.operator_label)
        self.login_panel = None
        self.idle = None
        self._hidden_windows: list = []
        self._before_lock = None
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(5000)
        self.idle_timer.timeout.connect(self._check_idle)

    def _fit_screen(self) -> None:
        """Open at 1280 x 800, or smaller on a smaller screen (1366 x 768 at a service point)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = (1280, 800) if screen is None else (min(1280, screen.width()), min(800, screen.height()))
        self.resize(width, height)

    def start(self) -> None:
        """Open the store and show the window with its case list in one go: the list's first
        page is read with the store, off the UI thread, and the window's first paint shows it
        (bench P7), instead of painting "opening…" first and the list after. A store that takes
        longer than ``SHOW_AFTER_MS``, fails or is being upgraded shows the window at once."""
        self.storeFailed.connect(self._show_now)
        self.upgradeProgress.connect(self._show_now)
        QTimer.singleShot(SHOW_AFTER_MS, self._show_now)
        self.open_store()

    def _show_now(self, *_args) -> None:
        if not self._shown:
            self.show()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.firstShown.emit()

    def open_store(self) -> None:
        """Load the catalog and open the store off the UI thread, then build the pages."""
        ctx = self.ctx

        def work():
            from shared.sync import enrollment
            ctx.open_store(progress=self.upgradeProgress.emit)
            try:  # the list's first page, read here so that the list's first paint shows it
                rows = first_page(ctx.store, ctx.catalog)
            except Exception as exc:  # the list reads it again itself, and says what is wrong
                log.warning("case list: first page not read at start (%s)", type(exc).__name__)
                rows = None
            return ctx.catalog, ctx.store, enrollment.load(ctx.store), rows

        def failed(exc):
            self._upgrade_done()
            text = exc.msg.render() if hasattr(exc, "msg") else str(exc)
            self.message_page.setText(tr("无法打开案件数据库或业务目录。") + "\n\n" + text)
            notify_exception(exc)
            self.storeFailed.emit(text)
        run_task(work, self._store_opened, failed, parent=self)

    @property
    def editor(self):
        """The case editor, built on first use (not at start: the officer first sees the
        list; see :meth:`_prebuild_editor`)."""
        if self._editor is None:
            from counter.case_editor import QtCaseEditor
            editor = self._editor = QtCaseEditor(self.ctx)
            self.stack.addWidget(editor)
            editor.closed.connect(self.show_list)
            editor.closed.connect(editor.release_case)
            editor.deleted.connect(lambda _id: self.show_list())
            editor.submitted.connect(lambda _id: self.sync_now())
        return self._editor

    def _prebuild_editor(self) -> None:
        """Build the editor once the list is on screen, so the first case opens at once (with the
        case session's module: loaded here, it is part of the idle counter, not of the first case)."""
        if self.store and self._editor is None:
            self.editor  # noqa: B018 - built for its side effect
            import shared.workflow.session  # noqa: F401 - the case session every opened case needs

    def _upgrade_progress(self, done: int, total: int) -> None:
        """The upgrade of an older store, as it goes (the store opens off the UI thread)."""
        if self.upgrade_dialog is None:
            dlg = QProgressDialog(tr("正在升级本机数据库（新版本首次启动），请勿关闭程序……"), "", 0, total, self)
            dlg.setObjectName("upgradeProgress")
            dlg.setWindowTitle(tr("数据库升级"))
            from PySide6.QtCore import Qt
            dlg.setCancelButton(None)  # a half-done upgrade is never left behind: it runs to its end
            dlg.setWindowModality(Qt.WindowModal)
            dlg.setAutoClose(False)
            dlg.setAutoReset(False)
            dlg.setMinimumDuration(0)
            self.upgrade_dialog = dlg
        self.upgrade_dialog.setMaximum(total)
        self.upgrade_dialog.setValue(done)
        self.message_page.setText(tr("正在升级本机数据库：{pct}%").format(pct=100 * done // max(total, 1)))

    def _upgrade_done(self) -> None:
        if self.upgrade_dialog is not None:
            self.upgrade_dialog.hide()

    def _store_opened(self, result) -> None:
        self._upgrade_done()
        self.catalog, self.store, self.enrollment, rows = result
        store = self.store
        self.case_list = QtCaseList(store, self.catalog, first_page=rows)
        self.stack.addWidget(self.case_list)
        self.case_list.openRequested.connect(self.open_case)
        self.case_list.newRequested.connect(self.show_picker)
        self.case_list.importRequested.connect(self.open_import)
        self.setAcceptDrops(True)
        from shared.workflow.auth import IdleLock
        self.idle = IdleLock(float(self.ctx.auth.setting("idle_lock_minutes")))
        if self.ctx.needs_login():
            self.show_login()
            QTimer.singleShot(0, self._finish_start)
        else:
            self.case_list.after_first_paint(self._list_painted)
            self.case_list.loaded.connect(lambda _n: QTimer.singleShot(0, self._finish_start))
            QTimer.singleShot(2000, self._finish_start)  # the list failed to load: start the rest anyway
            if self.case_list.preloaded:
                self.stack.setCurrentWidget(self.case_list)  # its rows came with the store
            else:
                self.show_list()
        self._show_operator()
        self._show_now()

    def _list_painted(self) -> None:
        self.listPainted.emit(self.case_list.row_count())
        self._finish_start()

    def _finish_start(self) -> None:
        """What the case list does not need, built once it is painted (bench P7: the officer sees
        the list sooner): the business picker, the loan importer, the sync indicator and the
        sync stack, the bank's local API. ``storeReady`` then says everything is up. Anything
        that needs these first calls it (it runs once)."""
        if self._started or self.store is None:
            return
        self._started = True
        from PySide6.QtWidgets import QApplication
        # every event of the application goes through this filter from now on: installed after
        # the first paint, so the start does not pay for it
        self._input_watch = _InputWatch(self.idle.touch, self)
        QApplication.instance().installEventFilter(self._input_watch)
        self.idle_timer.start()
        QTimer.singleShot(300, self._prebuild_editor)
        self.picker = QtBusinessPicker(self.catalog)
        self.stack.addWidget(self.picker)
        self.picker.picked.connect(self.new_case)
        self.picker.cancelled.connect(self.show_list)
        from counter.loan_import import QtLoanImporter
        self.importer = QtLoanImporter(self.ctx, self)
        self.importer.imported.connect(lambda case_id, _existed: self.open_case(case_id))
        from shared.ui.sync_indicator import QtSyncIndicator
        self.sync_indicator = QtSyncIndicator()
        self.sync_indicator.setObjectName("syncIndicator")
        self.sync_indicator.syncNowRequested.connect(self.sync_now)
        self.statusBar().insertPermanentWidget(0, self.sync_indicator)  # left of the operator's name
        self._start_sync(self.enrollment is not None)
        self._start_integration()
        self.storeReady.emit()

    # -- operators --------------------------------------------------------------------------
    def gated(self) -> bool:
        """Whether the login panel must stay (nobody logged in, or locked)."""
        return self.ctx.needs_login() or (self.idle is not None and self.idle.locked)

    def _build_login_panel(self) -> bool:
        """The login panel, built the first time it is needed (once the store is open);
        whether there is one."""
        if self.login_panel is None and self.store is not None and self.ctx.auth is not None:
            from shared.ui.login import QtLoginPanel
            self.login_panel = QtLoginPanel(self.ctx.auth)
            self.login_panel.setObjectName("loginPanel")
            self.login_panel.loggedIn.connect(self._logged_in)
            self.login_panel.unlocked.connect(self._unlocked)
            self.login_panel.logoutRequested.connect(self.logout)
            self.stack.addWidget(self.login_panel)
        return self.login_panel is not None

    def show_login(self, note: str = "") -> None:
        """The login panel over everything (nobody is logged in)."""
        if not self._build_login_panel():
            return
        self._hide_windows()
        self.login_panel.set_mode("login", note)
        self.stack.setCurrentWidget(self.login_panel)
        self._show_operator()

    def _logged_in(self, session) -> None:
        if self.idle is not None:
            self.idle.release()
        self._show_operator()
        notify(tr("{name} 已登录", name=session.label))
        self._restore_windows()
        self.show_list()
        self._load_desk_bank()

    def _load_desk_bank(self) -> None:
        """Which bank's desk this is for the operator now logged in (master data; off the UI thread)."""
        from shared.ui.tasks import run_task
        if self.store is not None:
            run_task(self.ctx.load_desk_bank, self.deskBankKnown.emit, lambda _e: None, parent=self)

    def lock(self) -> None:
        """The idle lock (or the operator's "锁定屏幕"): hide every personal detail, keep the case."""
        if self.ctx.auth is None or self.ctx.auth.current is None or not self._build_login_panel():
            return
        if self.idle.locked:
            return
        self.idle.engage()
        self._before_lock = self.stack.currentWidget()
        self._hide_windows()
        self.login_panel.set_mode("unlock")
        self.stack.setCurrentWidget(self.login_panel)
        from shared.ui.tasks import run_task
        run_task(self.ctx.auth.lock, parent=self)

    def _unlocked(self, _session) -> None:
        self.idle.release()
        self._restore_windows()
        back = self._before_lock
        self._before_lock = None
        if back is not None and back is not self.login_panel:
            self.stack.setCurrentWidget(back)
        else:
            self.show_list()

    def logout(self) -> None:
        """End the operator's session; the next person logs in."""
        if self.ctx.auth is None:
            return
        from shared.ui.tasks import run_task
        auth = self.ctx.auth
        self._before_lock = None
        if self.idle is not None:
            self.idle.release()
        run_task(lambda: auth.logout(), lambda _r: self.show_login(), parent=self)

    def change_password(self) -> None:
        """The logged-in operator sets a new password (checked and audited in the core)."""
        if self.ctx.auth is None or self.ctx.auth.current is None:
            return
        from shared.ui.login import QtPasswordDialog
        self.password_dialog = QtPasswordDialog(self.ctx.auth, self)
        self.password_dialog.accepted.connect(lambda: notify(tr("密码已修改")))
        self.password_dialog.open()

    def _check_idle(self) -> None:
        if self.idle is not None and self.ctx.auth is not None and self.ctx.auth.current is not None and self.idle.due():
            self.lock()

    def _hide_windows(self) -> None:
        from PySide6.QtWidgets import QApplication
        for w in QApplication.topLevelWidgets():
            if w is not self and w.isVisible() and w.isWindow() and w not in self._hidden_windows:
                self._hidden_windows.append(w)
                w.hide()

    def _restore_windows(self) -> None:
        for w in self._hidden_windows:
            w.show()
        self._hidden_windows = []

    def _show_operator(self) -> None:
        auth = self.ctx.auth
        if auth is None:
            return
        if auth.current is not None:
            self.operator_label.setText(tr("操作员：{name}", name=auth.current.label))
        elif auth.known:
            self.operator_label.setText(tr("未登录"))
        else:
            self.operator_label.setText(tr("安装调试模式：本机尚无操作员账号（同步后须登录）"))
        logged = auth.current is not None
        self.lock_action.setEnabled(logged)
        self.password_action.setEnabled(logged)
        self.logout_action.setEnabled(logged)

    def _after_sync(self) -> None:
        """After a sync pass: a disabled operator is logged out; a first operator list asks for a login."""
        auth = self.ctx.auth
        if auth is None or self.store is None:
            return
        from shared.ui.tasks import run_task
        was = auth.current

        def check():
            auth.enrolled()
            self.ctx.load_desk_bank()  # the bank profiles may have come with this pass
            return was is None or auth.still_valid()

        def show(valid: bool) -> None:
            if self.store is None:
                return
            if not valid:
                self.show_login(tr("该工号已被停用，已注销。"))
            elif self.ctx.needs_login() and self.stack.currentWidget() is not self.login_panel:
                self.show_login(tr("已同步操作员名单，请登录。"))
            self._show_operator()
            self.deskBankKnown.emit(self.ctx.desk_bank)
        run_task(check, show, lambda _e: None, parent=self)

    def open_desk(self) -> None:
        """The officer's day: the upload queue, outcomes, progress query, audit log, statistics."""
        if not self.store or self.gated():
            return
        from counter.desk import QtDeskDialog
        self.desk_dialog = QtDeskDialog(self.ctx, self.open_case, parent=self)
        self.desk_dialog.show()

    # -- sync -------------------------------------------------------------------------------
    def _start_sync(self, enrolled: bool) -> None:
        """Background sync when this device is enrolled (the context's comparer asks the server)."""
        if not enrolled:
            self.sync_indicator.set_unenrolled()
            return
        from shared.ui.sync_worker import QtSyncWorker
        interval_s = int(self.settings.get("sync.interval_s", 30))  # the registry may manage it
        self.sync_worker = QtSyncWorker(self.ctx.sync_service_factory, interval_ms=interval_s * 1000, parent=self)
        self.sync_worker.progress.connect(self.sync_indicator.set_progress)
        self.sync_worker.outcome.connect(self._on_outcome)
        self.sync_worker.passFinished.connect(lambda _r: self.case_list.reload()
                                              if self.stack.currentWidget() is self.case_list else None)
        self.sync_worker.passFinished.connect(lambda _r: self._after_sync())
        self.sync_worker.passFinished.connect(lambda _r: self.integration.wake() if self.integration else None)
        self.sync_worker.start()

    def _start_integration(self) -> None:
        """The local API for the bank's credit system and its outcome notifications, in
        background threads (shared.integration: the same code as ``yizhan integration serve``)."""
        if not self.settings.get("integration.enabled", False):
            return
        from shared.integration.service import IntegrationService
        try:
            self.integration = IntegrationService(self.store, self.settings, self.data_dir).start()
        except OSError as exc:  # the port is taken, most often
            notify(tr("银行系统接口未能在端口 {port} 启动：{err}", port=self.settings.get("integration.port"),
                      err=os_error_msg(exc).render()), "warning")

    def sync_now(self) -> None:
        if self.sync_worker is None:
            notify(tr("本机尚未在登记服务器注册，数据包保存在本机。请运维人员运行“yizhan enroll”完成注册。"), "warning")
            return
        self.sync_worker.sync_now()

    def _on_outcome(self, event) -> None:
        """An answer of the registry arrived: tell the officer, refresh what shows the case."""
        from shared.sync.summary import item_label
        notify(tr("案件 {id}：{state}", id=event.case_id, state=item_label(event.kind)),
               "warning" if event.kind in ("not_accepted", "correction_requested") else "info")
        if self.stack.currentWidget() is self.case_list:
            self.case_list.reload()
        if self._editor is not None and self.editor.case is not None and self.editor.case.id == event.case_id:
            self.editor.reopen(event.case_id)

    def show_list(self) -> None:
        if self.store and not self.gated():
            self.stack.setCurrentWidget(self.case_list)
            self.case_list.reload()

    def show_picker(self) -> None:
        if self.store and not self.gated():
            self._finish_start()
            self.stack.setCurrentWidget(self.picker)

    def new_case(self, code: str) -> None:
        self.editor.new_case(code)
        self.stack.setCurrentWidget(self.editor)

    def open_case(self, case_id: str) -> None:
        if self.gated():
            return

        def show(case):
            self.editor.open_case(case)
            self.stack.setCurrentWidget(self.editor)
        run_task(lambda: self.store.get_case(case_id), show, parent=self)

    # -- the loan system's data ---------------------------------------------------------------
    def open_import(self) -> None:
        """The import dialog: scan the loan approval sheet, or open a file."""
        if not self.store or self.gated():
            return
        from counter.loan_import import QtLoanImportDialog
        self._finish_start()
        self.import_dialog = QtLoanImportDialog(self.importer, self)
        self.import_dialog.open()
        self.import_dialog.scan.setFocus()

    @staticmethod
    def _dropped_files(event) -> list[str]:
        mime = event.mimeData()
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt name
        if self.store and not self.gated() and len(self._dropped_files(event)) == 1:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt name
        """A file dropped on the window: the loan system's data or a photo of the sheet."""
        files = self._dropped_files(event)
        if not (self.store and not self.gated() and len(files) == 1):
            event.ignore()
            return
        event.acceptProposedAction()
        self._finish_start()
        self.importer.import_file(files[0])

    def open_originals(self) -> None:
        """The hand-over batches of paper originals (non-modal: the counter keeps working)."""
        if not self.store:
            return
        from counter.originals_dialog import QtOriginalsDialog
        self.originals_dialog = QtOriginalsDialog(self.store, self.catalog, self.settings, parent=self)
        self.originals_dialog.show()

    def open_settings(self) -> None:
        QtSettingsDialog(self.settings, self, self.enrollment, self.data_dir).exec()

    def _on_message(self, level: str, text: str) -> None:
        self.statusBar().showMessage(text, 10000 if level == "info" else 0)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt name
        self.idle_timer.stop()
        if getattr(self, "_input_watch", None) is not None:
            from PySide6.QtWidgets import QApplication
            QApplication.instance().removeEventFilter(self._input_watch)
        if self.ctx.auth is not None and self.ctx.auth.current is not None and self.store:
            try:
                self.ctx.auth.logout("exit")
            except Exception:  # the window closes whatever the store says
                pass
        if self.sync_worker is not None:
            self.sync_worker.stop()
        if self.integration is not None:
            self.integration.stop()
            self.integration = None
        if self.store:
            if self._editor is not None:
                self._editor.shutdown()
            self.ctx.close()
            self.store = None
        super().closeEvent(event)

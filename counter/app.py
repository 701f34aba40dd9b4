"""Entry point of the counter application (``yizhan-counter``)."""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

T0 = time.perf_counter()
SCREENSHOT_TIMEOUT_S = 120.0


def parse_args(argv: list[str] | None) -> "argparse.Namespace | SimpleNamespace":
    """The command line; with no arguments the defaults, without loading argparse (bench P7)."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        return SimpleNamespace(data_dir=None, lang=None, screenshot=None)
    import argparse
    parser = argparse.ArgumentParser(prog="yizhan-counter", description="一站 柜台端")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--lang", choices=["zh", "en"], default=None)
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="save a PNG of the window once the case list is shown, then quit")
    return parser.parse_args(argv)


def store_dirs(args: argparse.Namespace) -> tuple[Path, Path]:
    """The data and configuration directories (``--data-dir`` wins over ``$YIZHAN_DATA_DIR``)."""
    from shared.config import resolve_dirs
    return resolve_dirs(args.data_dir)


def setup_logging() -> None:
    from shared.logs import setup_logging as setup
    setup("yizhan-counter", console_level=logging.INFO)


def main(argv: list[str] | None = None) -> int:
    # The cyclic collector stays off: from qt_gc.install on it runs on the UI thread's timer
    # (a collection in a worker thread may free Qt objects there); off until then too, the
    # start's imports and widgets do not trigger a dozen full passes
    gc.disable()
    args = parse_args(argv)
    from shared.platform import tune_allocator
    tune_allocator()  # a counter runs all day: freed page images go back to the system
    setup_logging()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from shared.ui import qt_feature
    qt_feature.install()  # PySide6's per-import source check, read as bytes (most of 14 ms)
    from counter.context import AppContext
    from counter.main_window import QtCounterWindow
    from shared.config import Settings
    from shared.ui import qt_i18n
    from shared.ui.notify import install_excepthook

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("yizhan-counter")
    from shared.ui.theme import apply_theme
    apply_theme(app, "counter")  # the one stylesheet and palette, before any widget exists
    from shared.ui import qt_gc
    qt_gc.install(app)  # Qt objects must never be freed by a collection in a worker thread
    from shared.ui import qt_refs
    qt_refs.install()   # PySide6 spends references to True/None on each signal and task (bool_dealloc)
    data_dir, config_dir = store_dirs(args)
    settings = Settings.load(config_dir)
    qt_i18n.install(args.lang or settings.get("language", "zh"))
    install_excepthook()
    from shared.prompter import AutoPrompter
    from shared.ui.prompter import QtDialogPrompter
    # unattended (--screenshot): nothing may wait for a click, so the prompter never opens a box
    prompter = AutoPrompter() if args.screenshot else QtDialogPrompter().install()
    ctx = AppContext.create(data_dir, config_dir, settings=settings, prompter=prompter)
    window = QtCounterWindow(ctx)  # a broken catalog is explained in it
    if args.screenshot:
        screenshot_then_quit(app, window, args.screenshot)
    probe = os.environ.get("YIZHAN_STARTUP_PROBE")
    if probe == "list":  # bench P7: the case list's first paint
        window.listPainted.connect(lambda rows: (
            print("LIST_PAINTED {} {:.4f}".format(rows, time.perf_counter() - T0), flush=True), app.quit()))
    elif probe:  # bench D1: the first shown window
        window.firstShown.connect(lambda: QTimer.singleShot(0, lambda: (
            print("FIRST_WINDOW {:.4f}".format(time.perf_counter() - T0), flush=True), app.quit())))
    window.start()  # opens the store; shows the window with its list, or "opening…" if that takes long
    return app.exec()


def screenshot_then_quit(app, window, path: Path, timeout_s: float = SCREENSHOT_TIMEOUT_S) -> None:
    """``--screenshot``: save the window once the store is open, or could not be opened, and quit.

    Unattended (``./dev.sh run`` without a display): a store that cannot be opened still gives
    its picture, its explanation on stderr and exit code 1; one that neither opens nor fails
    within ``timeout_s`` gives exit code 2. No modal box waits for a click.
    """
    from PySide6.QtCore import QTimer

    from shared.i18n import tr
    done = []

    def grab(code: int) -> None:
        if done:
            return
        done.append(code)
        window.grab().save(str(path))
        app.exit(code)

    def failed(text: str) -> None:
        print(tr("无法打开案件数据库或业务目录。") + "\n" + text, file=sys.stderr, flush=True)
        QTimer.singleShot(300, lambda: grab(1))

    def too_slow() -> None:
        if not done:
            print(tr("案件数据库在 {n} 秒内没有打开，已截图退出。", n=int(timeout_s)), file=sys.stderr, flush=True)
            grab(2)
    window.storeReady.connect(lambda: QTimer.singleShot(800, lambda: grab(0)))
    window.storeFailed.connect(failed)
    QTimer.singleShot(int(timeout_s * 1000), too_slow)


if __name__ == "__main__":
    sys.exit(main())

"""Entry point of the counter application (``yizhan-counter``)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

T0 = time.perf_counter()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="yizhan-counter", description="一站 柜台端")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--lang", choices=["zh", "en"], default=None)
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="save a PNG of the window once the case list is shown, then quit")
    return parser.parse_args(argv)


def setup_logging() -> None:
    from shared.security.masking import install_log_scrubber
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    install_log_scrubber()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_logging()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from counter.context import AppContext
    from counter.main_window import QtCounterWindow
    from shared.config import Settings, default_config_dir, default_data_dir
    from shared.ui import qt_i18n
    from shared.ui.notify import install_excepthook

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("yizhan-counter")
    from shared.ui import qt_gc
    qt_gc.install(app)  # Qt objects must never be freed by a collection in a worker thread
    from shared.ui import qt_refs
    qt_refs.install()   # PySide6 spends references to True/None on each signal and task (bool_dealloc)
    data_dir = args.data_dir or default_data_dir()
    settings = Settings.load(default_config_dir(data_dir))
    qt_i18n.install(args.lang or settings.get("language", "zh"))
    install_excepthook()
    from shared.ui.prompter import QtDialogPrompter
    ctx = AppContext.create(data_dir, default_config_dir(data_dir), settings=settings,
                            prompter=QtDialogPrompter().install())
    window = QtCounterWindow(ctx)  # a broken catalog is explained in it
    window.show()
    if os.environ.get("YIZHAN_STARTUP_PROBE"):  # bench P7: report the first shown window
        QTimer.singleShot(0, lambda: (print("FIRST_WINDOW {:.4f}".format(time.perf_counter() - T0), flush=True),
                                      app.quit()))
    window.open_store()
    if args.screenshot:
        def grab():
            window.grab().save(str(args.screenshot))
            app.quit()
        window.storeReady.connect(lambda: QTimer.singleShot(800, grab))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

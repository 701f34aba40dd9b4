"""Entry point of the self-service kiosk (``yizhan-kiosk``): full screen, frameless, locked down.

``--windowed WxH`` shows it in a window of that size instead (development, screenshots);
``--screenshot PNG`` saves the attract screen and quits. Under systemd (``NOTIFY_SOCKET`` set)
it reports READY once the attract screen is up and sends watchdog heartbeats from the UI loop.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

T0 = time.perf_counter()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="yizhan-kiosk", description="一站 自助终端")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--windowed", default=None, metavar="WxH", help="a window of this size, not full screen")
    parser.add_argument("--screenshot", type=Path, default=None, help="save the attract screen as PNG, then quit")
    return parser.parse_args(argv)


def build(args: argparse.Namespace):
    """The application, the kiosk's context (store opened) and its window, not yet shown."""
    from PySide6.QtWidgets import QApplication

    from shared.ui import qt_feature
    qt_feature.install()  # PySide6's per-import source check, read as bytes (faster start)
    from kiosk.context import KioskContext
    from shared.config import Settings, default_config_dir, default_data_dir
    from shared.ui import qt_gc, qt_i18n
    from shared.ui.notify import install_excepthook

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("yizhan-kiosk")
    qt_gc.install(app)
    data_dir = args.data_dir or default_data_dir()
    settings = Settings.load(default_config_dir(data_dir))
    qt_i18n.install("zh")  # Chinese first; English is one touch away on the attract screen
    install_excepthook()
    ctx = KioskContext.create(data_dir, default_config_dir(data_dir), settings=settings)
    from kiosk.window import KioskWindow
    window = KioskWindow(ctx)
    ctx.prompter = window.prompter
    return app, ctx, window


def prepare_process() -> None:
    """What the kiosk's process sets before anything else: a kiosk runs all day, so freed memory
    goes back to the system (at most two malloc arenas, large blocks in their own mappings),
    and it logs to its own rotating, scrubbed file beside the console (a kiosk has no console
    anyone reads)."""
    from shared.logs import setup_logging
    from shared.platform import tune_allocator
    tune_allocator()
    setup_logging("yizhan-kiosk", console_level=logging.INFO)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    prepare_process()
    app, ctx, window = build(args)
    from PySide6.QtCore import QTimer
    if args.windowed:
        w, _, h = args.windowed.partition("x")
        window.resize(int(w), int(h))
        window.show()
    else:
        window.showFullScreen()
    if os.environ.get("YIZHAN_STARTUP_PROBE"):  # bench K1: the attract screen is shown
        QTimer.singleShot(0, lambda: (print("ATTRACT_SHOWN {:.4f}".format(time.perf_counter() - T0), flush=True),
                                      app.exit(0)))  # quit() would ask the window, which refuses
    if args.screenshot:
        QTimer.singleShot(500, lambda: (window.grab().save(str(args.screenshot)), app.exit(0)))
    services = []

    def start_sync():  # background sync: queued packets go up when the link comes back
        try:
            services.append(ctx.sync_service_factory())
            services[0].start()
        except Exception:
            logging.getLogger("yizhan.kiosk").warning("background sync not started", exc_info=True)
    window.storeReady.connect(start_sync)
    window.open_store()  # off the UI thread, behind the attract screen
    code = app.exec()
    for service in services:
        service.stop()
    window.allow_close()
    window.close()
    ctx.close()
    return code


if __name__ == "__main__":
    sys.exit(main())

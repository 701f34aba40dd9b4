"""The one notification path: every error a person should see goes through here.

Expected errors (:class:`~shared.errors.YizhanError`) show their message; anything else is a
bug: its traceback goes to the log (scrubbed of personal data), the person sees a short
generic message, never the traceback. How a message is shown is the front end's prompter's
business (:class:`shared.ui.prompter.QtDialogPrompter` shows errors in a box; tests and
unattended runs install none, so nothing modal ever opens); every listener gets every message.
"""

from __future__ import annotations

import logging
import sys
import traceback
from typing import Callable

from PySide6.QtCore import QObject, Signal

from shared.errors import YizhanError
from shared.i18n import tr

log = logging.getLogger("yizhan.ui")


class Notifier(QObject):
    """Broadcasts messages; front ends connect a status bar, a banner or a dialog."""

    message = Signal(str, str)  # level ("info" | "warning" | "error"), text

    def __init__(self) -> None:
        super().__init__()
        self.history: list[tuple[str, str]] = []

    def show(self, text: str, level: str = "info") -> None:
        self.history.append((level, text))
        self.message.emit(level, text)


_notifier: Notifier | None = None


def notifier() -> Notifier:
    global _notifier
    if _notifier is None:
        _notifier = Notifier()
    return _notifier


def notify(text: str, level: str = "info") -> None:
    notifier().show(text, level)


def notify_exception(exc: BaseException) -> None:
    """Show an exception the right way: its message if expected, a generic one if a bug."""
    if isinstance(exc, YizhanError):
        notify(exc.msg.render(), "error")
        return
    log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc)))
    notify(tr("程序内部错误，已记录日志。您的数据已保存，请重试或联系运维人员。"), "error")


def install_excepthook() -> Callable:
    """Route uncaught exceptions (also those raised in Qt slots) to :func:`notify_exception`."""
    previous = sys.excepthook

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            return previous(exc_type, exc, tb)
        notify_exception(exc.with_traceback(tb))
    sys.excepthook = hook
    return previous

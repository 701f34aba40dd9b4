"""Logging of the front ends and the CLI: a rotating file per application, nothing personal in clear.

:func:`setup_logging` is the one place that configures logging. Every handler it installs (and
every handler :func:`install_log_scrubber` is given) formats records
with :class:`ScrubbingFormatter`, which masks the whole formatted record, tracebacks included.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from shared.security.masking import UNSAFE_CHARS, UNSAFE_IN_LINES, mask_text, scrub

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5
_MARK = "_yizhan_handler"
# What a log line never carries as it is: control characters (C0, DEL, C1: terminal escapes,
# CR/LF that would forge a line), format characters (bidi overrides and isolates, U+061C,
# zero widths, BOM), line and paragraph separators (U+2028/9) and lone surrogates (Unicode
# categories Cc, Cf, Zl, Zp, Cs: the class printable() drops). They are written as escapes
# (``\x1b``, ``\u202e``).
_UNSAFE_ANY = re.compile("[" + UNSAFE_CHARS + "]")
_UNSAFE_LINE = re.compile("[" + UNSAFE_IN_LINES + "]")  # keeps \t \n


def _escape(match: "re.Match[str]") -> str:
    code = ord(match.group())
    return "\\x{:02x}".format(code) if code < 0x100 else \
        "\\u{:04x}".format(code) if code < 0x10000 else "\\U{:08x}".format(code)


def clean_text(text: str, keep_lines: bool = False) -> str:
    """``text`` with every control, format or separator character escaped (newlines and tabs
    kept when ``keep_lines``): nothing a program or a server put into a record can move the
    terminal's cursor, recolour it, reorder a line or start a forged one."""
    return (_UNSAFE_LINE if keep_lines else _UNSAFE_ANY).sub(_escape, text)


def safe_value(value: Any) -> Any:
    """A value as a log line may show it: numbers as they are, text masked (:func:`mask_text`).

    A product error shows its message code and template with masked parameters, so the log
    still says what went wrong without the names or numbers it was about.
    """
    if value is None or isinstance(value, (bool, int, float)):
        return value
    from shared.errors import YizhanError
    from shared.i18n import Msg
    if isinstance(value, YizhanError):
        value = value.msg
    if isinstance(value, Msg):
        params = {k: safe_value(v) for k, v in value.params.items()}
        return clean_text("[{}] {} {}".format(value.code, value.text, params) if params else
                          "[{}] {}".format(value.code, value.text))
    return clean_text(mask_text(str(value)))


def _exception_lines(exc: BaseException, seen: set[int]) -> list[str]:
    seen.add(id(exc))
    lines: list[str] = []
    cause, context = exc.__cause__, exc.__context__
    if cause is not None and id(cause) not in seen:
        lines += _exception_lines(cause, seen)
        lines.append("\nThe above exception was the direct cause of the following exception:\n\n")
    elif context is not None and not exc.__suppress_context__ and id(context) not in seen:
        lines += _exception_lines(context, seen)
        lines.append("\nDuring handling of the above exception, another exception occurred:\n\n")
    if exc.__traceback__ is not None:
        import traceback  # only when a traceback is written (not at every start)
        lines.append("Traceback (most recent call last):\n")
        lines += traceback.format_list(traceback.extract_tb(exc.__traceback__))
    kind = type(exc)
    name = kind.__qualname__ if kind.__module__ in ("builtins", "__main__") else \
        "{}.{}".format(kind.__module__, kind.__qualname__)
    text = safe_value(exc)
    lines.append("{}: {}\n".format(name, text) if text else name + "\n")
    for note in getattr(exc, "__notes__", None) or ():
        lines.append(clean_text(mask_text(str(note))) + "\n")
    return lines


class ScrubbingFormatter(logging.Formatter):
    """Formats a record with nothing personal in clear.

    The format string is code; what the program put into it at run time (the ``args``, a
    non-string ``msg``) and every exception's text (its message and arguments, its causes,
    its notes) are masked with :func:`~shared.security.masking.mask_text`; the traceback's frames
    (file, line, code) are kept. The final text, stack included, goes through
    :func:`~shared.security.masking.scrub` once more. A traceback text cached on the record
    by another formatter is never reused as it is.
    """

    @classmethod
    def like(cls, other: logging.Formatter | None) -> "ScrubbingFormatter":
        """A scrubbing formatter with the layout of ``other`` (the default layout if None)."""
        if other is None:
            return cls()
        return cls(other._fmt, other.datefmt)  # noqa: SLF001 - the layout of the formatter replaced

    def _message(self, record: logging.LogRecord) -> str:
        msg = record.msg if isinstance(record.msg, str) else safe_value(record.msg)
        args = record.args
        if not args:
            return msg
        try:
            if isinstance(args, dict):
                return msg % {k: safe_value(v) for k, v in args.items()}
            return msg % tuple(safe_value(a) for a in args)
        except (TypeError, ValueError, KeyError):  # e.g. %d given masked text: keep what we can
            return "{} {}".format(msg, [safe_value(a) for a in (args.values() if isinstance(args, dict) else args)])

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        exc = ei[1] if isinstance(ei, tuple) else ei
        if not isinstance(exc, BaseException):
            return ""
        return "".join(_exception_lines(exc, set())).rstrip("\n")

    def format(self, record: logging.LogRecord) -> str:
        record.message = self._message(record)
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        text = self.formatMessage(record)
        if record.exc_info and record.exc_info[1] is not None:
            text += "\n" + self.formatException(record.exc_info)
        elif record.exc_text:
            text += "\n" + mask_text(record.exc_text)
        if record.stack_info:
            text += "\n" + self.formatStack(record.stack_info)
        return clean_text(scrub(text), keep_lines=True)


class PrivateRotatingFileHandler(logging.FileHandler):
    """A size-bounded, rotating log file only its owner may read (mode 0600 where the OS has modes).

    The rule of :class:`logging.handlers.RotatingFileHandler`: before a record would take the
    file to ``max_bytes``, ``app.log`` becomes ``app.log.1`` (``.1`` becomes ``.2`` …, the
    oldest beyond ``backup_count`` is dropped) and a new file starts. Written here so that a
    front end's start does not load ``logging.handlers`` (and with it ``socket`` and
    ``pickle``); sizes are counted in encoded bytes.
    """

    def __init__(self, filename: Path | str, max_bytes: int, backup_count: int, encoding: str = "utf-8") -> None:
        self.max_bytes, self.backup_count = max_bytes, backup_count
        super().__init__(filename, mode="a", encoding=encoding)

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # a file made before (or by another umask) is narrowed too
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        """Format the record once, start a new file first if it would not fit, write it."""
        try:
            text = self.format(record) + self.terminator
            if self.stream is None:
                self.stream = self._open()
            size = len(text.encode(self.encoding or "utf-8", "replace"))
            if self.max_bytes > 0 and self.stream.tell() + size > self.max_bytes:
                self._rotate()
            self.stream.write(text)
            self.flush()
        except RecursionError:  # as logging's own handlers do
            raise
        except Exception:  # a failing handler never stops the program
            self.handleError(record)

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        for i in range(self.backup_count - 1, 0, -1):
            if os.path.exists("{}.{}".format(base, i)):
                os.replace("{}.{}".format(base, i), "{}.{}".format(base, i + 1))
        if os.path.exists(base):
            if self.backup_count > 0:
                os.replace(base, base + ".1")
            else:
                os.remove(base)
        self.stream = self._open()


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)  # mkdir's mode is narrowed by the umask, never widened
    return path


def setup_logging(app_name: str, log_dir: Path | str | None = None, *, level: int = logging.INFO,
                  console_level: int | None = logging.WARNING) -> Path | None:
    """Log to ``<log_dir>/<app_name>.log`` (rotated, size- and count-bounded) and to the console.

    ``log_dir`` defaults to :func:`shared.config.default_log_dir` (created 0700). The console
    handler (``console_level``; None for none) is added, as :func:`logging.basicConfig` does,
    only when nothing else handles the root logger yet. Calling it again replaces what an earlier
    call installed. Returns the log file, or None when it cannot be written (the console
    then carries on alone and says why).
    """
    from shared.config import default_log_dir
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(min(level, console_level if console_level is not None else level))
    handlers: list[logging.Handler] = []
    path: Path | None = None
    problem: OSError | None = None
    try:
        path = _private_dir(Path(log_dir) if log_dir else default_log_dir()) / "{}.log".format(app_name)
        file_handler = PrivateRotatingFileHandler(path, MAX_BYTES, BACKUP_COUNT, encoding="utf-8")
        file_handler.setLevel(level)
        handlers.append(file_handler)
    except OSError as exc:
        path, problem = None, exc
    if console_level is not None and not root.handlers:
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(console_level)
        handlers.append(console)
    for handler in handlers:
        handler.setFormatter(ScrubbingFormatter(FORMAT))
        setattr(handler, _MARK, True)
        root.addHandler(handler)
    install_log_scrubber(root)
    if problem is not None:
        logging.getLogger("yizhan.logs").warning("no log file (%s): logging to the console only",
                                                 type(problem).__name__)
    return path


def install_log_scrubber(logger: logging.Logger | None = None) -> None:
    """Give every handler of ``logger`` (root by default) a scrubbing formatter.

    The formatter (:class:`shared.logs.ScrubbingFormatter`, same layout as the handler's) masks
    the whole formatted record: the message, the values put into it, and the traceback and
    stack of an exception, where a name or ID number often hides in the exception's text.
    """
    logger = logger or logging.getLogger()
    for handler in logger.handlers:
        if not isinstance(handler.formatter, ScrubbingFormatter):
            handler.setFormatter(ScrubbingFormatter.like(handler.formatter))

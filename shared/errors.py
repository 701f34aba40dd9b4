"""The product's exceptions. Each carries a :class:`~shared.i18n.Msg` a person can read.

One notification path: front ends catch :class:`YizhanError` and show ``err.msg``; anything
else is a bug, logged with its traceback (never shown to the user) and reported with a
generic message.
"""

from __future__ import annotations

from typing import Any

from shared.i18n import N_, Msg


class YizhanError(Exception):
    """Base class of every expected error. ``msg`` says what is wrong and what to do."""

    default_code = "error"

    def __init__(self, msg: Msg | str, **params: Any) -> None:
        if isinstance(msg, str):
            msg = Msg(self.default_code, msg, params)
        self.msg = msg
        super().__init__(msg.render("zh"))

    @property
    def code(self) -> str:
        return self.msg.code

    def __str__(self) -> str:
        return self.msg.render()


class ValidationError(YizhanError):
    """Input that breaks a rule; ``errors`` maps a field path to its message."""

    default_code = "validation"

    def __init__(self, msg: Msg | str, errors: dict[str, Msg] | None = None, **params: Any):
        super().__init__(msg, **params)
        self.errors = dict(errors or {})


class CatalogError(YizhanError):
    """The business catalog (or another master-data file) is broken."""

    default_code = "catalog"


class StoreError(YizhanError):
    """The encrypted store cannot be opened, read or written."""

    default_code = "store"


class DeviceError(YizhanError):
    """A device (ID reader, camera, scanner, printer) failed; a retry may help."""

    default_code = "device"


class CaptureError(YizhanError):
    """An image or page cannot be processed (corrupt, blank, blurred, too large)."""

    default_code = "capture"


class SyncError(YizhanError):
    """The registration server could not be reached or refused a request."""

    default_code = "sync"

    def __init__(self, msg: Msg | str, retryable: bool = True,
                 retry_after: float | None = None, **params: Any):
        super().__init__(msg, **params)
        self.retryable = retryable
        self.retry_after = retry_after


class TrustError(SyncError):
    """TLS pin mismatch, bad signature, unknown key: sync stops, never falls back."""

    default_code = "trust"

    def __init__(self, msg: Msg | str, **params: Any):
        super().__init__(msg, retryable=False, **params)


class DocumentError(YizhanError):
    """A document cannot be rendered (missing fields, unrenderable characters)."""

    default_code = "document"


_OS_ERRORS = {  # errno name -> what a person at the counter or kiosk reads
    "ENOENT": ("os.not_found", N_("文件或文件夹不存在")),
    "EACCES": ("os.denied", N_("没有访问权限")),
    "EPERM": ("os.denied", N_("没有访问权限")),
    "EISDIR": ("os.is_dir", N_("这是文件夹，不是文件")),
    "ENOTDIR": ("os.not_dir", N_("路径中有一段不是文件夹")),
    "ENOSPC": ("os.disk_full", N_("磁盘已满")),
    "EDQUOT": ("os.disk_full", N_("磁盘已满")),
    "EROFS": ("os.read_only", N_("磁盘为只读")),
    "EIO": ("os.io", N_("磁盘读写出错")),
    "ENAMETOOLONG": ("os.name_long", N_("文件名过长")),
    "ELOOP": ("os.loop", N_("路径中的链接过多")),
    "EBUSY": ("os.busy", N_("文件正被占用")),
    "EMFILE": ("os.too_many", N_("打开的文件过多")),
    "ENFILE": ("os.too_many", N_("打开的文件过多")),
}


def os_error_msg(exc: BaseException) -> Msg:
    """What went wrong with a file, in the reader's language: the common ``errno`` causes by
    name (the OS's own text is English on most systems), anything else as the OS says it."""
    import errno
    name = errno.errorcode.get(getattr(exc, "errno", None) or 0, "")
    if name in _OS_ERRORS:
        code, text = _OS_ERRORS[name]
        return Msg(code, text)
    return Msg("os.other", "{err}", {"err": getattr(exc, "strerror", None) or type(exc).__name__})


def file_error_msg(exc: BaseException) -> Msg:
    """:func:`os_error_msg`, with the refusal of the bounded reader and of the safe writer
    (``EINVAL``: a folder, FIFO, device or socket where a regular file belongs) named as that."""
    import errno
    if isinstance(exc, OSError) and exc.errno == errno.EINVAL:
        return Msg("file.not_regular_out", "不是普通文件")
    return os_error_msg(exc)


def small_file_text(path, cap: int, encoding: str = "utf-8") -> tuple[str | None, Msg | None]:
    """A small text file a user names (a code, a password): ``(text, None)``, or ``(None,
    what is wrong)`` in the reader's language. Read through the one bounded reader
    (:func:`shared.platform.read_regular`): a regular file of at most ``cap`` bytes, never a
    FIFO or a device."""
    from shared import platform
    try:
        return platform.read_regular(path, cap).decode(encoding).lstrip("\ufeff"), None
    except UnicodeDecodeError:
        return None, Msg("file.encoding", "不是 {encoding} 文本", {"encoding": encoding.upper()})
    except OSError as exc:
        if platform.is_too_large(exc):
            return None, Msg("file.over_kb", "超过 {kb} KB", {"kb": max(cap >> 10, 1)})
        return None, file_error_msg(exc)

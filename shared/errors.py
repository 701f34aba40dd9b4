"""The product's exceptions. Each carries a :class:`~shared.i18n.Msg` a person can read.

One notification path: front ends catch :class:`YizhanError` and show ``err.msg``; anything
else is a bug, logged with its traceback (never shown to the user) and reported with a
generic message.
"""

from __future__ import annotations

from typing import Any

from shared.i18n import Msg


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

"""The one way to an :class:`~shared.workflow.auth.Authenticator` that goes by the device's
login rules: the machine's settings with the registry's managed ``operators.*`` values over
them (:func:`shared.masterdata.effective_settings`). The counter's and kiosk's context and the
``yizhan`` command's login all get theirs here, so no login goes by other rules than the
registry's (max_failures, lock_minutes, password_days)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def authenticator(store, settings: Any = None, config_dir: Path | str | None = None):
    """An Authenticator of ``store``: with ``settings`` (a front end's effective settings, kept
    current by its sync passes) or, when None, the effective settings of the store's data folder
    (``config_dir``: its configuration folder, default the data folder's)."""
    from shared.workflow.auth import Authenticator
    if settings is None:
        from shared.masterdata import effective_settings
        settings = effective_settings(Path(store.path).parent, config_dir)
    return Authenticator(store, settings)

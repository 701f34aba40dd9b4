"""A front end's composition root: the services built once and handed to every screen.

The counter (``counter/app.py``) and the kiosk (``kiosk/app.py``) each make one
:class:`AppContext` (the kiosk a subclass with its own devices); the window opens its store off
the UI thread (:meth:`AppContext.open_store`), then builds the screens with it. No screen looks
a service up (not in the widget tree, not in the default directories); each receives the context.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from shared.config import Settings, default_config_dir, default_data_dir
from shared.devices.registry import DeviceRegistry
from shared.prompter import AutoPrompter, Prompter


@dataclass
class AppContext:
    """Settings, store, outbox, sync service factory, face comparer, devices, operator, prompter."""

    settings: Settings
    data_dir: Path
    config_dir: Path
    prompter: Prompter = field(default_factory=AutoPrompter)
    devices: DeviceRegistry | None = None
    catalog: Any = None             # the business catalog (loaded with the store when not given)
    store: Any = None               # shared.store.Store, once opened
    outbox: Any = None              # the one shared.sync.outbox.Outbox of this device
    comparer: Any = None            # the face comparer every case session uses (None: referred)
    operator: Callable[[], str] = lambda: ""
    sync_service_factory: Callable[[], Any] | None = None
    channel: str = "counter"

    def __post_init__(self) -> None:
        if self.devices is None:
            self.devices = DeviceRegistry(self.settings)

    @classmethod
    def create(cls, data_dir: Path | None = None, config_dir: Path | None = None, *,
               settings: Settings | None = None, **kw: Any) -> "AppContext":
        """A context for ``data_dir`` (the store not yet open)."""
        data_dir = Path(data_dir) if data_dir else default_data_dir()
        config_dir = Path(config_dir) if config_dir else default_config_dir(data_dir)
        return cls(settings or Settings.load(config_dir), data_dir, config_dir, **kw)

    @classmethod
    def for_store(cls, store, catalog=None, *, settings: Settings | None = None, **kw: Any) -> "AppContext":
        """A context around an already open store (tests, tools)."""
        import copy
        from shared.config import DEFAULT_SETTINGS
        data_dir = Path(getattr(store, "data_dir", ".") or ".")
        settings = settings or Settings(data_dir / "settings.json", copy.deepcopy(DEFAULT_SETTINGS))
        ctx = cls(settings, data_dir, data_dir, **kw)
        ctx.attach(store, catalog)
        return ctx

    def open_store(self) -> bool:
        """Load the catalog and open the store (blocking: call it off the UI thread); returns
        whether this device is enrolled with the registration server."""
        from shared.domain.catalog import default_catalog
        from shared.store import Store
        from shared.sync import enrollment
        catalog = self.catalog or default_catalog()
        store = Store.open(self.data_dir, self.config_dir)
        self.attach(store, catalog)
        return enrollment.load(store) is not None

    def attach(self, store, catalog=None) -> None:
        """Build what hangs on the store: outbox, comparer, sync service factory, operator."""
        from shared.domain.catalog import default_catalog
        from shared.sync.face_compare import comparer_for
        from shared.sync.outbox import Outbox
        self.store = store
        self.catalog = catalog or self.catalog or default_catalog()
        self.outbox = Outbox(store, self.settings, catalog=self.catalog)
        if self.comparer is None:
            self.comparer = comparer_for(store, self.settings)
        self.operator = lambda: getattr(store, "operator", "") or ""  # the operators issue replaces this

        def service():
            from shared.sync.service import SyncService
            return SyncService(store, self.settings)
        self.sync_service_factory = service

    def session(self, case):
        """A :class:`~shared.workflow.session.CaseSession` on ``case`` for this front end's channel."""
        from shared.workflow.session import CaseSession
        return CaseSession(self.store, self.catalog, case, channel=self.channel, operator=self.operator,
                           comparer=self.comparer, outbox=lambda: self.outbox,
                           place=lambda: self.settings.get("service_point.name", None) or "")

    def close(self) -> None:
        """Release devices and the store (app exit)."""
        if self.devices is not None:
            self.devices.close()
        if self.store is not None:
            self.store.close()
            self.store = None

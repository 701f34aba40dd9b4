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
    """Settings, store, outbox, sync service factory, face comparer, devices, operator, prompter.

    ``auth`` (once the store is open) holds the operators enrolled at this device and who is
    logged in; ``operator()`` names them (``name（staff id）``) and every case session acts as
    the logged-in :class:`~shared.domain.operators.OperatorSession`. A device with no operator
    enrolled yet (before its first sync) runs in setup mode as the OS user, saying so."""

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
    auth: Any = None                # shared.workflow.auth.Authenticator, once the store is open
    approval: Any = None            # the approval policy of the operator list
    sync_service_factory: Callable[[], Any] | None = None
    channel: str = "counter"
    desk_bank: Any = None           # the bank whose desk this is, for the operator logged in (None: none)

    def __post_init__(self) -> None:
        if self.devices is None:
            self.devices = DeviceRegistry(self.settings)

    @classmethod
    def create(cls, data_dir: Path | None = None, config_dir: Path | None = None, *,
               settings: Settings | None = None, **kw: Any) -> "AppContext":
        """A context for ``data_dir`` (the store not yet open)."""
        data_dir = Path(data_dir) if data_dir else default_data_dir()
        config_dir = Path(config_dir) if config_dir else default_config_dir(data_dir)
        from shared.masterdata import apply_managed, effective_settings
        if settings is None:
            settings = effective_settings(data_dir, config_dir)
        else:
            apply_managed(settings, data_dir)  # what the registry manages wins over local settings
        return cls(settings, data_dir, config_dir, **kw)

    @classmethod
    def for_store(cls, store, catalog=None, *, settings: Settings | None = None, **kw: Any) -> "AppContext":
        """A context around an already open store (tests, tools)."""
        import copy
        from shared.config import DEFAULT_SETTINGS
        data_dir = Path(getattr(store, "data_dir", ".") or ".")
        from shared.masterdata import apply_managed
        if settings is None:
            settings = Settings(data_dir / "settings.json", copy.deepcopy(DEFAULT_SETTINGS))
            store_dir = Path(store.path).parent if getattr(store, "path", None) is not None else data_dir
            apply_managed(settings, store_dir)  # the registry's login rules and the rest still win
        ctx = cls(settings, data_dir, data_dir, **kw)
        ctx.attach(store, catalog)
        return ctx

    def open_store(self, progress=None) -> bool:
        """Load the catalog and open the store (blocking: call it off the UI thread); returns
        whether this device is enrolled with the registration server. ``progress(done, total)``
        hears how far the upgrade of an older store is (from the store's thread)."""
        from shared.masterdata import current_catalog
        from shared.store import Store
        from shared.sync import enrollment
        catalog = self.catalog or current_catalog(self.data_dir)  # pulled master data, else shipped
        store = Store.open(self.data_dir, self.config_dir, progress=progress)
        self.attach(store, catalog)
        self.auth.enrolled()
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
        from shared.workflow.logins import authenticator
        self.auth = authenticator(store, self.settings)
        self.approval = self.outbox.approval  # the store's policy, which the outbox reads itself: one for both
        self.operator = lambda: self.auth.current.label if self.auth.current else (getattr(store, "operator", "") or "")

        def service():
            from shared.sync.service import SyncService
            return SyncService(store, self.settings)
        self.sync_service_factory = service

    def session(self, case):
        """A :class:`~shared.workflow.session.CaseSession` on ``case`` for this front end's channel."""
        from shared.workflow.session import CaseSession
        return CaseSession(self.store, self.catalog, case, channel=self.channel, operator=self.actor,
                           comparer=self.comparer, outbox=lambda: self.outbox, approval=self.approval,
                           place=lambda: self.settings.get("service_point.name", None) or "")

    def registry_client(self):
        """A client of the registration server (blocking to use: off the UI thread; close it)."""
        from shared.sync import enrollment
        from shared.sync.client import SyncClient
        return SyncClient(enrollment.require(self.store))
    def load_desk_bank(self):
        """Read which bank's desk this is for the operator logged in, from the master data
        (blocking: call it off the UI thread, after a login and after each sync pass)."""
        from shared.workflow.bank_desk import desk_profile
        self.desk_bank = desk_profile(self.store, self.actor()) if self.store is not None else None
        return self.desk_bank

    def actor(self):
        """Who acts: the logged-in operator's session, else (setup mode) the OS user's name."""
        if self.auth is not None and self.auth.current is not None:
            return self.auth.current
        return getattr(self.store, "operator", "") or ""

    def needs_login(self) -> bool:
        """Whether the counter must ask for a login (operators are enrolled, nobody is logged
        in), as last read: :meth:`open_store` and each sync pass read it off the UI thread."""
        return self.auth is not None and self.auth.current is None and self.auth.known > 0

    def close(self) -> None:
        """Release devices and the store (app exit)."""
        if self.devices is not None:
            self.devices.close()
        if self.store is not None:
            self.store.close()
            self.store = None

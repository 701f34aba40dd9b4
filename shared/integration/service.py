"""The integration API and the outcome notifications together, as the counter runs them in
background threads when ``integration.enabled`` is set, and as ``yizhan integration serve``
runs them in the foreground: the same code."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from shared.integration.outcomes import OutcomeNotifier
from shared.integration.server import IntegrationServer

log = logging.getLogger(__name__)


class IntegrationService:
    """The API server and the notifier of one open store."""

    def __init__(self, store, settings, data_dir: Path | None = None, port: int | None = None) -> None:
        from shared.masterdata import current_catalog
        self.store = store
        self.settings = settings
        self.port = int(settings.get("integration.port", 8765) if port is None else port)
        self._catalog = lambda: current_catalog(data_dir)
        self.server: IntegrationServer | None = None
        self.notifier: OutcomeNotifier | None = None
        self._stop = threading.Event()

    def start(self) -> "IntegrationService":
        """Listen on 127.0.0.1 and start delivering outcomes (each in its own thread)."""
        self.server = IntegrationServer(self.store, self.port, self.settings.get("integration.actor", ""), self._catalog,
                                        self.settings.get("integration.service_point", "") or "")
        self.server.start()
        self.notifier = OutcomeNotifier.from_settings(self.store, self.settings)
        self.notifier.start(self._stop)
        log.info("integration API listening on %s", self.server.url)
        return self

    def wake(self) -> None:
        """Deliver outcomes now (a sync pass just brought some)."""
        if self.notifier is not None:
            self.notifier.wake()

    def stop(self) -> None:
        self._stop.set()
        if self.notifier is not None:
            self.notifier.wake()
        if self.server is not None:
            self.server.stop()
            self.server = None

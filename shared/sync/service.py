"""The sync service: one pass = upload, status pull, master data, retention; and a loop.

Front ends use :class:`SyncService` (the Qt adapter ``shared.ui.sync_worker`` runs it on a
QThread). ``run_once()`` is a plain blocking call; ``start()`` runs passes on a daemon thread
until ``stop()``, sleeping with back-off while offline and waking at once on ``sync_now()``.
Progress (queue length, bytes left, current item, online/offline) goes to ``on_progress``;
every applied outcome goes to ``on_outcome``.
"""

from __future__ import annotations

import datetime as _dt
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from shared import masterdata
from shared.config import Settings
from shared.errors import CatalogError, SyncError, TrustError
from shared.i18n import Msg
from shared.sync import anchor, enrollment, state
from shared.sync.backoff import Backoff
from shared.sync.client import ServerError
from shared.sync.outbox import ACTIVE, Outbox
from shared.sync.puller import OutcomeEvent, StatusPuller
from shared.sync.uploader import CHUNK, PacketUploader, UploadReport

log = logging.getLogger(__name__)
MASTER_EVERY_S = 600
HEARTBEAT_EVERY_S = 600  # the audit chain's head to the server (and in every packet)


@dataclass
class SyncProgress:
    """What a sync indicator shows."""

    online: bool | None = None
    queue_length: int = 0
    bytes_left: int = 0
    current_packet: str = ""
    current_sent: int = 0
    current_total: int = 0
    busy: bool = False
    last_success_at: str | None = None
    error: Msg | None = None
    blocked: list[Msg] = field(default_factory=list)


@dataclass
class SyncReport:
    """The result of one pass."""

    upload: UploadReport
    outcomes: list[OutcomeEvent]
    purged: int = 0
    error: SyncError | None = None

    @property
    def online(self) -> bool | None:
        """True / False when the last upload pass reached / missed the server; None if unknown."""
        return self.upload.online


class SyncService:
    """Upload + status pull + master data + retention for one store."""

    def __init__(self, store, settings: Settings | None = None, client=None,
                 on_progress: Callable[[SyncProgress], None] | None = None,
                 on_outcome: Callable[[OutcomeEvent], None] | None = None,
                 backoff: Backoff | None = None, chunk_size: int = CHUNK, outbox: Outbox | None = None) -> None:
        self.store = store
        self.outbox = outbox or Outbox(store, settings)
        self._client = client
        self.on_progress = on_progress
        self.on_outcome = on_outcome
        self.backoff = backoff or Backoff()
        self.chunk_size = chunk_size
        self.progress = SyncProgress()
        self._uploader: PacketUploader | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._failures = 0
        self._last_master = 0.0
        self._garbage_logged = False
        self._last_heartbeat = 0.0

    # -- plumbing ---------------------------------------------------------------------------
    def client(self):
        """The protocol client of this device (made on first use; needs an enrollment)."""
        if self._client is None:
            from shared.sync.client import SyncClient
            self._client = SyncClient(enrollment.require(self.store))
        return self._client

    def _emit(self, **changes) -> None:
        for k, v in changes.items():
            setattr(self.progress, k, v)
        if self.on_progress:
            try:
                self.on_progress(SyncProgress(**vars(self.progress)))
            except Exception:  # a broken listener must not stop sync
                log.exception("sync progress listener failed")

    def _on_chunk(self, packet_id: str, sent: int, total: int) -> None:
        count, left = self.outbox.pending()
        self._emit(current_packet=packet_id, current_sent=sent, current_total=total, queue_length=count,
                   bytes_left=left, online=True)

    def refresh(self) -> SyncProgress:
        """Recount the queue (e.g. after a submit) and tell the listener."""
        count, left = self.outbox.pending()
        self._emit(queue_length=count, bytes_left=left, blocked=self.outbox.guard_rails(),
                   last_success_at=state.read(self.store, "last_success_at"))
        return self.progress

    # -- one pass ---------------------------------------------------------------------------
    def run_once(self, force: bool = False) -> SyncReport:
        """Upload what is due, pull answers, refresh master data, apply retention."""
        report = SyncReport(UploadReport(), [])
        self._emit(busy=True, error=None)
        try:
            self._pass(report, force)
        finally:  # whatever the server said, retention still runs and the indicator settles
            report.purged = self.outbox.purge()
            self._note_garbage(report.error)
            self._failures = 0 if report.upload.online else self._failures + 1
            self._emit(busy=False, online=report.upload.online, current_packet="", current_sent=0, current_total=0,
                       error=report.error.msg if report.error else None)
            self.refresh()
        return report

    def _note_garbage(self, err: SyncError | None) -> None:
        """A malformed answer is logged once per run of them, not once per pass."""
        bad = err is not None and err.code == "sync.garbage"
        if bad and not self._garbage_logged:
            log.warning("sync: the server answered garbage (%s); will retry", err.msg.params.get("ctype", "?"))
        self._garbage_logged = bad

    def _pass(self, report: SyncReport, force: bool) -> None:
        try:
            client = self.client()
            if self._uploader is None:
                self._uploader = PacketUploader(self.outbox, client, self.chunk_size, self.backoff, self._on_chunk)
            report.upload = self._uploader.run_once(force=force, stop=self._stop.is_set)
            report.error = report.upload.error
            if report.upload.online is not False and not isinstance(report.error, TrustError):
                report.outcomes = StatusPuller(self.outbox, client, self.on_outcome).pull_once()
                report.upload.online = True
                state.write(self.store, "last_success_at", _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat())
                self._master_data(client, force)
                self._heartbeat(client, force)
        except SyncError as err:
            report.error = err
            if err.code == "sync.offline":
                report.upload.online = False

    def _master_data(self, client, force: bool) -> None:
        """Master data never blocks packets: failures are logged and retried later."""
        if not force and time.monotonic() - self._last_master < MASTER_EVERY_S:
            return
        self._last_master = time.monotonic()
        try:
            if "settings" in pull_master_data(self.store, client):  # the registry changed what it manages
                masterdata.apply_managed(self.outbox.settings, Path(self.store.path).parent)
        except SyncError as err:
            log.info("master data pull failed: %s", err.code)

    def _heartbeat(self, client, force: bool) -> None:
        """The audit chain's head to the server; like master data, it never blocks packets."""
        if not force and time.monotonic() - self._last_heartbeat < HEARTBEAT_EVERY_S:
            return
        self._last_heartbeat = time.monotonic()
        try:
            answer = anchor.heartbeat(self.store, client)
        except SyncError as err:
            log.info("audit heartbeat failed: %s", err.code)
            return
        if answer.get("findings"):
            log.warning("the server finds this device's audit chain went backwards: %s",
                        ", ".join(str(f)[:40] for f in answer["findings"][:3]))

    # -- the loop ---------------------------------------------------------------------------
    def next_delay(self) -> float:
        """Seconds until the next pass: back-off while offline, else until the next due item."""
        if self._failures:
            return self.backoff.delay(self._failures)
        due = [i.next_attempt_at for i in self.outbox.items(ACTIVE)]
        wait = min(due) - time.time() if due else 60.0
        return max(0.5, min(wait, 60.0))

    def start(self) -> None:
        """Start the background sync thread (no-op when it runs)."""
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="yizhan-sync", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        force = True
        while not self._stop.is_set():
            try:
                self.run_once(force=force)
            except Exception:  # keep the loop alive; the error is logged without personal data
                log.exception("sync pass failed")
            self._wake.wait(self.next_delay())
            force = self._wake.is_set()
            self._wake.clear()

    def sync_now(self) -> None:
        """Wake the loop for an immediate pass (the "立即同步" button)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the sync thread to stop and wait up to ``timeout`` seconds for it."""
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)


def master_dir(store) -> Path:
    return masterdata.master_root(Path(store.path).parent)


REFUSED_KEY = "masterdata.refused"
_ignored: set[str] = set()


def pull_master_data(store, client) -> list[str]:
    """Fetch the master-data documents whose version changed and accept the valid ones.

    A document that fails validation is refused (logged once: its version is remembered in
    ``sync_state`` and not fetched again) and the previous one stays in use; the others go on.
    Returns the names of the documents accepted.
    """
    data_dir = Path(store.path).parent
    refused = dict(state.read(store, REFUSED_KEY, {}) or {})
    updated = []
    for entry in client.master_index().get("documents", []):
        name, version = (entry.get("name"), entry.get("version")) if isinstance(entry, dict) else (None, None)
        if not masterdata.valid_name(name) or not masterdata.valid_version(version):
            key = repr(name)[:40]
            if key not in _ignored:  # an unknown kind or a name that is no identifier: never fetched
                _ignored.add(key)
                log.warning("master data entry ignored: name or version not acceptable")
            continue
        if masterdata.current_version(data_dir, name) == version or refused.get(name) == version:
            continue
        try:
            doc = client.master_document(name)
        except ServerError as err:
            log.info("master data %s not fetched: %s", name, err.code)
            continue
        try:
            if not isinstance(doc, dict) or doc.get("name", name) != name or doc.get("version") != version:
                raise CatalogError(Msg("masterdata.mismatch", "服务器下发的基础数据“{name}”与其目录不一致，已拒收", {"name": name}))
            masterdata.accept(data_dir, name, version, doc.get("content"), store)
        except CatalogError as err:
            log.warning("master data %s version %s refused (%s); the previous one stays in use", name, version, err.code)
            refused[name] = version
            state.write(store, REFUSED_KEY, refused)
            continue
        except OSError as exc:  # disk trouble: not the document's fault, tried again next time
            log.warning("master data %s not stored: %s", name, exc.strerror or type(exc).__name__)
            continue
        if name in refused:
            del refused[name]
            state.write(store, REFUSED_KEY, refused)
        log.info("master data %s version %s accepted", name, version)
        updated.append(name)
    return updated

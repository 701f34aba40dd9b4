"""The packet uploader: announce, PATCH at the offset the server confirms, commit.

One uploader at a time per data directory (an OS file lock, released by the OS even after
``kill -9``). State is written before the act: an item is marked ``announced`` before the
announce and ``uploading(offset)`` before each chunk; anything found in those states (after a
crash or an error) is first checked against the server, which may say it never heard of the
packet (back to the start), how far it got (resume there) or that it already holds it
(forward to ``committed``). A repeated commit gets the first answer, so nothing counts twice.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from shared.errors import SyncError, TrustError
from shared.i18n import Msg, stored_text
from shared.sync.backoff import Backoff
from shared.sync.client import ServerError, garbage
from shared.sync.outbox import ACTIVE, Outbox, OutboxItem

log = logging.getLogger(__name__)
CHUNK = 32 << 20  # streamed from the file: memory stays flat whatever the chunk size
OFFSET_WRITE_S = 2.0
PROGRESS_EVERY = 1 << 20
MAX_STALLS = 3
FORGOTTEN = {"not_found"}  # asked about an upload the server no longer has


class DamagedPacket(Exception):
    """The packet file does not match the SHA-256 stored when it was built."""


def _within(offset, size: int) -> int:
    """An offset the server confirmed, if it is one this packet can have."""
    if type(offset) is not int or not 0 <= offset <= size:
        raise garbage("-", "offset out of range")
    return offset


@dataclass
class UploadReport:
    """What one pass did."""

    committed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)
    online: bool | None = None
    busy: bool = False
    error: SyncError | None = None


class FileSlice:
    """``length`` bytes of an open file from ``offset``, read as the request body streams.

    ``len()`` gives requests the Content-Length; ``on_read(sent)`` reports progress about
    every :data:`PROGRESS_EVERY` bytes, so a large chunk on a slow line still moves the bar.
    """

    def __init__(self, fh, offset: int, length: int, on_read: Callable[[int], None] | None = None) -> None:
        self._fh, self._offset, self._length = fh, offset, length
        self._sent = 0
        self._reported = 0
        self._on_read = on_read
        fh.seek(offset)

    def __len__(self) -> int:
        return self._length

    def read(self, n: int = -1) -> bytes:
        left = self._length - self._sent
        data = self._fh.read(left if n is None or n < 0 else min(n, left)) if left > 0 else b""
        self._sent += len(data)
        if self._on_read and (self._sent - self._reported >= PROGRESS_EVERY or (self._sent == self._length and data)):
            self._reported = self._sent
            self._on_read(self._sent)
        return data


class UploaderLock:
    """An exclusive, non-blocking lock file; the OS drops it when the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(str(self.path), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.name == "nt":  # pragma: no cover - Windows service points
                import msvcrt
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops flock / msvcrt locks
            self._fd = None


class PacketUploader:
    """Uploads the outbox's packets; call :meth:`run_once` from a worker thread."""

    def __init__(self, outbox: Outbox, client, chunk_size: int = CHUNK, backoff: Backoff | None = None,
                 on_progress: Callable[[str, int, int], None] | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.outbox = outbox
        self.client = client
        self.chunk_size = chunk_size
        self.backoff = backoff or Backoff()
        self.on_progress = on_progress
        self.clock = clock
        self.lock = UploaderLock(outbox.dir.parent / "sync" / "uploader.lock")
        self._swept = False

    def run_once(self, force: bool = False, stop: Callable[[], bool] = lambda: False) -> UploadReport:
        """One pass over the due items (all of them with ``force``)."""
        report = UploadReport()
        if not self.lock.acquire():
            report.busy = True
            return report
        try:
            if not self._swept:
                self.outbox.sweep()
                self._swept = True
            now = self.clock()
            for item in self.outbox.items(ACTIVE):
                if stop():
                    break
                if not force and item.next_attempt_at > now:
                    report.deferred.append(item.packet_id)
                    continue
                if not self._one(item, report):
                    break
        finally:
            self.lock.release()
        return report

    def _one(self, item: OutboxItem, report: UploadReport) -> bool:
        """Send one item; False stops the pass (offline, or trust lost)."""
        try:
            self._send(item)
            report.committed.append(item.packet_id)
            report.online = True
            return True
        except TrustError as err:
            report.error, report.online = err, True
            self.outbox.note_error(item.packet_id, stored_text(err.msg), 0)
            return False
        except ServerError as err:
            report.online = True
            report.error = err
            if err.server_code in FORGOTTEN:  # the server lost what we sent: announce afresh
                self.outbox.set_state(item.packet_id, "announced", offset=0)
                self._defer(item, err, report)
                return True
            if err.server_code == "duplicate_mismatch" and self._rebuild(item, "id_taken", report):
                return True
            if err.retryable:
                self._defer(item, err, report)
                return True
            self.outbox.note_error(item.packet_id, stored_text(err.msg), 0, failed=True)
            report.failed.append(item.packet_id)
            return True
        except SyncError as err:
            report.error = err
            self._defer(item, err, report)
            if err.code == "sync.offline":
                report.online = False
                return False
            report.online = True
            return True
        except DamagedPacket:
            if not self._rebuild(item, "file_damaged", report):
                text = Msg("sync.packet_damaged", "数据包文件已损坏且无法重新生成，请在队列中选择“重试”（yizhan queue --retry {id}）或联系管理员",
                           {"id": item.packet_id}).render("zh")
                self.outbox.note_error(item.packet_id, text, 0, failed=True)
                report.failed.append(item.packet_id)
            return True
        except OSError as exc:
            text = stored_text(Msg("sync.packet_missing", "数据包文件无法读取：{err}", {"err": exc.strerror or str(exc)}))
            self.outbox.note_error(item.packet_id, text, 0, failed=True)
            report.failed.append(item.packet_id)
            return True

    def _rebuild(self, item: OutboxItem, reason: str, report: UploadReport) -> bool:
        """The packet again under a fresh id (its file was damaged, or its id is taken)."""
        try:
            fresh = self.outbox.rebuild(item.packet_id, reason)
        except (SyncError, OSError) as exc:
            log.warning("packet %s not rebuilt: %s", item.packet_id, type(exc).__name__)
            return False
        if fresh is None:
            return False
        log.warning("packet %s rebuilt as %s (%s)", item.packet_id, fresh.packet_id, reason)
        report.deferred.append(fresh.packet_id)
        return True

    def _defer(self, item: OutboxItem, err: SyncError, report: UploadReport) -> None:
        fresh = self.outbox.get(item.packet_id)
        attempts = (fresh.attempts if fresh else item.attempts) + 1
        delay = self.backoff.delay(attempts, err.retry_after)
        self.outbox.note_error(item.packet_id, stored_text(err.msg), self.clock() + delay)
        report.deferred.append(item.packet_id)

    def _send(self, item: OutboxItem) -> None:
        pid = item.packet_id
        if not self.outbox.file_intact(item):  # never upload (nor re-upload forever) a flipped bit
            raise DamagedPacket(pid)
        view = None
        if item.state != "queued":
            view = self.client.packet_status(pid)  # what does the server really have?
            if view is not None and view.get("state") == "committed":
                self.outbox.mark_committed(pid, view.get("answer") or {})
                return
        if view is None:
            self.outbox.set_state(pid, "announced", offset=0)
            view = self.client.announce(pid, item.size, item.sha256, item.signature)
            if view.get("state") == "committed":
                self.outbox.mark_committed(pid, view.get("answer") or {})
                return
        offset = _within(view.get("offset", 0), item.size)
        chunk = max(1, min(self.chunk_size, int(view.get("max_chunk") or self.chunk_size)))
        stalls = 0
        # The item is "announced" (or further) on disk before any byte goes out: after a crash
        # the server is asked where it stands, never our memory. Offsets written here are a
        # progress hint only, so they are written at most every OFFSET_WRITE_S, not per chunk.
        written_at = time.monotonic()
        with open(self.outbox.path(item), "rb") as fh:
            while offset < item.size:
                if time.monotonic() - written_at >= OFFSET_WRITE_S:
                    self.outbox.set_state(pid, "uploading", offset=offset)
                    written_at = time.monotonic()
                body = FileSlice(fh, offset, min(chunk, item.size - offset),
                                 (lambda sent, base=offset: self.on_progress(pid, base + sent, item.size))
                                 if self.on_progress else None)
                before = offset
                try:
                    offset = _within(self.client.patch(pid, offset, body), item.size)
                except ServerError as err:
                    if err.server_code != "offset_mismatch" or "offset" not in err.body:
                        raise
                    offset = _within(err.body["offset"], item.size)  # the server's word, never ours
                stalls = stalls + 1 if offset <= before else 0
                if stalls >= MAX_STALLS:  # a server that never moves on is not waited for in a loop
                    raise garbage("-", "Upload-Offset does not advance")
                if self.on_progress:
                    self.on_progress(pid, offset, item.size)
        try:  # (no "uploaded" write: the commit is idempotent and a crash here is asked about)
            answer = self.client.commit(pid)
        except ServerError as err:
            if err.server_code in ("hash_mismatch", "upload_incomplete"):
                self.outbox.set_state(pid, "uploading", offset=int(err.body.get("offset", 0)))
            raise
        self.outbox.mark_committed(pid, answer)

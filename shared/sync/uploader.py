"""The packet uploader: announce, PATCH at the offset the server confirms, commit.

One uploader at a time per data directory (an OS file lock, released by the OS even after
``kill -9``). State is written before the act: an item is marked ``announced`` before the
announce and ``uploading(offset)`` before each chunk; anything found in those states (after a
crash or an error) is first checked against the server, which may say it never heard of the
packet (back to the start), how far it got (resume there) or that it already holds it
(forward to ``committed``). A repeated commit gets the first answer, so nothing counts twice.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from shared.errors import SyncError, TrustError, os_error_msg
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
                 clock: Callable[[], float] = time.time, checksums: bool = False) -> None:
        """``checksums``: send each chunk with a SHA-256 ``Upload-Checksum`` where the tus
        server offers it. Off by default: the whole ciphertext's SHA-256 is signed at announce
        and checked at commit, TLS (pinned) carries the bytes, and hashing every chunk before
        it goes out cost about a fifth of the throughput (bench P5)."""
        self.checksums = checksums
        self.outbox = outbox
        self.client = client
        self.chunk_size = chunk_size
        self.backoff = backoff or Backoff()
        self.on_progress = on_progress
        self.clock = clock
        self.lock = UploaderLock(outbox.dir.parent / "sync" / "uploader.lock")
        self._swept = False
        self._tus_info: dict[str, dict] = {}  # discovery (OPTIONS) per tus endpoint

    def run_once(self, force: bool = False, stop: Callable[[], bool] = lambda: False) -> UploadReport:
        """One pass over the due items (all of them with ``force``)."""
        report = UploadReport()
        if not self.lock.acquire():
            report.busy = True
            return report
        try:
            if not self._swept:
                self.outbox.sweep()
                self._forget_stale_uploads()
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
            text = stored_text(Msg("sync.packet_missing", "数据包文件无法读取：{err}", {"err": os_error_msg(exc)}))
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
                self._committed(pid, view.get("answer") or {})
                return
        if view is None:
            self.outbox.set_state(pid, "announced", offset=0)
            view = self.client.announce(pid, item.size, item.sha256, item.signature)
            if view.get("state") == "committed":
                self._committed(pid, view.get("answer") or {})
                return
        chunk = max(1, min(self.chunk_size, int(view.get("max_chunk") or self.chunk_size)))
        upload_url, sums = None, None
        with open(self.outbox.path(item), "rb") as fh, contextlib.ExitStack() as cleanup:
            if view.get("upload_url") or view.get("tus_endpoint"):  # the data plane speaks tus 1.0
                upload_url, offset, with_sums = self._tus_upload(item, view, fh, chunk)
                if with_sums:
                    sums = cleanup.enter_context(_Checksums(self.outbox.path(item), item.size, chunk))

                def send(at: int, length: int) -> int:
                    checksum = sums.get(at, length) if sums else None
                    return self.client.tus_patch(upload_url, at, self._slice(fh, item, at, length), checksum)
            else:  # a server from before tus: signed PATCHes on the packet itself
                offset = _within(view.get("offset", 0), item.size)

                def send(at: int, length: int) -> int:
                    try:
                        return self.client.patch(pid, at, self._slice(fh, item, at, length))
                    except ServerError as err:
                        if err.server_code != "offset_mismatch" or "offset" not in err.body:
                            raise
                        return err.body["offset"]  # the server's word, never ours
            try:
                self._push(item, offset, chunk, send)
            except ServerError as err:
                if err.server_code in FORGOTTEN:  # the upload is gone: the next attempt makes a new one
                    self._remember(pid, None)
                raise
        try:  # (no "uploaded" write: the commit is idempotent and a crash here is asked about)
            answer = self.client.commit(pid, upload_url)
        except ServerError as err:
            if err.server_code in ("hash_mismatch", "upload_incomplete"):
                confirmed = err.body.get("offset", 0)  # checked in the envelope; bounded by this packet here
                self.outbox.set_state(pid, "uploading", offset=confirmed if type(confirmed) is int
                                      and 0 <= confirmed <= item.size else 0)
            if err.server_code == "hash_mismatch" and upload_url:  # those bytes are no good: terminate the upload
                self._terminate(pid, upload_url)
            raise
        self._committed(pid, answer)

    def _slice(self, fh, item: OutboxItem, offset: int, length: int) -> FileSlice:
        pid = item.packet_id
        return FileSlice(fh, offset, length, (lambda sent: self.on_progress(pid, offset + sent, item.size))
                         if self.on_progress else None)

    def _push(self, item: OutboxItem, offset: int, chunk: int, send: Callable[[int, int], int]) -> None:
        """Chunks from ``offset`` to the end, each at the offset the server confirmed last."""
        pid = item.packet_id
        stalls = 0
        # The item is "announced" (or further) on disk before any byte goes out: after a crash
        # the server is asked where it stands, never our memory. Offsets written here are a
        # progress hint only, so they are written at most every OFFSET_WRITE_S, not per chunk.
        written_at = time.monotonic()
        while offset < item.size:
            if time.monotonic() - written_at >= OFFSET_WRITE_S:
                self.outbox.set_state(pid, "uploading", offset=offset)
                written_at = time.monotonic()
            before = offset
            offset = _within(send(offset, min(chunk, item.size - offset)), item.size)
            stalls = stalls + 1 if offset <= before else 0
            if stalls >= MAX_STALLS:  # a server that never moves on is not waited for in a loop
                raise garbage("-", "Upload-Offset does not advance")
            if self.on_progress:
                self.on_progress(pid, offset, item.size)

    # -- tus ----------------------------------------------------------------------------------
    def _tus_upload(self, item: OutboxItem, view: dict, fh, chunk: int) -> tuple[str, int, bool]:
        """The packet's tus upload and its confirmed offset: the one this device made before
        (remembered across a crash), else the one the announce named, else a new one
        (creation, carrying the first chunk where the server offers creation-with-upload);
        and whether chunks carry ``Upload-Checksum`` (asked for, and the server offers SHA-256)."""
        pid = item.packet_id
        endpoint = self.client.tus_url(view["tus_endpoint"]) if view.get("tus_endpoint") else None
        info = self._discover(endpoint or self.client.tus_url(view["upload_url"]))
        sums = self.checksums and "checksum" in info["extensions"] and "sha256" in info["checksums"]
        for known in (self._recall(pid), view.get("upload_url")):
            if known:
                url = self.client.tus_url(known, endpoint)
                offset = self.client.tus_offset(url)
                if offset is not None:
                    self._remember(pid, url)
                    return url, _within(offset, item.size), sums
        if endpoint is None or "creation" not in info["extensions"]:
            raise garbage("-", "no tus upload")
        if info["max_size"] is not None and item.size > info["max_size"]:
            raise ServerError(Msg("sync.tus_too_large", "数据包超过登记服务器接收上限（{max} 字节）", {"max": info["max_size"]}),
                              "too_large", 413, False, None)
        meta = {"packet_id": pid, "filename": item.file}
        if view.get("upload_ticket"):
            meta["ticket"] = str(view["upload_ticket"])
        first, checksum = None, None
        if "creation-with-upload" in info["extensions"] and item.size:
            length = min(chunk, item.size)
            checksum = _checksum(fh, 0, length) if sums else None
            first = self._slice(fh, item, 0, length)
        url, offset = self.client.tus_create(endpoint, item.size, meta, first, checksum)
        self._remember(pid, url)
        return url, _within(offset, item.size), sums

    def _discover(self, url: str) -> dict:
        if url not in self._tus_info:
            self._tus_info[url] = self.client.tus_options(url)
        return self._tus_info[url]

    def _url_file(self, pid: str) -> Path:
        return self.outbox.dir.parent / "sync" / "tus" / (pid + ".url")

    def _recall(self, pid: str) -> str | None:
        try:
            return self._url_file(pid).read_text("utf-8")[:4096] or None
        except (OSError, UnicodeDecodeError):
            return None

    def _remember(self, pid: str, url: str | None) -> None:
        """Keep (or with None forget) the packet's upload URL, so a crash resumes it."""
        path = self._url_file(pid)
        if url is None:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(url, "utf-8")
        os.replace(tmp, path)

    def _forget_stale_uploads(self) -> None:
        """Upload URLs kept for packets no longer on their way (rebuilt, cleared, or a crash
        between the commit and the forgetting)."""
        folder = self._url_file("x").parent
        if not folder.is_dir():
            return
        active = {item.packet_id for item in self.outbox.items(ACTIVE)}
        for path in folder.iterdir():
            if path.suffix in (".url", ".tmp") and path.stem not in active:
                path.unlink(missing_ok=True)

    def _terminate(self, pid: str, url: str) -> None:
        self._remember(pid, None)
        try:
            self.client.tus_delete(url)
        except SyncError as err:  # the server drops it on its own schedule then
            log.info("upload of %s not terminated: %s", pid, err.code)

    def _committed(self, pid: str, answer: dict) -> None:
        self.outbox.mark_committed(pid, answer)
        self._remember(pid, None)


class _Checksums:
    """``Upload-Checksum`` of each chunk, the next one hashed on a thread of its own (from a
    file handle of its own; hashlib lets go of the GIL) while the current one is sent."""

    def __init__(self, path: Path, size: int, chunk: int) -> None:
        from concurrent.futures import ThreadPoolExecutor
        self._fh = open(path, "rb")
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="yizhan-checksum")
        self.size, self.chunk = size, chunk
        self._next = None  # (offset, length, future) hashed ahead

    def get(self, offset: int, length: int) -> str:
        ahead, self._next = self._next, None
        if ahead is not None and ahead[:2] == (offset, length):
            future = ahead[2]
        else:
            if ahead is not None:
                ahead[2].result()  # one hash at a time on the handle
            future = self._pool.submit(_checksum, self._fh, offset, length)
        value = future.result()
        after = offset + length
        if after < self.size:  # hashed while this chunk goes out
            nxt = min(self.chunk, self.size - after)
            self._next = (after, nxt, self._pool.submit(_checksum, self._fh, after, nxt))
        return value

    def __enter__(self) -> "_Checksums":
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._fh.close()


def _checksum(fh, offset: int, length: int) -> str:
    """``Upload-Checksum`` of ``length`` bytes of ``fh`` from ``offset`` (SHA-256)."""
    digest = hashlib.sha256()
    fh.seek(offset)
    left = length
    while left > 0:
        data = fh.read(min(1 << 20, left))
        if not data:
            break
        digest.update(data)
        left -= len(data)
    return "sha256 " + base64.b64encode(digest.digest()).decode("ascii")

"""The SQLCipher connection and the one thread that owns it.

SQLCipher (like SQLite) connections must not be shared across threads, and the UI must never
wait on disk. So one :class:`DbThread` owns the connection; every piece of work is a function
``fn(conn)`` run on that thread, its result handed back through a future.

Opening never destroys anything: a wrong key, a corrupt file, a read-only file or a full disk
raise :class:`StoreError` with a message saying what to do, and the file is left as it was.
Every sqlite error on the connection's thread, reads included, goes through
:func:`translate_db_error`, which looks at the file's state (read-only file system, full disk,
file gone, damaged page) before it settles on what it tells the person.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Callable, TypeVar

from shared.errors import StoreError
from shared.i18n import Msg
from shared.store.schema import SCHEMA_VERSION, migrate

log = logging.getLogger(__name__)
T = TypeVar("T")
_STOP = object()

# SQLCipher page formats, newest first. New databases get the first; an existing file is
# opened with whichever one its key authenticates under (a file from before the change keeps
# SQLCipher 4's defaults). HMAC-SHA256 instead of the default HMAC-SHA512 and 16 KiB pages
# instead of 4 KiB: the page MAC is the main cost of reading material pages (bench P4), and
# both keep AES-256 with an authenticated page. The raw 256-bit key skips the KDF either way.
CIPHER_PROFILES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("yizhan-2", ("PRAGMA cipher_page_size = 16384", "PRAGMA cipher_hmac_algorithm = HMAC_SHA256")),
    ("sqlcipher-4", ()),
)


MIN_FREE = 256 << 10  # below this a write error is the full disk's


def file_state(path: Path) -> str | None:
    """What is wrong around the database file, if anything the OS can tell: ``readonly_fs``,
    ``readonly_file``, ``full`` or ``missing``."""
    folder = Path(path).parent
    try:
        if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1):
            return "readonly_fs"
        if shutil.disk_usage(folder).free < MIN_FREE:
            return "full"
    except OSError:
        return "missing" if not folder.exists() else None
    if not Path(path).exists():
        return "missing"
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        return "readonly_file"
    return None


def translate_db_error(exc: BaseException, path: Path, opened: bool = False) -> StoreError:
    """Turn a sqlite/sqlcipher error into a message a person can act on.

    ``opened``: the key was already proven (the error came on a working connection), so a
    page that does not decrypt or parse is damage, never a wrong key."""
    text = str(exc).lower()
    where = {"path": str(path)}
    state = file_state(path)
    if "locked" in text or "busy" in text:
        return StoreError(Msg("store.locked", "数据库正被其他程序使用，请稍后重试"))
    if "disk is full" in text or ("full" in text and "disk" in text) or state == "full":
        msg = Msg("store.disk_full", "磁盘空间已满，本次修改未保存（原有数据完好）。请清理磁盘后重试")
    elif state == "readonly_fs":
        msg = Msg("store.readonly_fs", "数据库 {path} 所在的文件系统是只读的，无法保存（数据完好）。请检查磁盘是否出错或被挂载为只读", where)
    elif "readonly" in text or "read-only" in text or state == "readonly_file" and "unable to open" in text:
        msg = Msg("store.readonly", "数据库文件 {path} 为只读，无法保存。请检查文件权限", where)
    elif state == "missing":
        msg = Msg("store.file_gone", "数据库文件 {path} 已不存在（被删除或移动）。未创建新的空数据库，请从备份恢复该文件", where)
    elif "malformed" in text or (opened and ("not a database" in text or "encrypted" in text or "disk i/o" in text)):
        msg = Msg("store.damaged", "数据库 {path} 已损坏（有页面无法读取），本次操作未完成，文件未作改动。请停止使用本机录入，联系运维人员检查磁盘并从备份恢复",
                  where)
    elif "not a database" in text or "encrypted" in text:
        msg = Msg("store.cannot_open", "无法打开加密数据库 {path}：密钥不正确或文件已损坏。文件未作任何改动，请联系运维人员用正确密钥或备份恢复",
                  where)
    elif "unable to open" in text:
        msg = Msg("store.unable_open", "无法打开数据库文件 {path}，请检查目录是否存在及权限", where)
    elif "disk i/o" in text:
        msg = Msg("store.io", "读写数据库 {path} 时磁盘出错，本次操作未完成。请检查磁盘后重试", where)
    else:
        msg = Msg("store.error", "数据库错误：{detail}", {"detail": str(exc)[:200]})
    return StoreError(msg)


def open_connection(path: Path, key: bytes, *, migrate_to: int | None = SCHEMA_VERSION, progress=None):
    """Open (or create) the encrypted database at ``path`` with ``key`` and migrate it
    (telling ``progress``, a :class:`~shared.store.schema.UpgradeProgress`)."""
    import sqlcipher3

    path = Path(path)
    existed = path.exists() and path.stat().st_size > 0
    if existed and not os.access(path, os.R_OK):
        raise StoreError(Msg("store.unreadable", "没有读取数据库文件 {path} 的权限", {"path": str(path)}))
    conn = _keyed_connection(path, key, existed)
    try:
        _journal(conn)
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")  # no clear temp files
        conn.execute("PRAGMA cache_size = -16384")  # 16 MiB of decrypted pages: the list and its search index at 100k cases
        conn.execute("PRAGMA foreign_keys = ON")
        if migrate_to is not None:
            migrate(conn, migrate_to, progress)
    except sqlcipher3.Error as exc:
        conn.close()
        raise translate_db_error(exc, path) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _journal(conn) -> None:
    """WAL with synchronous=FULL: as durable as a rollback journal, one fsync per commit
    instead of several (0.34 ms against 1.27 ms a commit here). The WAL holds encrypted pages
    only. A read-only file cannot switch: it keeps its journal and fails on the first write
    with the read-only message."""
    import sqlcipher3
    try:
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
    except sqlcipher3.OperationalError as exc:
        if "readonly" not in str(exc).lower() and "read-only" not in str(exc).lower():
            raise
    conn.execute("PRAGMA synchronous = FULL")


def _keyed_connection(path: Path, key: bytes, existed: bool):
    """Connect and key: a new file in the newest page format, an old one in the format it has."""
    import sqlcipher3

    profiles = CIPHER_PROFILES if existed else CIPHER_PROFILES[:1]
    last: Exception | None = None
    first_other: Exception | None = None  # an error that is not "this key/format does not fit"
    for _name, pragmas in profiles:
        try:
            conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=True)
        except sqlcipher3.Error as exc:
            raise translate_db_error(exc, path) from None
        try:
            conn.execute("PRAGMA key = \"x'{}'\"".format(key.hex()))
            for pragma in pragmas:
                conn.execute(pragma)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails on a wrong key
            return conn
        except sqlcipher3.Error as exc:
            conn.close()
            last = exc
            if first_other is None and "not a database" not in str(exc).lower():
                first_other = exc
    raise translate_db_error(first_other or last, path) from None


class DbThread:
    """Runs functions on the one thread that owns the connection."""

    def __init__(self, opener: Callable[[], Any], name: str = "yizhan-db",
                 translate: Callable[[BaseException], BaseException] | None = None) -> None:
        self._translate = translate  # every error of the work, reads included, passes here
        self._queue: queue.Queue = queue.Queue()
        self._lock = threading.Lock()  # submit and close agree on whether work is still taken
        self._closed = False
        self._opened: Future = Future()
        self._thread = threading.Thread(target=self._run, args=(opener,), name=name, daemon=True)
        self._thread.start()
        self._opened.result()  # re-raises the opening error in the caller

    def _run(self, opener: Callable[[], Any]) -> None:
        try:
            conn = opener()
        except BaseException as exc:  # handed to the caller of __init__
            self._opened.set_exception(exc)
            return
        self._opened.set_result(True)
        while True:
            item = self._queue.get()
            if item is _STOP:
                break
            fn, fut = item
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                fut.set_result(fn(conn))
            except BaseException as exc:
                fut.set_exception(self._translate(exc) if self._translate else exc)
        conn.close()
        self._fail_queued()

    def _fail_queued(self) -> None:
        """Work that arrived after the stop gets an error, never a wait without end."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not _STOP and item[1].set_running_or_notify_cancel():
                item[1].set_exception(StoreError(Msg("store.closed", "数据库已关闭")))

    def submit(self, fn: Callable[..., T]) -> "Future[T]":
        """Queue ``fn(conn)``; its result (or exception) arrives in the future."""
        fut: Future = Future()
        with self._lock:
            if self._closed or not self._thread.is_alive():
                raise StoreError(Msg("store.closed", "数据库已关闭"))
            self._queue.put((fn, fut))
        return fut

    def call(self, fn: Callable[..., T]) -> T:
        """Run ``fn(conn)`` on the owner thread and wait for its result."""
        if threading.current_thread() is self._thread:
            raise RuntimeError("DbThread.call from the owner thread would deadlock")
        return self.submit(fn).result()

    def close(self) -> None:
        """Let the queued work finish, then stop the owning thread (waits up to 10 s)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._queue.put(_STOP)
        self._thread.join(timeout=10)


def transaction(conn, fn: Callable[[Any], T], path: Path) -> T:
    """Run ``fn(conn)`` inside BEGIN IMMEDIATE ... COMMIT; roll back on any error."""
    import sqlcipher3

    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlcipher3.Error as exc:
        raise translate_db_error(exc, path) from None
    try:
        result = fn(conn)
        conn.execute("COMMIT")
        return result
    except sqlcipher3.Error as exc:
        _rollback(conn)
        raise translate_db_error(exc, path, opened=True) from None
    except BaseException:
        _rollback(conn)
        raise


def work_error(path: Path) -> Callable[[BaseException], BaseException]:
    """The error translation of a :class:`DbThread` on the open database at ``path``."""
    def translate(exc: BaseException) -> BaseException:
        import sqlcipher3
        if isinstance(exc, sqlcipher3.Error):
            log.warning("store: %s (%s)", type(exc).__name__, str(exc)[:80])
            return translate_db_error(exc, path, opened=True)
        return exc
    return translate


def _rollback(conn) -> None:
    try:
        conn.execute("ROLLBACK")
    except Exception:  # already rolled back by SQLite (e.g. after SQLITE_FULL)
        pass

"""The reference server's own SQLite database (plain sqlite3: this is the registry's side).

Received case data (the case document and the manifest of every packet) is kept encrypted at
rest, as a registry must: :meth:`ServerDB.seal` / :meth:`ServerDB.unseal` (AES-256-GCM under
a key in ``at-rest.key`` beside the database, mode 0600; a real registry keeps it in an HSM)
are the only way those columns are written and read.
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Callable, TypeVar

T = TypeVar("T")

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS devices (device_id TEXT PRIMARY KEY, public_key TEXT NOT NULL,
        name TEXT NOT NULL, enrolled_at REAL NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,
        suite TEXT NOT NULL DEFAULT 'default')""",
    """CREATE TABLE IF NOT EXISTS codes (code TEXT PRIMARY KEY, created_at REAL NOT NULL,
        used_at REAL, device_id TEXT)""",
    """CREATE TABLE IF NOT EXISTS nonces (device_id TEXT NOT NULL, nonce TEXT NOT NULL, ts REAL NOT NULL,
        PRIMARY KEY (device_id, nonce))""",
    # Packet ids are the announcing device's: (device_id, packet_id) is the key everywhere, so
    # an id another device announced first blocks nothing of this one's.
    """CREATE TABLE IF NOT EXISTS uploads (packet_id TEXT NOT NULL, device_id TEXT NOT NULL,
        size INTEGER NOT NULL, sha256 TEXT NOT NULL, signature TEXT NOT NULL, offset INTEGER NOT NULL,
        state TEXT NOT NULL, created_at REAL NOT NULL, updated_at REAL NOT NULL,
        PRIMARY KEY (device_id, packet_id))""",
    """CREATE TABLE IF NOT EXISTS packets (packet_id TEXT NOT NULL, device_id TEXT NOT NULL,
        case_id TEXT NOT NULL, revision INTEGER NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
        manifest TEXT NOT NULL, case_doc TEXT NOT NULL, committed_at REAL NOT NULL,
        answer TEXT NOT NULL, stage TEXT NOT NULL, PRIMARY KEY (device_id, packet_id))""",
    """CREATE TABLE IF NOT EXISTS schedule (id INTEGER PRIMARY KEY, packet_id TEXT NOT NULL,
        kind TEXT NOT NULL, due REAL NOT NULL, payload TEXT NOT NULL, device_id TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, device_id TEXT NOT NULL,
        packet_id TEXT NOT NULL, kind TEXT NOT NULL, at REAL NOT NULL, payload TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS documents (doc_id TEXT PRIMARY KEY, packet_id TEXT NOT NULL,
        device_id TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, mime TEXT NOT NULL,
        sha256 TEXT NOT NULL, size INTEGER NOT NULL, path TEXT NOT NULL)""",
    # the tus data plane: each packet's upload ticket and current upload id (devserver.tus)
    """CREATE TABLE IF NOT EXISTS tus (device_id TEXT NOT NULL, packet_id TEXT NOT NULL, ticket TEXT NOT NULL,
        upload_id TEXT UNIQUE, created_at REAL NOT NULL, PRIMARY KEY (device_id, packet_id))""",
    """CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    # The highest audit chain head each device reported (heartbeat or packet), and what the
    # server found wrong with later reports (a chain that went backwards or was rewritten).
    """CREATE TABLE IF NOT EXISTS audit_heads (device_id TEXT PRIMARY KEY, seq INTEGER NOT NULL,
        hash TEXT NOT NULL, base_seq INTEGER NOT NULL, at REAL NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS audit_findings (id INTEGER PRIMARY KEY, device_id TEXT NOT NULL,
        at REAL NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL)""",
    # Registry queries under an owner's authorization (each audited with its purpose, allowed or
    # refused), and the housing department's filed contracts (网签备案) the registry can see.
    """CREATE TABLE IF NOT EXISTS queries (query_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, at REAL NOT NULL,
        kind TEXT NOT NULL, purpose TEXT NOT NULL, case_id TEXT NOT NULL, outcome TEXT NOT NULL, doc_id TEXT)""",
    """CREATE TABLE IF NOT EXISTS filings (contract_number TEXT PRIMARY KEY, unit_number TEXT NOT NULL,
        kind TEXT NOT NULL, filed_at TEXT NOT NULL, buyers TEXT NOT NULL, price TEXT NOT NULL)""",
    # Every head the server was told, by row number: first seen at ``first_at`` (the row is at
    # least that old), last reported by a heartbeat (``current``: the device's head then, so
    # later rows are younger) at ``at``; ``proven`` once a heartbeat showed the chain still
    # holds that row with that hash.
    """CREATE TABLE IF NOT EXISTS audit_marks (device_id TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL,
        first_at REAL NOT NULL, at REAL NOT NULL, current INTEGER NOT NULL, proven INTEGER NOT NULL,
        PRIMARY KEY (device_id, seq))""",
]


class ServerDB:
    """One sqlite3 connection shared by the server's threads behind a lock."""

    def __init__(self, path: Path) -> None:
        self._seal_key = _at_rest_key(Path(path).parent / "at-rest.key")
        self.conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self.lock = threading.RLock()
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self._scope_packet_ids()
        for stmt in SCHEMA:
            self.conn.execute(stmt)
        columns = {row[1] for row in self.conn.execute("PRAGMA table_info(devices)")}
        if "suite" not in columns:  # a database from before the GM suite: its devices are default
            self.conn.execute("ALTER TABLE devices ADD COLUMN suite TEXT NOT NULL DEFAULT 'default'")

    def _scope_packet_ids(self) -> None:
        """A database of the version where packet ids were global (one id, one row, whichever
        device announced it first): its tables are keyed by (device, packet id) now."""
        key = {r[1]: r[5] for r in self.conn.execute("PRAGMA table_info(packets)")}  # column: its place in the key
        if not key or key.get("device_id"):  # a new database, or already keyed by device
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for table in ("uploads", "packets"):
                self.conn.execute("ALTER TABLE {0} RENAME TO old_{0}".format(table))
            for stmt in SCHEMA:  # the new uploads and packets tables
                if "EXISTS uploads (" in stmt or "EXISTS packets (" in stmt:
                    self.conn.execute(stmt)
            for table in ("uploads", "packets"):
                self.conn.execute("INSERT INTO {0} SELECT * FROM old_{0}".format(table))
                self.conn.execute("DROP TABLE old_{0}".format(table))
            if "device_id" not in {r[1] for r in self.conn.execute("PRAGMA table_info(schedule)")}:
                self.conn.execute("ALTER TABLE schedule ADD COLUMN device_id TEXT NOT NULL DEFAULT ''")
                self.conn.execute("UPDATE schedule SET device_id = coalesce((SELECT device_id FROM packets p"
                                  " WHERE p.packet_id = schedule.packet_id), '')")
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def tx(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                out = fn(self.conn)
                self.conn.execute("COMMIT")
                return out
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def one(self, sql: str, args: tuple = ()) -> Any:
        with self.lock:
            return self.conn.execute(sql, args).fetchone()

    def all(self, sql: str, args: tuple = ()) -> list:
        with self.lock:
            return self.conn.execute(sql, args).fetchall()

    def kv_get(self, key: str, default: Any = None) -> Any:
        row = self.one("SELECT value FROM kv WHERE key = ?", (key,))
        return json.loads(row[0]) if row else default

    def kv_put(self, key: str, value: Any, conn=None) -> None:
        sql = "INSERT INTO kv(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        if conn is not None:
            conn.execute(sql, (key, json.dumps(value)))
        else:
            with self.lock:
                self.conn.execute(sql, (key, json.dumps(value)))

    def bump(self, conn, key: str, by: int = 1) -> int:
        row = conn.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        value = (json.loads(row[0]) if row else 0) + by
        self.kv_put(key, value, conn)
        return value

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    # -- received data at rest ---------------------------------------------------------
    def seal(self, value: Any, label: str) -> str:
        """``value`` as JSON, encrypted (AES-256-GCM, ``label`` bound as associated data)."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        nonce = os.urandom(12)
        data = AESGCM(self._seal_key).encrypt(nonce, json.dumps(value, ensure_ascii=False).encode("utf-8"),
                                              label.encode("ascii"))
        return SEALED + base64.b64encode(nonce + data).decode("ascii")

    def unseal(self, text: str, label: str) -> Any:
        """What :meth:`seal` kept (a row from before sealing is plain JSON)."""
        if not text.startswith(SEALED):
            return json.loads(text)
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        raw = base64.b64decode(text[len(SEALED):])
        return json.loads(AESGCM(self._seal_key).decrypt(raw[:12], raw[12:], label.encode("ascii")).decode("utf-8"))


SEALED = "aesgcm1:"


def _at_rest_key(path: Path) -> bytes:
    """The server's at-rest data key (made once, 0600)."""
    try:
        return bytes.fromhex(path.read_text("ascii").strip())
    except FileNotFoundError:
        key = os.urandom(32)
        fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key.hex())
        return key


def now_with_offset(db: ServerDB) -> float:
    """The server's clock: real time plus what an administrator advanced it by."""
    return time.time() + float(db.kv_get("clock_offset", 0.0))

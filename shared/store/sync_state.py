"""The ``sync_state`` table: the sync area's small key/value state (JSON values), encrypted
with the rest of the store (enrollment, device key, status cursor, last successful sync)."""

from __future__ import annotations

import json
from typing import Any


class SyncStateRows:
    """Reads and writes of ``sync_state`` on one connection (inside the caller's transaction)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def raw(self, key: str) -> str | None:
        """The stored JSON text of ``key`` (None: not set), for callers that parse it themselves."""
        row = self._conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, or ``default`` when it is not set."""
        text = self.raw(key)
        return json.loads(text) if text is not None else default

    def put(self, key: str, value: Any) -> None:
        """Set ``key`` to ``value`` (any JSON value)."""
        self._conn.execute("INSERT INTO sync_state(key, value) VALUES (?, ?)"
                           " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           (key, json.dumps(value, ensure_ascii=False)))

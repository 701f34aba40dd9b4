"""Small key/value state of the sync area, kept in the encrypted store (``sync_state``)."""

from __future__ import annotations

import json
from typing import Any


def get(conn, key: str, default: Any = None) -> Any:
    row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else default


def put(conn, key: str, value: Any) -> None:
    conn.execute("INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (key, json.dumps(value, ensure_ascii=False)))


def read(store, key: str, default: Any = None) -> Any:
    """Read one value (from any thread)."""
    return store.run(lambda conn: get(conn, key, default))


def write(store, key: str, value: Any) -> None:
    """Write one value in its own transaction."""
    store.write(lambda conn: put(conn, key, value))

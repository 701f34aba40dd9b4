"""Small key/value state of the sync area, kept in the encrypted store (``sync_state``)."""

from __future__ import annotations

from typing import Any

from shared.store import Store
from shared.store.sync_state import SyncStateRows


def get(conn, key: str, default: Any = None) -> Any:
    """Read one value inside a transaction the caller holds (``conn`` from ``Store.write``)."""
    return SyncStateRows(conn).get(key, default)


def put(conn, key: str, value: Any) -> None:
    """Write one value inside a transaction the caller holds (``conn`` from ``Store.write``)."""
    SyncStateRows(conn).put(key, value)


def read(store: Store, key: str, default: Any = None) -> Any:
    """Read one value (from any thread)."""
    return store.read(lambda tx: tx.sync_state.get(key, default))


def write(store: Store, key: str, value: Any) -> None:
    """Write one value in its own transaction."""
    store.transaction(lambda tx: tx.sync_state.put(key, value))

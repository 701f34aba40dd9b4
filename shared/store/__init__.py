"""The encrypted offline store (SQLCipher)."""

from shared.store.store import CaseSummary, Store
from shared.store.tx import StoreTx

__all__ = ["Store", "CaseSummary", "StoreTx"]

"""The encrypted offline store (SQLCipher)."""

from shared.store.store import CaseSummary, Store

__all__ = ["Store", "CaseSummary"]

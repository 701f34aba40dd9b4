"""A typed view of one open store transaction, for commands that span several tables.

:meth:`shared.store.Store.transaction` runs ``fn(tx)`` in one transaction on the owner thread
(everything ``fn`` did is committed together, or rolled back when it raises);
:meth:`shared.store.Store.read` runs ``fn(tx)`` on the owner thread without one. Callers
outside shared/store never see a connection or SQL: they load and write cases, blobs, the
outbox table, the sync state and the audit log through the typed methods here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from shared.domain.case import Case
from shared.errors import StoreError
from shared.i18n import Msg
from shared.store import audit as audit_mod
from shared.store.integration_table import IntegrationRows
from shared.store.operators import OperatorRows
from shared.store.outbox_table import OutboxRows
from shared.store.sync_state import SyncStateRows

if TYPE_CHECKING:
    from shared.store.blobs import BlobInfo
    from shared.store.store import Store


class StoreTx:
    """Cases, blobs, outbox, sync state and audit inside one open transaction (valid while it runs)."""

    def __init__(self, store: Store, conn: Any) -> None:
        self._store, self._conn = store, conn
        self.outbox = OutboxRows(conn)
        self.sync_state = SyncStateRows(conn)
        self.operators = OperatorRows(conn)
        self.integration = IntegrationRows(conn)

    @property
    def operator(self) -> str:
        return self._store.operator

    # -- cases -----------------------------------------------------------------------------
    def has_case(self, case_id: str) -> bool:
        """Whether the case was ever saved."""
        return self._conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is not None

    def find_case(self, case_id: str) -> Case | None:
        """The stored case as this transaction sees it (a fresh object), or None."""
        row = self._conn.execute("SELECT doc FROM cases WHERE id = ?", (case_id,)).fetchone()
        return Case.from_dict(json.loads(row[0])) if row else None

    def case(self, case_id: str) -> Case:
        """The stored case; :class:`StoreError` when there is none."""
        case = self.find_case(case_id)
        if case is None:
            raise StoreError(Msg("store.no_case", "找不到案件 {id}", {"id": case_id}))
        return case

    def write_case(self, case: Case, action: str | None = None, operator: str | None = None) -> None:
        """Insert or update ``case`` with its parties; audited as ``action`` (default create/update)."""
        if operator is None:
            self._store.write_case(self._conn, case, action)
        else:
            self._store.write_case(self._conn, case, action, operator)

    # -- blobs -----------------------------------------------------------------------------
    def add_blob(self, case_id: str, kind: str, data: bytes, mime: str, slot: str = "",
                 meta: dict[str, Any] | None = None, idx: int | None = None) -> BlobInfo:
        """Store ``data`` as a blob of the case (appended to its slot unless ``idx`` is given); audited."""
        return self._store.blobs.add_in(self._conn, case_id, kind, data, mime, slot, meta, idx)

    def delete_blob(self, blob_id: str, case_id: str | None = None) -> None:
        """Delete one blob (with ``case_id``: only a blob of that case); audited."""
        self._store.blobs.delete_in(self._conn, blob_id, case_id)

    def replace_blob(self, blob_id: str, data: bytes, meta: dict[str, Any] | None = None,
                     case_id: str | None = None) -> None:
        """Replace a blob's bytes, keeping its place (with ``case_id``: only a blob of that case); audited."""
        self._store.blobs.replace_in(self._conn, blob_id, data, meta, case_id)

    def reorder_blobs(self, case_id: str, slot: str, blob_ids: list[str]) -> None:
        """Set the order of a slot's blobs; audited."""
        self._store.blobs.reorder_in(self._conn, case_id, slot, blob_ids)

    def blobs(self, case_id: str, kind: str | None = None, slot: str | None = None,
              kinds: Sequence[str] | None = None) -> list[BlobInfo]:
        """The case's blobs (metadata only) by kind, slot and place."""
        return self._store.blobs.list_in(self._conn, case_id, kind, slot, kinds)

    def blob_data(self, blob_id: str) -> bytes | None:
        """A blob's bytes (None: no such blob)."""
        return self._store.blobs.data_in(self._conn, blob_id)

    def delete_blobs(self, case_id: str, kinds: Sequence[str]) -> int:
        """Delete all the case's blobs of ``kinds`` without an audit row each: how many went."""
        return self._store.blobs.delete_kinds_in(self._conn, case_id, kinds)

    # -- audit -----------------------------------------------------------------------------
    def audit(self, action: str, case_id: str | None, detail: str = "", operator: str | None = None) -> None:
        """Append an audit row in this transaction (``detail``: nothing personal; ``operator``:
        who acts, when not the operator logged in at this store)."""
        if operator is None:
            self._store.audit(self._conn, action, case_id, detail)
        else:
            self._store.audit(self._conn, action, case_id, detail, operator)

    def audit_head(self) -> dict:
        """The audit chain's head and base as of now in this transaction."""
        from shared.store import audit
        return audit.head(self._conn)

    def purge_audit(self, cutoff_iso: str) -> int:
        """Drop audit rows older than ``cutoff_iso`` from the start of the chain: how many."""
        return audit_mod.purge_before(self._conn, cutoff_iso)

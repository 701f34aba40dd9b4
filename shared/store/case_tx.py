"""One workflow command = one store transaction: :class:`CaseTx` is what a command may do in it.

:meth:`shared.store.Store.update_case` loads the stored case inside the transaction, hands a
fresh copy and a :class:`CaseTx` to the command, writes the case back and audits it, all or
nothing. The command never sees a connection: it adds, replaces, reorders and deletes the
case's blobs and appends audit rows through the typed methods here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shared.store.blobs import BlobInfo
    from shared.store.store import Store


class CaseTx:
    """The case's blobs and audit inside one open transaction (only valid while it runs)."""

    def __init__(self, store: "Store", conn: Any, case_id: str) -> None:
        self._store, self._conn, self.case_id = store, conn, case_id
        self.audited: list[tuple[str, str]] = []

    def add_blob(self, kind: str, data: bytes, mime: str, slot: str = "",
                 meta: dict[str, Any] | None = None, idx: int | None = None) -> "BlobInfo":
        """Store ``data`` as a blob of this case (appended to its slot unless ``idx`` is given)."""
        return self._store.blobs.add_in(self._conn, self.case_id, kind, data, mime, slot, meta, idx)

    def replace_blob(self, blob_id: str, data: bytes, meta: dict[str, Any] | None = None) -> None:
        """Replace a blob's bytes (a rotated page), keeping its place."""
        self._store.blobs.replace_in(self._conn, blob_id, data, meta, case_id=self.case_id)

    def delete_blob(self, blob_id: str) -> None:
        """Delete one blob of this case."""
        self._store.blobs.delete_in(self._conn, blob_id, case_id=self.case_id)

    def reorder_blobs(self, slot: str, blob_ids: list[str]) -> None:
        """Set the order of a slot's pages."""
        self._store.blobs.reorder_in(self._conn, self.case_id, slot, blob_ids)

    def blobs(self, kind: str | None = None, slot: str | None = None) -> list["BlobInfo"]:
        """This case's blobs (metadata only) as the transaction sees them."""
        return self._store.blobs.list_in(self._conn, self.case_id, kind, slot)

    def audit(self, action: str, detail: str = "") -> None:
        """Append an audit row for this case in the same transaction."""
        self._store.audit(self._conn, action, self.case_id, detail)
        self.audited.append((action, detail))

"""One workflow command = one store transaction: :class:`CaseTx` is what a command may do in it.

:meth:`shared.store.Store.update_case` loads the stored case inside a :class:`~shared.store.tx.StoreTx`
transaction, hands a fresh copy and a :class:`CaseTx` (the transaction seen from that one case)
to the command, writes the case back and audits it, all or nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shared.store.blobs import BlobInfo
    from shared.store.tx import StoreTx


class CaseTx:
    """The case's blobs and audit inside one open transaction (only valid while it runs)."""

    def __init__(self, tx: "StoreTx", case_id: str) -> None:
        self._tx, self.case_id = tx, case_id

    def add_blob(self, kind: str, data: bytes, mime: str, slot: str = "",
                 meta: dict[str, Any] | None = None, idx: int | None = None) -> "BlobInfo":
        """Store ``data`` as a blob of this case (appended to its slot unless ``idx`` is given)."""
        return self._tx.add_blob(self.case_id, kind, data, mime, slot, meta, idx)

    def replace_blob(self, blob_id: str, data: bytes, meta: dict[str, Any] | None = None) -> None:
        """Replace one of this case's blobs (a rotated page), keeping its place."""
        self._tx.replace_blob(blob_id, data, meta, self.case_id)

    def delete_blob(self, blob_id: str) -> None:
        """Delete one blob of this case."""
        self._tx.delete_blob(blob_id, self.case_id)

    def reorder_blobs(self, slot: str, blob_ids: list[str]) -> None:
        """Set the order of a slot's pages."""
        self._tx.reorder_blobs(self.case_id, slot, blob_ids)

    def blobs(self, kind: str | None = None, slot: str | None = None) -> list["BlobInfo"]:
        """This case's blobs (metadata only) as the transaction sees them."""
        return self._tx.blobs(self.case_id, kind, slot)

    def audit(self, action: str, detail: str = "", operator: str | None = None) -> None:
        """Append an audit row for this case in the same transaction (``operator``: who acts)."""
        self._tx.audit(action, self.case_id, detail, operator)

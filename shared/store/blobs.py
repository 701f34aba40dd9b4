"""Binary attachments of a case, kept encrypted inside the store.

Kinds: ``page`` (a material page, in a checklist slot), ``document`` (a rendered PDF),
``face`` (face evidence), ``signature``, ``idphoto`` (raw WLT), ``outcome`` (a document from
the server). Each blob has its SHA-256, so a packet manifest can name it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from shared.domain.case import now_iso


@dataclass
class BlobInfo:
    """A blob's metadata (without its bytes)."""

    id: str
    case_id: str
    kind: str
    slot: str
    idx: int
    mime: str
    sha256: str
    size: int
    meta: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""


_COLS = "id, case_id, kind, slot, idx, mime, sha256, size, meta, created_at"


def _info(row) -> BlobInfo:
    return BlobInfo(*row[:8], meta=json.loads(row[8]), created_at=row[9])


class BlobStore:
    """Blob operations of a :class:`~shared.store.Store` (all audited, all in transactions)."""

    def __init__(self, store) -> None:
        self.store = store

    def add(self, case_id: str, kind: str, data: bytes, mime: str, slot: str = "",
            meta: dict[str, Any] | None = None, idx: int | None = None) -> BlobInfo:
        """Store ``data``; appended at the end of its slot unless ``idx`` is given."""
        return self.store.write(lambda conn: self.add_in(conn, case_id, kind, data, mime, slot, meta, idx))

    def add_in(self, conn, case_id: str, kind: str, data: bytes, mime: str, slot: str = "",
               meta: dict[str, Any] | None = None, idx: int | None = None) -> BlobInfo:
        """The body of :meth:`add`, for callers composing a larger transaction."""
        blob_id = secrets.token_hex(16)
        digest = hashlib.sha256(data).hexdigest()
        if idx is None:
            idx = conn.execute("SELECT coalesce(max(idx) + 1, 0) FROM blobs WHERE case_id=? AND kind=? AND slot=?",
                               (case_id, kind, slot)).fetchone()[0]
        at = now_iso()
        conn.execute("INSERT INTO blobs(id, case_id, kind, slot, idx, mime, sha256, size, meta, created_at, data)"
                     " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     (blob_id, case_id, kind, slot, idx, mime, digest, len(data),
                      json.dumps(meta or {}, ensure_ascii=False), at, data))
        self.store.audit(conn, "add_" + kind, case_id, "slot={} size={}".format(slot, len(data)))
        return BlobInfo(blob_id, case_id, kind, slot, idx, mime, digest, len(data), meta or {}, at)

    def get(self, blob_id: str) -> bytes:
        """The bytes of blob ``blob_id`` (decrypted by SQLCipher); StoreError when there is none."""
        row = self.store.run(lambda conn: conn.execute("SELECT data FROM blobs WHERE id = ?", (blob_id,)).fetchone())
        if row is None:
            from shared.errors import StoreError
            from shared.i18n import Msg
            raise StoreError(Msg("store.no_blob", "找不到附件 {id}", {"id": blob_id}))
        return bytes(row[0])

    def info(self, blob_id: str) -> BlobInfo:
        """The metadata of blob ``blob_id`` without its bytes; KeyError when there is none."""
        row = self.store.run(lambda conn: conn.execute("SELECT {} FROM blobs WHERE id = ?".format(_COLS), (blob_id,)).fetchone())
        if row is None:
            raise KeyError(blob_id)
        return _info(row)

    def list(self, case_id: str, kind: str | None = None, slot: str | None = None) -> list[BlobInfo]:
        """The blobs of a case (metadata only), by kind, slot and place."""
        return self.store.run(lambda conn: self.list_in(conn, case_id, kind, slot))

    def list_in(self, conn, case_id: str, kind: str | None = None, slot: str | None = None,
                kinds: Sequence[str] | None = None) -> list[BlobInfo]:
        """The body of :meth:`list`, inside a caller's transaction; ``kinds``: any of these kinds."""
        sql, args = "SELECT {} FROM blobs WHERE case_id = ?".format(_COLS), [case_id]
        if kind is not None:
            sql, args = sql + " AND kind = ?", args + [kind]
        if kinds is not None:
            sql, args = sql + " AND kind IN ({})".format(",".join("?" * len(kinds))), args + list(kinds)
        if slot is not None:
            sql, args = sql + " AND slot = ?", args + [slot]
        return [_info(r) for r in conn.execute(sql + " ORDER BY kind, slot, idx", args).fetchall()]

    def data_in(self, conn, blob_id: str) -> bytes | None:
        """A blob's bytes inside a caller's transaction (None: no such blob)."""
        row = conn.execute("SELECT data FROM blobs WHERE id = ?", (blob_id,)).fetchone()
        return bytes(row[0]) if row else None

    def delete_kinds_in(self, conn, case_id: str, kinds: Sequence[str]) -> int:
        """Delete every blob of ``kinds`` of a case (retention; the caller audits): how many."""
        return conn.execute("DELETE FROM blobs WHERE case_id = ? AND kind IN ({})".format(",".join("?" * len(kinds))),
                            (case_id, *kinds)).rowcount

    def delete(self, blob_id: str) -> None:
        """Delete one blob; audited."""
        self.store.write(lambda conn: self.delete_in(conn, blob_id))

    def delete_in(self, conn, blob_id: str, case_id: str | None = None) -> None:
        """The body of :meth:`delete`; with ``case_id``, only a blob of that case."""
        row = conn.execute("SELECT case_id, kind, slot FROM blobs WHERE id = ?", (blob_id,)).fetchone()
        if row and (case_id is None or row[0] == case_id):
            conn.execute("DELETE FROM blobs WHERE id = ?", (blob_id,))
            self.store.audit(conn, "delete_" + row[1], row[0], "slot={}".format(row[2]))

    def reorder(self, case_id: str, slot: str, blob_ids: list[str]) -> None:
        """Set the page order of a slot to ``blob_ids``."""
        self.store.write(lambda conn: self.reorder_in(conn, case_id, slot, blob_ids))

    def reorder_in(self, conn, case_id: str, slot: str, blob_ids: list[str]) -> None:
        """The body of :meth:`reorder`, inside a caller's transaction."""
        for i, bid in enumerate(blob_ids):
            conn.execute("UPDATE blobs SET idx = ? WHERE id = ? AND case_id = ? AND slot = ?", (i, bid, case_id, slot))
        self.store.audit(conn, "reorder_pages", case_id, "slot={}".format(slot))

    def replace(self, blob_id: str, data: bytes, meta: dict[str, Any] | None = None) -> None:
        """Replace a blob's bytes (e.g. a rotated page), keeping its place."""
        self.store.write(lambda conn: self.replace_in(conn, blob_id, data, meta))

    def replace_in(self, conn, blob_id: str, data: bytes, meta: dict[str, Any] | None = None,
                   case_id: str | None = None) -> None:
        """The body of :meth:`replace`; with ``case_id``, only a blob of that case."""
        digest = hashlib.sha256(data).hexdigest()
        row = conn.execute("SELECT case_id, kind FROM blobs WHERE id = ?", (blob_id,)).fetchone()
        if row is None or (case_id is not None and row[0] != case_id):
            return
        conn.execute("UPDATE blobs SET data = ?, sha256 = ?, size = ?, meta = coalesce(?, meta) WHERE id = ?",
                     (data, digest, len(data), json.dumps(meta, ensure_ascii=False) if meta is not None else None, blob_id))
        self.store.audit(conn, "replace_" + row[1], row[0], "size={}".format(len(data)))

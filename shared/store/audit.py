"""The audit log: who did what to which case, hash-chained so edits and removals show.

Each row's hash is an HMAC (keyed from the store key, so it cannot be recomputed without it)
over the previous row's hash and the row's own content. The newest hash and row number are
kept in ``meta``; :func:`verify` walks the chain and names the first row that does not fit.
Rows older than the retention period may be purged from the start of the chain: the purge
records where the chain now begins. Nothing younger than :data:`MIN_RETENTION_DAYS` is ever
purged, whatever a setting says.

The chain is anchored outside the store: its head (:func:`head`) travels in every packet and
in a periodic heartbeat to the registration server, which keeps the highest head per device;
a store rolled back to an older copy, cut at either end, or rolled back and grown again then
shows against the server (``yizhan audit verify --against-server``).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import json
from dataclasses import dataclass

from shared.domain.case import now_iso

GENESIS = "0" * 64
MIN_RETENTION_DAYS = 365


def audit_key(store_key: bytes) -> bytes:
    """The HMAC key of the audit chain, derived from the store key."""
    return hmac.new(store_key, b"yizhan-audit-chain-v1", hashlib.sha256).digest()


def row_hash(key: bytes, prev: str, seq: int, at: str, operator: str, action: str,
             case_id: str | None, detail: str) -> str:
    body = json.dumps([prev, seq, at, operator, action, case_id, detail], ensure_ascii=False)
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


def _meta(conn, key: str, default: str) -> str:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def _set_meta(conn, key: str, value: str) -> None:
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (key, value))


def append(conn, key: bytes, operator: str, action: str, case_id: str | None, detail: str = "") -> int:
    """Add a row (inside the caller's transaction). ``detail`` must hold no personal data."""
    seq = int(_meta(conn, "audit_head_seq", "0")) + 1
    prev = _meta(conn, "audit_head_hash", GENESIS)
    at = now_iso()
    h = row_hash(key, prev, seq, at, operator, action, case_id, detail)
    conn.execute("INSERT INTO audit(seq, at, operator, action, case_id, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)",
                 (seq, at, operator, action, case_id, detail, prev, h))
    _set_meta(conn, "audit_head_seq", str(seq))
    _set_meta(conn, "audit_head_hash", h)
    return seq


@dataclass
class AuditReport:
    """The result of :func:`verify`: ``ok``, rows checked, and the problems found."""

    ok: bool
    rows: int
    problems: list[str]


def verify(conn, key: bytes) -> AuditReport:
    """Walk the chain from its base to the head recorded in ``meta``."""
    problems: list[str] = []
    expected_seq = int(_meta(conn, "audit_base_seq", "0")) + 1
    prev = _meta(conn, "audit_base_hash", GENESIS)
    rows = 0
    for seq, at, operator, action, case_id, detail, prev_hash, h in conn.execute(
            "SELECT seq, at, operator, action, case_id, detail, prev_hash, hash FROM audit ORDER BY seq"):
        rows += 1
        if seq != expected_seq:
            problems.append("rows {}..{} are missing".format(expected_seq, seq - 1))
        elif prev_hash != prev:
            problems.append("row {}: link to the previous row is broken".format(seq))
        if row_hash(key, prev_hash, seq, at, operator, action, case_id, detail) != h:
            problems.append("row {}: content was changed".format(seq))
        expected_seq, prev = seq + 1, h
    head_seq = int(_meta(conn, "audit_head_seq", "0"))
    head_hash = _meta(conn, "audit_head_hash", GENESIS)
    if expected_seq - 1 != head_seq or prev != head_hash:
        problems.append("the newest rows up to {} are missing or the head was altered".format(head_seq))
    return AuditReport(not problems, rows, problems)


def head(conn) -> dict:
    """The chain's head and base (with the date of the newest purged row): what the server is
    told (no personal data)."""
    return {"seq": int(_meta(conn, "audit_head_seq", "0")), "hash": _meta(conn, "audit_head_hash", GENESIS),
            "base_seq": int(_meta(conn, "audit_base_seq", "0")), "base_hash": _meta(conn, "audit_base_hash", GENESIS),
            "base_at": _meta(conn, "audit_base_at", "")}


def row_at(conn, seq: int) -> str | None:
    """The hash of row ``seq`` if the store still holds it."""
    row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
    return row[0] if row else None


def purge_before(conn, cutoff_iso: str) -> int:
    """Remove rows older than ``cutoff_iso`` from the start of the chain (inside a transaction);
    never rows younger than :data:`MIN_RETENTION_DAYS`."""
    floor = (_dt.datetime.now(_dt.timezone.utc) - _dt.timedelta(days=MIN_RETENTION_DAYS)).isoformat()
    cutoff_iso = min(cutoff_iso, floor)
    rows = conn.execute("SELECT seq, hash, at FROM audit WHERE at < ? ORDER BY seq", (cutoff_iso,)).fetchall()
    base_seq = int(_meta(conn, "audit_base_seq", "0"))
    last = last_at = None
    for seq, h, at in rows:  # only a contiguous prefix may go, so the chain stays checkable
        if seq != base_seq + 1:
            break
        base_seq, last, last_at = seq, h, at
    if last is None:
        return 0
    count = conn.execute("DELETE FROM audit WHERE seq <= ?", (base_seq,)).rowcount
    _set_meta(conn, "audit_base_seq", str(base_seq))
    _set_meta(conn, "audit_base_hash", last)
    _set_meta(conn, "audit_base_at", last_at)  # the server checks that the start went only by age
    return count

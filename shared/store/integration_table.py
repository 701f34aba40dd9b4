"""The bank-system tables (``integration_refs``, ``integration_events``): which draft case each
loan reference created, and the outcomes owed back to the bank's system until it took them.

An outcome event is written in the same transaction that applies it to the case (the status
puller calls :meth:`IntegrationRows.note_outcome`), so an outcome is never applied without
its notification being kept, nor kept twice: the event id is unique.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from shared.domain.case import now_iso


@dataclass
class PendingEvent:
    """An outcome not yet acknowledged by the bank's system."""

    seq: int
    event_id: str
    case_id: str
    kind: str
    detail: dict[str, Any]
    created_at: str
    attempts: int
    dropped: bool
    reference: str
    next_attempt_at: float = 0.0


class IntegrationRows:
    """Reads and writes of the integration tables on one connection (inside the caller's transaction)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    # -- loan references -------------------------------------------------------------------
    def find_ref(self, reference: str) -> tuple[str, str] | None:
        """``(case_id, body_sha256)`` of the case made for ``reference``, or None."""
        row = self._conn.execute("SELECT case_id, body_sha256 FROM integration_refs WHERE reference = ?",
                                 (reference,)).fetchone()
        return (row[0], row[1]) if row else None

    def reference_of(self, case_id: str) -> str | None:
        """The loan reference a case was made for (None: not made by the bank's system)."""
        row = self._conn.execute("SELECT reference FROM integration_refs WHERE case_id = ?", (case_id,)).fetchone()
        return row[0] if row else None

    def add_ref(self, reference: str, case_id: str, body_sha256: str) -> None:
        """Remember that ``reference`` made ``case_id`` (a second one raises: primary key)."""
        self._conn.execute("INSERT INTO integration_refs(reference, case_id, body_sha256, created_at) VALUES (?,?,?,?)",
                           (reference, case_id, body_sha256, now_iso()))

    # -- outcomes owed to the bank ---------------------------------------------------------
    def note_outcome(self, event_id: str, case_id: str, kind: str, detail: dict[str, Any]) -> bool:
        """Keep an outcome for the bank's system when ``case_id`` came from it (True: kept;
        an event id already kept is not kept again)."""
        if self.reference_of(case_id) is None:
            return False
        cur = self._conn.execute(
            "INSERT INTO integration_events(event_id, case_id, kind, detail, created_at) VALUES (?,?,?,?,?)"
            " ON CONFLICT(event_id) DO NOTHING",
            (event_id, case_id, kind, json.dumps(detail, ensure_ascii=False, sort_keys=True), now_iso()))
        return cur.rowcount > 0

    def pending(self, limit: int = 50) -> list[PendingEvent]:
        """The events not yet acknowledged, oldest first."""
        rows = self._conn.execute(
            "SELECT e.seq, e.event_id, e.case_id, e.kind, e.detail, e.created_at, e.attempts, e.dropped,"
            " COALESCE(r.reference, ''), e.next_attempt_at FROM integration_events e"
            " LEFT JOIN integration_refs r ON r.case_id = e.case_id"
            " WHERE e.state = 'pending' ORDER BY e.seq LIMIT ?", (limit,)).fetchall()
        return [PendingEvent(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6], bool(r[7]), r[8], r[9]) for r in rows]

    def counts(self) -> dict[str, int]:
        """How many events are pending and delivered."""
        rows = self._conn.execute("SELECT state, COUNT(*) FROM integration_events GROUP BY state").fetchall()
        return {"pending": 0, "delivered": 0, **{r[0]: r[1] for r in rows}}

    def delivered(self, event_id: str, how: str) -> bool:
        """Mark an event acknowledged (``how``: webhook | folder). False when it already was:
        an event is acknowledged at most once."""
        cur = self._conn.execute("UPDATE integration_events SET state = 'delivered', delivered_at = ?, last_error = ?"
                                 " WHERE event_id = ? AND state = 'pending'", (now_iso(), how, event_id))
        return cur.rowcount > 0

    def failed(self, event_id: str, attempts: int, next_attempt_at: float, error: str) -> None:
        """Note a failed attempt and when to try again (the events behind it wait with it)."""
        self._conn.execute("UPDATE integration_events SET attempts = ?, next_attempt_at = ?, last_error = ?"
                           " WHERE event_id = ? AND state = 'pending'", (attempts, next_attempt_at, error[:200], event_id))

    def mark_dropped(self, event_id: str) -> None:
        """The event's file was written to the drop folder (written once)."""
        self._conn.execute("UPDATE integration_events SET dropped = 1 WHERE event_id = ?", (event_id,))

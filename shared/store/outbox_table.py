"""The ``outbox`` table: one row per packet, typed (:class:`OutboxItem`) for shared/sync.

:class:`OutboxRows` works on the connection of an open :class:`~shared.store.tx.StoreTx`;
the rules (when a state may change, what is audited, which files go) stay in
:mod:`shared.sync.outbox` and :mod:`shared.sync.puller`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

class PacketState(str, Enum):
    """The states of an outbox item (compare equal to their values, as stored)."""

    QUEUED = "queued"
    ANNOUNCED = "announced"
    UPLOADING = "uploading"
    UPLOADED = "uploaded"
    COMMITTED = "committed"
    DELIVERED = "delivered"
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    CORRECTION_REQUESTED = "correction_requested"
    REGISTERED = "registered"
    PROOF_ISSUED = "proof_issued"
    FAILED = "failed"    # the server refused the packet for good: a person retries or clears it
    CLEARED = "cleared"  # a supervisor withdrew the failed packet (the case is a draft again)


_Q = PacketState
_ANSWERS = frozenset({_Q.ACCEPTED, _Q.NOT_ACCEPTED, _Q.CORRECTION_REQUESTED, _Q.REGISTERED, _Q.PROOF_ISSUED,
                      _Q.DELIVERED, _Q.COMMITTED})
_SENDING = frozenset({_Q.QUEUED, _Q.ANNOUNCED, _Q.UPLOADING, _Q.UPLOADED, _Q.COMMITTED, _Q.FAILED}) | _ANSWERS
#: Which state may follow which (the registry's answers may arrive in any order after commit).
PACKET_TRANSITIONS: dict[PacketState, frozenset[PacketState]] = {
    _Q.QUEUED: _SENDING,
    _Q.ANNOUNCED: _SENDING,
    _Q.UPLOADING: _SENDING,
    _Q.UPLOADED: _SENDING,
    _Q.COMMITTED: _ANSWERS,
    _Q.DELIVERED: _ANSWERS,
    _Q.ACCEPTED: frozenset({_Q.REGISTERED, _Q.PROOF_ISSUED, _Q.ACCEPTED}),
    _Q.REGISTERED: frozenset({_Q.PROOF_ISSUED, _Q.REGISTERED}),
    _Q.CORRECTION_REQUESTED: frozenset(),
    _Q.NOT_ACCEPTED: frozenset(),
    _Q.PROOF_ISSUED: frozenset(),
    _Q.FAILED: frozenset({_Q.QUEUED, _Q.CLEARED}),  # retried, or cleared by a supervisor
    _Q.CLEARED: frozenset(),
}


def can_move(current: str, new: str) -> bool:
    """Whether an item in ``current`` may go to ``new`` (unknown states: no)."""
    try:
        return PacketState(new) in PACKET_TRANSITIONS[PacketState(current)]
    except ValueError:
        return False


ACTIVE = (_Q.QUEUED.value, _Q.ANNOUNCED.value, _Q.UPLOADING.value, _Q.UPLOADED.value)
FINAL_ITEM = (_Q.NOT_ACCEPTED.value, _Q.CORRECTION_REQUESTED.value, _Q.PROOF_ISSUED.value)
_COLUMNS = ("packet_id", "case_id", "revision", "state", "file", "size", "sha256", "signature", "offset",
            "attempts", "next_attempt_at", "last_error", "created_at", "updated_at", "committed_at",
            "final_at", "purged_at", "outcome")
_COLS = ", ".join(_COLUMNS)
COLUMNS = _COLUMNS  # for a query joining the outbox (the case list)


@dataclass
class OutboxItem:
    """One packet in the outbox."""

    packet_id: str
    case_id: str
    revision: int
    state: str
    file: str
    size: int
    sha256: str
    signature: str
    offset: int
    attempts: int
    next_attempt_at: float
    last_error: str
    created_at: str
    updated_at: str
    committed_at: str | None
    final_at: str | None
    purged_at: str | None
    outcome: dict[str, Any]

    @classmethod
    def from_row(cls, row) -> OutboxItem:
        values = list(row)
        values[-1] = json.loads(values[-1] or "{}")
        return cls(*values)

    @property
    def bytes_left(self) -> int:
        return self.size - self.offset if self.state in ACTIVE else 0


def _marks(values: Sequence) -> str:
    return ",".join("?" * len(values))


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False)


class OutboxRows:
    """Reads and writes of the outbox table on one connection (inside the caller's transaction)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    # -- reading ---------------------------------------------------------------------------
    def items(self, states: Sequence[str] | None = None) -> list[OutboxItem]:
        """All items (or those in ``states``), oldest first."""
        sql, args = "SELECT {} FROM outbox".format(_COLS), tuple(states or ())
        if states:
            sql += " WHERE state IN ({})".format(_marks(states))
        return [OutboxItem.from_row(r) for r in self._conn.execute(sql + " ORDER BY created_at, packet_id", args)]

    def get(self, packet_id: str) -> OutboxItem | None:
        row = self._conn.execute("SELECT {} FROM outbox WHERE packet_id = ?".format(_COLS), (packet_id,)).fetchone()
        return OutboxItem.from_row(row) if row else None

    def of_cases(self, case_ids: Sequence[str]) -> list[OutboxItem]:
        """The items of ``case_ids``, by revision (oldest first)."""
        if not case_ids:
            return []
        rows = self._conn.execute("SELECT {} FROM outbox WHERE case_id IN ({}) ORDER BY revision".format(
            _COLS, _marks(case_ids)), tuple(case_ids)).fetchall()
        return [OutboxItem.from_row(r) for r in rows]

    def pending(self, states: Sequence[str] = ACTIVE) -> tuple[int, int]:
        """(number of items in ``states``, bytes they have left to send)."""
        row = self._conn.execute("SELECT count(*), coalesce(sum(size - offset), 0) FROM outbox WHERE state IN ({})"
                                 .format(_marks(states)), tuple(states)).fetchone()
        return int(row[0]), int(row[1])

    def files(self) -> set[str]:
        """The packet file names the outbox still refers to."""
        return {r[0] for r in self._conn.execute("SELECT file FROM outbox WHERE file != ''")}

    def due_for_purge(self, cutoff_iso: str) -> list[OutboxItem]:
        """Items answered for good before ``cutoff_iso`` whose local data is still kept."""
        rows = self._conn.execute("SELECT {} FROM outbox WHERE final_at IS NOT NULL AND final_at < ?"
                                  " AND purged_at IS NULL".format(_COLS), (cutoff_iso,)).fetchall()
        return [OutboxItem.from_row(r) for r in rows]

    # -- writing ---------------------------------------------------------------------------
    def insert(self, packet_id: str, case_id: str, revision: int, file: str, size: int, sha256: str,
               signature: str, at: str) -> None:
        """A new item, ``queued``."""
        self._conn.execute("INSERT INTO outbox(packet_id, case_id, revision, state, file, size, sha256, signature,"
                           " created_at, updated_at) VALUES (?,?,?,'queued',?,?,?,?,?,?)",
                           (packet_id, case_id, revision, file, size, sha256, signature, at, at))

    def update(self, packet_id: str, **fields: Any) -> None:
        """Set columns of one item (``outcome`` as a dict); only known column names are accepted."""
        unknown = set(fields) - set(_COLUMNS[1:])
        if unknown:  # column names go into the statement text: never anything else
            raise ValueError("unknown outbox columns: {}".format(", ".join(sorted(unknown))))
        if "outcome" in fields and isinstance(fields["outcome"], dict):
            fields["outcome"] = _json(fields["outcome"])
        cols = ", ".join("{} = ?".format(k) for k in fields)
        self._conn.execute("UPDATE outbox SET {} WHERE packet_id = ?".format(cols), (*fields.values(), packet_id))

    def note_attempt(self, packet_id: str, next_at: float, error: str, at: str) -> None:
        """One more failed attempt: when to try again and why it failed."""
        self._conn.execute("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
                           " updated_at = ? WHERE packet_id = ?", (next_at, error, at, packet_id))

    def delete(self, packet_id: str) -> None:
        """Drop an item that a rebuilt packet (a fresh id) replaces."""
        self._conn.execute("DELETE FROM outbox WHERE packet_id = ?", (packet_id,))

    def set_failed(self, packet_id: str) -> None:
        """The server refused the packet for good."""
        self._conn.execute("UPDATE outbox SET state = 'failed' WHERE packet_id = ?", (packet_id,))

    def requeue(self, packet_id: str, at: str) -> None:
        """A failed item is tried again from the start."""
        self._conn.execute("UPDATE outbox SET state = 'queued', offset = 0, attempts = 0, next_attempt_at = 0,"
                           " last_error = '', updated_at = ? WHERE packet_id = ?", (at, packet_id))

    def set_cleared(self, packet_id: str, at: str) -> None:
        """A failed item withdrawn by a supervisor (its file goes)."""
        self._conn.execute("UPDATE outbox SET state = 'cleared', file = '', final_at = ?, updated_at = ?"
                           " WHERE packet_id = ?", (at, at, packet_id))

    def set_committed(self, packet_id: str, outcome: dict[str, Any], at: str) -> None:
        """The server holds the whole packet."""
        self._conn.execute("UPDATE outbox SET state = 'committed', committed_at = ?, offset = size, last_error = '',"
                           " updated_at = ?, outcome = ? WHERE packet_id = ?", (at, at, _json(outcome), packet_id))

    def set_answer(self, packet_id: str, state: str, outcome: dict[str, Any], final_at: str | None, at: str) -> None:
        """A server answer: the new state and outcome; the first commit and final times are kept."""
        self._conn.execute("UPDATE outbox SET state = ?, outcome = ?, updated_at = ?, final_at = coalesce(final_at, ?),"
                           " committed_at = coalesce(committed_at, ?), offset = size, last_error = ''"
                           " WHERE packet_id = ?", (state, _json(outcome), at, final_at, at, packet_id))

    def set_purged(self, packet_id: str, at: str) -> None:
        """The packet file is gone (retention)."""
        self._conn.execute("UPDATE outbox SET file = '', purged_at = ? WHERE packet_id = ?", (at, packet_id))

"""The crash-proof outbox: submit as one local transaction, packets kept until answered.

Submit = completeness check -> freeze + encrypt + sign the packet -> enqueue, all inside one
store transaction: the case becomes ``submitted``, the outbox row is ``queued`` and an audit
row is written, or nothing happens (a full disk rolls everything back and leaves no packet
file). States of an item (PROTOCOL.md)::

    queued -> announced -> uploading(offset) -> uploaded -> committed
           -> accepted | not_accepted | correction_requested -> registered -> proof_issued
    failed: the server refused the packet for good (needs a person)

Guard-rails from ``Settings.offline_limits`` block new submissions (never existing work)
when the disk is low, too many packets are unsent or the last successful sync is too old.
Retention: ``retention_days`` after the server's final answer the ciphertext file and the
case's pages are deleted (secure_delete is on); audit rows stay for ``audit_retention_days``.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.config import Settings, default_config_dir
from shared.domain.case import Case, now_iso
from shared.domain.states import FINAL, CaseState, check_transition
from shared.errors import StoreError, SyncError, ValidationError
from shared.i18n import Msg
from shared.store import audit as audit_mod
from shared.sync import enrollment, state
from shared.sync.packet import PACKET_KINDS, PACKET_SUFFIX, build_packet

ACTIVE = ("queued", "announced", "uploading", "uploaded")
FINAL_ITEM = ("not_accepted", "correction_requested", "proof_issued")
PURGED_KINDS = ("page", "face", "idphoto")
_COLS = ("packet_id, case_id, revision, state, file, size, sha256, signature, offset, attempts, next_attempt_at,"
         " last_error, created_at, updated_at, committed_at, final_at, purged_at, outcome")


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
    def from_row(cls, row) -> "OutboxItem":
        values = list(row)
        values[-1] = json.loads(values[-1] or "{}")
        return cls(*values)

    @property
    def bytes_left(self) -> int:
        return self.size - self.offset if self.state in ACTIVE else 0


class GuardRailError(SyncError):
    """New submissions are blocked by an offline limit; existing work is safe."""

    default_code = "guard_rail"

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg, retryable=False)


def _utc(ts: str) -> _dt.datetime:
    return _dt.datetime.fromisoformat(ts)


class Outbox:
    """The outbox of one store; packet files in ``<data dir>/outbox``."""

    def __init__(self, store, settings: Settings | None = None, catalog=None, opener=open) -> None:
        self.store = store
        self.dir = Path(store.path).parent / "outbox"
        self.settings = settings or Settings.load(default_config_dir(Path(store.path).parent))
        self._catalog = catalog
        self.opener = opener

    @property
    def catalog(self):
        if self._catalog is not None:
            return self._catalog
        from shared.masterdata import current_catalog  # the one in use now (a pass may have pulled a new one)
        return current_catalog(Path(self.store.path).parent)

    # -- reading ---------------------------------------------------------------------------
    def items(self, states: tuple[str, ...] | None = None) -> list[OutboxItem]:
        sql = "SELECT {} FROM outbox".format(_COLS)
        args: tuple = ()
        if states:
            sql += " WHERE state IN ({})".format(",".join("?" * len(states)))
            args = tuple(states)
        rows = self.store.run(lambda c: c.execute(sql + " ORDER BY created_at, packet_id", args).fetchall())
        return [OutboxItem.from_row(r) for r in rows]

    def get(self, packet_id: str) -> OutboxItem | None:
        row = self.store.run(lambda c: c.execute("SELECT {} FROM outbox WHERE packet_id = ?".format(_COLS),
                                                 (packet_id,)).fetchone())
        return OutboxItem.from_row(row) if row else None

    def latest(self, case_ids: list[str]) -> dict[str, OutboxItem]:
        """The newest packet of each of ``case_ids`` that has one (for the case list)."""
        if not case_ids:
            return {}
        marks = ",".join("?" * len(case_ids))
        rows = self.store.run(lambda c: c.execute(
            "SELECT {} FROM outbox WHERE case_id IN ({}) ORDER BY revision".format(_COLS, marks), tuple(case_ids)).fetchall())
        return {item.case_id: item for item in map(OutboxItem.from_row, rows)}

    def path(self, item: OutboxItem) -> Path:
        return self.dir / item.file

    def pending(self) -> tuple[int, int]:
        """(number of unsent packets, bytes left to send)."""
        row = self.store.run(lambda c: c.execute(
            "SELECT count(*), coalesce(sum(size - offset), 0) FROM outbox WHERE state IN ({})".format(
                ",".join("?" * len(ACTIVE))), ACTIVE).fetchone())
        return int(row[0]), int(row[1])

    # -- guard-rails -----------------------------------------------------------------------
    def guard_rails(self, now: _dt.datetime | None = None) -> list[Msg]:
        """What blocks a new submission now (empty: nothing)."""
        limits = self.settings.get("offline_limits", {}) or {}
        now = now or _dt.datetime.now(_dt.timezone.utc)
        out: list[Msg] = []
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        free_mb = shutil.disk_usage(self.dir).free // (1 << 20)
        if free_mb < int(limits.get("min_free_mb", 0)):
            out.append(Msg("sync.blocked_disk", "本机磁盘剩余空间不足（剩余 {free} MB，至少需要 {need} MB），暂停新的提交；已有案件和待上传数据完好。请清理磁盘",
                           {"free": free_mb, "need": limits["min_free_mb"]}))
        unsent, _ = self.pending()
        if "max_unsent" in limits and unsent >= int(limits["max_unsent"]):
            out.append(Msg("sync.blocked_unsent", "待上传的数据包已有 {n} 个（上限 {max}），暂停新的提交；已有数据完好。请检查网络并同步",
                           {"n": unsent, "max": limits["max_unsent"]}))
        last = state.read(self.store, "last_success_at")
        if last and "max_days_without_sync" in limits:
            days = (now - _utc(last)).total_seconds() / 86400
            if days > float(limits["max_days_without_sync"]):
                out.append(Msg("sync.blocked_days", "已有 {days} 天未与登记服务器同步成功（上限 {max} 天），暂停新的提交；已有数据完好。请恢复网络后同步",
                               {"days": int(days), "max": limits["max_days_without_sync"]}))
        return out

    # -- submit ----------------------------------------------------------------------------
    def submit(self, case_id: str) -> OutboxItem:
        """Freeze, encrypt, sign and enqueue a complete case in one local transaction."""
        ident = enrollment.require(self.store)
        blocked = self.guard_rails()
        if blocked:
            raise GuardRailError(blocked[0])
        case = self.store.get_case(case_id)
        self._check_complete(case)
        made: list[Path] = []

        def work(conn):
            row = conn.execute("SELECT doc FROM cases WHERE id = ?", (case_id,)).fetchone()
            fresh = Case.from_dict(json.loads(row[0]))
            if fresh.state not in (CaseState.DRAFT, CaseState.READY) or fresh.revision != case.revision:
                raise SyncError(Msg("sync.already_submitted", "案件 {id} 已提交（状态：{state}），不能重复提交",
                                    {"id": case_id, "state": fresh.state.label}), retryable=False)
            if fresh.state == CaseState.DRAFT:
                fresh.state = CaseState.READY
            check_transition(fresh.state, CaseState.SUBMITTED)
            fresh.state = CaseState.SUBMITTED
            self.store.write_case(conn, fresh, "submit")
            blobs = conn.execute("SELECT id, kind, slot, idx, mime, sha256, size FROM blobs WHERE case_id = ? AND kind IN ({})"
                                 " ORDER BY kind, slot, idx".format(",".join("?" * len(PACKET_KINDS))),
                                 (case_id, *PACKET_KINDS)).fetchall()
            built = build_packet(conn, fresh, blobs, ident, self.store.operator, self.dir, self.opener)
            made.append(built.path)
            at = now_iso()
            conn.execute("INSERT INTO outbox(packet_id, case_id, revision, state, file, size, sha256, signature,"
                         " created_at, updated_at) VALUES (?,?,?,'queued',?,?,?,?,?,?)",
                         (built.packet_id, case_id, fresh.revision, built.path.name, built.size, built.sha256,
                          built.signature, at, at))
            self.store.audit(conn, "enqueue", case_id, "packet={} size={} sha256={}".format(
                built.packet_id, built.size, built.sha256[:16]))
            return built.packet_id
        try:
            packet_id = self.store.write(work)
        except BaseException:
            for p in made:  # the transaction rolled back: its packet file must go too
                _unlink(p)
            raise
        return self.get(packet_id)

    def _check_complete(self, case: Case) -> None:
        from shared.domain.validation import field_errors, missing
        if case.state not in (CaseState.DRAFT, CaseState.READY):
            raise SyncError(Msg("sync.already_submitted", "案件 {id} 已提交（状态：{state}），不能重复提交",
                                {"id": case.id, "state": case.state.label}), retryable=False)
        biz = self.catalog.business(case.business_code)
        problems = {m.path: m.msg for m in missing(case, biz, self.catalog)}
        problems.update(field_errors(case, biz, self.catalog))
        if problems:
            raise ValidationError(Msg("sync.incomplete", "案件尚不完整，不能提交（{n}处）：{first}",
                                      {"n": len(problems), "first": next(iter(problems.values())).render()}), problems)

    # -- state changes (used by the uploader and the puller) -----------------------------------
    def set_state(self, packet_id: str, new_state: str, **fields: Any) -> None:
        fields["state"], fields["updated_at"] = new_state, now_iso()
        cols = ", ".join("{} = ?".format(k) for k in fields)
        self.store.write(lambda c: c.execute("UPDATE outbox SET {} WHERE packet_id = ?".format(cols),
                                             (*fields.values(), packet_id)))

    def note_error(self, packet_id: str, text: str, next_at: float, failed: bool = False) -> None:
        def work(conn):
            conn.execute("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, updated_at = ?"
                         " WHERE packet_id = ?", (next_at, text[:500], now_iso(), packet_id))
            if failed:
                conn.execute("UPDATE outbox SET state = 'failed' WHERE packet_id = ?", (packet_id,))
                case_id = conn.execute("SELECT case_id FROM outbox WHERE packet_id = ?", (packet_id,)).fetchone()
                self.store.audit(conn, "packet_failed", case_id[0] if case_id else None, "packet={}".format(packet_id))
        self.store.write(work)

    def mark_committed(self, packet_id: str, answer: dict) -> None:
        """The server holds the packet: the item is committed, the case delivered."""
        def work(conn):
            row = conn.execute("SELECT state, case_id, revision, outcome FROM outbox WHERE packet_id = ?", (packet_id,)).fetchone()
            if row is None or row[0] not in ACTIVE:
                return
            outcome = {**json.loads(row[3] or "{}"), "received_at": answer.get("received_at")}
            conn.execute("UPDATE outbox SET state = 'committed', committed_at = ?, offset = size, last_error = '',"
                         " updated_at = ?, outcome = ? WHERE packet_id = ?",
                         (now_iso(), now_iso(), json.dumps(outcome, ensure_ascii=False), packet_id))
            doc = conn.execute("SELECT doc FROM cases WHERE id = ?", (row[1],)).fetchone()
            if doc:
                case = Case.from_dict(json.loads(doc[0]))
                if case.revision == row[2] and case.state == CaseState.SUBMITTED:
                    case.state = CaseState.DELIVERED
                    self.store.write_case(conn, case, "delivered")
            self.store.audit(conn, "packet_committed", row[1], "packet={}".format(packet_id))
        self.store.write(work)

    # -- housekeeping ------------------------------------------------------------------------
    def sweep(self) -> int:
        """Delete temp files and packet files no outbox row refers to (after a crash)."""
        def work(conn) -> int:
            if not self.dir.exists():
                return 0
            known = {r[0] for r in conn.execute("SELECT file FROM outbox WHERE file != ''")}
            removed = 0
            for entry in os.scandir(self.dir):
                if entry.name.endswith(".tmp") or (entry.name.endswith(PACKET_SUFFIX) and entry.name not in known):
                    _unlink(Path(entry.path))
                    removed += 1
            return removed
        return self.store.run(work)

    def purge(self, now: _dt.datetime | None = None) -> int:
        """Retention: drop local packet data ``retention_days`` after the final answer."""
        now = now or _dt.datetime.now(_dt.timezone.utc)
        cutoff = (now - _dt.timedelta(days=float(self.settings.get("retention_days", 30)))).isoformat()
        audit_cutoff = (now - _dt.timedelta(days=float(self.settings.get("audit_retention_days", 400)))).isoformat()
        files: list[Path] = []

        def work(conn) -> int:
            rows = conn.execute("SELECT packet_id, case_id, revision, file FROM outbox WHERE final_at IS NOT NULL"
                                " AND final_at < ? AND purged_at IS NULL", (cutoff,)).fetchall()
            for packet_id, case_id, revision, file in rows:
                conn.execute("UPDATE outbox SET file = '', purged_at = ? WHERE packet_id = ?", (now.isoformat(), packet_id))
                if file:
                    files.append(self.dir / file)
                doc = conn.execute("SELECT doc FROM cases WHERE id = ?", (case_id,)).fetchone()
                pages = 0
                if doc:
                    case = Case.from_dict(json.loads(doc[0]))
                    if case.revision == revision and case.state in FINAL:
                        pages = conn.execute("DELETE FROM blobs WHERE case_id = ? AND kind IN ({})".format(
                            ",".join("?" * len(PURGED_KINDS))), (case_id, *PURGED_KINDS)).rowcount
                        case.materials = {}
                        self.store.write_case(conn, case, "retention_purge")
                self.store.audit(conn, "purge_packet", case_id, "packet={} pages={}".format(packet_id, pages))
            audit_mod.purge_before(conn, audit_cutoff)
            return len(rows)
        count = self.store.write(work)
        for path in files:  # after the commit: a crash in between leaves an orphan that sweep removes
            _unlink(path)
        return count


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass

"""The crash-proof outbox: submit as one local transaction, packets kept until answered.

Submit = completeness check -> freeze + encrypt + sign the packet -> enqueue, all inside one
store transaction: the case becomes ``submitted``, the outbox row is ``queued`` and an audit
row is written, or nothing happens (a full disk rolls everything back and leaves no packet
file). States of an item (PROTOCOL.md)::

    queued -> announced -> uploading(offset) -> uploaded -> committed
           -> accepted | not_accepted | correction_requested -> registered -> proof_issued
    failed: the server refused the packet for good (needs a person): retried (queued again,
            or rebuilt with a fresh id when its file is damaged) or cleared by a supervisor with
            a reason (the case becomes a draft of its next revision)

The states are :class:`PacketState`; :data:`PACKET_TRANSITIONS` says which may follow which.
Submitting, retrying and clearing ask the acting operator's permission first.

A packet file is checked against its stored SHA-256 before it is uploaded; a damaged file or
an id the server holds with other content gets the packet rebuilt from the store under a
fresh, unguessable id (at most ``MAX_REBUILDS`` times without a person).

Guard-rails from ``Settings.offline_limits`` block new submissions (never existing work)
when the disk is low, too many packets are unsent or the last successful sync is too old.
Retention: ``retention_days`` after the server's final answer the ciphertext file and the
case's pages are deleted (secure_delete is on); audit rows stay for ``audit_retention_days``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import secrets
import shutil
from pathlib import Path
from typing import Any

from shared.config import Settings
from shared.domain.case import Case, now_iso
from shared.domain.operators import OperatorSession, Permission, operator_label
from shared.domain.states import FINAL, CaseState, check_transition
from shared.errors import SyncError
from shared.i18n import Msg
from shared.store import Store, StoreTx
from shared.store.operators import require
from shared.store.policy import approval_policy
from shared.masterdata import current_filings
from shared.store.outbox_table import ACTIVE, FINAL_ITEM, PACKET_TRANSITIONS, OutboxItem, PacketState, can_move
from shared.sync import enrollment, state
from shared.sync.packet import PACKET_KINDS, PACKET_SUFFIX, build_packet

__all__ = ["ACTIVE", "FINAL_ITEM", "PACKET_TRANSITIONS", "PURGED_KINDS", "GuardRailError", "Outbox", "OutboxItem",
           "PacketState"]
PURGED_KINDS = ("page", "face", "idphoto")
MAX_REBUILDS = 3


class GuardRailError(SyncError):
    """New submissions are blocked by an offline limit; existing work is safe."""

    default_code = "guard_rail"

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg, retryable=False)


def _utc(ts: str) -> _dt.datetime:
    return _dt.datetime.fromisoformat(ts)


class Outbox:
    """The outbox of one store; packet files in ``<data dir>/outbox``."""

    def __init__(self, store: Store, settings: Settings | None = None, catalog=None, opener=open,
                 approval=None) -> None:
        self.store = store
        # the supervisor-approval policy: the operator list's in the store, unless a caller's own
        # (a test's) is given; never none, so no path submits around it
        self.approval = approval if approval is not None else approval_policy(store)
        self.dir = Path(store.path).parent / "outbox"
        if settings is None:  # the device's: its own settings with the registry's managed values over them
            from shared.masterdata import effective_settings
            settings = effective_settings(Path(store.path).parent)
        self.settings = settings
        self._catalog = catalog
        self.opener = opener

    @property
    def catalog(self):
        """The business catalog cases are checked against before they are frozen: the one in
        use now (a sync pass may have pulled a new one), unless one was given."""
        if self._catalog is not None:
            return self._catalog
        from shared.masterdata import current_catalog  # the one in use now (a pass may have pulled a new one)
        return current_catalog(Path(self.store.path).parent)

    # -- reading ---------------------------------------------------------------------------
    def items(self, states: tuple[str, ...] | None = None) -> list[OutboxItem]:
        return self.store.read(lambda tx: tx.outbox.items(states))

    def get(self, packet_id: str) -> OutboxItem | None:
        return self.store.read(lambda tx: tx.outbox.get(packet_id))

    def latest(self, case_ids: list[str]) -> dict[str, OutboxItem]:
        """The newest packet of each of ``case_ids`` that has one (for the case list)."""
        if not case_ids:
            return {}
        items = self.store.read(lambda tx: tx.outbox.of_cases(case_ids))
        return {item.case_id: item for item in items}

    def path(self, item: OutboxItem) -> Path:
        """Where the encrypted packet file of ``item`` lies."""
        return self.dir / item.file

    def pending(self) -> tuple[int, int]:
        """(number of unsent packets, bytes left to send)."""
        return self.store.read(lambda tx: tx.outbox.pending(ACTIVE))

    # -- guard-rails -----------------------------------------------------------------------
    def guard_rails(self, now: _dt.datetime | None = None) -> list[Msg]:
        """What blocks a new submission now (empty: nothing)."""
        limits = self.settings.get("offline_limits", {}) or {}
        now = now or _dt.datetime.now(_dt.timezone.utc)
        out: list[Msg] = []
        try:
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not self.dir.is_dir():
                raise FileExistsError(17, "not a folder", str(self.dir))
        except OSError as exc:  # a file (or anything but a folder) where the packets go: say so, block new ones
            from shared.errors import os_error_msg
            out.append(Msg("sync.outbox_dir", "数据包文件夹 {path} 无法使用（{err}），暂停新的提交；已有案件完好。"
                                              "请运维人员检查该位置（应为文件夹）",
                           {"path": str(self.dir), "err": os_error_msg(exc)}))
            return out
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
    def submit(self, case_id: str, actor: OperatorSession | str | None = None) -> OutboxItem:
        """Freeze, encrypt, sign and enqueue a complete case in one local transaction.
        ``actor``: who submits (needs the submit permission); the packet's manifest names them
        and the supervisor who approved the case, signed with the device key."""
        require(self.store, actor, Permission.SUBMIT, "submit", case_id)
        label = operator_label(actor) or self.store.operator
        submitter = actor.as_dict() if isinstance(actor, OperatorSession) else label
        case = self.store.get_case(case_id)
        filings = current_filings(self.store, case)  # the bank's filings as the master data have them now
        self._check_complete(case, submitter, filings)  # first: what the case lacks, whatever the device's state
        ident = enrollment.require(self.store)
        blocked = self.guard_rails()
        if blocked:
            raise GuardRailError(blocked[0])
        made: list[Path] = []

        def work(tx: StoreTx) -> str:
            fresh = tx.case(case_id)
            if fresh.state not in (CaseState.DRAFT, CaseState.READY) or fresh.revision != case.revision:
                raise SyncError(Msg("sync.already_submitted", "案件 {id} 已提交（状态：{state}），不能重复提交",
                                    {"id": case_id, "state": fresh.state.label}), retryable=False)
            if filings is not None:  # the packet carries the filings in force, as checked
                fresh.bank = {**fresh.bank, "filings": filings}
            self._check_complete(fresh, submitter)  # again on what is frozen: nothing changed it in between
            if fresh.state == CaseState.DRAFT:
                fresh.state = CaseState.READY
            check_transition(fresh.state, CaseState.SUBMITTED)
            fresh.state = CaseState.SUBMITTED
            tx.write_case(fresh, "submit", operator=label)
            blobs = tx.blobs(case_id, kinds=PACKET_KINDS)
            people = {"submitted_by": actor.as_dict() if isinstance(actor, OperatorSession) else {"name": label},
                      "approvals": [a for a in fresh.approvals if isinstance(a, dict) and a.get("revision") == fresh.revision
                                    and a.get("decision") == "approved"]}
            built = build_packet(tx, fresh, blobs, ident, label, self.dir, self.opener, people=people,
                                 audit_head=tx.audit_head(), registrations=self._registrations(fresh))
            made.append(built.path)
            tx.outbox.insert(built.packet_id, case_id, fresh.revision, built.path.name, built.size, built.sha256,
                             built.signature, now_iso())
            tx.audit("enqueue", case_id, "packet={} size={} sha256={}".format(
                built.packet_id, built.size, built.sha256[:16]), operator=label)
            return built.packet_id
        try:
            packet_id = self.store.transaction(work)
        except BaseException:
            for p in made:  # the transaction rolled back: its packet file must go too
                _unlink(p)
            raise
        return self.get(packet_id)

    def _registrations(self, case: Case) -> list[dict] | None:
        """The linked registrations the packet applies for together (None: the business is one)."""
        from shared.domain.registrations import is_linked, manifest_entries
        biz = self.catalog.business(case.business_code)
        return manifest_entries(case, biz) if is_linked(biz) else None

    def _check_complete(self, case: Case, submitter: Any = None, filings: list[dict] | None = None) -> None:
        """Refuse a case whose workflow is not complete for its channel, naming each step:
        data, every applicant's identity decided, interviews signed and still matching the
        case, required materials with the bank's filings as the master data have them now,
        the approval the policy asks for (the same steps every front end shows); and a case
        its own approver would submit (someone else sends what a supervisor approved)."""
        from shared.domain.steps import approved, blocking_steps, incomplete_error, person_key, steps_for
        from shared.errors import ValidationError
        if case.state not in (CaseState.DRAFT, CaseState.READY):
            raise SyncError(Msg("sync.already_submitted", "案件 {id} 已提交（状态：{state}），不能重复提交",
                                {"id": case.id, "state": case.state.label}), retryable=False)
        biz = self.catalog.business(case.business_code)
        checked = Case.from_dict(case.to_dict())
        if filings is not None:  # a filing expired or renewed since the case was made
            checked.bank = {**checked.bank, "filings": filings}
        blocking = blocking_steps(steps_for(checked, biz, self.catalog, case.channel, approval=self.approval))
        if blocking:
            raise incomplete_error(blocking)
        approval = approved(checked)
        if approval and submitter is not None and person_key(submitter) == person_key(approval.get("approver")):
            raise ValidationError(Msg("sync.approver_submits", "复核人不能提交自己复核的案件，请由经办人提交"))

    # -- state changes (used by the uploader and the puller) -----------------------------------
    def set_state(self, packet_id: str, new_state: str, **fields: Any) -> None:
        """Move an item to ``new_state`` (a move the transition table does not allow is refused)."""
        fields["state"], fields["updated_at"] = PacketState(new_state).value, now_iso()

        def work(tx: StoreTx) -> None:
            item = tx.outbox.get(packet_id)
            if item is not None and item.state != new_state and not can_move(item.state, new_state):
                raise SyncError(Msg("sync.packet_transition", "数据包状态不能从“{a}”变为“{b}”",
                                    {"a": item.state, "b": new_state}), retryable=False)
            tx.outbox.update(packet_id, **fields)
        self.store.transaction(work)

    # -- a person's way back from "failed" -------------------------------------------------------
    def _failed(self, tx: StoreTx, packet_id: str) -> OutboxItem:
        item = tx.outbox.get(packet_id)
        if item is None or item.state != PacketState.FAILED:
            raise SyncError(Msg("sync.not_failed", "只有上传失败的数据包可以重试或清除"), retryable=False)
        return item

    def retry(self, packet_id: str, actor: OperatorSession | str | None = None) -> OutboxItem:
        """A person's way back for a failed (or stuck) packet, with the submit permission and
        audited: queued again from the start when its file is intact, else rebuilt from the
        store under a fresh id."""
        item = self.get(packet_id)
        require(self.store, actor, Permission.SUBMIT, "retry_packet", item.case_id if item else None)
        label = operator_label(actor) or self.store.operator
        if item is None or item.state not in ACTIVE + ("failed",):
            raise SyncError(Msg("sync.not_failed", "只有上传失败的数据包可以重试或清除"), retryable=False)
        if not self.file_intact(item):
            rebuilt = self.rebuild(packet_id, "operator_retry", by_person=True)
            if rebuilt is None:
                raise SyncError(Msg("sync.not_rebuilt", "数据包无法重建（案件已有新的版本），请重新提交案件"), retryable=False)
            return rebuilt

        def work(tx: StoreTx) -> None:
            current = tx.outbox.get(packet_id)
            if current is None or current.state not in ACTIVE + ("failed",):
                raise SyncError(Msg("sync.not_failed", "只有上传失败的数据包可以重试或清除"), retryable=False)
            tx.outbox.update(packet_id, state="queued", offset=0, attempts=0, next_attempt_at=0.0, last_error="",
                             updated_at=now_iso())
            tx.audit("packet_retry", current.case_id, "packet={}".format(packet_id), operator=label)
        self.store.transaction(work)
        return self.get(packet_id)

    def clear(self, packet_id: str, reason: str, actor: OperatorSession | str | None = None) -> OutboxItem:
        """A supervisor withdraws a failed packet with a reason: its file goes and the case
        becomes a draft of its next revision, to be corrected and submitted again (audited)."""
        reason = (reason or "").strip()
        item = self.get(packet_id)
        require(self.store, actor, Permission.APPROVE, "clear_packet", item.case_id if item else None)
        if not reason:
            from shared.errors import ValidationError
            raise ValidationError(Msg("sync.clear_reason", "清除失败的数据包须填写理由"))
        label = operator_label(actor) or self.store.operator

        def work(tx: StoreTx) -> str:
            failed = self._failed(tx, packet_id)
            tx.outbox.set_cleared(packet_id, now_iso())
            case = tx.find_case(failed.case_id)
            if case is not None and case.revision == failed.revision and case.state == CaseState.SUBMITTED:
                check_transition(case.state, CaseState.DRAFT)
                case.revision += 1
                case.state = CaseState.DRAFT
                tx.write_case(case, "packet_cleared", operator=label)
            tx.audit("packet_cleared", failed.case_id, "packet={} reason={}".format(packet_id, reason[:200]),
                     operator=label)
            return failed.file
        file = self.store.transaction(work)
        if file:
            _unlink(self.dir / file)
        return self.get(packet_id)

    def note_error(self, packet_id: str, text: str, next_at: float, failed: bool = False) -> None:
        def work(tx: StoreTx) -> None:
            tx.outbox.note_attempt(packet_id, next_at, text[:500], now_iso())
            if failed:
                tx.outbox.set_failed(packet_id)
                item = tx.outbox.get(packet_id)
                tx.audit("packet_failed", item.case_id if item else None, "packet={}".format(packet_id))
        self.store.transaction(work)

    def mark_committed(self, packet_id: str, answer: dict) -> None:
        """The server holds the packet: the item is committed, the case delivered."""
        def work(tx: StoreTx) -> None:
            item = tx.outbox.get(packet_id)
            if item is None or item.state not in ACTIVE:
                return
            tx.outbox.set_committed(packet_id, {**item.outcome, "received_at": answer.get("received_at")}, now_iso())
            case = tx.find_case(item.case_id)
            if case is not None and case.revision == item.revision and case.state == CaseState.SUBMITTED:
                case.state = CaseState.DELIVERED
                tx.write_case(case, "delivered")
            tx.audit("packet_committed", item.case_id, "packet={}".format(packet_id))
        self.store.transaction(work)

    # -- ways back -------------------------------------------------------------------------
    def file_intact(self, item: OutboxItem) -> bool:
        """Whether the packet file is there, a regular file, and matches its stored SHA-256."""
        path = self.path(item)
        try:
            if not item.file or not path.is_file() or path.stat().st_size != item.size:
                return False
            h = hashlib.sha256()
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
        except OSError:
            return False
        return h.hexdigest() == item.sha256

    def rebuild(self, packet_id: str, reason: str, by_person: bool = False) -> OutboxItem | None:
        """Build the packet of ``packet_id`` again from the store under a fresh id (new case
        salt) and put it in the old item's place, queued; None when it cannot be rebuilt (the
        case moved on, or ``MAX_REBUILDS`` was reached without a person)."""
        ident = enrollment.require(self.store)
        made: list[Path] = []
        old: list[Path] = []

        def work(tx: StoreTx) -> str | None:
            item = tx.outbox.get(packet_id)
            if item is None or item.state not in ACTIVE + ("failed",):
                return None
            rebuilds = int((item.outcome or {}).get("rebuilds", 0))
            if rebuilds >= MAX_REBUILDS and not by_person:
                return None
            case = tx.find_case(item.case_id)
            if case is None or case.revision != item.revision or case.state != CaseState.SUBMITTED:
                return None
            case.packet_salt = secrets.token_hex(8)
            tx.write_case(case, "packet_rebuilt")
            built = build_packet(tx, case, tx.blobs(case.id, kinds=PACKET_KINDS), ident, self.store.operator,
                                 self.dir, self.opener, audit_head=tx.audit_head(),
                                 registrations=self._registrations(case))
            made.append(built.path)
            tx.outbox.delete(packet_id)
            tx.outbox.insert(built.packet_id, case.id, case.revision, built.path.name, built.size, built.sha256,
                             built.signature, now_iso())
            tx.outbox.update(built.packet_id, outcome={"rebuilds": 0 if by_person else rebuilds + 1,
                                                       "replaces": packet_id})
            tx.audit("packet_rebuilt", case.id, "packet={} new={} reason={}".format(packet_id, built.packet_id, reason))
            if item.file:
                old.append(self.dir / item.file)
            return built.packet_id
        try:
            new_id = self.store.transaction(work)
        except BaseException:
            for p in made:
                _unlink(p)
            raise
        for p in old:
            _unlink(p)
        return self.get(new_id) if new_id else None

    # -- housekeeping ------------------------------------------------------------------------
    def sweep(self) -> int:
        """Delete temp files and packet files no outbox row refers to (after a crash)."""
        def work(tx: StoreTx) -> int:
            if not self.dir.is_dir():  # none yet, or not a folder (guard_rails says so)
                return 0
            known = tx.outbox.files()
            removed = 0
            for entry in os.scandir(self.dir):
                if entry.name.endswith(".tmp") or (entry.name.endswith(PACKET_SUFFIX) and entry.name not in known):
                    _unlink(Path(entry.path))
                    removed += 1
            return removed
        return self.store.read(work)

    def purge(self, now: _dt.datetime | None = None) -> int:
        """Retention: drop local packet data ``retention_days`` after the final answer."""
        now = now or _dt.datetime.now(_dt.timezone.utc)
        cutoff = (now - _dt.timedelta(days=float(self.settings.get("retention_days", 30)))).isoformat()
        audit_cutoff = (now - _dt.timedelta(days=float(self.settings.get("audit_retention_days", 400)))).isoformat()
        files: list[Path] = []

        def work(tx: StoreTx) -> int:
            due = tx.outbox.due_for_purge(cutoff)
            for item in due:
                tx.outbox.set_purged(item.packet_id, now.isoformat())
                if item.file:
                    files.append(self.dir / item.file)
                case = tx.find_case(item.case_id)
                pages = 0
                if case is not None and case.revision == item.revision and case.state in FINAL:
                    pages = tx.delete_blobs(item.case_id, PURGED_KINDS)
                    case.materials = {}
                    tx.write_case(case, "retention_purge")
                tx.audit("purge_packet", item.case_id, "packet={} pages={}".format(item.packet_id, pages))
            tx.purge_audit(audit_cutoff)
            return len(due)
        count = self.store.transaction(work)
        for path in files:  # after the commit: a crash in between leaves an orphan that sweep removes
            _unlink(path)
        return count


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass

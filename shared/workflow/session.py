"""One open case and the commands that move it (Qt-free; every front end and the CLI use it).

A :class:`CaseSession` owns one case. It hands out snapshots (deep copies), never its own
object, so no mutable case is shared between a screen and the database thread. Each command
is one store transaction (:meth:`shared.store.Store.update_case`): the stored case is read
inside it, changed, written and audited, or nothing happens. Slow work (face comparison, the
page pipeline, PDF rendering) runs before the transaction, on the caller's thread: front ends
call commands from a worker, never from the UI thread. After each command the session's
listeners get a :class:`~shared.workflow.events.CaseChanged` with the new snapshot and steps.

Like Electrum's wizard, the session knows the steps and the rules, not the screens: the
counter shows the steps as pages, the kiosk walks them one by one, tests drive them headless.
"""

from __future__ import annotations

import datetime as _dt
import logging
import threading
from typing import Any, Callable

from shared.capture.identity_evidence import face_meta, face_part, identity_slot
from shared.domain.bank_profile import locked_change
from shared.domain import identity as idm
from shared.domain import interview_progress as ip
from shared.domain import steps as st
from shared.domain.case import Case, Party, now_iso
from shared.domain.catalog import BusinessType, Catalog
from shared.domain.operators import REVEAL_REASONS, OperatorSession, Permission
from shared.domain.persons import same_person
from shared.domain.states import CaseState, can_edit
from shared.errors import ValidationError, YizhanError
from shared.i18n import Msg
from shared.store.policy import approval_policy
from shared.workflow.events import CaseChanged, Listener, Notice, Submitted

log = logging.getLogger("yizhan.workflow")


class WorkflowError(YizhanError):
    """A command the case's workflow does not allow now (the message says why)."""

    default_code = "workflow"


class CaseSession:
    """The one open case of a front end, with its commands.

    ``operator``: who acts: an :class:`~shared.domain.operators.OperatorSession` (or a callable
    returning the one logged in now); every command asks it for the command's permission and
    refuses, audited, when it lacks it. A plain string (tools, tests) acts only in a store where
    no operator is enrolled; once operators are, a command without a logged-in session is
    refused. ``comparer``: the face comparer (the server's once enrolled; None: the check is
    referred to a person at once). ``outbox``: a factory ``() -> Outbox`` for submit.
    ``approval``: the policy hook (``(case, biz) -> bool``) of the supervisor's approval.
    """

    def __init__(self, store, catalog: Catalog, case: Case, *, channel: str | None = None,
                 operator: OperatorSession | str | Callable[[], Any] | None = None, comparer=None,
                 outbox: Callable[[], Any] | None = None, approval: st.ApprovalPolicy | None = None,
                 place: str | Callable[[], str] | None = None) -> None:
        self.store, self.catalog = store, catalog
        self._case = Case.from_dict(case.to_dict())
        self.channel = channel or case.channel or "counter"
        self.rules = st.rules_for(self.channel)
        self._operator = operator
        self.comparer = comparer
        self._outbox = outbox
        self.approval = approval if approval is not None else approval_policy(store)  # never none
        self._place = place
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._cards: dict[str, Any] = {}  # party_id -> the card read this session (its photo)
        self._fresh_documents: set[str] = set()

    # -- opening ------------------------------------------------------------------------------
    @classmethod
    def new(cls, store, catalog: Catalog, business_code: str, *, channel: str = "counter", **kw: Any) -> "CaseSession":
        """A new case of ``business_code`` (stored with its first command); at a bank's desk
        with the bank filled in and locked (blocking: reads the master data)."""
        from shared.workflow.bank_desk import new_case
        if not st.channel_allowed(catalog.business(business_code), channel):
            raise WorkflowError(Msg("workflow.channel", "该业务不能在此办理（{channel}）", {"channel": channel}))
        session = cls(store, catalog, Case(business_code), channel=channel, **kw)
        actor = session.actor or session.operator
        session._case = new_case(store, catalog, business_code, actor, channel=channel)
        session._case.operator = session.operator
        return session

    @classmethod
    def open(cls, store, catalog: Catalog, case_id: str, **kw: Any) -> "CaseSession":
        """The stored case ``case_id`` (blocking: call it off the UI thread)."""
        return cls(store, catalog, store.get_case(case_id), **kw)

    # -- reading ------------------------------------------------------------------------------
    @property
    def actor(self) -> OperatorSession | None:
        """The logged-in operator acting now (None: nobody, or a plain name)."""
        op = self._operator() if callable(self._operator) else self._operator
        return op if isinstance(op, OperatorSession) else None

    @property
    def operator(self) -> str:
        """Who acts now, as records and the audit log name them (``name（staff id）``)."""
        op = self._operator() if callable(self._operator) else self._operator
        if isinstance(op, OperatorSession):
            return op.label
        return op or getattr(self.store, "operator", "") or "unknown"

    def require(self, permission: Permission, command: str, actor: OperatorSession | None = None) -> None:
        """Refuse (audited) unless the acting operator holds ``permission``. A store with no
        enrolled operator (a fresh installation, tools) lets a plain name act."""
        from shared.store.operators import require
        require(self.store, actor if actor is not None else (self.actor or self.operator), permission, command,
                self._case.id)

    def can(self, permission: Permission) -> bool:
        """Whether the acting operator may use ``permission`` (for screens: the core checks again)."""
        actor = self.actor
        return actor.can(permission) if actor is not None else not self.store.read(lambda tx: tx.operators.count())

    @property
    def case_id(self) -> str:
        return self._case.id

    @property
    def business(self) -> BusinessType:
        """The case's business type in the session's catalog."""
        return self.catalog.business(self._case.business_code)

    def snapshot(self) -> Case:
        """A copy of the case as last stored (or as made, before the first command)."""
        with self._lock:
            return Case.from_dict(self._case.to_dict())

    def steps(self, case: Case | None = None) -> list[st.Step]:
        """The case's steps for this session's channel."""
        case = case or self._case
        return st.steps_for(case, self.catalog.business(case.business_code), self.catalog, self.channel,
                            fresh_documents=self._fresh_documents, approval=self.approval)

    def blockers(self) -> dict[str, list[Msg]]:
        """What still stops submission, by step key (empty: it may be submitted)."""
        return {s.key: list(s.blockers) for s in st.blocking_steps(self.steps())}

    def step(self, key: str) -> st.Step | None:
        """One step by its key."""
        return next((s for s in self.steps() if s.key == key), None)

    # -- events -------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(event)`` after each command; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _emit(self, event: object) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken screen must not undo a stored command
                log.exception("workflow listener failed")

    def _notice(self, level: str, msg: Msg) -> None:
        self._emit(Notice(level, msg))

    # -- the one way to change the case -------------------------------------------------------
    def _command(self, name: str, change: Callable[[Case, Any], Any], *, editable: bool = True,
                 detail: dict[str, Any] | None = None, permission: Permission | None = Permission.EDIT_CASES,
                 operator: str | None = None) -> Any:
        """Run ``change(case, tx)`` as one store transaction on a fresh copy; emit CaseChanged.
        The acting operator must hold ``permission`` (refused and audited otherwise). A change
        to an approved case withdraws the approval (the supervisor approved what it was)."""
        if permission is not None:
            self.require(permission, name)
        operator = operator or self.operator
        with self._lock:
            def guarded(case: Case, tx) -> Any:
                if editable and not can_edit(case.state):
                    if case.state == CaseState.AWAITING_APPROVAL:
                        raise WorkflowError(Msg("workflow.awaiting_approval",
                                                "案件正在等待主管复核，不能修改；如需修改请主管退回"))
                    raise WorkflowError(Msg("workflow.not_editable", "案件已提交（状态：{state}），不能再修改",
                                            {"state": case.state.label}))
                before = st.approved(case)
                result = change(case, tx)
                locked = locked_change(case, case.parties)  # whatever the command: the bank's party stays
                if locked is not None:
                    raise WorkflowError(locked)
                if editable and before:
                    case.approvals.append({"decision": "withdrawn", "revision": case.revision, "at": now_iso(),
                                           "by": operator, "reason": name})
                    tx.audit("approval_withdrawn", "command={}".format(name), operator=operator)
                return result
            fresh = Case.from_dict(self._case.to_dict())
            case, result = self.store.update_case(self._case.id, guarded, name, create=fresh, operator=operator)
            self._case = case
            snapshot = Case.from_dict(case.to_dict())
        self._emit(CaseChanged(name, snapshot, tuple(self.steps(snapshot)), dict(detail or {})))
        return result

    # -- data ---------------------------------------------------------------------------------
    def edit(self, data: dict[str, Any] | None = None, parties: list[Party] | None = None) -> Case:
        """Replace the form data and/or the parties (the form page's save). A ready case that
        an edit makes incomplete goes back to draft."""
        form = _form_change(data, parties)

        def change(case: Case, tx) -> None:
            form(case)
            if case.state == CaseState.READY and not st.steps_for(case, self.business, self.catalog)[0].done:
                case.state = CaseState.DRAFT
        self._command("update", change)
        return self.snapshot()

    def mark_ready(self, data: dict[str, Any] | None = None, parties: list[Party] | None = None) -> Case:
        """The officer's "checked, ready to submit": refused while the form or the checklist
        is incomplete (naming what lacks); optionally saves the form first, in the same
        transaction."""
        from shared.domain.states import check_transition
        form = _form_change(data, parties)

        def change(case: Case, tx) -> None:
            form(case)
            lacking = [s for s in st.steps_for(case, self.business, self.catalog, self.channel)
                       if s.kind in ("data", "materials") and not s.done]
            if lacking:
                raise st.incomplete_error(lacking)
            check_transition(case.state, CaseState.READY)
            case.state = CaseState.READY
        self._command("mark_ready", change)
        return self.snapshot()

    def refresh_bank(self) -> Case:
        """Bring the referenced bank filings up to the master data in use now (a bank desk's
        case; stored only when they changed). Blocking."""
        from shared.masterdata import current_filings
        new = current_filings(self.store, self.snapshot()) if can_edit(self._case.state) else None
        if new is not None:
            def change(case: Case, tx) -> None:
                case.bank = {**case.bank, "filings": new}
            self._command("bank_filings", change)
        return self.snapshot()

    def apply_offer(self, key: str, value: str, current: str) -> Case:
        """Set a field to a value read from a barcode, as the officer saw it offered: refused
        when the field's validator refuses the value, or when the field no longer holds
        ``current`` (the value shown beside the offer: someone changed it since)."""
        from shared.capture.intake import value_problem
        fd = self.business.field(key)
        problem = value_problem(fd, value)
        if problem is not None:
            raise ValidationError(problem, {key: problem})

        def change(case: Case, tx) -> None:
            now = str(case.get(key, "") or "")
            if now != (current or ""):
                raise WorkflowError(Msg("workflow.offer_stale", "“{label}”已改为 {now}，条码中的值未填入，请重新核对",
                                        {"label": fd.label, "now": now or "（空）"}))
            case.set(key, value)
        self._command("update", change, detail={"key": key, "from": "barcode"})
        return self.snapshot()

    def set_value(self, key: str, value: Any) -> Case:
        """Set one form value (a barcode offer the officer confirmed, a kiosk choice)."""
        self._command("update", lambda case, tx: case.set(key, value), detail={"key": key})
        return self.snapshot()

    def set_authorization(self, matters: list[str], date: str, valid_until: str) -> Case:
        """Set the authorization letter's matters entrusted, date and time limit (signatures made
        over the letter before no longer bind to it: the owners sign again)."""
        from shared.domain.authorization import letter_problem

        def change(case: Case, tx) -> None:
            trial = Case.from_dict(case.to_dict())
            trial.set("authorization.matters", list(matters))
            trial.set("authorization.date", date)
            trial.set("authorization.valid_until", valid_until)
            problem = letter_problem(trial)
            if problem is not None:
                raise ValidationError(problem)
            case.data = trial.data
        self._command("set_authorization", change, detail={"matters": ",".join(matters)})
        return self.snapshot()

    def query_registry(self, client, kind: str, purpose: str, *, contract_number: str | None = None,
                       today: _dt.date | None = None):
        """Query the registry under the owner's authorization (refused outside it, audited with
        its purpose); the certificate is kept on the case. Returns the query's outcome."""
        from shared.workflow.registry_query import run_query
        outcome = run_query(self.store, client, self.catalog, self._case.id, kind, purpose,
                            actor=self.actor or self.operator, contract_number=contract_number, today=today)
        self.reload()
        return outcome

    # -- identity -----------------------------------------------------------------------------
    def _party(self, case: Case, party_id: str) -> Party:
        party = next((p for p in case.parties if p.party_id == party_id), None)
        if party is None:
            raise WorkflowError(Msg("workflow.no_party", "本案没有这位当事人（请先保存申请信息）"))
        return party

    def read_card(self, party_id: str, card, *, device: str = "", simulated: bool = False,
                  overwrite: bool = False, today: _dt.date | None = None) -> dict[str, Any]:
        """Record an ID card read for ``party_id``: an expired card, or one whose number differs
        from the one entered (unless ``overwrite``), is recorded failed and not applied;
        otherwise the card fills the party (and the same person's other roles). The card's raw
        photo is kept encrypted in the store. Returns the identity record."""
        today = today or _dt.date.today()
        operator = self.operator

        def change(case: Case, tx) -> dict[str, Any]:
            party = self._party(case, party_id)
            failure = None
            if card.is_expired(today):
                failure = "card_expired"
            elif idm.card_matches_party(card, party) is False and not overwrite:
                failure = "card_mismatch"
            part = idm.card_part(card, party, operator=operator, device=device, simulated=simulated, today=today)
            part["applied"] = failure is None
            if card.photo_wlt:
                meta = {"party_id": party_id, "check_no": 1, "format": "wlt",
                        "card_type": card.card_type.value, "decoded": card.photo_decoded}
                part["photo_blob"] = tx.add_blob("idphoto", bytes(card.photo_wlt), "application/octet-stream",
                                                 identity_slot(party_id, 1), meta).id
            if failure is None:
                for same in same_person(case.parties, party):
                    idm.apply_card_to_party(card, same)
                part["holder"] = idm.holder_binding(party)  # the person as the card made them
            return idm.attach_card(case, party_id, part, failure=failure, operator=operator)
        record = self._command("read_card", change, detail={"party_id": party_id})
        if record.get("failure"):
            self._notice("warning", Msg("workflow.card_failed", "{reason}", {"reason": idm.reason_text(record["failure"])}))
        else:
            self._cards[party_id] = card
        return record

    def record_face(self, party_id: str, evidence, *, check_no: int = 1, simulated: bool = False) -> dict[str, Any]:
        """Compare a live face capture (slow: before the transaction), then store the images
        and the record in one transaction. A check always ends: when nothing could compare
        (no reference photo, no server), it is referred to a person at once. Returns the record."""
        from shared.workflow.faces import compare_face
        operator = self.operator
        comparison = compare_face(self, party_id, evidence, check_no, operator)

        def change(case: Case, tx) -> dict[str, Any]:
            self._party(case, party_id)
            slot = identity_slot(party_id, check_no)
            frame = tx.add_blob("face", evidence.frame_jpeg, "image/jpeg", slot,
                                face_meta(evidence, party_id, check_no, "frame"))
            face = tx.add_blob("face", evidence.face_jpeg, "image/jpeg", slot,
                               face_meta(evidence, party_id, check_no, "face"))
            part = face_part(evidence, frame.id, face.id, operator=operator, simulated=simulated)
            return idm.attach_face(case, party_id, part, comparison, check_no=check_no, operator=operator)
        record = self._command("record_face", change, detail={"party_id": party_id, "check_no": check_no})
        decision = record["comparison"]["decision"]
        self._notice("info" if decision == "pass" else "warning",
                     Msg("workflow.face_result", "{reason}", {"reason": idm.reason_text(record["comparison"])}))
        return record

    def decide_face(self, party_id: str, passed: bool, reason: str, *, check_no: int = 1) -> dict[str, Any]:
        """The operator's decision on a check referred to a person, with the reason; recorded
        with who and when (the automatic result is kept). Not possible where no staff is."""
        reason = (reason or "").strip()
        if not self.rules.manual_face_decision:
            raise WorkflowError(Msg("workflow.no_manual_here", "自助终端不能人工核对身份，请联系工作人员"))
        if not reason:
            raise ValidationError(Msg("workflow.reason_needed", "人工核对须填写理由"))
        self.require(Permission.DECIDE_FACE, "decide_face")
        operator = self.operator

        def change(case: Case, tx) -> dict[str, Any]:
            record = idm.latest_check(case, party_id, check_no)
            if not idm.awaits_decision(record):
                raise WorkflowError(Msg("workflow.nothing_to_decide", "该当事人没有待人工核对的人脸比对"))
            tx.audit("face_manual_decision", "party={} check={} passed={}".format(party_id, check_no, passed),
                     operator=operator)
            return idm.decide_manually(record, passed, operator, reason)
        return self._command("decide_face", change, detail={"party_id": party_id, "check_no": check_no},
                             permission=Permission.DECIDE_FACE)

    # -- materials ----------------------------------------------------------------------------
    def add_pages(self, slot_code: str, images: list, source: str, *, replace: str | None = None):
        """Process captured images (slow: before the transaction) and file them as pages of
        the slot, in one transaction; ``replace``: the page id the first image takes the place
        of. Returns the :class:`~shared.capture.intake.IntakeResult` (pages, barcode values)."""
        from shared.capture import intake as cap
        slot = self.business.slot(slot_code)
        have = len(self._case.materials.get(slot_code, [])) - (1 if replace else 0)
        if replace is not None:
            images = images[:1]
        cap.check_limit(slot, have, len(images))
        result = cap.IntakeResult()
        processed = []
        for image in images:
            for item in cap.read_values(image):
                if item not in result.values:
                    result.values.append(item)
            processed.append(cap.process(image, source))

        def change(case: Case, tx) -> list:
            ids = case.materials.setdefault(slot_code, [])
            cap.check_limit(slot, len(ids) - (1 if replace in ids else 0), len(processed))
            infos = [tx.add_blob("page", data, mime, slot_code, meta) for data, mime, meta in processed]
            new = [i.id for i in infos]
            if replace is not None and replace in ids:
                ids[ids.index(replace)] = new[0]
                tx.delete_blob(replace)
            else:
                ids.extend(new)
            tx.reorder_blobs(slot_code, ids)
            return infos
        infos = self._command("add_pages", change, detail={"slot": slot_code})
        result.pages = [{"id": info.id, "data": data, "meta": meta}
                        for info, (data, _, meta) in zip(infos, processed)]
        return result

    def edit_pages(self, slot_code: str, order: list[str], replaced: dict[str, tuple[bytes, dict]] | None = None) -> Case:
        """The slot's pages after an edit: ``order`` the page ids kept, in order (a missing id
        is deleted), ``replaced`` new bytes and metadata of rotated / cropped pages."""
        replaced = dict(replaced or {})

        def change(case: Case, tx) -> None:
            current = list(case.materials.get(slot_code, []))
            unknown = [i for i in order if i not in current]
            if unknown:
                raise WorkflowError(Msg("workflow.unknown_page", "页面已不在该材料中，请刷新后重试"))
            for bid in current:
                if bid not in order:
                    tx.delete_blob(bid)
            for bid, (data, meta) in replaced.items():
                if bid in order:
                    tx.replace_blob(bid, data, meta)
            if order:
                case.materials[slot_code] = list(order)
                tx.reorder_blobs(slot_code, list(order))
            else:
                case.materials.pop(slot_code, None)
        self._command("edit_pages", change, detail={"slot": slot_code})
        return self.snapshot()

    def delete_page(self, slot_code: str, blob_id: str) -> Case:
        """Delete one page of a slot."""
        return self.edit_pages(slot_code, [i for i in self._case.materials.get(slot_code, []) if i != blob_id])

    # -- interview ----------------------------------------------------------------------------
    def interview(self, party_id: str):
        """The party's interview as an :class:`~shared.domain.interview.InterviewSession` on a
        snapshot, resumed from the answers stored so far (a copy: answer through
        :meth:`answer`)."""
        from shared.workflow.interviews import resume
        case = self.snapshot()
        return resume(self.business, case, self._party(case, party_id))

    def answer(self, party_id: str, value: Any) -> tuple[Msg | None, dict[str, Any]]:
        """Answer the party's current question; each answer is stored as it is given (one
        transaction). Returns (the problem with the answer or None, the record)."""
        from shared.workflow.interviews import answer
        return self._interview_move(party_id, lambda session: answer(session, value), "answer")

    def back(self, party_id: str) -> dict[str, Any]:
        """Go back one question in the party's interview (also out of a stop)."""
        return self._interview_move(party_id, lambda session: (session.back(), None)[1], "interview_back")[1]

    def confirm_interview(self, party_id: str) -> dict[str, Any]:
        """The party confirms the completed record is true and correct (before signing); the
        record names the operator who asked (询问人), so the party's signature covers it."""
        interviewer = self.operator

        def confirm(session) -> None:
            session.interviewer = interviewer
            session.confirm()
        return self._interview_move(party_id, confirm, "interview_confirm")[1]

    def restart_interview(self, party_id: str) -> dict[str, Any]:
        """Start the party's interview over (its record and signature are dropped)."""
        def change(case: Case, tx) -> dict[str, Any]:
            self._party(case, party_id)
            case.interview.pop(party_id, None)
            case.signatures.pop(party_id, None)
            return {}
        return self._command("interview_restart", change, detail={"party_id": party_id})

    def record_interview(self, party_id: str, record: dict[str, Any]) -> dict[str, Any]:
        """Keep a whole interview record answered on a screen (one transaction). It is checked
        by replaying its answers on the case as stored: a record whose answers the case does
        not accept, whose status the answers do not give, or that claims a confirmation before
        completion is refused. A signature no longer bound to the record is dropped."""
        from shared.workflow.interviews import resume
        record = dict(record)
        operator = self.operator

        def change(case: Case, tx) -> dict[str, Any]:
            party = self._party(case, party_id)
            trial = Case.from_dict(case.to_dict())
            trial.interview[party_id] = record
            replayed = resume(self.business, trial, party).record()
            if record.get("confirmed_at") and record.get("interviewer") != operator:
                raise WorkflowError(Msg("workflow.interviewer", "询问笔录所记询问人不是当前登录的操作员，请重新确认"))
            if not ip.confirmed_by(record, party):
                raise WorkflowError(Msg("workflow.interview_holder", "询问笔录确认后当事人信息已改动，请重新询问"))
            if (_answers(replayed) != _answers(record) or replayed["status"] != record.get("status")
                    or (record.get("confirmed_at") and replayed["status"] != "completed")
                    or record.get("party_id") != party_id):
                raise WorkflowError(Msg("workflow.interview_mismatch",
                                        "询问记录与本案不符（答案无效或案件已修改），请重新询问"))
            case.interview[party_id] = record
            if case.signatures.get(party_id) and not _bound(case.signatures[party_id], record):
                case.signatures.pop(party_id, None)
            return dict(record)
        return self._command("interview_record", change, detail={"party_id": party_id})

    def _interview_move(self, party_id: str, move, name: str):
        from shared.workflow.interviews import resume

        def change(case: Case, tx):
            session = resume(self.business, case, self._party(case, party_id))
            try:
                problem = move(session)
            except ValueError as exc:  # confirm before completion
                raise WorkflowError(Msg("workflow.interview_not_complete", "询问尚未答完，不能确认")) from exc
            if problem is None:
                record = session.record()
                case.interview[party_id] = record
                if case.signatures.get(party_id) and not _bound(case.signatures[party_id], record):
                    case.signatures.pop(party_id, None)  # the record changed: the signature no longer holds
            return problem, dict(case.interview.get(party_id) or {})
        return self._command(name, change, detail={"party_id": party_id})

    def sign(self, party_id: str, signature: dict[str, Any], *, purpose: str = "interview") -> dict[str, Any]:
        """Keep a signature: ``interview`` binds to the party's confirmed record as stored,
        ``authorization`` to the authorization letter's content. A signature over anything
        else (a record changed meanwhile) is refused."""
        from shared.domain.interview_progress import authorization_content
        from shared.domain.signature import ink_problem

        def change(case: Case, tx) -> dict[str, Any]:
            self._party(case, party_id)
            problem = ink_problem(signature.get("strokes") or [])
            if problem:
                raise ValidationError(problem)
            if purpose == "interview":
                record = case.interview.get(party_id)
                if not record or record.get("status") != "completed" or not record.get("confirmed_at"):
                    raise WorkflowError(Msg("workflow.sign_unconfirmed", "询问笔录尚未答完并确认，不能签名"))
                content, key = record, party_id
            else:
                content, key = authorization_content(case, party_id), "authorization:" + party_id
            if not _bound(signature, content):
                raise WorkflowError(Msg("workflow.sign_stale", "签名所对应的内容已变化，请重新签名"))
            case.signatures[key] = dict(signature)
            return dict(signature)
        return self._command("sign", change, detail={"party_id": party_id, "purpose": purpose})

    # -- documents, approval, submit ----------------------------------------------------------
    @property
    def place(self) -> str:
        """Where the interview takes place (the service point setting)."""
        return (self._place() if callable(self._place) else self._place) or ""

    def generate_documents(self, sealer=None, isolate: bool = False) -> list:
        """Render the case's generated documents and keep them (one transaction); slow.

        With ``sealer`` (a logged-in :class:`~shared.documents.seal.TokenSealer`) the bank's
        documents carry its electronic seal; a seal that fails stores nothing. ``isolate``
        renders in a short-lived child process (the counter: its memory leaves with it)."""
        from shared.documents import case_documents
        from shared.documents.case_documents import interview_place
        self.require(Permission.EDIT_CASES, "generate_documents")
        case = self.snapshot()
        biz = self.business
        with self._lock:
            docs = case_documents.generate(self.store, case, biz, interview_place(case, self.place), sealer,
                                          isolate)
            self._case = self.store.get_case(case.id)
            self._fresh_documents = {d.kind for d in docs}
            snapshot = Case.from_dict(self._case.to_dict())
        self._emit(CaseChanged("generate_documents", snapshot, tuple(self.steps(snapshot)), {}))
        return docs

    def refresh_documents(self) -> set[str]:
        """Which generated documents are stored and fresh (read from the store)."""
        from shared.documents.case_documents import stale_kinds, stored_documents
        case = self.snapshot()
        infos = stored_documents(self.store, case)
        stale = set(stale_kinds(infos, case))
        self._fresh_documents = {k for k in infos if k not in stale}
        return set(self._fresh_documents)

    def request_approval(self) -> Case:
        """Send a complete case to a supervisor (复核): it waits, unchangeable, in
        ``awaiting_approval`` until approved or returned. Refused while anything but the approval
        itself is missing, or when no approval is needed."""
        from shared.domain.states import check_transition
        self.require(Permission.SUBMIT, "request_approval")
        operator, actor = self.operator, self.actor

        def change(case: Case, tx) -> None:
            steps = st.steps_for(case, self.business, self.catalog, self.channel, fresh_documents=self._fresh_documents,
                                 approval=self.approval)
            if not any(s.kind == "approval" and s.required and not s.done for s in steps):
                raise WorkflowError(Msg("workflow.no_approval_needed", "本案无需主管复核，可直接提交"))
            lacking = [s for s in st.blocking_steps(steps) if s.kind != "approval"]
            if lacking:
                raise st.incomplete_error(lacking)
            if case.state == CaseState.DRAFT:
                case.state = CaseState.READY
            check_transition(case.state, CaseState.AWAITING_APPROVAL)
            case.state = CaseState.AWAITING_APPROVAL
            case.approvals.append({"decision": "requested", "revision": case.revision, "at": now_iso(),
                                   "by": actor.as_dict() if actor else {"name": operator}})
            tx.audit("approval_requested", "revision={}".format(case.revision), operator=operator)
        self._command("request_approval", change, editable=False, permission=None)
        return self.snapshot()

    def approve(self, decision: str, reason: str, *, approver: OperatorSession | str | None = None) -> dict[str, Any]:
        """A supervisor's decision on the case waiting for approval: ``approved`` (it becomes
        ready to submit) or ``returned`` (back to draft, ``reason`` as the remarks). The approver
        (a supervisor who logged in for this, or the acting operator) must hold the approval
        permission and must be neither the case's operator nor who asked for the approval."""
        approver = approver if approver is not None else (self.actor or self.operator)
        who = approver if isinstance(approver, OperatorSession) else None
        label = who.label if who else str(approver)
        if decision not in ("approved", "returned") or not (reason or "").strip():
            raise ValidationError(Msg("workflow.approval_reason", "复核须选择结论并填写理由"))
        self.require(Permission.APPROVE, "approve", actor=who)

        def change(case: Case, tx) -> dict[str, Any]:
            requested = st.approval_request(case) or {}
            asked_by = requested.get("by") or {}
            if st.approval_conflicts(case, who.as_dict() if who else label):
                raise _Refused(WorkflowError(Msg("workflow.self_approval",
                                                 "复核人不能是本案经办人、提请复核的人或人工核对身份的人")))
            if case.state != CaseState.AWAITING_APPROVAL:
                raise WorkflowError(Msg("workflow.not_awaiting", "案件未在等待复核（状态：{state}）",
                                        {"state": case.state.label}))
            item = {"decision": decision, "reason": reason.strip(), "approver": who.as_dict() if who else {"name": label},
                    "requested_by": asked_by, "revision": case.revision, "at": now_iso()}
            case.approvals.append(item)
            case.state = CaseState.READY if decision == "approved" else CaseState.DRAFT
            tx.audit("approval", "decision={} revision={}".format(decision, case.revision), operator=label)
            return item
        try:
            return self._command("approve", change, editable=False, permission=None, operator=label)
        except _Refused as refused:  # keep the audit row of the refusal: record it on its own
            self.store.transaction(lambda tx: tx.audit("approval_refused", self._case.id, "reason=self_approval",
                                                       operator=label))
            raise refused.error from None

    def reveal(self, party_id: str, reason: str) -> dict[str, str]:
        """A party's full name and ID number, for an operator with the reveal permission and a
        reason from :data:`~shared.domain.operators.REVEAL_REASONS`; audited with the reason."""
        if reason not in REVEAL_REASONS:
            raise ValidationError(Msg("workflow.reveal_reason", "查看完整信息须选择工作理由"))
        self.require(Permission.REVEAL, "reveal")
        party = self._party(self._case, party_id)
        operator = self.operator
        self.store.transaction(lambda tx: tx.audit("reveal", self._case.id, "party={} reason={}".format(
            party_id, reason), operator=operator))
        return {"name": party.name, "id_number": party.id_number}

    def submit(self):
        """Submit the case: generate stale documents, then freeze, encrypt, sign and enqueue
        it in one transaction (the outbox refuses an incomplete case, naming each step).
        Returns the outbox item."""
        self.require(Permission.SUBMIT, "submit")
        self.refresh_bank()  # a filing expired or renewed since the case was made
        blocking = st.blocking_steps(self.steps())
        if blocking:
            raise st.incomplete_error(blocking)
        if self._outbox is None:
            raise WorkflowError(Msg("workflow.no_outbox", "本机未配置上传队列，不能提交"))
        biz = self.business
        if st.generated_kinds(biz) and not set(st.generated_kinds(biz)) <= self.refresh_documents():
            self.generate_documents()
        with self._lock:
            item = self._outbox().submit(self._case.id, actor=self.actor or self.operator)
            self._case = self.store.get_case(self._case.id)
            snapshot = Case.from_dict(self._case.to_dict())
        self._emit(CaseChanged("submit", snapshot, tuple(self.steps(snapshot)), {"packet_id": item.packet_id}))
        self._emit(Submitted(snapshot.id, item.packet_id))
        return item

    def reload(self) -> Case:
        """Read the stored case again (after sync brought an answer)."""
        with self._lock:
            self._case = self.store.get_case(self._case.id)
            snapshot = Case.from_dict(self._case.to_dict())
        self._emit(CaseChanged("reload", snapshot, tuple(self.steps(snapshot)), {}))
        return snapshot

    def reopen(self) -> Case:
        """Reopen a case the registry asked to correct as its next revision, in draft."""
        def change(case: Case, tx) -> None:
            if case.state != CaseState.CORRECTION_REQUESTED:
                raise WorkflowError(Msg("workflow.not_correction", "只有需补正的案件可以重新打开"))
            case.revision += 1
            case.state = CaseState.DRAFT
        self._command("reopen_revision", change, editable=False)
        return self.snapshot()

    def delete_draft(self) -> None:
        """Delete the case if it was never submitted (audited)."""
        from shared.errors import StoreError
        self.require(Permission.DELETE_DRAFTS, "delete_draft")
        try:
            self.store.delete_draft(self._case.id)
        except StoreError as err:
            if err.code != "store.no_case":
                raise


class _Refused(Exception):
    """Carries a refusal out of a rolled-back command so its audit row can be written alone."""

    def __init__(self, error: YizhanError) -> None:
        super().__init__(str(error))
        self.error = error


def _bound(signature: dict[str, Any], content: Any) -> bool:
    from shared.domain.signature import verify_binding
    try:
        return verify_binding(signature, content)
    except (KeyError, TypeError, ValueError):
        return False


def _answers(record: dict[str, Any]) -> list[tuple[Any, Any]]:
    return [(a.get("id"), a.get("answer")) for a in record.get("answers") or []]


def _form_change(data: dict[str, Any] | None, parties: list | None) -> Callable[[Case], None]:
    """What a form save does to a case (copies taken now, applied inside the transaction)."""
    data = dict(data) if data is not None else None
    parties = [Party.from_dict(_party_dict(p)) for p in parties] if parties is not None else None

    def apply(case: Case) -> None:
        if parties is not None:
            from shared.domain.bank_profile import locked_change
            refused = locked_change(case, parties)
            if refused is not None:
                raise WorkflowError(refused)
        if data is not None:
            case.data = {k: v for k, v in data.items() if v not in (None, "")}
        if parties is not None:
            case.parties = parties
    return apply


def _party_dict(party: Party | dict) -> dict[str, Any]:
    from dataclasses import asdict
    return asdict(party) if isinstance(party, Party) else dict(party)

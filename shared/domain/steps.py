"""The steps of a case, per business and channel, with their status and blockers (Qt-free).

Every front end renders the same list (the counter as pages, the kiosk as a linear guided
flow), the CLI prints it, and :meth:`shared.sync.outbox.Outbox.submit` refuses a case whose
required steps are not all done. The list is computed from the case alone, so what a front end
shows and what submit enforces cannot disagree.

Steps, in order: ``data`` (form fields and parties), ``identity:<party>`` (card read, live face,
a comparison that passed or a manual decision with operator and reason; one per person),
``interview:<party>`` (answered, still matching the case, signed), ``materials`` (the
checklist's required pages), ``documents`` (the generated application, interview record and
authorization letter, fresh; generated again at submit when stale, so it never blocks),
``approval`` (a hook: required only where a policy asks for it), ``recheck:<party>`` (the second
face check right before submission, where the business asks for one), ``submit``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Iterable

from shared.domain import identity as idm
from shared.domain import interview_progress as ip
from shared.domain.case import Case, Party
from shared.domain.catalog import BusinessType, Catalog
from shared.domain.states import CaseState, can_edit
from shared.i18n import N_, Msg, punct, translate
from shared.security.masking import mask_name

CHANNELS = ("counter", "kiosk", "import")


class StepStatus(str, Enum):
    """Where a step stands."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"

    @property
    def label(self) -> str:
        """The status in words, in the current language."""
        return translate(STATUS_LABELS[self])


STATUS_LABELS = {StepStatus.NOT_STARTED: N_("未开始"), StepStatus.IN_PROGRESS: N_("进行中"),
                 StepStatus.DONE: N_("已完成"), StepStatus.BLOCKED: N_("受阻")}


@dataclass(frozen=True)
class Step:
    """One step of a case: ``key`` is unique in the list (``identity:<party_id>``)."""

    key: str
    kind: str  # data | identity | interview | materials | documents | approval | recheck | submit
    title: Msg
    status: StepStatus
    blockers: tuple[Msg, ...] = ()
    party_id: str | None = None
    required: bool = True  # a required step that is not done blocks submission
    paths: tuple[str, ...] = ()  # where each blocker points (a field, a party, a slot), "" if nowhere

    @property
    def done(self) -> bool:
        """Whether the step needs nothing more."""
        return self.status == StepStatus.DONE

    def describe(self) -> str:
        """``title: status`` and the first blocker, in the current language."""
        text = self.title.render() + punct("：") + self.status.label
        return text + (punct("（") + self.blockers[0].render() + punct("）") if self.blockers else "")

    def line(self) -> str:
        """``title: first blocker`` (the status when none), in the current language: one item
        of a "cannot submit yet" list."""
        problem = self.blockers[0].render() if self.blockers else self.status.label
        return self.title.render() + punct("：") + problem


@dataclass(frozen=True)
class ChannelRules:
    """What a channel asks of a case: which step kinds it has and who may decide a face."""

    kinds: tuple[str, ...]
    manual_face_decision: bool = True  # a member of staff is there to decide a referred check
    notes: dict[str, Any] = field(default_factory=dict)


_ALL = ("data", "identity", "interview", "materials", "documents", "approval", "recheck", "submit")
RULES: dict[str, ChannelRules] = {
    # The officer at the desk walks every step.
    "counter": ChannelRules(_ALL),
    # A case created by the bank's system is finished at the counter: the same steps, so an
    # import can never be submitted without identity, interview and signatures.
    "import": ChannelRules(_ALL),
    # Nobody but the applicant at a kiosk: a check referred to a person stops the case there, and
    # a case the approval policy names waits for a supervisor as anywhere else.
    "kiosk": ChannelRules(_ALL, manual_face_decision=False),
}

#: The approval hook (operators issue): ``policy(case, biz) -> bool`` says whether the case needs
#: a supervisor's approval before submission. None: no case needs one yet.
ApprovalPolicy = Callable[[Case, BusinessType], bool]


def rules_for(channel: str) -> ChannelRules:
    """The rules of ``channel`` (an unknown channel gets the counter's, the strictest)."""
    return RULES.get(channel, RULES["counter"])


def channel_allowed(biz: BusinessType, channel: str) -> bool:
    """Whether the catalog offers ``biz`` on ``channel`` (an import is finished at the counter)."""
    return channel in biz.channels or (channel == "import" and "counter" in biz.channels)


def effective_rules(biz: BusinessType, channel: str) -> ChannelRules:
    """The rules a case of ``biz`` is checked by on ``channel``: the channel's own where the
    catalog offers the business there, else the counter's (the strictest), whatever the case
    or a caller claims."""
    return rules_for(channel) if channel_allowed(biz, channel) else RULES["counter"]


def _party_name(party: Party) -> str:
    """A person's name masked; an organisation's (the bank) is no personal data and stays whole."""
    name = party.name if party.kind == "org" else mask_name(party.name)
    return name or translate(N_("（未填姓名）"))


# -- each kind ------------------------------------------------------------------------------
def data_step(case: Case, biz: BusinessType, catalog: Catalog) -> Step:
    """Form fields and parties: nothing invalid, nothing required missing."""
    from shared.domain.validation import field_errors, missing
    found = dict(field_errors(case, biz, catalog))
    for m in missing(case, biz, catalog):
        if m.kind != "material":
            found.setdefault(m.path, m.msg)
    touched = bool(case.data or any(p.name or p.id_number for p in case.parties))
    status = StepStatus.DONE if not found else (StepStatus.IN_PROGRESS if touched else StepStatus.NOT_STARTED)
    return Step("data", "data", Msg("step.data", "申请信息"), status, tuple(found.values()), paths=tuple(found))


def _identity_status(record: dict | None, biz: BusinessType, check_no: int,
                     manual_allowed: bool, party: Party | None = None) -> tuple[StepStatus, tuple[Msg, ...]]:
    if record is None:
        return StepStatus.NOT_STARTED, (Msg("step.identity.missing", "尚未读卡及采集人脸")
                                        if check_no == 1 else Msg("step.recheck.missing", "提交前需再次采集人脸"),)
    failure = record.get("failure")
    if failure:
        return StepStatus.BLOCKED, (Msg("step.identity.failure", "{reason}，请重新读卡",
                                        {"reason": idm.reason_text(failure)}),)
    if check_no == 1 and not record.get("card"):
        return StepStatus.IN_PROGRESS, (Msg("step.identity.no_card", "尚未读取身份证"),)
    if check_no == 1 and party is not None and not idm.card_holder_matches(record, party):
        return StepStatus.BLOCKED, (Msg("step.identity.other_person",
                                        "读卡后当事人姓名或证件号码已改动，与所读身份证不符，请重新读卡并核验"),)
    if biz.face_checks < 1 and check_no == 1:
        return StepStatus.DONE, ()
    if not record.get("face"):
        return StepStatus.IN_PROGRESS, (Msg("step.identity.no_face", "尚未采集人脸"),)
    comparison = record.get("comparison") or {}
    decision = comparison.get("decision", "pending")
    if decision == "pass":
        if comparison.get("method") == "manual" and not (comparison.get("operator") and comparison.get("reason")):
            return StepStatus.BLOCKED, (Msg("step.identity.manual_incomplete", "人工核对未记录经办人和理由"),)
        return StepStatus.DONE, ()
    if decision == "fail" or not idm.awaits_decision(record):  # (an unknown decision: capture again)
        return StepStatus.BLOCKED, (Msg("step.identity.failed", "人证比对不通过，请重新采集人脸"),)
    # manual_review, or pending (a record from before checks always ended): a person decides,
    # what :func:`shared.domain.identity.awaits_decision` says and CaseSession.decide_face takes
    if manual_allowed:
        return StepStatus.BLOCKED, (Msg("step.identity.decide", "需经办人人工核对并记录理由：{reason}",
                                        {"reason": idm.reason_text(comparison)}),)
    return StepStatus.BLOCKED, (Msg("step.identity.ask_staff", "无法自动核验身份，请联系工作人员"),)


def identity_steps(case: Case, biz: BusinessType, rules: ChannelRules, check_no: int = 1) -> list[Step]:
    """One step per person whose role asks for identity verification."""
    out = []
    kind = "identity" if check_no == 1 else "recheck"
    for party in idm.parties_needing_check(case, biz):
        record = idm.latest_check(case, party.party_id, check_no)
        status, blockers = _identity_status(record, biz, check_no, rules.manual_face_decision, party)
        title = (Msg("step.identity", "身份核验：{name}", {"name": _party_name(party)}) if check_no == 1 else
                 Msg("step.recheck", "提交前人脸核验：{name}", {"name": _party_name(party)}))
        out.append(Step("{}:{}".format(kind, party.party_id), kind, title, status, blockers, party.party_id))
    return out


_INTERVIEW_STATUS = {ip.PENDING: StepStatus.NOT_STARTED, ip.ANSWERING: StepStatus.IN_PROGRESS,
                     ip.UNSIGNED: StepStatus.IN_PROGRESS, ip.OUTDATED: StepStatus.BLOCKED,
                     ip.STOPPED: StepStatus.BLOCKED, ip.DONE: StepStatus.DONE}


def interview_steps(case: Case, biz: BusinessType, template=None) -> list[Step]:
    """One step per party the business's interview template asks questions of."""
    if not biz.interview:
        return []
    if template is None:
        from shared.domain.interview import template_for_business
        template = template_for_business(biz)
    out = []
    for item in ip.case_progress(template, case):
        blockers: tuple[Msg, ...] = ()
        if item.status == ip.STOPPED:
            blockers = (Msg("interview.case_stopped", "询问终止，本案不能继续办理：{reason}", {"reason": item.reason}),)
        elif item.status != ip.DONE:
            blockers = (Msg("interview.status." + item.status, ip.STATUS_TEXT[item.status]),)
        out.append(Step("interview:" + item.party.party_id, "interview",
                        Msg("step.interview", "询问笔录与签名：{name}", {"name": _party_name(item.party)}),
                        _INTERVIEW_STATUS[item.status], blockers, item.party.party_id))
    return out


def materials_step(case: Case, biz: BusinessType, catalog: Catalog, today=None) -> Step:
    """The checklist: every required slot has its pages, none has too many; a slot the bank's
    filings stand for has them referenced and in force (a case made at a bank's desk)."""
    from shared.domain.bank_profile import filing_blockers
    from shared.domain.validation import active_slots, missing
    lacking = [(m.msg, m.path) for m in missing(case, biz, catalog) if m.kind == "material"]
    slot = next((s for s in active_slots(case, biz) if "bank_profile" in s.sources), None)
    filed = [(msg, "materials." + slot.code) for msg in filing_blockers(case, today)] if slot else []
    has_pages = any(case.materials.get(s.code) for s in biz.materials)
    status = StepStatus.DONE if not lacking else (StepStatus.IN_PROGRESS if has_pages else StepStatus.NOT_STARTED)
    if filed:  # nothing the officer can capture: the administrator renews the filing
        status, lacking = StepStatus.BLOCKED, filed + lacking
    return Step("materials", "materials", Msg("step.materials", "收件材料"), status,
                tuple(msg for msg, _ in lacking), paths=tuple(path for _, path in lacking))


GENERATED_KINDS = ("application", "interview", "authorization")


def generated_kinds(biz: BusinessType) -> list[str]:
    """The documents the case generates for its checklist (those the business prints)."""
    return [k for k in GENERATED_KINDS if k in biz.documents]


def documents_step(case: Case, biz: BusinessType, fresh_documents: Iterable[str] | None = None) -> Step:
    """The generated documents; never blocking (submit generates what is missing or stale).

    ``fresh_documents``: the generated kinds stored and made from the case as it is now (a front
    end that knows them passes them; None: unknown, shown as not started).
    """
    kinds = generated_kinds(biz)
    fresh = set(fresh_documents or ())
    if not kinds or set(kinds) <= fresh:
        status, blockers = StepStatus.DONE, ()
    else:
        status = StepStatus.IN_PROGRESS if fresh else StepStatus.NOT_STARTED
        blockers = (Msg("step.documents.pending", "申请书、询问笔录等文书将在提交时按最新信息生成"),)
    return Step("documents", "documents", Msg("step.documents", "生成文书"), status, blockers, required=False)


def _manual_passes(case: Case) -> list[dict]:
    """The comparisons a person passed by hand, of the newest record of each party and check."""
    latest: dict[tuple, dict] = {}
    for record in case.identity_checks:  # the newest record of each party and check counts
        if isinstance(record, dict):
            latest[(record.get("party_id"), int(record.get("check_no", 1)))] = record
    out = []
    for r in latest.values():
        comparison = r.get("comparison") or {}
        if comparison.get("method") == "manual" and comparison.get("decision") == "pass":
            out.append(comparison)
    return out


def has_manual_decision(case: Case) -> bool:
    """Whether a person passed a face check of this case by hand (such a case always needs approval)."""
    return bool(_manual_passes(case))


def manual_deciders(case: Case) -> set[str]:
    """Who passed a face check of ``case`` by hand (:func:`person_key` of each)."""
    return {person_key(c.get("operator")) for c in _manual_passes(case)} - {""}


def person_key(who: Any) -> str:
    """Who acted, as one comparable key: the staff id where there is one (a record's
    ``{"name", "staff_id"}``, or a label ``name（staff id）``), else the name as written."""
    if isinstance(who, dict):
        return str(who.get("staff_id") or who.get("name") or "").strip()
    text = str(who or "").strip()
    if text.endswith("）") and "（" in text:
        return text[text.rindex("（") + 1:-1].strip() or text
    return text


def approval_conflicts(case: Case, approver: Any) -> bool:
    """Whether ``approver`` acted on what they would approve: made the case, asked for the
    approval, or passed one of its face checks by hand. Four eyes: someone else approves."""
    key = person_key(approver)
    if not key:
        return True
    requested = approval_request(case) or {}
    involved = {person_key(case.operator), person_key(requested.get("by"))}
    involved |= manual_deciders(case)
    return key in involved - {""}


def needs_approval(case: Case, biz: BusinessType, policy: ApprovalPolicy | None) -> bool:
    """A manual face decision always needs a supervisor's approval; a policy (the business's
    or the bank's, from master data) may ask for it too."""
    return has_manual_decision(case) or bool(policy is not None and policy(case, biz))


def _this_revision(case: Case) -> list[dict]:
    return [a for a in case.approvals if isinstance(a, dict) and a.get("revision") == case.revision]


def approved(case: Case) -> dict | None:
    """The approval in force for this revision (the latest decision is "approved", by someone
    who did not act on what they approved: :func:`approval_conflicts`), or None."""
    decisions = [a for a in _this_revision(case) if a.get("decision") in ("approved", "returned", "withdrawn")]
    if not decisions or decisions[-1].get("decision") != "approved":
        return None
    return None if approval_conflicts(case, decisions[-1].get("approver")) else decisions[-1]


def approval_request(case: Case) -> dict | None:
    """The latest request for approval of this revision, or None."""
    asked = [a for a in _this_revision(case) if a.get("decision") == "requested"]
    return asked[-1] if asked else None


def approval_step(case: Case, biz: BusinessType, policy: ApprovalPolicy | None) -> Step:
    """The supervisor's approval (复核) where a manual decision or a policy asks for one."""
    title = Msg("step.approval", "主管复核")
    if not needs_approval(case, biz, policy):
        return Step("approval", "approval", title, StepStatus.DONE, (), required=False)
    if approved(case):
        return Step("approval", "approval", title, StepStatus.DONE)
    if case.state == CaseState.AWAITING_APPROVAL:
        return Step("approval", "approval", title, StepStatus.IN_PROGRESS,
                    (Msg("step.approval.waiting", "已提请复核，等待主管审核"),))
    return Step("approval", "approval", title, StepStatus.BLOCKED, (Msg("step.approval.needed", "需主管复核后才能提交"),))


# -- the list -------------------------------------------------------------------------------
def steps_for(case: Case, biz: BusinessType, catalog: Catalog, channel: str = "counter", *,
              fresh_documents: Iterable[str] | None = None, approval: ApprovalPolicy | None = None,
              template=None) -> list[Step]:
    """Every step of ``case`` for ``channel``, in the order a person walks them."""
    rules = effective_rules(biz, channel)
    out: list[Step] = []
    for kind in rules.kinds:
        if kind == "data":
            out.append(data_step(case, biz, catalog))
        elif kind == "identity":
            out += identity_steps(case, biz, rules)
        elif kind == "interview":
            out += interview_steps(case, biz, template)
        elif kind == "materials" and biz.materials:
            out.append(materials_step(case, biz, catalog))
        elif kind == "documents":
            out.append(documents_step(case, biz, fresh_documents))
        elif kind == "approval":
            out.append(approval_step(case, biz, approval))
        elif kind == "recheck" and biz.face_checks >= 2:
            out += identity_steps(case, biz, rules, check_no=2)
        elif kind == "submit":
            out.append(submit_step(case, out))
    return out


def submit_step(case: Case, before: list[Step]) -> Step:
    """Done once submitted; blocked while a required step before it is not done."""
    title = Msg("step.submit", "提交登记")
    if not can_edit(case.state):
        return Step("submit", "submit", title, StepStatus.DONE)
    waiting = [s for s in before if s.required and not s.done and s.kind != "recheck"]
    if waiting:
        return Step("submit", "submit", title, StepStatus.BLOCKED,
                    (Msg("step.submit.waiting", "还有 {n} 个步骤未完成", {"n": len(waiting)}),))
    return Step("submit", "submit", title, StepStatus.NOT_STARTED)


def blocking_steps(steps: list[Step], *, include_recheck: bool = True) -> list[Step]:
    """The required steps (before submit) that are not done: what stops submission."""
    return [s for s in steps if s.required and not s.done and s.kind != "submit"
            and (include_recheck or s.kind != "recheck")]


def submit_blockers(case: Case, biz: BusinessType, catalog: Catalog, channel: str = "counter",
                    **kw: Any) -> dict[str, list[Msg]]:
    """What stops ``case`` from being submitted on ``channel``: step key -> its blockers
    (empty: it may be submitted). Submitted cases are refused by their state elsewhere."""
    return {s.key: list(s.blockers) or [Msg("step.not_done", "未完成")]
            for s in blocking_steps(steps_for(case, biz, catalog, channel, **kw))}


def is_submittable(case: Case, biz: BusinessType, catalog: Catalog, channel: str = "counter", **kw: Any) -> bool:
    """Whether every required step is done and the case is still editable."""
    return case.state in (CaseState.DRAFT, CaseState.READY) and not submit_blockers(case, biz, catalog, channel, **kw)


def incomplete_error(blocking: list[Step]):
    """The error naming each step that stops submission (``errors``: step key -> what is
    missing, the step's title first; the CLI prints one line each)."""
    from shared.errors import ValidationError
    errors: dict[str, Msg] = {}
    for step in blocking:
        for i, blocker in enumerate(step.blockers or (Msg("step.not_done", "未完成"),)):
            path = step.paths[i] if i < len(step.paths) else ""
            key = path or (step.key if i == 0 else "{}#{}".format(step.key, i + 1))
            errors[key] = Msg("step.blocker", "{step}：{blocker}", {"step": step.title, "blocker": blocker})
    return ValidationError(Msg("workflow.incomplete", "案件尚不能提交，还有 {n} 个步骤未完成，首先是“{step}”",
                               {"n": len(blocking), "step": blocking[0].title}), errors)

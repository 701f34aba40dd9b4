"""The workflow minimum the registry checks on every delivered packet, whatever front end made it.

A case is not accepted (不予受理) unless the packet itself proves:

* identity: every person whose role asks for an identity check (and whose role condition
  holds) has a first check whose comparison decided ``pass`` — automatically, or by hand
  (method ``manual``) with the officer and the reason recorded — with the face images it
  names inside the packet; where the business has two face checks, a passing second one too;
  and no check is left ``pending`` (the newest record of every party and check number);
* interview: every party the business's interview template questions has a record that
  replays against the case as delivered, and a handwritten signature of that party bound to
  exactly that record;
* approval: a face check decided by hand comes with a supervisor's approval of this revision in
  the signed manifest, by someone other than the submitting operator and whoever asked for it.

The rules are the domain's (:mod:`shared.domain.identity`, :mod:`shared.domain.interview_progress`);
the reasons name what is missing, per party, with the name masked.
"""

from __future__ import annotations

from typing import Any

from shared.domain import identity as idm
from shared.domain import interview_progress as ip
from shared.domain.case import Case, Party
from shared.domain.catalog import BusinessType
from shared.i18n import Msg
from shared.security.masking import mask_name


def _reason(code: str, party: Party | None, text: str, **params: Any) -> dict[str, Any]:
    who = mask_name(party.name) if party is not None else ""
    msg = Msg("registry." + code, text, {"name": who, **params})
    out = {"code": code, "text": msg.render("zh")}
    if party is not None:
        out.update({"party_id": party.party_id, "party": who})
    return out


def packet_blob_ids(manifest: dict[str, Any]) -> set[str]:
    """The ids of the blobs that travelled in the packet (verified against the manifest)."""
    return {str(f.get("blob_id")) for f in manifest.get("files", []) if f.get("blob_id")}


def _check_problem(record: dict[str, Any] | None, party: Party, check_no: int, need_card: bool, need_face: bool,
                   blobs: set[str]) -> dict[str, Any] | None:
    """Why one identity record does not prove the party's identity (None: it does)."""
    if record is None:
        return _reason("identity_missing", party, "当事人 {name} 没有第{no}次身份核验记录", no=check_no)
    if record.get("failure"):
        return _reason("identity_failed", party, "当事人 {name} 第{no}次身份核验未通过", no=check_no)
    if need_card and not record.get("card"):
        return _reason("identity_no_card", party, "当事人 {name} 第{no}次身份核验没有读取身份证件", no=check_no)
    if need_card and not idm.card_holder_matches(record, party):
        return _reason("identity_other_person", party, "当事人 {name} 的姓名或证件号码与所读身份证不符", no=check_no)
    if not need_face:
        return None
    face = record.get("face") or {}
    if not face.get("face_blob"):
        return _reason("identity_no_face", party, "当事人 {name} 第{no}次身份核验没有采集人脸", no=check_no)
    comparison = record.get("comparison") or {}
    decision = comparison.get("decision") or "pending"
    if decision == "fail":
        return _reason("identity_failed", party, "当事人 {name} 第{no}次人证比对不通过", no=check_no)
    if decision != "pass":
        return _reason("identity_pending", party, "当事人 {name} 第{no}次人证比对尚无结论（待比对或待人工复核）",
                       no=check_no)
    if comparison.get("method") == "manual" and not (str(comparison.get("operator") or "").strip()
                                                     and str(comparison.get("reason") or "").strip()):
        return _reason("identity_manual_unrecorded", party,
                       "当事人 {name} 第{no}次人工核对未记录经办人或核对理由", no=check_no)
    absent = [face.get(k) for k in ("face_blob", "frame_blob") if face.get(k) and face.get(k) not in blobs]
    if absent:
        return _reason("identity_face_absent", party, "当事人 {name} 第{no}次身份核验的人脸照片不在数据包中",
                       no=check_no)
    return None


def identity_gaps(case: Case, biz: BusinessType, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """What the identity evidence of the packet lacks, per party."""
    blobs = packet_blob_ids(manifest)
    out: list[dict[str, Any]] = []
    needed = idm.parties_needing_check(case, biz)
    for party in needed:
        problem = _check_problem(idm.latest_check(case, party.party_id, 1), party, 1, True, biz.face_checks >= 1, blobs)
        if problem is None and biz.face_checks >= 2:
            problem = _check_problem(idm.latest_check(case, party.party_id, 2), party, 2, False, True, blobs)
        if problem is not None:
            out.append(problem)
    # any other check still waiting for a decision (e.g. a second check the business does not ask for)
    reported = {r.get("party_id") for r in out}
    by_id = {p.party_id: p for p in case.parties}
    latest: dict[tuple[str, int], dict[str, Any]] = {}
    for record in case.identity_checks:
        latest[(str(record.get("party_id")), int(record.get("check_no", 1)))] = record
    for (party_id, check_no), record in sorted(latest.items()):
        decision = (record.get("comparison") or {}).get("decision")
        if record.get("face") and decision in (None, "pending", "manual_review") and party_id not in reported:
            out.append(_reason("identity_pending", by_id.get(party_id), "当事人 {name} 第{no}次人证比对尚无结论（待比对或待人工复核）",
                               no=check_no))
            reported.add(party_id)
    return out


def interview_gaps(case: Case, biz: BusinessType) -> list[dict[str, Any]]:
    """What the interview evidence of the packet lacks, per party the template questions."""
    from shared.domain.interview import template_for_business
    from shared.domain.signature import Signature, ink_problem
    if not biz.interview:
        return []
    template = template_for_business(biz)
    texts = {ip.PENDING: ("interview_missing", "当事人 {name} 没有询问笔录"),
             ip.OUTDATED: ("interview_outdated", "当事人 {name} 的询问笔录与申请内容不符（需按当前申请重新询问）"),
             ip.STOPPED: ("interview_stopped", "当事人 {name} 的询问已终止：{reason}"),
             ip.UNSIGNED: ("interview_unsigned", "当事人 {name} 的询问笔录未签名，或签名与笔录内容不符")}
    out = []
    for item in ip.case_progress(template, case):
        status = item.status
        if status == ip.DONE:
            sig = Signature.from_dict(case.signatures[item.party.party_id])
            if sig.signer != item.party.party_id or ink_problem(sig.strokes) is not None:
                status = ip.UNSIGNED  # bound to the record, but not this party's handwriting
        if status != ip.DONE:
            code, text = texts[status]
            out.append(_reason(code, item.party, text, reason=item.reason))
    return out


def approval_gaps(case: Case, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """A manual face decision needs a different person's approval of this revision: not the
    submitter's, nor of who asked for it or passed a face check by hand."""
    from shared.domain.steps import has_manual_decision, manual_deciders
    if not has_manual_decision(case):
        return []
    submitter = str((manifest.get("submitted_by") or {}).get("staff_id") or "")
    deciders = manual_deciders(case)
    for item in manifest.get("approvals") or []:
        approver = str((item.get("approver") or {}).get("staff_id") or "")
        asked = str((item.get("requested_by") or {}).get("staff_id") or "")
        if (item.get("decision") == "approved" and item.get("revision") == case.revision and approver
                and approver not in (submitter, asked) and approver not in deciders
                and str(item.get("reason") or "").strip()):
            return []
    return [_reason("approval_missing", None, "人工核对的身份核验未经他人（主管）复核")]


def workflow_gaps(case: Case, biz: BusinessType, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """Every reason the packet falls short of the workflow minimum (empty: it meets it)."""
    return identity_gaps(case, biz, manifest) + interview_gaps(case, biz) + approval_gaps(case, manifest)

"""Identity checks of a case: ID card read, live face, comparison (Qt-free).

A check is one attempt for one party at one moment (``check_no`` 1 when the case is created,
2 right before submission where the business asks for a second face check). It is a plain dict
in ``case.identity_checks``::

    {"id", "party_id", "check_no", "status", "created_at", "updated_at", "operator",
     "card":       {card_type, card_label, id_masked, valid_from, valid_to, expired,
                    matches_party (True / False / None: nothing entered), applied, read_at,
                    operator, device, simulated, photo_blob, photo_decoded} or None,
     "face":       {frame_blob, face_blob, sharpness, quality, liveness, device, simulated,
                    captured_at, operator} or None,
     "comparison": {decision (pass | fail | manual_review | pending), score, threshold, method,
                    reason, reason_code, reason_msg, reference, operator, at} or None,
     "failure":    {code, reason, reason_code, reason_msg} or None}

``reason`` is the Chinese text (what older records hold); ``reason_msg`` keeps the message's
code, template and parameters so :func:`reason_text` shows it in the reader's language.

Only the masked ID number is kept here; the images live encrypted in the store's blobs
(kinds ``face`` and ``idphoto``), referenced by id. The authoritative comparison is the
server's: :class:`PendingComparer` (the default when no local comparer is installed) records
``pending``; a front end hands its comparer to each case session (no global hook).
"""

from __future__ import annotations

import datetime as _dt
import secrets
from typing import Any, Protocol

from shared.domain.case import Case, Party, now_iso
from shared.domain.catalog import BusinessType
from shared.domain.identifiers import normalize
from shared.domain.persons import first_of_each
from shared.domain.validation import evaluate
from shared.i18n import N_, Msg, render_record, translate
from shared.security.masking import mask_id

STATUSES = ("done", "missing", "failed", "pending")
ID_KIND_RESIDENT = "1"
ID_KIND_OTHER = "99"
CARD_RESIDENT = "resident"  # the card type code of a resident ID card (居民身份证)


class CardKind(Protocol):
    """A card type as the domain sees it: a stable code and a display label."""

    @property
    def value(self) -> str:
        """The stable code (``resident``, ``hmt_permit``, ...)."""

    @property
    def label(self) -> str:
        """The card type's name for people."""


class CardRead(Protocol):
    """What the domain needs of one card read; the ID reader's ``IdCardData`` has this shape.

    The domain does not import the device layer: any object with these attributes will do.
    """

    card_type: CardKind
    name: str
    id_number: str
    address: str
    extra: dict
    valid_from: _dt.date | None
    valid_to: _dt.date | None

    @property
    def photo_decoded(self) -> bool:
        """True when the card photo was decoded to a bitmap."""

    def is_expired(self, today: _dt.date | None = None) -> bool:
        """True when the card's validity ended before ``today`` (today when None)."""


class FaceComparer(Protocol):
    """A face comparer as the domain calls it (``shared.capture.comparer`` implements it)."""

    def available(self) -> bool:
        """Whether the comparer can work now (model present, server enrolled)."""

    def compare(self, probe_jpeg: bytes, reference: Any) -> Any:
        """Compare a live face with the card photo: the comparer's result."""

REASONS = {
    "card_expired": N_("证件已过期"),
    "card_mismatch": N_("证件号码与已录入的当事人不一致，未采用"),
    "pass": N_("人证比对通过"),
    "fail": N_("人证比对不通过"),
    "manual_review": N_("比对结果不确定，需人工复核"),
    "pending": N_("等待服务端人证比对"),
    "no_reference": N_("无可用的证件照（需读卡器厂商解码库），等待服务端人证比对"),
    "manual_pass": N_("经办人人工核对一致"),
    "manual_fail": N_("经办人人工核对不一致"),
}


# -- who needs a check --------------------------------------------------------------------
def parties_needing_check(case: Case, biz: BusinessType) -> list[Party]:
    """The persons of the case whose role asks for identity verification (and is active).

    Organisations are represented by the bank's centrally checked officers; their agents'
    checks are not modelled yet. A person in two roles (mortgagor and debtor) is listed once,
    under the first of them.
    """
    out = []
    for party in case.parties:
        try:
            role = biz.role(party.role)
        except KeyError:
            continue
        if role.identity_check and party.kind == "person" and evaluate(role.when, case):
            out.append(party)
    return first_of_each(out)  # a person in two roles is checked once


def checks_of(case: Case, party_id: str, check_no: int = 1) -> list[dict[str, Any]]:
    """The records of one party and check number, oldest first."""
    return [r for r in case.identity_checks
            if r.get("party_id") == party_id and int(r.get("check_no", 1)) == check_no]


def latest_check(case: Case, party_id: str, check_no: int = 1) -> dict[str, Any] | None:
    """The newest record of a party and check number, or None."""
    records = checks_of(case, party_id, check_no)
    return records[-1] if records else None


# -- status -------------------------------------------------------------------------------
def record_status(record: dict[str, Any] | None, need_card: bool = True,
                  need_face: bool = True) -> str:
    """``done``, ``missing``, ``failed`` or ``pending`` for one record."""
    if record is None:
        return "missing"
    if record.get("failure"):
        return "failed"
    if need_card and not record.get("card"):
        return "missing"
    if not need_face:
        return "done"
    if not record.get("face"):
        return "missing"
    decision = (record.get("comparison") or {}).get("decision", "pending")
    return {"pass": "done", "fail": "failed"}.get(decision, "pending")


def identity_status(case: Case, biz: BusinessType, check_no: int = 1) -> dict[str, str]:
    """Per party_id of :func:`parties_needing_check`: done | missing | failed | pending.

    Check 1 needs a card read, and a face when the business has face checks (``face_checks``
    >= 1). Check 2 (``face_checks`` == 2) is a face only. A business without a second check
    reports every party ``done`` for ``check_no`` 2.
    """
    out: dict[str, str] = {}
    for party in parties_needing_check(case, biz):
        if check_no >= 2 and biz.face_checks < 2:
            out[party.party_id] = "done"
            continue
        record = latest_check(case, party.party_id, check_no)
        out[party.party_id] = record_status(record, need_card=check_no == 1,
                                            need_face=biz.face_checks >= 1)
    return out


def submission_blockers(case: Case, biz: BusinessType, catalog) -> list[Msg]:
    """What stops submission, as the workflow's steps say it (one rule for every front end:
    :mod:`shared.domain.steps`), each blocker prefixed by its step; the second face check is
    left out: the submit step takes it itself."""
    from shared.domain.steps import blocking_steps, steps_for
    steps = blocking_steps(steps_for(case, biz, catalog, case.channel), include_recheck=False)
    return [Msg("step.blocker", "{step}：{blocker}", {"step": s.title, "blocker": b})
            for s in steps for b in (s.blockers or (Msg("step.not_done", "未完成"),))]


def needs_second_check(case: Case, biz: BusinessType) -> bool:
    """True when the business asks for a face check right before submission and the workflow's
    ``recheck`` step of some party is not done (see :func:`parties_for_second_check`)."""
    return bool(parties_for_second_check(case, biz))


def parties_for_second_check(case: Case, biz: BusinessType) -> list[Party]:
    """The parties the submit step must still take through the second face check: a capture
    (none yet, or the last one failed) or, for a check referred to a person (``manual_review``,
    or ``pending`` from before checks always ended), the officer's decision
    (:func:`awaits_decision`). The workflow's ``recheck`` steps say which: one rule
    (:mod:`shared.domain.steps`)."""
    if biz.face_checks < 2:
        return []
    from shared.domain.steps import identity_steps, rules_for
    waiting = {s.party_id for s in identity_steps(case, biz, rules_for(case.channel), check_no=2) if not s.done}
    return [p for p in parties_needing_check(case, biz) if p.party_id in waiting]


#: The comparison decisions a person must settle: referred, or never ended (older records).
AWAITING_DECISION = ("manual_review", "pending")


def awaits_decision(record: dict[str, Any] | None) -> bool:
    """Whether a person must decide ``record``'s comparison (:func:`decide_manually`): it has a
    face, has not failed, and the comparison was referred or never ended."""
    if not record or not record.get("face") or record.get("failure"):
        return False
    return (record.get("comparison") or {}).get("decision", "pending") in AWAITING_DECISION


# -- card ---------------------------------------------------------------------------------
def card_matches_party(card: CardRead, party: Party) -> bool | None:
    """True/False when the party already has an ID number; None when nothing was entered."""
    if not (party.id_number or "").strip():
        return None
    return normalize(card.id_number) == normalize(party.id_number)


def id_kind_for(card: CardRead) -> str:
    """Resident cards are id kind 1; permits and foreigner cards are 99 (其他)."""
    return ID_KIND_RESIDENT if card.card_type.value == CARD_RESIDENT else ID_KIND_OTHER


def apply_card_to_party(card: CardRead, party: Party) -> Party:
    """Fill the party from the card (in place, and returned): a person, name, id kind and
    number, address (kept when the card has none, e.g. foreigner cards). The card type itself
    is kept in the identity record (``card.card_type``)."""
    party.kind = "person"
    party.name = card.name or card.extra.get("english_name", "") or party.name
    party.id_kind = id_kind_for(card)
    party.id_number = normalize(card.id_number)
    if card.address:
        party.address = card.address
    return party


def holder_binding(party: Party, salt: str | None = None) -> dict[str, str]:
    """Who a card read or a confirmed interview record is about: a salted SHA-256 of the
    party's ID number (normalised) and name as they stand now. Kept in the record, so a record
    made for one person never counts for another put in the case afterwards (no name or number
    in it: both stay in the encrypted case alone)."""
    import hashlib
    salt = salt or secrets.token_hex(8)
    blob = "\x1f".join((salt, normalize(party.id_number or ""), (party.name or "").strip()))
    return {"salt": salt, "digest": hashlib.sha256(blob.encode("utf-8")).hexdigest()}


def holder_matches(binding: Any, party: Party) -> bool:
    """Whether ``binding`` (:func:`holder_binding`) names ``party`` as the case has it now."""
    if not isinstance(binding, dict) or not isinstance(binding.get("salt"), str) or not binding["salt"]:
        return False
    return secrets.compare_digest(holder_binding(party, binding["salt"])["digest"], str(binding.get("digest", "")))


def card_holder_matches(record: dict[str, Any] | None, party: Party) -> bool:
    """Whether the card read of ``record`` is of ``party`` as the case has it now: the holder
    bound at the read (the party's name or ID number changed since: no longer). A read recorded
    before the binding existed is compared by its masked number."""
    card = (record or {}).get("card") or {}
    if "holder" in card:
        return holder_matches(card["holder"], party)
    return bool(card.get("id_masked")) and card.get("id_masked") == mask_id(normalize(party.id_number or ""))


def card_part(card: CardRead, party: Party, *, operator: str, device: str, simulated: bool,
              photo_blob: str | None = None, today=None) -> dict[str, Any]:
    """The ``card`` part of a record (computed before the card is applied to the party)."""
    return {"card_type": card.card_type.value, "card_label": card.card_type.label,
            "id_masked": mask_id(card.id_number),
            "valid_from": card.valid_from.isoformat() if card.valid_from else None,
            "valid_to": card.valid_to.isoformat() if card.valid_to else None,
            "expired": card.is_expired(today), "matches_party": card_matches_party(card, party),
            "applied": False, "read_at": now_iso(), "operator": operator, "device": device,
            "simulated": bool(simulated), "photo_blob": photo_blob,
            "photo_decoded": card.photo_decoded}


# -- records ------------------------------------------------------------------------------
def new_record(party_id: str, check_no: int, operator: str) -> dict[str, Any]:
    """An empty record (no card, no face yet)."""
    at = now_iso()
    return {"id": secrets.token_hex(6), "party_id": party_id, "check_no": check_no,
            "status": "missing", "created_at": at, "updated_at": at, "operator": operator,
            "card": None, "face": None, "comparison": None, "failure": None}


def _touch(record: dict[str, Any], need_card: bool) -> dict[str, Any]:
    record["updated_at"] = now_iso()
    record["status"] = record_status(record, need_card=need_card)
    return record


def attach_card(case: Case, party_id: str, card: dict[str, Any], *, check_no: int = 1,
                operator: str = "", failure: str | None = None) -> dict[str, Any]:
    """Put a card read into the open record of the party (one without a card), or a new one.

    ``failure``: a :data:`REASONS` code (``card_expired``, ``card_mismatch``) that fails it.
    """
    record = latest_check(case, party_id, check_no)
    if record is None or record.get("card") or record.get("failure"):
        record = new_record(party_id, check_no, operator)
        case.identity_checks.append(record)
    record["card"] = card
    if failure:
        record["failure"] = {"code": failure, **_reason(failure)}
    return _touch(record, need_card=check_no == 1)


def attach_face(case: Case, party_id: str, face: dict[str, Any], comparison: dict[str, Any], *,
                check_no: int = 1, operator: str = "") -> dict[str, Any]:
    """Put a face capture and its comparison into the open record of the party.

    A record that already has a face (or failed) is left as history: a new record is made,
    carrying over the last valid card read of the same check.
    """
    record = latest_check(case, party_id, check_no)
    if record is None or record.get("face") or record.get("failure"):
        previous = record
        record = new_record(party_id, check_no, operator)
        if previous and previous.get("card") and not (previous.get("failure") or {}).get(
                "code", "").startswith("card_"):
            record["card"] = dict(previous["card"])
        case.identity_checks.append(record)
    record["face"], record["comparison"] = face, comparison
    return _touch(record, need_card=check_no == 1)


def face_record(party_id: str, check_no: int, face: dict[str, Any], comparison: dict[str, Any],
                operator: str = "") -> dict[str, Any]:
    """A standalone face-only record (the second check before submission)."""
    record = new_record(party_id, check_no, operator)
    record["face"], record["comparison"] = face, comparison
    return _touch(record, need_card=check_no == 1)


def add_record(case: Case, record: dict[str, Any]) -> dict[str, Any]:
    """Append a finished record (e.g. from the second-check dialog) to the case."""
    case.identity_checks.append(record)
    return record


def decide_manually(record: dict[str, Any], passed: bool, operator: str,
                    note: str = "") -> dict[str, Any]:
    """The officer's decision on a ``manual_review`` (or pending) comparison, recorded with
    who and when; the automatic result is kept under ``comparison.automatic``."""
    previous = record.get("comparison") or {}
    code = "manual_pass" if passed else "manual_fail"
    record["comparison"] = {"decision": "pass" if passed else "fail", "score": None,
                            "threshold": None, "method": "manual",
                            **_reason(Msg(code, "{note}", {"note": note}) if note else code),
                            "reference": previous.get("reference"), "operator": operator,
                            "at": now_iso(), "automatic": previous}
    return _touch(record, need_card=int(record.get("check_no", 1)) == 1)


# -- comparison ---------------------------------------------------------------------------
class PendingComparer:
    """Compares nothing here: the record says ``pending`` until the server's comparer answers.

    It speaks the :class:`~shared.capture.comparer.FaceComparer` shape (``available``,
    ``compare``) but :func:`run_comparison` never calls ``compare`` on it.
    """

    method = "server"
    pending = True

    def available(self) -> bool:
        """Always True: pending needs nothing."""
        return True

    def compare(self, probe_jpeg: bytes, reference) -> None:  # pragma: no cover - guard
        raise RuntimeError("PendingComparer compares nothing; use run_comparison")


def default_comparer() -> FaceComparer:
    """Pending the server: nothing is compared locally unless the front end installs a
    comparer (:func:`shared.sync.face_compare.comparer_for`: the server's once enrolled; the
    local dlib pre-check only when the ``face.comparer`` setting asks for it)."""
    return PendingComparer()


def _reason(reason: str | Msg) -> dict[str, Any]:
    """The reason keys of a record part, from a :data:`REASONS` code or a message."""
    msg = reason if isinstance(reason, Msg) else Msg(reason, REASONS[reason])
    return {"reason": msg.render("zh"), "reason_code": msg.code, "reason_msg": msg.to_record()}


def reason_text(part: dict[str, Any] | None, lang: str | None = None) -> str:
    """The reason of a ``comparison`` or ``failure`` part in ``lang`` (the current language).

    Reads both forms: ``reason_msg`` (code and parameters) and an older record's plain
    ``reason`` (a :data:`REASONS` text is still translated; other text is shown as it is).
    """
    if not part:
        return ""
    if part.get("reason_msg"):
        return render_record(part["reason_msg"], lang)
    return translate(str(part.get("reason") or ""), lang)


def _result(decision: str, reason: str | Msg, method: str, operator: str, reference: str | None,
            score: float | None = None, threshold: float | None = None) -> dict[str, Any]:
    return {"decision": decision, "score": score, "threshold": threshold, "method": method,
            **_reason(reason), "reference": reference, "operator": operator, "at": now_iso()}


def run_comparison(comparer, probe_jpeg: bytes, reference, *, operator: str = "",
                   reference_kind: str | None = None) -> dict[str, Any]:
    """The ``comparison`` part: the comparer's answer, or ``pending`` for the server.

    Slow (a face model): call it off the UI thread. A comparer that is unavailable or cannot
    run here leaves the decision to the server; a picture without a usable face goes to
    manual review with the reason.
    """
    from shared.errors import CaptureError, DeviceError
    if comparer is None or getattr(comparer, "pending", False):
        return _result("pending", "pending", "server", operator, reference_kind)
    if reference is None:
        return _result("pending", "no_reference", "server", operator, None)
    try:
        if not comparer.available():
            return _result("pending", "pending", "server", operator, reference_kind)
        res = comparer.compare(probe_jpeg, reference)
    except DeviceError as err:
        return _result("pending", err.msg, "server", operator, reference_kind)
    except CaptureError as err:
        return _result("manual_review", err.msg, getattr(comparer, "method", "local"), operator,
                       reference_kind)
    return _result(res.decision, res.decision, res.method, operator, reference_kind,
                   res.score, res.threshold)


STATUS_LABELS = {"done": N_("已通过"), "missing": N_("未核验"), "failed": N_("未通过"), "pending": N_("待比对")}

"""The owner's authorization for the bank to query the registry (不动产登记资料查询授权书).

The letter carries real fields, set in the case and signed by each owner: the matters entrusted
(``authorization.matters``: codes of :data:`MATTERS`), the date (``authorization.date``) and the
time limit (``authorization.valid_until``, at most :data:`MAX_DAYS` after the date). A query is
allowed only for a matter entrusted, for the case's property, within that time, with every
owner's signature bound to the letter as it stands, and for a purpose of :data:`PURPOSES`.
:func:`query_refusal` is the rule; the registry checks the same facts again on its side.

A contract found filed (网签备案) by such a query stands in for the paper contract in the
checklist (:func:`filing_replaces`).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from shared.domain.case import Case, Party
from shared.i18n import N_, Msg

BANK_ROLES = ("mortgagee", "original_mortgagee")
MATTERS = {"registry": N_("不动产登记信息（权利人、权利状况、抵押、查封及异议登记）"),
           "contract_filing": N_("房屋网签备案合同及住房套数")}
PURPOSES = {"loan_review": N_("贷款审批"), "mortgage_registration": N_("抵押登记"),
            "post_loan": N_("贷后管理")}
MAX_DAYS = 90
QUERY_KINDS = tuple(MATTERS)


@dataclass(frozen=True)
class Authorization:
    """The authorization as the case holds it."""

    matters: tuple[str, ...]
    date: str
    valid_until: str
    unit_number: str
    principals: tuple[Party, ...]
    agent: Party | None
    signed_by: tuple[str, ...]  # principals whose signature is bound to the letter as it stands

    def wire(self, case: Case) -> dict[str, Any]:
        """What the registry is shown of it (no names, no ID numbers: their hashes)."""
        return {"case_id": case.id, "unit_number": self.unit_number, "matters": list(self.matters),
                "date": self.date, "valid_until": self.valid_until,
                "principals": [_digest(p.id_number) for p in self.principals],
                "agent": self.agent.id_number if self.agent else "",
                "letter_sha256": letter_sha256(case)}


def _digest(text: str) -> str:
    return hashlib.sha256(str(text or "").strip().upper().encode("utf-8")).hexdigest()


def principals_and_agent(case: Case) -> tuple[list[Party], Party | None]:
    """The authorising owners (non-bank parties) and the bank that queries for them."""
    agent = next((p for p in case.parties if p.role == "mortgagee"), None) or \
        next((p for p in case.parties if p.role in BANK_ROLES), None)
    return [p for p in case.parties if p.role not in BANK_ROLES], agent


def letter_content(case: Case, party_id: str) -> dict[str, Any]:
    """What a principal's signature on the authorization letter is bound to (the date and time
    limit only once set: a letter signed before they existed stays bound)."""
    agent = next((p for p in case.parties if p.role == "mortgagee"), None)
    content = {"document": "authorization", "case_id": case.id, "principal": party_id,
               "agent": {"name": agent.name, "id_number": agent.id_number} if agent else None,
               "property.location": case.get("property.location"),
               "property.unit_number": case.get("property.unit_number"),
               "matters": case.get("authorization.matters"), "time_limit": case.get("authorization.time_limit")}
    for key in ("date", "valid_until"):
        if case.get("authorization." + key):
            content[key] = case.get("authorization." + key)
    return content


def letter_sha256(case: Case) -> str:
    """A digest of the letter's facts (every principal's content), sent with each query."""
    principals, _ = principals_and_agent(case)
    raw = json.dumps([letter_content(case, p.party_id) for p in principals], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def authorization_of(case: Case) -> Authorization:
    """The case's authorization, with who has signed the letter as it stands."""
    from shared.domain.signature import Signature, verify_binding
    principals, agent = principals_and_agent(case)
    matters = case.get("authorization.matters")
    matters = tuple(m for m in matters if m in MATTERS) if isinstance(matters, list) else ()
    signed = []
    for p in principals:
        raw = case.signatures.get("authorization:" + p.party_id)
        if isinstance(raw, dict):
            try:
                if verify_binding(Signature.from_dict(raw), letter_content(case, p.party_id)):
                    signed.append(p.party_id)
            except (KeyError, TypeError, ValueError):
                pass
    return Authorization(matters, str(case.get("authorization.date") or ""),
                         str(case.get("authorization.valid_until") or ""),
                         str(case.get("property.unit_number") or ""), tuple(principals), agent, tuple(signed))


def _date(text: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(text[:10])
    except (TypeError, ValueError):
        return None


def letter_problem(case: Case) -> Msg | None:
    """What the letter's own fields lack (None: matters, date and time limit are set and sane)."""
    matters = case.get("authorization.matters")
    if not isinstance(matters, list) or not matters or any(m not in MATTERS for m in matters):
        return Msg("auth.no_matters", "授权书未写明委托查询的事项")
    start, end = _date(str(case.get("authorization.date") or "")), _date(str(case.get("authorization.valid_until") or ""))
    if start is None:
        return Msg("auth.no_date", "授权书未写明委托日期")
    if end is None:
        return Msg("auth.no_limit", "授权书未写明委托时限")
    if end < start or (end - start).days > MAX_DAYS:
        return Msg("auth.bad_limit", "委托时限应在委托日期之后，且不超过{n}日", {"n": MAX_DAYS})
    return None


def query_refusal(case: Case, kind: str, purpose: str, today: _dt.date | None = None) -> Msg | None:
    """Why the bank may not query ``kind`` for ``case`` now (None: it may)."""
    today = today or _dt.date.today()
    if kind not in MATTERS:
        return Msg("auth.unknown_kind", "未知的查询类型“{kind}”", {"kind": str(kind)[:40]})
    if purpose not in PURPOSES:
        return Msg("auth.bad_purpose", "请选择查询用途（{choices}）",
                   {"choices": "、".join("{}={}".format(k, v) for k, v in PURPOSES.items())})
    problem = letter_problem(case)
    if problem is not None:
        return problem
    auth = authorization_of(case)
    if kind not in auth.matters:
        return Msg("auth.outside_matters", "授权书未委托查询“{matter}”，不能查询", {"matter": MATTERS[kind]})
    if today < _date(auth.date):
        return Msg("auth.not_yet", "授权自{date}起生效，尚不能查询", {"date": auth.date})
    if today > _date(auth.valid_until):
        return Msg("auth.expired", "授权已于{date}到期，不能查询", {"date": auth.valid_until})
    if not auth.principals or auth.agent is None:
        return Msg("auth.no_parties", "授权书缺少委托人（权利人）或受托人（银行）")
    if not auth.unit_number:
        return Msg("auth.no_unit", "请先填写不动产单元号")
    unsigned = len(auth.principals) - len(auth.signed_by)
    if unsigned:
        return Msg("auth.unsigned", "还有{n}位委托人未在授权书上签名（或签名后授权内容已修改）", {"n": unsigned})
    return None


def latest_filing(case: Case) -> dict[str, Any] | None:
    """The newest contract-filing query result kept on the case."""
    found = [q for q in case.queries if isinstance(q, dict) and q.get("kind") == "contract_filing"]
    return (found[-1].get("result") or {}) if found else None


def filing_replaces(case: Case, slot) -> bool:
    """Whether a filed contract found by an authorized query stands in for ``slot``'s paper."""
    if not getattr(slot, "filing_field", None):
        return False
    number = str(case.get(slot.filing_field) or "").strip()
    filing = latest_filing(case)
    return bool(number) and bool(filing) and filing.get("status") == "filed" and \
        str(filing.get("contract_number", "")).strip() == number

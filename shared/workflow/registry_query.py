"""The bank queries the registry under the owner's authorization (the counter and the CLI call this).

:func:`run_query` refuses a query outside the authorization before anything leaves the device
(:func:`shared.domain.authorization.query_refusal`: the matter entrusted, the date and time
limit, every owner's signature bound to the letter, a purpose of the list); the registry checks
again on its side. Every query, refused or answered, is audited with its kind and purpose. The
answer's query-result certificate (查询结果证明, a PDF) is checked against its SHA-256 and kept
as a blob of kind ``query`` of the case; the result's facts go to ``case.queries``, where a
filed contract (网签备案) then stands in for the paper contract in the checklist.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass
from typing import Any

from shared.domain.authorization import MATTERS, PURPOSES, authorization_of, query_refusal
from shared.domain.case import now_iso
from shared.domain.states import can_edit
from shared.domain.operators import Permission
from shared.errors import SyncError, YizhanError
from shared.i18n import Msg

BLOB_KIND = "query"
KEEP = ("status", "contract_number", "unit_number", "filed_at", "homes", "found", "restrictions", "registrations")


class QueryRefused(YizhanError):
    """The query is outside the owner's authorization (refused here or by the registry)."""

    default_code = "query_refused"


@dataclass
class QueryOutcome:
    """One answered query: its id, the result's facts and the certificate kept on the case."""

    query_id: str
    kind: str
    result: dict[str, Any]
    certificate_blob: str
    certificate: bytes


def filing_contract(case, business) -> str:
    """The contract number a contract-filing query asks about: the field a checklist slot names."""
    for slot in business.materials:
        if slot.filing_field and case.get(slot.filing_field):
            return str(case.get(slot.filing_field))
    return ""


def _audit(store, action: str, case_id: str, detail: str, operator: str | None) -> None:
    store.transaction(lambda tx: tx.audit(action, case_id, detail, operator=operator))


def run_query(store, client, catalog, case_id: str, kind: str, purpose: str, *, actor: Any = None,
              contract_number: str | None = None, today: _dt.date | None = None) -> QueryOutcome:
    """Query ``kind`` (``registry`` or ``contract_filing``) for ``case_id`` for ``purpose``."""
    from shared.domain.operators import operator_label
    from shared.store.operators import require
    require(store, actor, Permission.EDIT_CASES, "registry_query", case_id)
    label = operator_label(actor) if actor is not None else None
    case = store.get_case(case_id)
    refusal = query_refusal(case, kind, purpose, today)
    if refusal is None and not can_edit(case.state):  # the result is kept in the case: it must still be open
        refusal = Msg("query.not_editable", "案件已提交或正在复核（状态：{state}），不能再查询并记入本案",
                      {"state": case.state.label})
    number = ""
    if refusal is None and kind == "contract_filing":
        number = (contract_number or filing_contract(case, catalog.business(case.business_code))).strip()
        if not number or len(number) > 64:
            refusal = Msg("query.no_contract", "请先填写网签备案合同编号")
    if refusal is not None:
        _audit(store, "registry_query_refused", case_id, "kind={} purpose={} reason={}".format(
            str(kind)[:32], str(purpose)[:32], refusal.code), label)
        raise QueryRefused(refusal)
    auth = authorization_of(case)
    body: dict[str, Any] = {"kind": kind, "purpose": purpose, "unit_number": auth.unit_number,
                            "authorization": auth.wire(case)}
    if number:
        body["contract_number"] = number
    try:
        answer = client.registry_query(body)
    except SyncError as exc:
        code = getattr(exc, "server_code", "") or "offline"
        _audit(store, "registry_query_refused", case_id, "kind={} purpose={} reason=server:{}".format(kind, purpose, code),
               label)
        if getattr(exc, "status", 0) == 403:
            raise QueryRefused(Msg("query.server_refused", "登记机构拒绝查询：{reason}", {"reason": exc.msg})) from None
        raise
    cert = answer["certificate"]
    data = client.document(cert["doc_id"])
    if hashlib.sha256(data).hexdigest() != cert["sha256"]:
        raise SyncError(Msg("query.cert_hash", "查询结果证明下载不完整（校验值不符），请重新查询"))
    result = {k: answer["result"][k] for k in KEEP if k in answer["result"]}

    def work(tx) -> str:
        fresh = tx.case(case_id)
        if not can_edit(fresh.state):
            raise QueryRefused(Msg("query.not_editable", "案件已提交或正在复核（状态：{state}），不能再查询并记入本案",
                                   {"state": fresh.state.label}))
        info = tx.add_blob(case_id, BLOB_KIND, data, "application/pdf", slot=kind,
                           meta={"query_id": answer["query_id"], "name": cert.get("name", "")})
        fresh.queries.append({"query_id": answer["query_id"], "kind": kind, "purpose": purpose, "at": now_iso(),
                              "certificate": info.id, "result": result})
        tx.write_case(fresh, "registry_query_result", operator=label)
        tx.audit("registry_query", case_id, "kind={} purpose={} query={} certificate={}".format(
            kind, purpose, answer["query_id"], info.id), operator=label)
        return info.id
    blob_id = store.transaction(work)
    return QueryOutcome(answer["query_id"], kind, result, blob_id, data)


def describe(outcome: QueryOutcome) -> Msg:
    """The result in one line for the officer."""
    r = outcome.result
    if outcome.kind == "contract_filing":
        if r.get("status") == "filed":
            return Msg("query.filed", "网签备案合同 {number} 已备案（{date}），委托人名下住房 {homes} 套",
                       {"number": r.get("contract_number", ""), "date": r.get("filed_at", ""), "homes": r.get("homes", 0)})
        return Msg("query.not_filed", "未查询到网签备案合同 {number}", {"number": r.get("contract_number", "")})
    if r.get("restrictions"):
        return Msg("query.mortgaged", "登记记录 {n} 条；已设立抵押", {"n": len(r.get("registrations") or [])})
    return Msg("query.clear", "登记记录 {n} 条；未查询到抵押登记", {"n": len(r.get("registrations") or [])})


__all__ = ["MATTERS", "PURPOSES", "QueryOutcome", "QueryRefused", "describe", "run_query"]

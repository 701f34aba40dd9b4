"""The registry answering a bank's query under an owner's authorization (seed: 授权查询).

``POST /v1/registry-query`` with ``{"kind", "purpose", "unit_number", "contract_number"?,
"authorization": {case_id, unit_number, matters, date, valid_until, principals, agent,
letter_sha256}}``. The registry checks the authorization itself, whatever the client did: the
matter entrusted, the date and time limit (at most 90 days) against its own clock, the property
named in it, the principals (hashes of their ID numbers) among the owners it knows for that
property, a purpose of the fixed list. Every query, refused or answered, is recorded with its
purpose. An answer carries the result and the 查询结果证明 as a PDF document to download.

``kind`` ``registry``: the registrations of the unit it holds, whether it is mortgaged;
``contract_filing``: the housing department's filed contract (网签备案) of that number for that
unit, and the number of homes (住房套数) the principals hold.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import uuid
from pathlib import Path
from typing import Any

from devserver.app import ApiError
from devserver.storage import ServerDB

KINDS = {"registry": "不动产登记信息", "contract_filing": "房屋网签备案合同及住房套数"}
PURPOSES = {"loan_review": "贷款审批", "mortgage_registration": "抵押登记", "post_loan": "贷后管理"}
MAX_DAYS = 90
OWNER_ROLES_EXCLUDED = ("mortgagee", "original_mortgagee", "seller", "developer", "debtor")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_TEXT = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff()（）\-_./#]{1,64}$")


def id_digest(text: str) -> str:
    """How an ID number is compared without being kept: the same digest the client sends."""
    return hashlib.sha256(str(text or "").strip().upper().encode("utf-8")).hexdigest()


def _refuse(code: str, zh: str, en: str) -> ApiError:
    return ApiError(403, code, zh, en)


def _bad(field: str) -> ApiError:
    return ApiError(422, "invalid", "查询请求的 {} 不合规范".format(field), "Invalid query field: {}".format(field))


def _date(text: Any) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(str(text)[:10]) if len(str(text)) == 10 else None
    except ValueError:
        return None


def _owners(db: ServerDB, unit: str) -> set[str]:
    """Digests of the ID numbers of the owners the registry holds for ``unit`` (registered cases)."""
    owners: set[str] = set()
    for stage, case_doc in db.all("SELECT stage, case_doc FROM packets"):
        doc = db.unseal(case_doc, "case_doc")
        if (doc.get("data") or {}).get("property.unit_number") != unit or stage not in ("registered", "proof_issued"):
            continue
        owners |= {id_digest(p.get("id_number")) for p in doc.get("parties") or []
                   if p.get("role") not in OWNER_ROLES_EXCLUDED}
    return owners


def check(doc: dict, today: _dt.date) -> dict:
    """The request's shape and its authorization, checked (422: malformed, 403: not authorized)."""
    kind, purpose, unit = doc.get("kind"), doc.get("purpose"), doc.get("unit_number")
    auth = doc.get("authorization")
    if kind not in KINDS:
        raise _bad("kind")
    if purpose not in PURPOSES:
        raise _bad("purpose")
    if not isinstance(unit, str) or not _TEXT.match(unit):
        raise _bad("unit_number")
    if not isinstance(auth, dict):
        raise _refuse("not_authorised", "查询需要权利人签署的授权书", "An owner's signed authorization is required")
    matters, principals = auth.get("matters"), auth.get("principals")
    if not isinstance(matters, list) or len(matters) > len(KINDS) or not all(m in KINDS for m in matters):
        raise _bad("authorization.matters")
    if not isinstance(principals, list) or not 1 <= len(principals) <= 20 or \
            not all(isinstance(p, str) and _HEX64.match(p) for p in principals):
        raise _bad("authorization.principals")
    if not isinstance(auth.get("letter_sha256"), str) or not _HEX64.match(auth["letter_sha256"]):
        raise _bad("authorization.letter_sha256")
    if not isinstance(auth.get("agent"), str) or not _TEXT.match(auth["agent"]):
        raise _bad("authorization.agent")
    if not isinstance(auth.get("case_id"), str) or not _TEXT.match(auth["case_id"]):
        raise _bad("authorization.case_id")
    start, end = _date(auth.get("date")), _date(auth.get("valid_until"))
    if start is None or end is None:
        raise _bad("authorization.date")
    if kind not in matters:
        raise _refuse("outside_authorization", "授权书未委托查询“{}”".format(KINDS[kind]),
                      "The authorization does not entrust this query")
    if auth.get("unit_number") != unit:
        raise _refuse("outside_authorization", "查询的不动产不是授权书所列的不动产", "The property is not the one authorized")
    if end < start or (end - start).days > MAX_DAYS:
        raise _refuse("outside_authorization", "授权时限无效（不得超过{}日）".format(MAX_DAYS), "Invalid time limit")
    if not start <= today <= end:
        raise _refuse("authorization_expired", "查询时间不在授权时限（{} 至 {}）内".format(start, end),
                      "The query is outside the authorized time")
    if kind == "contract_filing":
        number = doc.get("contract_number")
        if not isinstance(number, str) or not _TEXT.match(number):
            raise _bad("contract_number")
    return auth


def _certificate(conn, db: ServerDB, docs_dir: Path, device_id: str, query_id: str, lines: list[str]) -> dict:
    from devserver import proof
    data = proof.render("不动产登记资料查询结果证明", lines)
    doc_id = uuid.uuid4().hex
    docs_dir.mkdir(parents=True, exist_ok=True)
    path = docs_dir / (doc_id + ".pdf")
    path.write_bytes(data)
    info = {"doc_id": doc_id, "kind": "query_certificate", "name": "不动产登记资料查询结果证明.pdf",
            "mime": "application/pdf", "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    conn.execute("INSERT INTO documents(doc_id, packet_id, device_id, kind, name, mime, sha256, size, path)"
                 " VALUES (?,?,?,?,?,?,?,?,?)", (doc_id, "query:" + query_id, device_id, info["kind"], info["name"],
                                                 info["mime"], info["sha256"], info["size"], str(path)))
    return info


def _record(db: ServerDB, device_id: str, doc: dict, now: float, outcome: str, doc_id: str | None = None,
            query_id: str | None = None, conn=None) -> str:
    query_id = query_id or uuid.uuid4().hex[:20]
    auth = doc.get("authorization") if isinstance(doc.get("authorization"), dict) else {}
    row = (query_id, device_id, now, str(doc.get("kind"))[:32], str(doc.get("purpose"))[:32],
           str(auth.get("case_id") or "")[:64], outcome[:200], doc_id)
    sql = "INSERT INTO queries(query_id, device_id, at, kind, purpose, case_id, outcome, doc_id) VALUES (?,?,?,?,?,?,?,?)"
    if conn is not None:
        conn.execute(sql, row)
    else:
        db.tx(lambda c: c.execute(sql, row))
    return query_id


def answer(db: ServerDB, docs_dir: Path, device_id: str, doc: dict, now: float) -> dict:
    """Check, answer and record one query (a refusal is recorded too, then raised)."""
    today = _dt.datetime.fromtimestamp(now).date()
    try:
        auth = check(doc, today)
        unit = doc["unit_number"]
        owners = _owners(db, unit)
        if owners and not owners & set(auth["principals"]):
            raise _refuse("not_owner", "授权人不是该不动产登记簿记载的权利人", "The principals are not the owners on record")
    except ApiError as exc:
        _record(db, device_id, doc, now, "refused:" + exc.code)
        raise
    kind = doc["kind"]
    if kind == "registry":
        result = _registry_result(db, unit)
    else:
        result = _filing_result(db, unit, doc["contract_number"], auth["principals"])
    query_id = uuid.uuid4().hex[:20]
    lines = ["查询编号：" + query_id, "查询事项：" + KINDS[kind], "查询用途：" + PURPOSES[doc["purpose"]],
             "不动产单元号：" + unit, "业务号：" + auth["case_id"],
             "授权时限：{} 至 {}".format(auth["date"], auth["valid_until"]),
             "查询时间：" + _dt.datetime.fromtimestamp(now).strftime("%Y-%m-%d %H:%M")] + result.pop("_lines")

    def work(conn) -> dict:
        cert = _certificate(conn, db, docs_dir, device_id, query_id, lines)
        _record(db, device_id, doc, now, "answered", cert["doc_id"], query_id, conn)
        return cert
    cert = db.tx(work)
    from devserver.app import iso
    return {"query_id": query_id, "kind": kind, "at": iso(now), "result": result, "certificate": cert}


def _registry_result(db: ServerDB, unit: str) -> dict:
    regs = []
    for packet_id, stage, case_doc in db.all("SELECT packet_id, stage, case_doc FROM packets"):
        d = db.unseal(case_doc, "case_doc")
        if (d.get("data") or {}).get("property.unit_number") == unit:
            regs.append({"business_code": str(d.get("business_code", "")), "stage": stage})
    mortgaged = any(r["stage"] in ("registered", "proof_issued") and "mortgage" in r["business_code"]
                    and "cancel" not in r["business_code"] for r in regs)
    restrictions = [{"kind": "mortgage", "text": "已设立抵押"}] if mortgaged else []
    lines = ["登记记录：{} 条".format(len(regs)), "抵押状况：" + ("已设立抵押" if mortgaged else "未查询到抵押登记"),
             "查封、异议：未查询到"]
    return {"unit_number": unit, "found": bool(regs), "registrations": regs, "restrictions": restrictions, "_lines": lines}


def _filing_result(db: ServerDB, unit: str, number: str, principals: list[str]) -> dict:
    row = db.one("SELECT contract_number, unit_number, kind, filed_at, buyers, price FROM filings WHERE contract_number = ?",
                 (number,))
    homes = 0
    for buyers, in db.all("SELECT buyers FROM filings"):
        if set(db.unseal(buyers, "filing_buyers")) & set(principals):
            homes += 1
    if row is not None:
        row = (row[0], db.unseal(row[1], "filing_unit")) + tuple(row[2:])
    if row is None or row[1] != unit:
        return {"status": "not_found", "contract_number": number, "homes": homes,
                "_lines": ["网签备案合同 {}：未查询到（或不是授权书所列不动产的合同）".format(number)]}
    return {"status": "filed", "contract_number": row[0], "unit_number": row[1], "contract_kind": row[2],
            "filed_at": row[3], "price": row[5], "homes": homes,
            "_lines": ["网签备案合同号：" + row[0], "备案日期：" + row[3], "成交价格（元）：" + row[5],
                       "委托人名下住房套数（网签备案）：{} 套".format(homes)]}


def add_filings(db: ServerDB, items: list) -> int:
    """The housing department's filed contracts (tests and demos): the unit and the buyers' ID
    digests are sealed at rest, like received case data."""
    def work(conn) -> int:
        for it in items[:1000]:
            conn.execute("INSERT OR REPLACE INTO filings(contract_number, unit_number, kind, filed_at, buyers, price)"
                         " VALUES (?,?,?,?,?,?)", (str(it["contract_number"])[:64],
                                                   db.seal(str(it["unit_number"])[:64], "filing_unit"),
                                                   str(it.get("kind", "sale"))[:16], str(it.get("filed_at", ""))[:10],
                                                   db.seal([id_digest(b) for b in it.get("buyers", [])][:20], "filing_buyers"),
                                                   str(it.get("price", ""))[:20]))
        return min(len(items), 1000)
    return db.tx(work)


def audit_rows(db: ServerDB, device_id: str | None = None) -> list[dict]:
    """Every query recorded (the registry's own audit of the banks' queries)."""
    sql = "SELECT query_id, device_id, at, kind, purpose, case_id, outcome, doc_id FROM queries"
    rows = db.all(sql + (" WHERE device_id = ?" if device_id else "") + " ORDER BY at", (device_id,) if device_id else ())
    keys = ("query_id", "device_id", "at", "kind", "purpose", "case_id", "outcome", "doc_id")
    return [dict(zip(keys, r)) for r in rows]

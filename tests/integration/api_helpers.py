"""Helpers of the integration API tests (not a test module): a loan's import document made of a
generated fake identity, and requests to a running server."""

from __future__ import annotations

import http.client
import json


def loan_document(fake, reference: str = "LOAN-2026-0001", **overrides) -> dict:
    """A mortgage first registration as the bank's credit system posts it."""
    p, bank = fake.person(), fake.bank()
    doc = {
        "format": "yizhan-case-import/1", "business": "mortgage_first_general", "loan_reference": reference,
        "parties": [
            {"role": "mortgagor", "kind": "person", "name": p.name, "id_kind": "1", "id_number": p.id_number,
             "phone": p.phone, "address": p.address},
            {"role": "mortgagee", "kind": "org", "name": bank.name, "id_kind": "8", "id_number": bank.credit_code,
             "phone": bank.phone, "address": bank.address, "legal_rep": "程华强"},
            {"role": "debtor", "kind": "person", "name": p.name, "id_kind": "1", "id_number": p.id_number,
             "phone": p.phone, "address": p.address}],
        "property": {"unit_number": fake.unit_number("350102"), "certificate_number": fake.certificate_number(),
                     "location": "福州市鼓楼区五一路88号3栋1201室", "area": "89.56", "use": "住宅"},
        "mortgage": {"contract_number": "DY2026110012345", "amount": "1200000.00", "currency": "CNY",
                     "debt_from": "2026-11-22", "debt_to": "2056-11-21", "guarantee_scope": "主债权及利息",
                     "leased": False, "debt_contract_has_mortgage_clause": True, "under_construction": False},
        "reason": "购房贷款",
    }
    doc.update(overrides)
    return doc


def request(port: int, method: str, path: str, body: bytes | None = None, token: str | None = None,
            headers: dict | None = None) -> tuple[int, dict, bytes]:
    """One request on a fresh connection: (status, headers, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    h = dict(headers or {})
    if token is not None:
        h["Authorization"] = "Bearer " + token
    if body is not None:
        h.setdefault("Content-Type", "application/json")
    try:
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def post_case(port: int, token: str, doc) -> tuple[int, dict]:
    body = doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode("utf-8")
    status, _h, data = request(port, "POST", "/v1/cases", body, token)
    return status, json.loads(data)

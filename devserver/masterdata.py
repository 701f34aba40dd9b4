"""Versioned master data the server hands out: catalog, region dictionary, bank profiles, and
the service point's operator list (staff id, name, roles, service point, the argon2id hash of
a password or of a first-login code; the approval policy)."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from devserver.app import ApiError

REGIONS = {"110101": "北京市东城区", "110105": "北京市朝阳区", "310104": "上海市徐汇区", "320106": "南京市鼓楼区",
           "330106": "杭州市西湖区", "350102": "福州市鼓楼区", "370102": "济南市历下区", "440305": "深圳市南山区",
           "510107": "成都市武侯区", "610113": "西安市雁塔区"}
BANKS = [{"code": "ABC-FZ-CD", "name": "中国农业银行股份有限公司城东支行", "credit_code": "913101045H9QMXC80W",
          "credentials": ["business_licence", "financial_licence"], "version": 1}]


# The demo service point's operators. Development passwords only (the reference server is no
# production system): officer S1001 "Officer2026", supervisor S1002 "Super2026x", officer S1003
# first-login code "S1003-first", admin S1009 "Admin2026x".
DEMO_OPERATORS = [
    {"staff_id": "S1001", "name": "王芳", "roles": ["officer"], "password": "Officer2026"},
    {"staff_id": "S1002", "name": "李强", "roles": ["supervisor"], "password": "Super2026x"},
    {"staff_id": "S1003", "name": "赵敏", "roles": ["officer"], "first_login_code": "S1003-first"},
    {"staff_id": "S1009", "name": "陈明", "roles": ["admin"], "password": "Admin2026x"},
]
SERVICE_POINT = "SP-FZ-CD-01"
#: Businesses and banks whose cases always need a supervisor's approval before submit.
APPROVAL_POLICY: dict = {"businesses": [], "banks": []}


def _argon2id(secret: str, staff_id: str) -> str:
    """A deterministic demo hash (the salt derives from the staff id, so the list's version
    stays the same across restarts); a real server salts at random once and keeps the hash."""
    from argon2.low_level import Type, hash_secret
    salt = hashlib.sha256(("yizhan-demo-salt:" + staff_id).encode()).digest()[:16]
    return hash_secret(secret.encode(), salt, time_cost=2, memory_cost=65536, parallelism=2, hash_len=32,
                       type=Type.ID).decode()


@lru_cache(maxsize=8)
def _operators_doc(frozen: str) -> dict:
    entries = []
    given = json.loads(frozen)
    for e in given["operators"]:
        out = {"staff_id": e["staff_id"], "name": e["name"], "roles": e["roles"],
               "service_point": e.get("service_point", SERVICE_POINT), "disabled": bool(e.get("disabled"))}
        if e.get("password"):
            out["password_hash"] = _argon2id(e["password"], e["staff_id"])
        elif e.get("first_login_code"):
            out["first_login_code_hash"] = _argon2id(e["first_login_code"], e["staff_id"])
        entries.append(out)
    content = {"operators": entries, "roles": {}, "approval": given["approval"]}
    return {"version": _version(content), "content": content}


def operators_document(operators: list | None = None) -> dict:
    """The operator list (``operators``: the entries with clear demo secrets; default the demo's)."""
    return _operators_doc(json.dumps({"operators": operators if operators is not None else DEMO_OPERATORS,
                                      "approval": APPROVAL_POLICY}, sort_keys=True, ensure_ascii=False))


def _version(content) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]


@lru_cache(maxsize=1)
def _catalog() -> dict:
    from shared.domain.catalog import CATALOG_DIR
    files = {}
    for path in sorted(CATALOG_DIR.rglob("*.json")):
        files[str(path.relative_to(CATALOG_DIR))] = json.loads(path.read_text("utf-8"))
    return {"version": str(files.get("index.json", {}).get("catalog_version", "0")), "content": {"files": files}}


def _docs() -> dict:
    return {"catalog": _catalog(),
            "regions": {"version": _version(REGIONS), "content": {"regions": REGIONS}},
            "banks": {"version": _version(BANKS), "content": {"banks": BANKS}},
            "operators": operators_document(OPERATORS_OVERRIDE or None)}


#: What the admin endpoint set instead of the demo operators (tests: a disabled operator).
OPERATORS_OVERRIDE: list = []


def index() -> list[dict]:
    return [{"name": n, "version": d["version"]} for n, d in _docs().items()]


def document(name: str) -> dict:
    doc = _docs().get(name)
    if doc is None:
        raise ApiError(404, "not_found", "没有该基础数据", "No such master data")
    return {"name": name, "version": doc["version"], "content": doc["content"]}

"""Versioned master data the server hands out: catalog, region dictionary, bank profiles."""

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
            "banks": {"version": _version(BANKS), "content": {"banks": BANKS}}}


def index() -> list[dict]:
    return [{"name": n, "version": d["version"]} for n, d in _docs().items()]


def document(name: str) -> dict:
    doc = _docs().get(name)
    if doc is None:
        raise ApiError(404, "not_found", "没有该基础数据", "No such master data")
    return {"name": name, "version": doc["version"], "content": doc["content"]}

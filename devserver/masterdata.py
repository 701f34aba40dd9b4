"""Versioned master data the server hands out: catalog (with its interview templates), regions, bank
profiles, the settings the registry manages, and the service point's operator list (staff id, name, roles, service point, the argon2id
hash of a password or of a first-login code; the approval policy).

By default the documents are the ones shipped in ``resources/`` (and the demo operators).
:func:`publish` replaces one with new content (tests and demos: "the registry published a new
catalog"); :func:`reset` goes back to the shipped ones.
"""

from __future__ import annotations

import hashlib
import json
import threading
from functools import lru_cache
from pathlib import Path

from devserver.app import ApiError

BANKS_FILE = Path(__file__).with_name("bank_profiles.json")  # the demo banks and the desks they own
_published: dict[str, dict] = {}
_lock = threading.Lock()


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
#: The settings this registry manages for its service points (whitelist and bounds: the
#: client's shared.masterdata.MANAGED_SETTINGS); they win over each machine's own.
MANAGED_SETTINGS: dict = {"settings": {"sync.interval_s": 30, "operators.idle_lock_minutes": 5,
                                       "audit_retention_days": 400}}
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


def catalog_files(directory: Path | None = None) -> dict:
    """Every JSON file of a catalog directory (businesses, interview templates, schemas) by relative path."""
    from shared.domain.catalog import CATALOG_DIR
    directory = Path(directory or CATALOG_DIR)
    return {path.relative_to(directory).as_posix(): json.loads(path.read_text("utf-8"))
            for path in sorted(directory.rglob("*.json"))}


@lru_cache(maxsize=1)
def _shipped() -> dict:
    from shared import platform
    files = catalog_files()
    regions = json.loads(platform.resource("masterdata", "regions.json").read_text("utf-8"))
    banks = json.loads(BANKS_FILE.read_text("utf-8"))  # the server's own: no client ships it
    return {"catalog": {"version": str(files.get("index.json", {}).get("catalog_version", "0")),
                        "content": {"files": files}},
            "regions": {"version": _version(regions), "content": regions},
            "banks": {"version": _version(banks), "content": banks},
            "settings": {"version": _version(MANAGED_SETTINGS), "content": MANAGED_SETTINGS}}


def _docs() -> dict:
    with _lock:
        return {**_shipped(), "operators": operators_document(OPERATORS_OVERRIDE or None), **_published}


#: What the admin endpoint set instead of the demo operators (tests: a disabled operator).
OPERATORS_OVERRIDE: list = []


def publish(name: str, content, version: str | None = None) -> str:
    """Serve ``content`` as document ``name`` from now on (version: given, else a content hash)."""
    version = version or _version(content)
    with _lock:
        _published[name] = {"version": version, "content": content}
    return version


def reset() -> None:
    """Serve the shipped documents again."""
    with _lock:
        _published.clear()


def index() -> list[dict]:
    return [{"name": n, "version": d["version"]} for n, d in _docs().items()]


def document(name: str) -> dict:
    doc = _docs().get(name)
    if doc is None:
        raise ApiError(404, "not_found", "没有该基础数据", "No such master data")
    return {"name": name, "version": doc["version"], "content": doc["content"]}

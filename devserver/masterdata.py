"""Versioned master data the server hands out: catalog (with its interview templates), regions, bank profiles.

By default the documents are the ones shipped in ``resources/``. :func:`publish` replaces one
with new content (tests and demos: "the registry published a new catalog"); :func:`reset`
goes back to the shipped ones.
"""

from __future__ import annotations

import hashlib
import json
import threading
from functools import lru_cache
from pathlib import Path

from devserver.app import ApiError

_published: dict[str, dict] = {}
_lock = threading.Lock()


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
    from shared.domain.bank_profile import PROFILES_FILE
    from shared.masterdata import REGIONS_FILE
    files = catalog_files()
    regions = json.loads(REGIONS_FILE.read_text("utf-8"))
    banks = json.loads(PROFILES_FILE.read_text("utf-8"))
    return {"catalog": {"version": str(files.get("index.json", {}).get("catalog_version", "0")),
                        "content": {"files": files}},
            "regions": {"version": _version(regions), "content": regions},
            "banks": {"version": _version(banks), "content": banks}}


def _docs() -> dict:
    with _lock:
        return {**_shipped(), **_published}


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

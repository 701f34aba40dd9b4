"""Master data in use: the catalog (with its interview templates), regions and bank profiles.

The server hands out versioned documents (``catalog``, ``regions``, ``banks``); the sync pass
gives each new one to :func:`accept`, which validates it completely with its own loader
(:func:`~shared.domain.catalog.load_catalog` and the interview template loader for the
catalog, a JSON schema for the regions, schema and
:func:`~shared.domain.bank_profile.parse_profiles` for the bank profiles) and only then makes
it current. A refused document changes nothing: the previous one stays in use.

On disk, under the data directory (catalog and regions: nothing personal)::

    master/<kind>/<folder>/...        one folder per accepted version (never changed again)
    master/<kind>/current.json        the pointer: {"version": ..., "folder": ...}, switched last

Bank profiles name the banks' officers, so they are kept in the encrypted store instead
(``sync_state`` row :data:`shared.domain.bank_profile.SYNC_KEY`, read by
:func:`~shared.domain.bank_profile.load_profiles`); ``master/banks/current.json`` only
records their version, for :func:`versions`.

A document name from the server is an identifier (:data:`NAME_RE`, one of :data:`KINDS`),
never a path; the catalog's file names are checked against :data:`CATALOG_FILE_RE`; a folder
name is derived from a hash; every file is written inside its own folder (resolved and checked).

Front ends and the CLI ask :func:`current_catalog`, :func:`current_template` and
:func:`current_regions` with their data directory, :func:`current_bank_profiles` with their
store; with no
data directory, or nothing valid pulled, they get what ships in ``resources/`` (bank profiles:
nothing; they come from the server only).
:func:`versions` lists the versions in use and where they came from (settings shows them).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.config import atomic_write
from shared.errors import CatalogError
from shared.i18n import N_, Msg

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "masterdata"
REGIONS_FILE = RESOURCES / "regions.json"
REGIONS_SCHEMA = RESOURCES / "regions.schema.json"
BANKS_SCHEMA = RESOURCES / "bank_profiles.schema.json"
KINDS = ("catalog", "regions", "banks", "operators", "settings")
NAME_RE = re.compile(r"[a-z][a-z0-9_]{0,63}")
VERSION_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+-]{0,63}")
CATALOG_FILE_RE = re.compile(r"(?:index|schema)\.json|(?:businesses|interview)/[a-z][a-z0-9_]{0,63}\.json")
FOLDER_RE = re.compile(r"[0-9a-f]{16}")
POINTER = "current.json"
FILE_OF = {"regions": "regions.json", "settings": "settings.json"}
FOLDER_KINDS = ("catalog", "regions", "settings")  # kept in version folders; the bank profiles go into the store
SERVER, SHIPPED = "server", "shipped"
LABELS = {"catalog": N_("业务目录"), "interview": N_("询问模板"), "regions": N_("区划"), "banks": N_("银行信息")}
SOURCE_LABELS = {SERVER: N_("服务器"), SHIPPED: N_("随软件")}
_warned: set[tuple[str, str]] = set()


def _refuse(msg: Msg) -> CatalogError:
    """A refused document: the message says what is wrong; the previous version stays in use."""
    return CatalogError(msg)


def master_root(data_dir: Path | str) -> Path:
    return Path(data_dir) / "master"


def valid_name(name: Any) -> bool:
    """True when ``name`` is a master-data kind this client knows (an identifier, never a path)."""
    return isinstance(name, str) and NAME_RE.fullmatch(name) is not None and name in KINDS


def valid_version(version: Any) -> bool:
    return isinstance(version, str) and VERSION_RE.fullmatch(version) is not None


# -- what is in use -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Pulled:
    """An accepted version of one kind: its version string and folder."""

    kind: str
    version: str
    directory: Path


def pulled(data_dir: Path | str | None, kind: str) -> Pulled | None:
    """The accepted version of ``kind`` under ``data_dir`` (None: nothing pulled, or unreadable)."""
    if data_dir is None or kind not in FOLDER_KINDS:
        return None
    kind_dir = master_root(data_dir) / kind
    try:
        pointer = json.loads((kind_dir / POINTER).read_text("utf-8"))
        version, folder = pointer["version"], pointer["folder"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        _warn_once(kind, "pointer", "master data pointer of %s unreadable; using the shipped one")
        return None
    if not (valid_version(version) and isinstance(folder, str) and FOLDER_RE.fullmatch(folder)):
        _warn_once(kind, "pointer", "master data pointer of %s invalid; using the shipped one")
        return None
    directory = kind_dir / folder
    return Pulled(kind, version, directory) if directory.is_dir() else None


def current_version(data_dir: Path | str, kind: str) -> str | None:
    """The version of ``kind`` accepted from the server (None: none yet)."""
    if kind in FOLDER_KINDS:
        got = pulled(data_dir, kind)
        return got.version if got is not None else None
    version = _pointer(data_dir, kind).get("version")
    return version if valid_version(version) else None


def _pointer(data_dir: Path | str, kind: str) -> dict:
    try:
        pointer = json.loads((master_root(data_dir) / kind / POINTER).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return pointer if isinstance(pointer, dict) else {}


def _warn_once(kind: str, key: str, text: str) -> None:
    if (kind, key) not in _warned:
        _warned.add((kind, key))
        log.warning(text, kind)


def catalog_in(directory: Path | str):
    """The catalog of an accepted version folder (cached: such a folder never changes)."""
    from shared.domain.catalog import catalog_at
    return catalog_at(directory)


def current_catalog(data_dir: Path | str | None = None):
    """The catalog to make new cases under: the accepted pulled one, else the shipped one.

    ``$YIZHAN_CATALOG_DIR``, when set, wins over both (an operator's explicit choice).
    """
    from shared.domain.catalog import default_catalog
    got = None if os.environ.get("YIZHAN_CATALOG_DIR") else pulled(data_dir, "catalog")
    if got is not None:
        try:
            return catalog_in(got.directory)
        except CatalogError as err:  # damaged on disk after acceptance
            _warn_once("catalog", str(got.directory), "pulled %s unusable (" + err.code + "); using the shipped one")
    return default_catalog()


def current_template(name: str, data_dir: Path | str | None = None):
    """The interview template ``name`` that goes with :func:`current_catalog`."""
    from shared.domain.interview import load_template
    directory = Path(current_catalog(data_dir).directory) / "interview"
    return load_template(name, directory if directory.is_dir() else None)


def current_bank_profiles(store=None) -> dict:
    """Bank profiles by credit code: the accepted pulled ones (in the store); none ship with
    the client, so before the first pull there are none."""
    from shared.domain.bank_profile import load_profiles
    return load_profiles(store)


def current_filings(store, case) -> list[dict] | None:
    """A bank desk case's filings as the master data in use now has them (a renewed filing
    unblocks the case, a withdrawn bank leaves none, which blocks it); None when the case is
    no bank desk case or nothing changed. Blocking (reads the store: not inside its transaction)."""
    code = (case.bank or {}).get("credit_code")
    if not code:
        return None
    from shared.domain.bank_profile import filings
    profile = current_bank_profiles(store).get(code)
    new = filings(profile) if profile is not None else []
    return None if new == case.bank.get("filings") else new


def _regions_of(path: Path) -> dict[str, str]:
    raw = json.loads(path.read_text("utf-8"))
    return dict(raw["regions"])


def current_regions(data_dir: Path | str | None = None) -> dict[str, str]:
    """Region code -> name (区县): the accepted pulled dictionary, else the shipped one."""
    got = pulled(data_dir, "regions")
    if got is not None:
        try:
            return _regions_of(got.directory / FILE_OF["regions"])
        except (OSError, ValueError, KeyError, TypeError):
            _warn_once("regions", str(got.directory), "pulled %s unusable; using the shipped ones")
    return _regions_of(REGIONS_FILE)


def region_name(code: str, data_dir: Path | str | None = None) -> str:
    """The name of a 6-digit region code ("" when unknown)."""
    return current_regions(data_dir).get(str(code)[:6], "")


@dataclass(frozen=True)
class VersionInUse:
    """One line of the settings list: what (``kind``), which version, from where."""

    kind: str
    version: str
    source: str  # SERVER or SHIPPED

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    def text(self) -> Msg:
        return Msg("masterdata.version", "{version}（来源：{source}）",
                   {"version": self.version, "source": SOURCE_LABELS[self.source]})


def versions(data_dir: Path | str | None = None) -> list[VersionInUse]:
    """The versions in use of the catalog, interview templates, regions and bank profiles."""
    from shared.domain.interview import load_template, template_names
    catalog = current_catalog(data_dir)
    got = pulled(data_dir, "catalog")
    cat_source = SERVER if got is not None and Path(catalog.directory) == got.directory else SHIPPED
    out = [VersionInUse("catalog", catalog.version, cat_source)]
    folder = Path(catalog.directory) / "interview"
    folder = folder if folder.is_dir() else None
    try:
        found = sorted({load_template(n, folder).version for n in template_names(folder)})
    except CatalogError:
        found = []
    out.append(VersionInUse("interview", ", ".join(found) or "—", cat_source))
    for kind, shipped in (("regions", REGIONS_FILE), ("banks", None)):
        version = current_version(data_dir, kind) if data_dir is not None else None
        if version is not None or shipped is None:  # bank profiles: the server's, or none yet
            out.append(VersionInUse(kind, version or "—", SERVER))
            continue
        try:
            version = str(json.loads(shipped.read_text("utf-8")).get("version", "—"))
        except (OSError, ValueError, AttributeError):
            version = "—"
        out.append(VersionInUse(kind, version, SHIPPED))
    return out


# -- accepting a pulled document ----------------------------------------------------------------
def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _files_of(name: str, content: Any) -> dict[str, bytes]:
    """The files a document becomes, relative to its version folder; refuses odd file names."""
    if not isinstance(content, dict):
        raise _refuse(Msg("masterdata.not_object", "服务器下发的基础数据“{name}”内容不是 JSON 对象，已拒收", {"name": name}))
    if name in FILE_OF:
        return {FILE_OF[name]: _dump(content)}
    files = content.get("files")
    if set(content) != {"files"} or not isinstance(files, dict) or not files:
        raise _refuse(Msg("masterdata.no_files", "服务器下发的业务目录“{name}”缺少文件列表，已拒收", {"name": name}))
    out = {}
    for rel, value in files.items():
        if not isinstance(rel, str) or CATALOG_FILE_RE.fullmatch(rel) is None:
            raise _refuse(Msg("masterdata.bad_file", "服务器下发的基础数据“{name}”含不允许的文件名“{file}”，已拒收",
                              {"name": name, "file": str(rel)[:80]}))
        out[rel] = _dump(value)
    return out


def _linked_inside(base: Path, path: Path) -> bool:
    """True if a folder between ``base`` and ``path`` is a link or a reparse point (a junction):
    never followed, whether or not the OS's ``resolve`` sees through it."""
    here = base
    for part in path.relative_to(base).parts[:-1]:
        here = here / part
        try:
            st = os.lstat(here)
        except FileNotFoundError:
            return False  # from here on it is created by us
        if stat.S_ISLNK(st.st_mode) or getattr(st, "st_file_attributes", 0) & 0x400:  # REPARSE_POINT
            return True
    return False


def _write_inside(root: Path, rel: str, data: bytes) -> None:
    """Write ``root/rel``, refusing anything that would land outside ``root``."""
    base = root.resolve()
    target = (base / rel).resolve()
    if target == base or not target.is_relative_to(base) or _linked_inside(base, base / rel):
        raise _refuse(Msg("masterdata.bad_file", "服务器下发的基础数据“{name}”含不允许的文件名“{file}”，已拒收",
                          {"name": root.parent.name, "file": rel[:80]}))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _schema_errors(schema_path: Path, raw: Any) -> str | None:
    import jsonschema  # loaded here: only validation needs it
    schema = json.loads(schema_path.read_text("utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(raw), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    # the path only: a schema message may quote the value (a bank officer's name)
    return "/".join(str(p) for p in errors[0].absolute_path) or "(根)"


def validate_folder(name: str, folder: Path, version: str) -> None:
    """Load ``folder`` completely with the loaders the front ends use; raise if anything is wrong."""
    if name == "catalog":
        from shared.domain.catalog import load_catalog
        from shared.domain.interview import load_template, template_names
        index = json.loads((folder / "index.json").read_text("utf-8"))
        codes = index.get("businesses") if isinstance(index, dict) else None
        if not isinstance(codes, list) or not all(isinstance(c, str) and NAME_RE.fullmatch(c) for c in codes):
            raise _refuse(Msg("masterdata.bad_codes", "服务器下发的业务目录“{name}”的业务编码列表不正确，已拒收", {"name": name}))
        catalog = load_catalog(folder)
        if catalog.version != version:
            raise _refuse(Msg("masterdata.version_mismatch", "服务器下发的业务目录版本 {inner} 与其声明的版本 {version} 不一致，已拒收",
                              {"inner": catalog.version[:64], "version": version}))
        interview = folder / "interview"
        for tname in sorted({b.interview for b in catalog.businesses.values() if b.interview}
                            | set(template_names(interview))):
            load_template(tname, interview)
        return
    validate_content(name, json.loads((folder / FILE_OF[name]).read_text("utf-8")))


def validate_content(name: str, raw: Any) -> None:
    """Check a regions or bank-profiles document against its schema (and the profiles' loader),
    a settings document against :data:`MANAGED_SETTINGS`."""
    if name == "settings":
        managed_values(raw)
        return
    where = _schema_errors(REGIONS_SCHEMA if name == "regions" else BANKS_SCHEMA, raw)
    if where is not None:
        raise _refuse(Msg("masterdata.schema", "服务器下发的基础数据“{name}”在 {where} 处不符合格式，已拒收",
                          {"name": name, "where": where}))
    if name == "banks":
        from shared.domain.bank_profile import parse_profiles
        parse_profiles(raw, "banks")


def accept(data_dir: Path | str, name: str, version: str, content: Any, store=None) -> Pulled | None:
    """Validate a pulled document and make it the current one of its kind.

    Raises :class:`CatalogError` (and changes nothing in use) when the name, the version or
    the content is not acceptable. Bank profiles go into ``store`` (encrypted), which they need.
    """
    if not valid_name(name):
        raise _refuse(Msg("masterdata.bad_name", "服务器下发的基础数据名称“{name}”不允许，已拒收",
                          {"name": str(name)[:64]}))
    if not valid_version(version):
        raise _refuse(Msg("masterdata.bad_version", "服务器下发的基础数据“{name}”版本号格式不正确，已拒收", {"name": name}))
    if name == "banks":
        _accept_banks(data_dir, version, content, store)
        return None
    if name == "operators":
        _accept_operators(version, content, store)
        _write_store_pointer(data_dir, "operators", version)
        return None
    files = _files_of(name, content)
    digest = hashlib.sha256(version.encode("utf-8"))
    for rel in sorted(files):
        digest.update(b"\0" + rel.encode("utf-8") + b"\0" + files[rel])
    folder = digest.hexdigest()[:16]
    kind_dir = master_root(data_dir) / name
    kind_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    before = pulled(data_dir, name)
    target = kind_dir / folder
    if before is not None and before.directory == target:
        return before
    incoming = Path(tempfile.mkdtemp(dir=kind_dir, prefix=".incoming-"))
    try:
        for rel, data in files.items():
            _write_inside(incoming, rel, data)
        try:
            validate_folder(name, incoming, version)
        except CatalogError:
            raise
        except Exception as exc:  # noqa: BLE001 - a loader tripping over an odd document: refuse it
            raise _refuse(Msg("masterdata.unreadable", "服务器下发的基础数据“{name}”无法读取（{detail}），已拒收",
                                  {"name": name, "detail": type(exc).__name__})) from None
        os.chmod(incoming, 0o755)
        for folder_path in [p for p in incoming.rglob("*") if p.is_dir()] + [incoming]:
            _fsync_dir(folder_path)
        if target.exists():  # a leftover of an earlier attempt, not in use
            shutil.rmtree(target)
        os.rename(incoming, target)
        _fsync_dir(kind_dir)  # the folder is there for good before the pointer names it
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    pointer = {"version": version, "folder": folder,
               "accepted_at": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()}
    atomic_write(kind_dir / POINTER, json.dumps(pointer).encode("utf-8"), 0o644)
    _prune(kind_dir, {folder} | ({before.directory.name} if before else set()))
    return Pulled(name, version, target)


def _fsync_dir(path: Path) -> None:
    from shared.platform import fsync_dir
    fsync_dir(path)


def _accept_operators(version: str, content: Any, store) -> None:
    """The service point's operator list: checked for shape, then enrolled into the store
    (names and password hashes never go to a file)."""
    from shared.store.operators import enroll
    if store is None:
        raise ValueError("the operator list is kept in the store")
    entries = content.get("operators") if isinstance(content, dict) else None
    good = isinstance(entries, list) and len(entries) <= 10000 and all(
        isinstance(e, dict) and isinstance(e.get("staff_id"), str) and NAME_OK.fullmatch(e["staff_id"])
        and isinstance(e.get("name", ""), str) and len(e.get("name", "")) <= 64
        and isinstance(e.get("roles", []), list) and all(isinstance(r, str) for r in e.get("roles", []))
        for e in entries)
    if not good:
        raise _refuse(Msg("masterdata.schema", "服务器下发的基础数据“{name}”在 {where} 处不符合格式，已拒收",
                          {"name": "operators", "where": "operators"}))
    enroll(store, {"version": version, "content": content})


#: A staff id: letters, digits, dot, dash and underscore.
NAME_OK = re.compile(r"^[A-Za-z0-9._-]{1,32}$")


def _accept_banks(data_dir: Path | str, version: str, content: Any, store) -> None:
    from shared.domain.bank_profile import SYNC_KEY
    if store is None:
        raise ValueError("bank profiles are kept in the store")
    try:
        validate_content("banks", content)
    except CatalogError:
        raise
    except Exception as exc:  # noqa: BLE001 - a loader tripping over an odd document: refuse it
        raise _refuse(Msg("masterdata.unreadable", "服务器下发的基础数据“{name}”无法读取（{detail}），已拒收",
                          {"name": "banks", "detail": type(exc).__name__})) from None
    store.transaction(lambda tx: tx.sync_state.put(SYNC_KEY, {**content, "version": version}))
    _write_store_pointer(data_dir, "banks", version)


def _write_store_pointer(data_dir: Path | str, kind: str, version: str) -> None:
    """Record the version of a document kept in the store (only the version goes to disk)."""
    pointer = {"version": version, "in": "store",
               "accepted_at": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()}
    (master_root(data_dir) / kind).mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write(master_root(data_dir) / kind / POINTER, json.dumps(pointer).encode("utf-8"), 0o644)


def _prune(kind_dir: Path, keep: set[str]) -> None:
    """Remove older version folders (the previous one stays: an open screen may still read it)
    and day-old leftovers of interrupted attempts."""
    stale = _dt.datetime.now().timestamp() - 86400
    for child in kind_dir.iterdir():
        if not child.is_dir() or child.is_symlink() or child.name in keep:
            continue
        if FOLDER_RE.fullmatch(child.name) or (child.name.startswith(".incoming-") and child.stat().st_mtime < stale):
            shutil.rmtree(child, ignore_errors=True)


# -- settings the registry manages --------------------------------------------------------------
#: The settings a registry may manage, with their bounds (inclusive). Anything else in a
#: ``settings`` document refuses the whole document (the previous one stays in use). The audit
#: trail is kept at least a year, whatever a registry says.
MANAGED_SETTINGS: dict[str, tuple[int, int]] = {
    "sync.interval_s": (10, 86400),
    "offline_limits.min_free_mb": (0, 1 << 20),
    "offline_limits.max_unsent": (1, 100000),
    "offline_limits.max_days_without_sync": (1, 365),
    "operators.idle_lock_minutes": (1, 120),
    "operators.max_failures": (3, 20),
    "operators.lock_minutes": (1, 1440),
    "operators.password_days": (1, 3650),
    "retention_days": (1, 3650),
    "audit_retention_days": (365, 3650),
}
MANAGED_LABELS = {
    "sync.interval_s": N_("自动同步间隔（秒）"),
    "offline_limits.min_free_mb": N_("最少剩余磁盘空间（MB）"),
    "offline_limits.max_unsent": N_("未上传数据包上限"),
    "offline_limits.max_days_without_sync": N_("最长未同步天数"),
    "operators.idle_lock_minutes": N_("无操作自动锁定（分钟）"),
    "operators.max_failures": N_("密码错误锁定次数"),
    "operators.lock_minutes": N_("账号锁定时长（分钟）"),
    "operators.password_days": N_("密码有效期（天）"),
    "retention_days": N_("办结后本机数据保留（天）"),
    "audit_retention_days": N_("审计记录保留（天）"),
}


def managed_values(raw: Any) -> dict[str, int]:
    """The managed settings of a ``settings`` document, ``{"settings": {dotted key: integer}}``:
    every key on the whitelist, every value an integer within its bounds; else refused."""
    def refuse(where: str) -> CatalogError:
        return _refuse(Msg("masterdata.schema", "服务器下发的基础数据“{name}”在 {where} 处不符合格式，已拒收",
                           {"name": "settings", "where": where[:80]}))
    values = raw.get("settings") if isinstance(raw, dict) and set(raw) == {"settings"} else None
    if not isinstance(values, dict) or len(values) > len(MANAGED_SETTINGS):
        raise refuse("settings")
    for key, value in values.items():
        if key not in MANAGED_SETTINGS:
            raise refuse("settings." + str(key))
        low, high = MANAGED_SETTINGS[key]
        if type(value) is not int or not low <= value <= high:
            raise refuse("settings." + key)
    return dict(values)


def managed_settings(data_dir: Path | str | None) -> dict[str, int]:
    """The managed settings accepted from the registry (checked again as they are read; {}:
    none, or unreadable)."""
    got = pulled(data_dir, "settings")
    if got is None:
        return {}
    try:
        return managed_values(json.loads((got.directory / FILE_OF["settings"]).read_text("utf-8")))
    except (OSError, ValueError, CatalogError):
        _warn_once("settings", "content", "managed settings of %s unreadable; the local ones apply")
        return {}


def apply_managed(settings, data_dir: Path | str | None) -> None:
    """Put the registry's managed settings over ``settings`` (a :class:`~shared.config.Settings`)."""
    nested: dict[str, Any] = {}
    for key, value in managed_settings(data_dir).items():
        node = nested
        *parents, last = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    settings.managed = nested


def effective_settings(data_dir: Path | str | None, config_dir: Path | str | None = None):
    """The settings a device goes by: the machine's (``settings.json`` of ``config_dir``, by
    default the one of ``data_dir``) with the registry's managed values over them. The counter,
    the kiosk, the ``yizhan`` command and an :class:`~shared.workflow.auth.Authenticator` made
    without settings all start from here."""
    from shared.config import Settings, default_config_dir
    data = Path(data_dir) if data_dir is not None else None
    settings = Settings.load(Path(config_dir) if config_dir is not None else default_config_dir(data))
    apply_managed(settings, data)
    return settings

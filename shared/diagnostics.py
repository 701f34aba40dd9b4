"""A support bundle in one click: ``yizhan diagnostics`` and the counter's help menu call :func:`write_bundle`.

The bundle is a zip of small text files: versions, settings (secrets removed), device checks,
the queue and case counts, the guard-rails, the audit chain's state and the last log lines.
Nothing personal leaves the machine: every file passes through the masking scrubber (ID and
phone numbers), and every name and ID number held in the store is masked wherever it appears
(a log line written by older code, a server message), before the file is written.
"""

from __future__ import annotations

import datetime as _dt
import importlib.metadata
import json
import logging
import os
import platform as _os_platform
import re
import socket
import sys
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any, Callable

from shared import config, platform
from shared.security.masking import mask_id, mask_name, scrub
from shared.store.store import DB_NAME, Store

log = logging.getLogger("yizhan.diagnostics")

LOG_LINES = 400
SECRET_KEY_RE = re.compile(r"(token|secret|password|passwd|code|private|key|pin|cookie|auth)", re.I)
PACKAGES = ("PySide6-Essentials", "sqlcipher3", "opencv-python-headless", "numpy", "reportlab", "cryptography",
            "requests", "pyserial", "keyring", "zxing-cpp", "pyzbar", "python-sane", "jsonschema")
REMOVED = "<removed>"


def app_version() -> str:
    """The installed version: the package metadata, else the ``VERSION`` file of a Windows install."""
    try:
        return importlib.metadata.version("yizhan")
    except importlib.metadata.PackageNotFoundError:
        pass
    for candidate in (platform.resources_dir().parent / "VERSION", platform.install_dir() / "app" / "VERSION"):
        if candidate.is_file():
            return candidate.read_text("utf-8").strip()
    return "unknown"


def versions() -> dict[str, Any]:
    """Yizhan, Python, the OS and the libraries that matter to support (no import of Qt)."""
    libs = {}
    for name in PACKAGES:
        try:
            libs[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            libs[name] = None
    return {"yizhan": app_version(), "python": sys.version.split()[0], "executable_frozen": platform.is_frozen(),
            "os": platform.system(), "os_release": _os_platform.platform(), "machine": _os_platform.machine(),
            "install_dir": str(platform.install_dir()), "packages": libs}


def redact_settings(values: Any) -> Any:
    """A copy of the settings with every secret-looking key's value replaced by ``<removed>``."""
    if isinstance(values, dict):
        return {k: REMOVED if SECRET_KEY_RE.search(str(k)) and not isinstance(v, (dict, bool))
                else redact_settings(v) for k, v in values.items()}
    if isinstance(values, list):
        return [redact_settings(v) for v in values]
    return values


def log_dir() -> Path:
    """Where the rotating log files are (the same rule as the logging setup)."""
    return Path(config.default_log_dir())


def last_log_lines(folder: Path, n: int = LOG_LINES) -> dict[str, list[str]]:
    """The last ``n`` lines of each ``*.log`` file in ``folder`` (rotated copies left out)."""
    out: dict[str, list[str]] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.log")):
        try:
            with path.open("rb") as fh:
                fh.seek(0, os.SEEK_END)
                fh.seek(max(0, fh.tell() - 256 * 1024))
                lines = fh.read().decode("utf-8", "replace").splitlines()
        except OSError as exc:
            out[path.name] = ["(unreadable: {})".format(exc.strerror)]
            continue
        out[path.name] = lines[-n:]
    return out


class _Redactor:
    """Masks the store's known names and ID numbers, then anything ID- or phone-shaped."""

    def __init__(self, names: set[str], numbers: set[str]) -> None:
        pairs = [(v, mask_name(v)) for v in names if len(v) >= 2]
        pairs += [(v, mask_id(v)) for v in numbers if len(v) >= 4]
        pairs.sort(key=lambda p: -len(p[0]))  # longest first: 欧阳小锋 before 欧阳
        self._pairs = pairs

    def __call__(self, text: str) -> str:
        for value, masked in self._pairs:
            if value in text:
                text = text.replace(value, masked)
        return scrub(text)


def _personal_values(store) -> tuple[set[str], set[str]]:
    names: set[str] = set()
    numbers: set[str] = set()
    offset = 0
    while True:
        rows = store.list_cases(limit=500, offset=offset)
        for row in rows:
            try:
                case = store.get_case(row.id)
            except Exception:  # a damaged case: its summary's values are still known
                names.add(row.first_party_name or "")
                numbers.add(row.first_party_id or "")
                continue
            for party in case.parties:
                names.update(v for v in (party.name, party.legal_rep, getattr(party.agent, "name", "")) if v)
                numbers.update(v for v in (party.id_number, party.phone, getattr(party.agent, "id_number", "")) if v)
        if len(rows) < 500:
            break
        offset += 500
    names.discard("")
    numbers.discard("")
    return names, numbers


def _safe(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except Exception as exc:  # one failing part must not cost the whole bundle
        log.info("diagnostics part failed: %s", type(exc).__name__)
        return {"error": "{}: {}".format(type(exc).__name__, exc)}


def _store_parts(store, settings) -> dict[str, Any]:
    from shared.sync import enrollment
    from shared.sync.outbox import Outbox
    from shared.sync.summary import describe
    outbox = Outbox(store, settings)
    items = outbox.items()
    queue = {"by_state": dict(Counter(it.state for it in items)),
             "pending": dict(zip(("packets", "bytes_left"), outbox.pending())),
             "items": [{"packet": it.packet_id, "state": it.state, "progress": "{}/{}".format(it.offset, it.size),
                        "summary": describe(it), "last_error": (it.last_error or "")[:200]} for it in items[-50:]]}
    cases = Counter(row.state.value for row in store.list_cases(limit=1_000_000))
    report = store.verify_audit()
    ident = enrollment.load(store)
    return {
        "queue.json": queue,
        "cases.json": {"total": store.count_cases(), "by_state": dict(cases)},
        "guard_rails.json": {"blocked": [m.render() for m in outbox.guard_rails()]},
        "audit.json": {"chain_ok": report.ok, "rows": report.rows, "problems": report.problems[:50]},
        "enrollment.json": {"enrolled": ident is not None,
                            "server_url": ident.server_url if ident else None,
                            "device_id": ident.device_id if ident else None,
                            "ca_fingerprint": ident.ca_fingerprint if ident else None,
                            "enrolled_at": ident.enrolled_at if ident else None},
        "integrity.json": {"sqlite_integrity_check": store.integrity_check()},
    }


def collect(data_dir: Path | None = None, config_dir: Path | None = None,
            device_checks: Callable[[], list[dict]] | None = None) -> tuple[dict[str, Any], Callable[[str], str]]:
    """The bundle's files (name -> JSON-able value or text) and the redactor to pass them through."""
    data_dir = Path(data_dir) if data_dir else config.default_data_dir()
    config_dir = Path(config_dir) if config_dir else config.default_config_dir(data_dir)
    settings = config.Settings.load(config_dir)
    parts: dict[str, Any] = {
        "versions.json": _safe(versions),
        "settings.json": redact_settings(settings.values),
        "paths.json": {"data_dir": str(data_dir), "config_dir": str(config_dir), "log_dir": str(log_dir()),
                       "resources_dir": str(platform.resources_dir())},
    }
    redactor = _Redactor(set(), set())
    if (data_dir / DB_NAME).exists():
        try:
            with Store.open(data_dir, config_dir) as store:
                names, numbers = _personal_values(store)
                redactor = _Redactor(names, numbers)
                parts.update(_store_parts(store, settings))
        except Exception as exc:
            parts["store.json"] = {"error": "{}: {}".format(type(exc).__name__, exc)}
    else:
        parts["store.json"] = {"error": "no store in the data directory"}
    if device_checks is not None:
        parts["devices.json"] = _safe(device_checks)
    for name, lines in last_log_lines(log_dir()).items():
        parts["logs/" + name + ".txt"] = "\n".join(lines) + "\n"
    return parts, redactor


def write_bundle(out_dir: Path | None = None, data_dir: Path | None = None, config_dir: Path | None = None,
                 device_checks: Callable[[], list[dict]] | None = None, now: _dt.datetime | None = None) -> Path:
    """Write ``yizhan-diagnostics-<host>-<time>.zip`` in ``out_dir`` (default: the log folder)."""
    parts, redact = collect(data_dir, config_dir, device_checks)
    now = now or _dt.datetime.now()
    target = Path(out_dir) if out_dir else log_dir()
    host = re.sub(r"[^A-Za-z0-9_-]", "_", socket.gethostname())[:40] or "host"
    path = target / "yizhan-diagnostics-{}-{}.zip".format(host, now.strftime("%Y%m%d-%H%M%S"))
    try:
        platform.make_private_dir(target)  # only a folder it creates is made private
        with config.atomic_writer(path, mode=0o600) as raw:  # 0600, the temp removed on any error
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
                for name, value in sorted(parts.items()):
                    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, indent=2,
                                                                           default=str)
                    zf.writestr(name, redact(text))
                zf.writestr("README.txt", "一站 Yizhan 诊断包 / diagnostics bundle {}\n"
                            "个人信息已遮蔽（姓名、证件号、手机号）。Personal data masked.\n".format(now.isoformat()))
    except OSError as exc:
        from shared.errors import YizhanError, os_error_msg
        from shared.i18n import Msg
        raise YizhanError(Msg("diag.out", "无法在 {path} 写入诊断包：{err}",
                              {"path": str(target)[:200], "err": os_error_msg(exc)})) from None
    return path

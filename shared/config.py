"""Where Yizhan keeps its data and settings, and the versioned settings themselves.

The data directory (the encrypted store, packets) and the configuration directory (settings,
the weaker key-file fallback) are separate on purpose: a key file must never lie beside the
database it opens. Tests always pass their own directories and never see a real user's data.
"""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from shared import platform

SETTINGS_VERSION = 1

DEFAULT_SETTINGS: dict[str, Any] = {
    "version": SETTINGS_VERSION,
    "language": "zh",
    "server_url": "https://127.0.0.1:8443",
    "offline_limits": {"min_free_mb": 500, "max_unsent": 200, "max_days_without_sync": 7},
    "retention_days": 30,
    "audit_retention_days": 400,
    "originals_deadline_days": 5,
    "devices": {"idcard": "auto", "camera": "auto", "scanner": "auto"},
    # server: the registration server compares (authoritative); local: the optional dlib
    # pre-check (dlib-bin + face-recognition-models); none: left to the registry.
    "face": {"comparer": "server"},
    # The crypto suite asked for at enrollment (shared.cryptosuite): "default" (Ed25519,
    # RSA-OAEP, AES-256-GCM, SHA-256) or "gm" (SM2, SM4-GCM, SM3); the server must offer it.
    "crypto_suite": "default",
    # The bank's electronic seal (a USB key): its PKCS#11 driver (empty: the first found on this
    # system), the token and key labels when it holds several, a seal image (empty: drawn).
    "seal": {"module": "", "token": "", "key": "", "image": ""},
    # The bank's credit system (shared/integration): the local API on 127.0.0.1:port (token
    # from ``yizhan integration token --new``), outcomes back to webhook_url (signed with the
    # secret of ``yizhan integration secret --new``), drop_dir as the fallback.
    "integration": {"enabled": False, "port": 8765, "actor": "银行信贷系统", "token_days": 365,
                    "webhook_url": "", "drop_dir": "", "fallback_after_attempts": 3,
                    "service_point": ""},  # the bank desk the API serves (its bank fills the mortgagee)
    # the store key sealed to the TPM may be bound to PCRs ("sha256:7"); empty: not bound
    "store": {"tpm_pcrs": ""},
}


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    return Path(value) if value else Path.home() / fallback


def _xdg_data_dir() -> Path:
    """The platform's default data folder (XDG on Linux, %LOCALAPPDATA% on Windows)."""
    return platform.user_data_dir()


def resolve_data_dir(data_dir: Path | str | None = None) -> Path:
    """The data directory: ``data_dir`` (``--data-dir``), else ``$YIZHAN_DATA_DIR``, else XDG.

    Every entry point (the counter, the kiosk, the ``yizhan`` command) decides it here, so a
    command-line directory always wins over the environment.
    """
    if data_dir:
        return Path(data_dir).expanduser()
    env = os.environ.get("YIZHAN_DATA_DIR")
    return Path(env).expanduser() if env else _xdg_data_dir()


def config_dir_for(data_dir: Path) -> Path:
    """The configuration directory of the store in ``data_dir``: one rule for every source.

    ``$YIZHAN_CONFIG_DIR`` if set; else XDG (``~/.config/yizhan``) for the default data
    directory, however it was named (``--data-dir``, ``$YIZHAN_DATA_DIR`` or nothing); else
    ``<data>.config`` beside it. A key already kept in ``<data>.config`` (where earlier versions
    put it when the data directory came from the environment) is still found there.
    """
    env = os.environ.get("YIZHAN_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    data_dir = Path(data_dir).expanduser()
    beside = data_dir.with_name(data_dir.name + ".config")
    if _same_path(data_dir, _xdg_data_dir()):
        xdg = platform.user_config_dir()
        if (beside / "store.key").exists() and not (xdg / "store.key").exists():
            return beside
        return xdg
    return beside


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a.absolute() == b.absolute()


def resolve_dirs(data_dir: Path | str | None = None) -> tuple[Path, Path]:
    """``(data_dir, config_dir)`` for a ``--data-dir`` value (or ``None``)."""
    data = resolve_data_dir(data_dir)
    return data, config_dir_for(data)


def default_data_dir() -> Path:
    """``$YIZHAN_DATA_DIR``, else ``$XDG_DATA_HOME/yizhan`` (``~/.local/share/yizhan``)."""
    return resolve_data_dir(None)


def default_config_dir(data_dir: Path | None = None) -> Path:
    """The configuration directory of ``data_dir`` (default: :func:`default_data_dir`)."""
    return config_dir_for(resolve_data_dir(data_dir))


def default_log_dir() -> Path:
    """``$YIZHAN_LOG_DIR``; else beside ``$YIZHAN_DATA_DIR`` (``<data>.log``); else the platform's
    log folder: ``%LOCALAPPDATA%\\Yizhan\\Logs`` on Windows, ``$XDG_STATE_HOME/yizhan/log``
    (``~/.local/state/yizhan/log``) elsewhere."""
    env = os.environ.get("YIZHAN_LOG_DIR")
    if env:
        return Path(env)
    if os.environ.get("YIZHAN_DATA_DIR"):
        d = Path(os.environ["YIZHAN_DATA_DIR"])
        return d.with_name(d.name + ".log")
    return platform.user_log_dir()


@contextlib.contextmanager
def atomic_writer(path: Path, mode: int = 0o600) -> Iterator[BinaryIO]:
    """A binary file handle whose content replaces ``path`` atomically when the ``with``
    block ends without an error: temp file in the same folder (mode ``mode``), fsync, replace.

    The one safe writer (:func:`atomic_write` is it for bytes in memory; a long export streams
    through it). The temp file is removed on every error path (a full disk, an error of the
    caller's while writing). ``path`` must be a regular file if it exists: a device node, a
    FIFO or a folder is never replaced (``OSError`` EINVAL), before anything is written."""
    import errno
    import stat
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    try:
        platform.restrict_fd(fd, mode)  # POSIX modes; Windows: the profile folder's ACL
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` atomically (:func:`atomic_writer`): temp file in the same
    folder, fsync, replace; the temp file is removed on every error path; a device node, a
    FIFO or a folder at ``path`` is never replaced (``OSError`` EINVAL)."""
    with atomic_writer(path, mode) as fh:
        fh.write(data)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


_MISSING = object()


def _lookup(node: Any, key: str) -> Any:
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return _MISSING
        node = node[part]
    return node


MAX_SETTINGS_BYTES = 1024 * 1024
MAX_SETTINGS_DEPTH = 16
log = logging.getLogger("yizhan.config")


def _depth(node: Any, limit: int) -> int:
    """How deeply ``node`` nests (stops counting past ``limit``)."""
    stack, deepest = [(node, 1)], 0
    while stack:
        item, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, d + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, d + 1) for v in item)
    return deepest


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, str):
        return isinstance(value, str)
    if isinstance(default, dict):
        return isinstance(value, dict)
    return True


def _typed(raw: dict[str, Any], defaults: dict[str, Any], path: Path, prefix: str = "") -> dict[str, Any]:
    """``raw`` without the known settings whose value has the wrong type (each one logged,
    naming the setting and the file; its default then holds). Unknown keys are kept."""
    out = {}
    for key, value in raw.items():
        if key in defaults and key != "version":
            if not _same_kind(value, defaults[key]):
                log.warning("settings file %s: setting %s%s has the wrong type (%s); its default is used",
                            path, prefix, key[:80], type(value).__name__)
                continue
            if isinstance(value, dict):
                value = _typed(value, defaults[key], path, prefix + key + ".")
        out[key] = value
    return out


def _read_settings(path: Path) -> dict[str, Any]:
    """The settings in ``path``, checked before they are used: a regular file of at most
    :data:`MAX_SETTINGS_BYTES` (never a FIFO, a device or a folder), JSON nested at most
    :data:`MAX_SETTINGS_DEPTH` deep, an object at the top, each known setting of the type of
    its default. What fails is not an error: the defaults hold (for the whole file, or for
    the one setting), a warning names the file (and the setting) in the log, the file is
    kept as it is."""
    try:
        data = platform.read_regular(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        log.warning("settings file %s cannot be read (%s); the defaults are used",
                    path, exc.strerror if platform.is_too_large(exc) or platform.is_not_regular(exc)
                    else type(exc).__name__)
        return {}
    try:
        raw = json.loads(data.decode("utf-8-sig"))  # Notepad writes a BOM
    except (ValueError, RecursionError):
        log.warning("settings file %s is not valid JSON; the defaults are used", path)
        return {}
    if not isinstance(raw, dict):
        log.warning("settings file %s does not hold a JSON object; the defaults are used", path)
        return {}
    if _depth(raw, MAX_SETTINGS_DEPTH) > MAX_SETTINGS_DEPTH:
        log.warning("settings file %s is nested too deeply; the defaults are used", path)
        return {}
    version = raw.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        log.warning("settings file %s: setting version is not valid; taken as 0", path)
        raw["version"] = 0
    return raw


def migrate_settings(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring settings of an older version up to :data:`SETTINGS_VERSION`."""
    version = int(raw.get("version", 0))
    if version < 1:  # version 0 had a flat "lang" key
        if "lang" in raw:
            raw["language"] = raw.pop("lang")
        raw["version"] = 1
    return raw


@dataclass
class Settings:
    """Versioned settings in ``settings.json`` of the configuration directory.

    ``managed`` holds the settings the registry manages (its ``settings`` master-data document,
    already checked against its whitelist and bounds by :mod:`shared.masterdata`): they win
    over the local values (:meth:`get`), and :meth:`is_managed` tells screens to show them
    read-only."""

    path: Path
    values: dict[str, Any]
    managed: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, config_dir: Path) -> "Settings":
        path = config_dir / "settings.json"
        raw = _typed(migrate_settings(_read_settings(path)), DEFAULT_SETTINGS, path)
        # a copy: setting a nested key must not change the defaults of every later load
        return cls(path, _merge(copy.deepcopy(DEFAULT_SETTINGS), raw))

    def get(self, key: str, default: Any = None) -> Any:
        local, over = _lookup(self.values, key), _lookup(self.managed, key)
        if over is _MISSING:
            return default if local is _MISSING else local
        if isinstance(over, dict) and isinstance(local, dict):
            return _merge(local, over)
        return over

    def is_managed(self, key: str) -> bool:
        """Whether the registry manages ``key`` (or a key inside it)."""
        return _lookup(self.managed, key) is not _MISSING

    def set(self, key: str, value: Any) -> None:
        node = self.values
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value

    def save(self) -> None:
        atomic_write(self.path, json.dumps(self.values, ensure_ascii=False, indent=2).encode())

"""Where the store's 256-bit key lives. Never in clear beside the database.

* :class:`KeyringKeyProvider`: the OS keyring (Secret Service on Linux, Windows Credential
  Manager). Preferred.
* :class:`FileKeyProvider`: a 0600 file in the configuration directory, which is separate
  from the data directory. The weaker choice (anyone who can read the user's files can read
  the key), used where no keyring backend exists, e.g. headless service points and CI.

* :class:`shared.store.tpm.TpmKeyProvider`: sealed to the TPM 2.0 chip. Chosen for a new store
  where a TPM is present (``/dev/tpmrm0`` on Linux); the strongest choice, as the key never
  leaves this machine's chip in a usable form.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import stat
from abc import ABC, abstractmethod
from pathlib import Path

from shared import platform
from shared.config import atomic_write
from shared.errors import StoreError, os_error_msg
from shared.i18n import N_, Msg

log = logging.getLogger(__name__)
KEY_BYTES = 32


class KeyProvider(ABC):
    """Loads or creates the key of one store."""

    name = "abstract"

    @abstractmethod
    def load(self) -> bytes | None:
        """The key, or ``None`` if none was ever created."""

    @abstractmethod
    def save(self, key: bytes) -> None:
        """Keep ``key`` for later."""

    def create(self) -> bytes:
        """Make and keep a fresh random key."""
        key = secrets.token_bytes(KEY_BYTES)
        self.save(key)
        return key


MAX_KEY_FILE_BYTES = 1024


class FileKeyProvider(KeyProvider):
    """The key in a 0600 file (hex) in the configuration directory."""

    name = "file"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _refused(self, code: str, exc: BaseException | None = None) -> StoreError:
        """The key file's problem ``code`` (``key.read`` with the OS's cause), the database untouched."""
        texts = {"key.read": N_("无法读取密钥文件 {path}：{err}，数据库未作改动"),
                 "key.not_regular": N_("密钥文件 {path} 不是普通文件（可能是文件夹、设备或管道），数据库未作改动；请从备份恢复密钥文件"),
                 "key.corrupt": N_("密钥文件 {path} 已损坏，数据库未作改动；请从备份恢复密钥文件")}
        params = {"path": str(self.path)}
        if exc is not None:
            params["err"] = os_error_msg(exc)
        return StoreError(Msg(code, texts[code], params))

    def load(self) -> bytes | None:
        """The key from the file, or None; StoreError when others may read the file."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise self._refused("key.read", exc) from None
        if not stat.S_ISREG(st.st_mode):  # a folder, a FIFO (would block), a device (/dev/zero)
            raise self._refused("key.not_regular")
        mode = stat.S_IMODE(st.st_mode)
        if os.name == "posix" and mode & 0o077:
            raise StoreError(Msg("key.perms", "密钥文件 {path} 权限过宽（{mode}），请改为仅本人可读（chmod 600）",
                                 {"path": str(self.path), "mode": oct(mode)}))
        try:  # a key is 64 hex digits: anything much larger is not one
            key = bytes.fromhex(platform.read_regular(self.path, MAX_KEY_FILE_BYTES).decode("ascii").strip())
        except OSError as exc:
            if platform.is_too_large(exc):
                raise self._refused("key.corrupt") from None
            if platform.is_not_regular(exc):  # replaced since the stat above
                raise self._refused("key.not_regular") from None
            raise self._refused("key.read", exc) from None
        except (ValueError, UnicodeDecodeError):
            raise self._refused("key.corrupt") from None
        if len(key) != KEY_BYTES:
            raise StoreError(Msg("key.length", "密钥文件 {path} 长度不对，数据库未作改动", {"path": str(self.path)}))
        return key

    def save(self, key: bytes) -> None:
        """Write the key atomically, readable by its owner only (0600)."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(self.path, key.hex().encode("ascii"), mode=0o600)


class KeyringKeyProvider(KeyProvider):
    """The key in the OS keyring, under service ``yizhan`` and an id derived from the store path."""

    name = "keyring"
    SERVICE = "yizhan"

    def __init__(self, db_path: Path, backend=None) -> None:
        self.account = "store-" + hashlib.sha256(str(Path(db_path).resolve()).encode()).hexdigest()[:16]
        self.backend = backend

    def _kr(self):
        if self.backend is not None:
            return self.backend
        import keyring
        return keyring.get_keyring()

    def load(self) -> bytes | None:
        """The key from the system keyring, or None when it holds none."""
        value = self._kr().get_password(self.SERVICE, self.account)
        return bytes.fromhex(value) if value else None

    def save(self, key: bytes) -> None:
        """Keep the key in the system keyring (hex)."""
        self._kr().set_password(self.SERVICE, self.account, key.hex())


def keyring_usable() -> bool:
    """True when a real keyring backend (not the fail or null one) is configured."""
    try:
        import keyring
        from keyring.backends import fail, null
        kr = keyring.get_keyring()
    except Exception:  # a broken keyring install must not stop the app
        return False
    if isinstance(kr, (fail.Keyring, null.Keyring)):
        return False
    if type(kr).__name__ == "ChainerBackend":
        return bool(getattr(kr, "backends", None))
    return True


def default_key_provider(db_path: Path, config_dir: Path) -> KeyProvider:
    """The provider that holds (or will hold) the key of the store at ``db_path``.

    ``YIZHAN_KEY_PROVIDER=tpm|keyring|file`` forces one. Otherwise a provider that already
    holds this store's key stays it (a sealed ``store.tpm``, a ``store.key`` file), so a
    keyring or TPM that appears later does not hide the key the store was made with; a new
    store goes to the TPM where one is present, else the keyring where one works, else the
    key file (the documented fallback).
    """
    from shared.store import tpm
    choice = os.environ.get("YIZHAN_KEY_PROVIDER", "auto")
    config_dir = Path(config_dir)
    file_provider = FileKeyProvider(config_dir / "store.key")
    if choice == "tpm" or (choice == "auto" and (config_dir / tpm.BLOB_NAME).exists()):
        return tpm_provider(config_dir)
    if choice == "file" or file_provider.path.exists():
        return file_provider
    if choice == "auto" and not Path(db_path).exists() and tpm.tpm_present():
        return tpm_provider(config_dir)
    if choice == "keyring" or keyring_usable():
        return KeyringKeyProvider(db_path)
    log.info("no OS keyring available: the store key is kept in a 0600 file (weaker)")
    return file_provider


def tpm_provider(config_dir: Path) -> KeyProvider:
    """The TPM provider of this configuration directory; its PCR binding for a new key comes
    from the setting ``store.tpm_pcrs`` (e.g. ``"sha256:7"``; empty: not bound)."""
    from shared.config import Settings
    from shared.store import tpm
    pcrs = Settings.load(Path(config_dir)).get("store.tpm_pcrs", "") or ""
    return tpm.TpmKeyProvider(Path(config_dir) / tpm.BLOB_NAME, pcrs=str(pcrs))

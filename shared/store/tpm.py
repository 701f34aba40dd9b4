"""The store key sealed to a TPM 2.0 (:class:`TpmKeyProvider`).

The key is a sealed data object (keyed-hash, no sign/decrypt) under a primary key of the
owner hierarchy. The primary is never kept: it is derived again from the owner seed and the
same template at every open, so only the sealed object's public and private parts are kept,
in ``store.tpm`` of the configuration directory. That file is useless without this TPM: its
private part is encrypted by the primary. Optionally the object is bound to PCR values
(setting ``store.tpm_pcrs``, e.g. ``"sha256:7"``: Secure Boot state), so a changed boot
chain cannot unseal it.

A TPM that was cleared (new owner seed) derives another primary: the sealed object no longer
loads and the store cannot be opened. That is reported as such; the provider never makes a
new key then (a new key beside the old database would look like an empty store).

The commands run in a session salted with the primary and encrypting the key on the bus.
Reached through a TCTI: ``device:/dev/tpmrm0`` on Linux by default, or ``$YIZHAN_TPM_TCTI``
(``swtpm:host=127.0.0.1,port=2321`` for a software TPM). tpm2-pytss has no Windows build, so
the Windows TBS is not used (the keyring or the key file serves there).
"""

from __future__ import annotations

import json
import logging
import os
from contextlib import contextmanager
from pathlib import Path

from shared.config import atomic_write
from shared.errors import StoreError
from shared.i18n import Msg
from shared.store.keys import KEY_BYTES, KeyProvider

log = logging.getLogger(__name__)
LINUX_DEVICE = "/dev/tpmrm0"
BLOB_NAME = "store.tpm"
BLOB_LIMIT = 16 << 10  # a sealed object's two parts are a few hundred bytes


def default_tcti() -> str:
    """``$YIZHAN_TPM_TCTI``, else the kernel's resource manager."""
    return os.environ.get("YIZHAN_TPM_TCTI") or "device:" + LINUX_DEVICE


def tpm_present() -> bool:
    """True where a TPM can be used without asking: the Linux resource manager device is
    there and usable, and tpm2-pytss is installed."""
    if os.name != "posix" or not os.path.exists(LINUX_DEVICE) or not os.access(LINUX_DEVICE, os.R_OK | os.W_OK):
        return False
    try:
        import tpm2_pytss  # noqa: F401
    except Exception:  # missing library or libtss2: no TPM for us
        return False
    return True


def _unavailable(tcti: str, err: object) -> StoreError:
    return StoreError(Msg("tpm.unavailable", "无法连接 TPM（{tcti}）：{err}。数据库未作改动；请检查 TPM 是否启用，或设置 YIZHAN_KEY_PROVIDER 改用其他密钥方式",
                          {"tcti": tcti, "err": str(err)[:200]}))


def _reset(path: Path) -> StoreError:
    return StoreError(Msg("tpm.reset", "TPM 中封存的密钥（{path}）无法解封：TPM 已被清除或重置。数据库无法打开，未作改动，未建新库；请从备份恢复并重新登记本机",
                          {"path": str(path)}))


def _pcr_changed(pcrs: str) -> StoreError:
    return StoreError(Msg("tpm.pcr", "TPM 拒绝解封密钥：绑定的平台状态（PCR {pcrs}）已变（固件或引导变了）。数据库未作改动；请恢复启动配置，或从备份恢复并重新登记",
                          {"pcrs": pcrs}))


def _bad_blob(path: Path) -> StoreError:
    return StoreError(Msg("tpm.blob", "TPM 密钥文件 {path} 已损坏，数据库未作改动；请从备份恢复该文件", {"path": str(path)}))


class TpmKeyProvider(KeyProvider):
    """Seals the store key to a TPM 2.0; keeps the sealed object in ``blob_path``."""

    name = "tpm"

    def __init__(self, blob_path: Path, tcti: str | None = None, pcrs: str = "") -> None:
        self.path = Path(blob_path)
        self.tcti = tcti or default_tcti()
        self.pcrs = pcrs.strip()

    # -- the TPM ---------------------------------------------------------------------------
    @contextmanager
    def _esapi(self):
        os.environ.setdefault("TSS2_LOG", "all+NONE")  # the library's own errors become ours, not stderr lines
        from tpm2_pytss import ESAPI, TCTILdr
        try:
            tcti = TCTILdr.parse(self.tcti)
        except Exception as err:  # no such TCTI module, no device, refused connection
            raise _unavailable(self.tcti, err) from None
        try:
            ectx = ESAPI(tcti)
        except Exception as err:
            tcti.close()
            raise _unavailable(self.tcti, err) from None
        try:
            yield ectx
        finally:
            ectx.close()
            tcti.close()

    @staticmethod
    def _primary(ectx):
        """The owner hierarchy's storage primary (ECC P-256, the usual SRK template):
        the same key at every call until the TPM is cleared."""
        from tpm2_pytss import ESYS_TR, TPM2B_PUBLIC, TPMA_OBJECT
        template = TPM2B_PUBLIC.parse("ecc256:aes128cfb",
                                      objectAttributes=TPMA_OBJECT.DEFAULT_TPM2_TOOLS_CREATEPRIMARY_ATTRS)
        return ectx.create_primary(None, template, ESYS_TR.OWNER)[0]

    @staticmethod
    def _session(ectx, primary, kind):
        """A session salted with the primary that encrypts the first parameter both ways."""
        from tpm2_pytss import ESYS_TR, TPM2_ALG, TPMA_SESSION
        session = ectx.start_auth_session(primary, ESYS_TR.NONE, kind, "aes128cfb", TPM2_ALG.SHA256)
        ectx.trsess_set_attributes(session, TPMA_SESSION.DECRYPT | TPMA_SESSION.ENCRYPT | TPMA_SESSION.CONTINUESESSION)
        return session

    def _policy(self, ectx, session) -> None:
        from tpm2_pytss import TPM2B_DIGEST, TPML_PCR_SELECTION
        ectx.policy_pcr(session, TPM2B_DIGEST(), TPML_PCR_SELECTION.parse(self.pcrs))

    def _policy_digest(self, ectx) -> bytes:
        from tpm2_pytss import ESYS_TR, TPM2_ALG, TPM2_SE
        trial = ectx.start_auth_session(ESYS_TR.NONE, ESYS_TR.NONE, TPM2_SE.TRIAL, None, TPM2_ALG.SHA256)
        try:
            self._policy(ectx, trial)
            return bytes(ectx.policy_get_digest(trial))
        finally:
            ectx.flush_context(trial)

    # -- KeyProvider -----------------------------------------------------------------------
    def load(self) -> bytes | None:
        """Unseal the key; None when no key was ever sealed (no ``store.tpm``)."""
        if not self.path.exists():
            return None
        public, private, pcrs = self._read_blob()
        self.pcrs = pcrs
        from tpm2_pytss import TPM2_SE, TPM2B_PRIVATE, TPM2B_PUBLIC, TSS2_Exception
        with self._esapi() as ectx:
            try:
                primary = self._primary(ectx)
            except TSS2_Exception as err:
                raise _unavailable(self.tcti, err) from None
            try:
                handle = ectx.load(primary, TPM2B_PRIVATE.unmarshal(private)[0], TPM2B_PUBLIC.unmarshal(public)[0])
            except TSS2_Exception:
                raise _reset(self.path) from None
            except Exception:
                raise _bad_blob(self.path) from None
            session = self._session(ectx, primary, TPM2_SE.POLICY if self.pcrs else TPM2_SE.HMAC)
            try:
                if self.pcrs:
                    self._policy(ectx, session)
                key = bytes(ectx.unseal(handle, session1=session))
            except TSS2_Exception as err:
                if self.pcrs:
                    raise _pcr_changed(self.pcrs) from None
                raise _unavailable(self.tcti, err) from None
            finally:
                ectx.flush_context(session)
                ectx.flush_context(handle)
                ectx.flush_context(primary)
        if len(key) != KEY_BYTES:
            raise _bad_blob(self.path)
        return key

    def save(self, key: bytes) -> None:
        """Seal ``key`` under the owner primary (bound to ``pcrs`` if set) and keep the blob."""
        from tpm2_pytss import (TPM2_ALG, TPM2_SE, TPM2B_PUBLIC, TPM2B_SENSITIVE_CREATE, TPMA_OBJECT,
                                TPMS_SENSITIVE_CREATE, TSS2_Exception)
        with self._esapi() as ectx:
            try:
                primary = self._primary(ectx)
                policy = self._policy_digest(ectx) if self.pcrs else b""
                attrs = TPMA_OBJECT.FIXEDTPM | TPMA_OBJECT.FIXEDPARENT | TPMA_OBJECT.NODA
                if not policy:
                    attrs |= TPMA_OBJECT.USERWITHAUTH
                template = TPM2B_PUBLIC.parse("keyedhash", objectAttributes=attrs, nameAlg=TPM2_ALG.SHA256,
                                              authPolicy=policy or None)
                sensitive = TPM2B_SENSITIVE_CREATE(TPMS_SENSITIVE_CREATE(data=key))
                session = self._session(ectx, primary, TPM2_SE.HMAC)
                try:
                    private, public = ectx.create(primary, sensitive, template, session1=session)[:2]
                finally:
                    ectx.flush_context(session)
                    ectx.flush_context(primary)
            except TSS2_Exception as err:
                raise _unavailable(self.tcti, err) from None
        blob = {"v": 1, "public": public.marshal().hex(), "private": private.marshal().hex(), "pcrs": self.pcrs}
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(self.path, json.dumps(blob).encode("ascii"), mode=0o600)

    def _read_blob(self) -> tuple[bytes, bytes, str]:
        try:
            if self.path.stat().st_size > BLOB_LIMIT:
                raise ValueError("too large")
            doc = json.loads(self.path.read_text("ascii"))
            if not isinstance(doc, dict) or doc.get("v") != 1:
                raise ValueError("version")
            pcrs = doc.get("pcrs") or ""
            if not isinstance(pcrs, str) or len(pcrs) > 100:
                raise ValueError("pcrs")
            return bytes.fromhex(doc["public"]), bytes.fromhex(doc["private"]), pcrs
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise _bad_blob(self.path) from None

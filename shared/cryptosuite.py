"""The cryptographic suites of the sync protocol: one interface, two sets of algorithms.

Both the client (``shared.sync``) and the reference server (``devserver``) take their
primitives from here; each keeps its own reading and writing of the packet format. A suite
is named at enrollment (the server offers, the client's ``crypto_suite`` setting picks, the
device key follows) and in every packet header (``enc``/``wrap``/``sig``/``hash``).

========  ==================  ==========================  =================  =======
suite     segments (enc)      key wrap (wrap)             signatures (sig)   hash
========  ==================  ==========================  =================  =======
default   AES-256-GCM-SEG     RSA-OAEP-SHA256             Ed25519            SHA-256
gm        SM4-GCM-SEG         SM2-ENC-SM3 (C1C3C2)        SM2-SM3            SM3
========  ==================  ==========================  =================  =======

The GM suite follows GB/T 32918 (SM2: signatures over SM3(Z || M), Z computed with the
default user id ``1234567812345678``; public-key encryption with the C1||C3||C2 layout,
C1 uncompressed), GB/T 32905 (SM3) and GB/T 32907 with RFC 8998 (SM4-GCM, 12-byte nonce,
16-byte tag). SM3 and SM4-GCM come from ``cryptography`` (OpenSSL); SM2, which
``cryptography`` does not offer, from ``gmalg`` (checked against the standard's examples in
``resources/api/vectors/gm-primitives-v1.json``). An SM2 signature travels as r || s, 32
bytes each; an SM2 public key as the 65-byte uncompressed point 04 || x || y.

Nothing here raises a message for people: failures are ``ValueError`` (bad key or
ciphertext) or ``InvalidTag`` (an AEAD segment that does not authenticate), and the callers
turn them into their own answers.
"""

from __future__ import annotations

import functools
import hashlib
import os
from typing import Any, Callable

UID = b"1234567812345678"  # GB/T 35276 / GM/T 0009 default user id for Z
NAMES = ("default", "gm")


class Sm3Hash:
    """A hashlib-like SM3 (``update``, ``digest``, ``hexdigest``) over ``cryptography``."""

    name = "sm3"
    digest_size = 32

    def __init__(self, data: bytes = b"") -> None:
        from cryptography.hazmat.primitives import hashes
        self._h = hashes.Hash(hashes.SM3())
        if data:
            self._h.update(data)

    def update(self, data: bytes) -> None:
        """Feed ``data`` to the hash."""
        self._h.update(bytes(data))

    def digest(self) -> bytes:
        """The digest of what was fed so far."""
        return self._h.copy().finalize()

    def hexdigest(self) -> str:
        """The digest as lower-case hex."""
        return self.digest().hex()


class Sm4Gcm:
    """SM4-GCM with the interface of ``cryptography``'s ``AESGCM`` (tag appended)."""

    TAG = 16

    def __init__(self, key: bytes) -> None:
        if len(key) != 16:
            raise ValueError("SM4 keys are 16 bytes")
        self._key = bytes(key)

    def encrypt(self, nonce: bytes, data: bytes, aad: bytes | None) -> bytes:
        """Seal ``data`` under ``nonce`` with ``aad``: ciphertext followed by the 16-byte tag."""
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
        enc = Cipher(algorithms.SM4(self._key), modes.GCM(nonce)).encryptor()
        if aad:
            enc.authenticate_additional_data(aad)
        out = enc.update(bytes(data)) + enc.finalize()
        return out + enc.tag

    def decrypt(self, nonce: bytes, data: bytes, aad: bytes | None) -> bytes:
        """Open what :meth:`encrypt` sealed; ``InvalidTag`` when anything was changed."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
        if len(data) < self.TAG:
            raise InvalidTag()
        dec = Cipher(algorithms.SM4(self._key), modes.GCM(nonce, bytes(data[-self.TAG:]))).decryptor()
        if aad:
            dec.authenticate_additional_data(aad)
        return dec.update(bytes(data[:-self.TAG])) + dec.finalize()  # InvalidTag when tampered


class Suite:
    """One set of algorithms: sign and verify, key wrap, segment AEAD, digest, fingerprint.

    Key objects are the suite's own: raw bytes for device keys (both suites); for the
    server's encryption key a ``cryptography`` RSA key (default) or the raw SM2 scalar and
    point (gm). ``server_public_text`` / ``load_server_public`` are how that public key
    travels in the enrollment answer.
    """

    name = ""
    enc = wrap = sig = hash = ""
    data_key_len = 32
    public_len = 32   # a device public key's length in bytes
    signature_len = 64

    def algorithms(self) -> dict[str, str]:
        """The header fields naming this suite."""
        return {"enc": self.enc, "wrap": self.wrap, "sig": self.sig, "hash": self.hash}

    # -- digest --------------------------------------------------------------------------
    def hasher(self, data: bytes = b"") -> Any:
        """A new hash object of the suite (``update``/``digest``/``hexdigest``), fed ``data``."""
        raise NotImplementedError

    def digest(self, data: bytes) -> bytes:
        """The digest of what was fed so far."""
        return self.hasher(data).digest()

    # -- device signatures ----------------------------------------------------------------
    def new_signing_key(self) -> tuple[bytes, bytes]:
        """A fresh device key pair: (private raw, public raw)."""
        raise NotImplementedError

    def sign(self, private_raw: bytes, data: bytes) -> bytes:
        """The device signature of ``data`` (64 bytes)."""
        raise NotImplementedError

    def verify(self, public_raw: bytes | None, signature: bytes, data: bytes) -> bool:
        """Whether ``signature`` is the signature of ``data`` by ``public_raw`` (never raises)."""
        raise NotImplementedError

    def check_public(self, public_raw: bytes) -> bool:
        """Whether ``public_raw`` is a usable device public key of this suite."""
        raise NotImplementedError

    # -- packet data --------------------------------------------------------------------
    def new_data_key(self) -> bytes:
        """A fresh random key for one packet's segments."""
        return os.urandom(self.data_key_len)

    def aead(self, key: bytes) -> Any:
        """The AEAD of the segments under ``key`` (``encrypt``/``decrypt`` as ``AESGCM``)."""
        raise NotImplementedError

    # -- the server's encryption key -------------------------------------------------------
    def new_server_key(self) -> Any:
        """A fresh server encryption key (the private half)."""
        raise NotImplementedError

    def server_public(self, private: Any) -> Any:
        """The public half of a server encryption key."""
        raise NotImplementedError

    def server_public_text(self, public: Any) -> str:
        """The public key as the enrollment answer carries it."""
        raise NotImplementedError

    def load_server_public(self, text: str) -> Any:
        """The public key from its enrollment text; ``ValueError`` when it is none."""
        raise NotImplementedError

    def fingerprint(self, public: Any) -> str:
        """The key id of a server encryption key (lower-case hex), named in packet headers."""
        raise NotImplementedError

    def wrap_key(self, public: Any, key: bytes) -> bytes:
        """Encrypt the packet's data ``key`` to the server's ``public`` key."""
        raise NotImplementedError

    def unwrap_key(self, private: Any, wrapped: bytes) -> bytes:
        """The data key; ``ValueError`` when it is not for this key or damaged."""
        raise NotImplementedError


class DefaultSuite(Suite):
    """Ed25519, RSA-OAEP-SHA256, AES-256-GCM, SHA-256 (the suite every packet used before)."""

    name = "default"
    enc, wrap, sig, hash = "AES-256-GCM-SEG", "RSA-OAEP-SHA256", "Ed25519", "SHA-256"
    data_key_len = 32
    public_len = 32

    def hasher(self, data: bytes = b"") -> Any:
        """A new hash object of the suite (``update``/``digest``/``hexdigest``), fed ``data``."""
        return hashlib.sha256(data)

    def new_signing_key(self) -> tuple[bytes, bytes]:
        """A fresh device key pair: (private raw, public raw)."""
        from cryptography.hazmat.primitives import serialization as s
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        key = Ed25519PrivateKey.generate()
        return (key.private_bytes(s.Encoding.Raw, s.PrivateFormat.Raw, s.NoEncryption()),
                key.public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw))

    def sign(self, private_raw: bytes, data: bytes) -> bytes:
        """The device signature of ``data`` (64 bytes)."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        return Ed25519PrivateKey.from_private_bytes(private_raw).sign(data)

    def verify(self, public_raw: bytes | None, signature: bytes, data: bytes) -> bool:
        """Whether ``signature`` is the signature of ``data`` by ``public_raw`` (never raises)."""
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        if not public_raw or len(public_raw) != 32 or len(signature) != 64:
            return False
        try:
            Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
            return True
        except (InvalidSignature, ValueError):
            return False

    def check_public(self, public_raw: bytes) -> bool:
        return len(public_raw) == 32

    def aead(self, key: bytes) -> Any:
        """The AEAD of the segments under ``key`` (``encrypt``/``decrypt`` as ``AESGCM``)."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        return AESGCM(key)

    def new_server_key(self, bits: int = 3072) -> Any:
        """A fresh server encryption key (the private half)."""
        from cryptography.hazmat.primitives.asymmetric import rsa
        return rsa.generate_private_key(65537, bits)

    def server_public(self, private: Any) -> Any:
        """The public half of a server encryption key."""
        return private.public_key()

    def server_public_text(self, public: Any) -> str:
        """The public key as the enrollment answer carries it."""
        from cryptography.hazmat.primitives import serialization as s
        return public.public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo).decode("ascii")

    def load_server_public(self, text: str) -> Any:
        """The public key from its enrollment text; ``ValueError`` when it is none."""
        from cryptography.hazmat.primitives import serialization as s
        return s.load_pem_public_key(text.encode("ascii") if isinstance(text, str) else text)

    def fingerprint(self, public: Any) -> str:
        """SHA-256 of the DER SubjectPublicKeyInfo."""
        from cryptography.hazmat.primitives import serialization as s
        return hashlib.sha256(public.public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo)).hexdigest()

    @staticmethod
    def _oaep():
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding
        return padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)

    def wrap_key(self, public: Any, key: bytes) -> bytes:
        """Encrypt the packet's data ``key`` to the server's ``public`` key."""
        return public.encrypt(key, self._oaep())

    def unwrap_key(self, private: Any, wrapped: bytes) -> bytes:
        try:
            return private.decrypt(wrapped, self._oaep())
        except Exception as exc:  # noqa: BLE001 - every failure to unwrap is the same answer
            raise ValueError("key unwrap failed") from exc


# The random source of SM2 (k of signatures and encryption, and key generation). None is
# gmalg's default, ``secrets.randbits``; only the known-answer vectors replace it.
_sm2_rnd: Callable[[int], int] | None = None


def _sm2(sk: bytes | None = None, pk: bytes | None = None):
    import gmalg
    return gmalg.SM2(sk or None, UID, pk or None, rnd_fn=_sm2_rnd)


@functools.lru_cache(maxsize=8)
def _sm2_public_of(private_raw: bytes) -> bytes:
    return _sm2().generate_pk(private_raw)


class GmSuite(Suite):
    """SM2 signatures and key wrap, SM4-GCM segments, SM3 digests (GB/T 32918, 32905, 32907)."""

    name = "gm"
    enc, wrap, sig, hash = "SM4-GCM-SEG", "SM2-ENC-SM3", "SM2-SM3", "SM3"
    data_key_len = 16
    public_len = 65

    def hasher(self, data: bytes = b"") -> Any:
        """A new hash object of the suite (``update``/``digest``/``hexdigest``), fed ``data``."""
        return Sm3Hash(data)

    def new_signing_key(self) -> tuple[bytes, bytes]:
        """A fresh device key pair: (private raw, public raw)."""
        sk, pk = _sm2().generate_keypair()
        return sk.rjust(32, b"\0"), pk

    def sign(self, private_raw: bytes, data: bytes) -> bytes:
        """The device signature of ``data`` (64 bytes)."""
        if len(private_raw) != 32:
            raise ValueError("SM2 private keys are 32 bytes")
        r, s = _sm2(private_raw, _sm2_public_of(bytes(private_raw))).sign(data)
        return r.rjust(32, b"\0") + s.rjust(32, b"\0")

    def verify(self, public_raw: bytes | None, signature: bytes, data: bytes) -> bool:
        """Whether ``signature`` is the signature of ``data`` by ``public_raw`` (never raises)."""
        if not public_raw or len(public_raw) != 65 or public_raw[0] != 4 or len(signature) != 64:
            return False
        try:
            return bool(_sm2(pk=public_raw).verify(data, signature[:32], signature[32:]))
        except Exception:  # noqa: BLE001 - a point off the curve, an r or s out of range: not valid
            return False

    def check_public(self, public_raw: bytes) -> bool:
        if len(public_raw) != 65 or public_raw[0] != 4:
            return False
        try:
            return bool(_sm2().verify_pk(public_raw))
        except Exception:  # noqa: BLE001
            return False

    def aead(self, key: bytes) -> Any:
        """The AEAD of the segments under ``key`` (``encrypt``/``decrypt`` as ``AESGCM``)."""
        return Sm4Gcm(key)

    def new_server_key(self) -> bytes:
        """A fresh server encryption key (the private half)."""
        sk, _ = _sm2().generate_keypair()
        return sk.rjust(32, b"\0")

    def server_public(self, private: bytes) -> bytes:
        """The public half of a server encryption key."""
        return _sm2_public_of(bytes(private))

    def server_public_text(self, public: bytes) -> str:
        """The public key as the enrollment answer carries it."""
        import base64
        return base64.b64encode(public).decode("ascii")

    def load_server_public(self, text: str) -> bytes:
        """The public key from its enrollment text; ``ValueError`` when it is none."""
        import base64
        raw = base64.b64decode(str(text).encode("ascii"), validate=True)
        if not self.check_public(raw):
            raise ValueError("not an SM2 public key")
        return raw

    def fingerprint(self, public: bytes) -> str:
        """SM3 of the uncompressed point 04 || x || y."""
        return Sm3Hash(public).hexdigest()

    def wrap_key(self, public: bytes, key: bytes) -> bytes:
        """Encrypt the packet's data ``key`` to the server's ``public`` key."""
        return _sm2(pk=public).encrypt(key)

    def unwrap_key(self, private: bytes, wrapped: bytes) -> bytes:
        try:
            return _sm2(sk=private, pk=self.server_public(private)).decrypt(wrapped)
        except Exception as exc:  # noqa: BLE001 - wrong key, damaged or forged C1/C3: one answer
            raise ValueError("key unwrap failed") from exc


DEFAULT = DefaultSuite()
GM = GmSuite()
SUITES: dict[str, Suite] = {DEFAULT.name: DEFAULT, GM.name: GM}


def get(name: str | None) -> Suite:
    """The suite called ``name`` (``None`` or ``""``: the default); ``KeyError`` if unknown."""
    if name is not None and not isinstance(name, str):
        raise KeyError(repr(name)[:20])
    return SUITES[name or DEFAULT.name]


def from_header(header: dict) -> Suite | None:
    """The suite whose four algorithms a packet header names exactly; ``None`` when the
    names are unknown or mixed from two suites (a header/suite mismatch)."""
    for suite in SUITES.values():
        if all(header.get(k) == v for k, v in suite.algorithms().items()):
            return suite
    return None

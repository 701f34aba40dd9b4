"""Cryptography of the sync protocol: packet encryption, key wrapping, device signatures.

The algorithms are those of a suite (:mod:`shared.cryptosuite`: ``default`` or ``gm``),
chosen at enrollment and named in every packet header (``enc``/``wrap``/``sig``/``hash``):

* data: ``AES-256-GCM-SEG`` (gm: ``SM4-GCM-SEG``): a fresh key per packet; the plaintext is
  cut into segments of ``SEGMENT`` bytes, each sealed on its own. The nonce of segment *i*
  is an 8-byte random prefix + *i* (32-bit big endian); the AAD binds the suite's digest
  (SHA-256 / SM3) of the header, the segment index and a final flag, so reordering,
  truncation, extension or a swapped header all fail authentication. Memory stays constant
  whatever the packet size.
* key wrap: ``RSA-OAEP-SHA256`` (gm: ``SM2-ENC-SM3``) with the server's encryption key,
  named by its thumbprint (the suite's fingerprint of the public key) so keys can rotate.
* signatures: ``Ed25519`` (gm: ``SM2-SM3``) device keys (manifest, ciphertext digest and
  every request).

Ciphertext layout: ``MAGIC`` | u32 header length | header JSON | segments, each a u32 length
followed by ciphertext+tag.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from typing import BinaryIO, Iterator

from shared import cryptosuite
from shared.cryptosuite import Suite
from shared.errors import TrustError
from shared.i18n import Msg, N_

MAGIC = b"YZPKT\x00\x01\n"
SEGMENT = 1 << 20
# The default suite's names (the only suite before the GM option).
DATA_ALG, WRAP_ALG, SIG_ALG, HASH_ALG = (cryptosuite.DEFAULT.enc, cryptosuite.DEFAULT.wrap,
                                         cryptosuite.DEFAULT.sig, cryptosuite.DEFAULT.hash)
_TAG = 16
MAX_HEADER = 64 * 1024


def b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64d(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


class PacketCryptoError(TrustError):
    """A packet does not decrypt or verify: tampered, truncated or for another key."""

    default_code = "bad_cipher"


def _bad(text: str, **params) -> PacketCryptoError:
    return PacketCryptoError(Msg("sync.bad_cipher", text, params))


# -- keys -----------------------------------------------------------------------------------
def suite_of(suite: str | Suite | None) -> Suite:
    """The :class:`~shared.cryptosuite.Suite` named ``suite`` (None: the default suite)."""
    return suite if isinstance(suite, Suite) else cryptosuite.get(suite)


def new_device_key(suite: str | Suite | None = None) -> tuple[bytes, bytes]:
    """A fresh device key of ``suite``: (private raw, public raw) — Ed25519 32/32 bytes, or
    SM2 32 bytes / the 65-byte uncompressed point."""
    return suite_of(suite).new_signing_key()


def sign(private_raw: bytes, data: bytes, suite: str | Suite | None = None) -> bytes:
    """The device signature of ``data`` (Ed25519, or SM2 over SM3(Z || data) as r || s)."""
    return suite_of(suite).sign(private_raw, data)


def verify(public_raw: bytes, signature: bytes, data: bytes, suite: str | Suite | None = None) -> bool:
    """True when ``signature`` is a valid device signature of ``data`` in ``suite``."""
    return suite_of(suite).verify(public_raw, signature, data)


def load_public_pem(pem: str | bytes):
    return cryptosuite.DEFAULT.load_server_public(pem)


def load_server_public(text: str, suite: str | Suite | None = None):
    """The server's encryption public key as the enrollment answer gave it (PEM, or base64
    of the SM2 point)."""
    return suite_of(suite).load_server_public(text)


def key_thumbprint(public_key, suite: str | Suite | None = None) -> str:
    """The id of an encryption key: SHA-256 (hex) of the DER SubjectPublicKeyInfo, or in
    the GM suite SM3 of the SM2 point."""
    return suite_of(suite).fingerprint(public_key)


def _oaep():
    return cryptosuite.DEFAULT._oaep()


def cert_fingerprint(pem: str | bytes) -> str:
    """SHA-256 fingerprint (hex, upper case, colon-free) of a PEM certificate's DER form."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization as s
    cert = x509.load_pem_x509_certificate(pem.encode() if isinstance(pem, str) else pem)
    return hashlib.sha256(cert.public_bytes(s.Encoding.DER)).hexdigest().upper()


def normalize_fingerprint(fp: str) -> str:
    return fp.replace(":", "").replace(" ", "").strip().upper()


# -- request signatures ---------------------------------------------------------------------
def canonical_request(method: str, path: str, timestamp: str, nonce: str, body_sha256: str) -> bytes:
    """The bytes a device signs for one request."""
    return "\n".join([method.upper(), path, timestamp, nonce, body_sha256]).encode("utf-8")


def unsigned_chunk_digest(offset: int, length: int) -> str:
    """The body-digest field of a signed PATCH: the chunk's place, not a hash of its bytes.

    Packet bytes are not hashed per chunk (it cost a quarter of the upload throughput on two
    cores): TLS pinned at enrollment protects them in transit, the whole ciphertext's SHA-256
    is signed at announce and checked at commit, and every AES-GCM segment carries its tag.
    The signature still binds the offset and length, so a chunk cannot be replayed elsewhere.
    """
    return "UNSIGNED-PAYLOAD;offset={:d};length={:d}".format(offset, length)


def ciphertext_statement(packet_id: str, size: int, sha256_hex: str) -> bytes:
    """What the device signs about a packet's ciphertext (sent with the announce)."""
    return "yizhan-packet-v1\n{}\n{:d}\n{}".format(packet_id, size, sha256_hex).encode("utf-8")


# -- segmented AEAD -------------------------------------------------------------------------
def _aad(header_hash: bytes, index: int, final: bool) -> bytes:
    return header_hash + struct.pack(">QB", index, 1 if final else 0)


class BackgroundSha256:
    """A SHA-256 fed in order on one worker thread (hashlib releases the GIL on large
    buffers), so hashing overlaps the encryption and the writes of the caller's thread.

    ``update`` queues; ``hexdigest`` waits for what is queued. ``submit(fn, *args)`` runs other
    hashing work on the same worker, in order. Call :meth:`close` when done.
    """

    def __init__(self) -> None:
        from concurrent.futures import ThreadPoolExecutor
        self._h = hashlib.sha256()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="yizhan-hash")
        self._last = None

    def update(self, data: bytes) -> None:
        self._last = self._pool.submit(self._h.update, data)

    def submit(self, fn, *args):
        """Run ``fn(*args)`` on the worker after everything queued before; its future."""
        self._last = self._pool.submit(fn, *args)
        return self._last

    def hexdigest(self) -> str:
        if self._last is not None:
            self._last.result()
        return self._h.hexdigest()

    def close(self) -> None:
        self._pool.shutdown(wait=True)


class PacketWriter:
    """Encrypts a plaintext stream into ``out`` segment by segment (constant memory).

    ``sha256`` and ``size`` describe the ciphertext written so far; final after :meth:`close`
    (the transport checksum is SHA-256 in every suite). ``suite`` gives the algorithms.
    ``material`` (data key, nonce prefix, wrapped key) replaces the fresh randomness only for
    the known-answer vectors of ``resources/api/vectors`` (OAEP and SM2 encryption are
    randomised).
    """

    def __init__(self, out: BinaryIO, server_public_key, key_id: str, packet_id: str,
                 segment: int = SEGMENT, hasher=None, material: tuple[bytes, bytes, bytes] | None = None,
                 suite: str | Suite | None = None) -> None:
        suite = suite_of(suite)
        if material is None:
            key = suite.new_data_key()
            material = (key, os.urandom(8), suite.wrap_key(server_public_key, key))
        key, self._prefix, wrapped = material
        self._aes = suite.aead(key)
        header = {"v": 1, "packet_id": packet_id, "segment": segment,
                  "nonce_prefix": b64e(self._prefix), "key_id": key_id,
                  "wrapped_key": b64e(wrapped), **suite.algorithms()}
        hbytes = json.dumps(header, sort_keys=True).encode("utf-8")
        self._hhash = suite.digest(hbytes)
        self._out = out
        self._segment = segment
        self._buf = bytearray()
        self._index = 0
        self.sha256 = hasher if hasher is not None else hashlib.sha256()
        self.size = 0
        self._emit(MAGIC + struct.pack(">I", len(hbytes)) + hbytes)

    def _emit(self, data: bytes) -> None:
        self._out.write(data)
        self.sha256.update(data)
        self.size += len(data)

    def _seal(self, chunk: bytes, final: bool) -> None:
        if self._index >= 2 ** 32:
            raise ValueError("packet too large")
        nonce = self._prefix + struct.pack(">I", self._index)
        ct = self._aes.encrypt(nonce, bytes(chunk), _aad(self._hhash, self._index, final))
        self._emit(struct.pack(">I", len(ct)) + ct)
        self._index += 1

    def write(self, data: bytes) -> None:
        """Add plaintext. A full segment is sealed only once more data follows it."""
        view = memoryview(data)
        while len(view):
            if len(self._buf) == self._segment:
                self._seal(self._buf, final=False)
                self._buf.clear()
            take = min(self._segment - len(self._buf), len(view))
            self._buf += view[:take]
            view = view[take:]

    def close(self) -> None:
        """Seal the last segment with the final flag."""
        self._seal(self._buf, final=True)
        self._buf.clear()


def read_header(src: BinaryIO) -> tuple[dict, bytes]:
    """Read the magic and header of a packet; return (header, header bytes). The header must
    name the four algorithms of one known suite (:func:`header_suite`)."""
    head = _read_exact(src, len(MAGIC) + 4)
    if head is None or head[:len(MAGIC)] != MAGIC:
        raise _bad(N_("数据包格式不对（不是一站数据包）"))
    (hlen,) = struct.unpack(">I", head[len(MAGIC):])
    if hlen > MAX_HEADER:
        raise _bad(N_("数据包头过长"))
    hbytes = _read_exact(src, hlen)
    if hbytes is None:
        raise _bad(N_("数据包头被截断"))
    try:
        header = json.loads(hbytes)
    except ValueError:
        raise _bad(N_("数据包头不是有效的 JSON")) from None
    header_suite(header)
    return header, hbytes


def header_suite(header) -> Suite:
    """The suite a packet header names; refused when its algorithms are unknown or mixed."""
    suite = cryptosuite.from_header(header) if isinstance(header, dict) else None
    if suite is None:
        raise _bad(N_("不支持的算法 {enc}/{wrap}"), enc=str(header.get("enc") if isinstance(header, dict) else "?")[:40],
                   wrap=str(header.get("wrap") if isinstance(header, dict) else "?")[:40])
    return suite


def _read_exact(src: BinaryIO, n: int) -> bytes | None:
    chunks, left = [], n
    while left:
        data = src.read(left)
        if not data:
            return None
        chunks.append(data)
        left -= len(data)
    return b"".join(chunks)


def decrypt_stream(src: BinaryIO, private_key, key_ids: dict | None = None) -> Iterator[bytes]:
    """Yield the plaintext segments of a packet; raise :class:`PacketCryptoError` on tampering.

    ``private_key`` is the server's key of the header's suite (RSA, or the SM2 scalar), or a
    dict ``{thumbprint: key}`` for rotated keys.
    """
    _, segments = open_stream(src, private_key)
    yield from segments


def open_stream(src: BinaryIO, private_key) -> tuple[Suite, Iterator[bytes]]:
    """Read a packet's header now; (the suite it names, its plaintext segments as they come)."""
    header, hbytes = read_header(src)
    suite = header_suite(header)
    return suite, _segments(src, header, hbytes, suite, private_key)


def _segments(src: BinaryIO, header: dict, hbytes: bytes, suite: Suite, private_key) -> Iterator[bytes]:
    keys = private_key if isinstance(private_key, dict) else None
    server_key = keys.get(header.get("key_id")) if keys is not None else private_key
    if server_key is None:
        raise _bad(N_("数据包使用了未知的服务器密钥 {kid}"), kid=str(header.get("key_id"))[:16])
    from cryptography.exceptions import InvalidTag
    try:
        key = suite.unwrap_key(server_key, b64d(header["wrapped_key"]))
        prefix = b64d(header["nonce_prefix"])
        aes = suite.aead(key)
    except Exception:  # wrong key, corrupted wrap: the same answer for all
        raise _bad(N_("无法解开数据包密钥（密钥不符或数据已损坏）")) from None
    hhash = suite.digest(hbytes)
    max_ct = int(header.get("segment", SEGMENT)) + _TAG
    index = 0
    length = _read_len(src)
    if length is None:
        raise _bad(N_("数据包被截断"))
    while True:
        if length > max_ct:
            raise _bad(N_("数据段长度不对"))
        ct = _read_exact(src, length)
        if ct is None:
            raise _bad(N_("数据包被截断"))
        nxt = _read_len(src)
        final = nxt is None
        try:
            yield aes.decrypt(prefix + struct.pack(">I", index), ct, _aad(hhash, index, final))
        except InvalidTag:
            raise _bad(N_("数据段 {i} 校验失败（被篡改、截断或顺序错乱）"), i=index) from None
        if final:
            return
        index, length = index + 1, nxt


def _read_len(src: BinaryIO) -> int | None:
    raw = src.read(4)
    if not raw:
        return None
    while len(raw) < 4:
        more = src.read(4 - len(raw))
        if not more:
            raise _bad(N_("数据包被截断"))
        raw += more
    return struct.unpack(">I", raw)[0]

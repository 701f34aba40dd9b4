"""The server's own reading of the sync protocol's cryptography.

Written from the contract (``resources/api/yizhan-sync.json``) and the packet layout, not
shared with the client: the client builds and signs, this module checks. Two independent
implementations tested against the same known-answer vectors (``resources/api/vectors``)
catch a bug on either side that one implementation testing itself would not.

The primitives come from the crypto suites of :mod:`shared.cryptosuite` (``default``:
Ed25519, RSA-OAEP-SHA256, AES-256-GCM, SHA-256; ``gm``: SM2-SM3, SM2-ENC-SM3, SM4-GCM, SM3).
A packet header names its four algorithms; they must be exactly one suite's, a suite this
server offers, and the suite the sending device enrolled with.

What it covers:

* request signatures: the device's suite (Ed25519, or SM2 with the default user id) over ``METHOD \\n RAW_PATH \\n X-Timestamp \\n X-Nonce \\n
  X-Content-SHA256`` (a PATCH chunk declares ``UNSIGNED-PAYLOAD;offset=N;length=L``);
* the announce statement ``yizhan-packet-v1 \\n id \\n size \\n sha256``;
* packets: ``YZPKT\\0\\1\\n`` | u32 header length | header JSON | segments (u32 length +
  AES-GCM ciphertext and tag). The segment key is RSA-OAEP-SHA256 wrapped; the nonce of
  segment *i* is the 8-byte prefix + u32 *i*; the AAD is SHA-256(header) + u64 *i* + u8 final.
  Inside, entries ``u16 name length | name | u64 size | bytes``: ``manifest.json``,
  ``manifest.sig`` (Ed25519 over ``yizhan-manifest-v1\\n`` + hex SHA-256 of the manifest),
  then the files in manifest order, each checked against its size and SHA-256;
* certificate fingerprints and encryption-key thumbprints (SHA-256 of the DER forms).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Callable

from shared import cryptosuite
from shared.errors import TrustError
from shared.i18n import Msg

PACKET_MAGIC = b"YZPKT\x00\x01\n"
SUITE = cryptosuite.DEFAULT.algorithms()  # the default suite's names
GCM_TAG = 16
HEADER_LIMIT = 64 << 10
SEGMENT_LIMIT = 64 << 20     # a header may not make the server buffer more than this per segment
MANIFEST_LIMIT = 8 << 20
CASE_LIMIT = 16 << 20
SIG_LEN = 64


class PacketRejected(TrustError):
    """A packet that does not decrypt, verify or match its manifest (the ``bad_cipher`` answer)."""

    default_code = "bad_cipher"


def _reject(text: str, **params: Any) -> PacketRejected:
    return PacketRejected(Msg("devserver.packet_rejected", text, params))


# -- small primitives -----------------------------------------------------------------------
def unb64(text: str) -> bytes:
    """Strict base64 decoding; ``ValueError`` on anything that is not canonical base64."""
    try:
        return base64.b64decode(str(text).encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("bad base64") from exc


def ed25519_ok(public_raw: bytes | None, signature: bytes, message: bytes) -> bool:
    """Whether ``signature`` is the Ed25519 signature of ``message`` by ``public_raw``."""
    return signature_ok("default", public_raw, signature, message)


def signature_ok(suite: str, public_raw: bytes | None, signature: bytes, message: bytes) -> bool:
    """Whether ``signature`` is the signature of ``message`` by ``public_raw`` in the crypto
    suite named ``suite`` (an unknown suite verifies nothing)."""
    chosen = cryptosuite.SUITES.get(suite) if isinstance(suite, str) else None
    if chosen is None or not public_raw or len(signature) != SIG_LEN:
        return False
    return chosen.verify(public_raw, signature, message)


def signed_request_text(method: str, raw_path: str, timestamp: str, nonce: str, content_sha256: str) -> bytes:
    """The exact bytes a device signs for a request (contract: X-Signature)."""
    lines = (method.upper(), raw_path, timestamp, nonce, content_sha256)
    if any("\n" in part for part in lines):  # a field may not smuggle another line in
        return b""
    return "\n".join(lines).encode("utf-8")


def chunk_declaration(offset: int, length: int) -> str:
    """What a PATCH chunk declares instead of a body hash: its offset and length."""
    return "UNSIGNED-PAYLOAD;offset={:d};length={:d}".format(offset, length)


def announce_text(packet_id: str, size: int, sha256_hex: str) -> bytes:
    """The statement a device signs about a packet's ciphertext when it announces it."""
    return "yizhan-packet-v1\n{}\n{:d}\n{}".format(packet_id, size, sha256_hex).encode("utf-8")


def manifest_text(manifest_bytes: bytes, suite: cryptosuite.Suite = cryptosuite.DEFAULT) -> bytes:
    """The statement of ``manifest.sig``: a label and the suite's hex digest of the manifest."""
    return b"yizhan-manifest-v1\n" + suite.digest(manifest_bytes).hex().encode("ascii")


def certificate_fingerprint(pem: str | bytes) -> str:
    """SHA-256 (upper-case hex) of a PEM certificate's DER encoding (given out at enrollment)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding
    raw = pem.encode("ascii") if isinstance(pem, str) else pem
    return hashlib.sha256(x509.load_pem_x509_certificate(raw).public_bytes(Encoding.DER)).hexdigest().upper()


def key_thumbprint(public_key) -> str:
    """SHA-256 (lower-case hex) of a public key's DER SubjectPublicKeyInfo: the packet key id."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    return hashlib.sha256(public_key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)).hexdigest()


# -- packets --------------------------------------------------------------------------------
@dataclass
class PacketContents:
    """A packet that decrypted and verified: manifest (parsed and raw), case data, files."""

    header: dict[str, Any]
    manifest: dict[str, Any]
    manifest_bytes: bytes
    case: dict[str, Any]
    files: list[dict[str, Any]] = field(default_factory=list)


class _SegmentSource:
    """Decrypts a packet's segments in order, reading from a seekable file of known length.

    The last segment is the one that ends exactly at the end of the file: the server knows
    the length it received, so it needs no look-ahead to set the final flag of the AAD.
    """

    def __init__(self, fh: BinaryIO, total: int, aes, prefix: bytes, header_digest: bytes, segment: int) -> None:
        self.fh, self.total, self.aes, self.prefix = fh, total, aes, prefix
        self.header_digest, self.max_ct = header_digest, segment + GCM_TAG
        self.index = 0
        self.done = False

    def next_plain(self) -> bytes | None:
        """The next segment's plaintext, or None after the final one."""
        from cryptography.exceptions import InvalidTag
        if self.done:
            return None
        size = int.from_bytes(_exactly(self.fh, 4, "数据段长度"), "big")
        if size < GCM_TAG or size > self.max_ct:
            raise _reject("第 {i} 个数据段长度不对", i=self.index)
        sealed = _exactly(self.fh, size, "数据段")
        final = self.fh.tell() == self.total
        nonce = self.prefix + self.index.to_bytes(4, "big")
        aad = self.header_digest + self.index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")
        try:
            plain = self.aes.decrypt(nonce, sealed, aad)
        except InvalidTag:
            raise _reject("第 {i} 个数据段认证失败（被篡改、截断或顺序错乱）", i=self.index) from None
        self.index += 1
        self.done = final
        if self.index >= 1 << 32:
            raise _reject("数据段过多")
        return plain


class _Plaintext:
    """Byte-exact reads over the decrypted segments (at most one segment held)."""

    def __init__(self, source: _SegmentSource) -> None:
        self.source = source
        self.buf = memoryview(b"")

    def take(self, n: int) -> bytes:
        """The next ``n`` bytes."""
        parts: list[bytes] = []
        self.stream(n, parts.append)
        return b"".join(parts)

    def stream(self, n: int, on_chunk: Callable[[bytes], None]) -> None:
        """Pass ``n`` bytes to ``on_chunk`` piece by piece (nothing kept)."""
        while n:
            if not self.buf:
                nxt = self.source.next_plain()
                if nxt is None:
                    raise _reject("数据包内容被截断")
                self.buf = memoryview(nxt)
                continue
            part = self.buf[:n]
            self.buf = self.buf[len(part):]
            on_chunk(bytes(part))
            n -= len(part)

    def exhausted(self) -> bool:
        while not self.buf:
            nxt = self.source.next_plain()
            if nxt is None:
                return True
            self.buf = memoryview(nxt)
        return False


def _exactly(fh: BinaryIO, n: int, what: str) -> bytes:
    data = fh.read(n)
    while len(data) < n:
        more = fh.read(n - len(data))
        if not more:
            raise _reject("数据包被截断（{what}不完整）", what=what)
        data += more
    return data


def _header(fh: BinaryIO, offered=cryptosuite.NAMES) -> tuple[dict[str, Any], bytes, cryptosuite.Suite]:
    if _exactly(fh, len(PACKET_MAGIC), "文件头") != PACKET_MAGIC:
        raise _reject("不是一站数据包（文件头不符）")
    length = int.from_bytes(_exactly(fh, 4, "包头长度"), "big")
    if length == 0 or length > HEADER_LIMIT:
        raise _reject("数据包头长度不对")
    raw = _exactly(fh, length, "包头")
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _reject("数据包头不是有效的 JSON") from None
    if not isinstance(header, dict) or header.get("v") != 1:
        raise _reject("数据包头版本不受支持")
    suite = cryptosuite.from_header(header)
    if suite is None:  # unknown names, or the names of two suites mixed: a header/suite mismatch
        raise _reject("数据包使用了不支持的算法组合 {alg}",
                      alg="/".join(str(header.get(k))[:24] for k in ("enc", "wrap", "sig", "hash")))
    if suite.name not in offered:
        raise _reject("数据包使用了本服务器未提供的密码套件 {suite}", suite=suite.name)
    return header, raw, suite


def _entry_name_and_size(plain: _Plaintext) -> tuple[str, int]:
    name_len = int.from_bytes(plain.take(2), "big")
    try:
        name = plain.take(name_len).decode("utf-8")
    except UnicodeDecodeError:
        raise _reject("数据包条目名称无效") from None
    return name, int.from_bytes(plain.take(8), "big")


def _small_entry(plain: _Plaintext, expected: str, limit: int) -> bytes:
    name, size = _entry_name_and_size(plain)
    if name != expected:
        raise _reject("数据包缺少 {name}", name=expected)
    if size > limit:
        raise _reject("数据包条目 {name} 过大", name=expected)
    return plain.take(size)


def read_packet(fh: BinaryIO, rsa_keys: dict[str, Any], device_key: Callable[[str], bytes | None],
                on_file: Callable[[dict, bytes], None] | None = None,
                device_suite: Callable[[str], str | None] | None = None,
                offered=cryptosuite.NAMES) -> PacketContents:
    """Decrypt and verify the packet in the seekable file ``fh`` (read from its start).

    ``rsa_keys`` maps key thumbprints to the server's packet private keys (RSA, or the SM2
    scalar); ``device_key(device_id)`` gives a device's registered public key (None: unknown
    or disabled) and ``device_suite(device_id)`` the suite it enrolled with (None: the
    default); the header's suite must be that one and among ``offered``. Every file's size
    and SHA-256 are checked against the signed manifest; ``on_file(meta, chunk)`` receives
    file bytes as they stream (optional). Raises :class:`PacketRejected`.
    """
    fh.seek(0, os.SEEK_END)
    total = fh.tell()
    fh.seek(0)
    header, raw_header, suite = _header(fh, offered)
    private = rsa_keys.get(str(header.get("key_id")))
    if private is None:
        raise _reject("数据包加密所用的服务器密钥未知")
    segment = header.get("segment")
    if not isinstance(segment, int) or not 0 < segment <= SEGMENT_LIMIT:
        raise _reject("数据包分段大小不对")
    try:
        data_key = suite.unwrap_key(private, unb64(header["wrapped_key"]))
        prefix = unb64(header["nonce_prefix"])
    except Exception:  # noqa: BLE001 - any failure to unwrap is the same answer: not for this server, or damaged
        raise _reject("无法解开数据包密钥") from None
    if len(data_key) != suite.data_key_len or len(prefix) != 8:
        raise _reject("数据包密钥或随机数长度不对")
    source = _SegmentSource(fh, total, suite.aead(data_key), prefix, suite.digest(raw_header), segment)
    plain = _Plaintext(source)
    manifest_bytes = _small_entry(plain, "manifest.json", MANIFEST_LIMIT)
    signature = _small_entry(plain, "manifest.sig", 1024)
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _reject("数据包清单不是有效的 JSON") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        raise _reject("数据包清单格式不对")
    device_id = str(manifest.get("device_id"))
    if device_suite is not None and (device_suite(device_id) or "default") != suite.name:
        raise _reject("数据包的密码套件 {suite} 与设备注册时选定的不符", suite=suite.name)
    if not signature_ok(suite.name, device_key(device_id), signature, manifest_text(manifest_bytes, suite)):
        raise _reject("数据包清单签名无效")
    if manifest.get("packet_id") != header.get("packet_id"):
        raise _reject("数据包头与清单的编号不一致")
    case: dict[str, Any] = {}
    for meta in manifest["files"]:
        name, size = _entry_name_and_size(plain)
        if not isinstance(meta, dict) or name != meta.get("name") or size != meta.get("size"):
            raise _reject("文件 {name} 与清单不符", name=str(name)[:80])
        digest = hashlib.sha256()
        if name == "case.json":
            if size > CASE_LIMIT:
                raise _reject("案件数据过大")
            data = plain.take(size)
            digest.update(data)
            try:
                case = json.loads(data.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                raise _reject("案件数据不是有效的 JSON") from None
        else:
            def sink(chunk: bytes, meta=meta, digest=digest) -> None:
                digest.update(chunk)
                if on_file is not None:
                    on_file(meta, chunk)
            plain.stream(size, sink)
        if digest.hexdigest() != meta.get("sha256"):
            raise _reject("文件 {name} 的校验值与清单不符", name=name[:80])
    if not plain.exhausted():
        raise _reject("数据包含有清单之外的内容")
    if not isinstance(case, dict) or not case:
        raise _reject("数据包缺少案件数据")
    return PacketContents(header, manifest, manifest_bytes, case, list(manifest["files"]))

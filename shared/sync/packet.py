"""A submitted case frozen into a packet: manifest + files, encrypted and signed, streamed.

Plaintext container (inside the encryption of :mod:`shared.sync.crypto`), a sequence of
entries ``u16 name length | name (UTF-8) | u64 size | bytes``:

1. ``manifest.json``: case, business, catalog version, operator, device, software version,
   times and every file with its SHA-256, size, kind, slot and MIME type;
2. ``manifest.sig``: the device's signature of ``"yizhan-manifest-v1\\n" + hex digest(manifest)``
   in the enrolled suite (Ed25519 over SHA-256, or SM2 over SM3: :mod:`shared.cryptosuite`);
3. the files in manifest order: ``case.json`` then each blob as ``files/<blob id>``.

The packet is built on the store's connection thread inside the submit transaction (a
consistent snapshot), one blob in memory at a time, written to a temp file in the outbox
folder (ciphertext only) and renamed into place: a failure leaves no partial file behind.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Iterator

from shared.errors import StoreError, SyncError, TrustError, os_error_msg
from shared.i18n import Msg, N_
from shared.sync import crypto

if TYPE_CHECKING:
    from shared.store import StoreTx
    from shared.store.blobs import BlobInfo

FORMAT = "yizhan-packet/1"
SOFTWARE_VERSION = "yizhan-0.1.0"
PACKET_SUFFIX = ".ypk"
PACKET_KINDS = ("page", "document", "face", "signature", "idphoto")


@dataclass
class BuiltPacket:
    """The result of :func:`build_packet`: where the ciphertext is and what it is."""

    packet_id: str
    path: Path
    size: int
    sha256: str
    signature: str  # b64 device signature (the enrolled suite's) over crypto.ciphertext_statement
    manifest_sha256: str
    plain_bytes: int


def manifest_statement(manifest_bytes: bytes, suite=None) -> bytes:
    """What ``manifest.sig`` signs: a label and the suite's hex digest of the manifest."""
    return b"yizhan-manifest-v1\n" + crypto.suite_of(suite).digest(manifest_bytes).hex().encode()


def _entry_head(name: str, size: int) -> bytes:
    raw = name.encode("utf-8")
    return struct.pack(">H", len(raw)) + raw + struct.pack(">Q", size)


def disk_full_error() -> SyncError:
    return SyncError(Msg("sync.disk_full", "磁盘空间不足，案件未能提交（案件保持原状，未留下半成品文件）。请清理磁盘后重新提交"),
                     retryable=False)


def build_packet(tx: StoreTx, case, blobs: list[BlobInfo], ident, operator: str, out_dir: Path,
                 opener: Callable[[str, str], BinaryIO] = open, people: dict[str, Any] | None = None,
                 audit_head: dict | None = None, registrations: list[dict] | None = None) -> BuiltPacket:
    """Freeze ``case`` with its blobs into an encrypted, signed packet file in ``out_dir``.

    ``blobs`` are the blobs' metadata in packet order; their bytes are read through ``tx``
    one at a time. ``ident`` is the :class:`~shared.sync.enrollment.Enrollment`.
    ``opener`` is the seam tests use to simulate a full disk. ``people``: who submitted and
    who approved (``submitted_by``, ``approvals``), signed with the manifest. ``registrations``:
    the linked registrations applied for together (:func:`shared.domain.registrations.manifest_entries`);
    a manifest without them (older packets) is one registration, the business's own.
    """
    case_bytes = json.dumps(case.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")
    files = [{"name": "case.json", "kind": "case", "mime": "application/json",
              "sha256": hashlib.sha256(case_bytes).hexdigest(), "size": len(case_bytes)}]
    for b in blobs:
        files.append({"name": "files/" + b.id, "blob_id": b.id, "kind": b.kind, "slot": b.slot, "idx": b.idx,
                      "mime": b.mime, "sha256": b.sha256, "size": b.size})
    manifest = {"format": FORMAT, "packet_id": case.packet_id, "case_id": case.id, "revision": case.revision,
                "business_code": case.business_code, "catalog_version": case.catalog_version,
                "operator": operator, "device_id": ident.device_id, "software_version": SOFTWARE_VERSION,
                "created_at": case.created_at, "submitted_at": case.updated_at, "files": files}
    if people:
        manifest.update({k: v for k, v in people.items() if v})
    if registrations:
        manifest["registrations"] = registrations
    if audit_head is not None:  # the device's audit chain head travels with every packet
        manifest["audit_head"] = audit_head
    mbytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
    suite = crypto.suite_of(getattr(ident, "suite", None))
    msig = crypto.sign(ident.device_private, manifest_statement(mbytes, suite), suite)
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    final = out_dir / (case.packet_id + PACKET_SUFFIX)
    tmp = out_dir / ".{}.{}.tmp".format(case.packet_id, os.urandom(4).hex())
    plain = 0
    # The ciphertext hash and each blob's check run on a hashing thread while this one reads,
    # encrypts and writes (bench P4): at most one blob is checked behind the one in flight.
    hasher = crypto.BackgroundSha256()
    try:
        with opener(str(tmp), "wb") as fh:
            w = crypto.PacketWriter(fh, crypto.load_server_public(ident.server_key_pem, suite), ident.server_key_id,
                                    case.packet_id, hasher=hasher, suite=suite)
            for name, data in (("manifest.json", mbytes), ("manifest.sig", msig), ("case.json", case_bytes)):
                w.write(_entry_head(name, len(data)))
                w.write(data)
                plain += len(data)
            check = None
            for f in files[1:]:
                data = tx.blob_data(f["blob_id"]) or b""
                _check_blob(check)
                check = (hasher.submit(lambda d: hashlib.sha256(d).hexdigest(), data), f)
                w.write(_entry_head(f["name"], len(data)))
                w.write(data)
                plain += len(data)
                del data
            _check_blob(check)
            w.close()
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        _fsync_dir(out_dir)
    except OSError as exc:
        _unlink(tmp)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise disk_full_error() from None
        raise SyncError(Msg("sync.packet_write", "无法写入数据包文件：{err}。案件保持原状，请检查磁盘后重试",
                            {"err": os_error_msg(exc)}), retryable=False) from None
    except BaseException:
        _unlink(tmp)
        raise
    finally:
        hasher.close()  # waits for what is queued
    digest = hasher.hexdigest()
    stmt = crypto.ciphertext_statement(case.packet_id, w.size, digest)
    return BuiltPacket(case.packet_id, final, w.size, digest, crypto.b64e(crypto.sign(ident.device_private, stmt, suite)),
                       hashlib.sha256(mbytes).hexdigest(), plain)


def _check_blob(check) -> None:
    """Refuse the packet if a blob's bytes no longer match the SHA-256 recorded at capture."""
    if check is None:
        return
    future, f = check
    if future.result() != f["sha256"]:
        raise StoreError(Msg("sync.blob_corrupt", "附件 {id} 已损坏（校验值不符），无法提交。请重新采集该材料",
                             {"id": f["blob_id"][:8]}))


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _fsync_dir(path: Path) -> None:
    from shared.platform import fsync_dir
    fsync_dir(path)


# -- reading (the client's check and tests; the server has its own: devserver.envelope) ------
class _PlainReader:
    """File-like reading over the decrypted segment iterator."""

    def __init__(self, segments: Iterator[bytes]) -> None:
        self._it = segments
        self._buf = b""
        self._pos = 0

    def read(self, n: int) -> bytes:
        out = []
        while n > 0:
            if self._pos >= len(self._buf):
                try:
                    self._buf, self._pos = next(self._it), 0
                except StopIteration:
                    break
                continue
            take = self._buf[self._pos:self._pos + n]
            self._pos += len(take)
            n -= len(take)
            out.append(take)
        return b"".join(out)

    def at_end(self) -> bool:
        while self._pos >= len(self._buf):
            try:
                self._buf, self._pos = next(self._it), 0
            except StopIteration:
                return True
        return False


def _bad(text: str, **params) -> TrustError:
    return crypto.PacketCryptoError(Msg("sync.bad_packet", text, params))


def _read_entry(r: _PlainReader, sink: Callable[[bytes], None] | None = None, limit: int | None = None):
    head = r.read(2)
    if len(head) != 2:
        raise _bad(N_("数据包内容被截断"))
    name = r.read(struct.unpack(">H", head)[0]).decode("utf-8", "replace")
    raw = r.read(8)
    if len(raw) != 8:
        raise _bad(N_("数据包内容被截断"))
    size = struct.unpack(">Q", raw)[0]
    if limit is not None and size > limit:
        raise _bad(N_("数据包条目 {name} 过大"), name=name)
    h, left, keep = hashlib.sha256(), size, []
    while left:
        chunk = r.read(min(left, 1 << 20))
        if not chunk:
            raise _bad(N_("数据包内容被截断"))
        h.update(chunk)
        left -= len(chunk)
        if sink:
            sink(chunk)
        else:
            keep.append(chunk)
    return name, size, h.hexdigest(), (b"".join(keep) if sink is None else b"")


@dataclass
class OpenedPacket:
    """A decrypted, verified packet: its manifest, case data and per-file facts."""

    manifest: dict[str, Any]
    case: dict[str, Any]
    files: list[dict[str, Any]]


def open_packet(src: BinaryIO, rsa_keys, device_public: Callable[[str], bytes | None],
                on_file: Callable[[dict, bytes], None] | None = None) -> OpenedPacket:
    """Decrypt and verify a packet stream: segments, manifest signature, every file hash.

    ``device_public(device_id)`` gives the registered public key of a device (or ``None``),
    checked with the suite the header names. ``on_file(meta, chunk)`` receives file contents
    as they stream (optional).
    """
    suite, segments = crypto.open_stream(src, rsa_keys)
    r = _PlainReader(segments)
    name, _, _, mbytes = _read_entry(r, limit=8 << 20)
    if name != "manifest.json":
        raise _bad(N_("数据包缺少清单"))
    name, _, _, sig = _read_entry(r, limit=1024)
    if name != "manifest.sig":
        raise _bad(N_("数据包缺少清单签名"))
    try:
        manifest = json.loads(mbytes)
    except ValueError:
        raise _bad(N_("数据包清单不是有效的 JSON")) from None
    pub = device_public(str(manifest.get("device_id")))
    if pub is None or not crypto.verify(pub, sig, manifest_statement(mbytes, suite), suite):
        raise _bad(N_("数据包清单签名无效"))
    case: dict[str, Any] = {}
    for meta in manifest.get("files", []):
        if meta["name"] == "case.json":
            name, size, digest, data = _read_entry(r, limit=16 << 20)
            case = json.loads(data)
        else:
            name, size, digest, _ = _read_entry(r, sink=(lambda c, m=meta: on_file(m, c)) if on_file else (lambda c: None))
        if name != meta["name"] or size != meta["size"] or digest != meta["sha256"]:
            raise _bad(N_("文件 {name} 与清单不符"), name=meta["name"])
    if not r.at_end():
        raise _bad(N_("数据包含有清单之外的内容"))
    return OpenedPacket(manifest, case, manifest.get("files", []))

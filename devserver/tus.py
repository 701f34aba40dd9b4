"""The upload data plane on tus 1.0 (core, creation, creation-with-upload, checksum, termination).

The signed announce and commit stay the control plane: the announce (``POST /v1/packets``)
makes the packet's upload and answers with its URL (``upload_url``, as a tus ``Location``),
the tus creation endpoint (``tus_endpoint``) and an ``upload_ticket``. The bytes then travel
by plain tus, which any tus client speaks:

* ``OPTIONS /v1/tus/``: discovery (``Tus-Version``, ``Tus-Extension``, ``Tus-Max-Size``,
  ``Tus-Checksum-Algorithm``); no authentication;
* ``POST /v1/tus/``: creation (``Upload-Length``, ``Upload-Metadata`` with ``packet_id`` and
  ``ticket``), optionally with the first bytes (creation-with-upload); it replaces the packet's
  upload, answering 201 with the new ``Location``;
* ``HEAD`` / ``PATCH`` / ``DELETE /v1/tus/{upload_id}``: the confirmed ``Upload-Offset``, a chunk
  at that offset (``Upload-Checksum`` checked when given: 460 on a mismatch, nothing kept),
  termination.

The upload URL is the capability: an unguessable id given only in answer to a signed
announce (or to a creation that showed the announce's ticket). Nothing an upload carries is
trusted until the signed commit has hashed the whole ciphertext against the SHA-256 signed at
announce, decrypted it and checked its manifest signature.

A registry may instead run a standard tus server (tusd, ``@tus/server``) as its intake
(:attr:`ServerConfig.tus_endpoint`, with its file store readable at :attr:`ServerConfig.tus_store`):
the announce then names that endpoint and the ticket only, the client creates the upload
there, and the commit (``{"upload_url": ...}``) takes the finished file from the store after
checking that its metadata carries this packet's id and ticket.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import time
from pathlib import Path

from devserver.app import ApiError, ServerState
from fastapi import Request  # noqa: E402  (module level: FastAPI resolves the handlers' annotations here)

VERSION = "1.0.0"
EXTENSIONS = "creation,creation-with-upload,checksum,termination"
CHECKSUMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256}
OFFSET_TYPE = "application/offset+octet-stream"
UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
DIGITS = re.compile(r"^[0-9]{1,19}$")
MAX_METADATA = 4096
PREFIX = "/v1/tus/"

def headers(**extra: str) -> dict[str, str]:
    """``Tus-Resumable`` plus ``extra``: every tus answer carries it."""
    return {"Tus-Resumable": VERSION, **extra}


def discovery(state: ServerState) -> dict[str, str]:
    return headers(**{"Tus-Version": VERSION, "Tus-Extension": EXTENSIONS, "Tus-Max-Size": str(state.cfg.max_packet),
                      "Tus-Checksum-Algorithm": ",".join(CHECKSUMS)})


def parse_metadata(value: str) -> dict[str, str]:
    """``Upload-Metadata``: comma-separated ``key base64value`` pairs (bounded, UTF-8)."""
    if len(value) > MAX_METADATA:
        raise ApiError(400, "bad_format", "Upload-Metadata 过长", "Upload-Metadata too long")
    out: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in value.split(","))):
        key, _, b64 = pair.partition(" ")
        try:
            out[key] = base64.b64decode(b64.strip(), validate=True).decode("utf-8") if b64 else ""
        except ValueError:
            raise ApiError(400, "bad_format", "Upload-Metadata 格式不对", "Bad Upload-Metadata") from None
    return out


def _int_header(request, name: str) -> int:
    value = request.headers.get(name, "")
    if not DIGITS.fullmatch(value):
        raise ApiError(400, "bad_format", "缺少或无效的 {}".format(name), "Missing or bad {}".format(name))
    return int(value)


def _checksum(request):
    """The hash object and expected digest of ``Upload-Checksum``, or None without one."""
    value = request.headers.get("upload-checksum")
    if value is None:
        return None
    algo, _, b64 = value.strip().partition(" ")
    if algo not in CHECKSUMS:
        raise ApiError(400, "bad_format", "不支持的校验算法 {}".format(algo[:20]), "Unsupported checksum algorithm")
    try:
        expected = base64.b64decode(b64.strip(), validate=True)
    except ValueError:
        raise ApiError(400, "bad_format", "Upload-Checksum 格式不对", "Bad Upload-Checksum") from None
    return CHECKSUMS[algo](), expected


def ticket_for(conn, device_id: str, packet_id: str) -> str:
    """The packet's upload ticket (made at its first announce; packet ids are per device)."""
    row = conn.execute("SELECT ticket FROM tus WHERE device_id = ? AND packet_id = ?", (device_id, packet_id)).fetchone()
    if row:
        return row[0]
    ticket = secrets.token_urlsafe(24)
    conn.execute("INSERT INTO tus(device_id, packet_id, ticket, upload_id, created_at) VALUES (?,?,?,NULL,?)",
                 (device_id, packet_id, ticket, time.time()))
    return ticket


def new_upload(conn, state: ServerState, device_id: str, packet_id: str) -> str:
    """A fresh upload of ``packet_id`` at offset 0 (the one before it is gone)."""
    upload_id = secrets.token_urlsafe(24)
    ticket_for(conn, device_id, packet_id)
    conn.execute("UPDATE tus SET upload_id = ?, created_at = ? WHERE device_id = ? AND packet_id = ?",
                 (upload_id, time.time(), device_id, packet_id))
    conn.execute("UPDATE uploads SET offset = 0, updated_at = ? WHERE device_id = ? AND packet_id = ?",
                 (time.time(), device_id, packet_id))
    state.upload_path(device_id, packet_id).write_bytes(b"")
    return upload_id


def view_fields(state: ServerState, device_id: str, packet_id: str, base_url: str) -> dict:
    """What a packet view adds for the data plane: where and how its bytes go."""
    def work(conn):
        ticket = ticket_for(conn, device_id, packet_id)
        row = conn.execute("SELECT upload_id FROM tus WHERE device_id = ? AND packet_id = ?", (device_id, packet_id)).fetchone()
        upload_id = row[0] if row and row[0] else (None if state.cfg.tus_endpoint
                                                   else new_upload(conn, state, device_id, packet_id))
        return ticket, upload_id
    ticket, upload_id = state.db.tx(work)
    if state.cfg.tus_endpoint:
        return {"tus_endpoint": state.cfg.tus_endpoint, "upload_ticket": ticket}
    endpoint = base_url.rstrip("/") + PREFIX
    return {"tus_endpoint": endpoint, "upload_ticket": ticket, "upload_url": endpoint + upload_id}


_JOIN = "tus t JOIN uploads u ON u.device_id = t.device_id AND u.packet_id = t.packet_id"


def _upload(state: ServerState, upload_id: str) -> tuple[str, str, int, int, str]:
    """(device id, packet id, size, confirmed offset, state) of an upload; 404 for an unknown one."""
    if not UPLOAD_ID.fullmatch(upload_id):
        raise ApiError(404, "not_found", "上传不存在", "Upload not found")
    row = state.db.one("SELECT u.device_id, u.packet_id, u.size, u.offset, u.state FROM " + _JOIN +
                       " WHERE t.upload_id = ?", (upload_id,))
    if row is None:
        raise ApiError(404, "not_found", "上传不存在", "Upload not found")
    device_id, pid, size, offset, ustate = row
    if state.db.one("SELECT 1 FROM packets WHERE device_id = ? AND packet_id = ?", (device_id, pid)):
        return device_id, pid, size, size, "committed"
    return device_id, pid, size, offset, ustate


async def receive(state: ServerState, request, device_id: str, pid: str, offset: int, length: int) -> tuple[int, bool]:
    """Write the request body (``length`` bytes) at ``offset`` of the packet's upload file and
    confirm what arrived: (new offset, whether the link dropped). With ``Upload-Checksum`` the
    chunk counts only whole and matching (460 otherwise); without, bytes that arrived before a
    dropped link are kept (TLS delivered them intact; the commit hashes the whole)."""
    from starlette.requests import ClientDisconnect
    check = _checksum(request)
    got, dropped = 0, False
    with open(state.upload_path(device_id, pid), "r+b") as fh:
        fh.seek(offset)
        try:
            async for chunk in request.stream():
                chunk = chunk[:length - got]  # never past the declared length
                fh.write(chunk)
                if check:
                    check[0].update(chunk)
                got += len(chunk)
        except ClientDisconnect:
            dropped = True
    if check and (dropped or got != length or not hmac.compare_digest(check[0].digest(), check[1])):
        if not dropped and got == length:
            raise ApiError(460, "checksum_mismatch", "数据块校验值不符", "Checksum mismatch", retryable=True, offset=offset)
        got = 0
    if got:
        state.db.tx(lambda c: c.execute("UPDATE uploads SET offset = ?, updated_at = ? WHERE device_id = ? AND packet_id = ?"
                                        " AND offset = ?", (offset + got, time.time(), device_id, pid, offset)))
    return offset + got, dropped


def _require_version(request) -> None:
    if request.headers.get("tus-resumable") != VERSION:
        raise ApiError(412, "bad_format", "不支持的 tus 协议版本", "Unsupported Tus-Resumable version",
                       tus_version=VERSION)


def _chunk_length(state: ServerState, request, offset: int, size: int) -> int:
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != OFFSET_TYPE:
        raise ApiError(415, "bad_format", "Content-Type 应为 " + OFFSET_TYPE, "Content-Type must be " + OFFSET_TYPE)
    length = _int_header(request, "content-length")
    if length > state.cfg.max_chunk or offset + length > size:
        raise ApiError(413, "too_large", "数据块过大或超出上传长度", "Chunk too large")
    return length


def register(app, state: ServerState) -> None:
    """Add the tus endpoints to ``app``."""
    from fastapi.responses import Response

    def base_url(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    @app.options("/v1/tus/")
    async def tus_options():
        return Response(status_code=204, headers=discovery(state))

    @app.options("/v1/tus/{upload_id}")
    async def tus_options_upload(upload_id: str):
        return Response(status_code=204, headers=discovery(state))

    @app.post("/v1/tus/")
    async def tus_create(request: Request):
        _require_version(request)
        length = _int_header(request, "upload-length")
        meta = parse_metadata(request.headers.get("upload-metadata", ""))
        pid, ticket = meta.get("packet_id", ""), meta.get("ticket", "")
        # packet ids are per device: the ticket (given only to the announcing device) names which
        rows = state.db.all("SELECT t.ticket, u.size, u.state, u.device_id FROM " + _JOIN + " WHERE t.packet_id = ?", (pid,))
        row = next((r for r in rows if hmac.compare_digest(r[0].encode(), ticket.encode())), None)
        if row is None:
            raise ApiError(403, "not_authorised", "上传凭据无效：请先登记（announce）数据包", "Bad upload ticket")
        device_id = row[3]
        if state.db.one("SELECT 1 FROM packets WHERE device_id = ? AND packet_id = ?", (device_id, pid)) or row[2] != "uploading":
            raise ApiError(409, "duplicate", "数据包已提交", "Packet already committed")
        if length != row[1]:
            raise ApiError(413 if length > state.cfg.max_packet else 400, "bad_format",
                           "Upload-Length 与登记的数据包长度不符", "Upload-Length does not match the announced size")
        async with state.patch_lock(device_id, pid):
            upload_id = state.db.tx(lambda c: new_upload(c, state, device_id, pid))
            offset, extra = 0, {}
            if int(request.headers.get("content-length") or 0) > 0:  # creation-with-upload
                offset, dropped = await receive(state, request, device_id, pid, 0, _chunk_length(state, request, 0, length))
                if dropped:
                    return Response(status_code=400)
                extra = {"Upload-Offset": str(offset)}
        return Response(status_code=201, headers=headers(Location=base_url(request) + PREFIX + upload_id, **extra))

    @app.head("/v1/tus/{upload_id}")
    async def tus_head(upload_id: str, request: Request):
        _require_version(request)
        _, _, size, offset, _ = _upload(state, upload_id)
        return Response(status_code=200, headers=headers(**{"Upload-Offset": str(offset), "Upload-Length": str(size),
                                                            "Cache-Control": "no-store"}))

    @app.patch("/v1/tus/{upload_id}")
    async def tus_patch(upload_id: str, request: Request):
        _require_version(request)
        device_id, pid, size, _, _ = _upload(state, upload_id)
        async with state.patch_lock(device_id, pid):
            device_id, pid, size, confirmed, ustate = _upload(state, upload_id)  # again, under the lock
            offset = _int_header(request, "upload-offset")
            if ustate != "uploading" or offset != confirmed:
                raise ApiError(409, "offset_mismatch", "上传位置不符，服务器已确认 {} 字节".format(confirmed),
                               "Offset mismatch", retryable=True, offset=confirmed)
            offset, dropped = await receive(state, request, device_id, pid, offset, _chunk_length(state, request, offset, size))
        if dropped:
            return Response(status_code=400)
        return Response(status_code=204, headers=headers(**{"Upload-Offset": str(offset)}))

    @app.delete("/v1/tus/{upload_id}")
    async def tus_delete(upload_id: str, request: Request):
        _require_version(request)
        device_id, pid, _, _, ustate = _upload(state, upload_id)
        async with state.patch_lock(device_id, pid):
            def forget(conn):
                conn.execute("UPDATE tus SET upload_id = NULL WHERE upload_id = ?", (upload_id,))
                if ustate == "uploading":
                    conn.execute("UPDATE uploads SET offset = 0, updated_at = ? WHERE device_id = ? AND packet_id = ?",
                                 (time.time(), device_id, pid))
            state.db.tx(forget)
            if ustate == "uploading":
                state.upload_path(device_id, pid).write_bytes(b"")
        return Response(status_code=204, headers=headers())


def take_from_store(state: ServerState, device_id: str, pid: str, upload_url: str) -> None:
    """Bring the finished upload ``upload_url`` of an external tus intake into the packet's
    upload file, if its metadata carries this packet's id and ticket (``@tus/file-store``
    layout: the bytes in ``<store>/<id>``, the upload's description in ``<store>/<id>.json``)."""
    store = state.cfg.tus_store
    upload_id = str(upload_url).rstrip("/").rsplit("/", 1)[-1]
    if store is None or not UPLOAD_ID.fullmatch(upload_id):
        raise ApiError(400, "bad_format", "上传地址无效", "Bad upload_url")
    row = state.db.one("SELECT t.ticket, u.size FROM " + _JOIN + " WHERE t.device_id = ? AND t.packet_id = ?",
                       (device_id, pid))
    if row is None:
        raise ApiError(404, "not_found", "服务器上没有该数据包", "Packet not found")
    info_path, data_path = Path(store) / (upload_id + ".json"), Path(store) / upload_id
    try:
        if info_path.stat().st_size > 64 << 10:
            raise ValueError
        info = json.loads(info_path.read_text("utf-8"))
        meta = info.get("metadata") or {}
        size = os.stat(data_path).st_size
    except (OSError, ValueError, AttributeError):
        raise ApiError(404, "not_found", "上传不存在", "Upload not found") from None
    if meta.get("packet_id") != pid or not hmac.compare_digest(str(meta.get("ticket", "")).encode(), row[0].encode()):
        raise ApiError(403, "not_authorised", "该上传不属于此数据包", "The upload does not belong to this packet")
    if size != row[1]:
        raise ApiError(409, "upload_incomplete", "数据包尚未传完（已收 {} / {} 字节）".format(size, row[1]),
                       "Upload incomplete", retryable=True, offset=min(size, row[1]))
    shutil.copyfile(data_path, state.upload_path(device_id, pid))
    state.db.tx(lambda c: c.execute("UPDATE uploads SET offset = ?, updated_at = ? WHERE device_id = ? AND packet_id = ?",
                                    (row[1], time.time(), device_id, pid)))

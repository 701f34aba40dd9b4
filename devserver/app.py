"""The reference registration server: the protocol of ``resources/api/yizhan-sync.json``.

Every ``/v1`` request after enrollment is verified: a registered, enabled device; a
timestamp within ``skew`` seconds (else ``clock_skew`` with the server time); a signature in
the device's crypto suite (Ed25519, or SM2 for a device enrolled with the GM suite) over
method, raw path, time, nonce and the body's declared SHA-256 (checked against the body as it
streams); a nonce never seen before (replays are refused). Uploads are
announced, PATCHed at offsets the server confirms, and committed: the commit decrypts the
packet, checks the manifest signature and every file hash, and stores exactly one record per
packet id.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import hashlib
import json
import re
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devserver import envelope, registry
from devserver.faults import FaultInjector, Faults
from devserver.storage import ServerDB, now_with_offset
from devserver.tls import ServerKeys, ensure_keys

PACKET_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


@dataclass
class ServerConfig:
    """Settings of one server instance."""

    data_dir: Path
    rsa_bits: int = 3072
    max_packet: int = 4 << 30
    max_chunk: int = 64 << 20
    skew: float = 300.0
    wlt_lib: str | None = None  # a vendor WLT decoder library (libwlt2bmp-style) for card photos
    suites: tuple[str, ...] = ("default", "gm")  # the crypto suites offered at enrollment (shared.cryptosuite)
    # a standard tus server as the intake (its creation URL, and its file store as this server
    # reads it); None: this server takes the bytes itself on /v1/tus/ (see devserver.tus)
    tus_endpoint: str | None = None
    tus_store: Path | None = None
    admin_token: str = field(default_factory=lambda: secrets.token_urlsafe(18))


class ApiError(Exception):
    """An answer in the error envelope."""

    def __init__(self, status: int, code: str, zh: str, en: str, retryable: bool = False,
                 retry_after: float | None = None, **extra: Any) -> None:
        super().__init__(code)
        self.status, self.code, self.zh, self.en = status, code, zh, en
        self.retryable, self.retry_after, self.extra = retryable, retry_after, extra

    def body(self) -> dict:
        return {"code": self.code, "message": self.zh, "message_en": self.en, "retryable": self.retryable,
                "retry_after": self.retry_after, **self.extra}


def iso(ts: float) -> str:
    return _dt.datetime.fromtimestamp(ts, _dt.timezone.utc).replace(microsecond=0).isoformat()


class ServerState:
    """Everything one server instance holds."""

    def __init__(self, cfg: ServerConfig) -> None:
        self.cfg = cfg
        cfg.data_dir.mkdir(parents=True, exist_ok=True)
        self.keys: ServerKeys = ensure_keys(cfg.data_dir, cfg.rsa_bits)
        self.db = ServerDB(cfg.data_dir / "server.db")
        self.uploads_dir = cfg.data_dir / "uploads"
        self.docs_dir = cfg.data_dir / "documents"
        self.uploads_dir.mkdir(exist_ok=True)
        self.injector: FaultInjector | None = None
        self._packet_locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._patch_locks: dict[str, asyncio.Lock] = {}

    def packet_lock(self, device_id: str, packet_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._packet_locks.setdefault(device_id + "/" + packet_id, threading.Lock())

    def patch_lock(self, device_id: str, packet_id: str) -> asyncio.Lock:
        return self._patch_locks.setdefault(device_id + "/" + packet_id, asyncio.Lock())

    def upload_path(self, device_id: str, packet_id: str) -> Path:
        """Where the ciphertext of ``packet_id`` from ``device_id`` collects (ids are per device)."""
        return self.uploads_dir / "{}.{}.part".format(device_id, packet_id)

    def new_code(self) -> str:
        code = "{:04d}-{:04d}".format(secrets.randbelow(10000), secrets.randbelow(10000))
        self.db.tx(lambda c: c.execute("INSERT INTO codes(code, created_at) VALUES (?, ?)", (code, time.time())))
        return code

    def device_public(self, device_id: str) -> bytes | None:
        row = self.db.one("SELECT public_key FROM devices WHERE device_id = ? AND disabled = 0", (device_id,))
        return envelope.unb64(row[0]) if row else None

    def device_suite(self, device_id: str) -> str | None:
        """The crypto suite ``device_id`` enrolled with (None: unknown device)."""
        row = self.db.one("SELECT suite FROM devices WHERE device_id = ?", (device_id,))
        return row[0] if row else None


# -- authentication -------------------------------------------------------------------------
def _raw_path(request) -> str:
    raw = request.scope.get("raw_path") or request.scope["path"].encode()
    path = raw.decode("latin-1")
    qs = request.scope.get("query_string", b"")
    return path + ("?" + qs.decode("latin-1") if qs else "")


def authenticate(state: ServerState, request) -> tuple[str, str]:
    """Check a request's device signature; return (device id, declared body SHA-256)."""
    h = request.headers
    device_id, ts, nonce, sig, digest = (h.get("x-device-id"), h.get("x-timestamp"), h.get("x-nonce"),
                                         h.get("x-signature"), h.get("x-content-sha256"))
    if not all((device_id, ts, nonce, sig, digest)):
        raise ApiError(401, "auth_failed", "请求未签名", "The request is not signed")
    row = state.db.one("SELECT public_key, disabled, suite FROM devices WHERE device_id = ?", (device_id,))
    if row is None:
        raise ApiError(401, "unknown_device", "设备未注册", "Unknown device")
    if row[1]:
        raise ApiError(403, "device_disabled", "设备已停用", "The device is disabled")
    now = time.time()
    try:
        skew = abs(now - float(ts))
    except ValueError:
        raise ApiError(401, "auth_failed", "请求时间格式错误", "Bad timestamp") from None
    if skew > state.cfg.skew:
        raise ApiError(401, "clock_skew", "设备时钟与服务器相差 {:.0f} 秒，请校准时间（服务器时间 {}）".format(skew, iso(now)),
                       "Device clock is off by {:.0f} s (server time {})".format(skew, iso(now)),
                       server_time=iso(now))
    try:
        ok = envelope.signature_ok(row[2], envelope.unb64(row[0]), envelope.unb64(sig),
                                   envelope.signed_request_text(request.method, _raw_path(request), ts, nonce, digest))
    except ValueError:
        ok = False
    if not ok:
        raise ApiError(401, "auth_failed", "请求签名无效", "Bad request signature")

    def remember(conn):
        conn.execute("DELETE FROM nonces WHERE ts < ?", (now - 2 * state.cfg.skew,))
        conn.execute("INSERT INTO nonces(device_id, nonce, ts) VALUES (?,?,?)", (device_id, nonce, now))
    try:
        state.db.tx(remember)
    except sqlite3.IntegrityError:
        raise ApiError(401, "replay", "重复的请求（重放）已拒绝", "Replayed request refused") from None
    return device_id, digest


async def signed_body(state: ServerState, request) -> tuple[str, bytes]:
    device_id, digest = authenticate(state, request)
    body = await request.body()
    if hashlib.sha256(body).hexdigest() != digest:
        raise ApiError(400, "digest_mismatch", "请求内容与签名不符", "Body does not match its digest", retryable=True)
    return device_id, body


def _json(body: bytes) -> dict:
    try:
        out = json.loads(body or b"{}")
    except ValueError:
        raise ApiError(400, "bad_format", "请求不是有效的 JSON", "Malformed JSON") from None
    if not isinstance(out, dict):
        raise ApiError(400, "bad_format", "请求应为 JSON 对象", "JSON object expected")
    return out


def _need(doc: dict, *keys: str) -> None:
    for k in keys:
        if doc.get(k) in (None, ""):
            raise ApiError(400, "field_missing", "缺少必填项 {}".format(k), "Required field missing: {}".format(k))


def _packet_id(packet_id: str) -> str:
    if not PACKET_ID.match(packet_id):
        raise ApiError(400, "bad_format", "数据包编号格式不对", "Bad packet id")
    return packet_id


# -- packets ---------------------------------------------------------------------------------
def packet_view(state: ServerState, packet_id: str, device_id: str) -> dict:
    row = state.db.one("SELECT size, sha256, stage, answer FROM packets WHERE packet_id = ? AND device_id = ?",
                       (packet_id, device_id))
    if row:
        return {"packet_id": packet_id, "state": "committed", "offset": row[0], "size": row[0], "sha256": row[1],
                "stage": row[2], "answer": json.loads(row[3])}
    row = state.db.one("SELECT size, sha256, offset, state FROM uploads WHERE packet_id = ? AND device_id = ?",
                       (packet_id, device_id))
    if row:
        return {"packet_id": packet_id, "state": "uploading", "offset": row[2], "size": row[0], "sha256": row[1]}
    raise ApiError(404, "not_found", "服务器上没有该数据包", "Packet not found")


def announce(state: ServerState, device_id: str, doc: dict) -> tuple[int, dict]:
    _need(doc, "packet_id", "size", "sha256", "signature")
    pid = _packet_id(str(doc["packet_id"]))
    size, digest = int(doc["size"]), str(doc["sha256"]).lower()
    if size > state.cfg.max_packet:
        raise ApiError(413, "too_large", "数据包过大（上限 {} MB）".format(state.cfg.max_packet >> 20),
                       "Packet too large")
    pub = state.device_public(device_id)
    try:
        sig = envelope.unb64(doc["signature"])
    except ValueError:
        sig = b""
    if not envelope.signature_ok(state.device_suite(device_id) or "", pub, sig, envelope.announce_text(pid, size, digest)):
        raise ApiError(401, "bad_signature", "数据包签名无效", "Bad packet signature")
    done = state.db.one("SELECT sha256 FROM packets WHERE packet_id = ? AND device_id = ?", (pid, device_id))
    if done:
        if done[0] != digest:
            raise ApiError(409, "duplicate_mismatch", "同一编号的数据包已收到，但内容不同", "Duplicate packet id with a different hash")
        state.db.tx(lambda c: state.db.bump(c, "duplicate_announces"))
        return 200, packet_view(state, pid, device_id)

    def work(conn):
        row = conn.execute("SELECT sha256, size FROM uploads WHERE packet_id = ? AND device_id = ?", (pid, device_id)).fetchone()
        if row:
            if row[0] != digest or row[1] != size:
                raise ApiError(409, "duplicate_mismatch", "同一编号的数据包正在上传，但内容不同",
                               "Duplicate packet id with a different hash")
            return 200
        now = time.time()
        conn.execute("INSERT INTO uploads(packet_id, device_id, size, sha256, signature, offset, state, created_at, updated_at)"
                     " VALUES (?,?,?,?,?,0,'uploading',?,?)", (pid, device_id, size, digest, doc["signature"], now, now))
        state.upload_path(device_id, pid).write_bytes(b"")
        return 201
    status = state.db.tx(work)
    view = packet_view(state, pid, device_id)
    view["max_chunk"] = state.cfg.max_chunk
    return status, view


def commit(state: ServerState, device_id: str, pid: str) -> dict:
    """Decrypt, verify and keep a fully uploaded packet; idempotent per packet id."""
    with state.packet_lock(device_id, pid):
        row = state.db.one("SELECT answer FROM packets WHERE packet_id = ? AND device_id = ?", (pid, device_id))
        if row:
            state.db.tx(lambda c: state.db.bump(c, "duplicate_commits"))
            return json.loads(row[0])
        up = state.db.one("SELECT size, sha256, offset FROM uploads WHERE packet_id = ? AND device_id = ?", (pid, device_id))
        if up is None:
            raise ApiError(404, "not_found", "服务器上没有该数据包", "Packet not found")
        size, digest, offset = up
        if offset != size:
            raise ApiError(409, "upload_incomplete", "数据包尚未传完（已收 {} / {} 字节）".format(offset, size),
                           "Upload incomplete", retryable=True, offset=offset)
        path = state.upload_path(device_id, pid)
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        if h.hexdigest() != digest:
            state.db.tx(lambda c: c.execute("UPDATE uploads SET offset = 0 WHERE packet_id = ? AND device_id = ?", (pid, device_id)))
            raise ApiError(422, "hash_mismatch", "数据包校验值不符，请重新上传", "Ciphertext hash mismatch",
                           retryable=True, offset=0)
        try:
            with open(path, "rb") as fh:
                opened = envelope.read_packet(fh, state.keys.keyring(), state.device_public,
                                              device_suite=state.device_suite, offered=state.cfg.suites)
        except envelope.PacketRejected as err:
            state.db.tx(lambda c: c.execute("UPDATE uploads SET state = 'rejected' WHERE packet_id = ? AND device_id = ?",
                                            (pid, device_id)))
            raise ApiError(422, "bad_cipher", "数据包无法解密或校验失败：" + err.msg.render("zh"),
                           "Packet failed decryption or verification") from None
        m = opened.manifest
        if m.get("packet_id") != pid or m.get("device_id") != device_id:
            raise ApiError(422, "bad_format", "数据包清单与上传编号或设备不符", "Manifest does not match the upload")
        now = now_with_offset(state.db)

        def keep(conn):
            seq = state.db.bump(conn, "commits_created")
            answer = {"packet_id": pid, "state": "committed", "sha256": digest, "received_at": iso(now),
                      "delivery_seq": seq}
            conn.execute("INSERT INTO packets(packet_id, device_id, case_id, revision, sha256, size, manifest, case_doc,"
                         " committed_at, answer, stage) VALUES (?,?,?,?,?,?,?,?,?,?, 'delivered')",
                         (pid, device_id, m["case_id"], int(m["revision"]), digest, size,
                          state.db.seal(m, "manifest"), state.db.seal(opened.case, "case_doc"), now,
                          json.dumps(answer)))
            conn.execute("UPDATE uploads SET state = 'committed' WHERE packet_id = ? AND device_id = ?", (pid, device_id))
            conn.execute("INSERT INTO events(device_id, packet_id, kind, at, payload) VALUES (?,?,'delivered',?,?)",
                         (device_id, pid, now, json.dumps({"received_at": iso(now)})))
            registry.schedule_review(conn, state.db, pid, opened.case, m, now)
            if isinstance(m.get("audit_head"), dict):
                note_audit_head(conn, device_id, m["audit_head"], now, current=False)
            return answer
        return state.db.tx(keep)


AUDIT_MIN_RETENTION_S = 365 * 86400  # the client never purges audit rows younger than this
AUDIT_GRACE_S = 30 * 86400  # a row may reach the server this long after it was written (offline)
PROVE_LIMIT = 64


def note_audit_head(conn, device_id: str, head, now: float, current: bool) -> None:
    """Keep the audit heads of ``device_id`` and flag what no honest chain does.

    A packet's head is as old as the packet, so it only adds a mark. A heartbeat
    (``current``: the device's chain as of now) is checked against everything seen before:

    * ``went_backwards``: its head or its base is below one reported before (the store was
      rolled back to an older copy, or rows were cut at the end);
    * ``rewritten`` / ``forked``: a row the server knows has another hash now, in the head,
      the base or the proof of the rows the anchor asked for (rewritten, or rolled back and
      grown again past the old head);
    * ``cut_at_start``: the base moved past rows that cannot be a year old (a heartbeat less
      than a year ago saw the chain end before them; the server has known them for less than
      a year, less a grace for a device that was offline; the device reports no purge date, or
      one less than a year old): rows cut from the start, which the client's purge never does.
    """
    try:
        seq, digest, base = int(head["seq"]), str(head["hash"])[:64], int(head.get("base_seq", 0))
        base_hash, base_at = str(head.get("base_hash") or "")[:64], str(head.get("base_at") or "")[:40]
        proof = {int(k): str(v)[:64] for k, v in dict(head.get("proof") or {}).items()}
    except (TypeError, KeyError, ValueError):
        return
    row = conn.execute("SELECT seq, hash, base_seq FROM audit_heads WHERE device_id = ?", (device_id,)).fetchone()
    findings: list[tuple[str, str]] = []
    proven: list[int] = []
    if current and row is not None:
        findings, proven = _audit_findings(conn, device_id, row, seq, digest, base, base_hash, base_at, proof, now)
    elif row is not None and seq == row[0] and digest != row[1]:
        findings.append(("rewritten", "row {} has another hash than reported before".format(seq)))
    conn.execute("INSERT INTO audit_marks(device_id, seq, hash, first_at, at, current, proven) VALUES (?,?,?,?,?,?,?)"
                 " ON CONFLICT(device_id, seq) DO UPDATE SET current = max(current, excluded.current),"
                 " proven = max(proven, excluded.proven), at = CASE WHEN excluded.current THEN excluded.at ELSE at END",
                 (device_id, seq, digest, now, now, int(current), int(current)))
    for mark_seq in proven:  # what this heartbeat proved (or flagged) need not be asked again; a row it
        # did not speak of (a packet's head that arrived meanwhile) is asked next time
        conn.execute("UPDATE audit_marks SET proven = 1 WHERE device_id = ? AND seq = ?", (device_id, mark_seq))
    if row is None or seq > row[0]:
        conn.execute("INSERT INTO audit_heads(device_id, seq, hash, base_seq, at) VALUES (?,?,?,?,?) ON CONFLICT(device_id)"
                     " DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at = excluded.at",
                     (device_id, seq, digest, base, now))
    if current and row is not None and base > row[2]:
        conn.execute("UPDATE audit_heads SET base_seq = ? WHERE device_id = ?", (base, device_id))
    for kind, detail in findings:
        if conn.execute("SELECT 1 FROM audit_findings WHERE device_id = ? AND kind = ? AND detail = ?",
                        (device_id, kind, detail)).fetchone() is None:
            conn.execute("INSERT INTO audit_findings(device_id, at, kind, detail) VALUES (?,?,?,?)",
                         (device_id, now, kind, detail))


def _audit_findings(conn, device_id, row, seq, digest, base, base_hash, base_at, proof,
                    now) -> tuple[list[tuple[str, str]], list[int]]:
    """What is wrong with a heartbeat against the marks, and which marks it spoke of."""
    high, high_hash, old_base = row
    out: list[tuple[str, str]] = []
    spoke: list[int] = []
    if seq < high:
        out.append(("went_backwards", "head {} is below the {} reported before (rolled back or cut)".format(seq, high)))
    elif seq == high and digest != high_hash:
        out.append(("rewritten", "row {} has another hash than reported before".format(seq)))
    if base < old_base:
        out.append(("went_backwards", "the chain starts at {} again after {} (rolled back to an older copy)".format(base, old_base)))
    claims = dict(proof)
    claims[seq] = digest
    if base_hash:
        claims[base] = base_hash
    for mark in _to_prove(conn, device_id):
        mark_seq, mark_hash = mark
        if mark_seq == seq == high:
            continue  # the head itself: said above
        if mark_seq in claims:
            spoke.append(mark_seq)
            if claims[mark_seq] != mark_hash:
                out.append(("forked", "row {} has another hash than reported before (rewritten, or rolled back and grown again)"
                            .format(mark_seq)))
    if base > old_base:
        before = conn.execute("SELECT max(at) FROM audit_marks WHERE device_id = ? AND current = 1 AND seq < ?",
                              (device_id, base)).fetchone()[0]
        known = conn.execute("SELECT min(first_at) FROM audit_marks WHERE device_id = ? AND seq >= ?",
                             (device_id, base)).fetchone()[0]
        young = ((before is not None and now - before < AUDIT_MIN_RETENTION_S)  # a heartbeat saw the chain end before it
                 or known is None or now - known < AUDIT_MIN_RETENTION_S - AUDIT_GRACE_S)  # not known to the server long enough
        if young or not _old_enough(base_at, now, AUDIT_MIN_RETENTION_S):
            out.append(("cut_at_start", "rows {}..{} are gone from the start of the chain, younger than a year".format(old_base + 1, base)))
    return out, spoke


def _old_enough(at_iso: str, now: float, age: float) -> bool:
    import datetime as _dt
    try:
        at = _dt.datetime.fromisoformat(at_iso)
    except ValueError:
        return False
    if at.tzinfo is None:
        at = at.replace(tzinfo=_dt.timezone.utc)
    return now - at.timestamp() >= age


def _to_prove(conn, device_id: str) -> list[tuple[int, str]]:
    """The rows a heartbeat must prove: the highest proven mark and the unproven ones above it."""
    top = conn.execute("SELECT seq, hash FROM audit_marks WHERE device_id = ? AND proven = 1 ORDER BY seq DESC LIMIT 1",
                       (device_id,)).fetchone()
    floor = top[0] if top else -1
    rest = conn.execute("SELECT seq, hash FROM audit_marks WHERE device_id = ? AND proven = 0 AND seq > ? ORDER BY seq LIMIT ?",
                        (device_id, floor, PROVE_LIMIT - 1)).fetchall()
    return ([tuple(top)] if top else []) + [tuple(r) for r in rest]


def audit_anchor(state: ServerState, device_id: str) -> dict:
    row = state.db.one("SELECT seq, hash, base_seq FROM audit_heads WHERE device_id = ?", (device_id,))
    findings = [{"kind": k, "at": iso(a), "detail": d} for k, a, d in state.db.all(
        "SELECT kind, at, detail FROM audit_findings WHERE device_id = ? ORDER BY id", (device_id,))]
    seq, digest, base = row if row else (0, "0" * 64, 0)
    prove = [s for s, _ in state.db.tx(lambda conn: _to_prove(conn, device_id))]
    return {"device_id": device_id, "seq": seq, "hash": digest, "base_seq": base, "findings": findings, "prove": prove}


def stats(state: ServerState) -> dict:
    inj = state.injector.counters if state.injector else None
    return {"packets": state.db.one("SELECT count(*) FROM packets")[0],
            "events": state.db.one("SELECT count(*) FROM events")[0],
            "commits_created": state.db.kv_get("commits_created", 0),
            "duplicate_commits": state.db.kv_get("duplicate_commits", 0),
            "duplicate_announces": state.db.kv_get("duplicate_announces", 0),
            "delivered_events": state.db.one("SELECT count(*) FROM events WHERE kind = 'delivered'")[0],
            "requests": inj.requests if inj else 0, "peak_inflight": inj.peak if inj else 0,
            "injected": dict(inj.injected) if inj else {}}


def create_app(state: ServerState):
    """The ASGI application (fault injection outermost)."""
    from devserver.routes import build
    app = build(state)
    state.injector = FaultInjector(app, Faults())
    return state.injector

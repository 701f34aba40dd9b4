"""The HTTP client of the sync protocol (``resources/api/yizhan-sync.json``).

Every request after enrollment is signed with the device key (``X-Device-Id``,
``X-Timestamp``, ``X-Nonce``, ``X-Signature`` over method, path, time, nonce and the body's
SHA-256). TLS trusts only the CA pinned at enrollment (hostname checked); a certificate
problem raises :class:`TrustError` and is never retried without verification. Every failure
becomes a :class:`SyncError` with a Chinese message, ``retryable`` and ``retry_after``.

Nothing the server says is trusted as more than data: the channel is HTTPS only and never
follows a redirect; every answer is read up to a cap of its kind (:data:`CAPS`) and every JSON
answer is validated against its schema in ``resources/api/yizhan-sync.json`` before anyone
uses it; identifiers that go back into a URL are checked against a strict pattern. Anything
else is "the server answered garbage" (``sync.garbage``, retryable).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import secrets
import ssl
import time
from typing import Any, Callable
from urllib.parse import urlencode, urljoin, urlsplit

from shared.errors import SyncError, TrustError
from shared.i18n import RESOURCES, Msg
from shared.sync import crypto

log = logging.getLogger(__name__)
EMPTY_SHA = hashlib.sha256(b"").hexdigest()
SPEC = RESOURCES / "api" / "yizhan-sync.json"
# The most the client reads of one answer, by kind (bytes). Beyond it: garbage, retried.
CAPS = {"error": 64 << 10, "json": 1 << 20, "status": 8 << 20, "master_index": 256 << 10,
        "master_document": 16 << 20, "document": 64 << 20}
# The most time one answer may take to arrive whole, by kind (seconds): a server dripping a
# byte at a time under the per-read timeout is cut there ("offline", retried).
DEADLINES = {"error": 30.0, "json": 60.0, "status": 90.0, "master_index": 60.0,
             "master_document": 300.0, "document": 600.0}
SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")  # an identifier put into a URL path
DIGITS = re.compile(r"^[0-9]{1,12}$")  # ASCII digits only ("²".isdigit() is True)
MAX_RETRY_AFTER = 86400.0
TUS_VERSION = "1.0.0"
OFFSET_STREAM = "application/offset+octet-stream"
MAX_URL = 2048


def garbage(status: Any, what: str, retry_after: float | None = None) -> SyncError:
    """"The server answered garbage, will retry": the one error for every malformed answer."""
    return SyncError(Msg("sync.garbage", "登记服务器返回了无法识别的内容（HTTP {status}，{ctype}），可能是网络设备拦截。稍后会自动重试",
                         {"status": status, "ctype": server_text(what, 80)}), retryable=True, retry_after=retry_after)


def server_text(value: Any, limit: int) -> str:
    """Text the server chose (a header, an envelope's message), as the officer may see it on a
    terminal or in a window: at most ``limit`` characters, control and bidi characters escaped."""
    from shared.logs import clean_text
    return clean_text(str(value)[:limit])


MAX_INT = 2 ** 53 - 1  # the largest integer any answer may carry (exact in every JSON reader)


def _bounded(node: Any) -> Any:
    """The schema with every integer bounded: ``0..MAX_INT`` unless the protocol says tighter
    (an integer the server sends is a size, an offset, a sequence number or a count), and
    every anchored pattern anchored at the true end of the text."""
    if isinstance(node, list):
        return [_bounded(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _bounded(v) for k, v in node.items()}
    if isinstance(out.get("pattern"), str) and out["pattern"].endswith("$"):
        out["pattern"] += "(?!\n)"  # Python's "$" also matches before a final newline; JSON Schema's does not
    kind = out.get("type")
    if kind == "integer" or (isinstance(kind, list) and "integer" in kind):
        out["minimum"] = max(0, out.get("minimum", 0))
        out["maximum"] = min(MAX_INT, out.get("maximum", MAX_INT))
    elif kind == "number" or (isinstance(kind, list) and "number" in kind):
        out["maximum"] = min(float(MAX_INT), out.get("maximum", float(MAX_INT)))
        out["minimum"] = max(-float(MAX_INT), out.get("minimum", -float(MAX_INT)))
    return out


@functools.lru_cache(maxsize=None)
def _validator(schema: str):
    import jsonschema  # loaded on first use: only answers need it
    spec = json.loads(SPEC.read_text("utf-8"))
    # An integer is a JSON integer: never true/false, never 12.0.
    checker = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _checker, value: type(value) is int)
    strict = jsonschema.validators.extend(jsonschema.Draft202012Validator, type_checker=checker)
    return strict({"$ref": "#/components/schemas/" + schema, "components": _bounded(spec["components"])})


def check_answer(schema: str, value: Any, status: Any = 200) -> Any:
    """``value`` if it matches the protocol's ``schema``; else a ``sync.garbage`` error
    naming the first wrong place (its JSON path, never its content)."""
    err = next(iter(_validator(schema).iter_errors(value)), None)
    if err is not None:
        where = "$" + "".join("[{}]".format(p) if isinstance(p, int) else "." + str(p)[:40] for p in err.absolute_path)
        raise garbage(status, "{} {} ({})".format(schema, where, err.validator))
    return value


def _no_constant(name: str) -> Any:
    raise ValueError("not JSON: " + name[:10])  # NaN, Infinity: Python's extension, not JSON


def decode_json(data: bytes) -> Any:
    """The one decoding of a JSON answer: the value, or ``None`` for anything that is not
    JSON the client can hold (bad bytes, nesting too deep to decode, numbers too long...)."""
    try:
        return json.loads(data, parse_constant=_no_constant)
    except Exception:  # noqa: BLE001 - ValueError, RecursionError, MemoryError...: garbage, never a traceback
        return None


class AnswerTimeout(Exception):
    """An answer did not arrive whole within its deadline (:data:`DEADLINES`)."""


def read_capped(resp, cap: int, deadline: float | None = None, clock: Callable[[], float] = time.monotonic) -> bytes:
    """The one reading of an answer's body: never more than ``cap`` bytes (else garbage) and,
    when ``deadline`` (a ``clock`` time) is given, never past it (:class:`AnswerTimeout`). The
    bytes are kept on ``resp`` too (``.content``)."""
    length = resp.headers.get("Content-Length", "")
    if DIGITS.fullmatch(length) and int(length) > cap:
        raise garbage(resp.status_code, "too large")
    data = bytearray()
    for part in resp.iter_content(16 << 10):
        data += part
        if len(data) > cap:
            raise garbage(resp.status_code, "too large")
        if deadline is not None and clock() > deadline:
            raise AnswerTimeout()
    resp._content = bytes(data)
    return resp._content


def segment(value: Any) -> str:
    """An identifier that goes into a URL path: a strict pattern, never a path of its own."""
    if not isinstance(value, str) or not SEGMENT.fullmatch(value) or ".." in value:
        raise garbage("-", "identifier")
    return value


def retry_after_value(value: Any) -> float | None:
    """Seconds from a ``Retry-After`` header or an envelope's ``retry_after``; None if absent
    or not a plain non-negative number (capped at a day)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        if not DIGITS.fullmatch(value.strip()):
            return None
        value = int(value.strip())
    if not isinstance(value, (int, float)) or value != value or value < 0:
        return None
    return float(min(value, MAX_RETRY_AFTER))


class ServerError(SyncError):
    """An answer in the protocol's error envelope: ``server_code`` is its machine code."""

    def __init__(self, msg: Msg, server_code: str, status: int, retryable: bool,
                 retry_after: float | None, body: dict | None = None) -> None:
        super().__init__(msg, retryable=retryable, retry_after=retry_after)
        self.server_code = server_code
        self.status = status
        self.body = body or {}


class ServerTrustError(TrustError):
    """The server says this device is unknown, disabled or its signature is wrong."""

    def __init__(self, msg: Msg, server_code: str) -> None:
        super().__init__(msg)
        self.server_code = server_code


TRUST_CODES = {"auth_failed", "unknown_device", "device_disabled", "bad_signature"}


def _envelope_ok(env: dict) -> bool:
    """The error envelope's fields that are used have their protocol types."""
    return (isinstance(env.get("message", ""), str) and isinstance(env.get("retryable", False), bool)
            and ("offset" not in env or (type(env["offset"]) is int and 0 <= env["offset"] <= MAX_INT)))


def _pinned_adapter(ca_pem: str):
    from requests.adapters import HTTPAdapter

    class PinnedAdapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            ctx = ssl.create_default_context(cadata=ca_pem)  # this CA only, not the system's
            ctx.check_hostname = True
            ctx.verify_mode = ssl.CERT_REQUIRED
            kwargs["ssl_context"] = ctx
            return super().init_poolmanager(*args, **kwargs)

    return PinnedAdapter(pool_connections=2, pool_maxsize=4, max_retries=0)


class SyncClient:
    """Signed, pinned requests to one registration server."""

    def __init__(self, ident, ca_file=None, ca_pem: str | None = None, timeout: float = 30.0,
                 clock: Callable[[], float] = time.time,
                 on_exchange: Callable[..., None] | None = None) -> None:
        import requests
        from requests.adapters import BaseAdapter
        self.ident = ident
        self.base = ident.server_url.rstrip("/")
        if urlsplit(self.base).scheme.lower() != "https":
            raise TrustError(Msg("sync.https_only", "登记服务器地址必须是 https://（{url}）。同步只在固定证书的加密连接上进行",
                                 {"url": self.base[:80]}))
        self.timeout = (min(10.0, timeout), timeout)
        self.clock = clock
        self.on_exchange = on_exchange
        self.session = requests.Session()
        self.session.trust_env = False  # no proxies or CA bundles from the environment
        self.session.max_redirects = 0
        adapter = _pinned_adapter(ca_pem or ident.ca_pem)
        self.session.mount("https://", adapter)

        class NoPlainHTTP(BaseAdapter):  # nothing goes out in clear, whatever asked for it
            def send(self, request, **kwargs):
                raise requests.exceptions.InvalidSchema("plain http refused")

            def close(self):
                pass

        self.session.mount("http://", NoPlainHTTP())

    def close(self) -> None:
        """Close the HTTP session and its pooled connections."""
        self.session.close()

    # -- plumbing -----------------------------------------------------------------------
    def _headers(self, method: str, path: str, body: bytes, body_sha: str | None = None) -> dict[str, str]:
        ts, nonce = str(int(self.clock())), secrets.token_hex(16)
        digest = body_sha or (hashlib.sha256(body).hexdigest() if body else EMPTY_SHA)
        sig = crypto.sign(self.ident.device_private, crypto.canonical_request(method, path, ts, nonce, digest),
                          getattr(self.ident, "suite", None))
        return {"X-Device-Id": self.ident.device_id, "X-Timestamp": ts, "X-Nonce": nonce,
                "X-Content-SHA256": digest, "X-Signature": crypto.b64e(sig)}

    def request(self, method: str, path: str, json_body: Any = None, data: bytes | None = None,
                params: dict | None = None, headers: dict | None = None, signed: bool = True,
                expect: str = "json", body_sha: str | None = None, schema: str | None = None,
                cap: str = "json", accept: tuple[int, ...] = (), max_bytes: int | None = None):
        """Send one request; return the decoded JSON (checked against the protocol's
        ``schema`` when given) or the response for ``expect="raw"`` (also for a status in
        ``accept``); at most ``CAPS[cap]`` bytes of the answer are read (fewer: ``max_bytes``). ``path`` may be a
        whole https URL (a tus upload's, which may live on another host)."""
        import requests
        if params:
            path = path + "?" + urlencode(params)
        url = path if path.startswith("https://") else self.base + path
        body = json.dumps(json_body, ensure_ascii=False).encode("utf-8") if json_body is not None else (data or b"")
        hdrs = dict(headers or {})
        if json_body is not None:
            hdrs["Content-Type"] = "application/json"
        if signed:
            hdrs.update(self._headers(method, path, body, body_sha))
        started = time.monotonic()
        try:
            resp = self.session.request(method, url, data=body if body else None,
                                        headers=hdrs, timeout=self.timeout, verify=True,
                                        allow_redirects=False, stream=True)
            try:
                kind = "error" if resp.status_code >= 300 else cap
                limit = CAPS[kind] if max_bytes is None or kind == "error" else max(0, min(CAPS[kind], max_bytes))
                read_capped(resp, limit, started + DEADLINES.get(kind, DEADLINES["json"]))
            finally:
                resp.close()
        except AnswerTimeout as exc:
            raise self._offline(exc) from None
        except requests.exceptions.SSLError as exc:
            text = str(exc).lower()
            if "certificate" in text or "hostname" in text or "match" in text:
                raise TrustError(Msg("sync.tls_pin", "服务器证书与注册时固定的证书不符，同步已停止（不会在不验证的情况下继续）。请联系管理员核实服务器")) from None
            raise self._offline(exc) from None
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                requests.exceptions.ChunkedEncodingError) as exc:
            raise self._offline(exc) from None
        except requests.exceptions.RequestException as exc:  # e.g. a plain-http or invalid URL
            log.warning("sync: request refused by the client (%s)", type(exc).__name__)
            raise garbage("-", type(exc).__name__) from None
        return self._answer(method, urlsplit(url).path, json_body, resp, expect, schema, accept)

    def _offline(self, exc: Exception) -> SyncError:
        log.info("sync: %s unreachable (%s)", self.base, type(exc).__name__)
        return SyncError(Msg("sync.offline", "无法连接登记服务器（{err}）。已提交的案件保存在本机，网络恢复后会自动上传",
                             {"err": type(exc).__name__}), retryable=True)

    def _answer(self, method: str, path: str, req_json: Any, resp, expect: str, schema: str | None = None,
                accept: tuple[int, ...] = ()):
        status = resp.status_code
        ctype = resp.headers.get("Content-Type", "")
        parsed: Any = None
        if "json" in ctype:
            parsed = decode_json(resp.content)
        if self.on_exchange:
            self.on_exchange(method, path, req_json, status, parsed, resp)
        if status in accept:
            return resp
        if status >= 400:
            raise self._error(status, parsed, resp)
        if 300 <= status < 400 or status < 200:  # never followed: the signed request stays here
            log.warning("sync: the server answered HTTP %s (redirects are not followed)", status)
            raise garbage(status, "redirect refused")
        if expect == "raw":
            return resp
        if method == "HEAD" or status == 204:
            return resp
        if not isinstance(parsed, dict):
            raise garbage(status, ctype.split(";")[0][:40] or "?")
        if not schema:  # every JSON answer is checked: a method without its schema is a bug
            raise garbage(status, "no schema for " + path[:40])
        return check_answer(schema, parsed, status)

    def _error(self, status: int, env: Any, resp) -> SyncError:
        retry_after = None
        if not isinstance(env, dict) and status == 404:
            return ServerError(Msg("sync.not_found", "登记服务器上没有该对象"), "not_found", 404, False, None)
        retry_after = retry_after_value(resp.headers.get("Retry-After"))
        if not isinstance(env, dict) or not isinstance(env.get("code"), str) or not _envelope_ok(env):
            return garbage(status, resp.headers.get("Content-Type", "?").split(";")[0][:40], retry_after)
        code = env["code"][:64]
        if retry_after_value(env.get("retry_after")) is not None:
            retry_after = retry_after_value(env.get("retry_after"))
        if code == "clock_skew":
            return ServerError(Msg("sync.clock_skew", "本机时钟与登记服务器相差过大（服务器时间 {server_time}）。请校准本机时间后再同步",
                                   {"server_time": server_text(env.get("server_time", "?"), 40)}), code, status, False, None, env)
        if code in TRUST_CODES:
            return ServerTrustError(Msg("sync.auth", "登记服务器不认可本机身份：{message}。同步已停止，请联系管理员重新注册设备",
                                        {"message": server_text(env.get("message", code), 300)}), code)
        return ServerError(Msg("sync.server", "登记服务器：{message}（{code}）",
                               {"message": server_text(env.get("message", ""), 300), "code": server_text(code, 64)}),
                           code, status, bool(env.get("retryable", status >= 500)), retry_after, env)

    # -- the protocol ---------------------------------------------------------------------
    def enroll(self, code: str, public_key_b64: str, device_name: str, suite=None) -> dict:
        """Enroll this device with a one-time code (unsigned): the server's answer. ``suite``
        (a :class:`~shared.cryptosuite.Suite`) names the device key and the packets' algorithms."""
        chosen = crypto.suite_of(suite)
        return self.request("POST", "/v1/enroll", {"code": code, "public_key": public_key_b64, "suite": chosen.name,
                                                   "key_alg": chosen.sig, "device_name": device_name,
                                                   "software_version": "yizhan-0.1.0"}, signed=False,
                            schema="EnrollResponse")

    def server_time(self) -> dict:
        return self.request("GET", "/v1/time", signed=False, schema="ServerTime")

    def master_index(self) -> dict:
        return self.request("GET", "/v1/master-data", schema="MasterIndex", cap="master_index")

    def master_document(self, name: str) -> dict:
        return self.request("GET", "/v1/master-data/" + segment(name), schema="MasterDocument", cap="master_document")

    def announce(self, packet_id: str, size: int, sha256: str, signature: str) -> dict:
        return self.request("POST", "/v1/packets", {"packet_id": packet_id, "size": size, "sha256": sha256,
                                                    "signature": signature,
                                                    "sig_alg": crypto.suite_of(getattr(self.ident, "suite", None)).sig},
                            schema="PacketView")

    def packet_status(self, packet_id: str) -> dict | None:
        """The server's view of a packet, or ``None`` when it never heard of it."""
        try:
            return self.request("GET", "/v1/packets/" + segment(packet_id), schema="PacketView")
        except ServerError as err:
            if err.server_code == "not_found":
                return None
            raise

    def upload_offset(self, packet_id: str) -> int | None:
        """The confirmed offset (``HEAD``), or ``None`` for an unknown packet."""
        try:
            resp = self.request("HEAD", "/v1/packets/" + segment(packet_id))
        except ServerError as err:
            if err.server_code == "not_found":
                return None
            raise
        return self._offset_header(resp)

    @staticmethod
    def _offset_header(resp) -> int:
        value = resp.headers.get("Upload-Offset", "")
        if not DIGITS.fullmatch(value):
            raise garbage(resp.status_code, "no Upload-Offset")
        return int(value)

    def patch(self, packet_id: str, offset: int, data) -> int:
        """Send ``data`` (bytes, or a readable with ``len()``) at ``offset``; return the offset
        the server now confirms."""
        path = "/v1/packets/" + segment(packet_id)
        hdrs = {"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"}
        resp = self.request("PATCH", path, data=data, headers=hdrs,
                            body_sha=crypto.unsigned_chunk_digest(offset, len(data)), expect="raw")
        return self._offset_header(resp)

    def commit(self, packet_id: str, upload_url: str | None = None) -> dict:
        """Ask the server to take the fully uploaded packet ``packet_id`` (from the tus upload
        ``upload_url`` when given): its receipt."""
        return self.request("POST", "/v1/packets/{}/commit".format(segment(packet_id)),
                            {"upload_url": upload_url} if upload_url else {}, schema="CommitAnswer")

    # -- the upload's data plane: tus 1.0 ------------------------------------------------
    # Unsigned (any tus server is the intake; the upload URL, given only after a signed
    # announce, is the capability, and the signed commit checks the whole), yet on the same
    # pinned HTTPS session: no plain http, no redirects, capped answers.
    def tus_url(self, location: Any, base: str | None = None) -> str:
        """An upload URL from a ``Location`` (relative to ``base``): https only, bounded."""
        if not isinstance(location, str) or not location or len(location) > MAX_URL:
            raise garbage("-", "Location")
        url = urljoin(base or self.base + "/", location)
        parts = urlsplit(url)
        if parts.scheme.lower() != "https" or not parts.hostname or parts.fragment or any(c in url for c in "\r\n "):
            raise garbage("-", "Location")
        return url

    def _tus(self, method: str, url: str, headers: dict | None = None, data=None, accept: tuple[int, ...] = ()):
        return self.request(method, url, data=data, headers={"Tus-Resumable": TUS_VERSION, **(headers or {})},
                            signed=False, expect="raw", accept=accept)

    def tus_options(self, url: str) -> dict:
        """Discovery: ``{"versions", "extensions", "checksums": set, "max_size": int | None}``
        (empty sets where the server offers no discovery)."""
        resp = self._tus("OPTIONS", url, accept=(404, 405))
        h = resp.headers if resp.status_code < 300 else {}

        def items(name: str) -> set[str]:
            return {v.strip().lower() for v in str(h.get(name, ""))[:512].split(",") if v.strip()}
        size = str(h.get("Tus-Max-Size", ""))
        return {"versions": items("Tus-Version"), "extensions": items("Tus-Extension"),
                "checksums": items("Tus-Checksum-Algorithm"), "max_size": int(size) if DIGITS.fullmatch(size) else None}

    @staticmethod
    def tus_metadata(meta: dict[str, str]) -> str:
        """``Upload-Metadata``: ``key base64(value)`` pairs."""
        import base64
        return ",".join("{} {}".format(k, base64.b64encode(str(v).encode("utf-8")).decode("ascii")) for k, v in meta.items())

    def tus_create(self, endpoint: str, length: int, metadata: dict[str, str], first=None,
                   checksum: str | None = None) -> tuple[str, int]:
        """Creation (with the first bytes ``first`` when given: creation-with-upload): the new
        upload's URL and the offset the server confirms."""
        hdrs = {"Upload-Length": str(length), "Upload-Metadata": self.tus_metadata(metadata)}
        if first is not None and len(first):
            hdrs["Content-Type"] = OFFSET_STREAM
            if checksum:
                hdrs["Upload-Checksum"] = checksum
        resp = self._tus("POST", endpoint, hdrs, data=first if first is not None and len(first) else None)
        if resp.status_code != 201:
            raise garbage(resp.status_code, "tus creation")
        url = self.tus_url(resp.headers.get("Location"), endpoint)
        offset = resp.headers.get("Upload-Offset")
        return url, (int(offset) if offset is not None and DIGITS.fullmatch(offset) else 0)

    def tus_offset(self, url: str) -> int | None:
        """The upload's confirmed offset (``HEAD``), or ``None`` when the server does not know it."""
        resp = self._tus("HEAD", url, accept=(404, 410))
        return None if resp.status_code in (404, 410) else self._offset_header(resp)

    def tus_patch(self, url: str, offset: int, data, checksum: str | None = None) -> int:
        """Send ``data`` at ``offset`` of the upload; return the offset the server confirms
        (after a conflict, the one it gives on ``HEAD``: the server's word, never ours)."""
        hdrs = {"Upload-Offset": str(offset), "Content-Type": OFFSET_STREAM}
        if checksum:
            hdrs["Upload-Checksum"] = checksum
        resp = self._tus("PATCH", url, hdrs, data=data, accept=(404, 409, 410, 460))
        if resp.status_code == 409:
            confirmed = self.tus_offset(url)
            if confirmed is not None:
                return confirmed
        if resp.status_code in (404, 409, 410):
            raise ServerError(Msg("sync.tus_gone", "登记服务器已不保留这次上传，将重新开始"), "not_found", resp.status_code,
                              True, None)
        if resp.status_code == 460:
            raise ServerError(Msg("sync.tus_checksum", "上传的数据块校验不符，将重新发送"), "checksum_mismatch", 460, True, None)
        return self._offset_header(resp)

    def tus_delete(self, url: str) -> None:
        """Termination: the server may drop the upload's bytes."""
        self._tus("DELETE", url, accept=(404, 410))

    def status(self, cursor: int, limit: int = 100) -> dict:
        """Status changes after ``cursor`` (at most ``limit``), as the server sends them."""
        return self.request("GET", "/v1/status", params={"cursor": cursor, "limit": limit},
                            schema="StatusPage", cap="status")

    def document(self, doc_id: str, size: int | None = None) -> bytes:
        """The bytes of a document the server issued (receipt, certificate); with ``size``
        (the size its reference gave) never more than that is read, nor anything else accepted."""
        resp = self.request("GET", "/v1/documents/" + segment(doc_id), expect="raw", cap="document", max_bytes=size)
        if size is not None and len(resp.content) != size:
            raise garbage(resp.status_code, "document size")
        return resp.content

    def progress(self, packet_id: str) -> dict:
        """The server's processing progress of packet ``packet_id``."""
        return self.request("GET", "/v1/progress/" + segment(packet_id), schema="Progress")

    def audit_heartbeat(self, head: dict, proof: dict | None = None) -> dict:
        """Tell the server this device's audit chain head and base (signed like every request)
        with ``proof``, the hashes of the rows its anchor asked about (see
        :func:`shared.sync.anchor.heartbeat`); its answer lists what it found wrong."""
        body = {"seq": int(head["seq"]), "hash": str(head["hash"]), "base_seq": int(head.get("base_seq", 0))}
        if head.get("base_hash"):
            body["base_hash"] = str(head["base_hash"])
        if head.get("base_at"):
            body["base_at"] = str(head["base_at"])[:40]
        if proof:
            body["proof"] = dict(proof)
        return self.request("POST", "/v1/audit-head", body, schema="AuditAnchor")

    def audit_anchor(self) -> dict:
        """The highest audit head the server holds for this device, and its findings."""
        return self.request("GET", "/v1/audit-head", schema="AuditAnchor")

    def progress_query(self, query: str) -> dict:
        """The progress of every business matching ``query`` (a business number, a party's name
        or ID number), answered by the server: ``{"results": [{case_id, stage, history}]}``."""
        return self.request("POST", "/v1/progress-query", {"query": query}, schema="ProgressQueryAnswer")

    def property_query(self, unit_number: str, authorization: dict) -> dict:
        return self.request("POST", "/v1/property-query", {"unit_number": unit_number, "authorization": authorization},
                            schema="PropertyAnswer")

    def registry_query(self, body: dict) -> dict:
        """A query under the owner's authorization (``RegistryQuery``): the result and the
        query-result certificate's document reference (download it with :meth:`document`)."""
        return self.request("POST", "/v1/registry-query", body, schema="RegistryQueryAnswer")

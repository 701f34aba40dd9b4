"""The HTTP client of the sync protocol (``resources/api/yizhan-sync.json``).

Every request after enrollment is signed with the device key (``X-Device-Id``,
``X-Timestamp``, ``X-Nonce``, ``X-Signature`` over method, path, time, nonce and the body's
SHA-256). TLS trusts only the CA pinned at enrollment (hostname checked); a certificate
problem raises :class:`TrustError` and is never retried without verification. Every failure
becomes a :class:`SyncError` with a Chinese message, ``retryable`` and ``retry_after``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import ssl
import time
from typing import Any, Callable
from urllib.parse import urlencode

from shared.errors import SyncError, TrustError
from shared.i18n import Msg
from shared.sync import crypto

log = logging.getLogger(__name__)
EMPTY_SHA = hashlib.sha256(b"").hexdigest()


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
        self.ident = ident
        self.base = ident.server_url.rstrip("/")
        self.timeout = (min(10.0, timeout), timeout)
        self.clock = clock
        self.on_exchange = on_exchange
        self.session = requests.Session()
        self.session.trust_env = False  # no proxies or CA bundles from the environment
        adapter = _pinned_adapter(ca_pem or ident.ca_pem)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)

    def close(self) -> None:
        """Close the HTTP session and its pooled connections."""
        self.session.close()

    # -- plumbing -----------------------------------------------------------------------
    def _headers(self, method: str, path: str, body: bytes, body_sha: str | None = None) -> dict[str, str]:
        ts, nonce = str(int(self.clock())), secrets.token_hex(16)
        digest = body_sha or (hashlib.sha256(body).hexdigest() if body else EMPTY_SHA)
        sig = crypto.sign(self.ident.device_private, crypto.canonical_request(method, path, ts, nonce, digest))
        return {"X-Device-Id": self.ident.device_id, "X-Timestamp": ts, "X-Nonce": nonce,
                "X-Content-SHA256": digest, "X-Signature": crypto.b64e(sig)}

    def request(self, method: str, path: str, json_body: Any = None, data: bytes | None = None,
                params: dict | None = None, headers: dict | None = None, signed: bool = True,
                expect: str = "json", body_sha: str | None = None):
        """Send one request; return the decoded JSON (or the response for ``expect="raw"``)."""
        import requests
        if params:
            path = path + "?" + urlencode(params)
        body = json.dumps(json_body, ensure_ascii=False).encode("utf-8") if json_body is not None else (data or b"")
        hdrs = dict(headers or {})
        if json_body is not None:
            hdrs["Content-Type"] = "application/json"
        if signed:
            hdrs.update(self._headers(method, path, body, body_sha))
        try:
            resp = self.session.request(method, self.base + path, data=body if body else None,
                                        headers=hdrs, timeout=self.timeout, verify=True)
        except requests.exceptions.SSLError as exc:
            text = str(exc).lower()
            if "certificate" in text or "hostname" in text or "match" in text:
                raise TrustError(Msg("sync.tls_pin", "服务器证书与注册时固定的证书不符，同步已停止（不会在不验证的情况下继续）。请联系管理员核实服务器")) from None
            raise self._offline(exc) from None
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                requests.exceptions.ChunkedEncodingError) as exc:
            raise self._offline(exc) from None
        return self._answer(method, path, json_body, resp, expect)

    def _offline(self, exc: Exception) -> SyncError:
        log.info("sync: %s unreachable (%s)", self.base, type(exc).__name__)
        return SyncError(Msg("sync.offline", "无法连接登记服务器（{err}）。已提交的案件保存在本机，网络恢复后会自动上传",
                             {"err": type(exc).__name__}), retryable=True)

    def _answer(self, method: str, path: str, req_json: Any, resp, expect: str):
        status = resp.status_code
        ctype = resp.headers.get("Content-Type", "")
        parsed: Any = None
        if "json" in ctype:
            try:
                parsed = resp.json()
            except ValueError:
                parsed = None
        if self.on_exchange:
            self.on_exchange(method, path, req_json, status, parsed, resp)
        if status >= 400:
            raise self._error(status, parsed, resp)
        if expect == "raw":
            return resp
        if method == "HEAD" or status == 204:
            return resp
        if not isinstance(parsed, dict):
            raise SyncError(Msg("sync.garbage", "登记服务器返回了无法识别的内容（HTTP {status}，{ctype}），可能是网络设备拦截。稍后会自动重试",
                                {"status": status, "ctype": ctype.split(";")[0] or "?"}), retryable=True)
        return parsed

    def _error(self, status: int, env: Any, resp) -> SyncError:
        retry_after = None
        if not isinstance(env, dict) and status == 404:
            return ServerError(Msg("sync.not_found", "登记服务器上没有该对象"), "not_found", 404, False, None)
        if resp.headers.get("Retry-After", "").isdigit():
            retry_after = float(resp.headers["Retry-After"])
        if not isinstance(env, dict) or "code" not in env:
            return SyncError(Msg("sync.garbage", "登记服务器返回了无法识别的内容（HTTP {status}，{ctype}），可能是网络设备拦截。稍后会自动重试",
                                 {"status": status, "ctype": resp.headers.get("Content-Type", "?").split(";")[0]}),
                             retryable=True, retry_after=retry_after)
        code = str(env["code"])
        if env.get("retry_after") is not None:
            retry_after = float(env["retry_after"])
        if code == "clock_skew":
            return ServerError(Msg("sync.clock_skew", "本机时钟与登记服务器相差过大（服务器时间 {server_time}）。请校准本机时间后再同步",
                                   {"server_time": env.get("server_time", "?")}), code, status, False, None, env)
        if code in TRUST_CODES:
            return ServerTrustError(Msg("sync.auth", "登记服务器不认可本机身份：{message}。同步已停止，请联系管理员重新注册设备",
                                        {"message": env.get("message", code)}), code)
        return ServerError(Msg("sync.server", "登记服务器：{message}（{code}）", {"message": env.get("message", ""), "code": code}),
                           code, status, bool(env.get("retryable", status >= 500)), retry_after, env)

    # -- the protocol ---------------------------------------------------------------------
    def enroll(self, code: str, public_key_b64: str, device_name: str) -> dict:
        """Enroll this device with a one-time code (unsigned): the server's answer."""
        return self.request("POST", "/v1/enroll", {"code": code, "public_key": public_key_b64,
                                                   "key_alg": crypto.SIG_ALG, "device_name": device_name,
                                                   "software_version": "yizhan-0.1.0"}, signed=False)

    def server_time(self) -> dict:
        return self.request("GET", "/v1/time", signed=False)

    def master_index(self) -> dict:
        return self.request("GET", "/v1/master-data")

    def master_document(self, name: str) -> dict:
        return self.request("GET", "/v1/master-data/" + name)

    def announce(self, packet_id: str, size: int, sha256: str, signature: str) -> dict:
        return self.request("POST", "/v1/packets", {"packet_id": packet_id, "size": size, "sha256": sha256,
                                                    "signature": signature, "sig_alg": crypto.SIG_ALG})

    def packet_status(self, packet_id: str) -> dict | None:
        """The server's view of a packet, or ``None`` when it never heard of it."""
        try:
            return self.request("GET", "/v1/packets/" + packet_id)
        except ServerError as err:
            if err.server_code == "not_found":
                return None
            raise

    def upload_offset(self, packet_id: str) -> int | None:
        """The confirmed offset (``HEAD``), or ``None`` for an unknown packet."""
        try:
            resp = self.request("HEAD", "/v1/packets/" + packet_id)
        except ServerError as err:
            if err.server_code == "not_found":
                return None
            raise
        return int(resp.headers["Upload-Offset"])

    def patch(self, packet_id: str, offset: int, data) -> int:
        """Send ``data`` (bytes, or a readable with ``len()``) at ``offset``; return the offset
        the server now confirms."""
        path = "/v1/packets/" + packet_id
        hdrs = {"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"}
        resp = self.request("PATCH", path, data=data, headers=hdrs,
                            body_sha=crypto.unsigned_chunk_digest(offset, len(data)))
        try:
            return int(resp.headers["Upload-Offset"])
        except (KeyError, ValueError):
            raise SyncError(Msg("sync.garbage", "登记服务器返回了无法识别的内容（HTTP {status}，{ctype}），可能是网络设备拦截。稍后会自动重试",
                                {"status": resp.status_code, "ctype": "no Upload-Offset"}), retryable=True) from None

    def commit(self, packet_id: str) -> dict:
        """Ask the server to take the fully uploaded packet ``packet_id``: its receipt."""
        return self.request("POST", "/v1/packets/{}/commit".format(packet_id), {})

    def status(self, cursor: int, limit: int = 100) -> dict:
        """Status changes after ``cursor`` (at most ``limit``), as the server sends them."""
        return self.request("GET", "/v1/status", params={"cursor": cursor, "limit": limit})

    def document(self, doc_id: str) -> bytes:
        """The bytes of a document the server issued (receipt, certificate)."""
        resp = self.request("GET", "/v1/documents/" + doc_id, expect="raw")
        return resp.content

    def progress(self, packet_id: str) -> dict:
        """The server's processing progress of packet ``packet_id``."""
        return self.request("GET", "/v1/progress/" + packet_id)

    def progress_query(self, query: str) -> dict:
        """The progress of every business matching ``query`` (a business number, a party's name
        or ID number), answered by the server: ``{"results": [{case_id, stage, history}]}``."""
        return self.request("POST", "/v1/progress-query", {"query": query})

    def property_query(self, unit_number: str, authorization: dict) -> dict:
        return self.request("POST", "/v1/property-query", {"unit_number": unit_number, "authorization": authorization})

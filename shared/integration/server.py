"""The local integration API: HTTP on 127.0.0.1 only, for the bank's credit system.

Written down in ``resources/api/yizhan-local.json`` (OpenAPI 3.1; a test holds it to
:data:`ROUTES`). Every route but ``/v1/health`` needs ``Authorization: Bearer <token>``
(:mod:`shared.integration.credentials`). A body is bounded before it is read (its
``Content-Length``, at most the importer's ``import_bytes``; no chunked bodies), the socket has
a read timeout, and every refusal is JSON ``{"error": {"code", "message", "message_en",
"errors": [{"path", "code", "message"}]}}`` with a Chinese message. The log names the route,
the status and the time, never a body, a name or an ID number.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

from shared.domain.importer import FORMATS, LIMITS
from shared.errors import ValidationError, YizhanError
from shared.i18n import Msg
from shared.integration import cases
from shared.integration.credentials import AuthError, check_token

log = logging.getLogger(__name__)
SAFE_HEADER = re.compile(r"[\x20-\x7e]{0,256}")  # a header value: visible ASCII and spaces only
HOST = "127.0.0.1"
API_VERSION = "1.0.0"
READ_TIMEOUT_S = 15.0
BODY_DEADLINE_S = 30.0  # a whole body within this, however it trickles in (else 408)
MAX_CONNECTIONS = 16  # open at once; one more is closed unanswered until one ends
#: (method, path template): what the server answers; the OpenAPI document lists exactly these.
ROUTES = (("GET", "/v1/health"), ("POST", "/v1/cases"), ("GET", "/v1/cases"),
          ("GET", "/v1/cases/{case_id}"), ("GET", "/v1/cases/{case_id}/documents/{doc_id}"))
_SEGMENT = r"([A-Za-z0-9_.:-]{1,80})"
_PATTERNS = [(m, t, re.compile("^" + re.sub(r"\{[a-z_]+\}", _SEGMENT, t) + "$")) for m, t in ROUTES]


class ApiError(YizhanError):
    """A refusal with its HTTP status."""

    def __init__(self, status: int, msg: Msg) -> None:
        super().__init__(msg)
        self.status = status


def error_body(msg: Msg, errors: dict[str, Msg] | None = None, **extra: Any) -> dict[str, Any]:
    """The JSON of a refusal: code, Chinese message, English message, each field's error."""
    return {"error": {"code": msg.code, "message": msg.render("zh"), "message_en": msg.render("en"),
                      "errors": [{"path": p, "code": m.code, "message": m.render("zh")} for p, m in (errors or {}).items()],
                      **extra}}


class IntegrationServer(ThreadingHTTPServer):
    """The API server (one thread per connection; bound to the loopback address only)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, store, port: int = 0, actor_name: str = "银行信贷系统",
                 catalog: Callable[[], Any] | None = None, service_point: str = "") -> None:
        self.store = store
        self.actor = cases.integration_actor(actor_name, service_point)
        self.catalog = catalog or (lambda: None)
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__((HOST, int(port)), _Handler)

    def process_request(self, request, client_address) -> None:
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)  # too many at once: no thread for this one
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        return "http://{}:{}".format(HOST, self.port)

    def start(self) -> threading.Thread:
        """Serve in a background thread (stop with :meth:`stop`)."""
        thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.2},
                                  name="integration-api", daemon=True)
        thread.start()
        self._thread = thread
        return thread

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: IntegrationServer
    protocol_version = "HTTP/1.1"
    server_version = "yizhan-local/" + API_VERSION
    sys_version = ""
    timeout = READ_TIMEOUT_S
    # An answer leaves in one write, without Nagle's wait: headers and body sent apart cost
    # the client's delayed ACK (40 ms) on every request.
    wbufsize = -1
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # the default line holds the raw path; the route is logged instead (_answer)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._handle("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self._handle("DELETE")

    def do_PATCH(self) -> None:  # noqa: N802
        self._handle("PATCH")

    # -- plumbing ----------------------------------------------------------------------------
    def _handle(self, method: str) -> None:
        t0 = time.perf_counter()
        route = "?"
        try:
            url = urlsplit(self.path)
            route, params = self._route(method, url.path)
            if route != "/v1/health":
                check_token(self.server.store, self._bearer())
            status, body, ctype = self._dispatch(method, route, params, parse_qs(url.query))
        except AuthError as err:
            status, body, ctype = err.status, error_body(err.msg), None
        except ApiError as err:
            status, body, ctype = err.status, error_body(err.msg), None
        except cases.Conflict as err:
            status, body, ctype = 409, error_body(err.msg, case_id=err.case_id), None
        except cases.NotFound as err:
            status, body, ctype = 404, error_body(err.msg), None
        except ValidationError as err:
            status = 413 if err.msg.code == "import.too_large" else 422
            status, body, ctype = status, error_body(err.msg, err.errors), None
        except YizhanError as err:  # a permission refused (403), the store unavailable (503)
            status, body, ctype = (403 if err.msg.code.startswith("auth.") else 503), error_body(err.msg), None
        except Exception:  # a bug: logged with its traceback, answered without one
            log.exception("integration API: unexpected error on %s %s", method, route)
            status, body, ctype = 500, error_body(Msg("api.internal", "服务内部错误，已记录；请稍后重试")), None
        if method != "GET" and status >= 400:
            self.close_connection = True  # its body may be unread: the connection cannot be reused
        self._answer(status, body, ctype)
        log.info("api %s %s -> %d (%.0f ms)", method, route, status, (time.perf_counter() - t0) * 1000)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (a garbled request line, headers too long): JSON too."""
        self.close_connection = True
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":
            self.request_version = "HTTP/1.0"  # a garbled line still gets a status line and headers
        self._answer(code, error_body(Msg("api.bad_request", "请求格式错误（HTTP {code}）", {"code": code})), None)

    def _route(self, method: str, path: str) -> tuple[str, list[str]]:
        allowed = []
        for m, template, pattern in _PATTERNS:
            match = pattern.match(path)
            if match:
                if m == method:
                    return template, list(match.groups())
                allowed.append(m)
        if allowed:
            self._allow = ", ".join(sorted(set(allowed)))
            raise ApiError(405, Msg("api.method", "此地址不接受 {m} 请求", {"m": method}))
        raise ApiError(404, Msg("api.no_route", "没有这个接口地址"))

    def _bearer(self) -> str | None:
        value = self.headers.get("Authorization", "")
        if not value.startswith("Bearer "):
            return None
        return value[7:].strip()

    def _body(self) -> bytes:
        """The request's body, its size known and bounded before any of it is read."""
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            raise ApiError(411, Msg("api.chunked", "请求须带 Content-Length，不接受分块传输"))
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        length_text = self.headers.get("Content-Length")
        if length_text is None or not length_text.strip().isdigit():
            self.close_connection = True
            raise ApiError(411, Msg("api.length", "请求须带 Content-Length"))
        length = int(length_text)
        if length > LIMITS["import_bytes"]:
            self.close_connection = True  # the body is never read: the connection goes with it
            raise ApiError(413, Msg("import.too_large", "导入文件过大（{kb} KB，最多 {max} KB）",
                                    {"kb": length >> 10, "max": LIMITS["import_bytes"] >> 10}))
        data = self._read_body(length)
        if len(data) != length:
            self.close_connection = True
            raise ApiError(400, Msg("api.short", "请求内容不完整"))
        if ctype != "application/json":
            raise ApiError(415, Msg("api.content_type", "请求内容须为 application/json"))
        return data

    def _read_body(self, length: int) -> bytes:
        """``length`` bytes of body within :data:`BODY_DEADLINE_S` overall (each read also within
        the per-read timeout): a client that sends a byte just inside the read timeout cannot
        hold a connection slot for long (408, the connection closed)."""
        import socket
        deadline = time.monotonic() + BODY_DEADLINE_S
        chunks, got = [], 0
        try:
            while got < length:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                self.connection.settimeout(min(left, READ_TIMEOUT_S))
                chunk = self.rfile.read1(min(length - got, 65536))
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
        except (TimeoutError, socket.timeout):
            self.close_connection = True
            raise ApiError(408, Msg("api.body_timeout", "请求内容在 {s} 秒内未传完", {"s": int(BODY_DEADLINE_S)})) from None
        finally:
            try:
                self.connection.settimeout(self.timeout)
            except OSError:
                pass
        return b"".join(chunks)

    def _dispatch(self, method: str, route: str, params: list[str], query: dict) -> tuple[int, Any, str | None]:
        store = self.server.store
        if route == "/v1/health":
            return 200, {"status": "ok", "api": API_VERSION, "formats": list(FORMATS)}, None
        if method == "POST" and route == "/v1/cases":
            done = cases.create_case(store, self._body(), self.server.actor, self.server.catalog())
            body = {"case_id": done.case_id, "reference": done.reference, "created": done.created}
            return (201 if done.created else 200), body, None
        if route == "/v1/cases":
            refs = query.get("reference") or []
            if len(refs) != 1 or not refs[0]:
                raise ApiError(400, Msg("api.query", "请用 ?reference=贷款编号 查询案件"))
            return 200, cases.case_status(store, cases.find_by_reference(store, refs[0])), None
        if route == "/v1/cases/{case_id}":
            return 200, cases.case_status(store, params[0]), None
        mime, data = cases.outcome_document(store, params[0], params[1])
        return 200, data, mime

    def _header(self, name: str, value: Any, fallback: str | None = None) -> None:
        """The one writing of a header: a value that is not plain visible ASCII (a CR or LF
        that would start a header of its own, any other control or non-ASCII character, or
        more than 256 characters; e.g. a document type a server chose) is never written as
        it is: ``fallback`` instead, or no header."""
        text = str(value)
        if not SAFE_HEADER.fullmatch(text):
            log.warning("integration API: a %s value that cannot be a header was replaced", name)
            if fallback is None:
                return
            text = fallback
        self.send_header(name, text)

    def _answer(self, status: int, body: Any, ctype: str | None) -> None:
        if ctype is None:
            payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
            ctype = "application/json; charset=utf-8"
        else:
            payload = body
        try:
            self.send_response(status)
            self._header("Content-Type", ctype, "application/octet-stream")
            self._header("Content-Length", str(len(payload)))
            self._header("Cache-Control", "no-store")
            if status == 405:
                self._header("Allow", getattr(self, "_allow", ""))
            if status == 401:
                self._header("WWW-Authenticate", 'Bearer realm="yizhan-local"')
            if self.close_connection:
                self._header("Connection", "close")
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the client went away: nothing to tell it
            self.close_connection = True

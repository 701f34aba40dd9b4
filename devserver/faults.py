"""Fault injection for the reference server (an ASGI middleware), switched per test.

Faults (``POST /admin/faults``, all off by default; rates are probabilities per request)::

    {"latency_ms": 0, "error_rate": 0.0, "reset_rate": 0.0, "rate_429": 0.0, "retry_after": 1,
     "throttle_kbps": 0, "garbage_rate": 0.0, "methods": null, "seed": null}

* ``error_rate``: answer 503 in the error envelope (retryable) without running the request;
* ``reset_rate``: on a request with a body, read part of it and drop the connection;
* ``rate_429``: answer 429 with ``Retry-After``;
* ``throttle_kbps``: read request bodies at this rate (a slow link);
* ``garbage_rate``: run the request but replace the answer by HTML or broken JSON (a proxy
  or captive portal in the way), so the client cannot know whether it took effect;
* ``methods``: restrict faults to these HTTP methods (e.g. ``["PATCH"]``).

The middleware also counts requests in flight and the peak (for the reconnect-storm bench).
"""

from __future__ import annotations

import asyncio
import json
import random
import threading
from dataclasses import asdict, dataclass, field


@dataclass
class Faults:
    latency_ms: float = 0
    error_rate: float = 0.0
    reset_rate: float = 0.0
    rate_429: float = 0.0
    retry_after: float = 1
    throttle_kbps: float = 0
    garbage_rate: float = 0.0
    methods: list[str] | None = None
    seed: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)


class ConnectionDropped(Exception):
    """Raised after the answer started: uvicorn then closes the socket (a reset mid-request)."""


@dataclass
class Counters:
    inflight: int = 0
    peak: int = 0
    requests: int = 0
    injected: dict = field(default_factory=dict)


class FaultInjector:
    """ASGI middleware applying :class:`Faults` to ``/v1/`` requests."""

    def __init__(self, app, faults: Faults | None = None) -> None:
        self.app = app
        self.faults = faults or Faults()
        self.rng = random.Random()
        self.counters = Counters()
        self._lock = threading.Lock()

    def configure(self, faults: Faults) -> None:
        with self._lock:
            self.faults = faults
            self.rng = random.Random(faults.seed)

    def reset_counters(self) -> None:
        with self._lock:
            self.counters = Counters()

    def _roll(self, rate: float) -> bool:
        with self._lock:
            return rate > 0 and self.rng.random() < rate

    def _count(self, name: str) -> None:
        with self._lock:
            self.counters.injected[name] = self.counters.injected.get(name, 0) + 1

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            return await self.app(scope, receive, send)
        with self._lock:
            self.counters.inflight += 1
            self.counters.requests += 1
            self.counters.peak = max(self.counters.peak, self.counters.inflight)
        try:
            await self._handle(scope, receive, send)
        finally:
            with self._lock:
                self.counters.inflight -= 1

    async def _handle(self, scope, receive, send):
        f = self.faults
        if f.methods and scope["method"] not in f.methods:
            return await self.app(scope, receive, send)
        if f.latency_ms:
            await asyncio.sleep(f.latency_ms / 1000.0)
        if self._roll(f.error_rate):
            self._count("error")
            return await _envelope(send, 503, "unavailable", "登记服务器暂时不可用，请稍后重试",
                                   "The server is temporarily unavailable", True, None)
        if self._roll(f.rate_429):
            self._count("429")
            return await _envelope(send, 429, "rate_limited", "请求过于频繁，请稍后重试", "Too many requests",
                                   True, f.retry_after)
        headers = dict(scope.get("headers") or [])
        length = int(headers.get(b"content-length", b"0") or 0)
        if length > 0 and self._roll(f.reset_rate):
            self._count("reset")
            got = 0
            while got < length // 2:
                msg = await receive()
                got += len(msg.get("body", b""))
                if not msg.get("more_body"):
                    break
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"100")]})
            raise ConnectionDropped("fault injection: connection reset mid-request")
        if f.throttle_kbps:
            receive = _throttled(receive, f.throttle_kbps * 1024)
        if self._roll(f.garbage_rate):
            self._count("garbage")
            return await self.app(scope, receive, _garbling(send, self.rng.random() < 0.5))
        return await self.app(scope, receive, send)


def _throttled(receive, bytes_per_s: float):
    async def wrapped():
        msg = await receive()
        n = len(msg.get("body", b""))
        if n:
            await asyncio.sleep(n / bytes_per_s)
        return msg
    return wrapped


def _garbling(send, html: bool):
    body = ("<html><head><title>502</title></head><body>网关错误 Bad Gateway</body></html>".encode()
            if html else b'{"packet_id": "YZ2026", "state": "comm')
    ctype = b"text/html; charset=utf-8" if html else b"application/json"

    async def wrapped(message):
        if message["type"] == "http.response.start":
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]})
        elif message["type"] == "http.response.body" and not message.get("more_body"):
            await send({"type": "http.response.body", "body": body})
    return wrapped


async def _envelope(send, status: int, code: str, zh: str, en: str, retryable: bool, retry_after):
    body = json.dumps({"code": code, "message": zh, "message_en": en, "retryable": retryable,
                       "retry_after": retry_after}, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if retry_after is not None:
        headers.append((b"retry-after", str(int(retry_after)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

"""Class 1 of the hardening: nothing the server says becomes a redirect, a path or an unbounded
allocation, and a malformed answer is "the server answered garbage, will retry" with the rest
of the pass (retention included) still run.

Every test here fails on the code before the hardening: the client followed redirects (to
plain HTTP too), used ``Retry-After: ²`` as a number, indexed answers without checking their
shape (tracebacks out of ``run_once``), put server-given ids into URL paths and read bodies
of any size.
"""

from __future__ import annotations

import json
import logging

import pytest
import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from shared.errors import SyncError, TrustError
from sync_helpers import fast_service

GOOD_STATUS = {"events": [], "next_cursor": 0, "server_time": "2026-01-01T00:00:00Z"}
GOOD_INDEX = {"documents": []}


class FakeServer(BaseAdapter):
    """A hostile server behind the client's session: ``routes`` maps (method, path prefix) to
    (status, headers, body); every request that reaches it is recorded."""

    def __init__(self, routes=None):
        super().__init__()
        self.routes = dict(routes or {})
        self.seen: list[tuple[str, str]] = []

    def send(self, request, stream=False, **kwargs):
        self.seen.append((request.method, request.url))
        path = request.path_url
        status, headers, body = 404, {}, {"code": "not_found", "message": "", "message_en": "", "retryable": False,
                                          "retry_after": None}
        for (method, prefix), answer in self.routes.items():
            if request.method == method and path.startswith(prefix):
                status, headers, body = answer
                break
        if not isinstance(body, (bytes, bytearray)) and not hasattr(body, "read"):
            body = json.dumps(body).encode("utf-8")
            headers = {"Content-Type": "application/json", **headers}
        resp = requests.Response()
        resp.status_code = status
        resp.headers = CaseInsensitiveDict(headers)
        resp.raw = body if hasattr(body, "read") else _Raw(body)
        resp.url = request.url
        resp.request = request
        resp.connection = self
        return resp

    def close(self):
        pass


class _Raw:
    """A body stream (what urllib3 would give) over bytes."""

    def __init__(self, data: bytes) -> None:
        import io
        self._io = io.BytesIO(data)

    def read(self, n=-1, **kw):
        return self._io.read(n)

    def stream(self, n, decode_content=True):
        while True:
            part = self._io.read(n)
            if not part:
                return
            yield part

    def close(self):
        pass

    def release_conn(self):
        pass


class Endless:
    """A body far beyond any cap, without a Content-Length (the client must stop reading at
    its cap; 48 MiB here, so the code before the caps reads it all and fails the test)."""

    TOTAL = 48 << 20

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, n=-1, **kw):
        n = 65536 if n is None or n < 0 else n
        n = min(n, self.TOTAL - self.read_bytes)
        self.read_bytes += n
        return b" " * n

    def stream(self, n, decode_content=True):
        while self.read_bytes < self.TOTAL:
            yield self.read(n)

    def close(self):
        pass

    def release_conn(self):
        pass


def hostile_client(enrolled, routes):
    from shared.sync.client import SyncClient
    client = SyncClient(enrolled)
    fake = FakeServer(routes)
    client.session.mount("https://", fake)
    return client, fake


def test_a_redirect_is_never_followed_neither_to_plain_http_nor_to_another_host(enrolled):
    elsewhere = FakeServer({("GET", "/"): (200, {}, GOOD_STATUS), ("POST", "/"): (200, {}, {})})
    for target in ("http://evil.example/v1/status", "https://evil.example/v1/status"):
        client, fake = hostile_client(enrolled, {("GET", "/v1/status"): (307, {"Location": target}, b"")})
        client.session.mount("http://evil.example", elsewhere)
        client.session.mount("https://evil.example", elsewhere)
        with pytest.raises(SyncError) as info:
            client.status(0)
        assert info.value.code == "sync.garbage" and info.value.retryable
        assert elsewhere.seen == []  # neither the signed headers nor the body went anywhere


def test_the_sync_channel_is_https_only(enrolled):
    from dataclasses import replace

    from shared.sync.client import SyncClient
    with pytest.raises(TrustError):
        SyncClient(replace(enrolled, server_url=enrolled.server_url.replace("https://", "http://")))


# (route, answer, the call that reads it)
SHAPES = {
    "events_not_a_list": (("GET", "/v1/status"), (200, {}, {**GOOD_STATUS, "events": "many"}), "status"),
    "event_of_wrong_type": (("GET", "/v1/status"), (200, {}, {**GOOD_STATUS, "events": [5]}), "status"),
    "seq_as_string": (("GET", "/v1/status"), (200, {}, {**GOOD_STATUS, "events": [
        {"seq": "7", "packet_id": "p1", "kind": "accepted", "at": "x"}]}), "status"),
    "doc_id_is_a_path": (("GET", "/v1/status"), (200, {}, {**GOOD_STATUS, "events": [
        {"seq": 1, "packet_id": "p1", "kind": "accepted", "at": "x", "documents": [
            {"doc_id": "../../v1/enroll", "kind": "receipt", "name": "r", "mime": "application/pdf",
             "sha256": "0" * 64, "size": 1}]}]}), "status"),
    "status_too_large": (("GET", "/v1/status"), (200, {"Content-Type": "application/json"}, Endless()), "status"),
    "index_not_a_list": (("GET", "/v1/master-data"), (200, {}, {"documents": {"name": "catalog"}}), "master"),
    "index_name_is_a_path": (("GET", "/v1/master-data"), (200, {}, {"documents": [{"name": "../config/settings", "version": "1"}]}), "master"),
    "string_offset": (("GET", "/v1/packets/"), (200, {}, {"packet_id": "p1", "state": "uploading", "offset": "12",
                                                          "size": 10, "sha256": "0" * 64}), "packet"),
    "negative_chunk": (("GET", "/v1/packets/"), (200, {}, {"packet_id": "p1", "state": "uploading", "offset": 0,
                                                           "size": 10, "sha256": "0" * 64, "max_chunk": -5}), "packet"),
    "error_offset_string": (("GET", "/v1/packets/"), (409, {}, {"code": "offset_mismatch", "message": "", "message_en": "",
                                                                "retryable": True, "retry_after": None, "offset": "12"}), "packet"),
    "retry_after_superscript": (("GET", "/v1/status"), (429, {"Retry-After": "\u00b2", "Content-Type": "text/plain"}, b"slow down"), "status"),
    "envelope_retry_after_text": (("GET", "/v1/status"), (503, {}, {"code": "unavailable", "message": "", "message_en": "",
                                                                    "retryable": True, "retry_after": "soon"}), "status"),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_a_wrong_shape_is_garbage_not_a_traceback(name, enrolled):
    route, answer, call = SHAPES[name]
    client, fake = hostile_client(enrolled, {route: answer})
    with pytest.raises(SyncError) as info:
        if call == "status":
            client.status(0)
        elif call == "master":
            index = client.master_index()
            client.master_document(index["documents"][0]["name"])
        else:
            client.packet_status("p1")
    assert info.value.retryable
    assert info.value.retry_after is None or 0 <= info.value.retry_after <= 86400
    if name not in ("retry_after_superscript", "envelope_retry_after_text"):
        assert info.value.code == "sync.garbage", info.value.code
    if name == "index_name_is_a_path":
        assert not any("settings" in url for _, url in fake.seen)
    if name == "status_too_large":
        assert answer[2].read_bytes <= 16 << 20  # stopped at the cap, not read until memory ran out


def test_an_upload_offset_that_is_not_ascii_digits_is_garbage(enrolled):
    client, _ = hostile_client(enrolled, {("PATCH", "/v1/packets/"): (204, {"Upload-Offset": "\uff11\uff12"}, b""),
                                          ("HEAD", "/v1/packets/"): (200, {"Upload-Offset": "-3"}, b"")})
    with pytest.raises(SyncError) as info:
        client.patch("p1", 0, b"abc")
    assert info.value.code == "sync.garbage"
    with pytest.raises(SyncError):
        client.upload_offset("p1")


@pytest.mark.parametrize("name", ["event_of_wrong_type", "events_not_a_list", "status_too_large", "doc_id_is_a_path"])
def test_a_pass_against_a_garbage_server_still_purges_and_logs_once(name, store, settings, enrolled, caplog, monkeypatch):
    from shared.sync.outbox import Outbox
    route, answer, _ = SHAPES[name]
    routes = {route: answer, ("GET", "/v1/master-data"): (200, {}, GOOD_INDEX)}
    client, _ = hostile_client(enrolled, routes)
    outbox = Outbox(store, settings)
    purged = []
    real = outbox.purge
    monkeypatch.setattr(outbox, "purge", lambda *a, **k: purged.append(1) or real(*a, **k))
    svc = fast_service(store, settings, outbox=outbox, client=client)
    caplog.set_level(logging.INFO)
    for _ in range(3):
        if name == "status_too_large":
            answer[2].read_bytes = 0
        report = svc.run_once(force=True)  # never raises
        assert report.error is not None and report.error.code == "sync.garbage"
    assert len(purged) == 3
    assert sum("answered garbage" in r.getMessage() for r in caplog.records) == 1


def test_master_data_with_a_garbage_index_does_not_stop_the_pass(store, settings, enrolled, monkeypatch):
    from shared.sync.outbox import Outbox
    client, fake = hostile_client(enrolled, {("GET", "/v1/status"): (200, {}, GOOD_STATUS),
                                             ("GET", "/v1/master-data"): (200, {}, {"documents": [{"name": 5}]})})
    outbox = Outbox(store, settings)
    svc = fast_service(store, settings, outbox=outbox, client=client)
    report = svc.run_once(force=True)
    assert report.error is None and report.upload.online
    assert not (store.path.parent / "master").exists() or not any((store.path.parent / "master").iterdir())

"""Hostile answers, second round (each test fails on the code before its fix): JSON nested too
deep to decode, a body dripped under the per-read timeout, integers out of any sane range, a
query answer read without its schema, outcome documents without a bound, a CA fetch outside the
capped channel.
"""

from __future__ import annotations

import logging
import time

import pytest

from shared.errors import SyncError
from sync_helpers import fast_service
from test_hostile_server import GOOD_INDEX, GOOD_STATUS, hostile_client

DEEP = b"[" * 200000 + b"]" * 200000
DEEP_OBJ = b'{"a":' * 100000 + b"1" + b"}" * 100000


class Drip:
    """A chunked body that gives one byte at a time, each well within the per-read timeout."""

    def __init__(self, pause: float, total: int = 1000) -> None:
        self.pause, self.total, self.sent = pause, total, 0

    def read(self, n=-1, **kw):
        return b""

    def stream(self, n, decode_content=True):
        while self.sent < self.total:
            time.sleep(self.pause)
            self.sent += 1
            yield b" "

    def close(self):
        pass

    def release_conn(self):
        pass


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJ], ids=["deep_list", "deep_object"])
@pytest.mark.parametrize("status", [200, 409])
def test_json_too_deep_to_decode_is_garbage(body, status, enrolled):
    client, _ = hostile_client(enrolled, {("GET", "/v1/status"): (status, {"Content-Type": "application/json"}, body)})
    with pytest.raises(SyncError) as info:
        client.status(0)
    assert info.value.code == "sync.garbage" and info.value.retryable


def test_a_pass_against_deep_json_still_runs_and_logs_once(store, settings, enrolled, caplog):
    from shared.sync.outbox import Outbox
    client, _ = hostile_client(enrolled, {("GET", "/v1/status"): (200, {"Content-Type": "application/json"}, DEEP),
                                          ("GET", "/v1/master-data"): (200, {}, GOOD_INDEX)})
    svc = fast_service(store, settings, outbox=Outbox(store, settings), client=client)
    caplog.set_level(logging.INFO)
    for _ in range(2):
        report = svc.run_once(force=True)
        assert report.error is not None and report.error.code == "sync.garbage"
    assert sum("answered garbage" in r.getMessage() for r in caplog.records) == 1


def test_a_dripping_answer_is_cut_at_its_deadline(enrolled, monkeypatch):
    from shared.sync import client as client_mod
    monkeypatch.setitem(client_mod.DEADLINES, "status", 0.3)
    drip = Drip(0.02)
    client, _ = hostile_client(enrolled, {("GET", "/v1/status"): (200, {"Content-Type": "application/json"}, drip)})
    started = time.monotonic()
    with pytest.raises(SyncError) as info:
        client.status(0)
    assert time.monotonic() - started < 3
    assert info.value.retryable and info.value.code == "sync.offline"
    assert drip.sent < 100
    assert GOOD_STATUS  # (the fixture module's answers are shared)


ENVELOPE = {"code": "upload_incomplete", "message": "", "message_en": "", "retryable": True, "retry_after": None}
ANCHOR = {"seq": 0, "hash": "0" * 64, "findings": []}
EVENT = {"packet_id": "p1", "kind": "accepted", "at": "2026-01-01T00:00:00Z"}


@pytest.mark.parametrize("offset", [None, 2 ** 63, 2 ** 53, -1, 12.0, True, "12"])
def test_a_commit_error_offset_out_of_range_or_type_is_garbage(offset, enrolled):
    client, _ = hostile_client(enrolled, {("POST", "/v1/packets/"): (409, {}, {**ENVELOPE, "offset": offset})})
    with pytest.raises(SyncError) as info:
        client.commit("p1")
    assert info.value.code == "sync.garbage" and info.value.retryable


@pytest.mark.parametrize("answer", [
    {**ANCHOR, "prove": [2 ** 70]}, {**ANCHOR, "prove": [2 ** 63]}, {**ANCHOR, "seq": 10 ** 30},
    {**ANCHOR, "prove": [1.0]}, {**ANCHOR, "seq": True}], ids=["prove_2_70", "prove_2_63", "seq_huge", "float", "bool"])
def test_an_audit_anchor_with_integers_out_of_range_is_garbage(answer, store, enrolled):
    from shared.sync.anchor import heartbeat, verify_against_server
    client, _ = hostile_client(enrolled, {("GET", "/v1/audit-head"): (200, {}, answer),
                                          ("POST", "/v1/audit-head"): (200, {}, ANCHOR)})
    for call in (heartbeat, verify_against_server):
        with pytest.raises(SyncError) as info:
            call(store, client)
        assert info.value.code == "sync.garbage"


def test_a_number_that_is_not_json_is_garbage(enrolled):
    client, _ = hostile_client(enrolled, {("GET", "/v1/time"): (200, {"Content-Type": "application/json"},
                                                                  b'{"server_time": "x", "epoch": NaN}')})
    with pytest.raises(SyncError) as info:
        client.server_time()
    assert info.value.code == "sync.garbage"


@pytest.mark.parametrize("seq", [10 ** 30, 2 ** 53, 2 ** 53 - 1, 10 ** 13])
def test_an_event_seq_far_beyond_the_cursor_never_moves_it(seq, store, settings, enrolled):
    from shared.sync import state
    from shared.sync.outbox import Outbox
    from shared.sync.puller import CURSOR, StatusPuller
    page = {**GOOD_STATUS, "events": [{**EVENT, "seq": seq}], "next_cursor": seq}
    client, _ = hostile_client(enrolled, {("GET", "/v1/status"): (200, {}, page)})
    with pytest.raises(SyncError) as info:
        StatusPuller(Outbox(store, settings), client).pull_once()
    assert info.value.code == "sync.garbage"
    assert int(state.read(store, CURSOR, 0)) == 0


PROGRESS_SHAPES = {
    "results_dict": {"results": {"case_id": "c1"}},
    "results_int": {"results": 5},
    "results_strings": {"results": ["a", "b"]},
    "str_history": {"results": [{"packet_id": "p1", "case_id": "c1", "stage": "accepted", "history": "long"}]},
    "int_caseid": {"results": [{"packet_id": "p1", "case_id": 7, "stage": "accepted", "history": []}]},
    "list_stage": {"results": [{"packet_id": "p1", "case_id": "c1", "stage": ["accepted"], "history": []}]},
}


@pytest.mark.parametrize("name", sorted(PROGRESS_SHAPES))
def test_a_progress_query_answer_of_the_wrong_shape_is_garbage(name, enrolled):
    client, _ = hostile_client(enrolled, {("POST", "/v1/progress-query"): (200, {}, PROGRESS_SHAPES[name])})
    with pytest.raises(SyncError) as info:
        client.progress_query("x")
    assert info.value.code == "sync.garbage"


def test_every_json_answer_needs_its_schema(enrolled):
    client, _ = hostile_client(enrolled, {("GET", "/v1/anything"): (200, {}, {"ok": True})})
    with pytest.raises(SyncError) as info:
        client.request("GET", "/v1/anything")
    assert info.value.code == "sync.garbage"


def _ca_pem():
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "t")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _ca(**kw):
    return {"ca_pem": _ca_pem(), "fingerprint": "A" * 64, **kw}


CA_SHAPES = {
    "list": (200, {}, [1, 2]),
    "deep": (200, {"Content-Type": "application/json"}, DEEP),
    "bad_pem": (200, {}, {"ca_pem": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "fingerprint": "A" * 64}),
    "not_pem": (200, {}, {"ca_pem": "hello", "fingerprint": "A" * 64}),
    "pem_not_string": (200, {}, {"ca_pem": 5, "fingerprint": "A" * 64}),
    "suites_not_list": (200, {}, None),
    "redirect_http": (302, {"Location": "http://127.0.0.1:1/v1/enroll/ca"}, b""),
    "redirect_https": (307, {"Location": "https://elsewhere.example/v1/enroll/ca"}, b""),
    "endless": (200, {"Content-Type": "application/json"}, None),
    "huge_length": (200, {"Content-Type": "application/json", "Content-Length": str(3 << 30)}, None),
}


@pytest.mark.parametrize("name", sorted(CA_SHAPES))
def test_the_ca_fetch_reads_like_every_answer(name, monkeypatch):
    import requests

    from shared.sync.enrollment import fetch_ca
    from test_hostile_server import Endless, FakeServer
    status, headers, body = CA_SHAPES[name]
    if name == "suites_not_list":
        body = _ca(suites="default")
    if name in ("endless", "huge_length"):
        body = Endless()
    fake = FakeServer({("GET", "/v1/enroll/ca"): (status, headers, body)})
    monkeypatch.setattr(requests.Session, "get_adapter", lambda self, url: fake)
    with pytest.raises(SyncError) as info:
        fetch_ca("https://127.0.0.1:18443")
    assert info.value.code == "sync.enroll_unreachable"  # this command's error, with what was wrong
    assert len(fake.seen) == 1  # never a second request (a redirect followed)
    if isinstance(body, Endless):
        assert body.read_bytes <= 2 << 20


def test_the_ca_fetch_gives_a_good_answer_and_refuses_plain_http(monkeypatch):
    import requests

    from shared.sync.enrollment import fetch_ca
    from test_hostile_server import FakeServer
    fake = FakeServer({("GET", "/v1/enroll/ca"): (200, {}, _ca(suites=["default", "gm"]))})
    monkeypatch.setattr(requests.Session, "get_adapter", lambda self, url: fake)
    pem, suites = fetch_ca("https://127.0.0.1:18443")
    assert pem.startswith("-----BEGIN CERTIFICATE") and suites == ["default", "gm"]
    with pytest.raises(SyncError):
        fetch_ca("http://127.0.0.1:18443")
    assert len(fake.seen) == 1


@pytest.mark.parametrize("answer", [
    (200, {"Content-Type": "text/\x1b[2Jhtml\u202e"}, b"<html>"),
    (500, {}, {"code": "internal\x1b[31m", "message": "\x1b]0;owned\x07\u2028x", "message_en": "", "retryable": True,
               "retry_after": None}),
    (401, {}, {"code": "auth_failed", "message": "\u202eevil\r\nX", "message_en": "", "retryable": False, "retry_after": None}),
    (400, {}, {"code": "clock_skew", "message": "", "message_en": "", "retryable": False, "retry_after": None,
               "server_time": "\x1b[1m2026"})], ids=["ctype", "server_message", "trust_message", "server_time"])
def test_server_text_in_an_error_carries_no_escapes(answer, enrolled):
    import unicodedata
    client, _ = hostile_client(enrolled, {("GET", "/v1/status"): answer})
    with pytest.raises(Exception) as info:
        client.status(0)
    text = info.value.msg.render("zh") if hasattr(info.value.msg, "render") else str(info.value)
    for value in list(info.value.msg.params.values()) + [text]:
        assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in str(value)), value


@pytest.mark.parametrize("mime", ["application/pdf\r\nSet-Cookie: a=b", "text/html\n", "application/pdf; x=\x1b",
                                  "pdf", "a/b/c", "application/" + "x" * 200, "图/片", ""])
def test_a_document_type_that_is_not_a_media_type_is_garbage(mime, enrolled):
    doc = {"doc_id": "d1", "kind": "receipt", "name": "r", "mime": mime, "sha256": "0" * 64, "size": 1}
    page = {**GOOD_STATUS, "events": [{**EVENT, "seq": 1, "documents": [doc]}]}
    client, _ = hostile_client(enrolled, {("GET", "/v1/status"): (200, {}, page)})
    with pytest.raises(SyncError) as info:
        client.status(0)
    assert info.value.code == "sync.garbage"
    client, _ = hostile_client(enrolled, {("GET", "/v1/status"): (200, {}, {**page, "events": [
        {**EVENT, "seq": 1, "documents": [{**doc, "mime": "application/pdf"}]}]})})
    assert client.status(0)["events"]


def _doc(i, size, data=None):
    import hashlib
    return {"doc_id": "d{}".format(i), "kind": "receipt", "name": "r", "mime": "application/pdf",
            "sha256": hashlib.sha256(data if data is not None else b"x" * size).hexdigest(), "size": size}


def _puller(store, settings, enrolled, routes):
    from shared.sync.outbox import Outbox
    from shared.sync.puller import StatusPuller
    client, fake = hostile_client(enrolled, routes)
    return StatusPuller(Outbox(store, settings), client), fake


@pytest.mark.parametrize("documents", [
    [_doc(i, 1) for i in range(17)],                # more documents than an event may have
    [_doc(i, 60 << 20, b"") for i in range(4)],     # more bytes than an event's budget
], ids=["too_many", "over_budget"])
def test_an_event_over_its_documents_bounds_is_garbage_before_any_download(store, settings, enrolled, documents):
    page = {**GOOD_STATUS, "events": [{**EVENT, "seq": 1, "documents": documents}]}
    puller, fake = _puller(store, settings, enrolled, {("GET", "/v1/status"): (200, {}, page),
                                                       ("GET", "/v1/documents/"): (200, {}, b"x")})
    with pytest.raises(SyncError) as info:
        puller.pull_once()
    assert info.value.code == "sync.garbage"
    assert not any("/v1/documents/" in url for _, url in fake.seen)


def test_a_document_is_read_no_further_than_its_declared_size(store, settings, enrolled):
    from test_hostile_server import Endless
    body = Endless()
    page = {**GOOD_STATUS, "events": [{**EVENT, "seq": 1, "documents": [_doc(1, 1000)]}]}
    puller, _ = _puller(store, settings, enrolled, {("GET", "/v1/status"): (200, {}, page),
                                                    ("GET", "/v1/documents/"): (200, {}, body)})
    with pytest.raises(SyncError) as info:
        puller.pull_once()
    assert info.value.code == "sync.garbage"
    assert body.read_bytes <= 1 << 20


def test_a_pass_stops_at_its_document_budget_and_the_next_goes_on(store, settings, enrolled, monkeypatch):
    from shared.sync import puller as puller_mod
    from shared.sync import state
    monkeypatch.setattr(puller_mod, "PASS_BYTES", 15)
    events = [{**EVENT, "seq": i, "documents": [_doc(i, 10)]} for i in (1, 2, 3)]
    puller, fake = _puller(store, settings, enrolled, {("GET", "/v1/status"): (200, {}, {**GOOD_STATUS, "events": events}),
                                                       ("GET", "/v1/documents/"): (200, {}, b"x" * 10)})
    puller.pull_once()
    assert int(state.read(store, puller_mod.CURSOR, 0)) == 1
    assert sum("/v1/documents/" in url for _, url in fake.seen) == 1

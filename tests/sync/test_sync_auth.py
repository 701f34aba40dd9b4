"""Enrollment, signed requests, replay and clock skew, TLS pinning, garbage answers."""

from __future__ import annotations

import time

import pytest

from shared.errors import SyncError, TrustError
from shared.sync import enrollment
from shared.sync.client import ServerError, ServerTrustError, SyncClient
from sync_helpers import fast_service, make_case


def test_enrollment_with_wrong_fingerprint_refused(store, srv):
    with pytest.raises(TrustError) as err:
        enrollment.enroll(store, srv.url, srv.new_code(), "AB" * 32)
    assert "指纹不符" in str(err.value)
    assert enrollment.load(store) is None
    with pytest.raises(TrustError):
        enrollment.enroll(store, srv.url, srv.new_code())  # no fingerprint and no explicit TOFU


def test_enrollment_code_is_one_time(store, srv, tmp_path):
    from shared.store import Store
    code = srv.new_code()
    ident = enrollment.enroll(store, srv.url, code, srv.fingerprint)
    assert ident.device_id.startswith("DEV-") and ident.server_key_id
    with Store.open(tmp_path / "other", tmp_path / "other.cfg") as other:
        with pytest.raises(ServerError) as err:
            enrollment.enroll(other, srv.url, code, srv.fingerprint)
        assert err.value.server_code == "bad_code"
        tofu = enrollment.enroll(other, srv.url, srv.new_code(), tofu=True)
        assert tofu.ca_fingerprint == srv.fingerprint


def test_signed_request_replay_refused(enrolled, srv):
    client = SyncClient(enrolled)
    path = "/v1/status?cursor=0&limit=10"
    headers = client._headers("GET", path, b"")
    first = client.session.get(srv.url + path, headers=headers, timeout=10)
    assert first.status_code == 200
    again = client.session.get(srv.url + path, headers=headers, timeout=10)
    assert again.status_code == 401 and again.json()["code"] == "replay"
    env = again.json()
    assert env["message"] and env["message_en"] and env["retryable"] is False


def test_tampered_signature_and_unsigned_refused(enrolled, srv):
    client = SyncClient(enrolled)
    headers = client._headers("POST", "/v1/packets", b'{"a": 1}')
    resp = client.session.post(srv.url + "/v1/packets", data=b'{"a": 2}', headers=headers, timeout=10)
    assert resp.status_code == 400 and resp.json()["code"] == "digest_mismatch"
    headers = client._headers("GET", "/v1/status?cursor=0", b"")
    resp = client.session.get(srv.url + "/v1/status?cursor=99", headers=headers, timeout=10)
    assert resp.status_code == 401 and resp.json()["code"] == "auth_failed"
    with pytest.raises(ServerTrustError):
        client.request("GET", "/v1/master-data", signed=False)


def test_clock_skew_answered_with_server_time(enrolled, srv):
    client = SyncClient(enrolled, clock=lambda: time.time() - 3600)
    with pytest.raises(ServerError) as err:
        client.status(0)
    assert err.value.server_code == "clock_skew" and not err.value.retryable
    assert "请校准本机时间" in str(err.value) and err.value.body["server_time"]


def test_tls_pin_mismatch_refused_never_unverified(store, settings, srv, fake, tmp_path):
    from devserver.main import start_in_thread
    from shared.sync.outbox import Outbox
    enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
    impostor = start_in_thread(tmp_path / "impostor", rsa_bits=2048)
    try:
        ident = enrollment.load(store)
        ident.server_url = impostor.url  # same protocol, different CA: e.g. DNS hijack
        with pytest.raises(TrustError) as err:
            SyncClient(ident).server_time()
        assert "不会在不验证的情况下继续" in str(err.value)
        ob = Outbox(store, settings)
        case = make_case(store, fake)
        ob.submit(case.id)
        svc = fast_service(store, settings, outbox=ob, client=SyncClient(ident))
        report = svc.run_once(force=True)
        assert isinstance(report.error, TrustError)
        assert ob.get(case.packet_id).state in ("queued", "announced")
        assert impostor.stats()["requests"] == 0  # the impostor never saw an HTTP request
    finally:
        impostor.close()


@pytest.mark.parametrize("kind", ["html", "json"])
def test_garbage_answer_gives_clear_error_item_intact(store, outbox, settings, srv, fake, kind):
    case = make_case(store, fake)
    outbox.submit(case.id)
    srv.faults(garbage_rate=1.0, seed=1 if kind == "html" else 2)
    svc = fast_service(store, settings, outbox=outbox)
    report = svc.run_once(force=True)
    assert isinstance(report.error, SyncError) and report.error.retryable
    assert "无法识别的内容" in str(report.error)
    item = outbox.get(case.packet_id)
    assert item.state in ("announced", "uploading", "uploaded") and outbox.path(item).exists()
    srv.faults()
    from sync_helpers import drain
    drain(svc)
    assert outbox.get(case.packet_id).state == "proof_issued"


def _announced(outbox, store, fake, client):
    case = make_case(store, fake, page_bytes=200_000)
    item = outbox.submit(case.id)
    client.announce(item.packet_id, item.size, item.sha256, item.signature)
    return item


def test_chunk_signature_binds_offset_and_length(outbox, store, enrolled, srv, fake):
    """A PATCH signed for one place cannot be used at another (nor with another length)."""
    from shared.sync import crypto
    client = SyncClient(enrolled)
    item = _announced(outbox, store, fake, client)
    data = outbox.path(item).read_bytes()[:1000]
    path = "/v1/packets/" + item.packet_id
    for signed_for in (crypto.unsigned_chunk_digest(0, 999), crypto.unsigned_chunk_digest(500, 1000), "0" * 64):
        headers = {**client._headers("PATCH", path, b"", signed_for), "Upload-Offset": "0",
                   "Content-Type": "application/offset+octet-stream"}
        resp = client.session.patch(srv.url + path, data=data, headers=headers, timeout=10)
        assert resp.status_code == 400 and resp.json()["code"] == "digest_mismatch", signed_for
    assert client.upload_offset(item.packet_id) == 0
    assert client.patch(item.packet_id, 0, data) == 1000


def test_bytes_before_a_dropped_link_are_kept(outbox, store, enrolled, srv, fake):
    """The client dies mid-chunk: what arrived counts, the resume starts there, commit checks all."""
    import socket
    import ssl
    from urllib.parse import urlparse
    from shared.sync import crypto
    client = SyncClient(enrolled)
    item = _announced(outbox, store, fake, client)
    data = outbox.path(item).read_bytes()
    path = "/v1/packets/" + item.packet_id
    headers = {**client._headers("PATCH", path, b"", crypto.unsigned_chunk_digest(0, len(data))),
               "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream",
               "Content-Length": str(len(data)), "Host": "127.0.0.1"}
    url = urlparse(srv.url)
    ctx = ssl.create_default_context(cadata=enrolled.ca_pem)
    with socket.create_connection((url.hostname, url.port)) as raw:
        with ctx.wrap_socket(raw, server_hostname=url.hostname) as tls:
            head = "PATCH {} HTTP/1.1\r\n{}\r\n\r\n".format(path, "\r\n".join("{}: {}".format(k, v) for k, v in headers.items()))
            tls.sendall(head.encode() + data[:120_000])
            time.sleep(0.3)  # let the server take it in, then the link drops
    deadline = time.time() + 5
    while client.upload_offset(item.packet_id) == 0 and time.time() < deadline:
        time.sleep(0.05)
    kept = client.upload_offset(item.packet_id)
    assert 0 < kept <= 120_000
    assert client.patch(item.packet_id, kept, data[kept:]) == len(data)
    answer = client.commit(item.packet_id)  # the whole ciphertext matches its signed SHA-256
    assert answer["packet_id"] == item.packet_id

"""The local integration API against a real server on 127.0.0.1 and a real encrypted store:
token, idempotent create, garbage refused with a JSON path, masked status, quiet logs."""

from __future__ import annotations

import datetime as dt
import json
import logging
import socket
import threading
import time

import pytest

from api_helpers import loan_document, post_case, request
from shared.integration import credentials
from shared.integration.server import IntegrationServer


def _cases(store) -> int:
    return store.count_cases()


def test_create_then_same_loan_again_gives_the_same_case(api, store, fake):
    doc = loan_document(fake, "LOAN-7")
    status, body = post_case(api.port, api.token, doc)
    assert status == 201 and body["created"] is True and body["reference"] == "LOAN-7"
    case = store.get_case(body["case_id"])
    assert case.state.value == "draft" and case.channel == "import"
    assert [p.role for p in case.parties] == ["mortgagor", "mortgagee", "debtor"]
    assert case.get("mortgage.amount") == "1200000.00"
    again, body2 = post_case(api.port, api.token, doc)
    assert again == 200 and body2 == {**body, "created": False}
    # the same loan with other data is not silently a second case, nor an overwrite
    doc["mortgage"]["amount"] = "1300000.00"
    clash, body3 = post_case(api.port, api.token, doc)
    assert clash == 409 and body3["error"]["code"] == "api.conflict" and body3["error"]["case_id"] == body["case_id"]
    assert _cases(store) == 1
    assert store.get_case(body["case_id"]).get("mortgage.amount") == "1200000.00"
    # the audit log names the integration actor
    rows = [r for r in store.audit_rows(body["case_id"]) if r[3] == "import"]
    assert rows and "测试银行信贷系统" in rows[0][2]


def test_concurrent_posts_of_one_loan_make_one_case(api, store, fake):
    body = json.dumps(loan_document(fake, "LOAN-RACE"), ensure_ascii=False).encode()
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(post_case(api.port, api.token, body))) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(s for s, _ in answers) == [200] * 5 + [201]
    assert len({b["case_id"] for _, b in answers}) == 1
    assert _cases(store) == 1


def test_token_missing_wrong_expired_revoked_replaced(api, store, fake):
    doc = loan_document(fake, "LOAN-T")
    status, _h, data = request(api.port, "POST", "/v1/cases", json.dumps(doc).encode())
    assert status == 401 and json.loads(data)["error"]["code"] == "api.no_token"
    assert post_case(api.port, api.token + "x", doc)[1]["error"]["code"] == "api.bad_token"
    assert post_case(api.port, "Bearer", doc)[0] == 401
    # expired: made two days ago, valid for one
    old = credentials.new_token(store, days=1, now=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=2))
    status, body = post_case(api.port, old, doc)
    assert status == 401 and body["error"]["code"] == "api.expired_token" and "过期" in body["error"]["message"]
    token = credentials.new_token(store)
    assert post_case(api.port, old, doc)[1]["error"]["code"] == "api.bad_token"  # a new token replaces the old
    assert credentials.revoke_token(store)
    status, body = post_case(api.port, token, doc)
    assert status == 401 and body["error"]["code"] == "api.revoked_token"
    assert request(api.port, "GET", "/v1/cases/YZ1", token=token)[0] == 401
    assert _cases(store) == 0
    # the store keeps the token's hash only
    record = store.read(lambda tx: tx.sync_state.get(credentials.TOKEN_KEY))
    assert token not in json.dumps(record)


@pytest.mark.parametrize("body,path,code", [
    (b"{not json", None, "import.json"),
    (b"\xff\xfe", None, "import.json"),
    (b"[1, 2]", None, "import.not_object"),
    (json.dumps({"a": [[[[[[[[1]]]]]]]]}).encode(), "$.a[0][0][0][0][0][0]", "import.depth"),
    (b"[" * 100000 + b"]" * 100000, None, "import.not_object"),
])
def test_garbage_gets_a_json_error_and_writes_nothing(api, store, body, path, code):
    status, answer = post_case(api.port, api.token, body)
    assert status == 422
    err = answer["error"]
    assert err["code"] in (code, "import.invalid", "import.depth_json")
    assert err["message"] and not err["message"].isascii()  # Chinese
    if path:
        assert path in {e["path"] for e in err["errors"]}
    assert _cases(store) == 0


def test_every_malformed_field_is_named_by_its_path(api, store, fake):
    doc = loan_document(fake, "bad ref with spaces", format="yizhan-case-import/2")
    doc["parties"][0]["colour"] = "red"
    doc["parties"][1]["name"] = {"x": 1}
    doc["property"]["area"] = "x" * 3000
    doc["materials"] = {"identity": ["id.jpg"]}
    status, answer = post_case(api.port, api.token, doc)
    assert status == 422
    paths = {e["path"]: e["code"] for e in answer["error"]["errors"]}
    assert paths["$.property.area"] == "import.string"
    answer2 = post_case(api.port, api.token, {**loan_document(fake), "format": "yizhan-case-import/2",
                                              "loan_reference": "bad ref", "materials": {"identity": ["id.jpg"]},
                                              "colour": 1})[1]
    paths2 = {e["path"]: e["code"] for e in answer2["error"]["errors"]}
    assert paths2["$.format"] == "import.version"
    assert paths2["$.loan_reference"] == "import.reference"
    assert paths2["$.materials.identity[0]"] == "import.no_files"
    assert paths2["$.colour"] == "import.unknown_field"
    nested = loan_document(fake, "LOAN-N")
    nested["parties"][0]["colour"] = "red"
    nested["parties"][1]["name"] = ["x"]
    paths3 = {e["path"] for e in post_case(api.port, api.token, nested)[1]["error"]["errors"]}
    assert {"$.parties[0].colour", "$.parties[1].name"} <= paths3
    no_ref = loan_document(fake)
    del no_ref["loan_reference"]
    status, answer = post_case(api.port, api.token, no_ref)
    assert status == 422 and answer["error"]["errors"][0]["path"] == "$.loan_reference"
    assert _cases(store) == 0


def test_body_bounded_before_it_is_read(api, store):
    # announces 2 MiB and sends none of it: refused at once, the connection closed
    t0 = time.monotonic()
    status, headers, data = request(api.port, "POST", "/v1/cases", None, api.token,
                                    {"Content-Length": str(2 << 20), "Content-Type": "application/json"})
    assert status == 413 and json.loads(data)["error"]["code"] == "import.too_large"
    assert headers.get("connection") == "close" and time.monotonic() - t0 < 5
    with socket.create_connection(("127.0.0.1", api.port), timeout=5) as s:
        s.sendall(b"POST /v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + api.token.encode()
                  + b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        head = s.recv(4096)
    assert head.startswith(b"HTTP/1.1 411")
    status, _h, data = request(api.port, "POST", "/v1/cases", b"{}", api.token, {"Content-Type": "text/plain"})
    assert status == 415 and json.loads(data)["error"]["code"] == "api.content_type"
    with socket.create_connection(("127.0.0.1", api.port), timeout=5) as s:
        s.sendall(b"\x16\x03\x01garbage garbage\r\n\r\n")
        raw = b""
        while chunk := s.recv(4096):
            raw += chunk
    assert raw.split(b"\r\n")[0].split()[1] == b"400"
    assert json.loads(raw.split(b"\r\n\r\n", 1)[1])["error"]["code"] == "api.bad_request"
    assert _cases(store) == 0


def test_status_is_masked_and_only_for_the_api_s_own_cases(api, store, fake, sample_case):
    doc = loan_document(fake, "LOAN-S")
    person = doc["parties"][0]
    case_id = post_case(api.port, api.token, doc)[1]["case_id"]
    status, _h, data = request(api.port, "GET", "/v1/cases/" + case_id, token=api.token)
    assert status == 200
    text = data.decode("utf-8")
    assert person["name"] not in text and person["id_number"] not in text and person["phone"] not in text
    got = json.loads(text)
    assert got["state"] == "draft" and got["reference"] == "LOAN-S" and got["outcome"] is None
    assert got["parties"][0]["id_number"].startswith(person["id_number"][:6]) and "*" in got["parties"][0]["id_number"]
    assert got["parties"][1]["name"] == doc["parties"][1]["name"]  # the bank itself, in full
    by_ref = json.loads(request(api.port, "GET", "/v1/cases?reference=LOAN-S", token=api.token)[2])
    assert by_ref["case_id"] == case_id
    assert request(api.port, "GET", "/v1/cases?reference=NOPE", token=api.token)[0] == 404
    store.save_case(sample_case)  # made at the counter: not the bank system's to read
    status, _h, data = request(api.port, "GET", "/v1/cases/" + sample_case.id, token=api.token)
    assert status == 404 and json.loads(data)["error"]["code"] == "api.no_case"
    assert request(api.port, "GET", "/v1/cases/{}/documents/nothing".format(case_id), token=api.token)[0] == 404


def test_listens_on_loopback_only_and_logs_nothing_personal(api, store, fake, caplog):
    assert api.server_address[0] == "127.0.0.1"
    caplog.set_level(logging.DEBUG)
    doc = loan_document(fake, "LOAN-L")
    post_case(api.port, api.token, doc)
    bad = loan_document(fake, "LOAN-L2")
    bad["parties"][0]["id_number"] = bad["parties"][0]["id_number"][:-1] + "0"  # a wrong checksum
    post_case(api.port, api.token, bad)
    post_case(api.port, api.token, b"{garbage " + doc["parties"][0]["name"].encode())
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "api POST /v1/cases -> 201" in logged
    for secret in (doc["parties"][0]["name"], doc["parties"][0]["id_number"], bad["parties"][0]["id_number"], api.token):
        assert secret not in logged


def test_a_non_loopback_address_is_never_bound(store):
    srv = IntegrationServer(store, 0)
    try:
        assert srv.socket.getsockname()[0] == "127.0.0.1"
    finally:
        srv.server_close()


def test_connections_at_once_are_bounded(api):
    from shared.integration.server import MAX_CONNECTIONS
    idle = [socket.create_connection(("127.0.0.1", api.port), timeout=5) for _ in range(MAX_CONNECTIONS)]
    try:
        time.sleep(0.3)
        with pytest.raises(OSError):  # closed unanswered (http.client: RemoteDisconnected)
            request(api.port, "GET", "/v1/health")
    finally:
        for s in idle:
            s.close()
    for _ in range(50):  # each slot comes back as its connection ends
        time.sleep(0.1)
        try:
            if request(api.port, "GET", "/v1/health")[0] == 200:
                break
        except OSError:
            continue
    else:
        raise AssertionError("the server did not take connections again")


def test_at_a_banks_desk_the_api_fills_and_locks_the_desks_bank(store, fake):
    """The API serving a bank desk (``integration.service_point``) makes the case as the
    counter's import does: the mortgagee is the desk's bank from master data, with its filings;
    a loan naming another bank as mortgagee is refused and nothing is stored."""
    from pathlib import Path
    from devserver.masterdata import BANKS_FILE
    from shared import masterdata
    raw = json.loads(BANKS_FILE.read_text("utf-8"))
    raw["profiles"][0]["service_points"] = ["SP-API-01"]
    masterdata.accept(Path(store.path).parent, "banks", "b1", raw, store)
    bank = raw["profiles"][0]
    srv = IntegrationServer(store, 0, service_point="SP-API-01")
    srv.start()
    try:
        token = credentials.new_token(store)
        doc = loan_document(fake, "LOAN-DESK-1")
        doc["parties"] = [p for p in doc["parties"] if p["role"] != "mortgagee"]  # the bank fills itself in
        status, body = post_case(srv.port, token, doc)
        assert status == 201, body
        case = store.get_case(body["case_id"])
        mortgagee = [p for p in case.parties if p.role == "mortgagee"]
        assert [(p.name, p.id_number) for p in mortgagee] == [(bank["name"], bank["credit_code"])]
        assert case.bank and {f["reference"] for f in case.bank["filings"]}
        other = loan_document(fake, "LOAN-DESK-2")  # its mortgagee: a generated bank, not this desk's
        status, answer = post_case(srv.port, token, other)
        assert status == 422 and answer["error"]["errors"][0]["path"] == "$.parties"
        assert _cases(store) == 1
    finally:
        srv.stop()


def test_a_body_that_trickles_in_is_cut_off_at_the_deadline(api, monkeypatch):
    """A byte every 0.3 s stays inside the per-read timeout; the whole body has a deadline."""
    from shared.integration import server
    monkeypatch.setattr(server, "BODY_DEADLINE_S", 1.0, raising=False)
    with socket.create_connection(("127.0.0.1", api.port), timeout=5) as s:
        s.sendall(b"POST /v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + api.token.encode()
                  + b"\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
        t0 = time.monotonic()
        s.settimeout(0.3)
        raw = b""
        while time.monotonic() - t0 < 6 and not raw:
            try:
                s.sendall(b" ")
                raw = s.recv(4096)
            except socket.timeout:
                continue
            except OSError:
                break
        elapsed = time.monotonic() - t0
    assert raw.startswith(b"HTTP/1.1 408"), raw[:40]
    assert b"api.body_timeout" in raw and elapsed < 3
    assert request(api.port, "GET", "/v1/health")[0] == 200

"""Both sides against the OpenAPI document: routes, request bodies and answers validate."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from sync_helpers import ROOT, drain, fast_service, make_case

SPEC = json.loads((ROOT / "resources" / "api" / "yizhan-sync.json").read_text("utf-8"))
METHODS = ("get", "post", "put", "patch", "delete", "head", "options")


def _template(path: str) -> str | None:
    path = path.split("?")[0]
    for tpl in SPEC["paths"]:
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", tpl), path):
            return tpl
    return None


def _validate(schema: dict, instance) -> None:
    jsonschema.Draft202012Validator({**schema, "components": SPEC["components"]}).validate(instance)


def test_spec_is_openapi_31_and_schemas_are_valid():
    assert SPEC["openapi"].startswith("3.1")
    for name, schema in SPEC["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_every_server_route_is_in_the_spec_and_back(srv):
    from devserver.routes import build
    app = build(srv.state)
    routes = set()
    for route in app.routes:
        for method in getattr(route, "methods", ()) or ():
            routes.add((route.path, method.lower()))
    spec_routes = {(p, m) for p, ops in SPEC["paths"].items() for m in ops if m in METHODS}
    assert routes == spec_routes


def test_exchanges_of_a_full_flow_validate(store, settings, srv, fake):
    from shared.sync import enrollment
    from shared.sync.client import ServerError, SyncClient
    from shared.sync.outbox import Outbox
    from shared.sync.service import pull_master_data
    seen = []

    def record(method, path, req, status, resp, raw):
        seen.append((method, path, req, status, resp, raw))
    ident = enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
    client = SyncClient(ident, on_exchange=record)
    ob = Outbox(store, settings)
    case = make_case(store, fake)
    ob.submit(case.id)
    refused = make_case(store, fake, region="110101")
    ob.submit(refused.id)
    srv.rules(jurisdiction=["3501"], force={})
    drain(fast_service(store, settings, outbox=ob, client=client))
    pull_master_data(store, client)
    client.server_time()
    client.progress(case.packet_id)
    assert client.progress_query(case.id)["results"]
    client.property_query(case.get("property.unit_number"), {"letter_sha256": "a" * 64, "valid_until": "2099-01-01"})
    with pytest.raises(ServerError):
        client.property_query("x", {})
    with pytest.raises(ServerError):
        client.progress("NOPE-r1")
    client.upload_offset(case.packet_id)
    with pytest.raises(ServerError):  # the signed PATCH of clients from before tus: a delivered packet takes no more
        client.patch(case.packet_id, 0, b"x")
    checked = set()
    for method, path, req, status, resp, raw in seen:
        tpl = _template(path)
        assert tpl, path
        op = SPEC["paths"][tpl][method.lower()]
        if req is not None and "requestBody" in op and status < 400:  # refusals may be malformed on purpose
            _validate(op["requestBody"]["content"]["application/json"]["schema"], req)
        answer = op["responses"].get(str(status)) or op["responses"]["default"]
        if "content" in answer and "application/json" in answer["content"]:
            assert resp is not None, (path, status)
            _validate(answer["content"]["application/json"]["schema"], resp)
        for header, spec in (answer.get("headers") or {}).items():
            if spec.get("required"):
                assert header in raw.headers
        checked.add((tpl, method.lower(), status))
    wanted = {("/v1/packets", "post"), ("/v1/packets/{packet_id}", "patch"), ("/v1/packets/{packet_id}/commit", "post"),
              ("/v1/status", "get"), ("/v1/documents/{doc_id}", "get"), ("/v1/master-data/{name}", "get"),
              ("/v1/property-query", "post"), ("/v1/packets/{packet_id}", "head"),
              ("/v1/tus/", "options"), ("/v1/tus/{upload_id}", "head"), ("/v1/tus/{upload_id}", "patch")}
    assert wanted <= {(t, m) for t, m, _ in checked}
    assert any(s >= 400 for _, _, s in checked)  # error envelopes validated too
    kinds = {e["kind"] for _, p, _, _, r, _ in seen if p.startswith("/v1/status") and r for e in r["events"]}
    assert {"delivered", "accepted", "not_accepted", "registered", "proof_issued"} <= kinds


def test_admin_and_enrollment_answers_validate(srv):
    import requests
    ca = str(srv.state.keys.cert_file.parent / "ca.pem")
    h = {"X-Admin-Token": srv.admin_token}
    for path, body, status in (("/admin/stats", None, 200), ("/admin/enroll-codes", {}, 201),
                               ("/admin/advance", {"seconds": 0}, 200), ("/v1/enroll/ca", None, 200),
                               ("/v1/time", None, 200)):
        method = "post" if body is not None else "get"
        resp = requests.request(method, srv.url + path, json=body, headers=h, verify=ca, timeout=10)
        assert resp.status_code == status
        _validate(SPEC["paths"][path][method]["responses"][str(status)]["content"]["application/json"]["schema"], resp.json())
    bad = requests.post(srv.url + "/admin/stats", headers={"X-Admin-Token": "wrong"}, verify=ca, timeout=10)
    _validate(SPEC["components"]["schemas"]["Error"], bad.json())
    bad = requests.post(srv.url + "/v1/enroll", json={"code": "0000-0000", "public_key": "AAAA"}, verify=ca, timeout=10)
    assert bad.status_code == 400
    _validate(SPEC["components"]["schemas"]["Error"], bad.json())

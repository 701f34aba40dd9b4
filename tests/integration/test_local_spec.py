"""resources/api/yizhan-local.json is what the integration server serves: the same routes and
methods, and real answers valid against its schemas."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from api_helpers import loan_document, post_case, request
from shared.integration.server import ROUTES

SPEC = json.loads((Path(__file__).resolve().parents[2] / "resources" / "api" / "yizhan-local.json").read_text("utf-8"))


def _validate(schema: dict, instance) -> None:
    jsonschema.Draft202012Validator({**schema, "components": SPEC["components"]}).validate(instance)


def _json_schema(path: str, method: str, status: int) -> dict:
    answer = SPEC["paths"][path][method.lower()]["responses"][str(status)]
    if "$ref" in answer:
        answer = SPEC["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]]
    return answer["content"]["application/json"]["schema"]


def test_the_spec_lists_exactly_the_served_routes():
    documented = {(m.upper(), p) for p, ops in SPEC["paths"].items() for m in ops if m in ("get", "post", "put", "delete", "patch")}
    assert documented == set(ROUTES)
    assert SPEC["servers"][0]["url"].startswith("http://127.0.0.1:")
    for schema in SPEC["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_real_answers_match_the_spec(api, store, fake):
    doc = loan_document(fake, "LOAN-SPEC")
    _validate(SPEC["paths"]["/v1/cases"]["post"]["requestBody"]["content"]["application/json"]["schema"], doc)
    status, body = post_case(api.port, api.token, doc)
    _validate(_json_schema("/v1/cases", "POST", status), body)
    status, body = post_case(api.port, api.token, doc)
    assert status == 200
    _validate(_json_schema("/v1/cases", "POST", status), body)
    case_id = body["case_id"]
    for path, method, want in (("/v1/health", "GET", 200), ("/v1/cases/" + case_id, "GET", 200),
                               ("/v1/cases?reference=LOAN-SPEC", "GET", 200), ("/v1/cases/NOPE", "GET", 404),
                               ("/v1/cases?x=1", "GET", 400)):
        status, _h, data = request(api.port, method, path, token=api.token)
        assert status == want
        template = next(t for m, t in ROUTES if m == method and (t == path.split("?")[0] or "{" in t and path.startswith("/v1/cases/")))
        _validate(_json_schema(template, method, status), json.loads(data))
    status, body = post_case(api.port, api.token, b"{}")
    _validate(_json_schema("/v1/cases", "POST", status), body)
    status, body = post_case(api.port, "nope", doc)
    _validate(_json_schema("/v1/cases", "POST", status), body)


def test_every_documented_operation_is_answered_and_others_are_not(api):
    for method, template in ROUTES:
        path = template.replace("{case_id}", "YZ1").replace("{doc_id}", "d1")
        status, _h, data = request(api.port, method, path, b"{}" if method == "POST" else None, api.token)
        assert json.loads(data)["error"]["code"] != "api.no_route" if status >= 400 else status == 200
    status, headers, data = request(api.port, "DELETE", "/v1/cases", None, api.token)
    assert status == 405 and set(headers["allow"].split(", ")) == {"GET", "POST"}
    assert request(api.port, "GET", "/v2/cases", token=api.token)[0] == 404

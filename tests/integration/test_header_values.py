"""The local API's one header-writing place never writes a value with a CR, LF or any other
control character (a document type a hostile registration server chose and the store kept)."""

from __future__ import annotations

import pytest

from api_helpers import request
from shared.integration import cases


@pytest.mark.parametrize("mime", ["application/pdf\r\nSet-Cookie: owned=1", "text/plain\nX-Evil: 1", "a/b\x1b[2J",
                                  "application/pdf\u2028x", "text/" + "x" * 400, "图/片"])
def test_a_stored_document_type_never_becomes_a_header_of_its_own(mime, api, monkeypatch):
    monkeypatch.setattr(cases, "outcome_document", lambda store, case_id, doc_id: (mime, b"%PDF-1.4"))
    status, headers, body = request(api.port, "GET", "/v1/cases/c1/documents/d1", token=api.token)
    assert status == 200 and body == b"%PDF-1.4"
    assert "set-cookie" not in headers and "x-evil" not in headers
    assert headers["content-type"] == "application/octet-stream"


def test_a_plain_document_type_is_kept(api, monkeypatch):
    monkeypatch.setattr(cases, "outcome_document", lambda store, case_id, doc_id: ("application/pdf", b"%PDF"))
    status, headers, _ = request(api.port, "GET", "/v1/cases/c1/documents/d1", token=api.token)
    assert status == 200 and headers["content-type"] == "application/pdf"

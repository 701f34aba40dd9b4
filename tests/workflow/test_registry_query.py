"""The bank's registry query under the owner's authorization, through CaseSession against the
reference server: only within the matters, dates and signatures of the letter (refused by the
core before anything is sent, and by the registry on its own), audited with its purpose, the
query-result certificate kept as a PDF; a filed contract replaces the paper contract."""

from __future__ import annotations

import datetime as _dt

import pytest
from flow_helpers import iso_days as _iso
from flow_helpers import sign_letter

from devserver import queries as server_queries
from shared.domain.validation import missing
from shared.workflow.registry_query import QueryRefused, describe

TODAY = _dt.date.today()


def _server_rows(srv, case_id):
    return [r for r in server_queries.audit_rows(srv.state.db) if r["case_id"] == case_id]


def test_query_within_the_authorization_keeps_the_certificate(ready, store, srv):
    session, client = ready()
    outcome = session.query_registry(client, "registry", "loan_review")
    assert outcome.certificate.startswith(b"%PDF")
    case = session.snapshot()
    assert case.queries[-1]["kind"] == "registry" and case.queries[-1]["purpose"] == "loan_review"
    blob = store.blobs.get(case.queries[-1]["certificate"])
    assert blob == outcome.certificate
    audit = [r for r in store.audit_rows(case.id) if r[3] == "registry_query"]
    assert len(audit) == 1 and "kind=registry purpose=loan_review" in audit[0][5]
    rows = _server_rows(srv, case.id)
    assert [(r["kind"], r["purpose"], r["outcome"]) for r in rows] == [("registry", "loan_review", "answered")]
    assert "登记记录" in describe(outcome).render()


def test_a_matter_not_entrusted_is_refused_before_anything_is_sent(ready, store, srv):
    session, client = ready(matters=("registry",))
    with pytest.raises(QueryRefused) as err:
        session.query_registry(client, "contract_filing", "loan_review")
    assert "未委托" in err.value.msg.render()
    assert _server_rows(srv, session.case_id) == []  # the registry never saw it
    refused = [r for r in store.audit_rows(session.case_id) if r[3] == "registry_query_refused"]
    assert len(refused) == 1 and "kind=contract_filing purpose=loan_review" in refused[0][5]
    assert session.snapshot().queries == []


@pytest.mark.parametrize("today,text", [(TODAY + _dt.timedelta(days=31), "到期"),
                                        (TODAY - _dt.timedelta(days=2), "生效")])
def test_outside_the_time_limit_is_refused(ready, srv, today, text):
    session, client = ready()
    with pytest.raises(QueryRefused) as err:
        session.query_registry(client, "registry", "loan_review", today=today)
    assert text in err.value.msg.render()
    assert _server_rows(srv, session.case_id) == []


def test_an_unsigned_or_changed_letter_is_refused(ready, srv):
    session, client = ready()
    session.set_authorization(["registry"], _iso(-1), _iso(20))  # changed after the owners signed
    with pytest.raises(QueryRefused) as err:
        session.query_registry(client, "registry", "loan_review")
    assert "签名" in err.value.msg.render()
    sign_letter(session)
    session.query_registry(client, "registry", "loan_review")


def test_a_letter_needs_real_fields():
    from shared.domain.authorization import letter_problem
    from shared.domain.case import Case
    case = Case("transfer_mortgage")
    assert letter_problem(case).code == "auth.no_matters"
    case.set("authorization.matters", ["registry"])
    assert letter_problem(case).code == "auth.no_date"
    case.set("authorization.date", "2026-01-01")
    assert letter_problem(case).code == "auth.no_limit"
    case.set("authorization.valid_until", "2026-06-01")  # beyond 90 days
    assert letter_problem(case).code == "auth.bad_limit"
    case.set("authorization.valid_until", "2026-03-01")
    assert letter_problem(case) is None


def test_the_registry_checks_the_authorization_itself(ready, srv):
    """A client that skips the core's check is refused by the server, and the refusal recorded."""
    from shared.domain.authorization import authorization_of
    from shared.sync.client import ServerError
    session, client = ready(matters=("registry",))
    case = session.snapshot()
    auth = authorization_of(case).wire(case)
    base = {"kind": "registry", "purpose": "loan_review", "unit_number": auth["unit_number"], "authorization": auth}
    bad = [({**base, "kind": "contract_filing", "contract_number": "X1"}, "outside_authorization"),
           ({**base, "authorization": {**auth, "date": _iso(-60), "valid_until": _iso(-1)}}, "authorization_expired"),
           ({**base, "authorization": {**auth, "valid_until": _iso(200)}}, "outside_authorization"),
           ({**base, "unit_number": "350102000000GB00000F00000000"}, "outside_authorization")]
    for body, code in bad:
        with pytest.raises(ServerError) as err:
            client.registry_query(body)
        assert err.value.status == 403 and err.value.server_code == code, body
    rows = _server_rows(srv, case.id)
    assert [r["outcome"] for r in rows] == ["refused:" + code for _, code in bad]
    with pytest.raises(ServerError) as err:
        client.registry_query({**base, "purpose": "curiosity"})
    assert err.value.status == 422


def test_a_filed_contract_replaces_the_paper_contract(ready, srv, store, fake):
    session, client = ready()
    case = session.snapshot()
    number = case.get("transfer.sale_contract_number")
    buyers = [p.id_number for p in case.parties if p.role == "buyer"]
    srv.admin("/admin/filings", {"filings": [
        {"contract_number": number, "unit_number": case.get("property.unit_number"), "kind": "sale",
         "filed_at": "2026-11-20", "buyers": buyers, "price": "2300000"},
        {"contract_number": "OTHER-1", "unit_number": "350102000001GB00001F00010001", "buyers": buyers[:1]}]})
    session.edit_pages("sale_contract", [])  # the paper contract's pages taken out
    biz = session.business
    assert "materials.sale_contract" in {m.path for m in missing(session.snapshot(), biz, session.catalog)}
    outcome = session.query_registry(client, "contract_filing", "loan_review")
    assert outcome.result["status"] == "filed" and outcome.result["homes"] == 2
    assert "已备案" in describe(outcome).render()
    assert "materials.sale_contract" not in {m.path for m in missing(session.snapshot(), biz, session.catalog)}
    srv.state.db.conn.execute("PRAGMA wal_checkpoint(FULL)")  # the registry keeps the filing sealed
    kept = b"".join(p.read_bytes() for p in srv.state.cfg.data_dir.glob("server.db*"))
    assert case.get("property.unit_number").encode() not in kept and buyers[0].encode() not in kept
    # another contract number in the case: the filing no longer stands for it
    session.set_value("transfer.sale_contract_number", "CHANGED-9")
    assert "materials.sale_contract" in {m.path for m in missing(session.snapshot(), biz, session.catalog)}


def test_an_unfiled_contract_keeps_the_paper(ready, srv):
    session, client = ready()
    outcome = session.query_registry(client, "contract_filing", "mortgage_registration", contract_number="NOPE-1")
    assert outcome.result["status"] == "not_found"
    assert "未查询到" in describe(outcome).render()


def test_the_registry_refuses_principals_who_are_not_the_owners_on_record(ready, wired, fake, store, srv):
    import sync_helpers
    from flow_helpers import complete, sign_letter
    from shared.workflow.auth import Authenticator
    first, service = wired("mortgage_first_general")
    complete(first, fake)
    first.submit()
    sync_helpers.drain(service)  # registered: the registry now knows the owner of this unit
    unit = first.snapshot().get("property.unit_number")
    officer = Authenticator(store).login("S1001", "Officer2026").session  # the operator list arrived
    session, client = ready("mortgage_first_general", operator=officer)
    session.edit({**session.snapshot().data, "property.unit_number": unit})  # someone else's property
    sign_letter(session)
    with pytest.raises(QueryRefused) as err:
        session.query_registry(client, "registry", "loan_review")
    assert "登记机构拒绝查询" in err.value.msg.render() and "权利人" in err.value.msg.render()
    assert [r["outcome"] for r in _server_rows(srv, session.case_id)] == ["refused:not_owner"]
    assert any(r[3] == "registry_query_refused" and "server:not_owner" in r[5]
               for r in store.audit_rows(session.case_id))
    owner = next(p for p in first.snapshot().parties if p.role == "mortgagor")
    session.edit(parties=[p for p in session.snapshot().parties if p.role != "mortgagor"] + [owner])
    sign_letter(session)  # the owner on record authorizes: answered
    outcome = session.query_registry(client, "registry", "loan_review")
    assert outcome.result["restrictions"] and _server_rows(srv, session.case_id)[-1]["outcome"] == "answered"


def test_the_request_and_answer_follow_the_protocol(ready, store):
    import json

    import jsonschema

    from shared.sync import enrollment
    from shared.sync.client import SPEC, SyncClient
    spec = json.loads(SPEC.read_text("utf-8"))
    seen = []
    session, _ = ready()
    client = SyncClient(enrollment.require(store), on_exchange=lambda *a: seen.append(a))
    try:
        session.query_registry(client, "contract_filing", "post_loan")
    finally:
        client.close()
    method, path, req, status, resp, _ = next(e for e in seen if e[1] == "/v1/registry-query")
    for name, value in (("RegistryQuery", req), ("RegistryQueryAnswer", resp)):
        jsonschema.Draft202012Validator({**spec["components"]["schemas"][name],
                                         "components": spec["components"]}).validate(value)
    assert status == 200 and "post" in spec["paths"]["/v1/registry-query"]
    assert not any(p.id_number in json.dumps(req, ensure_ascii=False) for p in session.snapshot().parties
                   if p.kind == "person")  # the owners' ID numbers travel as digests only

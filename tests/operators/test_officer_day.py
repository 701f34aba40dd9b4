"""An officer's whole day against the reference server: the operator list arrives with the
first sync; login; two cases, one with a manual face decision that a different supervisor
approves; submit; the registry's answers in the outcomes inbox; a progress query by name, ID
number and business number; the supervisor's signed audit export; logout."""

from __future__ import annotations


import pytest
from sync_helpers import counter_ready, drain, fast_service, make_case

from shared.domain.catalog import default_catalog
from shared.domain.operators import Permission, PermissionDenied
from shared.domain.states import CaseState
from shared.errors import ValidationError
from shared.sync import enrollment
from shared.sync.audit_export import AuditFilter, export, verify_export
from shared.sync.outbox import Outbox
from shared.sync.stats import outcomes_since
from shared.workflow.auth import Authenticator, approval_policy
from shared.workflow.session import CaseSession


def test_an_officers_day(store, srv, fake, settings, tmp_path):
    catalog = default_catalog()
    ident = enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
    outbox = Outbox(store, settings, catalog=catalog, approval=approval_policy(store))
    svc = fast_service(store, settings, outbox=outbox)
    svc.run_once(force=True)  # the first sync brings the operator list
    auth = Authenticator(store, settings)
    assert auth.enrolled() == 4

    # morning: login
    officer = auth.login("S1001", "Officer2026").session
    assert officer.label == "王芳（S1001）" and not officer.can(Permission.REVEAL)

    def session(case_id):
        return CaseSession.open(store, catalog, case_id, operator=auth.actor, outbox=lambda: outbox,
                                approval=outbox.approval)

    # case 1: the server's comparison passed
    first = make_case(store, fake)
    # case 2: nothing could compare; the officer decides by hand, a supervisor approves
    second = counter_ready(store, make_case(store, fake, ready=False), decision="pending")
    s2 = session(second.id)
    for step in [s for s in s2.steps() if s.kind == "identity" and not s.done]:
        s2.decide_face(step.party_id, True, "证件照与本人相符（人工核对）")
    with pytest.raises(ValidationError) as err:
        s2.submit()
    assert "approval" in err.value.errors
    s2.request_approval()
    with pytest.raises(PermissionDenied):
        auth.confirm("S1001", "Officer2026", Permission.APPROVE)  # an officer cannot approve
    supervisor = auth.confirm("S1002", "Super2026x", Permission.APPROVE)
    s2.approve("approved", "人工核对理由充分，材料一致", approver=supervisor)
    assert auth.current == officer  # the supervisor confirmed at this counter; the officer stays

    items = [session(first.id).submit(), s2.submit()]
    drain(svc)
    for case_id in (first.id, second.id):
        assert store.get_case(case_id).state in (CaseState.ACCEPTED, CaseState.REGISTERED, CaseState.PROOF_ISSUED)

    # the packet names the submitting officer and the approving supervisor, signed with the manifest
    manifest = srv.state.db.unseal(srv.state.db.one("SELECT manifest FROM packets WHERE packet_id = ?",
                                                    (items[1].packet_id,))[0], "manifest")  # kept encrypted at rest
    assert manifest["submitted_by"] == {"staff_id": "S1001", "name": "王芳"}
    assert manifest["operator"] == "王芳（S1001）"
    approval = manifest["approvals"][0]
    assert approval["approver"]["staff_id"] == "S1002" and approval["requested_by"]["staff_id"] == "S1001"
    case_doc = srv.state.db.unseal(srv.state.db.one("SELECT case_doc FROM packets WHERE packet_id = ?",
                                           (items[1].packet_id,))[0], "case_doc")
    assert case_doc["operator"] == "王芳（S1001）"  # the interview record's 询问人

    # the outcomes inbox: both answers since this morning's login
    inbox = outcomes_since(store, officer.started_at)
    assert {i.case_id for i in inbox} == {first.id, second.id}

    # progress at the counter, answered by the server
    client = svc.client()
    person = next(p for p in store.get_case(second.id).parties if p.kind == "person")
    for query in (second.id, person.name, person.id_number):
        results = client.progress_query(query)["results"]
        assert second.id in {r["case_id"] for r in results}, query
        assert all("name" not in r and "id_number" not in r for r in results)

    # the manager's figures: both accepted, a measured time from submission to acceptance
    import datetime as _dt
    from shared.sync.stats import collect
    today = _dt.datetime.now(_dt.timezone.utc).date()
    stats = collect(store, today.isoformat(), (today + _dt.timedelta(days=1)).isoformat())
    assert stats.submitted == 2 and stats.rate("accepted") == 1.0 and stats.avg_hours_to_accept is not None
    assert stats.by_operator["王芳（S1001）"] == 2

    # evening: the supervisor exports the day's audit log, signed by this device
    with pytest.raises(PermissionDenied):
        export(store, tmp_path / "day.csv", AuditFilter(), officer)
    export(store, tmp_path / "day.csv", AuditFilter(since=officer.started_at[:10]), supervisor)
    assert verify_export(tmp_path / "day.csv", ident.device_public_b64) == []
    text = (tmp_path / "day.csv").read_text("utf-8")
    assert "王芳（S1001）" in text and "李强（S1002）" in text
    auth.logout()
    assert auth.current is None
    assert [r[3] for r in store.audit_rows()][-1] == "logout"
    assert store.verify_audit().ok

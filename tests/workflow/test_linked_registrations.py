"""Linked registrations (一并申请、一并受理): transfer + mortgage, refinance, advance notice +
mortgage advance notice, each one case walked through CaseSession, submitted to the reference
server and answered per registration; one refused refuses them all."""

from __future__ import annotations

import pytest
from flow_helpers import complete

from shared.domain.registrations import registration_outcomes, registrations_of
from shared.domain.states import CaseState

import sync_helpers

LINKED = {"transfer_mortgage": ["transfer", "mortgage_first"],
          "refinance": ["mortgage_cancel", "mortgage_first"],
          "advance_notice_mortgage": ["advance_notice", "mortgage_advance_notice"]}


def _submit(session, fake):
    complete(session, fake)
    return session.submit()


@pytest.mark.parametrize("business", sorted(LINKED))
def test_linked_business_is_one_case_with_an_outcome_per_registration(wired, fake, store, business):
    session, service = wired(business)
    assert [r.code for r in registrations_of(session.snapshot(), session.business)] == LINKED[business]
    _submit(session, fake)
    sync_helpers.drain(service)
    case = store.get_case(session.case_id)
    assert case.state == CaseState.PROOF_ISSUED, case.outcome
    outcomes = case.outcome["registrations"]
    assert [o["code"] for o in outcomes] == LINKED[business]
    assert all(o["state"] == "proof_issued" for o in outcomes)
    for key in ("receipt_number", "register_number"):  # each its own number
        numbers = [o[key] for o in outcomes]
        assert all(numbers) and len(set(numbers)) == len(numbers), (key, numbers)
    proved = [o for o in outcomes if o["registration_type"] != "400"]  # a cancellation has no proof
    assert all(o.get("proof_number") for o in proved) and len({o["proof_number"] for o in proved}) == len(proved)
    assert all(not o.get("proof_number") for o in outcomes if o["registration_type"] == "400")
    assert case.outcome["receipt_number"] == outcomes[0]["receipt_number"]
    proofs = [d for d in store.blobs.list(case.id, "outcome") if d.slot == "proof"]
    receipts = [d for d in store.blobs.list(case.id, "outcome") if d.slot == "receipt"]
    assert len(receipts) == len(outcomes) and len(proofs) == len(proved)
    assert all(store.blobs.get(d.id).startswith(b"%PDF") for d in proofs)
    seen = [o["code"] for o in registration_outcomes(case, session.business)]
    assert seen == LINKED[business]


def test_transfer_with_existing_mortgage_applies_for_three(wired, fake, store):
    session, service = wired("transfer_mortgage")
    complete(session, fake, {"transfer.with_existing_mortgage": True})
    assert len(session.snapshot().parties_in("original_mortgagee")) == 1  # who applies for the mortgage transfer
    assert [r.code for r in registrations_of(session.snapshot(), session.business)] == [
        "transfer", "mortgage_transfer", "mortgage_first"]
    session.submit()
    sync_helpers.drain(service)
    case = store.get_case(session.case_id)
    assert case.state == CaseState.PROOF_ISSUED, case.outcome
    assert [o["code"] for o in case.outcome["registrations"]] == ["transfer", "mortgage_transfer", "mortgage_first"]


@pytest.mark.parametrize("business,refused", [("refinance", "mortgage_first"), ("transfer_mortgage", "transfer")])
def test_one_registration_refused_refuses_all_together(wired, fake, store, srv, business, refused):
    session, service = wired(business)
    srv.rules(force={"{}/{}".format(session.case_id, refused): "not_accepted"})
    _submit(session, fake)
    sync_helpers.drain(service)
    case = store.get_case(session.case_id)
    assert case.state == CaseState.NOT_ACCEPTED
    outcomes = {o["code"]: o for o in case.outcome["registrations"]}
    assert set(outcomes) == set(LINKED[business])
    assert all(o["state"] == "not_accepted" for o in outcomes.values())
    assert all(not o.get("receipt_number") for o in outcomes.values())
    assert outcomes[refused]["reasons"][0]["code"] == "registration_refused"
    other = next(c for c in outcomes if c != refused)
    assert outcomes[other]["reasons"][0]["code"] == "linked_refused"
    assert outcomes[refused]["name"] in outcomes[other]["reasons"][0]["text"]
    assert not case.outcome.get("receipt_number")
    assert [d.slot for d in store.blobs.list(case.id, "outcome")] == ["not_accepted"]

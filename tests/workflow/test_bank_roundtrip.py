"""From the bank's system to an outcome back in the bank's system, for a mortgage first
registration, a refinance and a transfer + mortgage: the loan posted to the local API, the case
opened and completed as at the counter (card, face, interview, papers), submitted to the
reference server, answered per registration, and every outcome sent back by the signed webhook."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from flow_helpers import complete

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))

from api_helpers import post_case  # noqa: E402
from receiver import Receiver  # noqa: E402
from shared.integration import credentials  # noqa: E402
from shared.integration.outcomes import OutcomeNotifier, verify  # noqa: E402
from shared.integration.server import IntegrationServer  # noqa: E402
from shared.workflow.session import CaseSession  # noqa: E402

import sync_helpers  # noqa: E402

REGISTRATIONS = {"mortgage_first_general": None, "refinance": ["mortgage_cancel", "mortgage_first"],
                 "transfer_mortgage": ["transfer", "mortgage_first"]}


@pytest.mark.parametrize("business", sorted(REGISTRATIONS))
def test_each_business_goes_from_the_loan_system_to_its_outcome_back_there(business, wired, store, catalog, comparer, fake):
    _, service = wired(business)  # enrolled with the reference server; its sync service
    api = IntegrationServer(store, 0)
    api.start()
    hook = Receiver().up()
    try:
        token = credentials.new_token(store)
        reference = "LOAN-{}-1".format(business.upper())
        status, body = post_case(api.port, token, {"format": "yizhan-case-import/1", "business": business,
                                                   "loan_reference": reference})
        assert status == 201, body
        outbox = service.outbox
        session = CaseSession.open(store, catalog, body["case_id"], comparer=comparer, operator="officer-1",
                                   outbox=lambda: outbox)
        assert session.snapshot().loan_reference == reference
        complete(session, fake)  # what the counter does: data, card, face, interviews, papers
        session.submit()
        sync_helpers.drain(service)
        case = store.get_case(body["case_id"])
        assert case.state.value == "proof_issued", case.outcome
        notifier = OutcomeNotifier(store, webhook_url=hook.url)
        assert notifier.deliver_due().delivered
        sent = [json.loads(b) for _h, b in hook.got]
        assert [s["kind"] for s in sent] == ["delivered", "accepted", "registered", "proof_issued"]
        assert all(s["reference"] == reference and s["case_id"] == case.id for s in sent)
        secret = credentials.signing_secret(store)
        assert all(verify(secret, b, h["x-yizhan-signature"]) for h, b in hook.got)
        assert sent[1]["outcome"]["receipt_number"] == case.outcome["receipt_number"]
        if REGISTRATIONS[business]:  # each registration its own outcome, on the case as applied
            assert [o["code"] for o in case.outcome["registrations"]] == REGISTRATIONS[business]
    finally:
        hook.down()
        api.stop()

"""From the bank's system to an outcome back in the bank's system, against the reference
server: a draft case posted to the local API, completed at the counter (card, face, interview,
papers), submitted, answered; every outcome kept in the same transaction as it is applied, and
sent by the signed webhook; the electronic proof fetched through the API."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))

from api_helpers import loan_document, post_case, request  # noqa: E402
from receiver import Receiver  # noqa: E402
from shared.integration import credentials  # noqa: E402
from shared.integration.outcomes import OutcomeNotifier, verify  # noqa: E402
from shared.integration.server import IntegrationServer  # noqa: E402
from sync_helpers import counter_ready, drain, fast_service  # noqa: E402


def test_loan_to_outcome_back_in_the_bank_system(store, outbox, settings, srv, fake):
    api = IntegrationServer(store, 0)
    api.start()
    hook = Receiver().up()
    try:
        token = credentials.new_token(store)
        status, body = post_case(api.port, token, loan_document(fake, "LOAN-RT-1"))
        assert status == 201
        case = store.get_case(body["case_id"])
        for slot in ("identity", "property_certificate", "debt_contract"):  # captured at the counter
            info = store.blobs.add(case.id, "page", b"\xff\xd8\xff" + os.urandom(2000), "image/jpeg", slot=slot)
            case.materials.setdefault(slot, []).append(info.id)
        store.save_case(case)
        case = counter_ready(store, case)
        outbox.submit(case.id)
        drain(fast_service(store, settings, outbox=outbox))
        assert store.get_case(case.id).state.value == "proof_issued"
        notifier = OutcomeNotifier(store, webhook_url=hook.url)
        assert notifier.deliver_due().delivered
        kinds = [json.loads(b)["kind"] for _h, b in hook.got]
        assert kinds == ["delivered", "accepted", "registered", "proof_issued"]
        secret = credentials.signing_secret(store)
        assert all(verify(secret, b, h["x-yizhan-signature"]) for h, b in hook.got)
        accepted = json.loads(hook.got[1][1])
        assert accepted["reference"] == "LOAN-RT-1" and accepted["outcome"]["receipt_number"].startswith("SL")
        proof = json.loads(hook.got[3][1])["outcome"]
        assert proof["proof_number"] and proof["documents"]
        doc_id = proof["documents"][0]["id"]
        status, headers, pdf = request(api.port, "GET", "/v1/cases/{}/documents/{}".format(case.id, doc_id), token=token)
        assert status == 200 and pdf.startswith(b"%PDF") and headers["content-type"] == "application/pdf"
        answer = json.loads(request(api.port, "GET", "/v1/cases/" + case.id, token=token)[2])
        assert answer["state"] == "proof_issued" and answer["outcome"]["proof_number"] == proof["proof_number"]
        assert notifier.deliver_due().delivered == [] and len(hook.got) == 4
    finally:
        hook.down()
        api.stop()

"""The status puller: the registry's answers, by cursor, brought onto the cases.

Each event is applied in one transaction together with the new cursor, so an event is
never applied twice nor skipped, whatever breaks in between. Outcome documents (receipt,
notices, electronic proof) are downloaded first, checked against their SHA-256 and stored as
blobs of kind ``outcome``. A correction request reopens the case as revision r+1 in draft,
with the complete list in ``case.corrections``.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any, Callable

from shared.domain.case import now_iso
from shared.domain.states import TRANSITIONS, CaseState
from shared.errors import SyncError
from shared.i18n import Msg
from shared.store import StoreTx
from shared.sync import state
from shared.sync.client import garbage
from shared.sync.outbox import ACTIVE, FINAL_ITEM, Outbox

log = logging.getLogger(__name__)
CURSOR = "status_cursor"
OUTCOME_STATES = {"accepted": CaseState.ACCEPTED, "not_accepted": CaseState.NOT_ACCEPTED,
                  "correction_requested": CaseState.CORRECTION_REQUESTED, "registered": CaseState.REGISTERED,
                  "proof_issued": CaseState.PROOF_ISSUED, "delivered": CaseState.DELIVERED}
OUTCOME_KEYS = ("receipt_number", "reasons", "corrections", "register_number", "proof_number", "registry", "receiver",
                "registrations")  # registrations: each linked registration's own outcome
# How far one event may move the cursor: a server's sequence grows by its events, never by
# this much at once; a seq beyond it would hide every later answer (garbage, not applied).
MAX_SEQ_STEP = 10 ** 12
# The outcome documents of one event are held together until its transaction (at most
# Event.documents' maxItems of them, each at most DocumentRef.size's maximum); their declared
# sizes may add up to EVENT_BYTES (beyond: garbage, nothing downloaded), and one pass fetches
# at most PASS_BYTES before it leaves the rest to the next pass.
EVENT_BYTES = 96 << 20
PASS_BYTES = 256 << 20


@dataclass
class OutcomeEvent:
    """An answer applied to a case (for the UI: a toast, a refresh)."""

    packet_id: str
    case_id: str
    kind: str
    detail: dict[str, Any]


class StatusPuller:
    """Pulls ``/v1/status`` from the saved cursor and applies each event."""

    def __init__(self, outbox: Outbox, client, on_outcome: Callable[[OutcomeEvent], None] | None = None) -> None:
        self.outbox = outbox
        self.store = outbox.store
        self.client = client
        self.on_outcome = on_outcome

    def pull_once(self, max_pages: int = 20) -> list[OutcomeEvent]:
        applied: list[OutcomeEvent] = []
        fetched = 0
        for _ in range(max_pages):
            cursor = int(state.read(self.store, CURSOR, 0))
            page = self.client.status(cursor)
            events = page.get("events") or []
            for ev in events:
                if int(ev["seq"]) > cursor + MAX_SEQ_STEP:
                    raise garbage(200, "Event seq out of range")
                refs = ev.get("documents") or []
                declared = sum(int(d["size"]) for d in refs)
                if declared > EVENT_BYTES:
                    raise garbage(200, "Event documents too large")
                if fetched and fetched + declared > PASS_BYTES:
                    log.info("status: %d bytes of documents this pass, the rest next pass", fetched)
                    return applied
                docs = []
                for d in refs:  # one by one, each read no further than its declared size
                    docs.append((d, self._download(d)))
                    fetched += len(docs[-1][1])
                out = self.store.transaction(lambda tx, ev=ev, docs=docs: self._apply(tx, ev, docs))
                if out:
                    applied.append(out)
                    if self.on_outcome:
                        self.on_outcome(out)
            if not events:
                break
        return applied

    def _download(self, doc: dict) -> bytes:
        data = self.client.document(doc["doc_id"], int(doc["size"]))
        if hashlib.sha256(data).hexdigest() != doc.get("sha256"):
            raise SyncError(Msg("sync.doc_hash", "下载的文书“{name}”校验失败，稍后重试", {"name": doc.get("name", "")}))
        return data

    def _apply(self, tx: StoreTx, ev: dict, docs: list) -> OutcomeEvent | None:
        seq, pid, kind = int(ev["seq"]), str(ev["packet_id"]), str(ev["kind"])
        if seq <= int(tx.sync_state.get(CURSOR, 0)):
            return None  # already applied (another puller got there first)
        tx.sync_state.put(CURSOR, seq)
        item = tx.outbox.get(pid)
        if item is None:
            log.warning("status event for unknown packet %s", pid)
            return None
        item_state, case_id, revision = item.state, item.case_id, item.revision
        detail = {k: ev[k] for k in OUTCOME_KEYS if k in ev}
        outcome = {**item.outcome, **detail, "state": kind, "at": ev.get("at")}
        blob_ids = outcome.get("documents", [])
        new_docs: list[dict] = []
        for meta, data in docs:
            info = tx.add_blob(case_id, "outcome", data, meta.get("mime", "application/pdf"),
                               slot=meta.get("kind", ""), meta={"doc_id": meta["doc_id"], "packet_id": pid,
                                                                "name": meta.get("name", "")})
            blob_ids.append(info.id)
            new_docs.append({"id": info.id, "kind": meta.get("kind", ""), "name": meta.get("name", ""),
                             "mime": meta.get("mime", "application/pdf")})
        outcome["documents"] = blob_ids
        new_item = "committed" if kind == "delivered" else kind
        if kind == "delivered" and item_state not in ACTIVE:
            new_item = item_state
        final_at = now_iso() if kind in FINAL_ITEM else None
        tx.outbox.set_answer(pid, new_item, outcome, final_at, now_iso())
        self._apply_case(tx, case_id, revision, kind, outcome, ev)
        # The bank's system hears of it (when the case came from it), kept in this transaction.
        tx.integration.note_outcome("{}.{}".format(pid, seq), case_id, kind,
                                    {**detail, "state": kind, "at": ev.get("at"), "revision": revision,
                                     "documents": new_docs})
        tx.audit("outcome_" + kind, case_id, "packet={} seq={}".format(pid, seq))
        return OutcomeEvent(pid, case_id, kind, outcome)

    def _apply_case(self, tx: StoreTx, case_id: str, revision: int, kind: str, outcome: dict, ev: dict) -> None:
        case = tx.find_case(case_id)
        if case is None:
            return
        target = OUTCOME_STATES.get(kind)
        if case.revision != revision or target is None or target not in TRANSITIONS[case.state]:
            return  # an answer about an older revision, or one already applied
        case.state = target
        case.outcome = {k: v for k, v in outcome.items()}
        if kind == "correction_requested":
            # Once and completely: the whole list comes with the answer; the case reopens.
            tx.write_case(case, "correction_requested")
            case.corrections = list(ev.get("corrections") or [])
            case.revision += 1
            case.state = CaseState.DRAFT
            tx.write_case(case, "reopen_revision")
            return
        tx.write_case(case, "outcome_" + kind)

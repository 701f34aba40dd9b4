"""The documents a case generates for its checklist: render, keep in the store, notice staleness.

The application form, the interview record and the authorization letter (those the business
prints) fill the checklist slots whose source is ``generated``. :func:`generate` renders them
all first (a missing field refuses before anything is touched), then, in one store transaction,
replaces the previous version of each (kind ``document``, slot ``application`` /
``interview_record`` / ``authorization``), records the blob ids in ``case.materials`` and saves
the case. Each blob's meta keeps :func:`source_hash` of what it was made from, so a later form
edit shows in :func:`stale_kinds`. PDFs live only in the encrypted store, never as files.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from shared.domain.case import Case, now_iso
from shared.domain.signature import content_sha256

if TYPE_CHECKING:
    from shared.store import Store, StoreTx

DOCUMENT_SLOTS: dict[str, str] = {"application": "application", "interview": "interview_record",
                                  "authorization": "authorization"}
MIME = "application/pdf"


@dataclass
class GeneratedDocument:
    """A rendered document as stored: its kind, slot, blob id and bytes."""

    kind: str
    slot: str
    blob_id: str
    pdf: bytes
    meta: dict[str, Any]


def kinds_for(business) -> list[str]:
    """The generated kinds ``business`` prints, in print order."""
    return [k for k in DOCUMENT_SLOTS if k in business.documents]


def source_hash(case: Case) -> str:
    """SHA-256 of what the generated documents are made from: form data, parties, records, signatures."""
    return content_sha256({"case": case.id, "business": case.business_code, "data": case.data,
                           "parties": [asdict(p) for p in case.parties], "interview": case.interview,
                           "signatures": case.signatures})


def interview_place(case: Case, setting: str | None = None) -> str:
    """Where the interview took place: the case's own, the service point setting, the bank branch."""
    if case.get("interview.place"):
        return str(case.get("interview.place"))
    if setting:
        return setting
    bank = next((p for p in case.parties if p.role == "mortgagee" and p.name), None)
    return bank.name if bank else ""


def render_all(case: Case, business, place: str, sealer=None, isolate: bool = False) -> dict[str, bytes]:
    """Every generated document of the case as PDF bytes (slow: 35-200 ms each).

    The bank's documents carry its electronic seal when ``sealer`` (a
    :class:`~shared.documents.seal.TokenSealer`, logged in) is given, else the line saying
    the officer signs by hand. A seal that fails raises before anything is returned. With
    ``isolate`` the rendering runs in a short-lived child process
    (:mod:`shared.documents.isolated`: the long-running counter keeps none of its memory); the
    sealing stays here, where the key is logged in."""
    from shared.documents.isolated import _render, render_isolated
    from shared.documents.seal import SEAL_KINDS, SealPlan

    kinds = kinds_for(business)
    jobs = [(kind, (sealer.plan() if sealer is not None else SealPlan("hand")) if kind in SEAL_KINDS else None)
            for kind in kinds]
    rendered = (render_isolated if isolate else _render)(jobs, case, business, place)
    out = {}
    for kind, (pdf, plan) in zip(kinds, rendered):
        if sealer is not None and plan is not None:
            pdf = sealer.seal(pdf, plan, reason="不动产登记业务 {}".format(case.id), location=place)
        out[kind] = pdf
    return out


def _remove_old(tx: StoreTx, case: Case, slot: str) -> list[str]:
    old = [info.id for info in tx.blobs(case.id, kind="document", slot=slot)]
    for blob_id in old:
        tx.delete_blob(blob_id, case.id)  # audited as delete_document
    return old


def generate(store: Store, case: Case, business, place: str, sealer=None,
             isolate: bool = False) -> list[GeneratedDocument]:
    """Render (and seal, with ``sealer``) and store the case's documents, replacing earlier
    versions; updates and saves ``case``. A failure stores nothing: earlier versions stay.
    ``isolate``: render in a child process (see :func:`render_all`)."""
    from shared.documents.seal import SEAL_KINDS

    def editable(tx: StoreTx) -> None:
        """What was submitted stays as it went: its documents are not made again."""
        from shared.domain.states import can_edit
        from shared.errors import DocumentError
        from shared.i18n import Msg
        stored = tx.case(case.id) if tx.has_case(case.id) else None
        if stored is not None and not can_edit(stored.state):
            raise DocumentError(Msg("documents.not_editable", "案件已提交或正在复核（状态：{state}），文书不能再生成",
                                    {"state": stored.state.label}))
    store.read(editable)  # before the slow render; again in the transaction below
    pdfs = render_all(case, business, place, sealer, isolate)
    seal = {"sealed": True, "sealed_by": sealer.organisation} if sealer is not None else {"sealed": False}
    digest, at = source_hash(case), now_iso()

    def work(tx: StoreTx) -> list[GeneratedDocument]:
        editable(tx)
        if not tx.has_case(case.id):
            tx.write_case(case)
        out = []
        for kind, pdf in pdfs.items():
            slot = DOCUMENT_SLOTS[kind]
            old = _remove_old(tx, case, slot)
            meta = {"document": kind, "source_sha256": digest, "generated_at": at, "place": place}
            if kind in SEAL_KINDS:
                meta.update(seal)
            info = tx.add_blob(case.id, "document", pdf, MIME, slot, meta)
            kept = [b for b in case.materials.get(slot, []) if b not in old]
            case.materials[slot] = [info.id] + kept
            out.append(GeneratedDocument(kind, slot, info.id, pdf, meta))
        if sealer is not None:
            tx.audit("documents_sealed", case.id, "kinds={} by={}".format(
                ",".join(k for k in pdfs if k in SEAL_KINDS), sealer.organisation[:80]))
        tx.write_case(case)
        return out
    return store.transaction(work)


def stored_documents(store: Store, case: Case) -> dict[str, Any]:
    """The stored generated documents of ``case`` by kind (their :class:`BlobInfo`)."""
    slots = {slot: kind for kind, slot in DOCUMENT_SLOTS.items()}
    return {slots[i.slot]: i for i in store.blobs.list(case.id, kind="document") if i.slot in slots}


def stale_kinds(infos: dict[str, Any], case: Case) -> list[str]:
    """The kinds among ``infos`` made from something other than the case as it is now."""
    digest = source_hash(case)
    return [kind for kind, info in infos.items() if info.meta.get("source_sha256") != digest]

"""What the integration API does with a case: create a draft from an import document (once
per loan reference), tell its status and outcome (masked), hand over an outcome document.

The API acts as the **integration actor**: an :class:`OperatorSession` with the role
``integration`` (permission ``edit_cases`` only), named by the setting ``integration.actor``;
the audit rows of what it does name it. It sees only the cases it created.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from shared.domain.importer import ImportResult, parse_import_bytes
from shared.domain.operators import OperatorSession, Permission, permissions_of
from shared.errors import ValidationError, YizhanError
from shared.i18n import Msg
from shared.security.masking import display_party
from shared.store.operators import require

ACTOR_ID = "integration"


class NotFound(YizhanError):
    """No case of the bank's system by that id (or that document)."""

    default_code = "not_found"


class Conflict(YizhanError):
    """The loan reference already made a case from a different document."""

    default_code = "conflict"

    def __init__(self, msg: Msg, case_id: str) -> None:
        super().__init__(msg)
        self.case_id = case_id


def integration_actor(name: str = "银行信贷系统", service_point: str = "") -> OperatorSession:
    """The session the API acts as (role ``integration``); ``service_point``: the bank desk it
    serves (setting ``integration.service_point``), whose bank fills and locks the mortgagee."""
    return OperatorSession(ACTOR_ID, str(name or "银行信贷系统")[:40], ("integration",),
                           permissions_of(("integration",)), service_point=str(service_point or "")[:64], device=True)


@dataclass(frozen=True)
class Created:
    """The answer to a create: the case id and whether this request made it."""

    case_id: str
    created: bool
    reference: str


def create_case(store, body: bytes, actor: OperatorSession, catalog=None) -> Created:
    """A draft case from an import document (bytes, bounded by the importer), once per loan:
    a second post of the same reference and document gives the same case (``created`` False);
    the same reference with another document is a :class:`Conflict`."""
    require(store, actor, Permission.EDIT_CASES, "api_import")
    result: ImportResult = parse_import_bytes(body, None, catalog)
    if not result.reference:
        raise ValidationError(Msg("api.reference", "通过接口导入须给出贷款编号 loan_reference"),
                              {"$.loan_reference": Msg("api.reference_missing", "缺少 loan_reference")})
    digest = hashlib.sha256(body).hexdigest()
    case = result.case
    # at a bank's desk the mortgagee is the desk's bank, filled and locked, as at the counter
    # (a loan naming another bank is refused); the same code the counter's import runs
    from shared.domain.catalog import default_catalog
    from shared.workflow.bank_desk import bank_import
    bank_import(store, catalog or default_catalog(), case, actor)
    case.operator = actor.label

    def work(tx) -> Created:
        known = tx.integration.find_ref(result.reference)
        if known is not None:
            case_id, known_digest = known
            if known_digest != digest:
                raise Conflict(Msg("api.conflict", "贷款编号 {ref} 已用另一份数据建过案件 {id}；如需更正请在柜台修改",
                                   {"ref": result.reference, "id": case_id}), case_id)
            return Created(case_id, False, result.reference)
        tx.write_case(case, "import", operator=actor.label)
        tx.integration.add_ref(result.reference, case.id, digest)
        return Created(case.id, True, result.reference)
    return store.transaction(work)


def _own_case(tx, case_id: str):
    reference = tx.integration.reference_of(case_id)
    case = tx.find_case(case_id) if reference is not None else None
    if case is None:
        raise NotFound(Msg("api.no_case", "没有由银行系统创建的案件 {id}", {"id": case_id[:40]}))
    return case, reference


def case_status(store, case_id: str) -> dict[str, Any]:
    """A case's state and outcome as the bank's system reads it: persons masked, organisations
    (the bank itself) in full; outcome documents listed by id."""
    def work(tx):
        case, reference = _own_case(tx, case_id)
        docs = [{"id": info.id, "kind": info.slot, "name": info.meta.get("name", ""), "mime": info.mime}
                for info in _outcome_blobs(tx, case.id)]
        return case, reference, docs
    case, reference, docs = store.read(work)
    outcome = {k: v for k, v in (case.outcome or {}).items() if k != "documents"}
    if case.outcome is not None:
        outcome["documents"] = docs
    parties = []
    for p in case.parties:
        name, number, _phone = display_party(p)
        parties.append({"role": p.role, "kind": p.kind, "name": name, "id_number": number})
    return {"case_id": case.id, "reference": reference, "business": case.business_code, "state": case.state.value,
            "revision": case.revision, "created_at": case.created_at, "updated_at": case.updated_at,
            "parties": parties, "corrections": list(case.corrections), "outcome": outcome or None}


def find_by_reference(store, reference: str) -> str:
    """The case id a loan reference made (:class:`NotFound` otherwise)."""
    found = store.read(lambda tx: tx.integration.find_ref(reference[:200]))
    if found is None:
        raise NotFound(Msg("api.no_reference", "没有贷款编号为 {ref} 的案件", {"ref": reference[:64]}))
    return found[0]


def _outcome_blobs(tx, case_id: str):
    return tx.blobs(case_id, kind="outcome")


def outcome_document(store, case_id: str, doc_id: str) -> tuple[str, bytes]:
    """``(mime, bytes)`` of an outcome document (a receipt, notice or electronic proof) of a
    case the bank's system created."""
    def work(tx):
        case, _ref = _own_case(tx, case_id)
        for info in _outcome_blobs(tx, case.id):
            if info.id == doc_id:
                return info.mime, tx.blob_data(info.id)
        raise NotFound(Msg("api.no_document", "案件 {id} 没有文书 {doc}", {"id": case_id[:40], "doc": doc_id[:40]}))
    return store.read(work)

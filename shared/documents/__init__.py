"""Printed documents as PDF bytes (reportlab, loaded only when a document is rendered).

``render(kind, case, business, ...)`` dispatches to the renderers; :data:`DOCUMENT_KINDS`
names them. Every document embeds its CJK font subset, checks that every character can be
drawn, checks that nothing overflows its table cell, and prints the SHA-256 of what it was
made from in its footer with "第 1 页 共 N 页". Missing fields refuse the document with a
:class:`~shared.errors.DocumentError` listing them. Nothing is written to disk.

Every document carries the persons' full names (the application and the authorization their ID
numbers too): a front end or the ``yizhan`` command renders one for a person through
:func:`render_unmasked`, which checks who asks and audits it; the case session's own generation
(``CaseSession.generate_documents``) is checked by the session.
"""

from __future__ import annotations

from typing import Any

from shared.errors import DocumentError
from shared.i18n import N_, Msg

DOCUMENT_KINDS: dict[str, str] = {
    "application": N_("不动产登记申请书"),
    "interview": N_("询问笔录"),
    "authorization": N_("授权书"),
    "receipt": N_("受理凭证"),
    "not_accepted": N_("不予受理告知书"),
    "corrections": N_("补正材料通知书"),
    "manifest": N_("纸质材料移交清单"),
}
OUTCOME_KINDS = ("receipt", "not_accepted", "corrections")


def render(kind: str, case=None, business=None, *, outcome: dict | None = None, batch: dict | None = None,
           cases: list | None = None, place: str | None = None, report: Any = None) -> bytes:
    """Render the document ``kind`` and return its PDF bytes.

    ``outcome`` (receipt and notices) defaults to ``case.outcome``; the manifest takes ``cases``
    (a list of ``(case, business)``, default ``[(case, business)]``) and ``batch``; ``place`` is
    where the interview took place; ``report`` (a :class:`~shared.documents.layout.LayoutReport`)
    collects every table cell's frame for checking.
    """
    if kind not in DOCUMENT_KINDS:
        raise DocumentError(Msg("document.unknown_kind", "未知的文档类型“{kind}”，可选：{kinds}",
                                {"kind": kind, "kinds": "、".join(DOCUMENT_KINDS)}))
    if kind == "manifest":
        from shared.documents.manifest import render_manifest
        return render_manifest(cases if cases is not None else [(case, business)], batch, report)
    if case is None or business is None:
        raise DocumentError(Msg("document.no_case", "生成“{name}”需要案件及其业务类型", {"name": DOCUMENT_KINDS[kind]}))
    from shared.documents.seal import SEAL_KINDS, SealPlan, current_plan, planned
    if kind in SEAL_KINDS and current_plan() is None:  # printed for the officer's hand signature
        with planned(SealPlan("hand")):
            return render(kind, case, business, outcome=outcome, place=place, report=report)
    if kind == "application":
        from shared.documents.application import render_application
        return render_application(case, business, outcome, report)
    if kind == "interview":
        from shared.documents.interview_record import render_interview
        return render_interview(case, business, place, report)
    if kind == "authorization":
        from shared.documents.authorization import render_authorization
        return render_authorization(case, business, report)
    from shared.documents import outcome as _outcome
    fn = {"receipt": _outcome.render_receipt, "not_accepted": _outcome.render_not_accepted,
          "corrections": _outcome.render_corrections}[kind]
    return fn(case, business, outcome, report)


def render_unmasked(store, actor: Any, kind: str, case=None, business=None, *, for_applicant: bool = False,
                    target: str = "", **kw: Any) -> bytes:
    """:func:`render` for ``actor`` (an operator session; None: the one logged in at ``store``),
    the one way a document with names and ID numbers in full is made outside the case session.

    In a store with enrolled operators it needs a logged-in operator holding the reveal
    permission (the core's check, :func:`shared.store.operators.require`: refused and audited,
    the account read again); ``for_applicant``: the counter printing the case it has open for the
    applicant in front of it (the receipt, the notices) needs the permission to handle cases
    instead. Audited per case as ``render_unmasked`` naming the operator (``target``: where it
    goes, e.g. the file's name)."""
    from shared.domain.operators import OperatorSession, Permission, operator_label
    from shared.store.operators import require
    cases = kw.get("cases") or ([(case, business)] if case is not None else [])
    ids = [c.id for c, _b in cases]
    if actor is None:
        actor = getattr(store, "session", None)
    permission = Permission.EDIT_CASES if for_applicant else Permission.REVEAL
    require(store, actor, permission, "render_" + kind, ids[0] if len(ids) == 1 else None)
    pdf = render(kind, case, business, **kw)
    who = operator_label(actor) if isinstance(actor, OperatorSession) else ""
    detail = "kind={}".format(kind) + (" file={}".format(target[:80]) if target else "")
    store.transaction(lambda tx: [tx.audit("render_unmasked", cid, detail, operator=who or None) for cid in ids])
    return pdf

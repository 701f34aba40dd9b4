"""The life of a case, from draft to the registry's final answer.

``draft`` -> ``ready`` (complete) [-> ``awaiting_approval`` -> ``ready`` (approved by a
supervisor) | ``draft`` (returned with remarks)] -> ``submitted`` (frozen into a packet, in the outbox) ->
``delivered`` (the server committed the packet) -> one outcome: ``accepted`` (receipt) |
``not_accepted`` (reasons) | ``correction_requested`` (the case reopens as a new revision) ->
``registered`` -> ``proof_issued``.
"""

from __future__ import annotations

from enum import Enum

from shared.errors import YizhanError
from shared.i18n import Msg, N_


class CaseState(str, Enum):
    """The states of a case."""

    DRAFT = "draft"
    READY = "ready"
    AWAITING_APPROVAL = "awaiting_approval"
    SUBMITTED = "submitted"
    DELIVERED = "delivered"
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    CORRECTION_REQUESTED = "correction_requested"
    REGISTERED = "registered"
    PROOF_ISSUED = "proof_issued"

    @property
    def label(self) -> str:
        """The state's name for people (translated)."""
        from shared.i18n import translate
        return translate(STATE_LABELS[self])


STATE_LABELS = {
    CaseState.DRAFT: N_("草稿"),
    CaseState.READY: N_("待提交"),
    CaseState.AWAITING_APPROVAL: N_("待主管复核"),
    CaseState.SUBMITTED: N_("已提交，待上传"),
    CaseState.DELIVERED: N_("已送达登记机构"),
    CaseState.ACCEPTED: N_("已受理"),
    CaseState.NOT_ACCEPTED: N_("不予受理"),
    CaseState.CORRECTION_REQUESTED: N_("需补正"),
    CaseState.REGISTERED: N_("已登簿"),
    CaseState.PROOF_ISSUED: N_("已发证明"),
}

S = CaseState
TRANSITIONS: dict[CaseState, frozenset[CaseState]] = {
    S.DRAFT: frozenset({S.READY}),
    S.READY: frozenset({S.DRAFT, S.SUBMITTED, S.AWAITING_APPROVAL}),
    S.AWAITING_APPROVAL: frozenset({S.READY, S.DRAFT}),  # approved | returned with remarks
    # DRAFT (as a new revision): a supervisor cleared the packet the server refused for good
    S.SUBMITTED: frozenset({S.DELIVERED, S.ACCEPTED, S.NOT_ACCEPTED, S.CORRECTION_REQUESTED, S.DRAFT}),
    S.DELIVERED: frozenset({S.ACCEPTED, S.NOT_ACCEPTED, S.CORRECTION_REQUESTED}),
    S.ACCEPTED: frozenset({S.REGISTERED, S.PROOF_ISSUED}),
    S.REGISTERED: frozenset({S.PROOF_ISSUED}),
    S.CORRECTION_REQUESTED: frozenset({S.DRAFT}),  # as a new revision
    S.NOT_ACCEPTED: frozenset(),
    S.PROOF_ISSUED: frozenset(),
}

EDITABLE = frozenset({S.DRAFT, S.READY})
FINAL = frozenset({S.NOT_ACCEPTED, S.PROOF_ISSUED})


class StateError(YizhanError):
    """A transition the state machine does not allow."""

    default_code = "state"


def check_transition(current: CaseState, new: CaseState) -> None:
    """Raise :class:`StateError` unless ``current`` may become ``new``."""
    if new not in TRANSITIONS[current]:
        raise StateError(Msg("state.transition", "案件状态不能从“{a}”变为“{b}”",
                             {"a": current.label, "b": new.label}))


def can_edit(state: CaseState) -> bool:
    """Only drafts and ready cases may be edited."""
    return state in EDITABLE

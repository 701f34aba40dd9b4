"""The supervisor-approval policy the operator list carries (read from the store).

Which cases need a supervisor's approval (复核) before submission, beside every case with a
manual face decision (see :mod:`shared.domain.steps`): a business code in the policy's
``businesses``, or a case of a bank in its ``banks`` (credit codes: the bank of a desk's case,
or a mortgagee organisation). Every path that checks a case (the workflow's session, the
outbox's submit, whatever front end or command called it) reads the same policy from the
store: none gets to leave it out.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from shared.domain.identifiers import normalize
from shared.store.operators import POLICY_KEY


def case_banks(case) -> set[str]:
    """The credit codes of the banks of ``case``: its desk's bank and any mortgagee organisation."""
    codes = {str((getattr(case, "bank", None) or {}).get("credit_code") or "")}
    codes |= {p.id_number for p in getattr(case, "parties", []) if p.kind == "org" and p.role == "mortgagee"}
    return {normalize(c) for c in codes if c}


class ApprovalPolicy:
    """``policy(case, biz) -> bool``: whether the operator list's policy asks for approval."""

    def __init__(self, store) -> None:
        self.store = store
        self.rules: dict[str, Any] = {}

    def refresh(self) -> None:
        raw = self.store.read(lambda tx: tx.sync_state.get(POLICY_KEY, {}))
        self.rules = raw if isinstance(raw, dict) else {}

    def __call__(self, case, biz) -> bool:
        if threading.current_thread() is not getattr(self.store._db, "_thread", None):
            self.refresh()  # inside a store transaction (submit's second check) the rules just read hold
        if biz.code in (self.rules.get("businesses") or []):
            return True
        banks = {normalize(str(b)) for b in self.rules.get("banks") or [] if b}
        return bool(banks & case_banks(case))


def approval_policy(store) -> Callable[[Any, Any], bool]:
    """The approval policy of the operator list in ``store``."""
    return ApprovalPolicy(store)

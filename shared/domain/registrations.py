"""Linked registrations: two or three registrations applied for together in one case.

Transfer + mortgage, refinance (cancellation of the old mortgage + first registration of the
new), advance notice + mortgage advance notice: one case, the parties and their identity
evidence given once, and per registration its own application form section and its own
outcome. The registry accepts them together or not at all (一并申请、一并受理).

The catalog names them (``registrations`` of a business); a business without that list is one
registration, its own (every case made before linked registrations existed reads the same).
The outcome of a case keeps, beside the case-wide fields, ``registrations``: one entry per
registration with its ``code``, ``name``, ``registration_type``, ``state`` and its numbers
(``receipt_number``, ``register_number``, ``proof_number``) or ``reasons``. An outcome
without that list (an older answer) is read as the same outcome for each registration.
"""

from __future__ import annotations

from typing import Any

from shared.domain.case import Case
from shared.domain.catalog import BusinessType, RegistrationDef
from shared.domain.validation import evaluate

OUTCOME_NUMBERS = ("receipt_number", "register_number", "proof_number")
SINGLE = "main"  # the code of the one registration of a business that lists none


def own_registration(biz: BusinessType) -> RegistrationDef:
    """The business itself as its one registration."""
    return RegistrationDef(SINGLE, biz.name, biz.registration_type or "", biz.right_type or "",
                           tuple(r.role for r in biz.roles), ())


def is_linked(biz: BusinessType) -> bool:
    """Whether the business applies for more than one registration together."""
    return len(biz.registrations) > 1


def registrations_of(case: Case, biz: BusinessType) -> list[RegistrationDef]:
    """The registrations this case applies for (a conditional one only when its condition holds)."""
    if not biz.registrations:
        return [own_registration(biz)]
    return [r for r in biz.registrations if evaluate(r.when, case)]


def manifest_entries(case: Case, biz: BusinessType) -> list[dict[str, str]]:
    """What the signed packet manifest says the case applies for."""
    return [{"code": r.code, "name": r.name, "registration_type": r.registration_type, "right_type": r.right_type}
            for r in registrations_of(case, biz)]


def registration_outcomes(case: Case, biz: BusinessType, outcome: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The outcome of each registration of ``case`` (in catalog order).

    Entries the registry sent win; a registration it did not name (an answer of an older
    server, or of a single registration) gets the case-wide state, numbers and reasons."""
    outcome = outcome if outcome is not None else (case.outcome or {})
    sent = {str(e.get("code")): e for e in outcome.get("registrations") or [] if isinstance(e, dict)}
    out = []
    for reg in registrations_of(case, biz):
        entry: dict[str, Any] = {"code": reg.code, "name": reg.name, "registration_type": reg.registration_type,
                                 "right_type": reg.right_type, "state": outcome.get("state", "")}
        if reg.code in sent:
            entry.update({k: v for k, v in sent[reg.code].items() if k not in ("code",)})
        else:
            entry.update({k: outcome[k] for k in OUTCOME_NUMBERS + ("reasons",) if k in outcome})
        out.append(entry)
    return out


def role_in(reg: RegistrationDef, role: str) -> bool:
    """Whether parties of ``role`` apply for registration ``reg``."""
    return role in reg.roles


def owns_field(reg: RegistrationDef, key: str) -> bool:
    """Whether field ``key`` belongs to registration ``reg``'s own section."""
    return any(key.startswith(prefix) for prefix in reg.fields)

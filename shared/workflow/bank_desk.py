"""A bank's own desk: new and imported cases get the bank as their mortgagee (Qt-free).

Which bank a counter belongs to is master data: the server's bank profiles list each bank's
``service_points``, and the logged-in operator's service point (from the operator list) picks
the profile (:func:`desk_profile`). Every new case of a business with a mortgagee made there
gets the bank filled and locked (:func:`shared.domain.bank_profile.apply_profile`); an import
too, unless it names another bank, which is refused. The counter, the CLI and the bank's
endpoint call these, so the rule is the same on every path.
"""

from __future__ import annotations

from typing import Any

from shared.domain.bank_profile import BankProfile, apply_profile, for_service_point
from shared.domain.case import Case
from shared.domain.catalog import Catalog
from shared.domain.identifiers import normalize
from shared.domain.operators import OperatorSession, operator_label
from shared.errors import ValidationError
from shared.i18n import Msg


def desk_profile(store, actor: Any) -> BankProfile | None:
    """The bank whose desk the logged-in operator works at (None: not a bank's desk, or no
    master data yet). Blocking: reads the store."""
    if not isinstance(actor, OperatorSession) or not actor.service_point:
        return None
    from shared.masterdata import current_bank_profiles
    return for_service_point(current_bank_profiles(store), actor.service_point)


def takes_mortgagee(catalog: Catalog, business_code: str) -> bool:
    """Whether the business has a mortgagee (the bank) among its roles."""
    return any(r.role == "mortgagee" for r in catalog.business(business_code).roles)


def new_case(store, catalog: Catalog, business_code: str, actor: Any, *, channel: str = "counter") -> Case:
    """A new (unsaved) case of ``business_code``; at a bank's desk with the bank filled in."""
    case = Case(business_code, catalog_version=catalog.version, channel=channel, operator=operator_label(actor))
    if takes_mortgagee(catalog, business_code):
        profile = desk_profile(store, actor)
        if profile is not None:
            apply_profile(case, profile, operator_label(actor))
    return case


def bank_import(store, catalog: Catalog, case: Case, actor: Any) -> Case:
    """An imported case at a bank's desk: the bank is this desk's, filled and locked (an import
    naming another bank as mortgagee is refused: it belongs to another desk)."""
    if not takes_mortgagee(catalog, case.business_code):
        return case
    profile = desk_profile(store, actor)
    if profile is None:
        return case
    named = [normalize(p.id_number) for p in case.parties if p.role == "mortgagee" and p.id_number]
    if any(code != profile.credit_code for code in named):
        raise ValidationError(Msg("import.other_bank", "导入数据的抵押权人不是本网点所属银行（{bank}），未导入",
                                  {"bank": profile.name}),
                              {"$.parties": Msg("import.other_bank_party", "抵押权人应为本行")})
    apply_profile(case, profile, operator_label(actor))
    return case


def current_filings(store, case: Case) -> list[dict] | None:
    """A bank desk case's filings as the master data in use now has them (a renewed filing
    unblocks the case, a withdrawn bank leaves none, which blocks it); None when the case is
    no bank desk case or nothing changed. Blocking."""
    code = (case.bank or {}).get("credit_code")
    if not code:
        return None
    from shared.domain.bank_profile import filings
    from shared.masterdata import current_bank_profiles
    profile = current_bank_profiles(store).get(code)
    new = filings(profile) if profile is not None else []
    return None if new == case.bank.get("filings") else new

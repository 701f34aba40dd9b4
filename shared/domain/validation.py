"""Validation of a case against its business type, and its completeness.

``field_errors`` checks what was entered (live, field by field); ``missing`` lists what still
stands between a case and "ready": required fields, parties, materials, interviews and
signatures. Both return messages keyed by a path a form (or a JSON import) can point at.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared.domain.case import Case, Party
from shared.domain.catalog import BusinessType, Catalog, FieldDef
from shared.domain.identifiers import VALIDATORS, parse_amount, parse_date
from shared.i18n import N_, Msg


def _term(text: str) -> Msg:
    """A catalog or UI term (a field label, a role or material name) as a message field: shown
    in the reader's language when the message is rendered."""
    return Msg("term", text)


def evaluate(cond: dict | None, case: Case) -> bool:
    """Evaluate a catalog condition against the case's form data (no condition: true); the one
    condition language of :mod:`shared.domain.conditions`."""
    from shared.domain.conditions import evaluate as evaluate_condition
    return evaluate_condition(cond, case.get)


def validate_value(fd: FieldDef, value: Any) -> Msg | None:
    """Check one entered value against its field definition (empty values are not checked)."""
    if value is None or value == "":
        return None
    if fd.type == "bool":
        return None if isinstance(value, bool) else Msg("field.bool", "“{label}”应为是或否", {"label": _term(fd.label)})
    text = str(value)
    if fd.max_length and len(text) > fd.max_length:
        return Msg("field.too_long", "“{label}”最多{n}个字", {"label": _term(fd.label), "n": fd.max_length})
    if fd.type == "choice" and fd.choices and text not in fd.choices and not fd.other_text:
        return Msg("field.choice", "“{label}”请从列表中选择", {"label": _term(fd.label)})
    if fd.validator:
        return VALIDATORS[fd.validator](text)
    return None


def _party_errors(index: int, party: Party, biz: BusinessType, catalog: Catalog) -> dict[str, Msg]:
    prefix = "parties[{}]".format(index)
    errors: dict[str, Msg] = {}
    try:
        role = biz.role(party.role)
    except KeyError:
        return {prefix + ".role": Msg("party.role", "业务“{biz}”没有“{role}”这一角色", {"biz": biz.name, "role": party.role})}
    if party.kind not in role.party_kinds:
        errors[prefix + ".kind"] = Msg("party.kind", "{role}不能是{kind}",
                                       {"role": _term(role.name), "kind": catalog.party_kinds.get(party.kind, {}).get("name", party.kind)})
    if party.id_kind not in catalog.party_kinds.get(party.kind, {}).get("id_kinds", []):
        errors[prefix + ".id_kind"] = Msg("party.id_kind", "证件种类与主体类型不符")
    validator = catalog.id_kinds.get(party.id_kind, {}).get("validator")
    if party.id_number and validator:
        msg = VALIDATORS[validator](party.id_number)
        if msg:
            errors[prefix + ".id_number"] = msg
    if party.phone:
        msg = VALIDATORS["phone"](party.phone)
        if msg:
            errors[prefix + ".phone"] = msg
    if party.agent and party.agent.id_number:
        msg = VALIDATORS["resident_id"](party.agent.id_number) if party.agent.id_kind == "1" else None
        if msg:
            errors[prefix + ".agent.id_number"] = msg
    return errors


def field_errors(case: Case, biz: BusinessType, catalog: Catalog) -> dict[str, Msg]:
    """Every rule broken by what the case holds now (not what it lacks)."""
    errors: dict[str, Msg] = {}
    for fd in biz.fields:
        msg = validate_value(fd, case.get(fd.key))
        if msg:
            errors[fd.key] = msg
    for i, party in enumerate(case.parties):
        errors.update(_party_errors(i, party, biz, catalog))
    frm, to = parse_date(str(case.get("mortgage.debt_from", ""))), parse_date(str(case.get("mortgage.debt_to", "")))
    if frm and to and to < frm and "mortgage.debt_to" not in errors:
        errors["mortgage.debt_to"] = Msg("mortgage.term", "债务履行期限的止日不能早于起日")
    amount, maximum = parse_amount(str(case.get("mortgage.amount", ""))), parse_amount(str(case.get("mortgage.max_amount", "")))
    if amount and maximum and amount > maximum and "mortgage.amount" not in errors:
        errors["mortgage.amount"] = Msg("mortgage.over_max", "已发生债权数额不能超过最高债权额")
    return errors


@dataclass(frozen=True)
class Missing:
    """One thing a case still lacks: kind is field | party | material | interview | signature."""

    kind: str
    path: str
    msg: Msg


def active_slots(case: Case, biz: BusinessType):
    """The slots that apply to the case now (conditional ones whose condition holds)."""
    return [s for s in biz.materials if s.requirement != "conditional" or evaluate(s.condition, case)]


def filing_replaces(case: Case, slot) -> bool:
    """A filed contract (网签备案) found by an authorized query stands in for the slot's paper."""
    from shared.domain.authorization import filing_replaces as replaces
    return replaces(case, slot)


def missing(case: Case, biz: BusinessType, catalog: Catalog, *, check_interview: bool = False) -> list[Missing]:
    """What stands between the case and "ready", in form order."""
    out: list[Missing] = []
    for fd in biz.fields:
        if fd.required and fd.type != "bool" and evaluate(fd.when, case) and case.get(fd.key) in (None, ""):
            out.append(Missing("field", fd.key, Msg("missing.field", "请填写“{label}”", {"label": _term(fd.label)})))
    for role in biz.roles:
        if not evaluate(role.when, case):
            continue
        count = len(case.parties_in(role.role))
        if count < role.min:
            out.append(Missing("party", "role:" + role.role, Msg("missing.party", "请添加{role}（至少{n}人）", {"role": _term(role.name), "n": role.min})))
        elif count > role.max:
            out.append(Missing("party", "role:" + role.role, Msg("party.too_many", "{role}最多{n}人", {"role": _term(role.name), "n": role.max})))
    for i, party in enumerate(case.parties):
        for attr, label in (("name", N_("名称")), ("id_number", N_("证件号码"))):
            if not getattr(party, attr):
                out.append(Missing("field", "parties[{}].{}".format(i, attr),
                                   Msg("missing.party_field", "请填写当事人的{label}", {"label": _term(label)})))
    for slot in active_slots(case, biz):
        pages = len(case.materials.get(slot.code, []))
        if slot.requirement != "optional" and "bank_profile" not in slot.sources and "generated" not in slot.sources \
                and pages < slot.min_pages and not filing_replaces(case, slot):
            out.append(Missing("material", "materials." + slot.code, Msg("missing.material", "请采集材料“{name}”", {"name": _term(slot.name)})))
        if pages > slot.max_pages:
            out.append(Missing("material", "materials." + slot.code,
                               Msg("material.too_many", "材料“{name}”最多{n}页", {"name": _term(slot.name), "n": slot.max_pages})))
    if check_interview and biz.interview:
        roles = {r.role: r for r in biz.roles}
        for i, party in enumerate(case.parties):
            role = roles.get(party.role)
            if role and role.identity_check and party.party_id not in case.signatures:
                out.append(Missing("signature", "signatures." + party.party_id,
                                   Msg("missing.signature", "当事人{n}尚未完成询问笔录签名", {"n": i + 1})))
    return out


def is_complete(case: Case, biz: BusinessType, catalog: Catalog, **kw: Any) -> bool:
    """A case is complete when nothing is missing and nothing entered is invalid."""
    return not missing(case, biz, catalog, **kw) and not field_errors(case, biz, catalog)

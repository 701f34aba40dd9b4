"""What the kiosk finds for a card holder, and how it words it (Qt-free).

- :func:`holdings`: the properties held by an ID number, from this device's store (cases of
  earlier registrations) and from the registry's extract the kiosk was given
  (``kiosk.property_extract``: a JSON file ``{"holdings": [...]}``), each with its mortgage if
  any. The applicant confirms them by the interview's questions, never types them.
- :func:`cases_of` / :func:`case_by_number`: the progress query's cases.
- :func:`stages`: a case's stages in words, from the local state and the server's answer.
- :func:`receipt_for`: the printed receipt of a submission (names masked).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from shared.domain.case import Case, Party
from shared.i18n import N_, translate
from shared.security.masking import mask_id, mask_name

PROPERTY_KEYS = ("property.unit_number", "property.certificate_number", "property.location", "property.area",
                 "property.use")


@dataclass
class Holding:
    """One property of the card holder: its fields and, where mortgaged, the mortgage's
    registration proof number and the bank (a :class:`Party`)."""

    property: dict[str, Any]
    owner_name: str = ""
    proof_number: str = ""
    mortgagee: Party | None = None
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def cases_of(store, id_number: str, limit: int = 50) -> list[Case]:
    """The stored cases where a party has exactly ``id_number`` (newest first)."""
    if not id_number:
        return []
    out = []
    for row in store.list_cases(id_number, limit=limit):
        case = store.get_case(row.id)
        if any(p.id_number == id_number for p in case.parties):
            out.append(case)
    return out


def cases_for_holder(store, id_number: str, extract: str | Path | None = None) -> list[Case]:
    """The holder's cases: those naming the ID number, and those on the holder's properties
    (a cancellation names the bank, not the owner who applied at the kiosk)."""
    out = {c.id: c for c in cases_of(store, id_number)}
    for h in holdings(store, id_number, extract):
        unit = str(h.property.get("property.unit_number", ""))
        for row in store.list_cases(unit, limit=50):
            case = store.get_case(row.id)
            if case.get("property.unit_number") == unit:
                out.setdefault(case.id, case)
    return sorted(out.values(), key=lambda c: c.updated_at, reverse=True)


def case_by_number(store, number: str, extract: str | Path | None = None) -> list[Case]:
    """The cases a number typed on the keypad names: an ID number (18 characters), the
    acceptance number's digits (``SL`` + digits) or a business number."""
    number = (number or "").strip().upper()
    if len(number) == 18:
        return cases_for_holder(store, number, extract)
    if not number:
        return []
    out = []
    for row in store.list_cases(limit=500):
        case = store.get_case(row.id)
        receipt = str((case.outcome or {}).get("receipt_number", ""))
        if case.id == number or re.sub(r"\D", "", receipt) == number or re.sub(r"\D", "", case.id) == number:
            out.append(case)
    return out


def _from_case(case: Case, id_number: str) -> Holding | None:
    prop = {k: case.get(k) for k in PROPERTY_KEYS if case.get(k) not in (None, "")}
    if "property.unit_number" not in prop:
        return None
    owner = next((p for p in case.parties if p.id_number == id_number), None)
    mortgagee = next((p for p in case.parties if p.role == "mortgagee"), None)
    proof = str((case.outcome or {}).get("proof_number", "") or "")
    return Holding(prop, owner.name if owner else "", proof if mortgagee else "",
                   Party.from_dict(asdict(mortgagee)) if mortgagee and proof else None, "store")


def holdings(store, id_number: str, extract: str | Path | None = None) -> list[Holding]:
    """The properties of ``id_number`` (by unit number, the registry's extract first)."""
    found: dict[str, Holding] = {}
    if extract and Path(extract).exists():
        doc = json.loads(Path(extract).read_text(encoding="utf-8"))
        for item in doc.get("holdings", []):
            if item.get("id_number") != id_number:
                continue
            mortgage = item.get("mortgage") or {}
            bank = mortgage.get("bank") or {}
            mortgagee = (Party("mortgagee", "org", bank.get("name", ""), "8", bank.get("credit_code", ""),
                               bank.get("phone", ""), bank.get("address", "")) if bank else None)
            h = Holding(dict(item.get("property") or {}), item.get("owner_name", ""),
                        mortgage.get("proof_number", ""), mortgagee, "extract")
            found.setdefault(str(h.property.get("property.unit_number")), h)
    for case in cases_of(store, id_number):
        h = _from_case(case, id_number)
        if h is not None:
            key = str(h.property["property.unit_number"])
            if key not in found or (h.mortgagee and not found[key].mortgagee):
                found[key] = h
    return list(found.values())


STAGE_WORDS = {
    "queued": N_("已提交，等待上传"),
    "delivered": N_("已送达登记机构"),
    "accepted": N_("已受理"),
    "not_accepted": N_("不予受理"),
    "correction_requested": N_("需要补正材料"),
    "registered": N_("已登簿"),
    "proof_issued": N_("证书（证明）已出具，可以领取"),
}


def stages(case: Case, answer: dict | None = None) -> list[str]:
    """The case's stages in words, oldest first: submitted, then what the registry did."""
    out = [translate(N_("已提交申请"))] if case.packet_id and case.state.value != "draft" else []
    kinds = [h.get("kind") for h in (answer or {}).get("history", []) if h.get("kind")]
    if not kinds:
        kinds = [{"submitted": "queued"}.get(case.state.value, case.state.value)]
    for kind in kinds:
        words = STAGE_WORDS.get(kind)
        out.append(translate(words) if words else case.state.label)
    return out


def summary_line(case: Case, business_name: str) -> str:
    """One line naming a case without personal data: business, masked applicant, number."""
    person = next((p for p in case.parties if p.kind == "person"), None) or (case.parties[0] if case.parties else None)
    who = mask_name(person.name) if person else ""
    return "{}  {}  {}".format(business_name, who, case.id)


def receipt_for(case: Case, business_name: str, *, queued: bool, place: str = "", when: str = "") -> "Any":
    """The thermal receipt of a submission: what, whose (masked), the number to query by,
    whether it is still queued (offline) and what happens next."""
    from shared.devices.printer import Receipt
    person = next((p for p in case.parties if p.kind == "person"), None)
    lines = [("c", place or translate(N_("不动产登记自助服务"))), ("-", ""),
             ("h", translate(N_("业务：")) + business_name),
             ("t", translate(N_("业务编号：")) + case.id)]
    if person:
        lines.append(("t", translate(N_("申请人：")) + mask_name(person.name)))
        lines.append(("t", translate(N_("证件号码：")) + mask_id(person.id_number)))
    unit = case.get("property.unit_number")
    if unit:
        lines.append(("t", translate(N_("不动产单元号：")) + str(unit)[:12] + "…"))
    lines.append(("t", translate(N_("提交时间：")) + (when or case.updated_at[:19].replace("T", " "))))
    lines.append(("-", ""))
    if queued:
        lines.append(("h", translate(N_("网络暂不可用：申请已保存在本机，"))))
        lines.append(("h", translate(N_("联网后自动上传，无需再来。"))))
    else:
        lines.append(("h", translate(N_("申请已送达登记机构。"))))
    lines.append(("t", translate(N_("可凭身份证或业务编号在自助机查询进度。"))))
    return Receipt(translate(N_("自助申请回执")), lines, qr=case.id, footer=translate(N_("请妥善保管本回执")))

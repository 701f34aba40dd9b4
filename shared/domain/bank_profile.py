"""The bank's centrally checked papers (银行备案材料), referenced by cases instead of re-scanned.

A mortgagee bank's business licence, financial licence and the IDs of its legal
representative and officer are checked once by the registry and given a reference number
(备案编号) with a validity. A case's ``bank_profile`` slot refers to them. Profiles are master
data from the server only (the document ``banks``, kept in the store's ``sync_state`` row
``masterdata.bank_profiles``; nothing ships with the client): ``{"format":
"yizhan-bank-profiles/1", "profiles": [...]}`` (or the bare list). A profile is matched to the
case's mortgagee by unified social credit code.

A bank's own desk: a profile lists the ``service_points`` that are the bank's counters. A case
made there (:func:`apply_profile`) gets the bank as its mortgagee, filled from the profile (name,
credit code, address, phone, legal representative; the handling officer is the logged-in
operator) and locked: :func:`locked_change` names any edit to it, which the workflow refuses.
The case keeps the referenced filings (``case.bank``: credit code, the party as filled, each
document's kind, reference and validity); they travel in the packet with the case, and
:func:`filing_blockers` says what stops submission (a filing missing or expired).
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.domain.case import Agent, Case, Party
from shared.domain.identifiers import normalize
from shared.errors import CatalogError
from shared.i18n import Msg

SYNC_KEY = "masterdata.bank_profiles"
FORMAT = "yizhan-bank-profiles/1"
DOCUMENT_KINDS = {
    "business_licence": "营业执照",
    "financial_licence": "金融许可证",
    "legal_rep_id": "法定代表人（负责人）身份证明",
    "officer_id": "经办人身份证明",
}
MISSING = Msg("bank_profile.missing", "未找到本行备案材料，请联系管理员同步主数据", {})


@dataclass(frozen=True)
class ProfileDocument:
    """One centrally checked document: its kind, registry reference number and validity."""

    kind: str
    name: str
    reference: str
    valid_from: str = ""
    valid_until: str = ""  # ISO date, or "长期" (no expiry)
    holder: str = ""       # the person, for the two ID documents (mask before showing)

    def expired(self, today: _dt.date) -> bool:
        """True when the validity has ended before ``today``."""
        try:
            return _dt.date.fromisoformat(self.valid_until) < today
        except ValueError:  # "长期" or empty: no expiry
            return False


@dataclass(frozen=True)
class BankProfile:
    """A bank (branch) and its referenced documents."""

    name: str
    credit_code: str
    documents: tuple[ProfileDocument, ...]
    registry: str = ""
    updated: str = ""
    address: str = ""
    phone: str = ""
    legal_rep: str = ""
    service_points: tuple[str, ...] = ()

    def expired(self, today: _dt.date | None = None) -> list[ProfileDocument]:
        """The documents whose validity has ended."""
        today = today or _dt.date.today()
        return [d for d in self.documents if d.expired(today)]


def _bad(source: str, text: str) -> CatalogError:
    return CatalogError(Msg("bank_profile.invalid", "银行备案主数据（{source}）有误：{text}，请联系管理员重新同步",
                            {"source": source, "text": text}))


def parse_profiles(raw: Any, source: str = "bank_profiles.json") -> dict[str, BankProfile]:
    """Profiles by normalised credit code, from the master-data JSON (object or bare list)."""
    items = raw.get("profiles") if isinstance(raw, dict) else raw
    if not isinstance(items, list):
        raise _bad(source, "缺少 profiles 列表")
    out: dict[str, BankProfile] = {}
    for i, item in enumerate(items):
        try:
            docs = tuple(ProfileDocument(
                kind=d["kind"], name=d.get("name") or DOCUMENT_KINDS.get(d["kind"], d["kind"]),
                reference=str(d["reference"]), valid_from=str(d.get("valid_from", "")),
                valid_until=str(d.get("valid_until", "")), holder=str(d.get("holder", "")))
                for d in item.get("documents", []))
            profile = BankProfile(str(item["name"]), normalize(str(item["credit_code"])), docs,
                                  str(item.get("registry", "")), str(item.get("updated", "")),
                                  str(item.get("address", "")), str(item.get("phone", "")),
                                  str(item.get("legal_rep", "")),
                                  tuple(str(sp) for sp in item.get("service_points", ())))
        except (KeyError, TypeError, AttributeError) as exc:
            raise _bad(source, "第{}项缺少{}".format(i + 1, exc)) from None
        out[profile.credit_code] = profile
    return out


def load_file(path: Path | str) -> dict[str, BankProfile]:
    """Profiles from a master-data file (no file: no profiles)."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(path.name, "不是有效的 JSON（{}）".format(exc)) from None
    return parse_profiles(raw, path.name)


def load_profiles(store=None) -> dict[str, BankProfile]:
    """The profiles the server's master data brought into the store (none yet: none). Blocking."""
    if store is None:
        return {}

    def read(tx) -> str | None:
        try:
            return tx.sync_state.raw(SYNC_KEY)
        except Exception:  # an old store without sync_state: nothing synced
            return None
    text = store.read(read)
    if text is None:
        return {}
    try:
        raw = json.loads(text)
    except ValueError:
        raise _bad("sync_state", "不是有效的 JSON") from None
    return parse_profiles(raw, "sync_state")


def mortgagee_codes(case: Case) -> list[str]:
    """The credit codes of the case's bank parties (mortgagees), normalised."""
    return [normalize(p.id_number) for p in case.parties
            if p.role == "mortgagee" and p.kind == "org" and p.id_number]


def find_profile(case: Case, profiles: dict[str, BankProfile]) -> BankProfile | None:
    """The profile of the case's mortgagee, matched by credit code (None: not found)."""
    for code in mortgagee_codes(case):
        if code in profiles:
            return profiles[code]
    return None


# -- the bank's own desk --------------------------------------------------------------------
LOCKED_ATTRS = ("kind", "name", "id_kind", "id_number", "phone", "address", "legal_rep")
REQUIRED_KINDS = tuple(DOCUMENT_KINDS)


def for_service_point(profiles: dict[str, BankProfile], service_point: str) -> BankProfile | None:
    """The bank whose counter ``service_point`` is (None: not a bank's desk)."""
    if not service_point:
        return None
    return next((p for p in profiles.values() if service_point in p.service_points), None)


def officer_name(label: str) -> str:
    """The operator's name from its label ``name（staff id）``."""
    return (label or "").split("（", 1)[0].strip()


def mortgagee_party(profile: BankProfile, officer: str, party_id: str | None = None) -> Party:
    """The bank as the case's mortgagee, filled from its profile; the handling officer
    (经办人) is the logged-in operator."""
    party = Party("mortgagee", "org", profile.name, "8", profile.credit_code, profile.phone, profile.address,
                  profile.legal_rep, agent=Agent(name=officer_name(officer), id_kind="", organisation=profile.name))
    if party_id:
        party.party_id = party_id
    return party


def filings(profile: BankProfile) -> list[dict[str, str]]:
    """The profile's referenced documents as a case keeps them (what the packet carries)."""
    return [{"kind": d.kind, "name": d.name, "reference": d.reference, "valid_from": d.valid_from,
             "valid_until": d.valid_until} for d in profile.documents]


def apply_profile(case: Case, profile: BankProfile, officer: str) -> Party:
    """Make ``profile``'s bank the case's one mortgagee (keeping the party's id when there is
    one), locked, with its filings referenced. Returns the party."""
    old = next((p for p in case.parties if p.role == "mortgagee"), None)
    party = mortgagee_party(profile, officer, old.party_id if old else None)
    case.parties = [p for p in case.parties if p.role != "mortgagee"]
    case.parties.insert(next((i + 1 for i in range(len(case.parties) - 1, -1, -1)
                              if case.parties[i].role == "mortgagor"), len(case.parties)), party)
    case.bank = {"credit_code": profile.credit_code, "name": profile.name, "party_id": party.party_id,
                 "locked": {a: getattr(party, a) for a in LOCKED_ATTRS}, "officer": party.agent.name,
                 "filings": filings(profile)}
    return party


def locked_change(case: Case, parties: list[Party]) -> Msg | None:
    """What an edit of ``case``'s parties to ``parties`` would change of the locked bank
    (None: nothing; a case not made at a bank's desk locks nothing)."""
    locked = (case.bank or {}).get("locked")
    if not locked:
        return None
    mortgagees = [p for p in parties if p.role == "mortgagee"]
    if len(mortgagees) != 1 or mortgagees[0].party_id != case.bank.get("party_id"):
        return LOCKED
    party = mortgagees[0]
    if any(str(getattr(party, a)) != str(locked.get(a, "")) for a in LOCKED_ATTRS):
        return LOCKED
    agent = party.agent.name if party.agent else ""
    if agent != case.bank.get("officer", ""):
        return LOCKED
    return None


LOCKED = Msg("bank_profile.locked", "抵押权人由本行主数据填写并锁定，不能修改；信息有误请联系管理员更新主数据", {})


def filing_blockers(case: Case, today: _dt.date | None = None) -> list[Msg]:
    """What stops submission of a case made at a bank's desk: a filing missing (no reference
    for one of the bank's common materials) or expired. Other cases: nothing."""
    bank = case.bank or {}
    if not bank.get("credit_code"):
        return []
    today = today or _dt.date.today()
    given = {f.get("kind"): f for f in bank.get("filings") or [] if isinstance(f, dict)}
    out = []
    for kind in REQUIRED_KINDS:
        f = given.get(kind)
        if not f or not str(f.get("reference") or "").strip():
            out.append(Msg("bank_profile.filing_missing", "缺少“{name}”的备案编号，请联系管理员在主数据中备案",
                           {"name": DOCUMENT_KINDS[kind]}))
            continue
        doc = ProfileDocument(kind, str(f.get("name") or ""), str(f["reference"]),
                              valid_until=str(f.get("valid_until") or ""))
        if doc.expired(today):
            out.append(Msg("bank_profile.filing_expired", "“{name}”备案（编号 {ref}）已于 {until} 过期，请联系管理员更新备案",
                           {"name": doc.name or DOCUMENT_KINDS[kind], "ref": doc.reference, "until": doc.valid_until}))
    return out

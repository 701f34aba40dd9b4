"""The bank's centrally checked papers (银行备案材料), referenced by cases instead of re-scanned.

A mortgagee bank's business licence, financial licence and the IDs of its legal
representative and officer are checked once by the registry and given a reference number
(备案编号) with a validity. A case's ``bank_profile`` slot refers to them. Profiles are master
data: the sync area may write them into the store (``sync_state`` row
``masterdata.bank_profiles``); until it has, the file ``resources/masterdata/bank_profiles.json``
is used. Both hold ``{"format": "yizhan-bank-profiles/1", "profiles": [...]}`` (or the bare
list). A profile is matched to the case's mortgagee by unified social credit code.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared import platform
from shared.domain.case import Case
from shared.domain.identifiers import normalize
from shared.errors import CatalogError
from shared.i18n import Msg

PROFILES_FILE = platform.resource("masterdata", "bank_profiles.json")
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
                                  str(item.get("registry", "")), str(item.get("updated", "")))
        except (KeyError, TypeError, AttributeError) as exc:
            raise _bad(source, "第{}项缺少{}".format(i + 1, exc)) from None
        out[profile.credit_code] = profile
    return out


def load_file(path: Path | str = PROFILES_FILE) -> dict[str, BankProfile]:
    """Profiles from a master-data file (no file: no profiles)."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(path.name, "不是有效的 JSON（{}）".format(exc)) from None
    return parse_profiles(raw, path.name)


def load_profiles(store=None, path: Path | str = PROFILES_FILE) -> dict[str, BankProfile]:
    """The synced profiles in the store when there are any, else the file's. Blocking."""
    if store is not None:
        def read(tx) -> str | None:
            try:
                return tx.sync_state.raw(SYNC_KEY)
            except Exception:  # an old store without sync_state: fall back to the file
                return None
        text = store.read(read)
        if text is not None:
            try:
                raw = json.loads(text)
            except ValueError:
                raise _bad("sync_state", "不是有效的 JSON") from None
            return parse_profiles(raw, "sync_state")
    return load_file(path)


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

"""The application case: parties, property, mortgage terms and everything gathered for them.

A case belongs to one business type of the catalog. Form data live in ``data`` under the
dotted keys the catalog defines (``property.unit_number``, ``mortgage.amount``...), so a newer
catalog can add fields without a schema change; parties are typed because every business has
them and they carry the personal data.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from shared.domain.states import CaseState

_B32 = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_case_id(today: _dt.date | None = None) -> str:
    """A business number: ``YZ`` + date + 6 random characters (``YZ20261122K7M2QX``)."""
    return "YZ{:%Y%m%d}{}".format(today or _dt.date.today(), "".join(secrets.choice(_B32) for _ in range(6)))


def now_iso() -> str:
    """The current time, UTC, ISO 8601 with seconds."""
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass
class Agent:
    """Someone acting for a party (代理人)."""

    name: str = ""
    id_kind: str = "1"
    id_number: str = ""
    phone: str = ""
    organisation: str = ""


@dataclass
class Party:
    """A party of the case in one role: a person or an organisation."""

    role: str
    kind: str = "person"  # person | org
    name: str = ""
    id_kind: str = "1"  # catalog id_kinds: 1 resident ID, 8 credit code...
    id_number: str = ""
    phone: str = ""
    address: str = ""
    legal_rep: str = ""
    share: str = ""  # co-ownership share, e.g. "50%"
    agent: Agent | None = None
    party_id: str = field(default_factory=lambda: secrets.token_hex(6))

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Party":
        """A party from its stored data; keys it does not know are dropped."""
        raw = dict(raw)
        agent = raw.pop("agent", None)
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return cls(**known, agent=Agent(**agent) if agent else None)


@dataclass
class Case:
    """One application case of one business type, at one revision."""

    business_code: str
    id: str = field(default_factory=new_case_id)
    revision: int = 1
    state: CaseState = CaseState.DRAFT
    catalog_version: str = ""
    parties: list[Party] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    materials: dict[str, list[str]] = field(default_factory=dict)  # slot code -> page ids
    interview: dict[str, Any] = field(default_factory=dict)
    signatures: dict[str, Any] = field(default_factory=dict)
    identity_checks: list[dict[str, Any]] = field(default_factory=list)
    outcome: dict[str, Any] | None = None
    corrections: list[dict[str, Any]] = field(default_factory=list)
    # Made at a bank's own desk: the bank as filled and locked, and its referenced filings
    # (shared.domain.bank_profile.apply_profile); empty elsewhere.
    bank: dict[str, Any] = field(default_factory=dict)
    loan_reference: str = ""  # the loan's number in the bank's system (an import's; idempotency)
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)
    operator: str = ""
    channel: str = "counter"  # where the case was made: counter | kiosk | import (its steps)
    approvals: list[dict[str, Any]] = field(default_factory=list)
    # registry queries made under the owner's authorization: kind, purpose, time, the result's
    # facts and the certificate's blob id (shared.workflow.registry_query)
    queries: list[dict[str, Any]] = field(default_factory=list)
    # A secret of the case (never printed): it makes each revision's packet id unguessable, so
    # no one who knows the business number can take the id first (a case stored before it
    # gets one when it is next written; its queued packets keep the ids in their rows). A
    # new salt gives a revision a fresh packet id (Outbox.retry with a rebuild).
    packet_salt: str = field(default_factory=lambda: secrets.token_hex(8))

    @property
    def packet_id(self) -> str:
        """The id of this revision's packet: case id + revision + a tag only this case knows."""
        if not self.packet_salt:
            return "{}-r{}".format(self.id, self.revision)
        tag = hashlib.sha256("{}:{}".format(self.packet_salt, self.revision).encode("ascii")).hexdigest()[:12]
        return "{}-r{}-{}".format(self.id, self.revision, tag)

    def get(self, key: str, default: Any = None) -> Any:
        """A form value by its dotted key."""
        return self.data.get(key, default)

    def set(self, key: str, value: Any) -> None:
        """Set a form value by its dotted key (empty strings are removed)."""
        if value is None or value == "":
            self.data.pop(key, None)
        else:
            self.data[key] = value

    def parties_in(self, role: str) -> list[Party]:
        return [p for p in self.parties if p.role == role]

    def to_dict(self) -> dict[str, Any]:
        """The case as plain JSON-ready data (the store's form)."""
        out = asdict(self)
        out["state"] = self.state.value
        return out

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Case":
        """A case from :meth:`to_dict`'s data; keys it does not know are dropped."""
        raw = dict(raw)
        parties = [Party.from_dict(p) for p in raw.pop("parties", [])]
        state = CaseState(raw.pop("state", "draft"))
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return cls(**known, parties=parties, state=state)

"""What every renderer shares: required-field checks, labels, dates, the document hash."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable

from shared.domain.authorization import BANK_ROLES  # noqa: F401  (the bank's roles, the domain's)
from shared.domain.case import Case, Party
from shared.domain.signature import content_sha256
from shared.errors import DocumentError
from shared.i18n import Msg

REGISTRATION_TYPES = {"100": "首次登记", "200": "转移登记", "300": "变更登记", "400": "注销登记",
                      "500": "更正登记", "600": "异议登记", "700": "预告登记", "800": "查封登记", "900": "其他"}
RIGHT_TYPES = {"mortgage": "抵押权", "ownership": "国有建设用地使用权及房屋所有权"}
SIDE_NAMES = {"right_holder": "权利人", "obligor": "义务人", "applicant": "申请人"}
ID_KINDS = {"1": "居民身份证", "7": "营业执照", "8": "统一社会信用代码", "99": "其他"}
ORIGINAL_NAMES = {"original": "原件", "copy": "复印件", "none": "集中核验"}


class Requirements:
    """Collects what a document lacks, then refuses it once with the complete list."""

    def __init__(self, document: str) -> None:
        self.document = document
        self.missing: list[str] = []

    def need(self, value: Any, label: str) -> Any:
        """``value``, noting ``label`` as missing when it is empty."""
        if value is None or value == "" or value == [] or value == {}:
            if label not in self.missing:
                self.missing.append(label)
        return value

    def check(self) -> None:
        if self.missing:
            raise DocumentError(Msg("document.missing_fields", "无法生成“{document}”，缺少以下内容：{fields}。请补充后重试",
                                    {"document": self.document, "fields": "、".join(self.missing)}))


def role_name(business, role: str) -> str:
    try:
        return business.role(role).name
    except (KeyError, AttributeError):
        return role


def side_of(business, role: str) -> str:
    try:
        return business.role(role).side
    except (KeyError, AttributeError):
        return "applicant"


def id_kind_name(party: Party) -> str:
    return ID_KINDS.get(party.id_kind, party.id_kind)


def party_label(business, case: Case, party: Party) -> str:
    """"抵押人1" style label used in missing-field lists (no personal data)."""
    same = case.parties_in(party.role)
    name = role_name(business, party.role)
    return name if len(same) == 1 else "{}{}".format(name, same.index(party) + 1)


def require_parties(req: Requirements, business, case: Case, parties: Iterable[Party] | None = None) -> None:
    """Every party needs a name and an ID number."""
    parties = list(case.parties if parties is None else parties)
    if not parties:
        req.need(None, "当事人")
    for party in parties:
        label = party_label(business, case, party)
        req.need(party.name, "{}的姓名（名称）".format(label))
        req.need(party.id_number, "{}的证件号码".format(label))


def fmt_date(value: Any) -> str:
    """An ISO date or datetime as 2026年11月22日 (local date of a UTC timestamp)."""
    if not value:
        return ""
    if isinstance(value, _dt.datetime):
        when = value
    elif isinstance(value, _dt.date):
        return "{}年{}月{}日".format(value.year, value.month, value.day)
    else:
        try:
            when = _dt.datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
    if when.tzinfo is not None:
        when = when.astimezone()
    return "{}年{}月{}日".format(when.year, when.month, when.day)


def fmt_datetime(value: Any) -> str:
    """An ISO datetime as 2026年11月22日 14:05 (local time)."""
    if not value:
        return ""
    try:
        when = _dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if when.tzinfo is not None:
        when = when.astimezone()
    return "{}年{}月{}日 {:02d}:{:02d}".format(when.year, when.month, when.day, when.hour, when.minute)


def document_hash(kind: str, case: Case | None, **extra: Any) -> str:
    """SHA-256 of what a document is made from (printed in its footer)."""
    payload = {"kind": kind, "case": case.to_dict() if case is not None else None,
               "extra": {k: v for k, v in extra.items() if v is not None}}
    return content_sha256(payload)


def yes_no(value: Any) -> str:
    return "是" if value else "否"

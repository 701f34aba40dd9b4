"""Paper originals hand-over (纸质材料移交): which originals go to the registry, and when.

A case digitises its paper, but the slots whose catalog ``original`` rule is ``original``
(the signed application form, the property certificate, the mortgage contract...) still go
to the registry on paper. Cases whose originals leave together form a hand-over batch; the
batch is due ``originals_deadline_days`` (Settings, default 5) after it was created and is
tracked as ``delivered``, ``pending`` or ``overdue``. Qt-free; the store side is
:mod:`shared.store.originals`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from shared.domain.case import Case
from shared.domain.catalog import BusinessType
from shared.domain.validation import active_slots
from shared.i18n import N_, translate

DEFAULT_DEADLINE_DAYS = 5
STATES = ("delivered", "pending", "overdue")
STATE_LABELS = {"delivered": N_("已移交"), "pending": N_("待移交"), "overdue": N_("已逾期")}
ORIGINAL_LABELS = {"original": N_("原件"), "copy": N_("复印件"), "none": N_("无需纸质件")}


@dataclass(frozen=True)
class OriginalItem:
    """One paper material of a case that goes to the registry."""

    slot: str
    name: str
    count: int          # pages captured (0 for a system-generated form not captured back)
    original: str       # the catalog rule: "original" (or "copy" when copies are listed)
    generated: bool = False

    def to_dict(self) -> dict:
        return {"slot": self.slot, "name": self.name, "count": self.count, "original": self.original,
                "original_label": translate(ORIGINAL_LABELS.get(self.original, self.original)),
                "generated": self.generated}


def originals_of(case: Case, biz: BusinessType, include_copies: bool = False) -> list[OriginalItem]:
    """The paper materials of ``case`` that go to the registry, in checklist order.

    A slot counts when it applies to the case, its rule is ``original`` (or ``copy`` with
    ``include_copies``) and it has pages, or it is a form the system generates (application,
    interview record): those are printed, signed and handed over too.
    """
    rules = ("original", "copy") if include_copies else ("original",)
    out = []
    for slot in active_slots(case, biz):
        if slot.original not in rules or "bank_profile" in slot.sources:
            continue
        pages = len(case.materials.get(slot.code, []))
        generated = "generated" in slot.sources
        if pages or (generated and slot.requirement != "optional"):
            out.append(OriginalItem(slot.code, slot.name, pages, slot.original, generated and not pages))
    return out


def deadline_for(created: _dt.date, days: int | None = None) -> _dt.date:
    """The hand-over deadline of a batch created on ``created``."""
    return created + _dt.timedelta(days=DEFAULT_DEADLINE_DAYS if days is None else int(days))


def deadline_days(settings=None) -> int:
    """``originals_deadline_days`` from the settings (5 when unset or not a positive number)."""
    value = settings.get("originals_deadline_days", DEFAULT_DEADLINE_DAYS) if settings is not None \
        else DEFAULT_DEADLINE_DAYS
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_DEADLINE_DAYS
    return days if days > 0 else DEFAULT_DEADLINE_DAYS


def batch_state(deadline: _dt.date, delivered_at: str | None, today: _dt.date) -> str:
    """``delivered`` once handed over; ``overdue`` after the deadline day; else ``pending``."""
    if delivered_at:
        return "delivered"
    return "overdue" if today > deadline else "pending"


@dataclass
class Batch:
    """A hand-over batch: cases whose paper originals leave for the registry together."""

    id: str
    created_at: str
    created_by: str
    deadline: _dt.date
    case_ids: list[str] = field(default_factory=list)
    delivered_at: str | None = None
    delivered_by: str = ""
    receiver: str = ""
    note: str = ""
    state: str = "pending"

    @property
    def state_label(self) -> str:
        return translate(STATE_LABELS[self.state])

    def days_left(self, today: _dt.date) -> int:
        """Days until the deadline (negative when overdue)."""
        return (self.deadline - today).days


def manifest_dict(batch: Batch, cases: list[tuple[Case, BusinessType]]) -> dict:
    """The batch as plain data for the hand-over manifest renderer (纸质材料移交清单).

    ``{"batch_id", "created_at", "created_by", "deadline", "state", "delivered_at",
    "delivered_by", "receiver", "cases": [{"case_id", "business_code", "business_name",
    "unit_number", "originals": [{"slot", "name", "count", "original", "original_label",
    "generated"}], "total_pages"}], "total_cases", "total_pages"}``.
    """
    rows = []
    for case, biz in cases:
        items = [i.to_dict() for i in originals_of(case, biz)]
        rows.append({"case_id": case.id, "business_code": case.business_code, "business_name": biz.name,
                     "unit_number": str(case.get("property.unit_number", "")),
                     "originals": items, "total_pages": sum(i["count"] for i in items)})
    return {"batch_id": batch.id, "created_at": batch.created_at, "created_by": batch.created_by,
            "deadline": batch.deadline.isoformat(), "state": batch.state,
            "delivered_at": batch.delivered_at, "delivered_by": batch.delivered_by,
            "receiver": batch.receiver, "cases": rows, "total_cases": len(rows),
            "total_pages": sum(r["total_pages"] for r in rows)}

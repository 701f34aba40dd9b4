"""Driving a case through the workflow headless, for any business (not a test module).

Everything goes through :class:`~shared.workflow.session.CaseSession` commands, as a front end
would: the form's values, card reads with cards of generated identities, face captures (the
comparer double answers for the server), every interview answered, confirmed and signed, and
pages from the page pipeline.
"""

from __future__ import annotations

import datetime as _dt
import io

from shared.capture.comparer import ComparisonResult
from shared.domain.case import Party
from shared.domain.interview import stopping_answer
from shared.domain.signature import Signature, content_sha256
from shared.domain.validation import active_slots, evaluate

STROKES = [[[5, 50, 0, 0.5], [60, 10, 10, 0.5], [120, 50, 20, 0.5], [190, 8, 30, 0.5]]]


class AnsweringComparer:
    """Stands in for the registration server's comparer: answers ``decision`` every time."""

    method = "server"
    accepts_wlt = True

    def __init__(self, decision: str = "pass") -> None:
        self.decision = decision
        self.calls = 0

    def available(self) -> bool:
        return True

    def compare(self, probe_jpeg, reference):
        self.calls += 1
        return ComparisonResult(0.2 if self.decision == "pass" else 0.9, 0.6, self.decision, "server")


def value_for(fd, fake):
    """A valid value for a catalog field."""
    if fd.type == "bool":
        return False
    if fd.choices:
        return fd.choices[0]
    by_validator = {"unit_number": lambda: fake.unit_number("350102"), "amount": lambda: "1200000",
                    "area": lambda: "89.56", "date": lambda: "2026-01-01", "resident_id": lambda: fake.person().id_number}
    if fd.validator in by_validator:
        value = by_validator[fd.validator]()
        if fd.key.endswith(("_to", ".to", "until")) and fd.validator == "date":
            value = "2046-01-01"
        return value
    return "测试{}".format(fd.label)[: fd.max_length or 40]


def fill_form(session, fake, same_debtor: bool = False, overrides: dict | None = None) -> dict[str, Party]:
    """Every required field (``overrides`` win) and the minimum of each role; returns the persons
    by party id."""
    case = session.snapshot()
    biz = session.business
    data = {}
    for fd in biz.fields:
        data[fd.key] = value_for(fd, fake)
    data.update(overrides or {})
    case.data = data
    parties: list[Party] = []
    for role in biz.roles:
        if not evaluate(role.when, case):
            continue
        for _ in range(max(role.min, 1 if role.role == "debtor" and same_debtor else 0)):
            if role.role == "debtor" and same_debtor:
                first = next(p for p in parties if p.role == "mortgagor")
                parties.append(Party("debtor", "person", first.name, "1", first.id_number, first.phone, first.address))
            elif "person" in role.party_kinds:
                p = fake.person()
                parties.append(Party(role.role, "person", p.name, "1", p.id_number, p.phone, p.address))
            else:
                bank = fake.bank()
                parties.append(Party(role.role, "org", bank.name, "8", bank.credit_code, bank.phone, bank.address))
    session.edit(data, parties)
    return {p.party_id: p for p in session.snapshot().parties}


def card_for(party, valid_to: _dt.date | None = _dt.date(2040, 1, 1)):
    """The ID card of a person party, as the reader gives it."""
    from shared.devices.idcard.model import CardType, IdCardData
    return IdCardData(CardType.RESIDENT, party.name, "男", party.id_number, address=party.address,
                      valid_from=_dt.date(2020, 1, 1), valid_to=valid_to, photo_wlt=b"W" * 1024)


def evidence():
    """A face capture (the images are small JPEGs; the comparer double does not look)."""
    import cv2
    import numpy as np
    from shared.capture.autocapture import FaceEvidence
    img = np.full((120, 100, 3), 128, np.uint8)
    ok, buf = cv2.imencode(".jpg", img)
    jpeg = buf.tobytes()
    return FaceEvidence(jpeg, jpeg, {"pass": True}, 300.0, "2026-12-03T10:00:00+00:00", "sim", {"blinks": 1})


def pass_identity(session, check_no: int = 1) -> None:
    """Card and face for every identity step (or recheck step) still open."""
    kind = "identity" if check_no == 1 else "recheck"
    for step in [s for s in session.steps() if s.kind == kind and not s.done]:
        party = next(p for p in session.snapshot().parties if p.party_id == step.party_id)
        if check_no == 1:
            session.read_card(party.party_id, card_for(party), device="sim", simulated=True)
        session.record_face(party.party_id, evidence(), check_no=check_no, simulated=True)


def signature_over(content, signer: str, purpose: str = "interview") -> dict:
    """A handwritten signature bound to ``content``."""
    from PIL import Image
    png = io.BytesIO()
    Image.new("L", (200, 60), 255).save(png, "PNG")
    return Signature(STROKES, png.getvalue(), content_sha256(content), signer, purpose=purpose).to_dict()


def answer_all(session, party_id: str) -> None:
    """Answer every question without stopping the case, confirm and sign."""
    for _ in range(100):
        interview = session.interview(party_id)
        q = interview.current
        if q is None:
            break
        options = {"yes_no": [True, False], "choice": list(q.choices)}.get(q.type, ["无"])
        if q.type == "share":
            options = ["100%"]
        value = next(v for v in options if stopping_answer(q, v, interview.case) is None)
        problem, _ = session.answer(party_id, value)
        assert problem is None, (q.id, problem)
    record = session.confirm_interview(party_id)
    session.sign(party_id, signature_over(record, party_id))


def interview_everyone(session) -> None:
    for step in [s for s in session.steps() if s.kind == "interview" and not s.done]:
        answer_all(session, step.party_id)


def add_required_pages(session) -> None:
    """One generated page for every slot that needs pages."""
    import numpy as np
    case = session.snapshot()
    for slot in active_slots(case, session.business):
        if slot.requirement == "optional" or "bank_profile" in slot.sources or "generated" in slot.sources:
            continue
        img = np.full((700, 500, 3), 235, np.uint8)
        img[100:120, 50:450] = 20
        session.add_pages(slot.code, [img] * slot.min_pages, "file")


def complete(session, fake, overrides: dict | None = None) -> None:
    """Walk every step but submit."""
    fill_form(session, fake, overrides=overrides)
    pass_identity(session)
    interview_everyone(session)
    add_required_pages(session)
    pass_identity(session, check_no=2)


def iso_days(days: int = 0) -> str:
    """Today plus ``days``, as YYYY-MM-DD."""
    return (_dt.date.today() + _dt.timedelta(days=days)).isoformat()


def sign_letter(session) -> None:
    """Every owner signs the authorization letter as it stands."""
    from shared.domain.authorization import BANK_ROLES, letter_content
    for party in [p for p in session.snapshot().parties if p.role not in BANK_ROLES]:
        content = letter_content(session.snapshot(), party.party_id)
        session.sign(party.party_id, signature_over(content, party.party_id, "authorization"), purpose="authorization")

"""Fixtures of the documents area: a complete case with interviews, signatures and an outcome."""

from __future__ import annotations

import struct
import subprocess
import zlib



from shared.domain.case import Agent, Case, Party
from shared.domain.interview import InterviewSession, load_template
from shared.domain.signature import Signature, content_sha256

PLACE = "中国工商银行福州鼓楼支行营业厅"
BATCH = {"batch_number": "PC-20261122-01", "deadline": "2026-11-29", "registry": "福州市不动产登记中心",
         "from": "鼓楼支行", "handed_by": "经办员"}
SAFE_ANSWERS = {"dispute_or_seized": False, "other_mortgage": False, "existing_mortgage": False, "alterations": False,
                "state_owned_share": False, "sold_to_other_or_seized": False, "co_owner_agreement": False,
                "later_mortgagee_consent": "不涉及", "ownership": "按份共有"}


def tiny_png(width: int = 120, height: int = 40) -> bytes:
    """A greyscale PNG with a diagonal line, made without any imaging library."""
    rows = b"".join(b"\x00" + bytes(0 if abs(x * height // width - y) < 2 else 255 for x in range(width))
                    for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def answer_all(case: Case, party: Party, template_name: str) -> dict:
    """Interview ``party`` with answers that never stop the case; returns the record."""
    session = InterviewSession(load_template(template_name), case, party)
    while session.current is not None:
        q = session.current
        default = {"yes_no": True, "choice": q.choices[0] if q.choices else "", "share_percent": "50",
                   "text": "无", "amount": "100", "date": "2026-01-01"}[q.type]
        value = SAFE_ANSWERS.get(q.id, default)
        if q.id == "leased":
            value = bool(case.get("mortgage.leased"))
        assert session.answer(value) is None
        assert not session.stopped, session.stop_reason
    session.interviewer = case.operator or "officer"  # 询问人: a confirmed record names who asked
    session.confirm()
    return session.record()


def build_case(fake, name: str | None = None, address: str | None = None, location: str | None = None) -> Case:
    p, bank = fake.person(), fake.bank()
    case = Case("mortgage_first_general", catalog_version="test", operator="经办员甲")
    case.parties = [Party("mortgagor", "person", name or p.name, "1", p.id_number, p.phone, address or p.address,
                          share="50%", agent=Agent(fake.name(), "1", fake.resident_id(), fake.phone())),
                    Party("mortgagee", "org", bank.name, "8", bank.credit_code, bank.phone, bank.address,
                          legal_rep=fake.name())]
    for key, value in {"property.unit_number": fake.unit_number(), "property.certificate_number": fake.certificate_number(),
                       "property.location": location or "福州市鼓楼区五一路88号1栋1203室", "property.area": "89.56",
                       "property.use": "住宅", "mortgage.contract_number": "DY2026-001", "mortgage.amount": "1000000",
                       "mortgage.currency": "CNY", "mortgage.debt_from": "2026-01-01", "mortgage.debt_to": "2046-01-01",
                       "mortgage.guarantee_scope": "主债权及利息、违约金、损害赔偿金和实现抵押权的费用",
                       "mortgage.leased": False, "reason": "为购房借款提供抵押担保", "interview.place": PLACE}.items():
        case.set(key, value)
    case.materials = {"identity": ["p1", "p2"], "property_certificate": ["p3"], "debt_contract": ["p4", "p5", "p6"],
                      "mortgage_contract": ["p7", "p8"]}
    for party in case.parties:
        record = answer_all(case, party, "mortgage_first")
        case.interview[party.party_id] = record
        case.signatures[party.party_id] = Signature([[[0, 0, 0, 0.5], [100, 30, 80, 0.5]]], tiny_png(),
                                                    content_sha256(record), party.party_id).to_dict()
    case.outcome = {"receipt_number": "SL2026112200017", "registry": "福州市不动产登记中心", "receiver": "收件员乙",
                    "received_at": "2026-11-22T09:30:00+08:00",
                    "reasons": [{"code": "jurisdiction"}, {"code": "incomplete", "text": "缺少主债权合同原件"}],
                    "competent_authority": "福州市长乐区不动产登记中心",
                    "corrections": [{"material": "主债权合同", "reason": "缺少签字页，请提交完整原件"},
                                    {"material": "申请人身份证明", "reason": "复印件模糊，请重新提供清晰复印件"}]}
    return case


def pdftotext(pdf: bytes) -> str:
    """The text of ``pdf`` in reading order with all white space removed (cells wrap anywhere)."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode("utf-8")
    return "".join(out.split())


def pdffonts(pdf: bytes) -> str:
    # pdffonts cannot read "-": poppler opens fd://0 (stdin) instead
    return subprocess.run(["pdffonts", "fd://0"], input=pdf, capture_output=True, check=True).stdout.decode("utf-8")

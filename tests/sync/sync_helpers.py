"""Helpers of the sync tests (imported by conftest and tests; not a test module)."""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "sample_case_full.json"
OPEN_SETTINGS = {"offline_limits": {"min_free_mb": 0, "max_unsent": 10000, "max_days_without_sync": 3650},
                 "retention_days": 30, "audit_retention_days": 400}


def load_sample(store, path: Path = SAMPLE, ready: bool = True, **data_overrides):
    """Import the sample case (yizhan-case-import/1 with a "materials" key) into ``store``;
    ``ready``: also take it through the counter's identity and interview steps."""
    from shared.domain.case import Case
    from shared.domain.catalog import default_catalog
    raw = json.loads(path.read_text("utf-8"))
    data = {}
    for key, value in raw.items():
        if key in ("format", "business", "parties", "materials"):
            continue
        if isinstance(value, dict):
            for sub, v in value.items():
                data["{}.{}".format(key, sub)] = v if isinstance(v, bool) else str(v)
        else:
            data[key] = value
    data.update(data_overrides)
    case = Case.from_dict({"business_code": raw["business"], "parties": raw["parties"], "data": data,
                           "catalog_version": default_catalog().version})
    store.save_case(case)
    for slot, files in raw.get("materials", {}).items():
        for rel in files:
            f = path.parent / rel
            mime = mimetypes.guess_type(f.name)[0] or "application/octet-stream"
            info = store.blobs.add(case.id, "page", f.read_bytes(), mime, slot=slot)
            case.materials.setdefault(slot, []).append(info.id)
    store.save_case(case)
    return counter_ready(store, case) if ready else case


def make_case(store, fake, page_bytes: int = 2000, region: str = "350102", skip_slot: str | None = None,
              pages: int = 1, ready: bool = True):
    """A complete mortgage case with generated pages (fake identities); ``ready``: with every
    applicant's identity decided and every interview signed, as the counter leaves it."""
    import os
    from shared.domain.case import Case, Party
    from shared.domain.catalog import default_catalog
    p, bank = fake.person(), fake.bank()
    case = Case("mortgage_first_general", catalog_version=default_catalog().version)
    case.parties = [Party("mortgagor", "person", p.name, "1", p.id_number, p.phone, p.address),
                    Party("mortgagee", "org", bank.name, "8", bank.credit_code, bank.phone, bank.address)]
    for key, value in {"property.unit_number": fake.unit_number(region), "property.certificate_number": fake.certificate_number(),
                       "property.location": "福州市鼓楼区五一路88号", "property.area": "89.56", "property.use": "住宅",
                       "mortgage.contract_number": "DY001", "mortgage.amount": "1000000", "mortgage.currency": "CNY",
                       "mortgage.debt_from": "2026-01-01", "mortgage.debt_to": "2046-01-01",
                       "mortgage.guarantee_scope": "主债权及利息", "mortgage.leased": False,
                       "mortgage.debt_contract_has_mortgage_clause": True, "mortgage.under_construction": False,
                       "reason": "购房贷款"}.items():
        case.set(key, value)
    store.save_case(case)
    for slot in ("identity", "property_certificate", "debt_contract"):
        if slot == skip_slot:
            continue
        for _ in range(pages if slot == "identity" else 1):
            info = store.blobs.add(case.id, "page", b"\xff\xd8\xff" + os.urandom(page_bytes), "image/jpeg", slot=slot)
            case.materials.setdefault(slot, []).append(info.id)
    store.save_case(case)
    return counter_ready(store, case) if ready else case


def fast_service(store, settings, **kw):
    """A sync service with tiny back-off (tests never wait long)."""
    from shared.sync.backoff import Backoff
    from shared.sync.service import SyncService
    kw.setdefault("backoff", Backoff(base=0.01, cap=0.05))
    return SyncService(store, settings, **kw)


def drain(service, passes: int = 40):
    """Run passes (forced) until nothing is left to send; return the reports."""
    reports = []
    for _ in range(passes):
        reports.append(service.run_once(force=True))
        if not service.outbox.items(("queued", "announced", "uploading", "uploaded")):
            reports.append(service.run_once(force=True))  # pull the last answers
            break
    return reports


def counter_ready(store, case, face_jpeg: bytes | None = None, decision: str = "pass"):
    """Take ``case`` through what the counter does before submit: each applicant's card read and
    face with the comparison ``decision`` (``pass``: the server's; ``pending``: left undecided;
    ``manual``: referred, then passed by the officer with a reason), a completed interview and
    its signature."""
    import io
    from PIL import Image, ImageDraw
    from shared.domain import identity as idm
    from shared.domain.catalog import default_catalog
    from shared.domain.interview import InterviewSession, template_for_business
    from shared.domain.signature import Signature, content_sha256
    from shared.security.masking import mask_id
    biz = default_catalog().business(case.business_code)
    for party in idm.parties_needing_check(case, biz):
        card = {"card_type": "resident", "card_label": "居民身份证", "id_masked": mask_id(party.id_number),
                "valid_to": "2040-01-01", "expired": False, "simulated": True}
        idm.attach_card(case, party.party_id, card, operator="t")
        face = store.blobs.add(case.id, "face", face_jpeg or b"\xff\xd8\xff" + b"f" * 500, "image/jpeg",
                               slot="identity:{}:1".format(party.party_id))
        comparison = idm.run_comparison(idm.PendingComparer(), b"", None, operator="t")
        if decision == "pass":
            comparison.update(decision="pass", method="server", score=0.2, threshold=0.6, reason="人证比对通过")
        record = idm.attach_face(case, party.party_id, {"face_blob": face.id, "sharpness": 300.0, "simulated": True},
                                 comparison, operator="t")
        if decision == "manual":
            record["comparison"]["decision"] = "manual_review"
            idm.decide_manually(record, True, "t", "证件照与本人相符（人工核对）")
    template = template_for_business(biz)
    image = Image.new("L", (200, 60), 255)
    ImageDraw.Draw(image).line([(5, 50), (60, 10), (120, 50), (190, 8)], fill=0, width=3)
    png = io.BytesIO()
    image.save(png, "PNG")
    no = {"dispute_or_seized", "other_mortgage", "leased"}
    from shared.domain.interview import parties_to_interview
    for party in parties_to_interview(template, case) if template else []:
        session = InterviewSession(template, case, party)
        while session.current is not None:
            q = session.current
            value = {"yes_no": q.id not in no, "choice": q.choices[0] if q.choices else ""}.get(q.type, "")
            assert session.answer(value) is None, q.id
        session.interviewer = case.operator or "officer"  # 询问人: a confirmed record names who asked
        session.confirm()
        record = session.record()
        case.interview[party.party_id] = record
        strokes = [[[5, 50, 0, 0.5], [60, 10, 10, 0.5], [120, 50, 20, 0.5], [190, 8, 30, 0.5]]]
        case.signatures[party.party_id] = Signature(strokes, png.getvalue(), content_sha256(record),
                                                    party.party_id).to_dict()
    store.save_case(case)
    return case


def enroll_demo_operators(store) -> None:
    """The reference server's operator list, enrolled as the first sync would (the counter then
    asks for a login: officer S1001 / "Officer2026", supervisor S1002 / "Super2026x")."""
    from devserver.masterdata import operators_document
    from shared.store.operators import enroll
    enroll(store, operators_document())


def login_window(qtbot, w, staff_id: str = "S1001", password: str = "Officer2026") -> None:
    """Log in on the counter window's login panel, as a person would."""
    panel = w.login_panel
    qtbot.waitUntil(lambda: w.stack.currentWidget() is panel, timeout=5000)
    panel.staff_id.setText(staff_id)
    panel.password.setText(password)
    panel.button.click()
    qtbot.waitUntil(lambda: w.ctx.auth.current is not None and w.stack.currentWidget() is not panel, timeout=10000)

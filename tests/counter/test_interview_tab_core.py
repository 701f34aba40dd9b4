"""The Qt-free parts behind the interview page: party progress and the generated documents."""

from __future__ import annotations

import io

from shared.documents import case_documents as cdocs
from shared.domain import interview_progress as ip
from shared.domain.catalog import default_catalog
from shared.domain.interview import InterviewSession, parties_to_interview, template_for_business
from shared.domain.signature import Signature, content_sha256

NO_ANSWERS = {"dispute_or_seized", "other_mortgage", "leased"}


def _interview(case, template, party, stop_at=None):
    session = InterviewSession(template, case, party)
    while session.current is not None:
        q = session.current
        value = {"yes_no": q.id not in NO_ANSWERS and q.id != stop_at, "choice": q.choices[0] if q.choices else ""}.get(q.type, "")
        assert session.answer(value) is None
    if session.completed:
        session.interviewer = "officer"  # 询问人: a confirmed record names who asked
        session.confirm()
    return session.record()


def _png() -> bytes:
    from PIL import Image, ImageDraw
    image = Image.new("L", (200, 60), 255)
    ImageDraw.Draw(image).line([(5, 50), (60, 10), (120, 50), (190, 8)], fill=0, width=3)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _sign(case, party_id, content):
    strokes = [[[5, 50, 0, 0.5], [60, 10, 10, 0.5], [120, 50, 20, 0.5], [190, 8, 30, 0.5]]]
    case.signatures[party_id] = Signature(strokes, _png(), content_sha256(content), party_id).to_dict()


def test_progress_follows_records_signatures_and_edits(sample_case):
    biz = default_catalog().business(sample_case.business_code)
    template = template_for_business(biz)
    case = sample_case
    assert [p.status for p in ip.case_progress(template, case)] == [ip.PENDING, ip.PENDING]
    mortgagor, bank = parties_to_interview(template, case)
    record = _interview(case, template, mortgagor)
    case.interview[mortgagor.party_id] = record
    assert ip.party_progress(template, case, mortgagor).status == ip.UNSIGNED
    _sign(case, mortgagor.party_id, record)
    assert ip.party_progress(template, case, mortgagor).status == ip.DONE
    _sign(case, mortgagor.party_id, dict(record, answers=[]))  # bound to another record
    assert ip.party_progress(template, case, mortgagor).status == ip.UNSIGNED
    stopped = _interview(case, template, bank, stop_at="materials_true")
    case.interview[bank.party_id] = stopped
    state = ip.party_progress(template, case, bank)
    assert state.status == ip.STOPPED and state.reason == "申请人不能确认材料真实，不能继续办理"
    problem = ip.blocking_problem(ip.case_progress(template, case))
    assert problem is not None and state.reason in problem.render()
    case.set("mortgage.amount", "2000000")  # the question shown no longer matches
    assert ip.party_progress(template, case, mortgagor).status == ip.OUTDATED


def test_generate_replaces_documents_and_notices_edits(store, sample_case):
    biz = default_catalog().business(sample_case.business_code)
    template = template_for_business(biz)
    case = sample_case
    for party in parties_to_interview(template, case):
        case.interview[party.party_id] = record = _interview(case, template, party)
        _sign(case, party.party_id, record)
    assert ip.blocking_problem(ip.case_progress(template, case)) is None
    assert cdocs.interview_place(case) == next(p.name for p in case.parties if p.role == "mortgagee")
    assert cdocs.interview_place(case, "某某登记大厅") == "某某登记大厅"
    case.materials["application"] = ["scanned-page"]
    first = cdocs.generate(store, case, biz, "某某登记大厅")
    assert [d.kind for d in first] == ["application", "interview", "authorization"]
    assert case.materials["application"] == [first[0].blob_id, "scanned-page"]
    infos = cdocs.stored_documents(store, case)
    assert set(infos) == {"application", "interview", "authorization"} and cdocs.stale_kinds(infos, case) == []
    assert store.get_case(case.id).materials == case.materials
    case.set("property.area", "120.5")
    assert set(cdocs.stale_kinds(infos, case)) == set(infos)
    second = cdocs.generate(store, case, biz, "某某登记大厅")
    stored = store.blobs.list(case.id, kind="document")
    assert sorted(b.id for b in stored) == sorted(d.blob_id for d in second)
    assert case.materials["application"] == [second[0].blob_id, "scanned-page"]
    assert cdocs.stale_kinds(cdocs.stored_documents(store, case), case) == []

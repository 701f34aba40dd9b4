"""询问笔录: the formatted interview record, each party's questions and answers, signed."""

from __future__ import annotations

from shared.documents.common import Requirements, document_hash, fmt_datetime, party_label, role_name
from shared.documents.layout import MM, DocBuilder, LayoutReport
from shared.domain.case import Case
from shared.domain.signature import signature_png

TITLE = "询问笔录"
_CN_NUM = "一二三四五六七八九十"


def _place(case: Case, place: str | None) -> str:
    return place or case.get("interview.place") or case.get("service_point.name") or ""


def _times(records: list[dict]) -> str:
    starts = sorted(r.get("started_at") or "" for r in records if r.get("started_at"))
    ends = sorted(r.get("finished_at") or r.get("confirmed_at") or "" for r in records)
    ends = [e for e in ends if e]
    if not starts:
        return ""
    return "{} 至 {}".format(fmt_datetime(starts[0]), fmt_datetime(ends[-1])) if ends else fmt_datetime(starts[0])


def _header(b: DocBuilder, case: Case, business, interviewed, records, place: str):
    persons = "；".join("{}：{}".format(role_name(business, p.role), p.name) for p in interviewed)
    rows = [["询问时间", _times(records), "询问地点", place],
            ["被询问人", persons, "", ""],
            ["业务类型", business.name, "业务号", case.id],
            ["不动产权证书号", case.get("property.certificate_number", ""), "", ""],
            ["不动产坐落", case.get("property.location", ""), "", ""]]
    return b.table(rows, [0.16, 0.42, 0.13, 0.29], name="笔录信息", label_cols=[0, 2],
                   spans=[((1, 1), (3, 1)), ((1, 3), (3, 3)), ((1, 4), (3, 4))])


def _party_section(b: DocBuilder, index: int, business, party, record: dict, signature: bytes | None,
                   operator: str) -> list:
    heading = "{}、{}（{}）".format(_CN_NUM[index] if index < len(_CN_NUM) else index + 1,
                                  role_name(business, party.role), party.name)
    rows = [["序号", "询问内容", "回答"]]
    for i, item in enumerate(record.get("answers", []), 1):
        rows.append([str(i), "问：{}".format(item["question"]), "答：{}".format(item["answer_text"])])
    story = [b.p(heading, "h2"),
             b.table(rows, [0.08, 0.64, 0.28], name="问答-{}".format(party.role), header_rows=1)]
    if record.get("status") == "stopped":
        story += [b.spacer(2), b.p("询问终止：{}".format(record.get("stop_reason") or ""), "body")]
    story += [b.spacer(2), b.p("确认：{}".format(record.get("closing", "")), "body"), b.spacer(1),
              b.p(record.get("commitment", ""), "body"), b.spacer(2)]
    mark = b.image(signature, 50 * MM, 16 * MM) if signature else b.spacer(16)
    sign_rows = [["被询问人签名（捺印、盖章）", mark, "签名时间", fmt_datetime(record.get("confirmed_at"))],
                 ["询问人", operator, "笔录模板", "{} 版本 {}".format(record.get("template", ""), record.get("version", ""))]]
    story.append(b.table(sign_rows, [0.22, 0.34, 0.14, 0.30], name="签名-{}".format(party.role), label_cols=[0, 2]))
    return story


def render_interview(case: Case, business, place: str | None = None,
                     report: LayoutReport | None = None) -> bytes:
    """The interview record of every interviewed party of ``case`` as PDF bytes."""
    req = Requirements(TITLE)
    place = _place(case, place)
    req.need(place, "询问地点")
    req.need(case.get("property.certificate_number") or case.get("change.registration_certificate"), "不动产权证书号")
    req.need(case.get("property.location"), "不动产坐落")
    interviewed = [p for p in case.parties if p.party_id in case.interview]
    req.need(interviewed, "当事人的询问记录（请先完成询问）")
    for party in interviewed:
        req.need(party.name, "{}的姓名（名称）".format(party_label(business, case, party)))
        record = case.interview[party.party_id]
        if record.get("status") not in ("completed", "stopped"):
            req.need(None, "{}的询问（尚未完成）".format(party_label(business, case, party)))
    req.check()
    records = [case.interview[p.party_id] for p in interviewed]
    b = DocBuilder(TITLE, document_hash("interview", case, place=place), "业务号 {}".format(case.id), report)
    story = [b.p(records[0].get("title") or TITLE, "title"), _header(b, case, business, interviewed, records, place)]
    for i, party in enumerate(interviewed):
        story += _party_section(b, i, business, party, case.interview[party.party_id],
                                signature_png(case.signatures, party.party_id),
                                case.interview[party.party_id].get("interviewer") or case.operator)
    return b.build(story)

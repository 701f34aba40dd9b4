"""不动产登记申请书: the application form, with the fields the registries' forms carry."""

from __future__ import annotations

from shared.documents.common import (REGISTRATION_TYPES, RIGHT_TYPES, SIDE_NAMES, Requirements, document_hash,
                                     fmt_date, id_kind_name, require_parties, role_name, side_of)
from shared.documents.layout import MM, DocBuilder, LayoutReport
from shared.domain.case import Case
from shared.domain.interview import format_value
from shared.domain.registrations import is_linked, owns_field, registrations_of
from shared.domain.signature import signature_png
from shared.domain.validation import active_slots, evaluate

TITLE = "不动产登记申请书"
_SHOWN_ELSEWHERE = ("property.", "mortgage.", "reason", "remarks")


def _required(case: Case, business) -> Requirements:
    req = Requirements(TITLE)
    for fd in business.fields:
        if fd.required and fd.type != "bool" and evaluate(fd.when, case):
            req.need(case.get(fd.key), fd.label)
    require_parties(req, business, case)
    return req


def _matter(b: DocBuilder, business, reg=None, together: str = ""):
    right_type = reg.right_type if reg is not None else business.right_type
    reg_type = reg.registration_type if reg is not None else business.registration_type
    right = RIGHT_TYPES.get(right_type or "", right_type or "")
    types = "　".join(("■ " if code == reg_type else "□ ") + name
                     for code, name in REGISTRATION_TYPES.items())
    rows = [["权利类型", right], ["登记类型", types], ["业务", business.name if reg is None else reg.name]]
    if together:
        rows.append(["一并申请", together])
    return b.table(rows, [0.16, 0.84], name="登记事项" + ("-" + reg.code if reg is not None else ""), label_cols=[0])


def _party_rows(b: DocBuilder, business, party):
    agent = party.agent
    return [
        ["姓名（名称）", party.name, "角色", role_name(business, party.role)],
        ["证件种类", id_kind_name(party), "证件号码", party.id_number],
        ["通讯地址", party.address, "邮编", party.__dict__.get("postcode", "")],
        ["法定代表人或负责人", party.legal_rep, "联系电话", party.phone],
        ["代理人姓名", agent.name if agent else "", "代理人证件号码", agent.id_number if agent else ""],
        ["代理机构", agent.organisation if agent else "", "代理人电话", agent.phone if agent else ""],
    ] + ([["共有份额", party.share, "", ""]] if party.share else [])


def _parties(b: DocBuilder, case: Case, business, reg=None) -> list:
    story = []
    for side in ("right_holder", "obligor", "applicant"):
        parties = [p for p in case.parties if side_of(business, p.role) == side
                   and (reg is None or p.role in reg.roles)]
        if not parties:
            continue
        story.append(b.p("{}情况".format(SIDE_NAMES[side]), "h2"))
        for party in parties:
            story.append(b.table(_party_rows(b, business, party), [0.17, 0.38, 0.17, 0.28],
                                 name="{}-{}{}".format(SIDE_NAMES[side], party.role, "-" + reg.code if reg else ""),
                                 label_cols=[0, 2]))
            story.append(b.spacer(1.5))
    return story


def _property(b: DocBuilder, case: Case):
    g = case.get
    rows = [["坐落", g("property.location", ""), "", ""],
            ["不动产单元号", g("property.unit_number", ""), "不动产类型", g("property.type", "房屋")],
            ["面积（平方米）", g("property.area", ""), "用途", g("property.use", "")],
            ["原不动产权证书号", g("property.certificate_number", ""), "", ""]]
    return b.table(rows, [0.17, 0.38, 0.17, 0.28], name="不动产情况", label_cols=[0, 2],
                   spans=[((1, 0), (3, 0)), ((1, 3), (3, 3))])


def _mortgage(b: DocBuilder, case: Case, business):
    g = case.get
    maximum = business.mortgage_kind == "maximum"
    amount_label, amount_key = ("最高债权额", "mortgage.max_amount") if maximum else ("被担保主债权数额", "mortgage.amount")
    term_label = "债权确定期间" if maximum else "债务履行期限"
    term = "{} 至 {}".format(fmt_date(g("mortgage.debt_from")) or g("mortgage.debt_from", ""),
                            fmt_date(g("mortgage.debt_to")) or g("mortgage.debt_to", ""))
    rows = [[amount_label, format_value(amount_key, g(amount_key)), "抵押合同编号", g("mortgage.contract_number", "")],
            [term_label, term, "", ""],
            ["担保范围", g("mortgage.guarantee_scope", ""), "", ""]]
    if g("mortgage.under_construction"):
        rows.append(["在建建筑物抵押范围", g("mortgage.construction_scope", "在建建筑物及其占用范围内的建设用地使用权"), "", ""])
    spans = [((1, i), (3, i)) for i in range(1, len(rows))]
    return b.table(rows, [0.17, 0.38, 0.17, 0.28], name="抵押情况", label_cols=[0, 2], spans=spans)


def _other_fields(b: DocBuilder, case: Case, business, keep=None, name: str = "其他登记事项"):
    rows = []
    for fd in business.fields:
        if fd.key.startswith(_SHOWN_ELSEWHERE) or not evaluate(fd.when, case) or (keep and not keep(fd.key)):
            continue
        value = case.get(fd.key)
        rows.append([fd.label, format_value(fd.key, value) if value is not None else ""])
    return b.table(rows, [0.3, 0.7], name=name, label_cols=[0]) if rows else None


def _reason(b: DocBuilder, case: Case, business):
    proofs = "；".join(s.name for s in active_slots(case, business))
    separate = case.get("certificate.separate_for_co_owners")
    rows = [["登记原因", case.get("reason", "")],
            ["登记原因证明文件", proofs],
            ["申请证书版式", case.get("certificate.form", "纸质证书")],
            ["共有人是否分别持证", "是" if separate else ("否" if separate is not None else "")],
            ["备注", case.get("remarks", "")]]
    return b.table(rows, [0.22, 0.78], name="登记原因", label_cols=[0])


def _signatures(b: DocBuilder, case: Case, business):
    rows = [["申请人", "签名（盖章）", "日期"]]
    for party in case.parties:
        png = signature_png(case.signatures, party.party_id)
        mark = b.image(png, 45 * MM, 14 * MM) if png else b.spacer(14)
        rows.append(["{}：{}".format(role_name(business, party.role), party.name), mark, ""])
    return b.table(rows, [0.4, 0.4, 0.2], name="申请人签章", header_rows=1)


def _linked_sections(b: DocBuilder, case: Case, business) -> list:
    """Linked registrations: the property once, then one section per registration (its matter,
    its applicants, its own terms), each naming the others applied for together."""
    regs = registrations_of(case, business)
    story = [b.p("不动产情况", "h2"), _property(b, case)]
    for i, reg in enumerate(regs, 1):
        together = "、".join(r.name for r in regs if r is not reg)
        story += [b.p("申请登记事项（{}/{}）：{}".format(i, len(regs), reg.name), "h2"),
                  _matter(b, business, reg, together)]
        story += _parties(b, case, business, reg)
        if owns_field(reg, "mortgage."):
            story += [b.p("抵押情况", "h2"), _mortgage(b, case, business)]
        other = _other_fields(b, case, business, keep=lambda key, reg=reg: owns_field(reg, key),
                              name="其他登记事项-" + reg.code)
        if other is not None:
            story += [b.p("其他登记事项", "h2"), other]
    return story


def render_application(case: Case, business, outcome: dict | None = None,
                       report: LayoutReport | None = None) -> bytes:
    """The application form of ``case`` as PDF bytes."""
    _required(case, business).check()
    outcome = outcome or case.outcome or {}
    b = DocBuilder(TITLE, document_hash("application", case), "业务号 {}".format(case.id), report)
    head = b.table([["收件编号", outcome.get("receipt_number", ""), "收件日期", fmt_date(outcome.get("received_at")),
                     "收件人", outcome.get("receiver", "")]],
                   [0.13, 0.25, 0.13, 0.19, 0.11, 0.19], name="收件", label_cols=[0, 2, 4])
    story = [b.p(TITLE, "title"), head]
    if is_linked(business):
        story += _linked_sections(b, case, business)
    else:
        story += [b.p("申请登记事项", "h2"), _matter(b, business)]
        story += _parties(b, case, business)
        story += [b.p("不动产情况", "h2"), _property(b, case)]
        if any(fd.key.startswith("mortgage.") for fd in business.fields):
            story += [b.p("抵押情况", "h2"), _mortgage(b, case, business)]
        other = _other_fields(b, case, business)
        if other is not None:
            story += [b.p("其他登记事项", "h2"), other]
    story += [b.p("登记原因及证明", "h2"), _reason(b, case, business), b.spacer(3),
              b.p("本申请人对所填写的内容及提交的申请材料的真实性负责。如有不实，申请人愿承担法律责任。", "body"),
              b.spacer(2), _signatures(b, case, business)]
    return b.build(story)

"""Documents of a case's outcome: acceptance receipt, not-accepted notice, correction list.

They read the outcome dict (``case.outcome`` unless given): ``receipt_number``, ``registry``,
``received_at``, ``receiver``, ``reasons`` (strings or ``{"code", "text", "authority"}``),
``competent_authority``, ``corrections`` (``[{"material", "reason"}]``), ``deadline``, ``notes``.
"""

from __future__ import annotations

from typing import Any

from shared.documents.common import ORIGINAL_NAMES, Requirements, document_hash, fmt_date
from shared.documents.layout import DocBuilder, LayoutReport
from shared.domain.case import Case, now_iso
from shared.domain.registrations import is_linked, registration_outcomes
from shared.domain.validation import active_slots

REASON_CODES = {"incomplete": "申请材料不齐全", "jurisdiction": "不属于本登记机构管辖",
                "form": "申请材料不符合法定形式", "other": "其他"}
COLLECT_NOTES = ("1. 请妥善保管本凭证，凭本凭证及申请人身份证明领取不动产权证书或不动产登记证明；"
                 "2. 可凭业务号、申请人姓名或证件号码查询办理进度，或扫描右侧二维码查询；"
                 "3. 委托他人领取的，受托人须持授权委托书及本人身份证明。")
REMEDY = ("申请人如对本告知不服，可自收到本告知书之日起六十日内依法申请行政复议，"
          "或者自收到本告知书之日起六个月内依法提起行政诉讼。")


def _applicants(case: Case) -> str:
    return "、".join(p.name for p in case.parties if p.name)


def material_rows(case: Case, business) -> list[tuple[str, str, int]]:
    """(name, original/copy, count) of each material received for ``case``."""
    rows = []
    for slot in active_slots(case, business):
        pages = len(case.materials.get(slot.code, []))
        if "generated" in slot.sources and pages == 0:
            pages = 1  # printed by the system and signed: one copy
        if pages or "bank_profile" in slot.sources:
            rows.append((slot.name, ORIGINAL_NAMES.get(slot.original, slot.original), pages))
    return rows


def _head(b: DocBuilder, case: Case, business, outcome: dict, number_label: str, number: str):
    rows = [[number_label, number, "业务号", case.id],
            ["申请人", _applicants(case), "", ""],
            ["业务类型", business.name, "日期", fmt_date(outcome.get("received_at") or now_iso())],
            ["不动产坐落", case.get("property.location", ""), "", ""]]
    return b.table(rows, [0.15, 0.43, 0.12, 0.30], name="{}-头".format(b.title), label_cols=[0, 2],
                   spans=[((1, 1), (3, 1)), ((1, 3), (3, 3))])


def _need_outcome(title: str, outcome: dict | None, case: Case) -> tuple[Requirements, dict]:
    req = Requirements(title)
    outcome = outcome if outcome is not None else (case.outcome or {})
    req.need(outcome, "办理结果（案件尚无受理结果）")
    return req, outcome or {}


def render_receipt(case: Case, business, outcome: dict | None = None, report: LayoutReport | None = None) -> bytes:
    """受理凭证 of ``case`` as PDF bytes."""
    title = "不动产登记受理凭证"
    req, outcome = _need_outcome(title, outcome, case)
    req.need(outcome.get("receipt_number"), "受理编号")
    req.need(outcome.get("registry"), "登记机构")
    req.need(_applicants(case), "申请人")
    req.need(case.get("property.location"), "不动产坐落")
    req.check()
    b = DocBuilder(title, document_hash("receipt", case, outcome=outcome), "受理编号 {}".format(outcome["receipt_number"]), report)
    mats = material_rows(case, business)
    rows = [["序号", "材料名称", "原件/复印件", "份数（页）"]]
    rows += [[str(i), name, kind, str(count)] for i, (name, kind, count) in enumerate(mats, 1)]
    rows.append(["合计", "共 {} 项材料".format(len(mats)), "", str(sum(c for _, _, c in mats))])
    n = len(rows) - 1
    story = [b.p(title, "title"), _head(b, case, business, outcome, "受理编号", outcome["receipt_number"])]
    if is_linked(business):  # one receipt for the registrations accepted together, each its own number
        regs = [["序号", "一并受理的登记", "受理编号"]] + [
            [str(i), r["name"], r.get("receipt_number", "")]
            for i, r in enumerate(registration_outcomes(case, business, outcome), 1)]
        story += [b.p("一并申请、一并受理的登记", "h2"),
                  b.table(regs, [0.09, 0.59, 0.32], name="一并受理的登记", header_rows=1)]
    story += [b.p("收件材料", "h2"),
             b.table(rows, [0.09, 0.59, 0.16, 0.16], name="收件材料", header_rows=1, spans=[((1, n), (2, n))]),
             b.spacer(3)]
    foot = [["收件人", outcome.get("receiver") or case.operator, "登记机构", outcome["registry"]],
            ["申请人签名", b.spacer(12), "日期", fmt_date(outcome.get("received_at") or now_iso())],
            ["领证须知", b.p(outcome.get("notes") or COLLECT_NOTES), b.qr(case.id, 26), ""]]
    story.append(b.table(foot, [0.13, 0.47, 0.14, 0.26], name="受理-签收", label_cols=[0],
                         label_cells=[(2, 0), (2, 1)], spans=[((2, 2), (3, 2))],
                         extra_style=[("ALIGN", (2, 2), (3, 2), "CENTER")]))
    story.append(b.p("扫码查询进度：业务号 {}".format(case.id), "small"))
    return b.build(story)


def _reason_text(reason: Any, outcome: dict) -> tuple[str, str | None]:
    """(text, competent authority) of one reason (a string or a ``{"code", "text", "authority"}``)."""
    if not isinstance(reason, dict):
        return str(reason), None
    code = reason.get("code", "other")
    label = REASON_CODES.get(code, code)
    text = reason.get("text") or ""
    shown = label if not text or text == label else "{}：{}".format(label, text)
    authority = reason.get("authority") or outcome.get("competent_authority") if code == "jurisdiction" else None
    return shown, authority


def render_not_accepted(case: Case, business, outcome: dict | None = None,
                        report: LayoutReport | None = None) -> bytes:
    """不予受理告知书 as PDF bytes: the reasons; for jurisdiction, the competent authority."""
    title = "不予受理告知书"
    req, outcome = _need_outcome(title, outcome, case)
    reasons = outcome.get("reasons") or []
    req.need(reasons, "不予受理的理由")
    req.need(outcome.get("registry"), "登记机构")
    texts = []
    for reason in reasons:
        text, authority = _reason_text(reason, outcome)
        if isinstance(reason, dict) and reason.get("code") == "jurisdiction":
            req.need(authority, "有管辖权的登记机构")
            text = "{}，请向{}申请办理".format(text, authority) if authority else text
        texts.append(text)
    req.check()
    number = outcome.get("notice_number") or outcome.get("receipt_number") or case.id
    b = DocBuilder(title, document_hash("not_accepted", case, outcome=outcome), "编号 {}".format(number), report)
    rows = [["序号", "不予受理的理由"]] + [[str(i), t] for i, t in enumerate(texts, 1)]
    story = [b.p(title, "title"), _head(b, case, business, outcome, "告知书编号", number), b.spacer(3),
             b.p("{}：".format(_applicants(case)), "body"),
             b.p("你（单位）申请的{}，经审查，因下列理由，本机构决定不予受理：".format(business.name), "indent"),
             b.spacer(2), b.table(rows, [0.1, 0.9], name="不予受理理由", header_rows=1), b.spacer(3),
             b.p(REMEDY, "body"), b.spacer(6),
             b.p("{}（盖章）".format(outcome["registry"]), "right"),
             b.p(fmt_date(outcome.get("decided_at") or outcome.get("received_at") or now_iso()), "right")]
    return b.build(story)


def render_corrections(case: Case, business, outcome: dict | None = None,
                       report: LayoutReport | None = None) -> bytes:
    """补正材料通知书 as PDF bytes: every missing or defective material, once and completely."""
    title = "补正材料通知书"
    req, outcome = _need_outcome(title, outcome, case)
    items = outcome.get("corrections") or case.corrections
    req.need(items, "需补正的材料清单")
    req.need(outcome.get("registry"), "登记机构")
    for i, item in enumerate(items or [], 1):
        req.need(item.get("material"), "第{}项补正的材料名称".format(i))
        req.need(item.get("reason"), "第{}项补正的原因".format(i))
    req.check()
    number = outcome.get("notice_number") or outcome.get("receipt_number") or case.id
    b = DocBuilder(title, document_hash("corrections", case, outcome=outcome, items=items), "编号 {}".format(number), report)
    rows = [["序号", "需补正的材料", "补正原因及要求"]]
    rows += [[str(i), it["material"], it["reason"]] for i, it in enumerate(items, 1)]
    deadline = outcome.get("deadline")
    story = [b.p(title, "title"), _head(b, case, business, outcome, "通知书编号", number), b.spacer(3),
             b.p("{}：".format(_applicants(case)), "body"),
             b.p("你（单位）申请的{}，申请材料不齐全或不符合法定形式。现一次性告知需补正的全部材料如下（共 {} 项）：".format(
                 business.name, len(items)), "indent"),
             b.spacer(2), b.table(rows, [0.08, 0.37, 0.55], name="补正清单", header_rows=1), b.spacer(3),
             b.p("请{}补正上述全部材料后重新提交。补正期间不计入登记办理时限。".format(
                 "于 {} 前".format(fmt_date(deadline)) if deadline else "尽快"), "body"),
             b.spacer(6), b.p("{}（盖章）".format(outcome["registry"]), "right"),
             b.p(fmt_date(outcome.get("decided_at") or outcome.get("received_at") or now_iso()), "right")]
    return b.build(story)

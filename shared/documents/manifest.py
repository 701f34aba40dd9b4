"""纸质材料移交清单: the paper originals handed to the registry in one batch.

``batch``: ``{"batch_number", "deadline", "registry", "handed_by", "from", "created_at"}``.
"""

from __future__ import annotations

from shared.documents.common import Requirements, document_hash, fmt_date
from shared.documents.layout import DocBuilder, LayoutReport
from shared.domain.case import Case, now_iso
from shared.domain.validation import active_slots

TITLE = "纸质材料移交清单"


def originals(case: Case, business) -> list[tuple[str, int]]:
    """(material name, pages) of every paper original of ``case``."""
    out = []
    for slot in active_slots(case, business):
        if slot.original != "original":
            continue
        pages = len(case.materials.get(slot.code, [])) or (1 if "generated" in slot.sources else 0)
        if pages:
            out.append((slot.name, pages))
    return out


def render_manifest(cases: list[tuple[Case, object]], batch: dict | None,
                    report: LayoutReport | None = None) -> bytes:
    """The hand-over manifest of ``cases`` (each with its business type) as PDF bytes."""
    req = Requirements(TITLE)
    batch = batch or {}
    req.need(cases, "移交的案件")
    req.need(batch.get("batch_number"), "批次号")
    req.need(batch.get("deadline"), "移交截止日期")
    req.need(batch.get("registry"), "接收登记机构")
    listed = [(case, business, originals(case, business)) for case, business in cases]
    if cases and not any(items for _, _, items in listed):
        req.need(None, "需移交的纸质原件")
    req.check()
    b = DocBuilder(TITLE, document_hash("manifest", None, batch=batch, cases=[c.to_dict() for c, _ in cases]),
                   "批次 {}".format(batch["batch_number"]), report)
    head = [["批次号", batch["batch_number"], "移交截止日期", fmt_date(batch["deadline"])],
            ["移交单位", batch.get("from", ""), "接收登记机构", batch["registry"]],
            ["制表日期", fmt_date(batch.get("created_at") or now_iso()), "案件数", str(len(cases))]]
    rows = [["序号", "业务号", "业务类型", "申请人", "原件材料", "份数（页）"]]
    total, no, spans = 0, 0, []
    for case, business, items in listed:
        if not items:
            continue
        no += 1
        first = len(rows)
        names = "、".join(p.name for p in case.parties if p.name)
        for i, (name, pages) in enumerate(items):
            rows.append([str(no), case.id, business.name, names, name, str(pages)] if i == 0 else ["", "", "", "", name, str(pages)])
            total += pages
        if len(items) > 1:
            spans += [((c, first), (c, len(rows) - 1)) for c in range(4)]
    rows.append(["合计", "", "", "", "{} 件案件".format(no), str(total)])
    spans.append(((0, len(rows) - 1), (3, len(rows) - 1)))
    sign = [["移交人", batch.get("handed_by", ""), "移交日期", ""], ["接收人", "", "接收日期", ""]]
    story = [b.p(TITLE, "title"),
             b.table(head, [0.16, 0.38, 0.18, 0.28], name="移交批次", label_cols=[0, 2]), b.spacer(3),
             b.table(rows, [0.07, 0.2, 0.17, 0.17, 0.27, 0.12], name="移交明细", header_rows=1, spans=spans),
             b.spacer(3),
             b.p("以上纸质原件已核对无误，请于移交截止日期前送达接收登记机构。", "body"), b.spacer(3),
             b.table(sign, [0.16, 0.34, 0.16, 0.34], name="移交签收", label_cols=[0, 2], row_heights=[None, None])]
    return b.build(story)

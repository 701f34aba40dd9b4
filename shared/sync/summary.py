"""What an outbox item means to a person: one line for the case list and the queue command,
and the labels of the item states (Qt-free, translatable)."""

from __future__ import annotations

from shared.i18n import N_, render_record, translate, tr
from shared.sync.outbox import ACTIVE

ITEM_LABELS = {
    "queued": N_("待上传"), "announced": N_("待上传"), "uploading": N_("上传中"),
    "uploaded": N_("已上传，待确认"), "committed": N_("已送达登记机构"), "delivered": N_("已送达登记机构"), "accepted": N_("已受理"),
    "not_accepted": N_("不予受理"), "correction_requested": N_("需补正"), "registered": N_("已登簿"),
    "proof_issued": N_("已发证明"), "failed": N_("上传失败，需处理"), "cleared": N_("已由主管清除"),
}


def advice(item) -> str:
    """What the officer does about an outbox item now, in words."""
    if item.state == "failed":
        return tr("登记服务器拒收了该数据包：请主管查看原因，处理后重试，或填写理由清除（案件退回草稿，修改后重新提交）")
    if item.state in ACTIVE:
        return tr("网络恢复后会自动续传，无需操作") if item.last_error else tr("正在排队上传，无需操作")
    if item.state in ("committed", "delivered"):
        return tr("等待登记机构答复")
    if item.state == "correction_requested":
        return tr("打开案件，按补正清单一次补齐后重新提交")
    if item.state == "not_accepted":
        return tr("向申请人说明不予受理的原因")
    return tr("无需操作")


def item_label(state: str) -> str:
    """The label of an outbox item state."""
    return translate(ITEM_LABELS.get(state, state))


def reason_texts(outcome: dict) -> list[str]:
    """The not-accepted reasons as lines."""
    return [r.get("text", "") if isinstance(r, dict) else str(r) for r in outcome.get("reasons") or []]


def correction_texts(outcome_or_list) -> list[str]:
    """The correction items as lines (from an outcome dict or ``case.corrections``)."""
    if isinstance(outcome_or_list, dict):
        items = outcome_or_list.get("corrections") or []
    else:
        items = outcome_or_list or []
    return [_item_text(c) for c in items]


def _item_text(item) -> str:
    if not isinstance(item, dict):
        return str(item)
    return item.get("text") or item.get("reason") or item.get("material") or ""


def size_text(n: int) -> str:
    """Bytes for a person: ``5.0 MB``, ``19 KB``, ``300 B``."""
    if n >= 1 << 20:
        return "{:.1f} MB".format(n / (1 << 20))
    if n >= 1 << 10:
        return "{:.0f} KB".format(n / (1 << 10))
    return "{} B".format(n)


def describe(item) -> str:
    """One line: the answer of the registry, or where the upload stands."""
    o = item.outcome or {}
    if item.state == "not_accepted":
        reasons = reason_texts(o)
        return tr("不予受理：{reason}", reason=reasons[0] if reasons else "")
    if item.state == "correction_requested":
        return tr("需补正 {n} 项", n=len(o.get("corrections") or []))
    if o.get("receipt_number"):
        text = tr("受理号 {n}", n=o["receipt_number"])
        if o.get("proof_number"):
            text += " · " + tr("证明号 {n}", n=o["proof_number"])
        return text
    if item.state == "failed":
        return tr("上传失败：{err}", err=render_record(item.last_error)[:60])
    if item.state in ACTIVE:
        done = int(100 * item.offset / item.size) if item.size else 0
        text = tr("{state} {pct}%", state=item_label(item.state), pct=done)
        if item.last_error:
            text += " · " + tr("将自动重试")
        return text
    return item_label(item.state)

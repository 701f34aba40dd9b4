"""``yizhan originals list|deliver``: paper originals hand-over batches from a shell."""

from __future__ import annotations

import argparse
import datetime as _dt
import json

from shared.i18n import tr


def _store(args):
    from shared.cli.progress import open_store
    return open_store(args.data_dir)


def _today(args) -> _dt.date | None:
    return _dt.date.fromisoformat(args.today) if getattr(args, "today", None) else None


def cmd_list(args) -> int:
    """Print the batches: id, created, deadline, state, number of cases."""
    from shared.store import originals
    with _store(args) as store:
        batches = originals.list_batches(store, _today(args), args.state)
        if args.json:
            from shared.config import default_data_dir
            from shared.masterdata import current_catalog
            catalog = current_catalog(args.data_dir or default_data_dir())
            print(json.dumps([originals.batch_manifest(store, b.id, catalog, _today(args)) for b in batches],
                             ensure_ascii=False, indent=2))
            return 0
    for b in batches:
        extra = tr("移交人 {by} {at}", by=b.delivered_by, at=b.delivered_at) if b.delivered_at else ""
        print("{}\t{}\t{}\t{}\t{}\t{}".format(b.id, b.created_at[:10], b.deadline.isoformat(), b.state,
                                              tr("{n}件", n=len(b.case_ids)), extra).rstrip())
    if not batches:
        print(tr("没有移交批次"))
    return 0


def cmd_deliver(args) -> int:
    """Mark a batch delivered (by the operator or ``--by``)."""
    from shared.store import originals
    with _store(args) as store:
        batch = originals.mark_delivered(store, args.batch, by=args.by, receiver=args.receiver or "",
                                         today=_today(args))
    print(tr("批次 {id} 已标记为已移交（{n}件）", id=batch.id, n=len(batch.case_ids)))
    return 0


def register(sub) -> None:
    """Add ``originals list`` and ``originals deliver BATCH``."""
    grp = sub.add_parser("originals", help="纸质原件移交批次 / paper originals hand-over")
    acts = grp.add_subparsers(dest="originals_cmd", metavar="ACTION")
    p = acts.add_parser("list", help="列出移交批次及状态 / list batches (delivered|pending|overdue)")
    p.add_argument("--state", choices=["delivered", "pending", "overdue"], default=None)
    p.add_argument("--today", default=None, help="按此日期计算是否逾期（YYYY-MM-DD）")
    p.add_argument("--json", action="store_true", help="输出移交清单数据（JSON）")
    p.set_defaults(func=cmd_list)
    p = acts.add_parser("deliver", help="标记批次已移交 / mark a batch delivered")
    p.add_argument("batch")
    p.add_argument("--by", default=None, help="移交人（默认当前操作员）")
    p.add_argument("--receiver", default="", help="接收人")
    p.add_argument("--today", default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_deliver)
    grp.set_defaults(func=lambda args: (grp.print_help(), 2)[1])


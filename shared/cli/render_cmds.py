"""``yizhan render``: print a case's documents to PDF files.

``yizhan render {application|interview|authorization|receipt|manifest|not_accepted|corrections}
--case ID --out FILE.pdf``. Receipts and notices read the case's outcome and are refused when
the case has none. The manifest takes one or more ``--case`` with ``--batch`` and ``--deadline``.
Every document carries names (and ID numbers) in full: where operators are enrolled it needs
``--operator`` with the reveal permission, and the audit log names them.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path

from shared.errors import DocumentError, os_error_msg
from shared.i18n import Msg

KINDS = ("application", "interview", "authorization", "receipt", "manifest", "not_accepted", "corrections")


def register(subparsers) -> None:
    """Add the ``render`` command."""
    p = subparsers.add_parser("render", help="生成案件的打印文档（PDF） / render a case document to PDF")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("--case", action="append", required=True, metavar="ID",
                   help="案件业务号（移交清单可重复） / case id (repeat for a manifest)")
    p.add_argument("--out", type=Path, required=True, help="输出 PDF 文件 / output PDF file")
    p.add_argument("--place", default=None, help="询问地点 / interview place")
    p.add_argument("--batch", default=None, help="移交批次号 / manifest batch number")
    p.add_argument("--deadline", default=None, help="移交截止日期 YYYY-MM-DD / manifest deadline")
    p.add_argument("--registry", default=None, help="接收登记机构 / receiving registry (manifest)")
    p.add_argument("--handed-by", default=None, help="移交人 / handed over by (manifest)")
    p.set_defaults(func=handle_render)


def _write_atomic(path: Path, data: bytes) -> None:
    """The rendered PDF to the file the person named: private, atomic, no temp file left on any
    error, and never over a device, a FIFO or a folder."""
    from shared.config import atomic_write
    try:
        atomic_write(Path(path), data, mode=0o600)
    except OSError as exc:
        raise DocumentError(Msg("render.out", "无法写入输出文件 {path}：{err}（须为普通文件）",
                                {"path": str(path), "err": os_error_msg(exc)})) from None


def handle_render(args: argparse.Namespace) -> int:
    """Render one document of the store's case(s) to ``args.out``."""
    from shared.config import default_data_dir
    from shared.masterdata import current_catalog
    from shared.cli.progress import open_store

    catalog = current_catalog(args.data_dir or default_data_dir())
    with open_store(args.data_dir) as store:
        cases = [store.get_case(cid) for cid in args.case]
        _render(args, catalog, cases, store)
    return 0


def _render(args: argparse.Namespace, catalog, cases, store) -> None:
    from shared.documents import DOCUMENT_KINDS, render_unmasked
    pairs = [(c, catalog.business(c.business_code)) for c in cases]
    case, business = pairs[0]
    if args.kind in ("receipt", "not_accepted", "corrections") and not case.outcome:
        raise DocumentError(Msg("render.no_outcome", "案件 {id} 尚无办理结果（受理、不予受理或补正），无法生成“{name}”。"
                                "请在同步收到登记机构的结果后再打印",
                                {"id": case.id, "name": DOCUMENT_KINDS[args.kind]}))
    batch = None
    if args.kind == "manifest":
        batch = {"batch_number": args.batch, "deadline": args.deadline,
                 "registry": args.registry or (case.outcome or {}).get("registry"),
                 "handed_by": args.handed_by or "", "created_at": _dt.date.today().isoformat()}
    # Printed documents carry names and ID numbers unmasked: an operator with the reveal
    # permission (--operator), audited under their name with the file's name.
    from shared.cli.login import actor
    who = actor(args, store) or store.operator  # nobody named: the OS user, refused where operators are enrolled
    pdf = render_unmasked(store, who, args.kind, case, business, batch=batch, cases=pairs,
                          place=args.place, target=Path(args.out).name)
    _write_atomic(args.out, pdf)
    print("已生成 {}：{}（{} 字节）".format(DOCUMENT_KINDS[args.kind], args.out, len(pdf)), file=sys.stdout)

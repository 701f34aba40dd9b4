"""``yizhan idcard ...``: read a card (masked) and show the reader's SAM id.

``--port`` takes what the factory takes: ``auto`` (default), ``emulator``, ``/dev/ttyUSB0``,
``serial:PORT`` or ``sdk:/path/lib.so``. Names and ID numbers are always printed masked.
"""

from __future__ import annotations

import argparse
import datetime as _dt

from shared.i18n import tr


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``idcard`` command group."""
    parser = subparsers.add_parser("idcard", help="二代身份证读卡器 / ID card reader")
    sub = parser.add_subparsers(dest="idcard_command", metavar="ACTION")
    read = sub.add_parser("read", help="读卡并显示（脱敏）/ read a card, masked")
    read.add_argument("--port", default="auto",
                      help="auto | emulator | /dev/ttyUSB0 | serial:PORT | sdk:/path/lib.so")
    read.add_argument("--timeout", type=float, default=10.0,
                      help="seconds to wait for a card (default 10)")
    read.set_defaults(func=cmd_read)
    sam = sub.add_parser("sam", help="显示读卡器安全模块编号 / show the SAM id")
    sam.add_argument("--port", default="auto")
    sam.set_defaults(func=cmd_sam)
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])


def _reader_line(reader: object) -> str:
    if getattr(reader, "simulated", False):
        return tr("读卡器：模拟读卡器（演示证件，非真实身份）")
    return tr("读卡器：{name}", name=getattr(reader, "description", "?"))


def cmd_read(args: argparse.Namespace) -> int:
    """Read one card and print it masked; exit 1 with a readable message on failure."""
    from shared.devices.idcard.factory import open_reader
    reader = open_reader(args.port)
    try:
        print(_reader_line(reader))
        card = reader.read_card(timeout=args.timeout)
    finally:
        reader.close()
    shown = card.masked_dict()
    expired = card.is_expired(_dt.date.today())
    print(tr("证件类型：{value}", value=tr(card.card_type.label)))
    print(tr("姓名：{value}", value=shown["name"]))
    print(tr("性别：{value}", value=shown["sex"]))
    if card.ethnicity:
        print(tr("民族：{value}", value=shown["ethnicity"]))
    if shown["birth_year"]:
        print(tr("出生年份：{value}", value=shown["birth_year"]))
    if card.address:
        print(tr("住址：{value}", value=shown["address"]))
    print(tr("证件号码：{value}", value=shown["id_number"]))
    if card.authority:
        print(tr("签发机关：{value}", value=card.authority))
    print(tr("有效期限：{value}", value=shown["validity"]))
    print(tr("状态：{value}", value=tr("已过期") if expired else tr("有效")))
    print(tr("照片：{value}", value=shown["photo"]))
    return 0


def cmd_sam(args: argparse.Namespace) -> int:
    """Print the SAM id of the reader."""
    from shared.devices.idcard.factory import open_reader
    reader = open_reader(args.port)
    try:
        print(_reader_line(reader))
        print("SAM: " + reader.sam_id())
    finally:
        reader.close()
    return 0

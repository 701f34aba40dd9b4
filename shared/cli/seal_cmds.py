"""``yizhan seal check`` and ``yizhan seal documents``: the bank's electronic seal (USB key).

``seal check`` says which driver and key are found and whether the PIN is locked; with
``--pin-file`` it also logs in and shows whose certificate the key holds and until when.
``seal documents --case ID`` generates the case's documents as the counter does
(``CaseSession.generate_documents``), sealed when ``--pin-file`` gives the key's PIN, else
for the officer's hand signature. The PIN is read from a file or standard input (``-``, the
line after the operator's password), never an argument, and never printed or logged.
"""

from __future__ import annotations

import sys
from pathlib import Path

from shared.documents.seal import MAX_PIN, SealError
from shared.i18n import Msg, tr


def _read_pin(source: str | None) -> str | None:
    if not source:
        return None
    if source == "-":
        return sys.stdin.readline(MAX_PIN + 2).rstrip("\r\n")
    try:
        with open(source, encoding="utf-8") as fh:
            return fh.readline(MAX_PIN + 2).rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        raise SealError(Msg("seal.pin_file", "无法读取 PIN 文件 {path}", {"path": source})) from None


def _settings(args):
    from shared.config import Settings
    return Settings.load(Path(args.config_dir))


def _option(args, settings, name: str) -> str | None:
    return getattr(args, name, None) or settings.get("seal." + name) or None


def cmd_check(args) -> int:
    from shared.documents.seal import check_token

    settings = _settings(args)
    info = check_token(_read_pin(args.pin_file), module=_option(args, settings, "module"),
                       token=_option(args, settings, "token"), key=_option(args, settings, "key"))
    print("{}: {}".format(tr("驱动"), info["module"]))
    print("{}: {}（{} {}）".format(tr("密钥"), info["token"], info["manufacturer"], info["model"]))
    state = (tr("已锁定") if info["pin_locked"] else tr("最后一次机会") if info["pin_final_try"]
             else tr("曾输错") if info["pin_count_low"] else tr("正常"))
    print("{}: {}".format(tr("PIN 状态"), state))
    if "organisation" in info:
        print("{}: {}".format(tr("印章单位"), info["organisation"]))
        print("{}: {}".format(tr("证书有效期至"), info["not_after"]))
    return 1 if info["pin_locked"] else 0


def cmd_documents(args) -> int:
    from shared.cli.login import actor
    from shared.config import default_data_dir
    from shared.documents.seal import TokenSealer
    from shared.masterdata import current_catalog
    from shared.store import Store
    from shared.workflow.session import CaseSession

    catalog = current_catalog(args.data_dir or default_data_dir())
    with Store.open(args.data_dir) as store:
        operator = actor(args, store)
        session = CaseSession.open(store, catalog, args.case, operator=operator, place=args.place)
        pin = _read_pin(args.pin_file)
        if pin is None:
            docs = session.generate_documents()
        else:
            settings = _settings(args)
            with TokenSealer.from_settings(settings, pin) as sealer:
                docs = session.generate_documents(sealer)
    for doc in docs:
        print("{} {} {}".format(doc.kind, doc.blob_id,
                                tr("已加盖电子印章") if doc.meta.get("sealed") else tr("待经办人手写签名")))
    return 0


def register(sub) -> None:
    """Add the ``seal`` command."""
    seal = sub.add_parser("seal", help="银行电子印章（USB 密钥） / the bank's electronic seal").add_subparsers(
        dest="seal_cmd", metavar="ACTION")
    p = seal.add_parser("check", help="检查 USB 密钥 / test the USB key")
    p.add_argument("--module", default=None, help="PKCS#11 驱动文件 / PKCS#11 driver (default: setting seal.module)")
    p.add_argument("--token", default=None, help="密钥标签 / token label")
    p.add_argument("--key", default=None, help="印章证书与私钥的标签 / key and certificate label")
    p.add_argument("--pin-file", default=None, metavar="FILE",
                   help="含 PIN 的文件（'-'：标准输入），给出则登录并读取证书 / PIN file ('-': stdin): log in")
    p.set_defaults(func=cmd_check)
    p = seal.add_parser("documents", help="生成案件文档并加盖电子印章 / generate a case's documents, sealed")
    p.add_argument("--case", required=True, metavar="ID", help="案件业务号 / case id")
    p.add_argument("--place", default=None, help="询问地点 / interview place")
    p.add_argument("--pin-file", default=None, metavar="FILE",
                   help="含 PIN 的文件（'-'：标准输入）；不给出则由经办人手写签名 / PIN file; none: signed by hand")
    p.set_defaults(func=cmd_documents)

"""``yizhan enroll``, ``yizhan case submit``, ``yizhan sync`` and ``yizhan queue``."""

from __future__ import annotations

import argparse

from shared.i18n import render_record, tr


def _store(args):
    from shared.cli.progress import open_store
    return open_store(args.data_dir)


def _settings(store):
    from pathlib import Path
    from shared.masterdata import effective_settings
    return effective_settings(Path(store.path).parent)  # what the registry manages wins


MAX_CODE_FILE_BYTES = 4096


def _enroll_code(args) -> str:
    """The one-time code, given on the command line or in a file (kept out of shell history)."""
    from pathlib import Path
    from shared.errors import SyncError
    from shared.i18n import Msg
    if args.code:
        return args.code
    from shared.errors import small_file_text
    # a code is short: a regular file of at most 4 KB (never /dev/zero, never a FIFO)
    text, err = small_file_text(Path(args.code_file), MAX_CODE_FILE_BYTES, "ascii")
    if err is not None:
        raise SyncError(Msg("sync.code_file", "无法读取注册码文件 {path}：{err}",
                            {"path": str(args.code_file)[:200], "err": err}), retryable=False)
    code = text.strip()
    if not code:
        raise SyncError(Msg("sync.code_file_empty", "注册码文件 {path} 是空的", {"path": str(args.code_file)}),
                        retryable=False)
    return code


def cmd_enroll(args) -> int:
    from shared.sync import crypto, enrollment
    with _store(args) as store:
        ident = enrollment.load(store)
        same = (ident is not None and ident.server_url == args.server.rstrip("/") and args.ca_fingerprint
                and ident.ca_fingerprint == crypto.normalize_fingerprint(args.ca_fingerprint))
        if args.if_needed and same:
            print(tr("本机已在该服务器注册，无需重新注册"))
        else:
            suite = args.suite or _settings(store).get("crypto_suite", "default")
            ident = enrollment.enroll(store, args.server, _enroll_code(args), args.ca_fingerprint, tofu=args.tofu,
                                      suite=suite)
    print("{}: {}".format(tr("设备编号"), ident.device_id))
    print("{}: {}".format(tr("服务器证书指纹"), ident.ca_fingerprint))
    print("{}: {}".format(tr("密码套件"), ident.suite))
    return 0


def cmd_submit(args) -> int:
    from shared.errors import ValidationError
    from shared.sync.outbox import Outbox
    from shared.cli.login import actor
    with _store(args) as store:
        try:
            item = Outbox(store, _settings(store)).submit(args.id, actor=actor(args, store))
        except ValidationError as err:
            print(err.msg.render())
            for msg in err.errors.values():  # each step that is not done, in the order of the workflow
                print("  - {}".format(msg.render()))
            return 1
    print("{}\t{}\t{} bytes".format(item.packet_id, item.state, item.size))
    return 0


def cmd_sync(args) -> int:
    from shared.sync.service import SyncService

    def progress(p):
        if p.current_total:
            print("  {} {}/{} bytes".format(p.current_packet, p.current_sent, p.current_total), flush=True)

    def outcome(ev):
        print("  {} -> {}".format(ev.packet_id, ev.kind), flush=True)
    with _store(args) as store:
        svc = SyncService(store, _settings(store), on_progress=progress, on_outcome=outcome)
        report = svc.run_once(force=True)
        p = svc.progress
    state = tr("在线") if report.online else tr("离线")
    print("{}: {}  {}: {}  {}: {}".format(tr("连接"), state, tr("待上传"), p.queue_length, tr("剩余字节"), p.bytes_left))
    if report.error:
        print(report.error.msg.render())
        return 0 if report.error.retryable else 1
    return 0


def cmd_queue(args) -> int:
    from shared.security.masking import scrub
    from shared.sync.outbox import Outbox
    from shared.sync.summary import describe
    with _store(args) as store:
        outbox = Outbox(store, _settings(store))
        if args.retry or args.clear:
            from shared.cli.login import actor
            who = actor(args, store)
            item = outbox.retry(args.retry, actor=who) if args.retry else outbox.clear(args.clear, args.reason, actor=who)
            print("{}\t{}".format(item.packet_id, item.state))
            return 0
        items = outbox.items()
    for it in items:
        line = "\t".join([it.packet_id, it.state, "{}/{}".format(it.offset, it.size), describe(it),
                          render_record(it.last_error)[:80] if it.last_error else ""])
        print(scrub(line))  # nothing personal in clear, even from a server message
    return 0


def cmd_progress(args) -> int:
    from shared.sync.service import SyncService
    from shared.sync.summary import item_label
    with _store(args) as store:
        results = SyncService(store, _settings(store)).client().progress_query(args.query).get("results") or []
    for r in results:
        steps = " -> ".join("{} {}".format(item_label(h.get("kind", "")), h.get("at", "")) for h in r.get("history") or [])
        print("\t".join([r.get("case_id", ""), "r{}".format(r.get("revision", "")), item_label(r.get("stage", "")),
                         r.get("receipt_number", ""), steps]))
    if not results:
        print(tr("没有找到该业务的办理记录。"))
    return 0 if results else 1


def _case_parser(sub) -> argparse._SubParsersAction:
    """The ``case`` command's sub-commands (created by case_cmds, or here if absent)."""
    case = sub.choices.get("case") if hasattr(sub, "choices") else None
    if case is None:
        case = sub.add_parser("case", help="cases in the store")
        return case.add_subparsers(dest="case_cmd", metavar="ACTION")
    for action in case._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return case.add_subparsers(dest="case_cmd", metavar="ACTION")


def register(sub) -> None:
    p = sub.add_parser("enroll", help="register this device with a registration server")
    p.add_argument("--server", required=True, help="server URL, e.g. https://127.0.0.1:8443")
    code = p.add_mutually_exclusive_group(required=True)
    code.add_argument("--code", help="one-time enrollment code")
    code.add_argument("--code-file", help="a file holding the one-time enrollment code")
    p.add_argument("--if-needed", action="store_true",
                   help="do nothing when this store is already enrolled with this server and CA")
    p.add_argument("--ca-fingerprint", help="SHA-256 fingerprint of the server CA (printed by the server)")
    p.add_argument("--tofu", action="store_true", help="trust the CA on first use (shows its fingerprint)")
    p.add_argument("--suite", choices=("default", "gm"),
                   help="crypto suite: default (Ed25519/RSA/AES) or gm (SM2/SM3/SM4); default: the crypto_suite setting")
    p.set_defaults(func=cmd_enroll)
    p = _case_parser(sub).add_parser("submit", help="freeze, encrypt, sign and enqueue a complete case")
    p.add_argument("id")
    p.set_defaults(func=cmd_submit)
    p = sub.add_parser("sync", help="one sync pass: upload, then pull answers")
    p.set_defaults(func=cmd_sync)
    p = sub.add_parser("queue", help="packets in the outbox and their answers (masked)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--retry", metavar="PACKET", help="send a failed packet again, rebuilt under a fresh id if its file is damaged (needs --operator)")
    what.add_argument("--clear", metavar="PACKET",
                      help="withdraw a failed packet, the case back to draft (a supervisor: --operator, --reason)")
    p.add_argument("--reason", default="", help="why the packet is cleared (audited)")
    p.set_defaults(func=cmd_queue)
    p = sub.add_parser("progress", help="ask the server how a business stands (business number, name or ID number)")
    p.add_argument("query")
    p.set_defaults(func=cmd_progress)

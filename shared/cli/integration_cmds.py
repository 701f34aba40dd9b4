"""``yizhan integration serve|token|secret|deliver``: the bank-system integration, run by hand
or as a service, with the same code the counter runs in its background threads."""

from __future__ import annotations

import argparse

from shared.i18n import tr


def _open(args):
    from shared.config import Settings
    from shared.store import Store
    return Store.open(args.data_dir), Settings.load(args.config_dir)


def _require_manage(args, store, command: str) -> None:
    from shared.cli.login import actor
    from shared.domain.operators import Permission
    from shared.store.operators import require
    require(store, actor(args, store), Permission.MANAGE, command)


def cmd_serve(args) -> int:
    import threading
    from shared.integration.credentials import token_info
    from shared.integration.service import IntegrationService
    store, settings = _open(args)
    with store:
        info = token_info(store)
        if info is None or info.revoked:
            print(tr("尚无有效的访问令牌：请管理员先运行“yizhan integration token --new”"))
        service = IntegrationService(store, settings, args.data_dir, port=args.port).start()
        print("{}: {}".format(tr("本机接口地址"), service.server.url), flush=True)
        try:
            threading.Event().wait(args.seconds if args.seconds else None)
        except KeyboardInterrupt:
            pass
        finally:
            service.stop()
    return 0


def cmd_token(args) -> int:
    from shared.integration import credentials
    store, settings = _open(args)
    with store:
        if args.new or args.revoke:
            _require_manage(args, store, "integration_token")
        if args.new:
            token = credentials.new_token(store, args.days or settings.get("integration.token_days", 365))
            info = credentials.token_info(store)
            print(tr("新的访问令牌（只显示这一次，请填入银行信贷系统；旧令牌已失效）："))
            print(token)
            print("{}: {}".format(tr("有效期至"), info.expires_at if info else ""))
            return 0
        if args.revoke:
            print(tr("访问令牌已吊销") if credentials.revoke_token(store) else tr("没有可吊销的访问令牌"))
            return 0
        info = credentials.token_info(store)
        if info is None:
            print(tr("尚无访问令牌"))
            return 1
        state = tr("已吊销") if info.revoked else tr("有效期至 {at}", at=info.expires_at)
        print("{} {}: {}".format(tr("访问令牌"), info.token_id, state))
    return 0


def cmd_secret(args) -> int:
    from shared.integration import credentials
    store, _settings = _open(args)
    with store:
        _require_manage(args, store, "integration_secret")
        if args.new:
            secret = credentials.new_secret(store)
            print(tr("新的签名密钥（银行系统用它核对结果通知的签名；旧密钥已失效）："))
        else:
            secret = credentials.signing_secret(store).hex()
            store.transaction(lambda tx: tx.audit("integration_secret_show", None, ""))
        print(secret)
    return 0


def cmd_deliver(args) -> int:
    from shared.integration.outcomes import OutcomeNotifier, pending_count
    store, settings = _open(args)
    with store:
        notifier = OutcomeNotifier.from_settings(store, settings)
        if not notifier.configured:
            print(tr("未配置结果通知地址（integration.webhook_url）或投递目录（integration.drop_dir）"))
            return 1
        report = notifier.deliver_due()
        counts = pending_count(store)
    print(tr("已送达 {d} 条，写入投递目录 {f} 条，未送达 {n} 条；待送达共 {p} 条",
             d=len(report.delivered), f=len(report.dropped), n=len(report.failed), p=counts["pending"]))
    return 0 if not report.failed else 3


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("integration", help="the bank's credit system: local API, token, outcome notifications")
    isub = p.add_subparsers(dest="integration_command", metavar="SUBCOMMAND", required=True)
    s = isub.add_parser("serve", help="serve the local API on 127.0.0.1 and deliver outcomes")
    s.add_argument("--port", type=int, default=None, help="port (default: setting integration.port)")
    s.add_argument("--seconds", type=float, default=0, help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_serve)
    t = isub.add_parser("token", help="show, make (--new) or revoke (--revoke) the API token")
    g = t.add_mutually_exclusive_group()
    g.add_argument("--new", action="store_true", help="make a new token (printed once; the old one stops working)")
    g.add_argument("--revoke", action="store_true", help="revoke the current token")
    t.add_argument("--days", type=int, default=None, help="validity in days (default: setting integration.token_days)")
    t.set_defaults(func=cmd_token)
    k = isub.add_parser("secret", help="print (or --new: replace) the secret that signs outcome notifications")
    k.add_argument("--new", action="store_true")
    k.set_defaults(func=cmd_secret)
    d = isub.add_parser("deliver", help="deliver the outcome notifications now due, once")
    d.set_defaults(func=cmd_deliver)

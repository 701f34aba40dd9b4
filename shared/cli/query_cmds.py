"""``yizhan query authorize|registry|filing``: the bank's registry query under the owner's authorization.

``authorize`` sets the letter's matters entrusted, date and time limit in the case (the owners
then sign it at the counter); ``registry`` and ``filing`` query within it (refused outside it,
here and by the registry, audited with the purpose) and write the 查询结果证明 PDF with ``--out``
to print. The same core code as the counter (:mod:`shared.workflow.registry_query`).
"""

from __future__ import annotations

import os
from pathlib import Path

from shared.config import default_data_dir
from shared.i18n import tr
from shared.masterdata import current_catalog


def _session(args, store):
    from shared.cli.login import actor
    from shared.workflow.session import CaseSession
    catalog = current_catalog(args.data_dir or default_data_dir())
    return CaseSession.open(store, catalog, args.id, operator=actor(args, store))


def cmd_authorize(args) -> int:
    from shared.store import Store
    with Store.open(args.data_dir) as store:
        case = _session(args, store).set_authorization(args.matters.split(","), args.date, args.until)
    print("{}: {} {} ~ {}".format(tr("授权已设置"), ",".join(case.get("authorization.matters")),
                                  case.get("authorization.date"), case.get("authorization.valid_until")))
    return 0


def _write_private(path: Path, data: bytes) -> None:
    """Write the certificate for printing (owner-only permissions: it names the property)."""
    fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _query(args, kind: str) -> int:
    from shared.store import Store
    from shared.sync import enrollment
    from shared.sync.client import SyncClient
    from shared.workflow.registry_query import describe
    with Store.open(args.data_dir) as store:
        session = _session(args, store)
        client = SyncClient(enrollment.require(store))
        try:
            outcome = session.query_registry(client, kind, args.purpose,
                                             contract_number=getattr(args, "contract", None))
        finally:
            client.close()
    print("{}: {}".format(tr("查询编号"), outcome.query_id))
    print(describe(outcome).render())
    if args.out:
        _write_private(Path(args.out), outcome.certificate)
        print("{}: {}".format(tr("查询结果证明已保存"), args.out))
    return 0


def cmd_registry(args) -> int:
    return _query(args, "registry")


def cmd_filing(args) -> int:
    return _query(args, "contract_filing")


def register(sub) -> None:
    from shared.domain.authorization import MATTERS, PURPOSES
    query = sub.add_parser("query", help="registry query under the owner's authorization").add_subparsers(
        dest="query_cmd", metavar="ACTION")
    p = query.add_parser("authorize", help="set the authorization letter's matters, date and time limit")
    p.add_argument("id", help="case id")
    p.add_argument("--matters", required=True, help="comma-separated: " + ",".join(MATTERS))
    p.add_argument("--date", required=True, help="date of the letter (YYYY-MM-DD)")
    p.add_argument("--until", required=True, help="last day the bank may query (YYYY-MM-DD)")
    p.set_defaults(func=cmd_authorize)
    for name, func, text in (("registry", cmd_registry, "query the property's registration information"),
                             ("filing", cmd_filing, "query the filed sale contract (网签备案) and number of homes")):
        p = query.add_parser(name, help=text)
        p.add_argument("id", help="case id")
        p.add_argument("--purpose", required=True, choices=sorted(PURPOSES))
        p.add_argument("--out", default=None, help="write the query-result certificate (PDF) here, to print")
        if name == "filing":
            p.add_argument("--contract", default=None, help="contract number (default: the one in the case)")
        p.set_defaults(func=func)

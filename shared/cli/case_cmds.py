"""``yizhan validate``, ``yizhan case import|list|show`` and ``yizhan audit verify``."""

from __future__ import annotations

import json

from shared.domain import identifiers
from shared.domain.catalog import default_catalog
from shared.errors import ValidationError
from shared.i18n import tr
from shared.security.masking import display_party, display_value, mask_id, mask_name

KINDS = {
    "resident-id": identifiers.validate_resident_id,
    "credit-code": identifiers.validate_credit_code,
    "unit-number": identifiers.validate_unit_number,
    "phone": identifiers.validate_phone,
}


def _store(args):
    from shared.store import Store
    return Store.open(args.data_dir)


def cmd_validate(args) -> int:
    msg = KINDS[args.kind](args.value)
    if msg is None:
        print("valid")
        return 0
    print(msg.render())
    return 1


def cmd_import(args) -> int:
    from shared.domain.importer import load_import, save_import
    try:
        result = load_import(args.file)
    except ValidationError as err:
        print(err.msg.render())
        for path, msg in sorted(err.errors.items()):
            print("  {}: {}".format(path, msg.render()))
        return 1
    with _store(args) as store:
        case = save_import(store, result)
    print(case.id)
    return 0


def cmd_list(args) -> int:
    catalog = default_catalog()
    with _store(args) as store:
        rows = store.list_cases(args.query or "", args.state, args.business, limit=args.limit)
    for r in rows:
        biz = catalog.businesses.get(r.business_code)
        print("\t".join([r.id, r.state.label, biz.name if biz else r.business_code,
                         mask_name(r.first_party_name), mask_id(r.first_party_id), r.updated_at]))
    return 0


def cmd_show(args) -> int:
    catalog = default_catalog()
    with _store(args) as store:
        case = store.get_case(args.id)
        pages = store.blobs.list(case.id)
    biz = catalog.business(case.business_code)
    print("{}: {}".format(tr("业务编号"), case.id))
    print("{}: {}（{}）".format(tr("业务类型"), biz.name, case.business_code))
    print("{}: {}  {}: {}".format(tr("状态"), case.state.label, tr("版本"), case.revision))
    for p in case.parties:
        role = next((r.name for r in biz.roles if r.role == p.role), p.role)
        print("  {} {}".format(role, " ".join(display_party(p))))
    for fd in biz.fields:
        value = case.get(fd.key)
        if value not in (None, ""):
            print("  {}: {}".format(fd.label, display_value(fd, value)))
    for info in pages:
        print("  [{}] {} {} bytes".format(info.kind, info.slot, info.size))
    if case.outcome:
        print("{}: {}".format(tr("结果"), json.dumps(case.outcome, ensure_ascii=False)))
    return 0


def cmd_audit_verify(args) -> int:
    anchored: list = []
    with _store(args) as store:
        report = store.verify_audit()
        if getattr(args, "against_server", False):
            from shared.sync import enrollment
            from shared.sync.anchor import verify_against_server
            from shared.sync.client import SyncClient
            client = SyncClient(enrollment.require(store))
            try:
                client.audit_heartbeat(store.audit_head())  # the server compares the head as of now
                anchored = verify_against_server(store, client)
            finally:
                client.close()
    if report.ok and not anchored:
        print("ok: {} rows".format(report.rows) + (" (server anchor agrees)" if getattr(args, "against_server", False) else ""))
        return 0
    print("TAMPERED: {} rows checked".format(report.rows))
    for p in report.problems:
        print("  " + p)
    for msg in anchored:
        print("  " + msg.render())
    return 1


def register(sub) -> None:
    p = sub.add_parser("validate", help="validate an identifier")
    p.add_argument("kind", choices=sorted(KINDS))
    p.add_argument("value")
    p.set_defaults(func=cmd_validate)

    case = sub.add_parser("case", help="cases in the store").add_subparsers(dest="case_cmd", metavar="ACTION")
    p = case.add_parser("import", help="import a case from a bank-system JSON file")
    p.add_argument("file")
    p.set_defaults(func=cmd_import)
    p = case.add_parser("list", help="list cases (masked)")
    p.add_argument("--query", "-q", default="")
    p.add_argument("--state")
    p.add_argument("--business")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(func=cmd_list)
    p = case.add_parser("show", help="show one case (masked)")
    p.add_argument("id")
    p.set_defaults(func=cmd_show)

    audit = sub.add_parser("audit", help="the audit log").add_subparsers(dest="audit_cmd", metavar="ACTION")
    p = audit.add_parser("verify", help="check the hash chain of the audit log")
    p.add_argument("--against-server", action="store_true",
                   help="also compare the chain's head with the anchor the registration server keeps")
    p.set_defaults(func=cmd_audit_verify)

"""``yizhan validate``, ``yizhan case import|list|show`` and ``yizhan audit verify|export``.

``case show --reveal REASON`` shows full names and ID numbers to an operator with the reveal
permission (``--operator``), audited with the reason; everything else prints masked."""

from __future__ import annotations

import json

from shared.config import default_data_dir
from shared.domain import identifiers
from shared.errors import ValidationError
from shared.i18n import tr
from shared.masterdata import current_catalog
from shared.security.masking import display_party, display_value, mask_id, mask_name

KINDS = {
    "resident-id": identifiers.validate_resident_id,
    "credit-code": identifiers.validate_credit_code,
    "unit-number": identifiers.validate_unit_number,
    "phone": identifiers.validate_phone,
}


def _store(args):
    from shared.cli.progress import open_store
    return open_store(args.data_dir)


def cmd_validate(args) -> int:
    msg = KINDS[args.kind](args.value)
    if msg is None:
        print("valid")
        return 0
    print(msg.render())
    return 1


def cmd_import(args) -> int:
    """Import a loan's data: an import JSON, a text file holding the compact (QR) form, or a
    photo / scan of the loan approval sheet; the same loan imported again prints the id of
    the draft made the first time (and says so on stderr)."""
    import sys

    from shared.domain.importer import parse_import_bytes
    from shared.workflow.bank_desk import payload_of_file, save_loan
    catalog = current_catalog(args.data_dir or default_data_dir())
    try:
        data, base = payload_of_file(args.file)
        result = parse_import_bytes(data, base, catalog)  # checked before the store opens
        with _store(args) as store:
            from shared.cli.login import actor
            case, existed = save_loan(store, catalog, result, actor(args, store))
    except ValidationError as err:
        print(err.msg.render())
        for path, msg in sorted(err.errors.items()):
            print("  {}: {}".format(path, msg.render()))
        return 1
    if existed:
        print(tr("该笔贷款已导入过，已打开原草稿 {id}", id=case.id), file=sys.stderr)
    print(case.id)
    return 0


def cmd_list(args) -> int:
    catalog = current_catalog(args.data_dir or default_data_dir())
    with _store(args) as store:
        rows = store.list_cases(args.query or "", args.state, args.business, limit=args.limit)
    for r in rows:
        biz = catalog.businesses.get(r.business_code)
        print("\t".join([r.id, r.state.label, biz.name if biz else r.business_code,
                         mask_name(r.first_party_name), mask_id(r.first_party_id), r.updated_at]))
    return 0


def cmd_show(args) -> int:
    catalog = current_catalog(args.data_dir or default_data_dir())
    revealed: dict[str, dict] = {}
    with _store(args) as store:
        case = store.get_case(args.id)
        pages = store.blobs.list(case.id)
        if args.reveal:
            from shared.cli.login import actor
            from shared.workflow.session import CaseSession
            session = CaseSession(store, catalog, case, operator=actor(args, store))
            revealed = {p.party_id: session.reveal(p.party_id, args.reveal) for p in case.parties}
    biz = catalog.business(case.business_code)
    print("{}: {}".format(tr("业务编号"), case.id))
    print("{}: {}（{}）".format(tr("业务类型"), biz.name, case.business_code))
    print("{}: {}  {}: {}".format(tr("状态"), case.state.label, tr("版本"), case.revision))
    for p in case.parties:
        role = next((r.name for r in biz.roles if r.role == p.role), p.role)
        clear = revealed.get(p.party_id)
        shown = [clear["name"], clear["id_number"]] if clear else display_party(p)
        print("  {} {}".format(role, " ".join(shown)))
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
    if args.export:
        from shared.sync import audit_export, enrollment
        key = None
        with _store(args) as store:
            ident = enrollment.load(store)
            key = ident.device_public_b64 if ident else None
        problems = audit_export.verify_export(args.export, key)
        if not problems:
            print("ok: {}".format(args.export))
            return 0
        print("TAMPERED: {}".format(args.export))
        for p in problems:
            print("  " + p)
        return 1
    anchored: list = []
    with _store(args) as store:
        report = store.verify_audit()
        if getattr(args, "against_server", False):
            from shared.sync import enrollment
            from shared.sync.anchor import heartbeat, verify_against_server
            from shared.sync.client import SyncClient
            client = SyncClient(enrollment.require(store))
            try:
                heartbeat(store, client)  # the server compares the chain as of now
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


def cmd_audit_export(args) -> int:
    from shared.cli.login import actor
    from shared.sync.audit_export import AuditFilter, export
    with _store(args) as store:
        who = actor(args, store)
        sig = export(store, args.out, AuditFilter(args.by, args.case, args.action, args.since, args.until), who)
    print("{}\t{} rows\tsha256 {}".format(args.out, sig["statement"]["rows"], sig["statement"]["sha256"]))
    return 0


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
    from shared.domain.operators import REVEAL_REASONS
    p.add_argument("--reveal", choices=sorted(REVEAL_REASONS), default=None,
                   help="show full names and ID numbers (needs --operator with the reveal permission; audited)")
    p.set_defaults(func=cmd_show)

    audit = sub.add_parser("audit", help="the audit log").add_subparsers(dest="audit_cmd", metavar="ACTION")
    p = audit.add_parser("verify", help="check the hash chain of the audit log, or a signed export")
    p.add_argument("--export", default=None, help="an exported CSV file (its .sig beside it)")
    p.add_argument("--against-server", action="store_true",
                   help="also compare the chain's head with the anchor the registration server keeps")
    p.set_defaults(func=cmd_audit_verify)
    p = audit.add_parser("export", help="export the audit log as CSV + detached signature (needs --operator)")
    p.add_argument("out")
    p.add_argument("--since", default="")
    p.add_argument("--until", default="")
    p.add_argument("--by", default="", help="operator (staff id or name)")
    p.add_argument("--case", default="")
    p.add_argument("--action", default="")
    p.set_defaults(func=cmd_audit_export)

"""The audit log for people: filtered pages for the viewer, and signed exports.

An export is a CSV file (one row per audit row, oldest first, with each row's chain hash) and
a detached signature ``<file>.sig``: JSON naming the device, who exported, the period and the
file's SHA-256, signed with the device key (Ed25519). :func:`verify_export` checks the file
against its signature and, given this device's enrollment, that the key is this device's.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from shared.domain.case import now_iso
from shared.domain.operators import OperatorSession, Permission, operator_label
from shared import platform
from shared.config import atomic_write, atomic_writer
from shared.errors import ValidationError, file_error_msg
from shared.i18n import Msg
from shared.store.audit_query import AuditFilter
from shared.store.audit_query import actions as _actions
from shared.store.audit_query import export_rows
from shared.store.audit_query import page as _page
from shared.store.operators import require

__all__ = ["AuditFilter", "actions", "export", "page", "verify_export"]
from shared.sync import crypto, enrollment

FORMAT = "yizhan-audit-export/1"
HEADER = ["seq", "at", "operator", "action", "case_id", "detail", "hash"]


def page(store, flt: AuditFilter, limit: int = 200, before_seq: int | None = None,
         actor: OperatorSession | str | None = None) -> list[tuple]:
    """Newest first: (seq, at, operator, action, case_id, detail) of up to ``limit`` rows; reading
    the log needs the audit permission (supervisors, admins)."""
    require(store, actor, Permission.EXPORT_AUDIT, "audit_view")
    return store.run(lambda conn: _page(conn, flt, limit, before_seq))


def actions(store) -> list[str]:
    """The actions the log holds (for the viewer's filter)."""
    return store.run(_actions)


def export(store, out: Path, flt: AuditFilter, actor: OperatorSession | str | None = None) -> dict[str, Any]:
    """Write the rows ``flt`` selects to ``out`` (CSV) and ``out.sig``; needs the export
    permission and an enrolled device (its key signs). Audited. Returns the signature document."""
    require(store, actor, Permission.EXPORT_AUDIT, "audit_export")
    ident = enrollment.require(store)
    out = Path(out)

    def work(conn) -> tuple[int, str]:
        digest = hashlib.sha256()
        rows = 0
        # the one safe writer: regular-file output only, private, the temp removed on every error
        with atomic_writer(out, mode=0o600) as fh:
            head = (",".join(HEADER) + "\r\n").encode("utf-8")
            digest.update(head)
            fh.write(head)
            for chunk in export_rows(conn, flt):
                rows += len(chunk)
                data = "".join(["{},{},{},{},{},{},{}\r\n".format(seq, at, _cell(op), _cell(action), case_id,
                                                                     _cell(detail), h)
                                for seq, at, op, action, case_id, detail, h in chunk]).encode("utf-8")
                digest.update(data)
                fh.write(data)
        return rows, digest.hexdigest()
    sig_path = Path(str(out) + ".sig")
    try:
        if os.path.lexists(sig_path) and not stat.S_ISREG(os.stat(sig_path).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(sig_path))  # before the CSV is written
        rows, sha = store.run(work)
        statement = {"format": FORMAT, "file": out.name, "sha256": sha, "rows": rows, "device_id": ident.device_id,
                     "public_key": ident.device_public_b64, "exported_by": operator_label(actor) or store.operator,
                     "exported_at": now_iso(), "filter": flt.__dict__, "suite": ident.suite}
        body = json.dumps(statement, ensure_ascii=False, sort_keys=True).encode("utf-8")
        sig = {"statement": statement, "signature": crypto.b64e(crypto.sign(ident.device_private, body, ident.suite))}
        atomic_write(sig_path, json.dumps(sig, ensure_ascii=False, indent=1).encode("utf-8"), mode=0o600)
    except OSError as exc:
        raise ValidationError(Msg("audit.export_write", "无法写入审计导出文件 {path}：{err}",
                                  {"path": str(out)[:200], "err": file_error_msg(exc)})) from None
    store.transaction(lambda tx: tx.audit("audit_export", None, "rows={} sha256={}".format(rows, sha[:16]),
                                          operator=operator_label(actor) or None))
    return sig


def _cell(value: str) -> str:
    """A CSV field (RFC 4180: quoted when it holds a comma, a quote or a line break)."""
    if "," in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


MAX_SIG_BYTES = 1 << 20


def verify_export(path: Path, public_key_b64: str | None = None) -> list[str]:
    """The problems of an export (empty: it is intact and signed by the expected device key)."""
    path = Path(path)
    sig_path = Path(str(path) + ".sig")
    if not path.exists() or not sig_path.exists():
        raise ValidationError(Msg("audit.export_missing", "找不到导出文件或其签名文件 {name}", {"name": sig_path.name}))
    try:  # both named by the user: regular files, the signature bounded, never a FIFO or a device
        sig = json.loads(platform.read_regular(sig_path, MAX_SIG_BYTES).decode("utf-8"))
        digest = hashlib.sha256()
        with platform.open_regular(path) as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise ValidationError(Msg("audit.export_read", "无法读取导出文件或其签名文件 {name}：{err}",
                                  {"name": sig_path.name[:120], "err": file_error_msg(exc)})) from None
    except (ValueError, RecursionError):
        sig = None
    if not isinstance(sig, dict) or not isinstance(sig.get("statement") or {}, dict):
        raise ValidationError(Msg("audit.export_sig", "签名文件 {name} 已损坏", {"name": sig_path.name[:120]}))
    statement = sig.get("statement") or {}
    problems = []
    body = json.dumps(statement, ensure_ascii=False, sort_keys=True).encode("utf-8")
    key = statement.get("public_key", "")
    if public_key_b64 and key != public_key_b64:
        problems.append("signed by another device's key")
    try:
        suite = crypto.suite_of(statement.get("suite"))  # exports made before the GM option name none
    except KeyError:
        suite = None
    if suite is None or not crypto.verify(crypto.b64d(key), crypto.b64d(sig.get("signature", "")), body, suite):
        problems.append("the signature does not match its statement")
    if digest.hexdigest() != statement.get("sha256"):
        problems.append("the file was changed after it was signed")
    return problems

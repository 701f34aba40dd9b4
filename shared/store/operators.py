"""The ``operators`` table: the accounts enrolled from the server's operator list.

:class:`OperatorRows` works on the connection of an open :class:`~shared.store.tx.StoreTx`.
The rules (login, lock-out, password change, what is audited) stay in
:mod:`shared.workflow.auth`; nothing here knows a clear password.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from shared.domain.case import now_iso

ROLES_KEY = "operators.roles"        # extra roles the operator list defines (sync_state)
POLICY_KEY = "operators.approval"    # the approval policy the operator list carries (sync_state)
VERSION_KEY = "operators.version"

_COLUMNS = ("staff_id", "name", "roles", "service_point", "password_hash", "first_login", "password_changed_at",
            "disabled", "failures", "locked_until", "last_login_at", "source_version", "updated_at", "valid_until")
_COLS = ", ".join(_COLUMNS)


@dataclass
class OperatorRecord:
    """One enrolled operator (the hash is argon2id-encoded; ``first_login``: it is a one-time code)."""

    staff_id: str
    name: str
    roles: list[str]
    service_point: str
    password_hash: str
    first_login: bool
    password_changed_at: str
    disabled: bool
    failures: int
    locked_until: str
    last_login_at: str
    source_version: str
    updated_at: str
    valid_until: str = ""  # the last day the account may log in ("": no end)

    @classmethod
    def from_row(cls, row) -> "OperatorRecord":
        v = list(row)
        v[2] = json.loads(v[2] or "[]")
        v[5], v[7] = bool(v[5]), bool(v[7])
        return cls(*v)


class OperatorRows:
    """Reads and writes of the operators table on one connection (inside the caller's transaction)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def get(self, staff_id: str) -> OperatorRecord | None:
        row = self._conn.execute("SELECT {} FROM operators WHERE staff_id = ?".format(_COLS), (staff_id,)).fetchone()
        return OperatorRecord.from_row(row) if row else None

    def all(self) -> list[OperatorRecord]:
        return [OperatorRecord.from_row(r) for r in
                self._conn.execute("SELECT {} FROM operators ORDER BY staff_id".format(_COLS))]

    def standing(self, staff_id: str) -> tuple[str, bool, str, str | None] | None:
        """``(roles JSON, disabled, valid_until, the operator list's roles JSON)`` of one account
        in one lookup (None: no such account): what every command checks its session against."""
        return self._conn.execute("SELECT roles, disabled, valid_until, (SELECT value FROM sync_state WHERE key = ?)"
                                  " FROM operators WHERE staff_id = ?", (ROLES_KEY, staff_id)).fetchone()

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM operators").fetchone()[0])

    def upsert(self, staff_id: str, name: str, roles: list[str], service_point: str, disabled: bool,
               source_version: str, at: str, password_hash: str | None = None, first_login: bool = False,
               valid_until: str = "") -> None:
        """Insert or refresh an account from the operator list; a new hash replaces the local one
        only when given (the list's hash changed)."""
        self._conn.execute(
            "INSERT INTO operators(staff_id, name, roles, service_point, password_hash, first_login, disabled,"
            " source_version, updated_at, password_changed_at, valid_until) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(staff_id) DO UPDATE SET name=excluded.name, roles=excluded.roles,"
            " service_point=excluded.service_point, disabled=excluded.disabled,"
            " source_version=excluded.source_version, updated_at=excluded.updated_at, valid_until=excluded.valid_until",
            (staff_id, name, json.dumps(list(roles)), service_point, password_hash or "", int(first_login),
             int(disabled), source_version, at, at, valid_until))
        if password_hash is not None:
            self._conn.execute("UPDATE operators SET password_hash = ?, first_login = ?, password_changed_at = ?,"
                               " failures = 0, locked_until = '' WHERE staff_id = ?",
                               (password_hash, int(first_login), at, staff_id))

    def set_disabled(self, staff_id: str, disabled: bool, at: str) -> None:
        self._conn.execute("UPDATE operators SET disabled = ?, updated_at = ? WHERE staff_id = ?",
                           (int(disabled), at, staff_id))

    def note_failure(self, staff_id: str, locked_until: str) -> int:
        """One more failed login; ``locked_until`` set when given. Returns the failure count."""
        self._conn.execute("UPDATE operators SET failures = failures + 1,"
                           " locked_until = CASE WHEN ? != '' THEN ? ELSE locked_until END WHERE staff_id = ?",
                           (locked_until, locked_until, staff_id))
        row = self._conn.execute("SELECT failures FROM operators WHERE staff_id = ?", (staff_id,)).fetchone()
        return int(row[0]) if row else 0

    def note_success(self, staff_id: str, at: str) -> None:
        self._conn.execute("UPDATE operators SET failures = 0, locked_until = '', last_login_at = ?"
                           " WHERE staff_id = ?", (at, staff_id))

    def set_password(self, staff_id: str, password_hash: str, at: str) -> None:
        self._conn.execute("UPDATE operators SET password_hash = ?, first_login = 0, password_changed_at = ?,"
                           " updated_at = ? WHERE staff_id = ?", (password_hash, at, at, staff_id))


def require(store, actor: Any, permission, command: str, case_id: str | None = None) -> None:
    """Refuse, with an audit row, unless ``actor`` (an
    :class:`~shared.domain.operators.OperatorSession`; None: the one logged in at ``store``,
    ``store.session``) holds ``permission``. A plain name or
    nobody may act only in a store where no operator is enrolled (a fresh installation, tools).

    A session is what its account is now, not what it was at the login: the account is read
    again (one lookup), so an operator disabled, removed or past the account's last day since
    the login is refused, and the permissions are those of the roles the account holds now
    (the operator list may have changed them). A device acting as itself (the kiosk, the
    bank's API: ``session.device``) has no account; its role's permissions hold."""
    from shared.domain.operators import OperatorSession, denied
    if actor is None:  # no one named: whoever is logged in at this store
        actor = getattr(store, "session", None)
    session = actor if isinstance(actor, OperatorSession) else None
    reason = ""
    if session is None:
        if not store.read(lambda tx: tx.operators.count()):
            return
        refusal = denied(permission, None)
    elif session.device:
        if session.can(permission):
            return
        refusal = denied(permission, session)
    else:
        reason, refusal = store.read(lambda tx: _account_refusal(tx, session, permission))
        if refusal is None:
            return
    label = session.label if session is not None else (str(actor or "") or "-")
    detail = "command={} permission={}".format(command, permission.value) + (" reason=" + reason if reason else "")
    store.transaction(lambda tx: tx.audit("permission_denied", case_id, detail, operator=label))
    raise refusal


def _account_refusal(tx, session, permission) -> tuple[str, Any]:
    """``(reason, refusal)`` for ``session`` as its account stands in the store (``("", None)``:
    it may act). One query: the account's roles and state, and the roles the operator list defines."""
    import datetime as _dt

    from shared.domain.operators import PermissionDenied, denied, permissions_of
    from shared.i18n import Msg
    row = tx.operators.standing(session.staff_id)
    if row is None:
        if not tx.operators.count():  # a store without accounts (tools): the session's own roles
            return ("", None) if session.can(permission) else ("", denied(permission, session))
        return "unknown", PermissionDenied(Msg("auth.session_gone", "{name}的工号已不在本机的操作员名单中，操作未执行；请联系管理员",
                                               {"name": session.label}))
    roles_text, disabled, valid_until, extra_text = row
    if disabled:
        return "disabled", PermissionDenied(Msg("auth.session_disabled", "{name}的工号已被停用，操作未执行；请联系管理员",
                                                {"name": session.label}))
    if valid_until and _dt.date.today().isoformat() > valid_until:
        return "expired_account", PermissionDenied(Msg(
            "auth.session_expired", "{name}的工号有效期至 {day} 已到期，操作未执行；请联系管理员",
            {"name": session.label, "day": valid_until}))
    try:
        roles = json.loads(roles_text or "[]")
        extra = json.loads(extra_text) if extra_text else {}
    except ValueError:
        roles, extra = [], {}
    if permission in permissions_of(roles, extra if isinstance(extra, dict) else {}):
        return "", None
    return "", denied(permission, session)  # the roles held now lack it


def _entry_mark(entry: dict[str, Any]) -> str:
    secret = entry.get("password_hash") or entry.get("first_login_code_hash") or ""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()[:16]


# -- enrollment -------------------------------------------------------------------------------
def enroll(store, document: dict[str, Any]) -> dict[str, list[str]]:
    """Keep the accounts of an operator-list document (``{"version", "content": {"operators",
    "roles", "approval"}}``) in the store, in one transaction: new accounts are added, known
    ones refreshed (a new hash on the list replaces the local password), accounts no longer
    listed or marked disabled are disabled. Returns ``{"added", "disabled"}`` staff ids."""
    content = document.get("content") or {}
    version = str(document.get("version", ""))
    listed = {str(e["staff_id"]): e for e in content.get("operators") or [] if e.get("staff_id")}

    def work(tx) -> dict[str, list[str]]:
        at = now_iso()
        added, disabled = [], []
        for staff_id, e in listed.items():
            known = tx.operators.get(staff_id)
            mark = _entry_mark(e)
            new_secret = known is None or known.source_version != mark
            first = not e.get("password_hash") and bool(e.get("first_login_code_hash"))
            tx.operators.upsert(staff_id, str(e.get("name", "")), list(e.get("roles") or []),
                                str(e.get("service_point", "")), bool(e.get("disabled")), mark, at,
                                (e.get("password_hash") or e.get("first_login_code_hash") or "") if new_secret else None,
                                first, str(e.get("valid_until") or ""))
            if known is None:
                added.append(staff_id)
                tx.audit("operator_enrolled", None, "staff_id={} roles={}".format(staff_id, ",".join(e.get("roles") or [])))
            if e.get("disabled") and (known is None or not known.disabled):
                disabled.append(staff_id)
                tx.audit("operator_disabled", None, "staff_id={}".format(staff_id))
        for rec in tx.operators.all():
            if rec.staff_id not in listed and not rec.disabled:
                tx.operators.set_disabled(rec.staff_id, True, at)
                disabled.append(rec.staff_id)
                tx.audit("operator_disabled", None, "staff_id={} reason=unlisted".format(rec.staff_id))
        tx.sync_state.put(ROLES_KEY, dict(content.get("roles") or {}))
        tx.sync_state.put(POLICY_KEY, dict(content.get("approval") or {}))
        tx.sync_state.put(VERSION_KEY, version)
        return {"added": added, "disabled": disabled}
    return store.transaction(work)


def enroll_rows(store, operators: list[tuple[str, str]], roles: tuple[str, ...] = ("officer",)) -> None:
    """Bulk accounts without a password (benchmarks and tools that only need the names)."""
    at = now_iso()
    store.transaction(lambda tx: [tx.operators.upsert(sid, name, list(roles), "", False, "", at)
                                  for sid, name in operators])

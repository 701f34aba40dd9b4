"""Login, lock-out, idle lock and password change of the operators enrolled at this device.

Accounts come from the server's operator list (master data ``operators``: staff id, name,
roles, service point, the argon2id hash of the password or of a first-login code, disabled);
:func:`enroll` keeps them in the store. :class:`Authenticator` checks a login offline against
the stored hash; ``max_failures`` (5) wrong passwords in a row lock the account for
``lock_minutes``; every login, failure, lock, unlock, password change and logout is audited.
A first-login code or an expired password must be changed before the session starts.
:class:`IdleLock` is the clock of the idle lock (the front end hides every personal detail
while it is locked; the open case stays open). Settings (``operators.*``): ``max_failures``,
``lock_minutes``, ``idle_lock_minutes`` (5), ``password_days`` (90).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import os
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from shared.domain.operators import OperatorSession, Permission, permissions_of
from shared.errors import ValidationError, YizhanError
from shared.i18n import Msg
from shared.security.passwords import hash_password, verify_password, weak_reason
from shared.store.operators import ROLES_KEY, enroll
from shared.store.policy import approval_policy

__all__ = ["AuthError", "Authenticator", "IdleLock", "LoginResult", "approval_policy", "enroll"]

DEFAULTS = {"max_failures": 5, "lock_minutes": 15, "idle_lock_minutes": 5, "password_days": 90}


class AuthError(YizhanError):
    """A login or unlock that did not succeed (the message says why and what to do)."""

    default_code = "auth"


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def _iso(t: _dt.datetime) -> str:
    return t.isoformat(timespec="seconds")


def _parse(s: str) -> _dt.datetime | None:
    try:
        return _dt.datetime.fromisoformat(s) if s else None
    except ValueError:
        return None


# -- login ------------------------------------------------------------------------------------
@dataclass
class LoginResult:
    """A login: the session, or (``must_change``) the password must be changed first."""

    session: OperatorSession | None
    must_change: bool = False
    reason: str = ""  # first_login | expired


class Authenticator:
    """The operators of one store: login, unlock, supervisor confirmation, logout."""

    def __init__(self, store, settings=None, clock: Callable[[], _dt.datetime] = _now) -> None:
        self.store = store
        self.settings = settings
        self.clock = clock
        self.current: OperatorSession | None = None
        self.known = 0  # accounts enrolled, as last read (screens ask this, not the store)
        self._unlock_key, self._unlock_tag = b"", b""
        self._lock = threading.RLock()
        self.on_change: list[Callable[[OperatorSession | None], None]] = []

    def setting(self, key: str) -> Any:
        """An ``operators.*`` setting, or its default."""
        value = self.settings.get("operators." + key, None) if self.settings is not None else None
        return DEFAULTS[key] if value is None else value

    def enrolled(self) -> int:
        """How many accounts this device knows (read from the store; kept in :attr:`known`)."""
        self.known = self.store.read(lambda tx: tx.operators.count())
        return self.known

    def actor(self) -> OperatorSession | None:
        """The logged-in operator (the hook every case session asks)."""
        return self.current

    # -- checks shared by login, unlock and the supervisor's confirmation -------------------
    def _audit(self, action: str, staff_id: str, detail: str = "") -> None:
        """An audit row naming the account (``name（staff id）`` when it is enrolled)."""
        def work(tx) -> None:
            rec = tx.operators.get(staff_id) if staff_id else None
            who = "{}（{}）".format(rec.name, rec.staff_id) if rec is not None and rec.name else (staff_id or "-")
            tx.audit(action, None, ("staff_id={} ".format(staff_id) + detail).strip(), operator=who)
        self.store.transaction(work)

    def _check(self, staff_id: str, password: str, purpose: str) -> tuple[Any, _dt.datetime]:
        staff_id = (staff_id or "").strip()
        now = self.clock()
        rec = self.store.read(lambda tx: tx.operators.get(staff_id)) if staff_id else None
        if rec is None:
            self._audit("login_failed", staff_id, "purpose={} reason=unknown".format(purpose))
            raise AuthError(Msg("auth.wrong", "工号或密码不正确"))
        last = max((_parse(r.last_login_at) for r in self.store.read(lambda tx: tx.operators.all())
                    if r.last_login_at), default=None)
        if last is not None and now < last - _dt.timedelta(minutes=10):
            self._audit("clock_back", staff_id, "purpose={}".format(purpose))
            raise AuthError(Msg("auth.clock_back", "本机时间早于上次登录时间，可能被调回；请先校正系统时间再登录"))
        if rec.disabled:
            self._audit("login_failed", staff_id, "purpose={} reason=disabled".format(purpose))
            raise AuthError(Msg("auth.disabled", "该工号已被停用，请联系管理员"))
        if rec.valid_until and now.astimezone().date().isoformat() > rec.valid_until:
            self._audit("login_failed", staff_id, "purpose={} reason=expired_account".format(purpose))
            raise AuthError(Msg("auth.account_expired", "该工号有效期至 {day} 已到期，请联系管理员", {"day": rec.valid_until}))
        locked = _parse(rec.locked_until)
        if locked is not None and now < locked:
            self._audit("login_failed", staff_id, "purpose={} reason=locked".format(purpose))
            raise AuthError(Msg("auth.locked", "密码错误次数过多，账号已锁定至 {until}，请稍后再试或联系主管",
                                {"until": locked.astimezone().strftime("%H:%M")}))
        if not verify_password(rec.password_hash, password or ""):
            max_failures = int(self.setting("max_failures"))
            until = ""
            if rec.failures + 1 >= max_failures:
                until = _iso(now + _dt.timedelta(minutes=float(self.setting("lock_minutes"))))
            count = self.store.transaction(lambda tx: tx.operators.note_failure(staff_id, until))
            self._audit("login_failed", staff_id, "purpose={} reason=password failures={}".format(purpose, count))
            if until:
                self._audit("account_locked", staff_id, "until={}".format(until))
                raise AuthError(Msg("auth.now_locked", "密码连续错误 {n} 次，账号已锁定 {m} 分钟",
                                    {"n": count, "m": self.setting("lock_minutes")}))
            raise AuthError(Msg("auth.wrong_left", "工号或密码不正确（再错 {left} 次将锁定账号）",
                                {"left": max_failures - count}))
        return rec, now

    def _session(self, rec, now: _dt.datetime) -> OperatorSession:
        extra = self.store.read(lambda tx: tx.sync_state.get(ROLES_KEY, {}))
        extra_roles = extra if isinstance(extra, dict) else {}
        return OperatorSession(rec.staff_id, rec.name, tuple(rec.roles), permissions_of(rec.roles, extra_roles),
                               rec.service_point, _iso(now), rec.last_login_at)

    def _expired(self, rec, now: _dt.datetime) -> bool:
        changed = _parse(rec.password_changed_at)
        days = float(self.setting("password_days"))
        return bool(days) and changed is not None and now - changed > _dt.timedelta(days=days)

    # -- the operations -----------------------------------------------------------------------
    def login(self, staff_id: str, password: str) -> LoginResult:
        """Log in (offline). A first-login code or an expired password gives ``must_change``:
        call :meth:`change_password`; the session starts then."""
        with self._lock:
            rec, now = self._check(staff_id, password, "login")
            if rec.first_login or self._expired(rec, now):
                reason = "first_login" if rec.first_login else "expired"
                self._audit("password_change_required", rec.staff_id, "reason={}".format(reason))
                return LoginResult(None, True, reason)
            return LoginResult(self._start(rec, now, password))

    def _start(self, rec, now: _dt.datetime, password: str) -> OperatorSession:
        session = self._session(rec, now)
        # The idle lock's unlock checks a keyed tag of this session's password (the key lives in
        # memory only, for this session): quick, while the stored hash stays memory-hard.
        self._unlock_key = os.urandom(32)
        self._unlock_tag = self._tag(password)
        self.store.transaction(lambda tx: tx.operators.note_success(rec.staff_id, _iso(now)))
        self.current = session
        self.store.operator = session.label
        self.store.session = session
        self._audit("login", rec.staff_id, "roles={}".format(",".join(rec.roles)))
        self._notify()
        return session

    def change_password(self, staff_id: str, old: str, new: str) -> OperatorSession:
        """Change the password (the old one, or the first-login code, checked first) and start
        the session. A weak new password, or one equal to the old, is refused."""
        with self._lock:
            rec, now = self._check(staff_id, old, "password_change")
            weak = weak_reason(new or "", rec.staff_id)
            if weak or new == old:
                raise ValidationError(Msg("auth.weak", "新密码至少 8 位，须同时包含字母和数字，不能包含工号，也不能与原密码相同"))
            encoded = hash_password(new)
            self.store.transaction(lambda tx: tx.operators.set_password(rec.staff_id, encoded, _iso(now)))
            self._audit("password_changed", rec.staff_id)
            rec = self.store.read(lambda tx: tx.operators.get(rec.staff_id))
            return self._start(rec, now, new)

    def unlock(self, password: str) -> OperatorSession:
        """After the idle lock: the logged-in operator's password again (same counting of failures)."""
        with self._lock:
            if self.current is None:
                raise AuthError(Msg("auth.login_needed", "请先登录后再操作"))
            rec = self.store.read(lambda tx: tx.operators.get(self.current.staff_id))
            locked = _parse(rec.locked_until) if rec is not None else None
            if (rec is not None and not rec.disabled and (locked is None or self.clock() >= locked)
                    and self._unlock_tag and hmac.compare_digest(self._tag(password or ""), self._unlock_tag)):
                self._audit("unlock", rec.staff_id)
                return self.current
            rec, _ = self._check(self.current.staff_id, password, "unlock")  # counts the failure, says why
            self._audit("unlock", rec.staff_id)
            return self.current

    def lock(self) -> None:
        """The idle lock engaged (audited)."""
        if self.current is not None:
            self._audit("idle_lock", self.current.staff_id)

    def confirm(self, staff_id: str, password: str, permission: Permission) -> OperatorSession:
        """A second operator (a supervisor approving at this counter) proves who they are for
        one action; the logged-in session does not change."""
        with self._lock:
            rec, now = self._check(staff_id, password, "confirm")
            session = self._session(rec, now)
            if not session.can(permission):
                self._audit("permission_denied", rec.staff_id, "command=confirm permission={}".format(permission.value))
                from shared.domain.operators import denied
                raise denied(permission, session)
            self._audit("confirmed", rec.staff_id, "permission={}".format(permission.value))
            return session

    def logout(self, reason: str = "user") -> None:
        """End the session (audited); the store's actions are nobody's until the next login."""
        with self._lock:
            if self.current is None:
                return
            self._audit("logout", self.current.staff_id, "reason={}".format(reason))
            self.current = None
            self._unlock_tag = b""
            self.store.operator = "-"
            self.store.session = None
        self._notify()

    def still_valid(self) -> bool:
        """Whether the logged-in operator is still enabled (after a sync); logs out if not."""
        if self.current is None:
            return False
        rec = self.store.read(lambda tx: tx.operators.get(self.current.staff_id))
        if rec is None or rec.disabled:
            self.logout("disabled")
            return False
        return True

    def _tag(self, password: str) -> bytes:
        return hmac.new(self._unlock_key, password.encode("utf-8"), hashlib.sha256).digest()

    def _notify(self) -> None:
        for fn in list(self.on_change):
            fn(self.current)


class IdleLock:
    """The idle lock's clock: :meth:`touch` on every input, :meth:`due` says when to lock."""

    def __init__(self, minutes: float = 5.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = float(minutes) * 60.0
        self.clock = clock
        self.last = clock()
        self.locked = False

    def touch(self) -> None:
        """Input from the operator: the idle time starts again."""
        if not self.locked:
            self.last = self.clock()

    def due(self) -> bool:
        """Whether the idle time ran out (and the screen must lock now)."""
        return not self.locked and self.seconds > 0 and self.clock() - self.last >= self.seconds

    def engage(self) -> None:
        self.locked = True

    def release(self) -> None:
        self.locked = False
        self.last = self.clock()

"""The integration API's token and the outcome notifications' secret, kept in the encrypted store.

* The **token** (``yz_`` + 43 url-safe characters, 256 random bits) is shown once when it is
  made (``yizhan integration token --new``); the store keeps only its SHA-256, its creation and
  expiry and whether it was revoked. A request's token is hashed and compared with
  :func:`hmac.compare_digest` (constant time); an expired or revoked token is refused, and a
  new token replaces (revokes) the previous one.
* The **secret** (32 random bytes, hex) signs every notification to the bank's system
  (HMAC-SHA256, see :mod:`shared.integration.outcomes`). It is shown when made and on request
  to an administrator, as the bank's system needs it to check the signatures.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from shared.errors import YizhanError
from shared.i18n import Msg

TOKEN_KEY = "integration.token"
SECRET_KEY = "integration.webhook_secret"
TOKEN_PREFIX = "yz_"
TOKEN_MAX = 200  # a presented token longer than this is not read further


class AuthError(YizhanError):
    """A request without a valid token (``status``: the HTTP status to answer)."""

    default_code = "auth"

    def __init__(self, msg: Msg, status: int = 401) -> None:
        super().__init__(msg)
        self.status = status


@dataclass(frozen=True)
class TokenInfo:
    """What the store keeps of the token (never the token itself)."""

    token_id: str
    created_at: str
    expires_at: str
    revoked: bool


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def new_token(store, days: int = 365, now: _dt.datetime | None = None) -> str:
    """Make a fresh token valid for ``days`` days (the previous one stops working); returns it
    (the only time it is seen)."""
    now = now or _now()
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = {"sha256": _digest(token), "id": secrets.token_hex(4), "created_at": now.isoformat(timespec="seconds"),
              "expires_at": (now + _dt.timedelta(days=max(1, int(days)))).isoformat(timespec="seconds"),
              "revoked": False}
    store.transaction(lambda tx: (tx.sync_state.put(TOKEN_KEY, record),
                                  tx.audit("integration_token_new", None, "token={} expires={}".format(
                                      record["id"], record["expires_at"]))))
    return token


def revoke_token(store) -> bool:
    """Revoke the current token (False: there was none)."""
    def work(tx) -> bool:
        record = tx.sync_state.get(TOKEN_KEY)
        if not record or record.get("revoked"):
            return False
        tx.sync_state.put(TOKEN_KEY, {**record, "revoked": True})
        tx.audit("integration_token_revoke", None, "token={}".format(record.get("id", "")))
        return True
    return store.transaction(work)


def token_info(store) -> TokenInfo | None:
    """The current token's record (None: never made)."""
    record = store.read(lambda tx: tx.sync_state.get(TOKEN_KEY))
    if not record:
        return None
    return TokenInfo(record.get("id", ""), record.get("created_at", ""), record.get("expires_at", ""),
                     bool(record.get("revoked")))


def check_token(store, presented: str | None, now: _dt.datetime | None = None) -> None:
    """Raise :class:`AuthError` unless ``presented`` is the current, unexpired, unrevoked token."""
    record = store.read(lambda tx: tx.sync_state.get(TOKEN_KEY))
    if not presented or len(presented) > TOKEN_MAX:
        raise AuthError(Msg("api.no_token", "缺少有效的访问令牌（Authorization: Bearer …）"))
    # Always hash and compare, whatever is stored, so the answer's time tells nothing.
    stored = (record or {}).get("sha256") or "0" * 64
    same = hmac.compare_digest(_digest(presented), stored)
    if not record or not same:
        raise AuthError(Msg("api.bad_token", "访问令牌无效"))
    if record.get("revoked"):
        raise AuthError(Msg("api.revoked_token", "访问令牌已被吊销，请向管理员索取新令牌"))
    expires = _dt.datetime.fromisoformat(record["expires_at"])
    if (now or _now()) >= expires:
        raise AuthError(Msg("api.expired_token", "访问令牌已于 {at} 过期，请向管理员索取新令牌",
                            {"at": record["expires_at"][:10]}))


def new_secret(store) -> str:
    """Make a fresh signing secret (hex) for the notifications (the previous one stops verifying)."""
    secret = secrets.token_hex(32)
    store.transaction(lambda tx: (tx.sync_state.put(SECRET_KEY, secret),
                                  tx.audit("integration_secret_new", None, "")))
    return secret


def signing_secret(store, create: bool = True) -> bytes | None:
    """The notifications' signing secret (made on first use when ``create``)."""
    value = store.read(lambda tx: tx.sync_state.get(SECRET_KEY))
    if not value:
        if not create:
            return None
        value = new_secret(store)
    return bytes.fromhex(value)

"""Helpers of the operator tests (not a test module): an operator list with cheap hashes."""

from __future__ import annotations

from argon2.low_level import Type, hash_secret

PASSWORDS = {"O1": "officer-pw1", "O2": "officer-pw2", "SUP1": "super-pw1", "SUP2": "super-pw2", "ADM": "admin-pw1",
             "NEW": "first-code"}


def cheap_hash(secret: str) -> str:
    """An argon2id hash with small parameters (the check reads them from the hash)."""
    import os
    return hash_secret(secret.encode(), os.urandom(16), time_cost=1, memory_cost=256, parallelism=1, hash_len=16,
                       type=Type.ID).decode()


def operator_list(version: str = "1", disabled: tuple[str, ...] = (), approval: dict | None = None,
                  valid_until: dict | None = None) -> dict:
    """An operator-list master-data document."""
    roles = {"O1": ["officer"], "O2": ["officer"], "SUP1": ["supervisor"], "SUP2": ["supervisor"], "ADM": ["admin"],
             "NEW": ["officer"]}
    names = {"O1": "王芳", "O2": "周杰", "SUP1": "李强", "SUP2": "孙丽", "ADM": "陈明", "NEW": "赵敏"}
    ops = []
    for sid, rl in roles.items():
        entry = {"staff_id": sid, "name": names[sid], "roles": rl, "service_point": "SP1", "disabled": sid in disabled}
        key = "first_login_code_hash" if sid == "NEW" else "password_hash"
        entry[key] = _cached(sid)
        if valid_until and sid in valid_until:
            entry["valid_until"] = valid_until[sid]
        ops.append(entry)
    return {"version": version, "content": {"operators": ops, "roles": {}, "approval": approval or {}}}


_CACHE: dict[str, str] = {}


def _cached(sid: str) -> str:
    if sid not in _CACHE:
        _CACHE[sid] = cheap_hash(PASSWORDS[sid])
    return _CACHE[sid]


def fake_enroll(store) -> None:
    """Give ``store`` a device key as enrollment would (no server: the signing tests need the key only)."""
    from shared.sync import crypto, enrollment, state
    priv, pub = crypto.new_device_key()
    state.write(store, enrollment.KEY, {
        "server_url": "https://127.0.0.1:1", "device_id": "DEV-TEST", "device_private_b64": crypto.b64e(priv),
        "device_public_b64": crypto.b64e(pub), "server_key_pem": "", "server_key_id": "", "ca_pem": "",
        "ca_fingerprint": "", "enrolled_at": "2026-01-01T00:00:00+00:00"})

"""Operator passwords: salted, memory-hard hashes (argon2id), checked offline.

The parameters are chosen so one check takes well under the login budget on a service-point
PC (bench O1) while costing an attacker 64 MiB per guess. The server's operator list carries
the hash (or a one-time first-login code, hashed the same way); the clear password never
leaves the login screen.
"""

from __future__ import annotations

import functools

TIME_COST, MEMORY_KIB, PARALLELISM = 2, 65536, 2
MIN_LENGTH = 8


@functools.cache
def _hasher():
    """The one hasher (argon2 is loaded with the first login, not at every start)."""
    from argon2 import PasswordHasher, Type
    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM,
                          hash_len=32, salt_len=16, type=Type.ID)


def hash_password(password: str) -> str:
    """The encoded argon2id hash (salt and parameters included) of ``password``."""
    return _hasher().hash(password)


def verify_password(encoded: str, password: str) -> bool:
    """Whether ``password`` matches ``encoded``; False for a broken or non-argon2id hash."""
    if not encoded or not encoded.startswith("$argon2id$"):
        return False
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
    try:
        return _hasher().verify(encoded, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def weak_reason(password: str, staff_id: str = "") -> str | None:
    """Why a new password is too weak (a key of the message), or None."""
    if len(password) < MIN_LENGTH:
        return "short"
    if password.isdigit() or password.isalpha():
        return "one_kind"
    if staff_id and staff_id.lower() in password.lower():
        return "staff_id"
    return None

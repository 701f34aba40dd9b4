"""Who runs a CLI command: ``--operator STAFF_ID`` with the password from ``--password-file``
(``-``: standard input, one line), checked like a login at the counter (audited, counted
towards the lock-out). Without ``--operator`` a command needing a permission is refused in a
store where operators are enrolled (the core refuses it); a password is never an argument."""

from __future__ import annotations

import sys
from pathlib import Path

from shared.errors import YizhanError
from shared.i18n import Msg


def actor(args, store):
    """The operator session of ``--operator`` (None when not given)."""
    staff_id = getattr(args, "operator", None)
    if not staff_id:
        return None
    from shared.workflow.auth import Authenticator
    source = getattr(args, "password_file", None) or "-"
    if source == "-":
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = Path(source).read_text("utf-8").splitlines()[0] if Path(source).exists() else ""
    auth = Authenticator(store)
    result = auth.login(staff_id, password)
    if result.must_change:
        raise YizhanError(Msg("cli.change_password", "该工号须先在柜台修改密码后才能使用命令行"))
    return result.session

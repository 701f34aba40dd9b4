"""Who runs a CLI command: ``--operator STAFF_ID`` with the password from ``--password-file``
(``-``: standard input, one line), checked like a login at the counter (audited, counted
towards the lock-out). Without ``--operator`` a command needing a permission is refused in a
store where operators are enrolled (the core refuses it); a password is never an argument.
The login goes by the same rules as the counter's (the registry's managed lock-out and password
age); a password that must be changed is changed at the counter (there is no command for it)."""

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
    from shared.workflow.logins import authenticator
    source = getattr(args, "password_file", None) or "-"
    if source == "-":
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = _password_file(Path(source))
    # the login rules the counter goes by: the machine's settings, the registry's managed ones over them
    auth = authenticator(store, config_dir=getattr(args, "config_dir", None))
    result = auth.login(staff_id, password)
    if result.must_change and result.reason == "expired":
        raise YizhanError(Msg("cli.password_expired", "{id} 的密码已超过 {days} 天未修改，已过期：请先在柜台登录并修改密码，"
                                                      "再使用命令行（命令行不能修改密码）",
                              {"id": staff_id.strip(), "days": auth.setting("password_days")}))
    if result.must_change:
        raise YizhanError(Msg("cli.change_password", "该工号须先在柜台修改密码后才能使用命令行"))
    return result.session


MAX_PASSWORD_FILE_BYTES = 4096


def _password_file(path: Path) -> str:
    """The first line of ``--password-file``: a regular file of at most 4 KB (never a FIFO,
    never a device such as /dev/zero), read through the one bounded reader."""
    from shared.errors import small_file_text
    text, err = small_file_text(path, MAX_PASSWORD_FILE_BYTES)
    if err is not None:
        raise YizhanError(Msg("cli.password_file", "无法读取密码文件 {path}：{err}",
                              {"path": str(path)[:200], "err": err}))
    lines = text.splitlines()
    return lines[0] if lines else ""

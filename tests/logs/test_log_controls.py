"""No control, format or separator character from a record reaches the terminal or the log
file as it is (the formatter escapes them in the message, its args and the traceback)."""

from __future__ import annotations

import logging
import sys
import unicodedata

import pytest

from shared import logs
from shared.errors import SyncError
from shared.i18n import Msg

HOSTILE = ["\x1b[2J\x1b]0;owned\x07", "\u202eevil", "a\u2028b", "\u061c", "\x9b31m", "\r\nFORGED ERROR x",
           "\u2066iso\u2069", "\ufeff", "\x00", "\U000e0041"]


def _record(msg, args=(), exc=None):
    return logging.LogRecord("yizhan.test", logging.WARNING, __file__, 1, msg, args, exc)


def _visible_only(text: str) -> bool:
    return not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs") and c not in "\n\t" for c in text)


@pytest.mark.parametrize("bad", HOSTILE)
def test_args_message_and_traceback_are_escaped(bad):
    fmt = logs.ScrubbingFormatter()
    assert _visible_only(fmt.format(_record("server said %s", (bad,))))
    assert _visible_only(fmt.format(_record({"text": bad})))
    assert _visible_only(fmt.format(_record("code put it " + bad)))
    assert _visible_only(fmt.format(_record("error %s", (SyncError(Msg("t.x", "服务器：{m}", {"m": bad})),))))
    try:
        err = ValueError(bad)
        err.add_note(bad)
        raise err
    except ValueError:
        out = fmt.format(_record("failed", exc=sys.exc_info()))
    assert _visible_only(out) and "Traceback" in out
    assert "\nFORGED" not in fmt.format(_record("x %s", (bad,)))


def test_every_control_format_and_separator_character_is_escaped():
    every = "".join(chr(c) for c in range(0x110000)
                    if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp", "Cs"))
    assert _visible_only(logs.clean_text(every))
    assert logs.clean_text("a\nb\tc", keep_lines=True) == "a\nb\tc"
    assert logs.clean_text("登记 ok") == "登记 ok"

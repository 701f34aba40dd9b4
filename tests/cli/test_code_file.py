"""``enroll --code-file``: a short regular file, read through the bounded reader."""

from __future__ import annotations

import argparse
import os

import pytest

from shared.cli.main import main
from shared.cli.sync_cmds import MAX_CODE_FILE_BYTES, _enroll_code
from shared.errors import SyncError


def _code(path):
    return _enroll_code(argparse.Namespace(code=None, code_file=str(path)))




def test_the_code_of_a_regular_file(tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("AB12-CD34\n")
    assert _code(f) == "AB12-CD34"


@pytest.mark.parametrize("kind", ["dev_zero", "fifo", "folder", "big", "nul"])
def test_a_code_file_that_is_not_a_short_regular_file_is_refused(tmp_path, kind):
    if kind == "dev_zero":
        path = "/dev/zero"
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("POSIX FIFOs")
        path = tmp_path / "fifo"
        os.mkfifo(path)  # a reader that opened it blocking would hang here
    elif kind == "folder":
        path = tmp_path
    elif kind == "nul":
        path = str(tmp_path) + "/a\x00b"
    else:
        path = tmp_path / "big"
        path.write_text("A" * (MAX_CODE_FILE_BYTES + 1))
    with pytest.raises(SyncError) as info:
        _code(path)
    assert info.value.msg.code == "sync.code_file"


def test_enroll_with_dev_zero_as_code_file_is_a_message(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "d"), "enroll", "--server", "https://127.0.0.1:9",
                 "--code-file", "/dev/zero", "--ca-fingerprint", "AA"]) == 1
    err = capsys.readouterr().err
    assert "注册码文件" in err and "不是普通文件" in err and "Traceback" not in err


@pytest.mark.parametrize("kind", ["dev_zero", "fifo", "folder", "big"])
def test_a_password_file_that_is_not_a_short_regular_file_is_a_message(tmp_path, kind):
    from shared.cli.login import MAX_PASSWORD_FILE_BYTES, _password_file
    from shared.errors import YizhanError
    if kind == "dev_zero":
        if os.name != "posix":  # (under Wine /dev/zero is a path of the Linux drive, an empty file)
            pytest.skip("POSIX devices")
        path = "/dev/zero"  # was read without end (10.5 GB in 15 s)
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("POSIX FIFOs")
        path = tmp_path / "fifo"
        os.mkfifo(path)  # a blocking read would hang here
    elif kind == "folder":
        path = tmp_path
    else:
        path = tmp_path / "big"
        path.write_text("p" * (MAX_PASSWORD_FILE_BYTES + 1))
    from pathlib import Path
    with pytest.raises(YizhanError) as info:
        _password_file(Path(path))
    assert info.value.msg.code == "cli.password_file"


def test_the_password_is_the_first_line_of_its_file(tmp_path):
    from shared.cli.login import _password_file
    f = tmp_path / "pw"
    f.write_text("\ufeffSecret2026\nignored\n", "utf-8")
    assert _password_file(f) == "Secret2026"

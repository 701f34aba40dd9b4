"""Class 5 of the hardening: nothing personal left behind by accident.

Each test fails on the code before the hardening: a render that failed while writing left a
hidden ``.part`` file holding the whole unmasked PDF; an output path that was not a regular
file (a FIFO here, ``/dev/full`` in the attack) was replaced; an unmasked render left no audit
row; an escape sequence in a text the CLI printed reached the terminal raw.
"""

from __future__ import annotations

import errno
import os
import stat

from docfixtures import build_case

from shared.cli.main import main
from shared.store.store import Store


def _save(tmp_path, case):
    with Store.open(tmp_path / "data", tmp_path / "config", operator="tester") as store:
        store.save_case(case)


def test_a_failed_render_leaves_no_temp_file(tmp_path, fake, monkeypatch, capsys):
    case = build_case(fake)
    _save(tmp_path, case)
    out = tmp_path / "out" / "app.pdf"
    out.parent.mkdir()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    assert main(["--data-dir", str(tmp_path / "data"), "render", "application", "--case", case.id, "--out", str(out)]) == 1
    assert list(out.parent.iterdir()) == []  # neither the PDF nor a hidden temp copy of it
    assert "无法写入输出文件" in capsys.readouterr().err


def test_an_output_path_that_is_not_a_regular_file_is_never_replaced(tmp_path, fake, capsys):
    case = build_case(fake)
    _save(tmp_path, case)
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    assert main(["--data-dir", str(tmp_path / "data"), "render", "application", "--case", case.id, "--out", str(fifo)]) == 1
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_unmasked_render_is_audited(tmp_path, fake):
    case = build_case(fake)
    _save(tmp_path, case)
    out = tmp_path / "app.pdf"
    assert main(["--data-dir", str(tmp_path / "data"), "render", "application", "--case", case.id, "--out", str(out)]) == 0
    with Store.open(tmp_path / "data", tmp_path / "config") as store:
        rows = [r for r in store.audit_rows(case.id) if r[3] == "render_unmasked"]
        assert rows and "kind=application" in str(rows)
        assert store.verify_audit().ok


def test_terminal_output_carries_no_control_characters(tmp_path, capsys):
    hostile = "YZ\x1b]0;owned\x07\x1b[2J\x9b31m"
    assert main(["--data-dir", str(tmp_path / "data"), "case", "show", hostile]) != 0
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "YZ" in text
    assert not any(ch in text for ch in ("\x1b", "\x07", "\x9b"))

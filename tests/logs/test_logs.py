"""The log file: where it lives, its modes, its rotation, and nothing personal in it."""

from __future__ import annotations

import logging
import os
import stat
import sys

import pytest

from shared import logs
from shared.errors import CaptureError
from shared.i18n import Msg

log = logging.getLogger("yizhan.test")


@pytest.fixture
def restore_root():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    for handler in handlers:  # pytest's own handlers: give them back their formatter
        if isinstance(handler.formatter, logs.ScrubbingFormatter):
            handler.setFormatter(logging.Formatter())
    root.setLevel(level)


def _flush():
    for handler in logging.getLogger().handlers:
        handler.flush()


def _raise_with(person):
    try:
        raise ValueError("当事人{}的证件号码{}无效".format(person.name, person.id_number))
    except ValueError as inner:
        raise CaptureError(Msg("capture.failed", "无法处理{who}的材料：{why}",
                               {"who": person.name, "why": str(inner)})) from inner


def test_an_exception_leaves_no_name_or_id_in_the_log_file(tmp_path, fake, restore_root):
    person = fake.person()
    path = logs.setup_logging("yizhan-test", tmp_path / "log", console_level=None)
    try:
        _raise_with(person)
    except CaptureError as err:
        log.exception("保存案件失败：%s", err)
        log.error("read %s", person.name, exc_info=(type(err), err, err.__traceback__), stack_info=True)
    try:
        raise KeyError(person.id_number, person.name)
    except KeyError:
        log.warning("lookup", exc_info=True)
    _flush()
    text = path.read_text("utf-8")
    assert "Traceback (most recent call last)" in text and "_raise_with" in text  # still useful
    assert "ValueError" in text and "[capture.failed] 无法处理{who}的材料：{why}" in text
    assert "保存案件失败" in text  # the program's own words stay readable
    assert person.id_number not in text and person.id_number[6:14] not in text
    assert person.name not in text


def test_a_traceback_cached_by_another_formatter_is_not_reused(tmp_path, fake, restore_root):
    person = fake.person()
    path = logs.setup_logging("yizhan-test", tmp_path / "log", console_level=None)
    try:
        raise RuntimeError("{} {}".format(person.name, person.id_number))
    except RuntimeError:
        record = log.makeRecord(log.name, logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    logging.Formatter().format(record)  # caches the clear traceback in record.exc_text
    assert person.name in record.exc_text
    log.handle(record)
    _flush()
    text = path.read_text("utf-8")
    assert "RuntimeError" in text and person.name not in text and person.id_number not in text


def test_other_handlers_are_given_the_scrubber(tmp_path, fake, restore_root):
    person = fake.person()
    other = logging.FileHandler(tmp_path / "other.log", encoding="utf-8")
    restore_root.addHandler(other)
    logs.setup_logging("yizhan-test", tmp_path / "log", console_level=None)
    log.warning("party %s %s", person.name, person.id_number)
    other.flush()
    text = (tmp_path / "other.log").read_text("utf-8")
    assert "party" in text and person.name not in text and person.id_number not in text


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_directory_0700_and_files_0600(tmp_path, restore_root):
    path = logs.setup_logging("yizhan-test", tmp_path / "state" / "log", console_level=None)
    log.warning("hello")
    _flush()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_rotation_is_bounded(tmp_path, monkeypatch, restore_root):
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    monkeypatch.setattr(logs, "BACKUP_COUNT", 2)
    path = logs.setup_logging("yizhan-test", tmp_path / "log", console_level=None)
    for i in range(200):
        log.warning("line %d %s", i, "x" * 50)
    _flush()
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["yizhan-test.log", "yizhan-test.log.1", "yizhan-test.log.2"]
    assert all(p.stat().st_size <= 2000 for p in path.parent.iterdir())
    if os.name == "posix":
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in path.parent.iterdir())


def test_calling_again_replaces_the_handlers(tmp_path, restore_root):
    first = logs.setup_logging("yizhan-test", tmp_path / "a", console_level=None)
    second = logs.setup_logging("yizhan-test", tmp_path / "b", console_level=None)
    log.warning("only in b")
    _flush()
    assert "only in b" in second.read_text("utf-8")
    assert "only in b" not in first.read_text("utf-8")


def test_default_log_dir(monkeypatch, tmp_path):
    from shared.config import default_log_dir
    monkeypatch.setenv("YIZHAN_LOG_DIR", str(tmp_path / "x"))
    assert default_log_dir() == tmp_path / "x"
    monkeypatch.delenv("YIZHAN_LOG_DIR")
    monkeypatch.setenv("YIZHAN_DATA_DIR", str(tmp_path / "data"))
    assert default_log_dir() == tmp_path / "data.log"
    monkeypatch.delenv("YIZHAN_DATA_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(sys, "platform", "linux")
    assert default_log_dir() == tmp_path / "state" / "yizhan" / "log"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))  # what Path.home() reads on Windows
    assert default_log_dir() == tmp_path / "home" / ".local" / "state" / "yizhan" / "log"
    from shared import platform
    monkeypatch.setattr(platform, "_known_folder_local_appdata", lambda: None)  # the fallback
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert default_log_dir() == tmp_path / "local" / "Yizhan" / "Logs"


def test_the_cli_writes_its_log_file(tmp_path, monkeypatch, fake, restore_root):
    from shared.cli import main as cli
    monkeypatch.setenv("YIZHAN_LOG_DIR", str(tmp_path / "cli-log"))
    assert cli.main([]) == 2  # no command: help
    log.warning("cli %s", fake.person().id_number)
    _flush()
    assert (tmp_path / "cli-log" / "yizhan.log").exists()

"""What went wrong with a file reaches the person in their language (shared.errors.os_error_msg),
on every path that reads or writes a file for them: the OS's own text is English."""

from __future__ import annotations

import errno
import os

import pytest

from shared.errors import ValidationError, os_error_msg
from shared.i18n import Msg


@pytest.mark.parametrize(("err", "zh", "en"), [
    (errno.ENOENT, "文件或文件夹不存在", "no such file or folder"),
    (errno.EACCES, "没有访问权限", "permission denied"),
    (errno.ENOSPC, "磁盘已满", "the disk is full"),
    (errno.EROFS, "磁盘为只读", "the disk is read-only"),
])
def test_common_causes_by_name_in_both_languages(err, zh, en):
    msg = os_error_msg(OSError(err, os.strerror(err)))
    assert msg.render("zh") == zh and msg.render("en") == en


def test_other_causes_as_the_os_says_them_and_never_empty():
    assert os_error_msg(OSError(errno.EXDEV, "Invalid cross-device link")).render("zh") == "Invalid cross-device link"
    assert os_error_msg(OSError("no errno")).render("zh") == "OSError"


def test_a_missing_import_file_is_explained_in_chinese_and_english(tmp_path):
    from shared.domain.importer import load_import
    with pytest.raises(ValidationError) as caught:
        load_import(tmp_path / "gone.json")
    assert "文件或文件夹不存在" in caught.value.msg.render("zh")
    assert "No such file" not in caught.value.msg.render("zh")
    assert "no such file or folder" in caught.value.msg.render("en")


def test_the_reason_survives_a_stored_message(tmp_path):
    """A packet's error is stored as a record and shown later in the reader's language."""
    from shared.i18n import render_record, stored_text
    text = stored_text(Msg("sync.packet_missing", "数据包文件无法读取：{err}",
                           {"err": os_error_msg(FileNotFoundError(errno.ENOENT, "x"))}))
    assert render_record(text, "zh").endswith("文件或文件夹不存在")
    assert render_record(text, "en").endswith("no such file or folder")

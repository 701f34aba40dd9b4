"""Messages kept in records (code, template, parameters) render in the reader's language."""

from __future__ import annotations

import json
import re

import pytest

from shared import i18n
from shared.i18n import Msg, render_record, stored_text

HAN = re.compile(r"[\u3400-\u9fff]")


def test_a_record_renders_in_either_language():
    msg = Msg("file.missing", "找不到文件“{name}”，请确认文件位置后重试", {"name": "a.pdf"})
    record = json.loads(json.dumps(msg.to_record()))  # what a JSON column gives back
    assert record == {"code": "file.missing", "text": msg.text, "params": {"name": "a.pdf"}}
    assert render_record(record, "zh") == "找不到文件“a.pdf”，请确认文件位置后重试"
    assert render_record(record, "en") == 'File "a.pdf" not found. Check where the file is and try again'
    i18n.set_language("en")
    assert not HAN.search(render_record(record))


def test_a_message_inside_a_message_follows_the_language():
    inner = Msg("catalog.detail", "材料编码重复")
    outer = Msg("catalog.invalid", "业务目录文件 {file} 有误，位置 {where}：{text}",
                {"file": "x.json", "where": "materials", "text": inner})
    assert outer.render("zh").endswith("：材料编码重复")
    assert outer.render("en").endswith("duplicate material codes")
    again = Msg.from_record(json.loads(stored_text(outer)))
    assert again.render("en") == outer.render("en") and again.render("zh") == outer.render("zh")


def test_older_plain_text_is_shown_as_it_is():
    assert render_record("上传失败 {大括号}", "en") == "上传失败 {大括号}"
    assert render_record("{not json", "en") == "{not json"
    assert render_record("", "en") == ""


def test_stored_text_fits_its_column():
    msg = Msg("sync.server", "服务器拒绝：{detail}", {"detail": "x" * 2000})
    text = stored_text(msg, limit=500)
    assert len(text) <= 500
    assert json.loads(text)["code"] == "sync.server"
    assert render_record(text, "zh").startswith("服务器拒绝：xxx")


@pytest.mark.parametrize("status", sorted(__import__("shared.devices.idcard.protocol", fromlist=["STATUS"]).STATUS))
def test_reader_statuses_are_translated(status):
    from shared.devices.idcard.protocol import status_message
    msg = status_message(status)
    assert HAN.search(msg.render("zh")) and not HAN.search(msg.render("en"))


def test_packet_errors_are_translated():
    import io
    from shared.sync import crypto
    with pytest.raises(crypto.PacketCryptoError) as err:
        crypto.read_header(io.BytesIO(b"not a packet at all"))
    assert err.value.msg.render("en") == "Wrong packet format (not a Yizhan packet)"


def test_unit_number_rules_are_translated():
    from shared.domain.identifiers import validate_unit_number
    msg = validate_unit_number("350102003004XB00012F00030012")  # 13th character not G/J/Z
    assert msg.code == "unit.owner"
    assert msg.render("en") == "Character 13 (land ownership type) must be G, J or Z"

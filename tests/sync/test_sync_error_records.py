"""The outbox keeps an upload error as a message (code and parameters), shown in any language."""

from __future__ import annotations

import json
import re

from sync_helpers import fast_service, make_case

from shared import i18n
from shared.i18n import render_record
from shared.sync.summary import describe

HAN = re.compile(r"[\u3400-\u9fff]")


def test_last_error_is_a_message_record(store, outbox, settings, srv, fake):
    case = make_case(store, fake)
    outbox.submit(case.id)
    srv.faults(rate_429=1.0, retry_after=120)
    try:
        fast_service(store, settings, outbox=outbox).run_once(force=True)
    finally:
        srv.faults()
    item = outbox.get(case.packet_id)
    record = json.loads(item.last_error)
    assert record["code"] == "sync.server" and record["params"]["code"] == "rate_limited"
    # the client's own words follow the reader's language; the server's text is quoted as sent
    assert render_record(item.last_error, "zh").startswith("登记服务器：")
    assert render_record(item.last_error, "en").startswith("Registration server: ")


def test_a_failed_upload_is_described_in_the_reader_language():
    class Item:
        state, outcome, offset, size = "failed", None, 0, 10
        last_error = i18n.stored_text(i18n.Msg("sync.packet_missing", "数据包文件无法读取：{err}",
                                               {"err": "No such file"}))
    assert describe(Item()) == "上传失败：数据包文件无法读取：No such file"
    i18n.set_language("en")
    assert not HAN.search(describe(Item())) and "No such file" in describe(Item())

"""Identity records keep the reason's code and parameters and show it in the reader's language."""

from __future__ import annotations

import json
import re

import numpy as np

from shared import i18n
from shared.capture.comparer import ComparisonResult, FaceComparer
from shared.domain import identity as idm
from shared.domain.case import Case
from shared.errors import DeviceError
from shared.i18n import Msg

HAN = re.compile(r"[\u3400-\u9fff]")
REF = np.zeros((126, 102, 3), np.uint8)


class RaisingComparer(FaceComparer):
    method = "fake"

    def __init__(self, error):
        self.error = error

    def available(self):
        return True

    def compare(self, probe_jpeg, reference):
        raise self.error


class AnsweringComparer(RaisingComparer):
    def compare(self, probe_jpeg, reference):
        return ComparisonResult(0.9, 0.6, "fail", self.method)


def _stored(part):
    return json.loads(json.dumps(part))  # as the case comes back from the store


def test_an_error_reason_is_kept_as_a_message_not_as_text():
    i18n.set_language("en")  # the error happens while the screen is in English...
    template = "扫描仪“{device}”出错（{detail}），请检查设备后重试"
    err = DeviceError(Msg("scanner.failed", template, {"device": "cam0", "detail": "io"}))
    part = _stored(idm.run_comparison(RaisingComparer(err), b"probe", REF))
    assert part["decision"] == "pending" and part["reason_code"] == "scanner.failed"
    assert part["reason"] == "扫描仪“cam0”出错（io），请检查设备后重试"  # ...the record keeps Chinese
    assert idm.reason_text(part, "zh") == part["reason"]
    assert idm.reason_text(part) == i18n.translate(template, "en").format(device="cam0", detail="io")
    assert not HAN.search(idm.reason_text(part))


def test_table_reasons_and_card_failures_render_when_shown(fake):
    part = _stored(idm.run_comparison(AnsweringComparer(None), b"probe", REF))
    assert part["reason_code"] == "fail"
    assert idm.reason_text(part, "en") == i18n.translate(idm.REASONS["fail"], "en") != idm.REASONS["fail"]
    case = Case("mortgage_first_general")
    record = idm.attach_card(case, "p1", {"id_masked": "x"}, failure="card_expired")
    assert record["failure"]["code"] == "card_expired"
    assert idm.reason_text(_stored(record["failure"]), "en") == i18n.translate("证件已过期", "en")


def test_manual_note_is_kept_as_written():
    record = {"check_no": 1, "comparison": {"decision": "manual_review", "reference": "card_photo"}}
    idm.decide_manually(record, True, "op", note="核对户口簿 {原件}")
    part = _stored(record["comparison"])
    assert part["reason_code"] == "manual_pass"
    assert idm.reason_text(part, "en") == "核对户口簿 {原件}"
    idm.decide_manually(record, False, "op")
    assert idm.reason_text(_stored(record["comparison"]), "zh") == idm.REASONS["manual_fail"]


def test_older_records_still_read():
    assert idm.reason_text({"reason": idm.REASONS["pass"]}, "en") == i18n.translate(idm.REASONS["pass"], "en")
    assert idm.reason_text({"reason": "读卡器坏了"}, "en") == "读卡器坏了"
    assert idm.reason_text(None) == "" and idm.reason_text({}) == ""


def test_a_reason_with_a_message_inside_renders_whole_in_either_language():
    why = Msg("sync.offline", "无法连接登记服务器（{err}）。已提交的案件保存在本机，网络恢复后会自动上传",
              {"err": "timeout"})
    err = DeviceError(Msg("face.server_compare", "服务端人证比对暂不可用：{why}", {"why": why}))
    part = _stored(idm.run_comparison(RaisingComparer(err), b"probe", REF))
    assert idm.reason_text(part, "zh").startswith("服务端人证比对暂不可用：无法连接登记服务器（timeout）")
    english = idm.reason_text(part, "en")
    assert not HAN.search(english), english

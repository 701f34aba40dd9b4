"""The receipt printer's drivers and simulated twin, and the voice (Qt-free)."""

from __future__ import annotations

import socket
import threading

import pytest

from shared.devices import printer as pr
from shared.devices.voice import EspeakVoice, SilentVoice, open_voice


def receipt():
    return pr.Receipt("自助申请回执", [("c", "鼓楼区不动产登记中心"), ("-", ""), ("h", "业务：抵押权注销登记"),
                                   ("t", "业务编号：YZ20261203ABCDEF")], qr="YZ20261203ABCDEF", footer="请妥善保管")


def test_encoded_receipt_decodes_back_to_its_lines():
    data = pr.encode_receipt(receipt())
    assert data.startswith(pr.INIT) and data.endswith(pr.CUT)
    assert "业务编号：YZ20261203ABCDEF".encode("gb18030") in data  # GB18030 in Chinese mode
    lines = pr.decode_escpos(data)
    texts = [x["text"] for x in lines if "text" in x]
    assert texts[0] == "自助申请回执" and lines[0]["big"] and lines[0]["align"] == 1
    assert "业务：抵押权注销登记" in texts and "请妥善保管" in texts
    assert [x["qr"] for x in lines if "qr" in x] == ["YZ20261203ABCDEF"]


def test_simulated_printer_writes_bytes_and_a_picture(tmp_path):
    import cv2
    p = pr.SimulatedPrinter(tmp_path, paper=2)
    p.print_receipt(receipt())
    assert p.printed[0].read_bytes() == pr.encode_receipt(receipt())
    image = cv2.imread(str(p.printed[0].with_suffix(".png")), cv2.IMREAD_GRAYSCALE)
    assert image.shape[1] == 384 and image.shape[0] > 300
    assert cv2.QRCodeDetector().detectAndDecode(image)[0] == "YZ20261203ABCDEF"  # the QR code scans


def test_out_of_paper_and_offline_are_reported_before_printing(tmp_path):
    p = pr.SimulatedPrinter(tmp_path, paper=1)
    p.print_receipt(receipt())
    assert p.status() == "out_of_paper"
    with pytest.raises(pr.PrinterError) as err:
        p.print_receipt(receipt())
    assert err.value.code == "printer.out_of_paper" and len(p.printed) == 1
    p.paper, p.online = 5, False
    with pytest.raises(pr.PrinterError) as err:
        p.print_receipt(receipt())
    assert err.value.code == "printer.offline"


def _fake_network_printer(status_byte: bytes):
    """A TCP ESC/POS printer: answers DLE EOT 4 with ``status_byte`` and keeps what it gets."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    got = []

    def serve():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                data = b""
                conn.settimeout(1.0)
                try:
                    while True:
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        data += chunk
                        if data == pr.PAPER_STATUS:
                            conn.sendall(status_byte)
                            break
                except socket.timeout:
                    pass
                got.append(data)
    threading.Thread(target=serve, daemon=True).start()
    return server, got


def test_network_printer_asks_for_paper_then_prints():
    server, got = _fake_network_printer(b"\x12")
    try:
        p = pr.open_printer("net:127.0.0.1:{}".format(server.getsockname()[1]))
        assert p.status() == "ready"
        p.print_receipt(receipt())
        _wait_for(lambda: len(got) >= 3)  # status, status before printing, the receipt
    finally:
        server.close()
    assert got[-1] == pr.encode_receipt(receipt())


def _wait_for(cond, tries: int = 500):
    import time
    for _ in range(tries):
        if cond():
            return
        time.sleep(0.01)


def test_network_printer_out_of_paper_prints_nothing():
    server, got = _fake_network_printer(b"\x72")  # bits 5 and 6: paper end
    try:
        p = pr.open_printer("net:127.0.0.1:{}".format(server.getsockname()[1]))
        with pytest.raises(pr.PrinterError) as err:
            p.print_receipt(receipt())
        _wait_for(lambda: len(got) >= 1)
    finally:
        server.close()
    assert err.value.code == "printer.out_of_paper" and got == [pr.PAPER_STATUS]


def test_unreachable_printer_is_offline():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    assert pr.open_printer("net:127.0.0.1:{}".format(port)).status() == "offline"
    assert pr.open_printer("usb:/nonexistent/lp9").status() == "offline"


def test_printer_specs(tmp_path):
    assert isinstance(pr.open_printer("auto", tmp_path), pr.SimulatedPrinter)
    assert isinstance(pr.open_printer("sim:" + str(tmp_path)), pr.SimulatedPrinter)
    assert isinstance(pr.open_printer("serial:/dev/ttyS9?baud=9600"), pr.SerialPrinter)
    assert pr.open_printer("serial:/dev/ttyS9?baud=9600").baud == 9600
    with pytest.raises(pr.PrinterError.__mro__[1]):
        pr.open_printer("lpt:1")


def test_voice_silent_twin_and_choice(monkeypatch):
    v = SilentVoice()
    v.say("请将身份证放在读卡区")
    assert v.said == [("zh", "请将身份证放在读卡区")]
    v.forget()
    assert v.said == []
    assert isinstance(open_voice("off"), SilentVoice)
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert isinstance(open_voice("auto"), SilentVoice)
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/espeak-ng")
    assert isinstance(open_voice("auto"), EspeakVoice)


def test_espeak_voice_runs_the_binary_with_the_language(monkeypatch):
    calls = []

    class Proc:
        def poll(self):
            return 0
    monkeypatch.setattr("subprocess.Popen", lambda args, **kw: calls.append(args) or Proc())
    v = EspeakVoice("espeak-ng")
    v.say("你好")
    v.say("Hello", "en")
    assert calls[0][:3] == ["espeak-ng", "-v", "cmn"] and calls[0][-1] == "你好"
    assert calls[1][2] == "en"


def test_long_lines_wrap_to_the_paper_width():
    line = "可凭身份证或业务编号在自助机查询进度。" * 2
    data = pr.encode_receipt(pr.Receipt("回执", [("t", line)]))
    texts = [x["text"] for x in pr.decode_escpos(data) if "text" in x]
    assert "".join(texts[1:]) == line
    assert all(sum(2 if ord(c) > 0x2E80 else 1 for c in t) <= pr.WIDTH_CHARS for t in texts)

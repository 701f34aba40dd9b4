"""``yizhan page process`` and ``yizhan barcode read`` through the real entry point."""

from __future__ import annotations

import pytest

from shared.devices import testpages as tp
from shared.capture.page import decode_image_bytes
from shared.cli.main import main


QR = "不动产权证书：闽(2023)福州市不动产权第0012345号;unit=350102003004GB00012F00030012"


@pytest.fixture(scope="module")
def photo_file(tmp_path_factory):
    # QR modules of ~3 px in the photo: zbar needs them, zxing-cpp reads smaller ones too.
    page = tp.make_page(width=1000, qr_text=QR, code128_text="HT20230815001", qr_box=4)
    photo = tp.make_photo(page, size=(1600, 1200), seed=5)
    path = tmp_path_factory.mktemp("cli") / "photo.jpg"
    path.write_bytes(tp.encode_jpeg(photo.image, 92))
    return path


def test_page_process(photo_file, tmp_path, capsys):
    out = tmp_path / "page.jpg"
    assert main(["page", "process", str(photo_file), str(out), "--target-kb", "80"]) == 0
    text = capsys.readouterr().out
    assert "页面角点: (" in text and "模式: colour" in text and "标记: 无" in text
    assert "纠斜角度:" in text and "KB" in text
    data = out.read_bytes()
    assert len(data) <= 80 * 1024
    assert decode_image_bytes(data).shape[0] > 500


def test_page_process_text_mode(photo_file, tmp_path, capsys):
    out = tmp_path / "page.jpg"
    assert main(["page", "process", str(photo_file), str(out), "--mode", "text"]) == 0
    text = capsys.readouterr().out
    assert "模式: text" in text or "模式: bilevel" in text


def test_page_process_refuses_corrupt(tmp_path, capsys):
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    assert main(["page", "process", str(bad), str(tmp_path / "o.jpg")]) == 1
    assert "broken.jpg" in capsys.readouterr().err


@pytest.mark.parametrize("backend", ["zxing", "pyzbar"])
def test_barcode_read(photo_file, capsys, backend):
    assert main(["barcode", "read", str(photo_file), "--backend", backend]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert sorted(lines) == sorted([
        "QRCODE\t" + QR,
        "CODE128\tHT20230815001"])


def test_barcode_read_classify(photo_file, capsys):
    assert main(["barcode", "read", str(photo_file), "--classify"]) == 0
    out = capsys.readouterr().out
    assert "  unit_number\t350102003004GB00012F00030012" in out
    assert "  contract_number\tHT20230815001" in out


def test_barcode_read_none(tmp_path, capsys):
    import cv2
    import numpy as np

    path = tmp_path / "white.png"
    path.write_bytes(cv2.imencode(".png", np.full((200, 200, 3), 255, np.uint8))[1].tobytes())
    assert main(["barcode", "read", str(path)]) == 1
    assert "未识别到条码" in capsys.readouterr().out


# -- every page file is a bounded regular file, read without blocking ---------------------------
@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "folder"])
@pytest.mark.parametrize("command", ["page", "barcode"])
def test_page_input_that_is_not_a_regular_file_is_refused(tmp_path, capsys, kind, command):
    import os
    if kind == "fifo":
        src = tmp_path / "in.jpg"
        os.mkfifo(src)  # a reader that blocked on it would hang the test
    elif kind == "folder":
        src = tmp_path / "in.jpg"
        src.mkdir()
    else:
        src = "/dev/zero"  # stat size 0, endless read
    argv = ["page", "process", str(src), str(tmp_path / "o.jpg")] if command == "page" \
        else ["barcode", "read", str(src)]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert "不是普通文件" in captured.err and "Traceback" not in captured.err
    assert not (tmp_path / "o.jpg").exists()


def test_page_file_larger_than_the_cap_is_refused_before_reading(tmp_path):
    from shared.devices.file_source import FileSource
    from shared.errors import CaptureError
    big = tmp_path / "big.jpg"
    big.write_bytes(b"\xff\xd8\xff" + b"\x00" * 2000)
    with pytest.raises(CaptureError) as info:
        list(FileSource([big], max_bytes=1000).acquire())
    assert info.value.msg.code == "file.too_large"


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="POSIX FIFOs")
def test_page_output_to_a_fifo_is_a_message_not_a_traceback(photo_file, tmp_path, capsys):
    import os
    (tmp_path / "o").mkdir()
    out = tmp_path / "o" / "out.jpg"
    os.mkfifo(out)
    assert main(["page", "process", str(photo_file), str(out)]) == 1
    err = capsys.readouterr().err
    assert "无法写入输出文件" in err and "不是普通文件" in err and "Traceback" not in err
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.jpg"]  # no temp file left

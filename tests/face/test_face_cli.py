"""``yizhan face check IMAGE`` through the real CLI entry point."""

from __future__ import annotations

import json

import cv2
import numpy as np

from shared.cli.main import main


def test_face_check_passing_photo(tmp_path, portrait, capsys):
    path = tmp_path / "applicant.png"
    cv2.imwrite(str(path), portrait)
    assert main(["face", "check", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["face_found"] is True and out["pass"] is True and out["reason"] is None
    assert out["measures"]["sharpness"]["pass"] is True
    assert out["measures"]["eyes_open"]["value"] > 0.17


def test_face_check_failing_photo_prints_the_reason(tmp_path, portrait, capsys):
    path = tmp_path / "two.jpg"
    cv2.imwrite(str(path), np.hstack([portrait, portrait]))
    assert main(["face", "check", str(path)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["pass"] is False and out["reason"] == "multiple_faces"
    assert out["guidance"]["zh"] == "画面中只能有一人"


def test_face_check_no_face_with_haar_and_config(tmp_path, capsys):
    path = tmp_path / "blank.png"
    cv2.imwrite(str(path), np.full((240, 320, 3), 128, np.uint8))
    config = tmp_path / "face.json"
    config.write_text(json.dumps({"min_face_size": 0.3}), encoding="utf-8")
    assert main(["face", "check", str(path), "--detector", "haar",
                 "--config", str(config)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["face_found"] is False and out["detector"] == "haar"
    assert out["guidance"]["zh"] == "未检测到人脸"


def test_face_check_unreadable_file(tmp_path, capsys):
    path = tmp_path / "not-an-image.jpg"
    path.write_bytes(b"hello")
    assert main(["face", "check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "无法读取图片" in err and "not-an-image.jpg" in err

"""Quality gates on a real face photo and on degraded copies of it."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest
from skimage import data

from shared.capture import face_models as fm
from shared.capture.face import FaceAnalyzer, assess, eye_aspect_ratio, yaw_degrees
from shared.capture.face_quality import FaceQualityConfig


def rotate(img, degrees):
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h * 0.4), degrees, 1.0)
    return cv2.warpAffine(img, m, (w, h), borderMode=cv2.BORDER_REPLICATE)


def test_real_portrait_passes_every_gate(analyzer, portrait):
    report = analyzer.assess(portrait)
    assert report.face_found and report.face_count == 1 and report.passed
    assert report.reason is None and report.guidance.render() == "很好，请保持"
    assert all(m.passed and m.measured for m in report.measures.values())
    assert 0.2 <= report.value("eyes_open") <= 0.32      # open eyes, about 0.25
    assert abs(report.value("roll")) < 6 and abs(report.value("yaw")) < 8
    x, y, w, h = report.box
    assert 80 < x + w / 2 < 220 and 40 < y + h / 2 < 160   # the face, not the suit


@pytest.mark.parametrize("name, make, reason, text", [
    ("blurred", lambda p: cv2.GaussianBlur(p, (0, 0), 4), "blurred", "请保持不动"),
    ("dark", lambda p: (p * 0.2).astype(np.uint8), "too_dark", "光线太暗"),
    ("bright", lambda p: cv2.convertScaleAbs(p, alpha=1.3, beta=90), "too_bright", "光线太亮"),
    ("rotated", lambda p: rotate(p, 25), "roll", "请把头摆正"),
    ("rotated_other_way", lambda p: rotate(p, -30), "roll", "请把头摆正"),
])
def test_degraded_copies_fail_with_guidance(analyzer, portrait, name, make, reason, text):
    report = analyzer.assess(make(portrait))
    assert report.face_count == 1, name
    assert not report.passed and report.reason == reason
    assert report.guidance.render() == text


def test_face_cut_at_the_edge_is_off_centre(analyzer, astronaut):
    report = analyzer.assess(np.ascontiguousarray(astronaut[10:310, 150:450]))
    assert report.reason == "off_centre" and report.guidance.render() == "请正对镜头"
    assert report.measures["centring"].value > report.measures["centring"].max


def test_too_small_and_too_large(analyzer, portrait, astronaut):
    canvas = np.full((700, 700, 3), 128, np.uint8)     # face about 13 % of the height
    canvas[200:500, 200:500] = portrait
    small = analyzer.assess(canvas)
    assert small.reason == "too_small" and small.guidance.render() == "请靠近一点"
    large = analyzer.assess(np.ascontiguousarray(astronaut[70:180, 170:280]))
    assert large.reason == "too_large" and large.guidance.render() == "请离远一点"


def test_small_face_in_wide_frame_still_gets_come_closer(analyzer, portrait, place):
    report = analyzer.assess(place(portrait, scale=1.0))
    assert report.face_found and report.reason == "too_small"


def test_two_faces_only_one_person(analyzer, portrait):
    report = analyzer.assess(np.hstack([portrait, portrait]))
    assert report.face_count == 2 and not report.passed
    assert report.reason == "multiple_faces" and report.guidance.render() == "画面中只能有一人"


@pytest.mark.parametrize("image", [
    np.full((480, 640, 3), 128, np.uint8),
    cv2.cvtColor(data.coffee(), cv2.COLOR_RGB2BGR),
    cv2.cvtColor(data.chelsea(), cv2.COLOR_RGB2BGR),   # a cat is not a person
])
def test_no_face(analyzer, image):
    report = analyzer.assess(image)
    assert not report.face_found and report.box is None and not report.passed
    assert report.guidance.render() == "未检测到人脸"


def test_config_from_dict_changes_the_verdict(portrait):
    strict = FaceQualityConfig.from_dict({"min_sharpness": 1e6, "unknown": 1})
    assert strict.min_sharpness == 1e6 and strict.max_roll == FaceQualityConfig().max_roll
    assert assess(portrait, strict).reason == "blurred"
    assert FaceQualityConfig.from_dict(strict.to_dict()) == strict
    assert assess(portrait).passed


def test_report_to_dict_is_json(analyzer, portrait):
    out = json.loads(json.dumps(analyzer.assess(portrait).to_dict(), ensure_ascii=False))
    assert out["pass"] is True and out["detector"] == "blazeface"
    assert set(out["measures"]) >= {"face_size", "centring", "sharpness", "brightness",
                                     "clipped", "roll", "yaw", "eyes_open"}
    assert out["measures"]["sharpness"]["min"] == FaceQualityConfig().min_sharpness
    assert out["guidance"]["zh"] == "很好，请保持"


def test_haar_fallback_when_models_are_missing(tmp_path, portrait):
    analyzer = FaceAnalyzer(model_dir=tmp_path)      # no .tflite files there
    assert analyzer.detector_name == "haar" and not analyzer.has_landmarks
    report = analyzer.assess(portrait)
    assert report.passed and report.detector == "haar"
    assert not report.measures["eyes_open"].measured and report.value("roll") is None
    assert analyzer.assess(np.hstack([portrait, portrait])).reason == "multiple_faces"
    assert analyzer.assess(cv2.GaussianBlur(portrait, (0, 0), 4)).reason == "blurred"
    assert not analyzer.assess(np.full((300, 300, 3), 90, np.uint8)).face_found


def test_anchor_decode_and_weighted_nms():
    anchors = fm.ssd_anchors()
    assert anchors.shape == (896, 2)
    assert np.allclose(anchors[0], [1 / 32, 1 / 32]) and np.allclose(anchors[-1], [15 / 16] * 2)
    raw = np.zeros((896, 16), np.float32)
    raw[:, 2:4] = 32                        # 32 px boxes centred on their anchors
    scores = np.full(896, -10.0, np.float32)
    scores[[0, 1]] = [5.0, 3.0]             # two anchors at the same cell: one face
    scores[895] = 4.0                       # another one at the far corner
    boxes, probs = fm.decode(raw, scores, anchors)
    assert len(boxes) == 3 and probs.min() > 0.9
    merged = fm.weighted_nms(boxes, probs)
    assert len(merged) == 2
    assert np.allclose(merged[0][0][:4], [1 / 32 - 0.125, 1 / 32 - 0.125,
                                         1 / 32 + 0.125, 1 / 32 + 0.125], atol=1e-5)


def test_landmark_geometry_helpers():
    open_eye = np.array([[0, 0], [3, -2.5], [7, -2.5], [10, 0], [7, 2.5], [3, 2.5]], float)
    assert eye_aspect_ratio(open_eye) == pytest.approx(0.5)
    closed = open_eye * [1, 0.1]
    assert eye_aspect_ratio(closed) < 0.1
    a, b = np.array([0.0, 0.0]), np.array([10.0, 0.0])
    assert yaw_degrees(np.array([5.0, 3.0]), a, b) == pytest.approx(0.0)
    assert yaw_degrees(np.array([7.5, 3.0]), a, b) == pytest.approx(30.0)
    assert yaw_degrees(np.array([2.5, 3.0]), a, b) == pytest.approx(-30.0)

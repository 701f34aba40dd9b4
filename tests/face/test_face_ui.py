"""QtCameraView with the generated camera: frames shown, guidance, capture, no-camera state."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from shared.capture.autocapture import AutoCapture, FaceEvidence  # noqa: E402
from shared.devices.camera import CameraStream, GeneratedCamera, OpenCvCamera  # noqa: E402
from shared.ui.camera_view import QtCameraView  # noqa: E402


def make_view(qtbot, camera, analyzer, good_frames=4):
    view = QtCameraView(CameraStream(camera), analyzer=analyzer,
                        autocapture=AutoCapture(good_frames=good_frames))
    qtbot.addWidget(view)
    view.resize(640, 400)
    view.show()
    return view


def test_view_captures_and_guides(qtbot, analyzer, tmp_path):
    view = make_view(qtbot, GeneratedCamera(size=(960, 540)), analyzer)
    texts = []
    view.guidance.connect(texts.append)
    with qtbot.waitSignal(view.captured, timeout=20000) as blocker:
        view.start()
    evidence = blocker.args[0]
    assert isinstance(evidence, FaceEvidence) and evidence.report["pass"]
    assert evidence.device == "模拟摄像头"
    qtbot.waitUntil(lambda: view._image is not None, timeout=5000)
    assert "很好，请保持" in texts and texts[-1] == "采集完成" and view.text == "采集完成"
    image = view.grab()
    assert not image.isNull() and image.save(str(tmp_path / "view.png"))
    view.stop()
    assert view.stream.state == "stopped"


def test_view_tells_a_far_person_to_come_closer(qtbot, analyzer):
    view = make_view(qtbot, GeneratedCamera(size=(960, 540), face_height=0.45), analyzer)
    with qtbot.waitSignal(view.guidance, timeout=20000,
                          check_params_cb=lambda text: text == "请靠近一点"):
        view.start()
    assert view.evidence is None
    view.stop()


def test_view_without_camera_shows_message(qtbot):
    view = QtCameraView(None)
    qtbot.addWidget(view)
    view.start()
    assert view.text == "未找到摄像头，请检查连接后重试"
    assert not view.grab().isNull()


def test_view_reports_a_missing_or_lost_camera(qtbot, analyzer):
    view = make_view(qtbot, OpenCvCamera(63), analyzer)
    with qtbot.waitSignal(view.cameraError, timeout=5000) as blocker:
        view.start()
    assert "未找到摄像头" in blocker.args[0]
    view.set_stream(CameraStream(GeneratedCamera(size=(320, 240), fail_after=5)))
    with qtbot.waitSignal(view.cameraError, timeout=5000) as blocker:
        view.start()
    assert "摄像头已断开" in blocker.args[0] and view.error == blocker.args[0]
    view.stop()


def test_view_asks_for_a_blink_before_capturing(qtbot, analyzer):
    from shared.capture.autocapture import BlinkChallenge
    view = QtCameraView(CameraStream(GeneratedCamera(size=(960, 540))), analyzer=analyzer,
                        autocapture=AutoCapture(good_frames=3, liveness=BlinkChallenge()))
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.guidance, timeout=20000,
                          check_params_cb=lambda text: text == "请眨一下眼睛"):
        view.start()
    assert view.evidence is None      # a photo that never blinks is never captured
    view.stop()

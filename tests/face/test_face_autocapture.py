"""Auto-capture on generated video (through a real .avi file and the generated camera),
and the liveness challenges on synthetic eye-aspect / yaw sequences."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from shared.capture.autocapture import (AutoCapture, BlinkChallenge, FaceEvidence,
                                        TurnChallenge)
from shared.capture.face_quality import QualityReport, judge
from shared.devices.camera import GeneratedCamera, OpenCvCamera


def run(camera, analyzer, capture: AutoCapture, frames: int):
    """Read ``frames`` frames in order, analyse each, feed auto-capture; return evidence, log."""
    log = []
    with camera:
        for i in range(1, frames + 1):
            frame = camera.read()
            report = analyzer.assess(frame)
            log.append((i, report))
            evidence = capture.feed(frame, report, i)
            if evidence is not None:
                return evidence, log
    return None, log


def check_evidence(evidence: FaceEvidence):
    frame = cv2.imdecode(np.frombuffer(evidence.frame_jpeg, np.uint8), cv2.IMREAD_COLOR)
    face = cv2.imdecode(np.frombuffer(evidence.face_jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert frame is not None and face is not None
    assert face.shape[0] < frame.shape[0] and face.shape[1] < frame.shape[1]
    assert evidence.report["pass"] is True
    meta = json.loads(json.dumps(evidence.to_dict()))
    assert len(meta["frame_sha256"]) == 64 and meta["captured_at"]


def test_autocapture_from_a_video_file(tmp_path, portrait, analyzer, place):
    path = tmp_path / "applicant.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 25, (640, 360))
    blank = np.full((360, 640, 3), 100, np.uint8)
    for _ in range(4):                      # nobody in front of the camera yet
        writer.write(blank)
    for i in range(12):                     # the applicant sits down, slightly moving
        frame = place(portrait, size=(640, 360), scale=0.95, dx=(i % 5) - 2)
        if i == 2:
            frame = cv2.GaussianBlur(frame, (0, 0), 5)   # moved: one blurred frame
        writer.write(frame)
    writer.release()
    capture = AutoCapture(good_frames=4, device="test")
    evidence, log = run(OpenCvCamera(path), analyzer, capture, 16)
    assert evidence is not None and capture.done
    check_evidence(evidence)
    assert evidence.device == "test" and evidence.liveness is None
    assert [r.passed for _, r in log[:4]] == [False] * 4
    assert log[6][1].reason == "blurred"             # frame 7 broke the run
    assert log[-1][0] == 7 + 4                      # captured on the 4th good frame after it
    run_reports = {i: r for i, r in log[7:]}
    assert all(r.passed for r in run_reports.values())
    best = max(run_reports, key=lambda i: run_reports[i].value("sharpness"))
    assert evidence.frame_id == best                # the sharpest frame of the run
    assert evidence.sharpness == pytest.approx(run_reports[best].value("sharpness"))
    assert capture.feed(blank, log[0][1]) is None     # done: no second capture


def test_autocapture_from_the_generated_camera(analyzer):
    capture = AutoCapture(good_frames=5)
    evidence, log = run(GeneratedCamera(size=(960, 540)), analyzer, capture, 30)
    assert evidence is not None and len(log) == 5
    check_evidence(evidence)


def test_no_face_means_no_capture(analyzer):
    capture = AutoCapture(good_frames=2)
    evidence, log = run(GeneratedCamera(scene=lambda i: np.full((360, 640, 3), 90 + i,
                                                                 np.uint8)),
                        analyzer, capture, 6)
    assert evidence is None and not capture.done and capture.run == 0


def fake_report(ear=0.26, yaw=0.0, passed=True, faces=1) -> QualityReport:
    report = QualityReport(face_found=faces > 0, face_count=faces,
                           box=(8, 8, 16, 16) if faces else None, passed=passed and faces == 1,
                           detector="blazeface", frame_size=(32, 32))
    report.measures["eyes_open"] = judge("eyes_open", ear, 0.17)
    report.measures["yaw"] = judge("yaw", yaw, None, 15)
    report.measures["sharpness"] = judge("sharpness", 100.0, 40)
    if not report.passed and faces == 1:
        report.reason = "eyes_closed"
    return report


def blink_on(ears) -> bool:
    challenge = BlinkChallenge()
    for ear in ears:
        challenge.update(fake_report(ear))
    return challenge.satisfied


@pytest.mark.parametrize("ears, blinked", [
    ([0.26] * 5 + [0.08] * 2 + [0.27] * 3, True),
    ([0.25, 0.24, 0.12, 0.26], True),                 # a one-frame blink counts
    ([0.26] * 20, False),                             # never closed
    ([0.08] * 3 + [0.26] * 5, False),                 # closed first: not seen open before
    ([0.26] * 3 + [0.08] * 20 + [0.26] * 3, False),   # eyes shut too long: not a blink
    ([0.26, 0.17, 0.19, 0.16, 0.21, 0.18, 0.26], False),   # noise around the thresholds
    ([0.26] * 3 + [0.08] * 3, False),                 # still closed
])
def test_blink_challenge(ears, blinked):
    assert blink_on(ears) is blinked


def test_turn_challenge():
    turn = TurnChallenge()
    for yaw in [1, 2, 10, 18, 25, 24, 12, 3]:
        turn.update(fake_report(yaw=yaw))
    assert turn.satisfied
    half = TurnChallenge()
    for yaw in [1, 10, 25, 26, 22]:
        half.update(fake_report(yaw=yaw))
    assert not half.satisfied


def test_liveness_must_be_met_before_capture():
    frame = np.full((32, 32, 3), 120, np.uint8)
    capture = AutoCapture(good_frames=3, liveness=BlinkChallenge())
    for _ in range(10):                           # good frames but no blink: wait
        assert capture.feed(frame, fake_report()) is None
    assert capture.waiting_for_liveness
    for ear in (0.08, 0.08):                      # the blink breaks the good run
        assert capture.feed(frame, fake_report(ear, passed=False)) is None
    assert capture.run == 0 and capture.waiting_for_liveness   # not until they reopen
    results = [capture.feed(frame, fake_report()) for _ in range(3)]
    assert not capture.waiting_for_liveness
    assert results[:2] == [None, None] and isinstance(results[2], FaceEvidence)
    assert results[2].liveness == {"kind": "blink", "passed": True}


def test_losing_the_face_restarts_the_challenge():
    frame = np.full((32, 32, 3), 120, np.uint8)
    capture = AutoCapture(good_frames=2, liveness=BlinkChallenge(), lost_frames=3)
    for ear in (0.26, 0.08, 0.26):
        capture.feed(frame, fake_report(ear, passed=ear > 0.2))
    assert not capture.waiting_for_liveness
    for _ in range(3):                            # the person leaves (or a photo is swapped)
        capture.feed(frame, fake_report(faces=0))
    assert capture.waiting_for_liveness
    for _ in range(5):
        assert capture.feed(frame, fake_report()) is None
    capture.reset()
    assert not capture.done and capture.run == 0

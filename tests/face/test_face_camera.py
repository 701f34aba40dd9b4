"""Cameras: file / sequence / generated sources, the latest-frame slot, missing and lost devices."""

from __future__ import annotations

import os
import threading
import time

import cv2
import numpy as np
import pytest

from shared.devices.camera import (Camera, CameraStream, GeneratedCamera, LatestSlot,
                                   OpenCvCamera, check, open_camera)
from shared.errors import DeviceError


def numbered(i: int) -> np.ndarray:
    frame = np.zeros((48, 64, 3), np.uint8)
    frame[0, 0, 0] = i % 256
    return frame


def test_slot_keeps_only_the_newest_frame():
    slot = LatestSlot()
    assert slot.latest() is None
    for i in range(5):
        slot.put(numbered(i))
    fid, frame = slot.latest()
    assert fid == 5 and frame[0, 0, 0] == 4      # never an older frame
    assert slot.dropped == 4                     # the four nobody saw are gone, not queued
    slot.put(numbered(5))
    assert slot.dropped == 4                     # id 5 had been taken: nothing dropped
    assert slot.wait_newer(6, timeout=0.01) is None
    assert slot.wait_newer(5, timeout=0.01)[0] == 6


def test_slot_wait_newer_wakes_on_put():
    slot = LatestSlot()
    got = []
    t = threading.Thread(target=lambda: got.append(slot.wait_newer(0, timeout=5)))
    t.start()
    slot.put(numbered(1))
    t.join(5)
    assert got and got[0][0] == 1


def test_stream_with_slow_consumer_drops_stale_frames():
    stream = CameraStream(GeneratedCamera(scene=numbered), pace=False).start()
    try:
        seen = []
        last = 0
        while len(seen) < 5:
            item = stream.wait_newer(last, timeout=5)
            assert item is not None
            last = item[0]
            seen.append(last)
            time.sleep(0.02)                 # a consumer much slower than the camera
        assert seen == sorted(seen) and len(set(seen)) == len(seen)
        assert seen[-1] - seen[0] > len(seen) - 1   # ids were skipped: stale frames dropped
        assert stream.dropped > 0 and stream.state == "running" and stream.fps > 0
    finally:
        stream.stop()
    assert stream.state == "stopped"


def wait_for_error(stream: CameraStream) -> None:
    for _ in range(500):
        if stream.state == "error":
            return
        time.sleep(0.01)


def test_unplugged_camera_reports_error_state():
    stream = CameraStream(GeneratedCamera(scene=numbered, fail_after=3), pace=False).start()
    wait_for_error(stream)
    assert stream.state == "error"
    assert isinstance(stream.error, DeviceError) and stream.error.code == "camera.lost"
    assert "摄像头" in str(stream.error)
    assert stream.latest()[0] == 3           # the last good frame is still there
    assert stream.wait_newer(3, timeout=0.01) is None
    stream.stop()


def test_missing_camera_raises_device_error(tmp_path):
    with pytest.raises(DeviceError) as err:
        OpenCvCamera(63).open()
    assert err.value.code == "camera.missing" and "未找到摄像头" in str(err.value)
    with pytest.raises(DeviceError):
        open_camera(str(tmp_path / "missing.avi"))
    with pytest.raises(DeviceError):
        OpenCvCamera(63).read()


def test_missing_camera_in_a_stream_is_an_error_state():
    stream = CameraStream(OpenCvCamera(63)).start()
    wait_for_error(stream)
    assert stream.state == "error" and stream.error.code == "camera.missing"


def test_open_camera_specs():
    auto = open_camera("auto")
    assert isinstance(auto, Camera)
    if not os.path.exists("/dev/video0"):
        assert isinstance(auto, GeneratedCamera)
    sim = open_camera("sim")
    frame = sim.read()
    assert isinstance(sim, GeneratedCamera) and frame.shape == (720, 1280, 3)
    assert frame.dtype == np.uint8 and frame.std() > 10   # a picture, not a blank


def test_video_file_and_image_sequence_loop(tmp_path):
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (64, 48))
    for i in range(3):
        writer.write(np.full((48, 64, 3), 60 * (i + 1), np.uint8))
    writer.release()
    for i in range(3):
        cv2.imwrite(str(tmp_path / "seq_{:03d}.png".format(i)),
                    np.full((48, 64, 3), 60 * (i + 1), np.uint8))
    for spec in (str(path), str(tmp_path / "seq_%03d.png")):
        with open_camera(spec) as cam:
            levels = [int(cam.read().mean()) for _ in range(7)]
        assert [round(v / 60) for v in levels] == [1, 2, 3, 1, 2, 3, 1], spec
    once = OpenCvCamera(path, loop=False).open()
    for _ in range(3):
        once.read()
    with pytest.raises(DeviceError):
        once.read()
    once.close()


def test_device_check_lists_cameras_and_the_face_model():
    from shared.capture import face_models
    items = check() + face_models.check()
    kinds = {i["kind"] for i in items}
    assert kinds == {"camera", "face_model"}
    for item in items:
        assert {"name", "ok", "message"} <= set(item)
    model = next(i for i in items if i["kind"] == "face_model")
    assert model["name"] == "blazeface" and model["ok"]


def test_stream_over_an_opened_file_camera(tmp_path, portrait):
    path = tmp_path / "seq_%02d.png"
    for i in range(3):
        cv2.imwrite(str(path).replace("%02d", "{:02d}".format(i)), portrait)
    camera = open_camera(str(path))              # opened once by open_camera...
    stream = CameraStream(camera).start()        # ...and the stream reuses it
    try:
        item = stream.wait_newer(0, timeout=5)
        assert item is not None and item[1].shape == portrait.shape
    finally:
        stream.stop()
    assert stream.state == "stopped"

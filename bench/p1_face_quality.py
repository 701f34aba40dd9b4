"""P1: face detection + quality gates per 1280x720 frame (median ms, goal <= 10).

Baseline measured in the same run: OpenCV's Haar frontalface_default on the full frame.
Frames come from the generated camera (a real face photo, moving), so the detector,
FaceMesh and every measure run as they do live.
"""

from __future__ import annotations

import itertools
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _common import bench_line, median_ms  # noqa: E402

from shared.capture.face import FaceAnalyzer  # noqa: E402
from shared.capture.face_models import HaarDetector  # noqa: E402
from shared.devices.camera import GeneratedCamera  # noqa: E402


def main() -> None:
    cam = GeneratedCamera(size=(1280, 720), loop_frames=40).open()
    frames = [cam.read() for _ in range(40)]
    analyzer = FaceAnalyzer()
    passed = sum(analyzer.assess(f).passed for f in frames)
    print("frames: {} at 1280x720, {} pass the gates, detector {}".format(
        len(frames), passed, analyzer.detector_name))
    cycle = itertools.cycle(frames)
    ours = median_ms(lambda: analyzer.assess(next(cycle)), repeat=60, warmup=5)
    haar = HaarDetector(max_side=None)
    found = sum(bool(haar.detect(f)) for f in frames[:5])
    haar_ms = median_ms(lambda: haar.detect(next(cycle)), repeat=10, warmup=1)
    print("detection + quality (BlazeFace + FaceMesh + gates): {:.2f} ms median".format(ours))
    print("baseline Haar frontalface_default on the full frame: {:.2f} ms median "
          "(found a face in {}/5); ratio ours/Haar = {:.3f} ({:.1f}x faster)".format(
              haar_ms, found, ours / haar_ms, haar_ms / ours))
    bench_line("P1", "face_quality_ms", ours, "<=", 10)


if __name__ == "__main__":
    main()

"""Live face assessment: detect the face, measure it, judge it against the quality gates.

``FaceAnalyzer.assess(frame)`` is what the camera view's worker thread calls on the newest
frame, what ``yizhan face check`` prints, and what :class:`~shared.capture.autocapture.AutoCapture`
consumes. BlazeFace + FaceMesh when the model files are present (about 5 ms per 720p frame),
Haar otherwise (no roll / yaw / eyes then: those measures are reported as unmeasured).
"""

from __future__ import annotations

import logging
import math
import threading
from pathlib import Path

import numpy as np

from shared.capture import face_models as fm
from shared.capture.face_quality import (FaceQualityConfig, Measure, QualityReport,
                                         first_failure, judge)

log = logging.getLogger(__name__)

# FaceMesh indices: eye contours (p1..p6 for the eye aspect ratio), eye outer corners, nose tip,
# and the two cheek points at the face outline (for yaw).
RIGHT_EYE = (33, 160, 158, 133, 153, 144)
LEFT_EYE = (362, 385, 387, 263, 373, 380)
EYE_CORNERS = (33, 263)
NOSE_TIP = 1
CHEEKS = (234, 454)
_SHARPNESS_WIDTH = 128   # the face is resized to this width so sharpness ignores distance


def eye_aspect_ratio(pts: np.ndarray) -> float:
    """Soukupová & Čech's EAR: eye height over width (about 0.25 open, under 0.12 closed)."""
    p = pts[:, :2]
    vertical = np.linalg.norm(p[1] - p[5]) + np.linalg.norm(p[2] - p[4])
    return float(vertical / (2.0 * max(np.linalg.norm(p[0] - p[3]), 1e-6)))


def roll_degrees(a: np.ndarray, b: np.ndarray) -> float:
    """Angle of the eye line against the horizontal, whichever eye is on the image's left."""
    if a[0] > b[0]:
        a, b = b, a
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


def yaw_degrees(nose: np.ndarray, side_a: np.ndarray, side_b: np.ndarray) -> float:
    """Head turn estimated from where the nose sits between the face's two sides.

    The nose-to-side distances are projected on the line between the sides (so roll does not
    count); their normalised difference is the sine of the turn under a cylinder model.
    """
    axis = side_b[:2] - side_a[:2]
    length = float(np.linalg.norm(axis))
    if length < 1e-6:
        return 0.0
    t = float(np.dot(nose[:2] - side_a[:2], axis)) / (length * length)   # 0..1 along the axis
    return math.degrees(math.asin(max(-1.0, min(1.0, 2.0 * t - 1.0))))


class FaceAnalyzer:
    """Detects and judges the face in BGR frames. Thread-safe; one instance per process is enough.

    ``detector``: ``"auto"`` (BlazeFace when its model file is found, else Haar), ``"blazeface"``
    or ``"haar"``. ``model_dir`` looks for the .tflite files there instead of in the wheel.
    """

    def __init__(self, config: FaceQualityConfig | None = None, detector: str = "auto",
                 model_dir: Path | None = None) -> None:
        self.config = config or FaceQualityConfig()
        self._mesh: fm.FaceMesh | None = None
        det_path = self._find(fm.DETECTOR_FILE, model_dir)
        mesh_path = self._find(fm.LANDMARK_FILE, model_dir)
        if detector in ("auto", "blazeface") and det_path is not None:
            self._detector = fm.BlazeFaceDetector(det_path)
            if mesh_path is not None:
                self._mesh = fm.FaceMesh(mesh_path)
        elif detector == "blazeface":
            raise FileNotFoundError(fm.DETECTOR_FILE)
        else:
            if detector == "auto":
                log.warning("BlazeFace model not found, using the Haar cascade")
            self._detector = fm.HaarDetector()

    @staticmethod
    def _find(name: str, model_dir: Path | None) -> Path | None:
        if model_dir is not None:
            path = Path(model_dir) / name
            return path if path.is_file() else None
        return fm.model_file(name)

    @property
    def detector_name(self) -> str:
        """``"blazeface"`` or ``"haar"``."""
        return self._detector.name

    @property
    def has_landmarks(self) -> bool:
        """True when roll, yaw and eyes-open can be measured."""
        return self._mesh is not None

    def detect(self, frame: np.ndarray) -> list[fm.Detection]:
        """Faces above the configured detection score, best first."""
        dets = self._good(self._detector.detect(frame))
        h, w = frame.shape[:2]
        if not dets and w > 1.2 * h and self._detector.name == "blazeface":
            # A wide frame letterboxed to 128 px loses faces under ~15 % of its height; a second
            # look at the centre square lets us still say "come closer" instead of "no face".
            x0 = (w - h) // 2
            dets = self._good(self._detector.detect(frame[:, x0:x0 + h]))
            for d in dets:
                d.box = (d.box[0] + x0, *d.box[1:])
                if d.keypoints is not None:
                    d.keypoints[:, 0] += x0
        return dets

    def _good(self, dets: list[fm.Detection]) -> list[fm.Detection]:
        return [d for d in dets if d.score >= self.config.min_detection_score]

    def assess(self, frame: np.ndarray) -> QualityReport:
        """Measure the face in ``frame`` (BGR or grey) and judge every gate."""
        if frame.ndim == 2:
            import cv2
            frame = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
        h, w = frame.shape[:2]
        dets = self.detect(frame)
        count = judge("face_count", len(dets), 1, 1)
        report = QualityReport(face_found=bool(dets), face_count=len(dets), box=None,
                               detector=self.detector_name, frame_size=(w, h))
        report.measures["face_count"] = count
        if dets:
            report.box = tuple(int(round(v)) for v in dets[0].box)  # type: ignore[assignment]
        if count.passed:
            report.measures.update(self._measure(frame, dets[0]))
        report.reason = first_failure(report.measures)
        report.passed = report.reason is None
        return report

    def _measure(self, frame: np.ndarray, det: fm.Detection) -> dict[str, Measure]:
        import cv2
        cfg = self.config
        h, w = frame.shape[:2]
        x, y, bw, bh = det.box
        cx, cy = det.center
        out = {
            "face_size": judge("face_size", bh / h, cfg.min_face_size, cfg.max_face_size),
            "centring": judge("centring", max(abs(cx - w / 2) / w, abs(cy - h / 2) / h),
                              None, cfg.max_centre_offset),
        }
        roll = yaw = ear = None
        if det.keypoints is not None:
            kp = det.keypoints
            roll = roll_degrees(kp[0], kp[1])
            yaw = yaw_degrees(kp[2], kp[4], kp[5])
            if self._mesh is not None:
                lm, presence = self._mesh.landmarks(frame, det, roll)
                if presence >= 0.5:   # otherwise keep the detector's coarser angles
                    roll = roll_degrees(lm[EYE_CORNERS[0]], lm[EYE_CORNERS[1]])
                    yaw = yaw_degrees(lm[NOSE_TIP], lm[CHEEKS[0]], lm[CHEEKS[1]])
                    ear = (eye_aspect_ratio(lm[list(RIGHT_EYE)]) +
                           eye_aspect_ratio(lm[list(LEFT_EYE)])) / 2
                    det.landmarks = lm
        out["roll"] = judge("roll", None if roll is None else abs(roll), None, cfg.max_roll)
        out["yaw"] = judge("yaw", None if yaw is None else abs(yaw), None, cfg.max_yaw)
        if yaw is not None:
            out["yaw"].value = yaw   # keep the sign for liveness (turn left / right)
        x0, y0 = max(0, int(x)), max(0, int(y))
        x1, y1 = min(w, int(x + bw)), min(h, int(y + bh))
        crop = frame[y0:y1, x0:x1]
        grey = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.size else np.zeros((1, 1), np.uint8)
        dark = float(np.count_nonzero(grey <= 5)) / grey.size
        bright = float(np.count_nonzero(grey >= 250)) / grey.size
        out["brightness"] = judge("brightness", float(grey.mean()), cfg.min_brightness,
                                  cfg.max_brightness)
        clipped = judge("clipped", dark + bright, None, cfg.max_clipped)
        if not clipped.passed:
            clipped.side = "low" if dark > bright else "high"
        out["clipped"] = clipped
        out["sharpness"] = judge("sharpness", sharpness(grey), cfg.min_sharpness)
        out["eyes_open"] = judge("eyes_open", ear, cfg.min_eye_aspect)
        return out


def sharpness(grey: np.ndarray) -> float:
    """Variance of the Laplacian of a grey face crop resized to a fixed width."""
    import cv2
    if grey.shape[1] < 8 or grey.shape[0] < 8:
        return 0.0
    scale = _SHARPNESS_WIDTH / grey.shape[1]
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    small = cv2.resize(grey, (_SHARPNESS_WIDTH, max(8, round(grey.shape[0] * scale))),
                       interpolation=interp)
    return float(cv2.Laplacian(small, cv2.CV_64F).var())


_default: FaceAnalyzer | None = None
_default_lock = threading.Lock()


def default_analyzer() -> FaceAnalyzer:
    """A shared analyser with the default configuration (models loaded once)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = FaceAnalyzer()
        return _default


def assess(frame: np.ndarray, config: FaceQualityConfig | None = None) -> QualityReport:
    """Assess one BGR frame with the shared analyser (or a fresh one for a custom config)."""
    analyzer = default_analyzer() if config is None else FaceAnalyzer(config)
    return analyzer.assess(frame)

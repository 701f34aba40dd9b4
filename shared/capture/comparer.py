"""Face comparison: the probe (live capture) against a reference (the ID card photo).

The authoritative comparison is the government platform's (server side, implemented by the
sync layer as another :class:`FaceComparer`). :class:`DlibComparer` is an optional local extra
(``dlib-bin`` + ``face-recognition-models``, about 100 MB): imported lazily, unavailable
otherwise, and then it says so with a :class:`DeviceError` instead of failing obscurely.
"""

from __future__ import annotations

import abc
import importlib.util
import threading
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy is loaded where faces are compared, not when the app starts
    import numpy as np

from shared.errors import CaptureError, DeviceError
from shared.i18n import Msg

DECISIONS = ("pass", "fail", "manual_review")
MIN_SIDE = 300  # pictures smaller than this (card photos) are enlarged before detection


@dataclass(frozen=True)
class ComparisonResult:
    """``score`` and ``threshold`` in the method's own scale; ``decision`` is one of
    ``pass``, ``fail`` or ``manual_review`` (the officer looks at both pictures)."""

    score: float
    threshold: float
    decision: str
    method: str

    def __post_init__(self) -> None:
        if self.decision not in DECISIONS:
            raise ValueError("decision must be one of {}".format(DECISIONS))

    def to_dict(self) -> dict[str, Any]:
        """JSON form for the case record."""
        return asdict(self)


class FaceComparer(abc.ABC):
    """Compares a live face JPEG with a reference photo (JPEG/PNG bytes or a BGR array)."""

    method = "abstract"

    @abc.abstractmethod
    def available(self) -> bool:
        """True when this comparer can run here (libraries, models, network...)."""

    @abc.abstractmethod
    def compare(self, probe_jpeg: bytes, reference: bytes | np.ndarray) -> ComparisonResult:
        """Compare; raises :class:`DeviceError` when unavailable, :class:`CaptureError` when a
        picture holds no usable face."""


def _decode(image: bytes | np.ndarray) -> np.ndarray:
    import cv2
    import numpy as np

    from shared.devices.page_io import check_pixels
    if isinstance(image, np.ndarray):
        return image
    check_pixels(image, "照片")
    arr = cv2.imdecode(np.frombuffer(image, np.uint8), cv2.IMREAD_COLOR)
    if arr is None:
        raise CaptureError(Msg("face.bad_image", "照片无法读取，请重新采集", {}))
    return arr


class DlibComparer(FaceComparer):
    """dlib's ResNet face descriptor; distance under ``threshold`` (0.6) is the same person.

    Distances within ``review_margin`` of the threshold go to manual review rather than a
    hard decision (measured: same person 0.14-0.34, different person about 0.84).
    """

    method = "dlib_resnet"

    def __init__(self, threshold: float = 0.6, review_margin: float = 0.05) -> None:
        self.threshold, self.review_margin = threshold, review_margin
        self._models: tuple[Any, Any, Any] | None = None
        self._lock = threading.Lock()

    def available(self) -> bool:
        return all(importlib.util.find_spec(m) is not None
                   for m in ("dlib", "face_recognition_models"))

    def _load(self) -> tuple[Any, Any, Any]:
        with self._lock:
            if self._models is None:
                if not self.available():
                    raise DeviceError(Msg("face.comparer_missing",
                                          "本机未安装人脸比对组件，请使用服务端比对或联系管理员安装",
                                          {}))
                import dlib
                import face_recognition_models as frm
                self._models = (dlib.get_frontal_face_detector(),
                                dlib.shape_predictor(frm.pose_predictor_model_location()),
                                dlib.face_recognition_model_v1(
                                    frm.face_recognition_model_location()))
            return self._models

    def descriptor(self, image: bytes | np.ndarray) -> np.ndarray:
        """The 128-d descriptor of the largest face in ``image``."""
        import cv2
        import numpy as np
        detector, predictor, encoder = self._load()
        bgr = _decode(image)
        if min(bgr.shape[:2]) < MIN_SIDE:  # a card photo is 102 x 126: too small for the detector
            scale = MIN_SIDE / min(bgr.shape[:2])
            bgr = cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        faces = detector(rgb, 1)
        if not faces:
            raise CaptureError(Msg("face.compare_no_face", "照片中未检测到人脸，请重新采集", {}))
        face = max(faces, key=lambda r: r.width() * r.height())
        return np.asarray(encoder.compute_face_descriptor(rgb, predictor(rgb, face)))

    def compare(self, probe_jpeg: bytes, reference: bytes | np.ndarray) -> ComparisonResult:
        import numpy as np
        distance = float(np.linalg.norm(self.descriptor(probe_jpeg) -
                                        self.descriptor(reference)))
        return ComparisonResult(distance, self.threshold,
                                decide_distance(distance, self.threshold, self.review_margin),
                                self.method)


def decide_distance(distance: float, threshold: float, margin: float) -> str:
    """``pass`` well under the threshold, ``fail`` well over, ``manual_review`` in between."""
    if distance <= threshold - margin:
        return "pass"
    if distance >= threshold + margin:
        return "fail"
    return "manual_review"

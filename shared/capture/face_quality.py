"""Face quality gates (ISO/IEC 29794-5 and ICAO practice): configuration, measures, report.

The measures are computed by :mod:`shared.capture.face`; this module holds what they are judged
against (:class:`FaceQualityConfig`, loadable from the settings dict) and the result
(:class:`QualityReport`), with the guidance an applicant reads when a gate fails.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Mapping

from shared.i18n import Msg

# The guidance shown to the applicant, by the reason code of the first failing gate.
GUIDANCE: dict[str, Msg] = {
    "no_face": Msg("face.no_face", "未检测到人脸", {}),
    "multiple_faces": Msg("face.multiple", "画面中只能有一人", {}),
    "too_small": Msg("face.too_small", "请靠近一点", {}),
    "too_large": Msg("face.too_large", "请离远一点", {}),
    "off_centre": Msg("face.off_centre", "请正对镜头", {}),
    "roll": Msg("face.roll", "请把头摆正", {}),
    "yaw": Msg("face.yaw", "请正对镜头", {}),
    "too_dark": Msg("face.too_dark", "光线太暗", {}),
    "too_bright": Msg("face.too_bright", "光线太亮", {}),
    "blurred": Msg("face.blurred", "请保持不动", {}),
    "eyes_closed": Msg("face.eyes_closed", "请睁开眼睛", {}),
}
READY = Msg("face.ready", "很好，请保持", {})

# Gate order = guidance priority: where the person is, then light, then stillness, then eyes.
MEASURE_ORDER = ("face_count", "face_size", "centring", "roll", "yaw", "brightness",
                 "clipped", "sharpness", "eyes_open")


@dataclass
class FaceQualityConfig:
    """Thresholds of the gates. Sizes are fractions of the frame height; angles in degrees."""

    min_face_size: float = 0.18        # face box height / frame height
    max_face_size: float = 0.80
    max_centre_offset: float = 0.22    # face centre distance from frame centre / frame side
    max_roll: float = 10.0
    max_yaw: float = 15.0
    min_brightness: float = 70.0       # mean grey of the face crop, 0..255
    max_brightness: float = 210.0
    max_clipped: float = 0.15          # share of face pixels at <=5 or >=250
    min_sharpness: float = 40.0        # variance of Laplacian on the face resized to 128 px
    min_eye_aspect: float = 0.17       # eye aspect ratio (open about 0.25, closed under 0.12)
    min_detection_score: float = 0.6

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> "FaceQualityConfig":
        """Build from a settings dict; unknown keys are ignored, missing ones keep defaults."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: float(v) for k, v in (data or {}).items() if k in known})

    def to_dict(self) -> dict[str, float]:
        """The thresholds as a plain dict."""
        return asdict(self)


@dataclass
class Measure:
    """One quality measure: its value, the accepted range and whether it passes.

    ``measured`` is False when the detector could not compute it (Haar fallback has no
    landmarks): such a measure neither passes nor blocks capture, it is reported as unknown.
    """

    name: str
    value: float | None
    min: float | None = None
    max: float | None = None
    passed: bool = True
    measured: bool = True
    side: str | None = None            # "low" / "high": which bound failed (picks the advice)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: value, threshold(s), pass."""
        value = None if self.value is None else round(float(self.value), 4)
        return {"value": value, "min": self.min, "max": self.max, "pass": self.passed,
                "measured": self.measured}


def judge(name: str, value: float | None, lo: float | None = None,
          hi: float | None = None) -> Measure:
    """A :class:`Measure` passing when ``lo <= value <= hi`` (None bounds are open)."""
    if value is None:
        return Measure(name, None, lo, hi, passed=True, measured=False)
    side = "low" if lo is not None and value < lo else \
        "high" if hi is not None and value > hi else None
    return Measure(name, float(value), lo, hi, passed=side is None, side=side)


@dataclass
class QualityReport:
    """The verdict on one frame: the face, every measure, overall pass and the guidance."""

    face_found: bool
    face_count: int
    box: tuple[int, int, int, int] | None
    measures: dict[str, Measure] = field(default_factory=dict)
    passed: bool = False
    reason: str | None = None          # key of GUIDANCE for the first failing gate
    detector: str = ""
    frame_size: tuple[int, int] = (0, 0)   # (width, height)

    @property
    def guidance(self) -> Msg:
        """What to tell the applicant: the first failing gate's advice, or 'hold still'."""
        return GUIDANCE[self.reason] if self.reason else READY

    def value(self, name: str) -> float | None:
        """The value of measure ``name``, or None when absent or not measured."""
        m = self.measures.get(name)
        return None if m is None else m.value

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form (used by ``yizhan face check`` and stored with the evidence)."""
        return {
            "face_found": self.face_found, "face_count": self.face_count,
            "box": list(self.box) if self.box else None, "detector": self.detector,
            "frame_size": list(self.frame_size), "pass": self.passed, "reason": self.reason,
            "guidance": self.guidance.to_dict(),
            "measures": {n: m.to_dict() for n, m in self.measures.items()},
        }


def first_failure(measures: Mapping[str, Measure]) -> str | None:
    """The guidance key of the first failing measure, in :data:`MEASURE_ORDER`."""
    for name in MEASURE_ORDER:
        m = measures.get(name)
        if m is None or m.passed:
            continue
        low = m.side == "low"
        if name == "face_count":
            return "no_face" if low else "multiple_faces"
        if name == "face_size":
            return "too_small" if low else "too_large"
        if name in ("brightness", "clipped"):
            # for "clipped" the analyser sets side to where most clipped pixels are
            return "too_dark" if low else "too_bright"
        return {"centring": "off_centre", "roll": "roll", "yaw": "yaw",
                "sharpness": "blurred", "eyes_open": "eyes_closed"}[name]
    return None

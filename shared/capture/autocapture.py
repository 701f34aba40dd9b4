"""Auto-capture: take the best frame once the face has passed the gates for N frames in a row.

Frames are counted, never timed, so the behaviour is the same on a slow kiosk, a fast
workstation and in tests. An optional liveness challenge (blink, or head turn) must be met by
the same face before the capture; losing the face for a few frames restarts it, so a photo
swapped in after a real person blinked does not inherit the pass.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from shared.capture.face_quality import QualityReport
from shared.errors import CaptureError
from shared.i18n import Msg


class LivenessChallenge:
    """Base of the challenges: fed every single-face report, ``satisfied`` once met."""

    kind = "none"
    prompt = Msg("liveness.none", "", {})

    def __init__(self) -> None:
        self.satisfied = False

    def update(self, report: QualityReport) -> bool:
        """Consume one report; returns ``satisfied``."""
        raise NotImplementedError

    def reset(self) -> None:
        """Start over (the face was lost)."""
        self.satisfied = False

    def to_dict(self) -> dict[str, Any]:
        """The result as stored with the evidence."""
        return {"kind": self.kind, "passed": self.satisfied}


class BlinkChallenge(LivenessChallenge):
    """Eyes seen open, then closed (EAR below ``closed``) for 1..``max_closed_frames`` frames,
    then open again (EAR above ``open``). Two thresholds so noise around one value is no blink."""

    kind = "blink"
    prompt = Msg("liveness.blink", "请眨一下眼睛", {})

    def __init__(self, closed: float = 0.15, open_: float = 0.20,
                 max_closed_frames: int = 15) -> None:
        super().__init__()
        self.closed, self.open, self.max_closed = closed, open_, max_closed_frames
        self.reset()

    def reset(self) -> None:
        super().reset()
        self._seen_open = False
        self._closed_run = 0

    def update(self, report: QualityReport) -> bool:
        ear = report.value("eyes_open")
        if self.satisfied or ear is None:
            return self.satisfied
        if ear >= self.open:
            if self._seen_open and 1 <= self._closed_run <= self.max_closed:
                self.satisfied = True
            self._seen_open, self._closed_run = True, 0
        elif ear < self.closed and self._seen_open:
            self._closed_run += 1
        return self.satisfied


class TurnChallenge(LivenessChallenge):
    """Face seen frontal, then turned beyond ``turn_deg`` (either side), then frontal again."""

    kind = "turn"
    prompt = Msg("liveness.turn", "请缓慢转头，再看回镜头", {})

    def __init__(self, turn_deg: float = 20.0, frontal_deg: float = 8.0) -> None:
        super().__init__()
        self.turn_deg, self.frontal_deg = turn_deg, frontal_deg
        self.reset()

    def reset(self) -> None:
        super().reset()
        self._stage = 0   # 0: want frontal, 1: want turned, 2: want frontal again

    def update(self, report: QualityReport) -> bool:
        yaw = report.value("yaw")
        if self.satisfied or yaw is None:
            return self.satisfied
        if self._stage in (0, 2) and abs(yaw) <= self.frontal_deg:
            self.satisfied = self._stage == 2
            self._stage = max(self._stage, 1)
        elif self._stage == 1 and abs(yaw) >= self.turn_deg:
            self._stage = 2
        return self.satisfied


@dataclass
class FaceEvidence:
    """The captured face: JPEGs of the frame and of the face crop, and how they were judged."""

    frame_jpeg: bytes = field(repr=False)
    face_jpeg: bytes = field(repr=False)
    report: dict[str, Any]
    sharpness: float
    captured_at: str
    device: str
    liveness: dict[str, Any] | None = None
    frame_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Metadata for the case record (the images themselves go to the encrypted store)."""
        return {"report": self.report, "sharpness": self.sharpness,
                "captured_at": self.captured_at, "device": self.device,
                "liveness": self.liveness, "frame_id": self.frame_id,
                "frame_sha256": hashlib.sha256(self.frame_jpeg).hexdigest(),
                "face_sha256": hashlib.sha256(self.face_jpeg).hexdigest()}


def encode_jpeg(image: np.ndarray, quality: int = 90) -> bytes:
    """JPEG bytes in memory (no temporary file: a face is personal data)."""
    import cv2
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise CaptureError(Msg("face.encode", "人脸图像无法保存，请重新采集", {}))
    return buf.tobytes()


def face_crop(frame: np.ndarray, box: tuple[int, int, int, int], margin: float = 0.4
              ) -> np.ndarray:
    """The face box enlarged by ``margin`` on each side (hair, chin, ears), clipped to the frame."""
    x, y, w, h = box
    fh, fw = frame.shape[:2]
    mx, my = int(w * margin), int(h * margin)
    x0, y0 = max(0, x - mx), max(0, y - my)
    x1, y1 = min(fw, x + w + mx), min(fh, y + h + my)
    return frame[y0:y1, x0:x1]


class AutoCapture:
    """Feed it (frame, report) pairs; it returns :class:`FaceEvidence` once, then stays done.

    ``good_frames``: consecutive passing frames needed; the sharpest of that run is kept.
    ``liveness``: an optional challenge met before capture. ``lost_frames``: frames without
    exactly one face after which the challenge restarts.
    """

    def __init__(self, good_frames: int = 5, liveness: LivenessChallenge | None = None,
                 device: str = "", lost_frames: int = 3) -> None:
        self.good_frames = good_frames
        self.liveness = liveness
        self.device = device
        self.lost_frames = lost_frames
        self.reset()

    def reset(self) -> None:
        """Forget everything and capture again."""
        self.run = 0
        self.evidence: FaceEvidence | None = None
        self._best: tuple[float, np.ndarray, QualityReport, int | None] | None = None
        self._lost = 0
        if self.liveness is not None:
            self.liveness.reset()

    @property
    def done(self) -> bool:
        """True once a capture has been made."""
        return self.evidence is not None

    @property
    def waiting_for_liveness(self) -> bool:
        """True when the gates are met but the challenge is not yet."""
        return self.liveness is not None and not self.liveness.satisfied

    def feed(self, frame: np.ndarray, report: QualityReport,
             frame_id: int | None = None) -> FaceEvidence | None:
        """Consume one analysed frame; returns the evidence on the frame that completes it."""
        if self.done:
            return None
        if report.face_count == 1:
            self._lost = 0
            if self.liveness is not None:
                self.liveness.update(report)
        else:
            self._lost += 1
            if self._lost >= self.lost_frames and self.liveness is not None:
                self.liveness.reset()
        if not report.passed:
            self.run, self._best = 0, None
            return None
        self.run += 1
        score = report.value("sharpness") or 0.0
        if self._best is None or score > self._best[0]:
            # copy: the camera may reuse its buffer for the next frame
            self._best = (score, frame.copy(), report, frame_id)
        if self.run < self.good_frames or self.waiting_for_liveness:
            return None
        self.evidence = self._make_evidence()
        return self.evidence

    def _make_evidence(self) -> FaceEvidence:
        assert self._best is not None
        score, frame, report, frame_id = self._best
        now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        return FaceEvidence(
            frame_jpeg=encode_jpeg(frame), face_jpeg=encode_jpeg(face_crop(frame, report.box)),
            report=report.to_dict(), sharpness=score, captured_at=now, device=self.device,
            liveness=self.liveness.to_dict() if self.liveness is not None else None,
            frame_id=frame_id)

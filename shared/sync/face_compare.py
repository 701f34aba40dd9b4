"""The server comparer: the registration server compares the live face with the reference.

The policy puts the authoritative comparison on the government platform, so this is the
comparer the counter uses by default once the device is enrolled. It speaks the
:class:`~shared.capture.comparer.FaceComparer` interface: ``compare`` sends the probe JPEG and
the reference (a JPEG, a decoded card photo as BGR, or the raw WLT blob for the server to
decode) over the signed, pinned link and returns the server's score, threshold and decision.
When the server cannot be reached or cannot compare, it raises :class:`DeviceError`, and the
record stays ``pending`` with the reason (nothing is decided locally in its place).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from shared.capture.comparer import ComparisonResult, FaceComparer
from shared.errors import CaptureError, DeviceError, SyncError
from shared.i18n import Msg


@dataclass(frozen=True)
class WltPhoto:
    """The card's raw 1024-byte WLT photo, for a comparer that can have it decoded."""

    data: bytes


def encode_reference(reference) -> tuple[str, str]:
    """(format, base64) of a reference: ``jpeg`` (any image bytes), ``bgr`` or ``wlt``."""
    if isinstance(reference, WltPhoto):
        return "wlt", base64.b64encode(reference.data).decode("ascii")
    if hasattr(reference, "shape"):   # a decoded image (numpy loaded only when one is compared)
        import cv2
        ok, buf = cv2.imencode(".png", reference)  # lossless: the card photo is small
        if not ok:
            raise DeviceError(Msg("face.bad_reference", "证件照片无法编码", {}))
        return "jpeg", base64.b64encode(buf.tobytes()).decode("ascii")
    return "jpeg", base64.b64encode(bytes(reference)).decode("ascii")


class ServerComparer(FaceComparer):
    """Compares on the registration server (``POST /v1/face/compare``)."""

    method = "server"
    accepts_wlt = True

    def __init__(self, client) -> None:
        self.client = client

    def available(self) -> bool:
        """Always True: the server answers, or the check stays pending."""
        return True

    def compare(self, probe_jpeg: bytes, reference) -> ComparisonResult:
        """Send probe and reference to the server's comparer and return its decision."""
        fmt, ref = encode_reference(reference)
        body = {"probe": base64.b64encode(bytes(probe_jpeg)).decode("ascii"), "reference": ref,
                "reference_format": fmt}
        try:
            answer = self.client.request("POST", "/v1/face/compare", body, schema="FaceCompareAnswer")
        except SyncError as err:  # offline, or the server cannot compare: stays pending
            if getattr(err, "server_code", "") == "no_face":  # a picture without a usable face
                raise CaptureError(err.msg) from None
            raise DeviceError(Msg("face.server_compare", "服务端人证比对暂不可用：{why}",
                                  {"why": err.msg})) from None
        try:
            return ComparisonResult(float(answer["score"]), float(answer["threshold"]), str(answer["decision"]),
                                    "server:" + str(answer.get("engine", "")))
        except (KeyError, TypeError, ValueError):
            raise DeviceError(Msg("face.server_garbage", "服务端人证比对的回答无法识别，稍后重试", {})) from None


def comparer_for(store, settings):
    """The comparer the ``face.comparer`` setting names: ``server`` (default; pending until
    the device is enrolled), ``local`` (the optional dlib extra, a pre-check only) or ``none``."""
    from shared.domain.identity import PendingComparer
    choice = (settings.get("face", {}) or {}).get("comparer", "server") if settings is not None else "server"
    if choice == "local":
        from shared.capture.comparer import DlibComparer
        local = DlibComparer()
        return local if local.available() else PendingComparer()
    if choice == "server":
        from shared.sync import enrollment
        ident = enrollment.load(store)
        if ident is not None:
            from shared.sync.client import SyncClient
            return ServerComparer(SyncClient(ident, timeout=20.0))
    return PendingComparer()

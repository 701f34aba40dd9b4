"""The reference server's face comparison (the government platform's role).

``POST /v1/face/compare`` takes the live face (JPEG, base64) and the reference: an image, or
the card's raw WLT photo, which only a vendor decoder turns into a picture (``--wlt-lib``;
without one the server says it cannot decode, never pretends). The engine is dlib's ResNet
descriptor when ``dlib-bin`` and ``face-recognition-models`` are installed on the server;
without them the server answers ``comparer_unavailable`` and the client keeps the check
pending. Slow work: called from a thread pool, one engine per server.
"""

from __future__ import annotations

import base64
import binascii
import threading

import numpy as np

from devserver.app import ApiError

_engine = None
_lock = threading.Lock()
MAX_IMAGE = 4 << 20


def engine():
    """The shared comparer (dlib), or None when it is not installed on this server."""
    global _engine
    with _lock:
        if _engine is None:
            from shared.capture.comparer import DlibComparer
            candidate = DlibComparer()
            _engine = candidate if candidate.available() else False
        return _engine or None


def _b64(doc: dict, key: str) -> bytes:
    try:
        raw = base64.b64decode(str(doc[key]), validate=True)
    except (KeyError, binascii.Error, ValueError):
        raise ApiError(400, "bad_format", "缺少或无法解码字段 {}".format(key), "Missing or undecodable {}".format(key)) from None
    if not raw or len(raw) > MAX_IMAGE:
        raise ApiError(413, "too_large", "图片为空或过大", "Image empty or too large")
    return raw


def _reference(doc: dict, wlt_lib: str | None):
    raw = _b64(doc, "reference")
    fmt = doc.get("reference_format", "jpeg")
    if fmt == "jpeg":
        return raw
    if fmt == "wlt":
        if not wlt_lib:
            raise ApiError(422, "reference_undecodable", "服务端未配置证件照片（WLT）解码库，无法比对，请人工核对",
                           "No WLT decoder configured on the server")
        from shared.devices.idcard.model import PHOTO_HEIGHT, PHOTO_WIDTH
        from shared.devices.idcard.vendor_sdk import WltDecoder
        bgr = WltDecoder(wlt_lib).decode(raw)
        if bgr is None:
            raise ApiError(422, "reference_undecodable", "证件照片无法解码，请人工核对", "The WLT photo could not be decoded")
        return np.frombuffer(bgr, np.uint8).reshape(PHOTO_HEIGHT, PHOTO_WIDTH, 3)
    raise ApiError(400, "bad_format", "未知的参考照片格式 {}".format(fmt), "Unknown reference format")


def compare(doc: dict, wlt_lib: str | None = None) -> dict:
    """Compare the probe with the reference; the answer the client stores."""
    from shared.errors import CaptureError, DeviceError
    probe = _b64(doc, "probe")
    reference = _reference(doc, wlt_lib)
    comparer = engine()
    if comparer is None:
        raise ApiError(503, "comparer_unavailable", "服务端人证比对引擎未安装，比对待人工核对",
                       "No face comparison engine on this server", retryable=False)
    try:
        result = comparer.compare(probe, reference)
    except CaptureError as err:
        raise ApiError(422, "no_face", err.msg.render("zh"), err.msg.render("en")) from None
    except DeviceError as err:
        raise ApiError(503, "comparer_unavailable", err.msg.render("zh"), err.msg.render("en")) from None
    return {"score": result.score, "threshold": result.threshold, "decision": result.decision,
            "engine": result.method}

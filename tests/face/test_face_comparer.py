"""The comparer interface and the optional dlib comparer (not installed here)."""

from __future__ import annotations

import importlib.util

import pytest

from shared.capture.comparer import ComparisonResult, DlibComparer, FaceComparer, decide_distance
from shared.errors import DeviceError


def test_result_type():
    result = ComparisonResult(0.3, 0.6, "pass", "dlib_resnet")
    assert result.to_dict() == {"score": 0.3, "threshold": 0.6, "decision": "pass",
                                "method": "dlib_resnet"}
    with pytest.raises(ValueError):
        ComparisonResult(0.3, 0.6, "maybe", "x")


def test_decision_bands():
    assert decide_distance(0.30, 0.6, 0.05) == "pass"
    assert decide_distance(0.58, 0.6, 0.05) == "manual_review"
    assert decide_distance(0.84, 0.6, 0.05) == "fail"


def test_dlib_comparer_without_dlib_says_so():
    comparer = DlibComparer()
    assert isinstance(comparer, FaceComparer)
    installed = importlib.util.find_spec("dlib") is not None and \
        importlib.util.find_spec("face_recognition_models") is not None
    assert comparer.available() is installed
    if not installed:
        with pytest.raises(DeviceError) as err:
            comparer.compare(b"\xff\xd8", b"\xff\xd8")
        assert err.value.code == "face.comparer_missing" and "人脸比对" in str(err.value)

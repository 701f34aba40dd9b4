"""Signature core: ink measures, the minimum-ink rule and the binding to signed content."""

from __future__ import annotations

import pytest

from shared.domain.signature import (InkRule, Signature, canonical_json, content_sha256, ink_bounds, ink_length,
                                     ink_problem, signature_png, verify_binding)


def test_ink_length_and_bounds():
    strokes = [[[0, 0, 0, 1], [3, 4, 10, 1]], [[10, 10, 20, 1], [10, 20, 30, 1], [20, 20, 40, 1]]]
    assert ink_length(strokes) == pytest.approx(25.0)
    assert ink_bounds(strokes) == (0, 0, 20, 20)
    assert ink_bounds([]) is None


def test_minimum_ink_rule():
    assert ink_problem([]).code == "signature.empty"
    assert ink_problem([[[5, 5, 0, 1]]]).code == "signature.empty"
    dot = [[[0, 0, 0, 1], [5, 2, 5, 1]]]
    assert ink_problem(dot).code == "signature.too_little"
    wide = [[[0, 0, 0, 1], [100, 40, 10, 1], [200, 0, 20, 1]]]
    assert ink_problem(wide) is None
    assert ink_problem(wide, InkRule(min_length=1000)) is not None


def test_binding_to_content():
    record = {"b": 1, "a": "询问"}
    sig = Signature([[[0, 0, 0, 1]]], b"png", content_sha256(record), "p1")
    assert canonical_json(record) == '{"a":"询问","b":1}'.encode()
    assert verify_binding(sig, record) and verify_binding(sig, canonical_json(record))
    assert not verify_binding(sig, {"b": 2, "a": "询问"})
    stored = sig.to_dict()
    assert verify_binding(stored, record) and Signature.from_dict(stored).png == b"png"
    assert signature_png({"p1": stored}, "p1") == b"png" and signature_png({}, "p1") is None

"""Handwritten signatures bound to the content they sign.

A signature keeps the pen strokes as vectors (each point ``(x, y, t, pressure)``, ``t`` in
milliseconds from the first point) plus the PNG the pad rendered, and the SHA-256 of the exact
content it signs (the canonical JSON of an interview record, for example). A changed record no
longer matches its signature: :func:`verify_binding` says so.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import Any, Sequence

from shared.domain.case import now_iso
from shared.i18n import Msg

Point = tuple[float, float, float, float]
Stroke = list[Point]


def canonical_json(obj: Any) -> bytes:
    """The canonical bytes of a JSON-friendly object (sorted keys, no spaces, UTF-8)."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode("utf-8")


def content_sha256(content: bytes | dict | list) -> str:
    """SHA-256 (hex) of bytes, or of the canonical JSON of an object."""
    data = content if isinstance(content, (bytes, bytearray)) else canonical_json(content)
    return hashlib.sha256(data).hexdigest()


def ink_length(strokes: Sequence[Sequence[Sequence[float]]]) -> float:
    """Total length of all strokes (sum of segment lengths, in pad pixels)."""
    total = 0.0
    for stroke in strokes:
        for a, b in zip(stroke, stroke[1:]):
            total += math.hypot(b[0] - a[0], b[1] - a[1])
    return total


def ink_bounds(strokes: Sequence[Sequence[Sequence[float]]]) -> tuple[float, float, float, float] | None:
    """(x0, y0, x1, y1) of every point, ``None`` without points."""
    xs = [p[0] for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True)
class InkRule:
    """The minimum ink a signature needs: total length and the size of its bounding box."""

    min_length: float = 150.0
    min_width: float = 60.0
    min_height: float = 20.0


def ink_problem(strokes: Sequence[Sequence[Sequence[float]]], rule: InkRule = InkRule()) -> Msg | None:
    """Why ``strokes`` are too little to be a signature (``None``: enough)."""
    if not strokes or not any(len(s) > 1 for s in strokes):
        return Msg("signature.empty", "请在签名区内手写签名")
    box = ink_bounds(strokes)
    assert box is not None
    width, height = box[2] - box[0], box[3] - box[1]
    if ink_length(strokes) < rule.min_length or width < rule.min_width or height < rule.min_height:
        return Msg("signature.too_little", "签名笔迹过少或过小，请用正楷完整签写姓名后再确认")
    return None


@dataclass
class Signature:
    """A party's handwritten signature over one content (``content_sha256``)."""

    strokes: list[list[list[float]]]
    png: bytes
    content_sha256: str
    signer: str  # the signer's party_id
    signed_at: str = field(default_factory=now_iso)
    purpose: str = "interview"

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form for ``case.signatures[party_id]`` (PNG as base64)."""
        return {"strokes": [[list(p) for p in s] for s in self.strokes],
                "png": base64.b64encode(self.png).decode("ascii"),
                "content_sha256": self.content_sha256, "signer": self.signer,
                "signed_at": self.signed_at, "purpose": self.purpose}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Signature":
        """A signature from its stored data (the PNG as base64)."""
        return cls(strokes=[[list(p) for p in s] for s in raw.get("strokes", [])],
                   png=base64.b64decode(raw.get("png", "") or b""), content_sha256=raw["content_sha256"],
                   signer=raw.get("signer", ""), signed_at=raw.get("signed_at", ""),
                   purpose=raw.get("purpose", "interview"))


def verify_binding(signature: Signature | dict, content: bytes | dict | list) -> bool:
    """Whether ``signature`` was made over exactly ``content`` (bytes or a JSON object)."""
    sig = Signature.from_dict(signature) if isinstance(signature, dict) else signature
    return sig.content_sha256 == content_sha256(content)


def signature_png(case_signatures: dict[str, Any], party_id: str) -> bytes | None:
    """The PNG of a party's signature stored on a case (``None`` if not signed)."""
    raw = case_signatures.get(party_id)
    if not raw:
        return None
    if isinstance(raw, Signature):
        return raw.png or None
    png = raw.get("png")
    if not png:
        return None
    return base64.b64decode(png) if isinstance(png, str) else bytes(png)

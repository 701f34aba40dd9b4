"""The reference server's own packet and signature reader against the known-answer vectors.

Only the vector files and :mod:`devserver.envelope` are used here: the client's code is
tested against the same vectors in ``tests/sync/test_sync_vectors.py``.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest

from devserver import envelope

VECTORS = Path(__file__).resolve().parents[2] / "resources" / "api" / "vectors"
PACKET = json.loads((VECTORS / "packet-v1.json").read_text("utf-8"))
REQUESTS = json.loads((VECTORS / "request-signing-v1.json").read_text("utf-8"))
DEVICE_PUB = base64.b64decode(PACKET["device"]["public_b64"])
RAW = base64.b64decode(PACKET["packet_b64"])


def _rsa():
    from cryptography.hazmat.primitives import serialization as s
    key = s.load_pem_private_key(PACKET["rsa_private_pem"].encode("ascii"), None)
    return {envelope.key_thumbprint(key.public_key()): key}


def _open(raw: bytes, keys=None, device=None):
    known = {PACKET["device"]["device_id"]: DEVICE_PUB}
    return envelope.read_packet(io.BytesIO(raw), keys or _rsa(), device or known.get)


def _segments(raw: bytes) -> tuple[int, list[tuple[int, int]]]:
    """(end of header, [(start, end) of each length-prefixed segment])."""
    hlen = int.from_bytes(raw[8:12], "big")
    pos = start = 12 + hlen
    out = []
    while pos < len(raw):
        n = int.from_bytes(raw[pos:pos + 4], "big")
        out.append((pos, pos + 4 + n))
        pos += 4 + n
    return start, out


def test_the_vector_packet_opens_with_its_manifest_case_and_files():
    got = _open(RAW)
    assert got.manifest == PACKET["expected"]["manifest"]
    assert got.case == PACKET["case"]
    assert [f["name"] for f in got.files] == ["case.json"] + ["files/" + b["id"] for b in PACKET["blobs"]]
    assert got.header["key_id"] == next(iter(_rsa()))
    streamed: dict[str, bytes] = {}
    _, segs = _segments(RAW)
    assert len(segs) > 10  # the vector really exercises many segments
    envelope.read_packet(io.BytesIO(RAW), _rsa(), {PACKET["device"]["device_id"]: DEVICE_PUB}.get,
                         on_file=lambda meta, chunk: streamed.__setitem__(meta["name"], streamed.get(meta["name"], b"") + chunk))
    assert streamed == {"files/" + b["id"]: base64.b64decode(b["data_b64"]) for b in PACKET["blobs"]}


def _flip(raw: bytes, at: int) -> bytes:
    return raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1:]


def _tampered():
    _, segs = _segments(RAW)
    header_at = RAW.index(b'"packet_id"')
    yield "header field", RAW.replace(PACKET["expected"]["packet_id"].encode(), b"C-VECTOR-0002-r1", 1)
    yield "header byte", _flip(RAW, header_at + 2)
    yield "magic", b"YZPKT\x00\x02\n" + RAW[8:]
    yield "first segment", _flip(RAW, segs[0][0] + 10)
    yield "a middle tag", _flip(RAW, segs[5][1] - 1)
    yield "last segment", _flip(RAW, segs[-1][1] - 3)
    yield "truncated by a byte", RAW[:-1]
    yield "last segment dropped", RAW[:segs[-1][0]]
    yield "a segment dropped", RAW[:segs[3][0]] + RAW[segs[4][0]:]
    yield "two segments swapped", RAW[:segs[2][0]] + RAW[segs[3][0]:segs[3][1]] + RAW[segs[2][0]:segs[2][1]] + RAW[segs[4][0]:]
    yield "a byte appended", RAW + b"\x00"
    yield "a whole segment appended", RAW + RAW[segs[1][0]:segs[1][1]]
    yield "segment length inflated", RAW[:segs[0][0]] + (10 ** 8).to_bytes(4, "big") + RAW[segs[0][0] + 4:]


@pytest.mark.parametrize("what,raw", list(_tampered()), ids=[w for w, _ in _tampered()])
def test_every_tampered_copy_is_rejected(what, raw):
    with pytest.raises(envelope.PacketRejected):
        _open(raw)


def test_wrong_server_key_or_unknown_device_key_is_rejected():
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
    from cryptography.hazmat.primitives import serialization as s
    other = rsa.generate_private_key(65537, 2048)
    kid = next(iter(_rsa()))
    with pytest.raises(envelope.PacketRejected, match="密钥"):
        _open(RAW, keys={kid: other})
    with pytest.raises(envelope.PacketRejected, match="密钥"):
        _open(RAW, keys={"0" * 64: next(iter(_rsa().values()))})
    stranger = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)
    with pytest.raises(envelope.PacketRejected, match="签名"):
        _open(RAW, device=lambda d: stranger)
    with pytest.raises(envelope.PacketRejected, match="签名"):
        _open(RAW, device=lambda d: None)


def test_the_request_vectors_verify_and_any_changed_field_does_not():
    pub = base64.b64decode(REQUESTS["device"]["public_b64"])
    for item in REQUESTS["requests"]:
        h = item["expected_headers"]
        text = envelope.signed_request_text(item["method"], item["path"], h["X-Timestamp"], h["X-Nonce"],
                                            h["X-Content-SHA256"])
        assert text.decode("utf-8") == item["canonical"]
        sig = envelope.unb64(h["X-Signature"])
        assert envelope.ed25519_ok(pub, sig, text)
        fields = [item["method"], item["path"], h["X-Timestamp"], h["X-Nonce"], h["X-Content-SHA256"]]
        for i in range(len(fields)):
            changed = list(fields)
            changed[i] = changed[i] + "0" if i else "DELETE"
            assert not envelope.ed25519_ok(pub, sig, envelope.signed_request_text(*changed)), (item["path"], i)
        # a newline smuggled into a field cannot shift the others into place
        assert envelope.signed_request_text(item["method"], item["path"] + "\n" + h["X-Timestamp"], "", h["X-Nonce"],
                                            h["X-Content-SHA256"]) == b""
    body = base64.b64decode(REQUESTS["requests"][1]["body_b64"])
    import hashlib
    assert hashlib.sha256(body).hexdigest() == REQUESTS["requests"][1]["expected_headers"]["X-Content-SHA256"]
    chunk = REQUESTS["chunk"]
    assert envelope.chunk_declaration(chunk["offset"], chunk["length"]) == chunk["declared"]
    assert REQUESTS["requests"][2]["expected_headers"]["X-Content-SHA256"] == chunk["declared"]


def test_the_announce_statement_and_its_signature():
    a = REQUESTS["announce"]
    text = envelope.announce_text(a["packet_id"], a["size"], a["sha256"])
    assert text.decode("utf-8") == a["statement"]
    pub = base64.b64decode(REQUESTS["device"]["public_b64"])
    assert envelope.ed25519_ok(pub, envelope.unb64(a["signature_b64"]), text)
    assert not envelope.ed25519_ok(pub, envelope.unb64(a["signature_b64"]),
                                   envelope.announce_text(a["packet_id"], a["size"] + 1, a["sha256"]))
    import hashlib
    assert hashlib.sha256(RAW).hexdigest() == a["sha256"] == PACKET["expected"]["sha256"]
    assert len(RAW) == a["size"]


def test_strict_base64():
    with pytest.raises(ValueError):
        envelope.unb64("not base64!")
    assert envelope.unb64("AAE=") == b"\x00\x01"

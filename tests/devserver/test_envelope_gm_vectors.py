"""The reference server's packet reader against the GM suite's known-answer vectors.

Only the vector files and :mod:`devserver.envelope` (with the suites it takes its primitives
from) are used here: the client is tested against the same vectors in
``tests/sync/test_gm_suite.py``.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest

from devserver import envelope
from shared import cryptosuite

VECTORS = Path(__file__).resolve().parents[2] / "resources" / "api" / "vectors"
PACKET = json.loads((VECTORS / "packet-gm-v1.json").read_text("utf-8"))
PRIM = json.loads((VECTORS / "gm-primitives-v1.json").read_text("utf-8"))
DEFAULT_PACKET = json.loads((VECTORS / "packet-v1.json").read_text("utf-8"))
RAW = base64.b64decode(PACKET["packet_b64"])
DEVICE = PACKET["device"]["device_id"]
DEVICE_PUB = base64.b64decode(PACKET["device"]["public_b64"])
SERVER = bytes.fromhex(PACKET["server_private_hex"])
GM = cryptosuite.GM


def _keys():
    return {GM.fingerprint(GM.server_public(SERVER)): SERVER}


def _open(raw: bytes = RAW, keys=None, device=None, suite_of=None, offered=cryptosuite.NAMES):
    return envelope.read_packet(io.BytesIO(raw), keys or _keys(), device or {DEVICE: DEVICE_PUB}.get,
                                device_suite=suite_of or {DEVICE: "gm"}.get, offered=offered)


def _header_end() -> int:
    return 12 + int.from_bytes(RAW[8:12], "big")


def _with_header(header: dict) -> bytes:
    raw = json.dumps(header, sort_keys=True).encode("utf-8")
    return RAW[:8] + len(raw).to_bytes(4, "big") + raw + RAW[_header_end():]


def test_the_gm_vector_packet_opens_with_its_manifest_case_and_files():
    got = _open()
    assert got.manifest == PACKET["expected"]["manifest"] and got.case == PACKET["case"]
    assert {k: got.header[k] for k in ("enc", "wrap", "sig", "hash")} == {
        "enc": "SM4-GCM-SEG", "wrap": "SM2-ENC-SM3", "sig": "SM2-SM3", "hash": "SM3"}
    assert envelope.manifest_text(got.manifest_bytes, GM) == (
        b"yizhan-manifest-v1\n" + PACKET["expected"]["manifest_sm3"].encode("ascii"))
    streamed: dict[str, bytes] = {}
    envelope.read_packet(io.BytesIO(RAW), _keys(), {DEVICE: DEVICE_PUB}.get,
                         on_file=lambda m, c: streamed.__setitem__(m["name"], streamed.get(m["name"], b"") + c))
    assert streamed == {"files/" + b["id"]: base64.b64decode(b["data_b64"]) for b in PACKET["blobs"]}


def test_the_gm_announce_signature_verifies_only_as_sm2():
    exp = PACKET["expected"]
    text = envelope.announce_text(exp["packet_id"], exp["size"], exp["sha256"])
    assert text.decode("utf-8") == exp["announce_statement"]
    sig = envelope.unb64(exp["announce_signature_b64"])
    assert envelope.signature_ok("gm", DEVICE_PUB, sig, text)
    assert not envelope.signature_ok("default", DEVICE_PUB, sig, text)
    assert not envelope.signature_ok("gm", DEVICE_PUB, sig, envelope.announce_text(exp["packet_id"], exp["size"] + 1,
                                                                                    exp["sha256"]))
    assert not envelope.signature_ok("sm9", DEVICE_PUB, sig, text)


def test_the_standards_sm2_examples_at_the_server():
    s = PRIM["sm2"]
    pub, d = bytes.fromhex(s["public_hex"]), bytes.fromhex(s["private_hex"])
    sig = bytes.fromhex(s["sign"]["signature_hex"])
    assert envelope.signature_ok("gm", pub, sig, s["sign"]["message"].encode())
    assert not envelope.signature_ok("gm", pub, sig, s["sign"]["message"].encode() + b" ")
    assert GM.unwrap_key(d, bytes.fromhex(s["encrypt"]["cipher_hex"])) == s["encrypt"]["message"].encode()
    for item in PRIM["sm3"]:
        assert GM.digest(bytes.fromhex(item["message_hex"])).hex() == item["digest_hex"]


def _segments() -> list[tuple[int, int]]:
    pos, out = _header_end(), []
    while pos < len(RAW):
        n = int.from_bytes(RAW[pos:pos + 4], "big")
        out.append((pos, pos + 4 + n))
        pos += 4 + n
    return out


def _flip(raw: bytes, at: int) -> bytes:
    return raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1:]


def _tampered():
    segs = _segments()
    header = json.loads(RAW[12:_header_end()])
    yield "a segment byte", _flip(RAW, segs[2][0] + 9)
    yield "the last tag", _flip(RAW, segs[-1][1] - 1)
    yield "last segment dropped", RAW[:segs[-1][0]]
    yield "two segments swapped", RAW[:segs[1][0]] + RAW[segs[2][0]:segs[2][1]] + RAW[segs[1][0]:segs[1][1]] + RAW[segs[3][0]:]
    yield "wrapped key (C3)", _with_header({**header, "wrapped_key": base64.b64encode(_flip(
        base64.b64decode(header["wrapped_key"]), 70)).decode()})
    yield "wrapped key (C1 off the curve)", _with_header({**header, "wrapped_key": base64.b64encode(_flip(
        base64.b64decode(header["wrapped_key"]), 10)).decode()})
    yield "header field", _with_header({**header, "packet_id": "C-VECTOR-0002-r1"})
    for key, value in cryptosuite.DEFAULT.algorithms().items():
        yield "mixed " + key, _with_header({**header, key: value})
    yield "unknown hash", _with_header({**header, "hash": "SM3-256"})


@pytest.mark.parametrize("what,raw", list(_tampered()), ids=[w for w, _ in _tampered()])
def test_every_tampered_or_mixed_copy_is_rejected(what, raw):
    with pytest.raises(envelope.PacketRejected):
        _open(raw)


def test_a_suite_not_offered_or_not_the_devices_is_rejected():
    with pytest.raises(envelope.PacketRejected, match="未提供的密码套件"):
        _open(offered=("default",))
    with pytest.raises(envelope.PacketRejected, match="注册时选定"):
        _open(suite_of={DEVICE: "default"}.get)
    with pytest.raises(envelope.PacketRejected, match="签名"):  # an Ed25519 device key for an SM2 signature
        _open(device=lambda d: base64.b64decode(DEFAULT_PACKET["device"]["public_b64"]))
    from cryptography.hazmat.primitives import serialization as s
    rsa = s.load_pem_private_key(DEFAULT_PACKET["rsa_private_pem"].encode("ascii"), None)
    with pytest.raises(envelope.PacketRejected, match="密钥"):  # the default suite's RSA key under the SM2 key id
        _open(keys={next(iter(_keys())): rsa})
    with pytest.raises(envelope.PacketRejected, match="密钥"):
        _open(keys={next(iter(_keys())): GM.new_server_key()})
    # and the default suite's packet is refused where only gm is offered
    default_raw = base64.b64decode(DEFAULT_PACKET["packet_b64"])
    with pytest.raises(envelope.PacketRejected, match="未提供的密码套件"):
        envelope.read_packet(io.BytesIO(default_raw), {}, lambda d: None, offered=("gm",))

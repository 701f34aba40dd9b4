"""Packets: streaming encryption round trip, tampering detected, manifest signature checked."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from pathlib import Path

import pytest

from shared.sync import crypto
from shared.sync.packet import build_packet, open_packet


@dataclass
class Ident:
    device_id: str
    device_private: bytes
    device_public: bytes
    server_key_pem: str
    server_key_id: str


@pytest.fixture(scope="module")
def rsa_key():
    from cryptography.hazmat.primitives.asymmetric import rsa
    return rsa.generate_private_key(65537, 2048)


@pytest.fixture
def ident(rsa_key):
    from cryptography.hazmat.primitives import serialization as s
    priv, pub = crypto.new_device_key()
    pem = rsa_key.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo).decode()
    return Ident("DEV-TEST", priv, pub, pem, crypto.key_thumbprint(rsa_key.public_key()))


def _encrypt(rsa_key, data: bytes, segment: int = 1000) -> bytes:
    out = io.BytesIO()
    w = crypto.PacketWriter(out, rsa_key.public_key(), "kid", "P-r1", segment=segment)
    for i in range(0, len(data), 777):
        w.write(data[i:i + 777])
    w.close()
    return out.getvalue()


def _segments(blob: bytes):
    """Split a ciphertext into (prefix, [segment bytes with length])."""
    hlen = struct.unpack(">I", blob[len(crypto.MAGIC):len(crypto.MAGIC) + 4])[0]
    pos = len(crypto.MAGIC) + 4 + hlen
    prefix, segs = blob[:pos], []
    while pos < len(blob):
        n = struct.unpack(">I", blob[pos:pos + 4])[0]
        segs.append(blob[pos:pos + 4 + n])
        pos += 4 + n
    return prefix, segs


def _decrypt(rsa_key, blob: bytes) -> bytes:
    return b"".join(crypto.decrypt_stream(io.BytesIO(blob), rsa_key))


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 1001, 5432])
def test_segment_round_trip(rsa_key, size):
    data = bytes(range(256)) * (size // 256 + 1)
    data = data[:size]
    assert _decrypt(rsa_key, _encrypt(rsa_key, data)) == data


def test_segment_swap_truncation_and_extension_detected(rsa_key):
    data = b"x" * 3500
    blob = _encrypt(rsa_key, data)
    prefix, segs = _segments(blob)
    assert len(segs) == 4
    swapped = prefix + segs[1] + segs[0] + b"".join(segs[2:])
    truncated = prefix + b"".join(segs[:-1])
    dropped_middle = prefix + segs[0] + b"".join(segs[2:])
    extended = blob + segs[-1]
    flipped = bytearray(blob)
    flipped[-5] ^= 1
    for bad in (swapped, truncated, dropped_middle, extended, bytes(flipped), blob[:-3]):
        with pytest.raises(crypto.PacketCryptoError):
            _decrypt(rsa_key, bad)


def test_header_tampering_and_wrong_key_detected(rsa_key):
    from cryptography.hazmat.primitives.asymmetric import rsa
    blob = _encrypt(rsa_key, b"hello world" * 100)
    tampered = blob.replace(b'"P-r1"', b'"P-r2"')
    with pytest.raises(crypto.PacketCryptoError):
        _decrypt(rsa_key, tampered)
    with pytest.raises(crypto.PacketCryptoError):
        _decrypt(rsa.generate_private_key(65537, 2048), blob)
    with pytest.raises(crypto.PacketCryptoError):
        _decrypt(rsa_key, b"<html>not a packet</html>")


def test_case_packet_round_trip_and_bad_signature(store, fake, ident, rsa_key, tmp_path):
    from sync_helpers import make_case
    case = make_case(store, fake)
    built = store.read(lambda tx: build_packet(tx, case, tx.blobs(case.id), ident, "op-7", tmp_path / "out"))
    raw = built.path.read_bytes()
    assert b"mortgage_first_general" not in raw and case.parties[0].name.encode() not in raw  # ciphertext only
    assert crypto.verify(ident.device_public, crypto.b64d(built.signature),
                         crypto.ciphertext_statement(case.packet_id, built.size, built.sha256))
    got = {}
    opened = open_packet(io.BytesIO(raw), {ident.server_key_id: rsa_key},
                         lambda d: ident.device_public if d == "DEV-TEST" else None,
                         on_file=lambda m, c: got.setdefault(m["name"], bytearray()).extend(c))
    assert opened.manifest["packet_id"] == case.packet_id and opened.manifest["operator"] == "op-7"
    assert opened.case["id"] == case.id
    assert {f["name"] for f in opened.files} == {"case.json"} | set(got)
    for name, data in got.items():
        assert bytes(data) == store.blobs.get(name.split("/")[1])
    other_priv, other_pub = crypto.new_device_key()
    with pytest.raises(crypto.PacketCryptoError):  # manifest signed by another device
        open_packet(io.BytesIO(raw), rsa_key, lambda d: other_pub)
    assert list(Path(tmp_path / "out").iterdir()) == [built.path]  # no temp file left


def test_packet_streams_in_constant_memory(store, fake, ident, rsa_key, tmp_path):
    """A case with 24 MB of pages: peak traced memory stays far below the packet size."""
    import tracemalloc
    from sync_helpers import make_case
    case = make_case(store, fake, pages=12, page_bytes=2 << 20)
    blobs = store.blobs.list(case.id)
    tracemalloc.start()
    built = store.read(lambda tx: build_packet(tx, case, blobs, ident, "op", tmp_path / "out"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert built.size > 24 << 20
    assert peak < 12 << 20

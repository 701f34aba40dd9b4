"""The client's packet building and request signing against the known-answer vectors, and a
packet built by the client opened by the server's independent reader."""

from __future__ import annotations

import base64
import io
import os

import pytest

from sync_vectors import PACKET, REQUESTS, build_vector_packet, client_headers, load


@pytest.fixture(scope="module")
def vec():
    return load(PACKET)


@pytest.fixture(scope="module")
def rsa_key(vec):
    from cryptography.hazmat.primitives import serialization as s
    return s.load_pem_private_key(vec["rsa_private_pem"].encode("ascii"), None)


def test_the_client_builds_the_vector_packet_byte_for_byte(vec, tmp_path):
    built = build_vector_packet(vec, tmp_path)
    raw = built.path.read_bytes()
    assert raw == base64.b64decode(vec["packet_b64"])
    exp = vec["expected"]
    assert (built.packet_id, built.size, built.sha256, built.manifest_sha256, built.signature) == (
        exp["packet_id"], exp["size"], exp["sha256"], exp["manifest_sha256"], exp["announce_signature_b64"])


def test_the_client_opens_the_vector_packet(vec, rsa_key):
    from shared.sync.packet import open_packet
    pub = base64.b64decode(vec["device"]["public_b64"])
    got = open_packet(io.BytesIO(base64.b64decode(vec["packet_b64"])), rsa_key, lambda d: pub)
    assert got.manifest == vec["expected"]["manifest"] and got.case == vec["case"]


def test_the_client_signs_the_vector_requests_exactly():
    from shared.sync import crypto
    reqs = load(REQUESTS)
    for item in reqs["requests"]:
        headers = client_headers(reqs["device"], item)
        assert headers == item["expected_headers"], item["path"]
        assert crypto.canonical_request(item["method"], item["path"], item["timestamp"], item["nonce"],
                                        headers["X-Content-SHA256"]).decode("utf-8") == item["canonical"]
    a = reqs["announce"]
    assert crypto.ciphertext_statement(a["packet_id"], a["size"], a["sha256"]).decode("utf-8") == a["statement"]
    assert crypto.unsigned_chunk_digest(reqs["chunk"]["offset"], reqs["chunk"]["length"]) == reqs["chunk"]["declared"]


def test_a_packet_the_client_builds_with_fresh_randomness_opens_at_the_server(vec, rsa_key, tmp_path):
    from devserver import envelope
    from shared.sync import crypto
    key, prefix = os.urandom(32), os.urandom(8)
    wrapped = rsa_key.public_key().encrypt(key, crypto._oaep())
    built = build_vector_packet(vec, tmp_path, material=(key, prefix, wrapped))
    raw = built.path.read_bytes()
    assert raw != base64.b64decode(vec["packet_b64"])
    pub = base64.b64decode(vec["device"]["public_b64"])
    with open(built.path, "rb") as fh:
        got = envelope.read_packet(fh, {envelope.key_thumbprint(rsa_key.public_key()): rsa_key}, lambda d: pub)
    assert got.manifest == vec["expected"]["manifest"] and got.case == vec["case"]
    assert envelope.announce_text(built.packet_id, built.size, built.sha256) == crypto.ciphertext_statement(
        built.packet_id, built.size, built.sha256)
    assert envelope.ed25519_ok(pub, base64.b64decode(built.signature),
                               envelope.announce_text(built.packet_id, built.size, built.sha256))

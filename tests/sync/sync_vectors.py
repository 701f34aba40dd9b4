"""The client's side of the sync known-answer vectors (``resources/api/vectors``).

Not a test module: the client tests and the cross tests use it, and running it writes fresh
vectors (``python tests/sync/sync_vectors.py``) — only when the protocol itself changes, since
both the client and the server are tested against what is written.
"""

from __future__ import annotations

import base64
import functools
import json
import sys
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "resources" / "api" / "vectors"
PACKET = VECTORS / "packet-v1.json"
REQUESTS = VECTORS / "request-signing-v1.json"
SEGMENT = 64  # small segments: the vector packet spans many of them


def load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def _ident(vec: dict):
    from shared.sync import crypto
    key = crypto.load_public_pem(_public_pem(vec["rsa_private_pem"]))
    return SimpleNamespace(device_id=vec["device"]["device_id"], device_private=base64.b64decode(vec["device"]["private_b64"]),
                           server_key_pem=_public_pem(vec["rsa_private_pem"]), server_key_id=crypto.key_thumbprint(key))


def _public_pem(private_pem: str) -> str:
    from cryptography.hazmat.primitives import serialization as s
    key = s.load_pem_private_key(private_pem.encode("ascii"), None)
    return key.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def build_vector_packet(vec: dict, out_dir: Path, material=None):
    """Build the vector's case with the client's :func:`build_packet`, with the vector's fixed
    data key, nonce prefix and wrapped key (or ``material`` when given); the BuiltPacket."""
    from shared.store.blobs import BlobInfo
    from shared.sync import crypto, packet
    datas, infos = {}, []
    for b in vec["blobs"]:
        data = base64.b64decode(b["data_b64"])
        datas[b["id"]] = data
        infos.append(BlobInfo(b["id"], vec["case"]["id"], b["kind"], b["slot"], b["idx"], b["mime"], b["sha256"],
                              len(data)))

    class _Blobs:  # the one thing build_packet asks of its transaction: the blobs' bytes
        def blob_data(self, blob_id):
            return datas.get(blob_id)
    m = vec["material"]
    fixed = material or (bytes.fromhex(m["data_key_hex"]), bytes.fromhex(m["nonce_prefix_hex"]),
                         base64.b64decode(m["wrapped_key_b64"]))
    writer = functools.partial(crypto.PacketWriter, segment=vec["segment"], material=fixed)
    with mock.patch.object(crypto, "PacketWriter", writer):
        return packet.build_packet(_Blobs(), _frozen_case(vec["case"]), infos, _ident(vec), vec["operator"], out_dir)


def _frozen_case(doc: dict):
    """The vector's case as build_packet reads it, with its to_dict() answering the vector's
    document verbatim: a field added to Case later must not change the vector's bytes."""
    c = dict(doc)
    return SimpleNamespace(to_dict=lambda: json.loads(json.dumps(doc)), id=c["id"], revision=c["revision"],
                           packet_id="{}-r{}".format(c["id"], c["revision"]), business_code=c["business_code"],
                           catalog_version=c["catalog_version"], created_at=c["created_at"], updated_at=c["updated_at"])


def client_headers(device: dict, item: dict) -> dict:
    """The headers the client's :class:`SyncClient` signs for one request vector."""
    from shared.sync import client
    ident = SimpleNamespace(device_id=device["device_id"], device_private=base64.b64decode(device["private_b64"]))
    fake_self = SimpleNamespace(ident=ident, clock=lambda: float(item["timestamp"]))
    body = base64.b64decode(item["body_b64"])
    with mock.patch.object(client.secrets, "token_hex", lambda n: item["nonce"]):
        return client.SyncClient._headers(fake_self, item["method"], item["path"], body, item.get("body_sha"))


# -- writing fresh vectors (by hand) ----------------------------------------------------------
def _case_doc():
    from shared.domain.case import Case, Party
    from shared.domain.fakes import FakeFactory
    fake = FakeFactory(seed=20260101)
    p, bank = fake.person(), fake.bank()
    case = Case("mortgage_first_general", catalog_version="vector-1", id="C-VECTOR-0001",
                created_at="2026-01-02T03:04:05+00:00", updated_at="2026-01-02T03:14:15+00:00")
    case.parties = [Party("mortgagor", "person", p.name, "1", p.id_number, p.phone, p.address, party_id="p1"),
                    Party("mortgagee", "org", bank.name, "8", bank.credit_code, bank.phone, bank.address, party_id="p2")]
    case.set("property.unit_number", fake.unit_number("350102"))
    case.set("mortgage.amount", "1000000")
    return case.to_dict()


def write_vectors() -> None:
    import hashlib
    import os
    from cryptography.hazmat.primitives import serialization as s
    from cryptography.hazmat.primitives.asymmetric import rsa
    from shared.sync import crypto
    rsa_key = rsa.generate_private_key(65537, 2048)
    priv, pub = crypto.new_device_key()
    device = {"device_id": "DEV-VECTOR0000000001", "private_b64": crypto.b64e(priv), "public_b64": crypto.b64e(pub)}
    rsa_pem = rsa_key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()).decode("ascii")
    data_key, prefix = os.urandom(32), os.urandom(8)
    wrapped = crypto.load_public_pem(_public_pem(rsa_pem)).encrypt(data_key, crypto._oaep())
    blobs = []
    for i, (kind, slot, mime, data) in enumerate([("page", "identity", "image/jpeg", b"\xff\xd8\xff" + bytes(range(90))),
                                                  ("face", "identity:p1:1", "image/jpeg", b"\xff\xd8\xff" + b"face" * 20)]):
        blobs.append({"id": "b{:031d}".format(i + 1), "kind": kind, "slot": slot, "idx": 0, "mime": mime,
                      "sha256": hashlib.sha256(data).hexdigest(), "data_b64": crypto.b64e(data)})
    vec = {"description": "A small packet (64-byte segments) built by the client from fixed keys, data key, "
                          "nonce prefix and RSA-OAEP wrapped key (OAEP is randomised, so its output is fixed here). "
                          "The client must rebuild packet_b64 byte for byte; the server must open it and reject "
                          "any tampered copy.",
           "rsa_private_pem": rsa_pem, "device": device, "operator": "vector-operator", "segment": SEGMENT,
           "material": {"data_key_hex": data_key.hex(), "nonce_prefix_hex": prefix.hex(),
                        "wrapped_key_b64": crypto.b64e(wrapped)},
           "case": _case_doc(), "blobs": blobs}
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        built = build_vector_packet(vec, Path(tmp))
        raw = built.path.read_bytes()
    from shared.sync.packet import open_packet
    import io
    opened = open_packet(io.BytesIO(raw), rsa_key, lambda d: pub)
    vec.update({"expected": {"packet_id": built.packet_id, "size": built.size, "sha256": built.sha256,
                             "manifest_sha256": built.manifest_sha256, "announce_signature_b64": built.signature,
                             "manifest": opened.manifest},
                "packet_b64": crypto.b64e(raw)})
    VECTORS.mkdir(parents=True, exist_ok=True)
    PACKET.write_text(json.dumps(vec, ensure_ascii=False, indent=1) + "\n", "utf-8")
    items = [{"method": "GET", "path": "/v1/master-data?since=3&name=%E7%9B%AE%E5%BD%95", "timestamp": "1767225600",
              "nonce": "00112233445566778899aabbccddeeff", "body_b64": ""},
             {"method": "POST", "path": "/v1/packets", "timestamp": "1767225601", "nonce": "ffeeddccbbaa99887766554433221100",
              "body_b64": crypto.b64e(json.dumps({"packet_id": "C-VECTOR-0001-r1", "size": 4242}).encode())},
             {"method": "PATCH", "path": "/v1/packets/C-VECTOR-0001-r1", "timestamp": "1767225602",
              "nonce": "0123456789abcdef0123456789abcdef", "body_b64": crypto.b64e(b"\x00" * 16),
              "body_sha": crypto.unsigned_chunk_digest(1024, 16)}]
    for item in items:
        headers = client_headers(device, item)
        item["expected_headers"] = headers
        item["canonical"] = crypto.canonical_request(item["method"], item["path"], item["timestamp"], item["nonce"],
                                                     headers["X-Content-SHA256"]).decode("utf-8")
    announce = {"packet_id": vec["expected"]["packet_id"], "size": built.size, "sha256": built.sha256,
                "statement": crypto.ciphertext_statement(built.packet_id, built.size, built.sha256).decode("utf-8"),
                "signature_b64": built.signature}
    REQUESTS.write_text(json.dumps({"description": "Request signatures (Ed25519 over METHOD\\nRAW_PATH\\nX-Timestamp\\n"
                                                   "X-Nonce\\nX-Content-SHA256) and the announce statement, from the "
                                                   "device key of packet-v1.json.",
                                    "device": device, "requests": items, "announce": announce,
                                    "chunk": {"offset": 1024, "length": 16,
                                              "declared": crypto.unsigned_chunk_digest(1024, 16)}},
                                   ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    write_vectors()
    print("wrote", PACKET, REQUESTS)

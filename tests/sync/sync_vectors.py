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
GM_PACKET = VECTORS / "packet-gm-v1.json"
GM_PRIMITIVES = VECTORS / "gm-primitives-v1.json"
SEGMENT = 64  # small segments: the vector packet spans many of them


def load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def _ident(vec: dict):
    from shared import cryptosuite
    from shared.sync import crypto
    device = {"device_id": vec["device"]["device_id"], "device_private": base64.b64decode(vec["device"]["private_b64"])}
    if vec.get("suite") == "gm":
        public = cryptosuite.GM.server_public(bytes.fromhex(vec["server_private_hex"]))
        return SimpleNamespace(**device, suite="gm", server_key_pem=cryptosuite.GM.server_public_text(public),
                               server_key_id=cryptosuite.GM.fingerprint(public))
    key = crypto.load_public_pem(_public_pem(vec["rsa_private_pem"]))
    return SimpleNamespace(**device, server_key_pem=_public_pem(vec["rsa_private_pem"]), server_key_id=crypto.key_thumbprint(key))


def fixed_sm2_k(values_hex: list[str]):
    """An SM2 random source that answers the given k values in order (vectors only)."""
    values = iter(int(v, 16) for v in values_hex)
    return lambda bits: next(values)


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
    from shared import cryptosuite
    rnd = fixed_sm2_k(vec["sm2_k_hex"]) if vec.get("sm2_k_hex") else cryptosuite._sm2_rnd
    with mock.patch.object(crypto, "PacketWriter", writer), mock.patch.object(cryptosuite, "_sm2_rnd", rnd):
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


def write_gm_vectors() -> None:
    """The GM suite's vectors: the standards' own examples of its primitives, and a packet."""
    import hashlib
    import io
    import os
    import secrets
    import tempfile
    from shared import cryptosuite
    from shared.sync import crypto
    gm = cryptosuite.GM
    d = "3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8"
    k = "59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21"
    GM_PRIMITIVES.write_text(json.dumps({
        "description": "Published examples of the GM suite's primitives, checked by both sides: SM3 (GB/T 32905-2016 "
                       "appendix A), SM4-GCM (RFC 8998 appendix A.1), SM2 signature and encryption on the recommended "
                       "curve (GB/T 32918.5-2017 / GM/T 0003.5-2012 annex, default user id 1234567812345678).",
        "sm3": [{"message_hex": b"abc".hex(), "digest_hex": "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"},
                {"message_hex": (b"abcd" * 16).hex(),
                 "digest_hex": "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"}],
        "sm4_gcm": {"key_hex": "0123456789ABCDEFFEDCBA9876543210", "nonce_hex": "00001234567800000000ABCD",
                    "aad_hex": "FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2",
                    "plain_hex": "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
                                 "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA",
                    "sealed_hex": "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
                                  "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
                                  "83DE3541E4C2B58177E065A9BF7B62EC"},
        "sm2": {"private_hex": d,
                "public_hex": "04" "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
                              "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13",
                "user_id": "1234567812345678",
                "sign": {"message": "message digest", "k_hex": k,
                         "signature_hex": "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
                                          "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA"},
                "encrypt": {"message": "encryption standard", "k_hex": k,
                            "cipher_hex": "04" "04EBFC718E8D1798620432268E77FEB6415E2EDE0E073C0F4F640ECD2E149A73"
                                          "E858F9D81E5430A57B36DAAB8F950A3C64E6EE6A63094D99283AFF767E124DF0"
                                          "59983C18F809E262923C53AEC295D30383B54E39D609D160AFCB1908D0BD8766"
                                          "21886CA989CA9C7D58087307CA93092D651EFA"}}},
        ensure_ascii=False, indent=1) + "\n", "utf-8")
    base = load(PACKET)
    server_private = gm.new_server_key()
    priv, pub = gm.new_signing_key()
    data_key, prefix = os.urandom(16), os.urandom(8)
    wrapped = gm.wrap_key(gm.server_public(server_private), data_key)
    ks = ["{:064X}".format(secrets.randbelow((1 << 255) - 1) + 1) for _ in range(2)]
    vec = {"description": "The GM suite's packet (SM4-GCM-SEG / SM2-ENC-SM3 / SM2-SM3 / SM3, 64-byte segments) of the "
                          "case of packet-v1.json, built by the client from a fixed SM2 server key, device key, data key, "
                          "nonce prefix and SM2-wrapped key; sm2_k_hex are the k of its two SM2 signatures (manifest, "
                          "then announce) in order. The client must rebuild packet_b64 byte for byte; the server must "
                          "open it and reject any tampered copy.",
           "suite": "gm", "server_private_hex": server_private.hex(),
           "device": {"device_id": "DEV-VECTOR0000000002", "private_b64": crypto.b64e(priv), "public_b64": crypto.b64e(pub)},
           "operator": base["operator"], "segment": SEGMENT,
           "material": {"data_key_hex": data_key.hex(), "nonce_prefix_hex": prefix.hex(), "wrapped_key_b64": crypto.b64e(wrapped)},
           "sm2_k_hex": ks, "case": base["case"], "blobs": base["blobs"]}
    with tempfile.TemporaryDirectory() as tmp:
        built = build_vector_packet(vec, Path(tmp))
        raw = built.path.read_bytes()
    from shared.sync.packet import open_packet
    opened = open_packet(io.BytesIO(raw), server_private, lambda _d: pub)
    vec.update({"expected": {"packet_id": built.packet_id, "size": built.size, "sha256": built.sha256,
                             "manifest_sha256": built.manifest_sha256, "manifest_sm3": gm.digest(
                                 json.dumps(opened.manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")).hex(),
                             "announce_signature_b64": built.signature,
                             "announce_statement": crypto.ciphertext_statement(built.packet_id, built.size,
                                                                               built.sha256).decode("utf-8"),
                             "manifest": opened.manifest},
                "packet_b64": crypto.b64e(raw)})
    assert hashlib.sha256(raw).hexdigest() == built.sha256
    GM_PACKET.write_text(json.dumps(vec, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if sys.argv[1:] == ["gm"]:  # the GM suite's vectors only (the default suite's stay as they are)
        write_gm_vectors()
        print("wrote", GM_PACKET, GM_PRIMITIVES)
    else:
        write_vectors()
        print("wrote", PACKET, REQUESTS)

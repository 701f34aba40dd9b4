"""The GM crypto suite (SM2, SM3, SM4) on the client's side: the standards' examples, the
known-answer packet, the choice at enrollment, and a case delivered end to end with it."""

from __future__ import annotations

import base64
import io
import json
from unittest import mock

import pytest

from shared import cryptosuite
from shared.domain.states import CaseState
from shared.errors import SyncError
from sync_helpers import drain, fast_service, load_sample
from sync_vectors import GM_PACKET, GM_PRIMITIVES, PACKET, build_vector_packet, fixed_sm2_k, load

GM = cryptosuite.GM


@pytest.fixture(scope="module")
def prim():
    return load(GM_PRIMITIVES)


@pytest.fixture(scope="module")
def vec():
    return load(GM_PACKET)


def test_sm3_and_sm4_gcm_give_the_published_answers(prim):
    for item in prim["sm3"]:
        assert GM.digest(bytes.fromhex(item["message_hex"])).hex() == item["digest_hex"]
    g = prim["sm4_gcm"]
    aead = GM.aead(bytes.fromhex(g["key_hex"]))
    sealed = aead.encrypt(bytes.fromhex(g["nonce_hex"]), bytes.fromhex(g["plain_hex"]), bytes.fromhex(g["aad_hex"]))
    assert sealed == bytes.fromhex(g["sealed_hex"])
    assert aead.decrypt(bytes.fromhex(g["nonce_hex"]), sealed, bytes.fromhex(g["aad_hex"])) == bytes.fromhex(g["plain_hex"])
    from cryptography.exceptions import InvalidTag
    for bad_aad, bad_sealed in ((g["aad_hex"] + "00", sealed), (g["aad_hex"], sealed[:-1] + bytes([sealed[-1] ^ 1]))):
        with pytest.raises(InvalidTag):
            aead.decrypt(bytes.fromhex(g["nonce_hex"]), bad_sealed, bytes.fromhex(bad_aad))


def test_sm2_signature_and_encryption_give_the_standards_answers(prim):
    s = prim["sm2"]
    d, pub = bytes.fromhex(s["private_hex"]), bytes.fromhex(s["public_hex"])
    assert s["user_id"].encode() == cryptosuite.UID
    assert GM.server_public(d) == pub  # the public key follows from the private one
    with mock.patch.object(cryptosuite, "_sm2_rnd", fixed_sm2_k([s["sign"]["k_hex"]])):
        sig = GM.sign(d, s["sign"]["message"].encode())
    assert sig == bytes.fromhex(s["sign"]["signature_hex"])  # r || s, with Z of the default user id
    assert GM.verify(pub, sig, s["sign"]["message"].encode())
    assert not GM.verify(pub, sig, b"message digesT")
    assert not GM.verify(pub, sig[:32] + bytes(32), s["sign"]["message"].encode())
    with mock.patch.object(cryptosuite, "_sm2_rnd", fixed_sm2_k([s["encrypt"]["k_hex"]])):
        cipher = GM.wrap_key(pub, s["encrypt"]["message"].encode())
    assert cipher == bytes.fromhex(s["encrypt"]["cipher_hex"])  # C1 || C3 || C2
    assert GM.unwrap_key(d, cipher) == s["encrypt"]["message"].encode()
    with pytest.raises(ValueError):
        GM.unwrap_key(d, cipher[:-1] + bytes([cipher[-1] ^ 1]))  # C3 no longer matches
    with pytest.raises(ValueError):
        GM.unwrap_key(GM.new_server_key(), cipher)  # another key


def test_fresh_gm_keys_sign_verify_and_wrap():
    priv, pub = GM.new_signing_key()
    assert len(priv) == 32 and len(pub) == 65 and pub[0] == 4 and GM.check_public(pub)
    assert not GM.check_public(pub[:-1] + bytes([pub[-1] ^ 1]))  # off the curve
    sig = GM.sign(priv, b"data")
    assert len(sig) == 64 and GM.verify(pub, sig, b"data")
    assert not cryptosuite.DEFAULT.verify(pub, sig, b"data")  # no suite accepts another's signature
    server = GM.new_server_key()
    key = GM.new_data_key()
    assert len(key) == 16 and GM.unwrap_key(server, GM.wrap_key(GM.server_public(server), key)) == key


def test_the_client_builds_the_gm_vector_packet_byte_for_byte(vec, tmp_path):
    built = build_vector_packet(vec, tmp_path)
    raw = built.path.read_bytes()
    assert raw == base64.b64decode(vec["packet_b64"])
    exp = vec["expected"]
    assert (built.packet_id, built.size, built.sha256, built.manifest_sha256, built.signature) == (
        exp["packet_id"], exp["size"], exp["sha256"], exp["manifest_sha256"], exp["announce_signature_b64"])
    header = json.loads(raw[12:12 + int.from_bytes(raw[8:12], "big")])
    assert {k: header[k] for k in ("enc", "wrap", "sig", "hash")} == GM.algorithms()
    assert header["key_id"] == GM.fingerprint(GM.server_public(bytes.fromhex(vec["server_private_hex"])))
    # the same case in the default suite is another packet (nothing of one suite leaks into the other)
    assert raw != base64.b64decode(load(PACKET)["packet_b64"])


def test_the_client_opens_the_gm_vector_packet_and_verifies_its_signatures(vec):
    from shared.sync import crypto
    from shared.sync.packet import manifest_statement, open_packet
    raw = base64.b64decode(vec["packet_b64"])
    pub = base64.b64decode(vec["device"]["public_b64"])
    server = bytes.fromhex(vec["server_private_hex"])
    got = open_packet(io.BytesIO(raw), server, lambda d: pub)
    assert got.manifest == vec["expected"]["manifest"] and got.case == vec["case"]
    mbytes = json.dumps(got.manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
    assert manifest_statement(mbytes, GM) == b"yizhan-manifest-v1\n" + vec["expected"]["manifest_sm3"].encode()
    assert crypto.verify(pub, base64.b64decode(vec["expected"]["announce_signature_b64"]),
                         vec["expected"]["announce_statement"].encode(), "gm")
    with pytest.raises(crypto.PacketCryptoError, match="签名"):  # a device key of the default suite
        open_packet(io.BytesIO(raw), server, lambda d: base64.b64decode(load(PACKET)["device"]["public_b64"]))
    with pytest.raises(crypto.PacketCryptoError):  # the RSA key of the default suite opens nothing here
        from cryptography.hazmat.primitives import serialization as s
        rsa = s.load_pem_private_key(load(PACKET)["rsa_private_pem"].encode(), None)
        open_packet(io.BytesIO(raw), rsa, lambda d: pub)


def test_a_header_mixing_two_suites_is_refused_by_the_client(vec):
    from shared.sync import crypto
    raw = base64.b64decode(vec["packet_b64"])
    hlen = int.from_bytes(raw[8:12], "big")
    header = json.loads(raw[12:12 + hlen])
    for key, value in (("wrap", "RSA-OAEP-SHA256"), ("enc", "AES-256-GCM-SEG"), ("sig", "Ed25519"), ("hash", "SHA-256")):
        mixed = json.dumps({**header, key: value}, sort_keys=True).encode()
        with pytest.raises(crypto.PacketCryptoError, match="不支持的算法"):
            crypto.read_header(io.BytesIO(raw[:8] + len(mixed).to_bytes(4, "big") + mixed + raw[12 + hlen:]))


# -- enrollment and delivery against the reference server -------------------------------------
def test_a_gm_device_enrolls_submits_and_gets_its_outcome(store, settings, srv, tmp_path):
    """End to end with the GM suite: SM2 device key, SM4-GCM packet, SM2-wrapped key, SM2
    signed requests and announce, the server opening it with its SM2 key, the registry's answers."""
    from shared.sync import enrollment
    from shared.sync.outbox import Outbox
    ident = enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint, suite="gm")
    assert ident.suite == "gm" and len(ident.device_public) == 65 and enrollment.load(store).suite == "gm"
    assert srv.state.device_suite(ident.device_id) == "gm"
    assert ident.server_key_id == srv.state.keys.gm_thumbprint != srv.state.keys.enc_thumbprint
    outbox = Outbox(store, settings)
    case = load_sample(store)
    item = outbox.submit(case.id)
    raw = outbox.path(item).read_bytes()
    header = json.loads(raw[12:12 + int.from_bytes(raw[8:12], "big")])
    assert {k: header[k] for k in ("enc", "wrap", "sig", "hash")} == GM.algorithms()
    outcomes = []
    drain(fast_service(store, settings, outbox=outbox, on_outcome=outcomes.append))
    got = store.get_case(case.id)
    assert got.state == CaseState.PROOF_ISSUED and got.outcome["receipt_number"].startswith("SL")
    assert [o.kind for o in outcomes] == ["delivered", "accepted", "registered", "proof_issued"]
    assert store.verify_audit().ok
    # the device's SM2 key signs an audit export too, and the signature checks as SM2
    from shared.sync.audit_export import AuditFilter, export, verify_export
    from shared.workflow.auth import Authenticator
    supervisor = Authenticator(store).login("S1002", "Super2026x").session
    sig = export(store, tmp_path / "audit.csv", AuditFilter(), supervisor)
    assert sig["statement"]["suite"] == "gm"
    assert verify_export(tmp_path / "audit.csv", ident.device_public_b64) == []
    forged = json.loads((tmp_path / "audit.csv.sig").read_text("utf-8"))
    forged["statement"]["suite"] = "default"  # the same signature read as another suite's is not valid
    (tmp_path / "audit.csv.sig").write_text(json.dumps(forged), "utf-8")
    assert verify_export(tmp_path / "audit.csv", ident.device_public_b64) == ["the signature does not match its statement"]


def test_a_suite_the_server_does_not_offer_is_refused_on_both_sides(store, tmp_path):
    import requests
    from devserver.main import start_in_thread
    from shared.sync import enrollment
    other = start_in_thread(tmp_path / "default-only", rsa_bits=2048, suites=("default",))
    try:
        with pytest.raises(SyncError) as err:
            enrollment.enroll(store, other.url, other.new_code(), other.fingerprint, suite="gm")
        assert err.value.msg.code == "sync.suite_not_offered" and "gm" in err.value.msg.render("zh")
        assert enrollment.load(store) is None  # nothing kept, no fall back to another suite
        # the server refuses it too, whatever a client sends
        priv, pub = GM.new_signing_key()
        resp = requests.post(other.url + "/v1/enroll", verify=str(other.state.keys.cert_file), timeout=10,
                             json={"code": other.new_code(), "public_key": base64.b64encode(pub).decode(),
                                   "suite": "gm", "key_alg": GM.sig})
        assert resp.status_code == 400 and resp.json()["code"] == "suite_not_offered"
        # an SM2 key claimed as the default suite's Ed25519 key is refused (the key type follows the suite)
        resp = requests.post(other.url + "/v1/enroll", verify=str(other.state.keys.cert_file), timeout=10,
                             json={"code": other.new_code(), "public_key": base64.b64encode(pub).decode()})
        assert resp.status_code == 400 and resp.json()["code"] == "bad_format"
        ident = enrollment.enroll(store, other.url, other.new_code(), other.fingerprint)
        assert ident.suite == "default" and len(ident.device_public) == 32
    finally:
        other.close()
    with pytest.raises(SyncError) as err:
        enrollment.enroll(store, "https://127.0.0.1:1", "x", "00", suite="sm9")
    assert err.value.msg.code == "sync.suite_unknown"


def test_the_server_refuses_a_packet_in_another_suite_than_the_devices(store, settings, srv, tmp_path):
    """A device enrolled with the default suite whose packet arrives in the GM suite (a
    header/suite mismatch) is refused at commit, even with every signature valid."""
    from shared.sync import enrollment
    from shared.sync.client import SyncClient, ServerError
    ident = enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
    vec = load(GM_PACKET)
    forged = dict(vec, device=dict(vec["device"], device_id=ident.device_id,
                                   private_b64=ident.device_private_b64), sm2_k_hex=None)
    forged["case"] = dict(vec["case"], id="C-GMMIX-0001")
    fresh = GM.new_data_key()
    public = GM.server_public(srv.state.keys.gm_private)
    material = (fresh, b"\x01" * 8, GM.wrap_key(public, fresh))
    forged["server_private_hex"] = srv.state.keys.gm_private.hex()
    built = build_vector_packet(forged, tmp_path, material=material)
    client = SyncClient(ident)
    try:
        from shared.sync import crypto
        sig = crypto.b64e(crypto.sign(ident.device_private, crypto.ciphertext_statement(
            built.packet_id, built.size, built.sha256)))  # the announce in the device's own suite
        client.announce(built.packet_id, built.size, built.sha256, sig)
        client.patch(built.packet_id, 0, built.path.read_bytes())
        with pytest.raises(ServerError) as err:
            client.commit(built.packet_id)
        assert err.value.server_code == "bad_cipher" and "密码套件" in err.value.msg.render("zh")
    finally:
        client.close()


def test_the_crypto_suite_setting_picks_the_suite_of_yizhan_enroll(tmp_path, srv, capsys, monkeypatch):
    from shared.cli.main import main
    from shared.store import Store
    from shared.sync import enrollment
    from sync_helpers import OPEN_SETTINGS
    for name, setting, flag, want in (("a", "gm", [], "gm"), ("b", "gm", ["--suite", "default"], "default"),
                                      ("c", None, [], "default")):
        data, config = tmp_path / name / "data", tmp_path / name / "config"
        config.mkdir(parents=True)
        monkeypatch.setenv("YIZHAN_CONFIG_DIR", str(config))
        values = dict(OPEN_SETTINGS, **({"crypto_suite": setting} if setting else {}))
        (config / "settings.json").write_text(json.dumps(values))
        assert main(["--data-dir", str(data), "enroll", "--server", srv.url, "--code", srv.new_code(),
                     "--ca-fingerprint", srv.fingerprint, *flag]) == 0
        assert capsys.readouterr().out.rstrip().endswith(want)
        with Store.open(data) as store:
            ident = enrollment.load(store)
        assert ident.suite == want and srv.state.device_suite(ident.device_id) == want

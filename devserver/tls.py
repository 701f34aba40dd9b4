"""The reference server's keys: a CA made on first start, a TLS certificate for
127.0.0.1/localhost signed by it, and the keys packets are encrypted to: RSA for the default
crypto suite, SM2 for the GM suite (:mod:`shared.cryptosuite`)."""

from __future__ import annotations

import datetime as _dt
import hashlib
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from shared.config import atomic_write


@dataclass
class ServerKeys:
    """Paths and PEMs of the server's key material."""

    ca_pem: str
    ca_fingerprint: str
    cert_file: Path
    key_file: Path
    enc_private: object
    enc_public_pem: str
    enc_thumbprint: str
    gm_private: bytes = b""      # the SM2 scalar of the GM suite's packet key
    gm_public_text: str = ""     # base64 of its uncompressed point, as the enrollment answer gives it
    gm_thumbprint: str = ""      # SM3 of the point: the key id in GM packet headers

    def keyring(self) -> dict[str, object]:
        """Every packet key by its thumbprint (what a packet header's ``key_id`` names)."""
        ring = {self.enc_thumbprint: self.enc_private}
        if self.gm_thumbprint:
            ring[self.gm_thumbprint] = self.gm_private
        return ring

    def encryption_key(self, suite: str) -> dict:
        """The enrollment answer's ``encryption_key`` for a device of ``suite``."""
        from shared import cryptosuite
        if suite == cryptosuite.GM.name:
            return {"alg": cryptosuite.GM.wrap, "thumbprint": self.gm_thumbprint, "public_key": self.gm_public_text}
        return {"alg": cryptosuite.DEFAULT.wrap, "thumbprint": self.enc_thumbprint, "public_pem": self.enc_public_pem}


def _pem_key(key) -> bytes:
    from cryptography.hazmat.primitives import serialization as s
    return key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption())


def _make_ca(ca_cert: Path, ca_key: Path, name: str) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization as s
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = _dt.datetime.now(_dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - _dt.timedelta(days=1))
            .not_valid_after(now + _dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    atomic_write(ca_key, _pem_key(key), 0o600)
    atomic_write(ca_cert, cert.public_bytes(s.Encoding.PEM), 0o644)


def _make_server_cert(ca_cert: Path, ca_key: Path, cert_file: Path, key_file: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization as s
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    ca = x509.load_pem_x509_certificate(ca_cert.read_bytes())
    ca_private = s.load_pem_private_key(ca_key.read_bytes(), None)
    key = ec.generate_private_key(ec.SECP256R1())
    now = _dt.datetime.now(_dt.timezone.utc)
    san = x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
            .issuer_name(ca.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - _dt.timedelta(days=1)).not_valid_after(now + _dt.timedelta(days=825))
            .add_extension(san, critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_private, hashes.SHA256()))
    atomic_write(key_file, _pem_key(key), 0o600)
    atomic_write(cert_file, cert.public_bytes(s.Encoding.PEM) + ca_cert.read_bytes(), 0o644)


def ensure_keys(data_dir: Path, rsa_bits: int = 3072) -> ServerKeys:
    """Load the server's keys from ``data_dir/keys``, creating what is missing."""
    from cryptography.hazmat.primitives import serialization as s
    from cryptography.hazmat.primitives.asymmetric import rsa
    from devserver.envelope import certificate_fingerprint, key_thumbprint
    from shared.cryptosuite import GM
    d = Path(data_dir) / "keys"
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    ca_cert, ca_key = d / "ca.pem", d / "ca.key"
    cert_file, key_file, enc_file = d / "server.pem", d / "server.key", d / "packet-rsa.key"
    gm_file = d / "packet-sm2.key"
    if not ca_cert.exists():
        _make_ca(ca_cert, ca_key, "Yizhan dev registry CA " + hashlib.sha256(str(d).encode()).hexdigest()[:8])
    if not cert_file.exists():
        _make_server_cert(ca_cert, ca_key, cert_file, key_file)
    if not enc_file.exists():
        atomic_write(enc_file, _pem_key(rsa.generate_private_key(65537, rsa_bits)), 0o600)
    if not gm_file.exists():
        atomic_write(gm_file, GM.new_server_key().hex().encode("ascii"), 0o600)
    enc = s.load_pem_private_key(enc_file.read_bytes(), None)
    pub_pem = enc.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo).decode()
    ca_pem = ca_cert.read_text("ascii")
    gm_private = bytes.fromhex(gm_file.read_text("ascii").strip())
    gm_public = GM.server_public(gm_private)
    return ServerKeys(ca_pem, certificate_fingerprint(ca_pem), cert_file, key_file, enc, pub_pem,
                      key_thumbprint(enc.public_key()), gm_private, GM.server_public_text(gm_public),
                      GM.fingerprint(gm_public))

"""A software USB key for tests and benchmarks: a SoftHSM2 token holding a bank's seal key.

:func:`make_soft_token` makes a test CA (an ECDSA root, kept in memory only), initialises a
SoftHSM2 token in ``folder``, generates the bank's RSA key *inside* the token (it never leaves
it), has the CA certify the token's public key for the bank's organisation name and stores the
certificate on the token beside the key. SoftHSM2 reads ``$SOFTHSM2_CONF`` once per process, so
:func:`softhsm_config` must run before the driver is first loaded; later tokens share its
folder. Needs Debian's ``softhsm2`` (``softhsm2-util`` and ``libsofthsm2.so``).
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SOFTHSM_MODULES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                   "/usr/local/lib/softhsm/libsofthsm2.so")


@dataclass
class SoftToken:
    """A token made by :func:`make_soft_token`: where, its label and PINs, the certificates."""

    module: str
    label: str
    pin: str
    key_label: str
    ca_der: bytes
    cert_der: bytes
    organisation: str


def softhsm_module() -> str:
    """The SoftHSM2 driver on this machine."""
    found = next((p for p in SOFTHSM_MODULES if Path(p).is_file()), None)
    if not found:
        raise RuntimeError("libsofthsm2.so not found: apt-get install -y softhsm2")
    return found


def softhsm_config(folder: Path) -> Path:
    """Point ``$SOFTHSM2_CONF`` at a configuration keeping tokens under ``folder`` (once per
    process: a second call keeps the first folder, as the loaded driver does)."""
    if os.environ.get("SOFTHSM2_CONF") and Path(os.environ["SOFTHSM2_CONF"]).is_file():
        return Path(os.environ["SOFTHSM2_CONF"])
    tokens = Path(folder) / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = Path(folder) / "softhsm2.conf"
    conf.write_text("directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n"
                    "slots.removable = false\n".format(tokens))
    os.environ["SOFTHSM2_CONF"] = str(conf)
    return conf


def _name(organisation: str | None, common: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "CN")]
    if organisation:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, common))
    return x509.Name(attrs)


def make_soft_tokens(folder: Path, *specs: dict) -> list[SoftToken]:
    """New tokens, one per spec (the keywords of :func:`make_soft_token`), all initialised
    before the driver first loads in this process (it does not see tokens made later)."""
    softhsm_config(Path(folder))
    util = shutil.which("softhsm2-util")
    if not util:
        raise RuntimeError("softhsm2-util not found: apt-get install -y softhsm2")
    specs = tuple(specs) or ({},)
    for spec in specs:
        subprocess.run([util, "--init-token", "--free", "--label", spec.get("label", "BANKSEAL"),
                        "--pin", spec.get("pin", "123456"), "--so-pin", spec.get("so_pin", "87654321")],
                       check=True, capture_output=True, env=dict(os.environ))
    return [_fill_token(**{k: v for k, v in spec.items() if k != "so_pin"}) for spec in specs]


def make_soft_token(folder: Path, **spec) -> SoftToken:
    """One new token: ``label`` (default ``BANKSEAL``), ``pin``, ``so_pin``, ``organisation``,
    ``key_label``, ``days`` of validity from ``not_before_days`` (from now)."""
    return make_soft_tokens(folder, spec)[0]


def _fill_token(*, label: str = "BANKSEAL", pin: str = "123456", organisation: str = "测试银行股份有限公司福州分行",
                key_label: str = "bank-seal", days: int = 365, not_before_days: int = -1) -> SoftToken:
    """Give the initialised token ``label`` the bank's key and certificate."""
    import pkcs11
    from asn1crypto import keys as asn1_keys
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicNumbers
    from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass
    from pkcs11.util.rsa import encode_rsa_public_key

    module = softhsm_module()
    now = _dt.datetime.now(_dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("测试根证书机构", "Yizhan Test Root CA")
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - _dt.timedelta(days=2))
          .not_valid_after(now + _dt.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    token = pkcs11.lib(module).get_token(token_label=label)
    with token.open(rw=True, user_pin=pin) as session:
        public, _private = session.generate_keypair(KeyType.RSA, 2048, store=True, label=key_label, id=b"\x01")
        numbers = asn1_keys.RSAPublicKey.load(encode_rsa_public_key(public))
        bank_public = RSAPublicNumbers(numbers["public_exponent"].native, numbers["modulus"].native).public_key()
        start = now + _dt.timedelta(days=not_before_days)
        cert = (x509.CertificateBuilder().subject_name(_name(organisation, organisation + " 电子印章"))
                .issuer_name(ca_name).public_key(bank_public).serial_number(x509.random_serial_number())
                .not_valid_before(start).not_valid_after(start + _dt.timedelta(days=days))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                               critical=True)
                .sign(ca_key, hashes.SHA256()))
        der = cert.public_bytes(serialization.Encoding.DER)
        session.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE,
                               Attribute.CERTIFICATE_TYPE: CertificateType.X_509, Attribute.VALUE: der,
                               Attribute.LABEL: key_label, Attribute.ID: b"\x01", Attribute.TOKEN: True,
                               Attribute.SUBJECT: cert.subject.public_bytes()})
    return SoftToken(module=module, label=label, pin=pin, key_label=key_label,
                     ca_der=ca.public_bytes(serialization.Encoding.DER), cert_der=der, organisation=organisation)

"""B3: the bank's electronic seal through PKCS#11 in <= 500 ms per document (median of 9).

A SoftHSM2 token is made in a scratch folder (its RSA-2048 key generated inside it, certified
by a test CA); the application form of a complete generated case is rendered once under the
seal plan, then sealed again and again as a PAdES baseline B signature with the visible seal
(shared.documents.seal.seal_pdf through the logged-in TokenSealer). Baseline in the same run:
the same pyHanko signature with an in-memory software RSA-2048 key (pyHanko's SimpleSigner),
so the ratio shows what going through the token costs. The key's login is timed on its own.
(pyHanko's SimpleSigner loads and checks its RSA key again for every signature, twice with the
size-estimating dry run: that, not the arithmetic, makes the software key the slower one here.)
Timings are wall times on a shared machine: noisy.
"""

from __future__ import annotations

import datetime as _dt
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "documents"))

from bench._common import bench_line, median_ms, scratch_dir  # noqa: E402
from docfixtures import PLACE, build_case  # noqa: E402

from shared.devices.idcard.fake_identities import FakeFactory  # noqa: E402
from shared.devices.softtoken import make_soft_token  # noqa: E402
from shared.documents import render  # noqa: E402
from shared.documents import seal as sl  # noqa: E402
from shared.domain.catalog import default_catalog  # noqa: E402


def _software_signer(organisation: str):
    """An in-memory RSA-2048 key with a self-issued certificate, as pyHanko's SimpleSigner."""
    from asn1crypto import keys, x509 as ax
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.sign import signers

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation)])
    now = _dt.datetime.now(_dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - _dt.timedelta(days=1))
            .not_valid_after(now + _dt.timedelta(days=30)).sign(key, hashes.SHA256()))
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return signers.SimpleSigner(signing_cert=ax.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
                                signing_key=keys.PrivateKeyInfo.load(der_key), cert_registry=None)


def main() -> None:
    token = make_soft_token(scratch_dir("b3-softhsm-"), label="BENCHSEAL")
    business = default_catalog().business("mortgage_first_general")
    case = build_case(FakeFactory(2026))
    plan = sl.SealPlan("seal", bank=token.organisation)
    with sl.planned(plan):
        pdf = render("application", case, business, place=PLACE)
    print("document: application form, {} KB, seal box on page {}".format(len(pdf) // 1024, plan.page + 1))

    t0 = time.perf_counter()
    sealer = sl.TokenSealer(token.pin, module=token.module, token=token.label)
    login_ms = (time.perf_counter() - t0) * 1000
    image = sealer.image
    soft = _software_signer(token.organisation)
    with sealer:
        token_ms = median_ms(lambda: sealer.seal(pdf, plan), repeat=9)
        soft_ms = median_ms(lambda: sl.seal_pdf(pdf, soft, plan, image), repeat=9)
        signed = sealer.seal(pdf, plan)
    from pyhanko.pdf_utils.reader import PdfFileReader
    sig = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    print("key login (once per batch): {:.1f} ms; a case's 3 documents with the login: {:.1f} ms "
          "per document".format(login_ms, (login_ms + 3 * token_ms) / 3))
    print("baseline, in-memory software key: {:.1f} ms per document".format(soft_ms))
    print("through PKCS#11 (SoftHSM2): {:.1f} ms per document (ratio to software key {:.2f}x); "
          "signed by {}, {} bytes".format(token_ms, token_ms / soft_ms,
                                         sig.signer_cert.subject.native.get("organization_name"), len(signed)))
    bench_line("B3", "pades_pkcs11_ms", token_ms, "<=", 500)


if __name__ == "__main__":
    main()

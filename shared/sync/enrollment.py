"""Enrollment of this device with a registration server.

Trust model (fail closed): the operator is given the server URL, a one-time code and the
SHA-256 fingerprint of the server's CA certificate, all printed by the server
(``yizhan-devserver`` prints them at start). The client fetches the CA certificate, refuses
it unless its fingerprint matches, and from then on pins that CA for every connection
(``requests`` verifies against it alone, hostname included). Without a fingerprint the CLI
offers trust-on-first-use only when asked explicitly (``--tofu``) and shows the fingerprint
it trusted. The device key is made here, of the crypto suite the ``crypto_suite`` setting
picks among those the server offers (``default``: Ed25519; ``gm``: SM2); its private half
never leaves the encrypted store.
"""

from __future__ import annotations

import datetime as _dt
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from shared import cryptosuite
from shared.config import atomic_write
from shared.errors import SyncError, TrustError
from shared.i18n import Msg
from shared.sync import crypto, state

log = logging.getLogger(__name__)

KEY = "enrollment"


@dataclass
class Enrollment:
    """What this device knows about its server after enrollment."""

    server_url: str
    device_id: str
    device_private_b64: str
    device_public_b64: str
    server_key_pem: str
    server_key_id: str
    ca_pem: str
    ca_fingerprint: str
    enrolled_at: str
    suite: str = "default"  # the crypto suite (shared.cryptosuite): device key, packets, signatures

    @property
    def device_private(self) -> bytes:
        return crypto.b64d(self.device_private_b64)

    @property
    def device_public(self) -> bytes:
        return crypto.b64d(self.device_public_b64)


def load(store) -> Enrollment | None:
    """The enrollment kept in ``store``, or ``None`` when the device is not enrolled."""
    raw = state.read(store, KEY)
    return Enrollment(**raw) if raw else None


def require(store) -> Enrollment:
    ident = load(store)
    if ident is None:
        raise SyncError(Msg("sync.not_enrolled", "本机尚未在登记服务器注册。请先运行“yizhan enroll”完成设备注册"),
                        retryable=False)
    return ident


def ca_path(store) -> Path:
    """Where the pinned CA certificate (public) is written for the TLS library."""
    return Path(store.path).parent / "sync" / "server-ca.pem"


def write_ca_file(store, ident: Enrollment) -> Path:
    path = ca_path(store)
    if not path.exists() or path.read_text("ascii") != ident.ca_pem:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(path, ident.ca_pem.encode("ascii"), mode=0o644)
    return path


def fetch_ca(server_url: str, timeout: float = 10.0) -> tuple[str, list[str]]:
    """Fetch the server's CA certificate BEFORE trust exists (the caller must check it) and
    the crypto suites it offers (``["default"]`` when it names none).

    Unverified on purpose (nothing from this answer is used until its fingerprint matched the
    one given out of band), but read like every other answer: https only, no redirect, at
    most ``CAPS["json"]`` bytes within a deadline, decoded once and checked against
    ``CaInfo``; the certificate must parse. Anything else is a :class:`SyncError`."""
    import requests
    import urllib3
    from urllib.parse import urlsplit

    from shared.sync.client import CAPS, DEADLINES, AnswerTimeout, check_answer, decode_json, read_capped

    def failed(err: str) -> SyncError:
        return SyncError(Msg("sync.enroll_unreachable", "无法从 {url} 取得服务器证书：{err}。请检查地址和网络",
                             {"url": str(server_url)[:80], "err": err}))

    if not isinstance(server_url, str) or urlsplit(server_url).scheme.lower() != "https" or any(c in server_url for c in "\r\n\t "):
        raise failed("https only")
    session = requests.Session()
    session.trust_env = False  # no proxies from the environment (a redirect is refused below: not 200)
    started = time.monotonic()
    try:
        with urllib3.warnings.catch_warnings():
            urllib3.warnings.simplefilter("ignore")
            resp = session.get(server_url.rstrip("/") + "/v1/enroll/ca", timeout=(min(10.0, timeout), timeout),
                               verify=False, allow_redirects=False, stream=True)
            try:
                if resp.status_code != 200:
                    raise failed("HTTP {}".format(resp.status_code))
                data = read_capped(resp, CAPS["json"], started + DEADLINES["json"])
            finally:
                resp.close()
        doc = check_answer("CaInfo", decode_json(data), 200)
    except AnswerTimeout:
        raise failed("timeout") from None
    except requests.RequestException as exc:
        raise failed(type(exc).__name__) from None
    except SyncError as err:  # garbage (too large, not the CaInfo shape): said as this command's error
        if err.code != "sync.garbage":
            raise
        raise failed(str(err.msg.params.get("ctype", "?"))) from None
    finally:
        session.close()
    try:
        crypto.cert_fingerprint(doc["ca_pem"])
    except Exception:  # noqa: BLE001 - whatever the parser says: not a certificate
        raise failed("not a certificate") from None
    suites = doc.get("suites", ["default"])
    return doc["ca_pem"], [s for s in suites if isinstance(s, str)][:8]


def enroll(store, server_url: str, code: str, ca_fingerprint: str | None = None, tofu: bool = False,
           device_name: str | None = None, timeout: float = 10.0, suite: str = "default") -> Enrollment:
    """Register this device with the server and keep the result in ``store``.

    ``suite`` (the ``crypto_suite`` setting): ``default`` or ``gm``; refused before any key is
    made when the server does not offer it (never a silent fall back to another suite).
    """
    from shared.sync.client import SyncClient
    if suite not in cryptosuite.NAMES:
        raise SyncError(Msg("sync.suite_unknown", "未知的密码套件“{suite}”（可选 default 或 gm）",
                            {"suite": str(suite)[:20]}), retryable=False)
    ca_pem, offered = fetch_ca(server_url, timeout)
    actual = crypto.cert_fingerprint(ca_pem)
    if ca_fingerprint:
        if crypto.normalize_fingerprint(ca_fingerprint) != actual:
            raise TrustError(Msg("sync.ca_mismatch", "服务器证书指纹不符（期望 {want}，实际 {got}）。可能连到了假冒的服务器，注册已停止，请与管理员核对指纹",
                                 {"want": crypto.normalize_fingerprint(ca_fingerprint)[:16], "got": actual[:16]}))
    elif not tofu:
        raise TrustError(Msg("sync.ca_needed", "注册需要服务器证书指纹（服务器启动时显示）。请用 --ca-fingerprint 提供；确需首次信任时用 --tofu"))
    if suite not in offered:
        raise SyncError(Msg("sync.suite_not_offered", "登记服务器不提供密码套件“{suite}”（服务器提供：{offered}）。请核对设置 crypto_suite",
                            {"suite": suite, "offered": "、".join(offered) or "-"}), retryable=False)
    chosen = cryptosuite.get(suite)
    priv, pub = crypto.new_device_key(chosen)
    ident = Enrollment(server_url.rstrip("/"), "", crypto.b64e(priv), crypto.b64e(pub), "", "", ca_pem, actual,
                       _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(), suite)
    client = SyncClient(ident, ca_file=None, ca_pem=ca_pem, timeout=timeout)
    import platform
    answer = client.enroll(code, crypto.b64e(pub), device_name or platform.node() or "device", chosen)
    key = answer["encryption_key"]
    pem = key.get("public_pem") if chosen is cryptosuite.DEFAULT else key.get("public_key")
    try:
        if key["alg"] != chosen.wrap or not isinstance(pem, str):
            raise ValueError("another suite's key")
        thumbprint = crypto.key_thumbprint(crypto.load_server_public(pem, chosen), chosen)
    except (ValueError, TypeError):
        thumbprint = None
    if thumbprint != key["thumbprint"]:
        raise TrustError(Msg("sync.key_thumbprint", "服务器加密公钥的指纹不符，注册已停止"))
    ident.device_id, ident.server_key_pem, ident.server_key_id = answer["device_id"], pem, key["thumbprint"]
    store.write(lambda conn: (state.put(conn, KEY, asdict(ident)),
                              state.put(conn, "last_success_at", ident.enrolled_at),
                              store.audit(conn, "enroll", None, "device={} server={}".format(ident.device_id, ident.server_url))))
    write_ca_file(store, ident)
    _first_heartbeat(store, client)
    return ident


def _first_heartbeat(store, client) -> None:
    """The server's anchor starts at enrollment: later rows are younger than this, so a cut at
    the start of the chain shows. A failure here only delays it to the first sync pass."""
    from shared.sync.anchor import heartbeat
    try:
        heartbeat(store, client)
    except SyncError as err:
        log.info("first audit heartbeat failed: %s", err.code)

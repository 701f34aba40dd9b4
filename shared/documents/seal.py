"""The bank's electronic seal: its documents signed as an organisation (PAdES baseline B).

The bank's certificate and private key sit on a USB key reached through PKCS#11 (the key's
driver, a ``.so`` / ``.dll``: the ``seal.module`` setting, else the first driver found for this
system). :class:`TokenSealer` logs in once with the PIN the officer typed (never logged, never
kept after the login), then :func:`seal_pdf` signs each document with pyHanko as a PAdES
signature whose visible appearance is the bank's round red seal, in the box the layout kept for
it (:class:`SealPlan`). A wrong PIN, a locked key, a key pulled out mid-signature: one
:class:`SealError` with what to do, no retry (the key's own lock-out counts every try), and no
half-signed output (signing works on bytes in memory; the caller stores all or nothing).

Without a key the officer signs by hand, and the document says so (:data:`HAND_NOTE`).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as _dt
import io
import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from shared import platform
from shared.errors import DocumentError, os_error_msg
from shared.i18n import Msg

log = logging.getLogger("yizhan.documents.seal")

SEAL_KINDS = ("application", "interview", "authorization")  # the bank's own documents
HAND_NOTE = "本文件未加盖电子印章，由经办人手写签名。"
SEALED_NOTE = "本文件加盖{bank}电子印章（PDF 数字签名），盖章后的任何改动都会使印章失效。"
FIELD_NAME = "BankSeal"
SEAL_MM = 40.0  # the visible seal's diameter on the page
MAX_PIN = 64
MAX_SEAL_IMAGE = 2 * 1024 * 1024

# Where a PKCS#11 driver usually is, per system: SoftHSM, OpenSC (most smart cards and keys).
MODULE_CANDIDATES = {
    "linux": ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
              "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so", "/usr/lib/opensc-pkcs11.so",
              "/usr/local/lib/softhsm/libsofthsm2.so"),
    "windows": (r"C:\Windows\System32\opensc-pkcs11.dll", r"C:\SoftHSM2\lib\softhsm2-x64.dll",
                r"C:\Program Files\OpenSC Project\OpenSC\pkcs11\opensc-pkcs11.dll"),
    "darwin": ("/usr/local/lib/softhsm/libsofthsm2.so", "/opt/homebrew/lib/softhsm/libsofthsm2.so",
               "/Library/OpenSC/lib/opensc-pkcs11.so"),
}


class SealError(DocumentError):
    """The bank's seal could not be applied (no key, wrong PIN, key removed...)."""

    default_code = "seal"


# -- the plan a document is rendered with ----------------------------------------------------
@dataclass
class SealPlan:
    """How a bank document is signed: ``"seal"`` (the electronic seal goes in ``box``, filled
    by the layout: page index and x1, y1, x2, y2 in PDF points) or ``"hand"``."""

    mode: str
    bank: str = ""
    page: int = 0
    box: tuple[float, float, float, float] | None = None

    @property
    def note(self) -> str:
        return SEALED_NOTE.format(bank=self.bank or "本行") if self.mode == "seal" else HAND_NOTE


_PLAN: contextvars.ContextVar[SealPlan | None] = contextvars.ContextVar("yizhan_seal_plan", default=None)


def current_plan() -> SealPlan | None:
    """The plan of the document being rendered (read by the layout), or ``None``."""
    return _PLAN.get()


@contextlib.contextmanager
def planned(plan: SealPlan | None) -> Iterator[SealPlan | None]:
    """Render the documents inside with ``plan``."""
    token = _PLAN.set(plan)
    try:
        yield plan
    finally:
        _PLAN.reset(token)


# -- where the driver is ----------------------------------------------------------------------
def _system() -> str:
    if platform.is_windows():
        return "windows"
    import sys
    return "darwin" if sys.platform == "darwin" else "linux"


def default_module() -> str | None:
    """The first PKCS#11 driver found: ``$YIZHAN_PKCS11_MODULE``, one shipped in the install's
    tools, then the usual places of this system."""
    env = os.environ.get("YIZHAN_PKCS11_MODULE")
    if env:
        return env
    for name in ("softhsm2-x64.dll", "opensc-pkcs11.dll") if _system() == "windows" else ():
        shipped = platform.install_dir() / "tools" / "bin" / name
        if shipped.is_file():
            return str(shipped)
    return next((p for p in MODULE_CANDIDATES[_system()] if Path(p).is_file()), None)


def module_path(setting: str | None = None) -> str:
    """The driver to load: the ``seal.module`` setting, else :func:`default_module`."""
    path = (setting or "").strip() or default_module()
    if not path or not Path(path).is_file():
        raise SealError(Msg("seal.no_module", "找不到 USB 密钥的驱动（PKCS#11 模块）{path}。请安装密钥厂商的驱动，"
                            "或在设置 seal.module 中填写其路径；没有密钥时可由经办人手写签名",
                            {"path": path or ""}))
    return path


# -- errors -----------------------------------------------------------------------------------
_PIN_WRONG = ("PinIncorrect", "PinInvalid", "PinLenRange")
_GONE = ("TokenNotPresent", "DeviceRemoved", "SessionClosed", "SessionHandleInvalid", "NoSuchToken",
         "DeviceError", "SlotIDInvalid", "TokenNotRecognised", "DeviceMemory", "ObjectHandleInvalid",
         "KeyHandleInvalid", "UserNotLoggedIn", "FunctionFailed", "GeneralError")


def _gone() -> SealError:
    return SealError(Msg("seal.token_gone", "未找到 USB 密钥，或盖章过程中密钥被拔出，文件未盖章，原文件未改动。"
                         "请插好密钥后重试，或由经办人手写签名", {}))


def _no_token(label: str | None) -> SealError:
    return SealError(Msg("seal.no_token", "没有插入 USB 密钥（或找不到标签为“{label}”的密钥），"
                         "请插好后重试，或由经办人手写签名", {"label": label or ""}))


def _locked() -> SealError:
    return SealError(Msg("seal.pin_locked", "USB 密钥的 PIN 已被锁定，文件未盖章。请联系本行证书管理员解锁，"
                         "或本次由经办人手写签名", {}))


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def token_error(exc: BaseException) -> SealError:
    """The :class:`SealError` telling the officer what ``exc`` (a PKCS#11 or signing error,
    possibly wrapped) means, without the PIN or any secret."""
    names = [type(e).__name__ for e in _chain(exc)]
    if any(n in _PIN_WRONG for n in names):
        return SealError(Msg("seal.pin_wrong", "USB 密钥的 PIN 不正确，文件未盖章。请核对后重新输入；"
                             "连续输错多次密钥会自行锁定", {}))
    if "PinLocked" in names:
        return _locked()
    if "PinExpired" in names:
        return SealError(Msg("seal.pin_expired", "USB 密钥的 PIN 已过期，请先用密钥厂商的工具修改 PIN", {}))
    if "NoSuchKey" in names or "MultipleObjectsReturned" in names:
        return SealError(Msg("seal.no_key", "USB 密钥中找不到唯一的印章证书和私钥，请确认插入的是本行的印章密钥", {}))
    if any(n in _GONE for n in names):
        return _gone()
    return SealError(Msg("seal.failed", "电子印章未能加盖（{kind}），文件未盖章，原文件未改动",
                         {"kind": names[0] if names else "?"}))


# -- the visible seal ---------------------------------------------------------------------------
def seal_image(name: str, size: int = 480) -> bytes:
    """A round red seal as a PNG with a transparent background: ``name`` around the rim, a
    five-pointed star in the middle, "电子印章" below it."""
    from PIL import Image, ImageDraw, ImageFont

    from shared.documents.fonts import fontset

    main = fontset().main
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    red = (200, 16, 30, 255)
    c, r = size / 2, size / 2 - 6
    draw.ellipse((c - r, c - r, c + r, c + r), outline=red, width=max(4, size // 30))
    star = [(c + 0.22 * size * math.cos(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.382),
             c - 0.02 * size + 0.22 * size * math.sin(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.382))
            for i in range(10)]
    draw.polygon(star, fill=red)
    text = (name or "电子印章")[:24]
    font = ImageFont.truetype(main.path, max(12, int(size * (0.13 if len(text) <= 12 else 0.09))),
                              index=main.index)
    span = min(250.0, 21.0 * len(text))  # degrees of the rim the name covers, centred on the top
    for i, ch in enumerate(text):
        ang = -90 - span / 2 + span * (i + 0.5) / len(text)
        glyph = Image.new("RGBA", (font.size * 2, font.size * 2), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((font.size, font.size), ch, font=font, fill=red, anchor="mm")
        glyph = glyph.rotate(-(ang + 90), resample=Image.BICUBIC)
        rr = r - font.size * 0.95
        x, y = c + rr * math.cos(math.radians(ang)), c + rr * math.sin(math.radians(ang))
        img.alpha_composite(glyph, (int(x - font.size), int(y - font.size)))
    small = ImageFont.truetype(main.path, max(10, size // 14), index=main.index)
    draw.text((c, c + 0.30 * size), "电子印章", font=small, fill=red, anchor="mm")
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def load_seal_image(path: str | None) -> bytes | None:
    """The seal image configured (``seal.image``: a PNG or JPEG up to 2 MB), or ``None``."""
    if not path:
        return None
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_SEAL_IMAGE + 1)
    except OSError as exc:
        raise SealError(Msg("seal.image_unreadable", "无法读取印章图片 {path}：{err}",
                            {"path": path, "err": os_error_msg(exc)})) from None
    if len(data) > MAX_SEAL_IMAGE or not (data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff"):
        raise SealError(Msg("seal.image_bad", "印章图片 {path} 须为不超过 2 MB 的 PNG 或 JPEG", {"path": path}))
    return data


# -- signing --------------------------------------------------------------------------------------
def seal_pdf(pdf: bytes, signer, plan: SealPlan, image_png: bytes, *, reason: str = "",
             location: str = "") -> bytes:
    """``pdf`` signed by ``signer`` (a pyHanko signer: the token's, or a software key) as a
    PAdES baseline B signature shown as ``image_png`` in ``plan``'s box; new bytes, ``pdf``
    untouched."""
    from PIL import Image
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    if plan.box is None:
        raise SealError(Msg("seal.no_box", "文档没有留出加盖电子印章的位置", {}))
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fields.append_signature_field(writer, fields.SigFieldSpec(FIELD_NAME, on_page=plan.page,
                                                              box=tuple(round(v, 2) for v in plan.box)))
    meta = signers.PdfSignatureMetadata(field_name=FIELD_NAME, subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256", reason=reason or None,
                                        location=location or None)
    style = StaticStampStyle(border_width=0, background=PdfImage(Image.open(io.BytesIO(image_png))),
                             background_opacity=1.0)
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=signer, stamp_style=style).sign_pdf(writer, output=out)
    return out.getvalue()


def _organisation(cert) -> str:
    """The organisation (else the common name) of an asn1crypto certificate's subject."""
    subject = cert.subject.native
    return str(subject.get("organization_name") or subject.get("common_name") or "")


def _final_try(token) -> bool:
    """Whether the key says one more wrong PIN locks it (read again after a failed login)."""
    import pkcs11
    if token is None:
        return False
    try:
        return bool(pkcs11.TokenFlag(token.slot.get_token().flags) & pkcs11.TokenFlag.USER_PIN_FINAL_TRY)
    except Exception:  # noqa: BLE001 (a key gone meanwhile: the first message stands)
        return False


def _find_token(lib, label: str | None):
    """The token labelled ``label``, else the only token present (of an initialised slot)."""
    tokens = [t for t in lib.get_tokens() if not label or t.label.strip() == label]
    if len(tokens) != 1:
        if tokens:
            raise SealError(Msg("seal.many_tokens", "插着多个 USB 密钥，请只保留本行的印章密钥，"
                                "或在设置 seal.token 中填写其标签", {}))
        raise _no_token(label)
    return tokens[0]


class TokenSealer:
    """The bank's USB key, logged in once for a batch of documents (a context manager).

    ``pin`` is used for the login only and not kept. ``token`` / ``key`` pick the token
    label and the key/certificate label when the key holds several (else the only ones)."""

    def __init__(self, pin: str, *, module: str | None = None, token: str | None = None,
                 key: str | None = None, image: str | None = None) -> None:
        if not pin or len(pin) > MAX_PIN:
            raise SealError(Msg("seal.pin_empty", "请输入 USB 密钥的 PIN（不超过 {n} 位）", {"n": MAX_PIN}))
        self.module = module_path(module)
        self._token, self._key, self._image_path = token or None, key or None, image or None
        self._session = None
        self.signer = None
        self.organisation = ""
        self.not_after: _dt.datetime | None = None
        self._image: bytes | None = None
        self._open(pin)

    @classmethod
    def from_settings(cls, settings, pin: str) -> "TokenSealer":
        """The sealer the ``seal`` settings describe (module, token, key, image)."""
        get = settings.get if settings is not None else (lambda key, default=None: default)
        return cls(pin, module=get("seal.module"), token=get("seal.token"), key=get("seal.key"),
                   image=get("seal.image"))

    def _open(self, pin: str) -> None:
        import pkcs11
        from pyhanko.sign.pkcs11 import PKCS11Signer

        tok = None
        try:
            tok = _find_token(pkcs11.lib(self.module), self._token)
            if pkcs11.TokenFlag(tok.flags) & pkcs11.TokenFlag.USER_PIN_LOCKED:
                raise _locked()  # the key locked itself: no try would count
            self._session = tok.open(user_pin=pin)
            self.signer = PKCS11Signer(self._session, cert_label=self._key, key_label=self._key)
            cert = self.signer.signing_cert  # read now: a key without a certificate fails here
        except SealError:
            self.close()
            raise
        except Exception as exc:  # noqa: BLE001 (every PKCS#11 failure gets its message)
            self.close()
            error = token_error(exc)
            if error.code == "seal.pin_wrong" and _final_try(tok):
                error = SealError(Msg("seal.pin_final_try", "USB 密钥的 PIN 不正确，文件未盖章。再输错一次密钥将被锁定，"
                                      "请先核对 PIN（或联系本行证书管理员）", {}))
            raise error from None
        self.organisation = _organisation(cert)
        self.not_after = cert.not_valid_after
        now = _dt.datetime.now(_dt.timezone.utc)
        if not (cert.not_valid_before <= now <= cert.not_valid_after):
            self.close()
            raise SealError(Msg("seal.cert_expired", "USB 密钥中的印章证书不在有效期内（{start} 至 {end}），"
                                "请联系本行证书管理员更新", {"start": cert.not_valid_before.date().isoformat(),
                                                        "end": cert.not_valid_after.date().isoformat()}))
        log.info("seal key opened: %s (certificate until %s)", self.organisation, self.not_after.date())

    @property
    def image(self) -> bytes:
        """The visible seal: the configured image, else a round seal of the organisation."""
        if self._image is None:
            self._image = load_seal_image(self._image_path) or seal_image(self.organisation)
        return self._image

    def plan(self) -> SealPlan:
        """A fresh plan for one document signed by this key."""
        return SealPlan("seal", bank=self.organisation)

    def seal(self, pdf: bytes, plan: SealPlan, *, reason: str = "", location: str = "") -> bytes:
        """``pdf`` with the bank's seal; :class:`SealError` (and ``pdf`` untouched) on failure."""
        if self.signer is None:
            raise _gone()
        try:
            return seal_pdf(pdf, self.signer, plan, self.image, reason=reason, location=location)
        except SealError:
            raise
        except Exception as exc:  # noqa: BLE001
            log.warning("seal failed: %s", type(exc).__name__)
            raise token_error(exc) from None

    def close(self) -> None:
        """Log out and close the session (idempotent; a key already gone is fine)."""
        session, self._session, self.signer = self._session, None, None
        if session is not None:
            with contextlib.suppress(Exception):
                session.close()

    def __enter__(self) -> "TokenSealer":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def check_token(pin: str | None = None, *, module: str | None = None, token: str | None = None,
                key: str | None = None) -> dict[str, Any]:
    """What the USB key says about itself (``yizhan seal check``): driver, token label,
    maker, PIN state flags; with ``pin``, also the certificate (organisation, validity)."""
    import pkcs11

    path = module_path(module)
    try:
        t = _find_token(pkcs11.lib(path), token)
    except SealError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise token_error(exc) from None
    flags = pkcs11.TokenFlag(t.flags)
    info: dict[str, Any] = {
        "module": path, "token": t.label.strip(), "manufacturer": t.manufacturer_id.strip(),
        "model": t.model.strip(),
        "pin_count_low": bool(flags & pkcs11.TokenFlag.USER_PIN_COUNT_LOW),
        "pin_final_try": bool(flags & pkcs11.TokenFlag.USER_PIN_FINAL_TRY),
        "pin_locked": bool(flags & pkcs11.TokenFlag.USER_PIN_LOCKED)}
    if pin is not None:
        with TokenSealer(pin, module=path, token=t.label.strip(), key=key) as sealer:
            info.update(organisation=sealer.organisation, not_after=sealer.not_after.isoformat())
    return info

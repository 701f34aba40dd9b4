"""What a card read gives: :class:`IdCardData`, with masked display helpers.

Nothing here ever shows a name or an ID number in clear by accident: ``repr``/``str`` are
masked, so a stray log line or traceback stays safe.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import Enum

from shared.i18n import N_

PHOTO_WIDTH = 102
PHOTO_HEIGHT = 126
PHOTO_BGR_SIZE = PHOTO_WIDTH * PHOTO_HEIGHT * 3  # 38,556 bytes


class CardType(str, Enum):
    """The four card kinds the reader returns (byte 248 of the text)."""

    RESIDENT = "resident"          # ' '  居民身份证
    HMT_PERMIT = "hmt_permit"      # 'J'  港澳台居民居住证
    FOREIGN_2017 = "foreign_2017"  # 'I'  外国人永久居留身份证 (2017)
    FOREIGN_2023 = "foreign_2023"  # 'Y'  外国人永久居留身份证 (2023)

    @property
    def label(self) -> str:
        """The Chinese name of the card type."""
        return _TYPE_LABELS[self]


_TYPE_LABELS = {
    CardType.RESIDENT: N_("居民身份证"),
    CardType.HMT_PERMIT: N_("港澳台居民居住证"),
    CardType.FOREIGN_2017: N_("外国人永久居留身份证（2017版）"),
    CardType.FOREIGN_2023: N_("外国人永久居留身份证（2023版）"),
}


def mask_name(name: str | None) -> str:
    """张三 -> 张*, 张小三 -> 张*三; the project-wide rule of shared.security.masking."""
    from shared.security.masking import mask_name as _mask
    return _mask(name)


def mask_id(number: str | None) -> str:
    """110101199003071233 -> 110101********1233 (shared.security.masking's rule)."""
    from shared.security.masking import mask_id as _mask
    return _mask(number)


def mask_address(address: str | None) -> str:
    """The address masked as everywhere else (:func:`shared.security.masking.mask_address`)."""
    from shared.security.masking import mask_address as _mask
    return _mask(address)


@dataclass(repr=False, eq=True)
class IdCardData:
    """One card as read. ``valid_to`` None means 长期 (long-term).

    ``photo_wlt`` is the raw 1024-byte WLT blob; ``photo_bgr`` is set only when a vendor decoder
    library really decoded it (102 x 126, BGR, top row first). ``raw_text`` keeps the 256 bytes
    as read, so a layout we decode only partly (the 2023 card) loses nothing.
    """

    card_type: CardType
    name: str
    sex: str
    id_number: str
    ethnicity: str = ""
    birth_date: _dt.date | None = None
    address: str = ""
    authority: str = ""
    valid_from: _dt.date | None = None
    valid_to: _dt.date | None = None
    extra: dict[str, str] = field(default_factory=dict)
    photo_wlt: bytes = b""
    photo_bgr: bytes | None = None
    fingerprint: bytes | None = None
    raw_text: bytes = b""

    def is_expired(self, today: _dt.date | None = None) -> bool:
        """True when the validity ended before ``today`` (a long-term card never expires)."""
        today = today or _dt.date.today()
        return self.valid_to is not None and today > self.valid_to

    @property
    def photo_decoded(self) -> bool:
        """True only when a vendor library turned the WLT blob into a bitmap."""
        return self.photo_bgr is not None

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_id(self) -> str:
        return mask_id(self.id_number)

    def validity_text(self) -> str:
        """``2015.01.01-2035.01.01`` or ``2015.01.01-长期``."""
        start = self.valid_from.strftime("%Y.%m.%d") if self.valid_from else "?"
        end = self.valid_to.strftime("%Y.%m.%d") if self.valid_to else "长期"
        return start + "-" + end

    def photo_text(self) -> str:
        """What we know about the photo, never claiming a decode that did not happen."""
        if self.photo_decoded:
            return "decoded {}x{} BGR (WLT raw {} bytes)".format(PHOTO_WIDTH, PHOTO_HEIGHT,
                                                                len(self.photo_wlt))
        if not self.photo_wlt:
            return "no photo"
        return "WLT raw {} bytes, not decoded (no vendor library)".format(len(self.photo_wlt))

    def masked_dict(self) -> dict[str, str]:
        """A display/log-safe summary (name and ID masked, address cut, birth year only)."""
        return {
            "card_type": self.card_type.value,
            "name": self.masked_name,
            "sex": self.sex,
            "ethnicity": self.ethnicity,
            "birth_year": str(self.birth_date.year) if self.birth_date else "",
            "address": mask_address(self.address),
            "id_number": self.masked_id,
            "authority": self.authority,
            "validity": self.validity_text(),
            "photo": self.photo_text(),
        }

    def __repr__(self) -> str:
        return "IdCardData(card_type={}, name={!r}, id_number={!r}, valid_to={}, photo={!r})".format(
            self.card_type.value, self.masked_name, self.masked_id,
            self.valid_to.isoformat() if self.valid_to else "长期", self.photo_text())

    __str__ = __repr__

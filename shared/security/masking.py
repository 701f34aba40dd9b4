"""Masking of personal data for screens and logs.

A name shows its first and last character (张*三, 欧阳**锋); an ID number keeps the six-digit
region code and the last four characters (110101********1233); a phone keeps 3 + 4; an
address keeps its city and district (福州市鼓楼区****).
"""

from __future__ import annotations

import logging
import re

_RIC_RE = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE_RE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_HAN_RUN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]{2,}")


def mask_name(name: str | None) -> str:
    """张三 -> 张*, 张小三 -> 张*三, 欧阳小锋 -> 欧**锋; organisations keep their name."""
    if not name:
        return ""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id(number: str | None) -> str:
    """110101199003071233 -> 110101********1233; short values keep only their last 2."""
    if not number:
        return ""
    n = number.strip()
    if len(n) >= 15:
        return n[:6] + "*" * (len(n) - 10) + n[-4:]
    if len(n) > 4:
        return "*" * (len(n) - 2) + n[-2:]
    return "*" * len(n)


def mask_phone(phone: str | None) -> str:
    """13812345678 -> 138****5678."""
    if not phone:
        return ""
    p = phone.strip()
    if len(p) >= 7:
        return p[:3] + "*" * (len(p) - 7) + p[-4:]
    return "*" * len(p)


def mask_address(address: str | None) -> str:
    """福州市鼓楼区五一路88号3单元502室 -> 福州市鼓楼区****: the district stays, the rest goes.

    The region prefix is kept up to its last 省/市/区/县 within the first characters; without
    one, the first third (at most 6 characters). The mask has a fixed length, hiding how long
    the street part is.
    """
    if not address:
        return ""
    address = address.strip()
    head = ""
    for match in re.finditer(r"自治州|自治县|地区|[省市区县旗盟]", address[:14]):
        head = address[:match.end()]
    if not head or len(head) >= len(address):
        head = address[:min(6, len(address) // 3)]
    return head + "****"


def scrub(text: str) -> str:
    """Mask anything shaped like a resident ID number or a mobile number in free text."""
    text = _RIC_RE.sub(lambda m: m.group(1) + "*" * 8 + m.group(3)[-4:], text)
    return _MOBILE_RE.sub(lambda m: m.group(1) + "****" + m.group(3), text)


def mask_text(text: str) -> str:
    """Mask free text of unknown origin (an exception's message, a value put into a log line).

    Besides what :func:`scrub` masks, every run of Chinese characters keeps only its first: a
    name cannot be told apart from the words around it, so none of them is kept in clear.
    """
    return _HAN_RUN_RE.sub(lambda m: m.group()[0] + "*" * (len(m.group()) - 1), scrub(text))


class ScrubbingFilter(logging.Filter):
    """A logging filter that masks ID-shaped and phone-shaped strings in every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not stop logging
            return True
        record.msg, record.args = scrub(message), ()
        return True


def display_party(party, reveal: bool = False) -> tuple[str, str, str]:
    """Name, ID number and phone of a party as a screen shows them.

    An organisation's name and credit code are public and shown in full; a person's are
    masked unless ``reveal`` (which the caller must audit).
    """
    if reveal or party.kind == "org":
        return party.name, party.id_number, party.phone if reveal else mask_phone(party.phone)
    return mask_name(party.name), mask_id(party.id_number), mask_phone(party.phone)


def display_value(field_def, value) -> str:
    """A form value as text (yes / no for booleans)."""
    from shared.i18n import translate
    if field_def.type == "bool":
        return translate("是") if value else translate("否")
    return str(value)


#: Control, format and separator characters (Unicode Cc, Cf, Zl, Zp) and lone surrogates, as a
#: regex character class body: terminal escapes, bell, C1, CR/LF, bidi marks, overrides and
#: isolates (U+061C, U+200E/F, U+202A–E, U+2066–9), zero widths, U+2028/9, the BOM, interlinear
#: annotations, tags. :func:`printable` drops them (newline and tab kept); the log escapes them.
UNSAFE_CHARS = ("\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
                "\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
                "\ud800-\udfff\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
                "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
#: The same, newline and tab excepted (what may stand in a text of several lines).
UNSAFE_IN_LINES = UNSAFE_CHARS.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f", 1)
_CONTROL = re.compile("[" + UNSAFE_IN_LINES + "]")


def has_control(text: str) -> bool:
    """Whether ``text`` holds a character :func:`printable` would drop."""
    return isinstance(text, str) and _CONTROL.search(text) is not None


def printable(text: str) -> str:
    """``text`` without control, format or separator characters (terminal escapes, bell, C1,
    bidi marks and overrides, zero widths, line separators); newline and tab stay. For anything
    from a card, a file or a server shown on a terminal or in a log."""
    return _CONTROL.sub("", text) if isinstance(text, str) else text

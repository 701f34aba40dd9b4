"""The 256-byte card text (GA 490-2013): UCS-2 little-endian, space padded.

The card type is the character at byte 248: space = resident ID card, ``J`` = residence permit
for Hong Kong / Macao / Taiwan residents, ``I`` = foreigner's permanent residence card (2017),
``Y`` = its 2023 version. :func:`decode_text` and :func:`encode_text` are inverses; the encoder
feeds the emulator, the tests and the fuzz bench.
"""

from __future__ import annotations

import datetime as _dt

from shared.devices.idcard.model import CardType, IdCardData
from shared.devices.idcard.protocol import ProtocolError
from shared.i18n import Msg

TEXT_SIZE = 256
TYPE_OFFSET = 248
TYPE_CHARS = {" ": CardType.RESIDENT, "J": CardType.HMT_PERMIT, "I": CardType.FOREIGN_2017,
              "Y": CardType.FOREIGN_2023}
TYPE_CHAR_OF = {v: k for k, v in TYPE_CHARS.items()}
LONG_TERM = "长期"

SEX = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}
SEX_CODE = {v: k for k, v in SEX.items()}

# GB 3304 codes 01-56 as printed on the card (汉, not 汉族), plus 97 and 98.
_ETHNIC_NAMES = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
ETHNIC_GROUPS = {"{:02d}".format(i + 1): name for i, name in enumerate(_ETHNIC_NAMES)}
ETHNIC_GROUPS.update({"97": "其他", "98": "外国血统中国籍人士"})
ETHNIC_CODE = {v: k for k, v in ETHNIC_GROUPS.items()}

# (field, byte offset, byte length) per card type. Keys in CORE go to IdCardData attributes,
# the others to ``extra``.
_COMMON = [("name", 0, 30), ("sex", 30, 2), ("ethnicity", 32, 4), ("birth_date", 36, 16),
           ("address", 52, 70), ("id_number", 122, 36), ("authority", 158, 30),
           ("valid_from", 188, 16), ("valid_to", 204, 16)]
LAYOUTS: dict[CardType, list[tuple[str, int, int]]] = {
    CardType.RESIDENT: _COMMON,
    CardType.HMT_PERMIT: _COMMON + [("pass_number", 220, 18), ("issue_count", 238, 4)],
    CardType.FOREIGN_2017: [
        ("english_name", 0, 120), ("sex", 120, 2), ("id_number", 122, 30),
        ("nationality", 152, 6), ("name", 158, 30), ("valid_from", 188, 16),
        ("valid_to", 204, 16), ("birth_date", 220, 16), ("card_version", 236, 4),
        ("authority_code", 240, 8)],
    # 2023 layout as published by reader vendors; the English name continues at 220.
    CardType.FOREIGN_2023: [
        ("name", 0, 30), ("sex", 30, 2), ("renewal_count", 32, 4), ("birth_date", 36, 16),
        ("english_name", 52, 70), ("id_number", 122, 36), ("valid_from", 188, 16),
        ("valid_to", 204, 16), ("english_name_ext", 220, 22), ("nationality", 242, 6),
        ("previous_number_link", 250, 6)],
}
CORE = {"name", "sex", "ethnicity", "birth_date", "address", "id_number", "authority",
        "valid_from", "valid_to"}


class CardTextError(ProtocolError):
    """The card text cannot be decoded (unknown card type, unreadable validity)."""

    default_code = "idcard.text"


def _date(value: str) -> _dt.date | None:
    if len(value) != 8 or not value.isdigit():
        return None
    try:
        return _dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def card_type_of(text: bytes) -> CardType:
    """The card type from the character at byte 248."""
    if len(text) != TEXT_SIZE:
        raise CardTextError(Msg("idcard.text.size", "证件文字信息长度错误，请重新读卡", {}))
    char = bytes(text[TYPE_OFFSET:TYPE_OFFSET + 2]).decode("utf-16-le", "replace")
    if char not in TYPE_CHARS:
        raise CardTextError(Msg("idcard.text.type", "无法识别的证件类型，请人工核验证件", {}))
    return TYPE_CHARS[char]


def decode_text(text: bytes) -> IdCardData:
    """Decode the 256-byte text into :class:`IdCardData` (photo fields left empty)."""
    card_type = card_type_of(text)
    raw = {key: bytes(text[off:off + size]).decode("utf-16-le", "replace").strip(" \x00")
           for key, off, size in LAYOUTS[card_type]}
    extra = {k: v for k, v in raw.items() if k not in CORE}
    if card_type is CardType.FOREIGN_2023:
        extra["english_name"] = (extra.get("english_name", "") +
                                 extra.pop("english_name_ext", "")).strip()
    sex = SEX.get(raw["sex"], raw["sex"])
    ethnicity = ETHNIC_GROUPS.get(raw.get("ethnicity", ""), raw.get("ethnicity", ""))
    valid_to_raw = raw["valid_to"]
    valid_to = None if valid_to_raw == LONG_TERM else _date(valid_to_raw)
    if valid_to is None and valid_to_raw != LONG_TERM:
        # Never guess: an unreadable end date must not pass as 长期 (never expires).
        raise CardTextError(Msg("idcard.text.validity", "证件有效期无法识别，请人工核验证件", {}))
    for key in ("birth_date", "valid_from"):
        if raw[key] and _date(raw[key]) is None:
            extra[key + "_raw"] = raw[key]
    name = raw["name"] or extra.get("english_name", "")
    return IdCardData(card_type=card_type, name=name, sex=sex, id_number=raw["id_number"],
                      ethnicity=ethnicity, birth_date=_date(raw["birth_date"]),
                      address=raw.get("address", ""), authority=raw.get("authority", ""),
                      valid_from=_date(raw["valid_from"]), valid_to=valid_to, extra=extra,
                      raw_text=bytes(text))


def _put(buf: bytearray, off: int, size: int, value: str, key: str) -> None:
    data = value.encode("utf-16-le")
    if len(data) > size:
        raise ValueError("field {} too long for the card text ({} > {} bytes)".format(
            key, len(data), size))
    buf[off:off + len(data)] = data


def encode_text(card: IdCardData) -> bytes:
    """The 256-byte text of ``card`` (inverse of :func:`decode_text`)."""
    values = dict(card.extra)
    values.update({
        "name": card.name, "sex": SEX_CODE.get(card.sex, card.sex),
        "ethnicity": ETHNIC_CODE.get(card.ethnicity, card.ethnicity),
        "birth_date": card.birth_date.strftime("%Y%m%d") if card.birth_date else "",
        "address": card.address, "id_number": card.id_number, "authority": card.authority,
        "valid_from": card.valid_from.strftime("%Y%m%d") if card.valid_from else "",
        "valid_to": card.valid_to.strftime("%Y%m%d") if card.valid_to else LONG_TERM,
    })
    if card.card_type is CardType.FOREIGN_2017 and card.name == values.get("english_name"):
        values["name"] = ""  # decode_text fell back to the English name: no Chinese name
    if card.card_type is CardType.FOREIGN_2023:
        english = values.get("english_name", "")
        values["english_name"], values["english_name_ext"] = english[:35], english[35:]
        if card.name == english:
            values["name"] = ""
    buf = bytearray(" ".encode("utf-16-le") * (TEXT_SIZE // 2))
    for key, off, size in LAYOUTS[card.card_type]:
        _put(buf, off, size, values.get(key, ""), key)
    _put(buf, TYPE_OFFSET, 2, TYPE_CHAR_OF[card.card_type], "card_type")
    return bytes(buf)

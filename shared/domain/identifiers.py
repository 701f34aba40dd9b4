"""Validators of the identifiers the product handles (see ``domain/IDENTIFIERS.md``).

Each validator normalises what a person types loosely (spaces, full-width characters, a
lower-case x), then returns ``None`` when the value is valid, or the first rule broken as a
:class:`~shared.i18n.Msg`. A checksum is never "fixed".
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from shared.i18n import Msg, N_

RIC_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RIC_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
UNIT_RE = re.compile(r"^\d{12}[GJZ][ABSXCDEFLNHGWY]\d{5}[FLQW]\d{8}$")
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def normalize(value: str) -> str:
    """Full-width to half-width, spaces and dashes removed, upper case."""
    value = unicodedata.normalize("NFKC", value or "")
    return re.sub(r"[\s\-_]", "", value).upper()


def ric_check_char(first17: str) -> str:
    """The GB 11643 check character of 17 digits."""
    return RIC_CHECK[sum(int(c) * w for c, w in zip(first17, RIC_WEIGHTS)) % 11]


def validate_resident_id(value: str, today: _dt.date | None = None) -> Msg | None:
    """GB 11643-1999 resident identity number (18 characters)."""
    v = normalize(value)
    if not v:
        return Msg("ric.empty", "请填写身份证号码")
    if len(v) == 15 and v.isdigit():
        return Msg("ric.gen1", "15位一代身份证号码已停止使用，请使用18位号码")
    if len(v) != 18:
        return Msg("ric.length", "身份证号码应为18位，现为{n}位", {"n": len(v)})
    if not v[:17].isdigit():
        return Msg("ric.digits", "身份证号码前17位应全为数字")
    if not (v[17].isdigit() or v[17] == "X"):
        return Msg("ric.last", "身份证号码第18位应为数字或X")
    y, m, d = int(v[6:10]), int(v[10:12]), int(v[12:14])
    try:
        birth = _dt.date(y, m, d)
    except ValueError:
        return Msg("ric.birth", "出生日期 {date} 不存在", {"date": "{:04d}-{:02d}-{:02d}".format(y, m, d)})
    if birth > (today or _dt.date.today()) or y < 1850:
        return Msg("ric.birth_range", "出生日期 {date} 不在合理范围内", {"date": birth.isoformat()})
    expected = ric_check_char(v[:17])
    if v[17] != expected:
        return Msg("ric.check", "第18位校验码应为{expected}", {"expected": expected})
    return None


def org_check_char(first8: str) -> str:
    """GB 11714 organisation code check character of 8 characters (digits / letters)."""
    total = sum(USCC_ALPHABET.index(c) * w if c.isdigit() else (ord(c) - 55) * w
                for c, w in zip(first8, ORG_WEIGHTS))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def uscc_check_char(first17: str) -> str:
    """GB 32100 check character of 17 characters."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> Msg | None:
    """GB 32100-2015 unified social credit code (18 characters)."""
    v = normalize(value)
    if not v:
        return Msg("uscc.empty", "请填写统一社会信用代码")
    if len(v) != 18:
        return Msg("uscc.length", "统一社会信用代码应为18位，现为{n}位", {"n": len(v)})
    for pos, ch in enumerate(v, start=1):
        if ch not in USCC_ALPHABET:
            return Msg("uscc.char", "第{pos}位字符“{ch}”不允许（代码不含 I、O、S、V、Z）",
                       {"pos": pos, "ch": ch})
    if not v[2:8].isdigit():
        return Msg("uscc.region", "第3至8位应为行政区划代码（数字）")
    expected = uscc_check_char(v[:17])
    if v[17] != expected:
        return Msg("uscc.check", "第18位校验码应为{expected}", {"expected": expected})
    return None


def validate_unit_number(value: str) -> Msg | None:
    """GB/T 37346-2019 real-estate unit number (28 characters, no check character)."""
    v = normalize(value)
    if not v:
        return Msg("unit.empty", "请填写不动产单元号")
    if len(v) != 28:
        return Msg("unit.length", "不动产单元号应为28位，现为{n}位", {"n": len(v)})
    rules = (
        (0, 12, str.isdigit, "unit.area", N_("第1至12位应为行政区划、地籍区和地籍子区代码（数字）")),
        (12, 13, lambda s: s in "GJZ", "unit.owner", N_("第13位土地所有权类型应为 G、J 或 Z")),
        (13, 14, lambda s: s in "ABSXCDEFLNHGWY", "unit.right", N_("第14位宗地权利类型代码无效")),
        (14, 19, str.isdigit, "unit.parcel", N_("第15至19位宗地顺序号应为数字")),
        (19, 20, lambda s: s in "FLQW", "unit.fixture", N_("第20位定着物类型应为 F、L、Q 或 W")),
        (20, 28, str.isdigit, "unit.fixture_no", N_("第21至28位定着物单元号应为数字")),
    )
    for start, end, ok, code, text in rules:
        if not ok(v[start:end]):
            return Msg(code, text)
    if v[14:19] == "00000":
        return Msg("unit.parcel_zero", "宗地顺序号不能为00000")
    if v[19] == "W" and v[20:] != "00000000":
        return Msg("unit.fixture_none", "定着物类型为W（无定着物）时，第21至28位应为00000000")
    return None


def is_virtual_unit(value: str) -> bool:
    """A unit whose cadastral district and sub-district are 000000 (valid, worth a notice)."""
    return normalize(value)[6:12] == "000000"


def format_unit_number(value: str) -> str:
    """Group a unit number 6-6-7-9 for reading."""
    v = normalize(value)
    return " ".join((v[:6], v[6:12], v[12:19], v[19:]))


def validate_phone(value: str) -> Msg | None:
    """A mainland mobile number or a landline with area code."""
    v = unicodedata.normalize("NFKC", value or "").replace(" ", "")
    if v.startswith("+86"):
        v = v[3:]
    if MOBILE_RE.match(v) or LANDLINE_RE.match(v):
        return None
    return Msg("phone.format", "电话号码格式不正确：手机号为11位，固定电话请加区号")


def parse_date(value: str) -> _dt.date | None:
    """Parse YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD or YYYY年M月D日; ``None`` if not a date."""
    v = unicodedata.normalize("NFKC", value or "").strip()
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", v) or \
        re.fullmatch(r"(\d{4})(\d{2})(\d{2})", v)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def validate_date(value: str) -> Msg | None:
    """A real calendar date."""
    if parse_date(value) is None:
        return Msg("date.invalid", "日期“{value}”无效，请按 2024-05-01 的格式填写", {"value": value})
    return None


def parse_amount(value: str) -> Decimal | None:
    """Parse an amount in yuan (commas allowed); ``None`` if not a number."""
    v = unicodedata.normalize("NFKC", str(value or "")).replace(",", "").replace("，", "").strip()
    v = v.removesuffix("元")
    try:
        amount = Decimal(v)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def validate_amount(value: str) -> Msg | None:
    """A positive amount with at most two decimals."""
    amount = parse_amount(value)
    if amount is None:
        return Msg("amount.invalid", "金额“{value}”不是有效数字", {"value": value})
    if amount <= 0:
        return Msg("amount.positive", "金额应大于0")
    if amount.as_tuple().exponent < -2:
        return Msg("amount.decimals", "金额最多保留两位小数")
    if amount >= Decimal("1e13"):
        return Msg("amount.too_large", "金额过大，请核对单位（元）")
    return None


def validate_area(value: str) -> Msg | None:
    """A floor area in square metres."""
    amount = parse_amount(value)
    if amount is None or amount <= 0 or amount.as_tuple().exponent < -2:
        return Msg("area.invalid", "面积应为大于0的数字，最多两位小数")
    return None


VALIDATORS = {
    "resident_id": validate_resident_id,
    "credit_code": validate_credit_code,
    "unit_number": validate_unit_number,
    "phone": validate_phone,
    "date": validate_date,
    "amount": validate_amount,
    "area": validate_area,
}

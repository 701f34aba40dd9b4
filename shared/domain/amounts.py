"""Amounts of money as people read them: thousands separators and Chinese capitals (大写).

The stored value of an amount stays a plain number string ("1200000.5"); these only render it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from shared.domain.identifiers import parse_amount

DIGITS = "零壹贰叁肆伍陆柒捌玖"
LIMIT = Decimal("1e16")


def group_thousands(value: str) -> str:
    """``"1200000.5"`` -> ``"1,200,000.5"``; decimals are kept as typed, non-numbers unchanged."""
    text = str(value or "").replace(",", "").strip()
    if parse_amount(text) is None or not text.lstrip("-").split(".")[0].isdigit():
        return str(value or "")
    sign = "-" if text.startswith("-") else ""
    whole, dot, frac = text.lstrip("-").partition(".")
    return "{}{:,}{}{}".format(sign, int(whole), dot, frac)


def _group(n: int) -> str:
    """0 < n < 10000, without leading zeros (壹仟零伍)."""
    out, zero, started = "", False, False
    for digit, unit in zip("{:04d}".format(n), ("仟", "佰", "拾", "")):
        if digit == "0":
            zero = zero or started
            continue
        out += ("零" if zero else "") + DIGITS[int(digit)] + unit
        zero, started = False, True
    return out


def _integer(n: int) -> str:
    """0 < n < 10**16 in capitals, without 元."""
    for size, unit, lead in ((10 ** 8, "亿", 10 ** 7), (10 ** 4, "万", 1000)):
        if n >= size:
            high, low = divmod(n, size)
            out = _integer(high) + unit
            return out + ("零" if low < lead else "") + _integer(low) if low else out
    return _group(n)


def amount_in_capitals(value: str | Decimal | int) -> str:
    """The amount in yuan in Chinese capitals, as on a bank voucher: 壹佰贰拾万元整, 壹佰元零伍分.

    Rounded to the fen. Raises ``ValueError`` for what is not an amount, a negative one or one
    of 10^16 yuan or more.
    """
    amount = parse_amount(str(value))
    if amount is None or amount < 0 or amount >= LIMIT:
        raise ValueError("not an amount: {!r}".format(value))
    fen_total = int(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) * 100)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    parts = [_integer(yuan) + "元"] if yuan else []
    if jiao:
        parts.append(DIGITS[jiao] + "角")
    elif fen and yuan:
        parts.append("零")
    if fen:
        parts.append(DIGITS[fen] + "分")
    if not parts:
        return "零元整"
    return "".join(parts) + ("" if fen or jiao else "整")

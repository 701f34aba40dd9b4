"""Amounts in Chinese capitals (大写) and with thousands separators."""

from decimal import Decimal

import pytest

from shared.domain.amounts import amount_in_capitals, group_thousands


@pytest.mark.parametrize("value, capitals", [
    ("0", "零元整"),
    ("10", "壹拾元整"),
    ("100.05", "壹佰元零伍分"),
    ("1200000", "壹佰贰拾万元整"),
    ("10000000.5", "壹仟万元伍角"),
    ("0.05", "伍分"),
    ("0.5", "伍角"),
    ("1.25", "壹元贰角伍分"),
    ("1005", "壹仟零伍元整"),
    ("1050", "壹仟零伍拾元整"),
    ("100010", "壹拾万零壹拾元整"),
    ("101000", "壹拾万壹仟元整"),
    ("1000100", "壹佰万零壹佰元整"),
    ("100000000", "壹亿元整"),
    ("100000001", "壹亿零壹元整"),
    ("100010000", "壹亿零壹万元整"),
    ("110000000", "壹亿壹仟万元整"),
    ("1000000000000", "壹万亿元整"),
    ("9999999999999.99", "玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ("1,234,567.89", "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
    (Decimal("3000"), "叁仟元整"),
    (30, "叁拾元整"),
])
def test_capitals(value, capitals):
    assert amount_in_capitals(value) == capitals


@pytest.mark.parametrize("value", ["", "abc", "-1", "1e16"])
def test_capitals_refuse_what_is_not_an_amount(value):
    with pytest.raises(ValueError):
        amount_in_capitals(value)


@pytest.mark.parametrize("value, shown", [
    ("1200000", "1,200,000"), ("1200000.5", "1,200,000.5"), ("100.05", "100.05"), ("0", "0"),
    ("1,2000", "12,000"), ("12ab", "12ab"), ("", ""),
])
def test_thousands(value, shown):
    assert group_thousands(value) == shown

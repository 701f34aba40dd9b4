"""Validators of IDENTIFIERS.md: the standard's examples and generated numbers."""

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from shared.domain import identifiers as ids
from shared.devices.idcard.fake_identities import FakeFactory

VALID_RIC = ["11010519491231002X", "440524188001010014", "110101199003071233"]
VALID_USCC = ["91350100M000100Y43", "9144030071526726XG", "91330100716105852F", "914403001922038216"]


@pytest.mark.parametrize("value", VALID_RIC)
def test_resident_id_examples_are_valid(value):
    assert ids.validate_resident_id(value) is None


def test_resident_id_loose_typing_is_normalised():
    assert ids.validate_resident_id(" 11010519491231002x ") is None
    assert ids.validate_resident_id("１１０１０５１９４９１２３１００２Ｘ") is None  # full-width


@pytest.mark.parametrize("value,code", [
    ("110101199003071234", "ric.check"),
    ("110101199002301235", "ric.birth"),
    ("110101900307123", "ric.gen1"),
    ("11010119900307123", "ric.length"),
    ("11010119900307123Y", "ric.last"),
    ("", "ric.empty"),
])
def test_resident_id_errors_are_named(value, code):
    assert ids.validate_resident_id(value).code == code


def test_resident_id_check_message_names_the_expected_char():
    assert ids.validate_resident_id("110101199003071234").render() == "第18位校验码应为3"


def test_resident_id_birth_in_future_rejected():
    first17 = "11010120990101123"
    value = first17 + ids.ric_check_char(first17)
    assert ids.validate_resident_id(value, today=dt.date(2026, 1, 1)).code == "ric.birth_range"


def test_historical_region_code_is_not_rejected():
    assert ids.validate_resident_id("440524188001010014") is None


@pytest.mark.parametrize("value", VALID_USCC)
def test_credit_code_examples_are_valid(value):
    assert ids.validate_credit_code(value) is None


@pytest.mark.parametrize("value,code", [
    ("91350100M000100Y44", "uscc.check"),
    ("91350100M000100YI3", "uscc.char"),
    ("9135010", "uscc.length"),
    ("91A50100M000100Y43", "uscc.region"),
])
def test_credit_code_errors_are_named(value, code):
    assert ids.validate_credit_code(value).code == code


def test_credit_code_allows_letters_in_first_positions():
    """Unlike python-stdnum, N (rural collectives) and other authority letters are allowed."""
    first17 = "N2350100M000100Y4"
    assert ids.validate_credit_code(first17 + ids.uscc_check_char(first17)) is None


def test_unit_number_rules():
    good = "350102015020GB09217F00243026"
    assert ids.validate_unit_number(good) is None
    assert ids.validate_unit_number("350102015020GB09217W00000000") is None
    assert ids.validate_unit_number("350102015020XB09217F00243026").code == "unit.owner"
    assert ids.validate_unit_number("350102015020GI09217F00243026").code == "unit.right"
    assert ids.validate_unit_number("350102015020GB09217A00243026").code == "unit.fixture"
    assert ids.validate_unit_number("350102015020GB09217W00243026").code == "unit.fixture_none"
    assert ids.validate_unit_number("350102015020GB00000F00243026").code == "unit.parcel_zero"
    assert ids.validate_unit_number("35010201502").code == "unit.length"
    assert ids.format_unit_number(good) == "350102 015020 GB09217 F00243026"
    assert ids.is_virtual_unit("350102000000GB09217F00243026")


@pytest.mark.parametrize("value,ok", [("13812345678", True), ("+86 138 1234 5678", True), ("0591-87654321", True),
                                      ("12345", False), ("23812345678", False)])
def test_phone(value, ok):
    assert (ids.validate_phone(value) is None) is ok


@pytest.mark.parametrize("value,ok", [("2024-05-01", True), ("2024年5月1日", True), ("20240501", True),
                                      ("2024-02-30", False), ("tomorrow", False)])
def test_dates(value, ok):
    assert (ids.validate_date(value) is None) is ok


@pytest.mark.parametrize("value,code", [("1,000,000.50", None), ("0", "amount.positive"), ("1.234", "amount.decimals"),
                                        ("abc", "amount.invalid"), ("-5", "amount.positive")])
def test_amounts(value, code):
    msg = ids.validate_amount(value)
    assert (msg.code if msg else None) == code


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32), pos=st.integers(0, 17), repl=st.sampled_from("0123456789X"))
def test_generated_resident_ids_pass_and_any_single_change_fails(seed, pos, repl):
    value = FakeFactory(seed).resident_id()
    assert ids.validate_resident_id(value) is None
    if value[pos] != repl:
        changed = value[:pos] + repl + value[pos + 1:]
        assert ids.validate_resident_id(changed) is not None


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32), pos=st.integers(0, 17), repl=st.sampled_from(ids.USCC_ALPHABET + "IOSVZ"))
def test_generated_credit_codes_pass_and_any_single_change_fails(seed, pos, repl):
    value = FakeFactory(seed).credit_code()
    assert ids.validate_credit_code(value) is None
    if value[pos] != repl:
        changed = value[:pos] + repl + value[pos + 1:]
        assert ids.validate_credit_code(changed) is not None


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32))
def test_generated_unit_numbers_pass(seed):
    assert ids.validate_unit_number(FakeFactory(seed).unit_number()) is None

"""The 256-byte card text of all four card types, and the masked IdCardData."""

from __future__ import annotations

import datetime as dt

import pytest
from idcard_fakes import ALL_CARDS, foreign2017_card, foreign2023_card, hmt_card, resident_card
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.devices.idcard import cardtext
from shared.devices.idcard.model import CardType, IdCardData, mask_id, mask_name
from shared.devices.idcard.protocol import ProtocolError

CORE = ("card_type", "name", "sex", "id_number", "ethnicity", "birth_date", "address",
        "authority", "valid_from", "valid_to")


def same(a: IdCardData, b: IdCardData) -> bool:
    return all(getattr(a, k) == getattr(b, k) for k in CORE) and a.extra == b.extra


@pytest.mark.parametrize("kind", sorted(ALL_CARDS))
def test_encode_decode_round_trip(kind):
    card = ALL_CARDS[kind]()
    text = cardtext.encode_text(card)
    assert len(text) == 256
    back = cardtext.decode_text(text)
    assert same(back, card), (back.__dict__, card.__dict__)
    assert back.raw_text == text


def test_resident_layout_offsets():
    card = resident_card()
    text = cardtext.encode_text(card)
    assert text[0:6].decode("utf-16-le") == "张小三"
    assert text[30:32].decode("utf-16-le") == "1"
    assert text[32:36].decode("utf-16-le") == "01"
    assert text[36:52].decode("utf-16-le") == "19900307"
    assert text[122:158].decode("utf-16-le") == card.id_number
    assert text[188:204].decode("utf-16-le") == "20150101"
    assert text[204:220].decode("utf-16-le") == "20350101"
    assert text[248:250] == " ".encode("utf-16-le")
    assert text[220:256] == " ".encode("utf-16-le") * 18  # reserved is padded with spaces


def test_type_characters_at_offset_248():
    for factory, char in ((hmt_card, "J"), (foreign2017_card, "I"), (foreign2023_card, "Y")):
        assert cardtext.encode_text(factory())[248:250].decode("utf-16-le") == char


def test_hmt_permit_extra_fields_and_expiry():
    card = cardtext.decode_text(cardtext.encode_text(hmt_card()))
    assert card.card_type is CardType.HMT_PERMIT
    assert card.extra == {"pass_number": "H12345678", "issue_count": "01"}
    assert card.ethnicity == ""
    assert card.is_expired(dt.date(2024, 1, 3)) and not card.is_expired(dt.date(2024, 1, 2))


def test_foreigner_2017_fields():
    text = cardtext.encode_text(foreign2017_card())
    assert text[0:32].decode("utf-16-le").startswith("SMITH, JANE TEST")
    assert text[152:158].decode("utf-16-le") == "USA"
    card = cardtext.decode_text(text)
    assert card.name == "史密斯" and card.extra["english_name"] == "SMITH, JANE TEST"
    assert card.extra["authority_code"] == "1500" and card.birth_date == dt.date(1975, 6, 1)


def test_foreigner_without_chinese_name_falls_back_to_english():
    card = foreign2017_card()
    card.name = ""
    back = cardtext.decode_text(cardtext.encode_text(card))
    assert back.name == "SMITH, JANE TEST"
    assert cardtext.encode_text(back) == cardtext.encode_text(card)


def test_foreigner_2023_long_english_name_and_long_term_validity():
    card = cardtext.decode_text(cardtext.encode_text(foreign2023_card()))
    assert card.card_type is CardType.FOREIGN_2023
    assert card.extra["english_name"] == "MARTIN, PIERRE ALEXANDRE JEAN-BAPTISTE TEST"
    assert card.extra["nationality"] == "FRA" and card.valid_to is None
    assert not card.is_expired(dt.date(2099, 1, 1))
    assert card.validity_text() == "2023.12.01-长期"
    assert len(card.raw_text) == 256  # kept whole: nothing lost of a partly known layout


def test_ethnic_group_table():
    assert len(cardtext.ETHNIC_GROUPS) == 58
    assert cardtext.ETHNIC_GROUPS["01"] == "汉" and cardtext.ETHNIC_GROUPS["56"] == "基诺"
    assert cardtext.ETHNIC_GROUPS["05"] == "维吾尔" and cardtext.ETHNIC_GROUPS["97"] == "其他"
    card = resident_card(ethnicity="朝鲜")
    assert cardtext.encode_text(card)[32:36].decode("utf-16-le") == "10"
    assert cardtext.decode_text(cardtext.encode_text(card)).ethnicity == "朝鲜"


def test_sex_codes():
    for sex, code in (("男", "1"), ("女", "2"), ("未知", "0"), ("未说明", "9")):
        text = cardtext.encode_text(resident_card(sex=sex))
        assert text[30:32].decode("utf-16-le") == code
        assert cardtext.decode_text(text).sex == sex


def test_unknown_type_and_unreadable_validity_are_named_errors():
    text = bytearray(cardtext.encode_text(resident_card()))
    text[248:250] = "Q".encode("utf-16-le")
    with pytest.raises(cardtext.CardTextError):
        cardtext.decode_text(bytes(text))
    text = bytearray(cardtext.encode_text(resident_card()))
    text[204:220] = "2035XX01".encode("utf-16-le")
    with pytest.raises(cardtext.CardTextError) as info:
        cardtext.decode_text(bytes(text))
    assert "有效期" in str(info.value)
    with pytest.raises(ProtocolError):
        cardtext.decode_text(b"\x20\x00" * 100)


def test_field_too_long_for_the_layout_is_refused():
    with pytest.raises(ValueError):
        cardtext.encode_text(resident_card(name="很" * 16))


def test_expiry_and_masked_repr():
    card = resident_card()
    assert not card.is_expired(dt.date(2035, 1, 1)) and card.is_expired(dt.date(2035, 1, 2))
    shown = repr(card) + str(card) + str(card.masked_dict())
    assert card.name not in shown and card.id_number not in shown
    assert card.address not in shown
    assert "张*三" in shown and "350102********" + card.id_number[-4:] in shown
    assert mask_name("张三") == "张*" and mask_id("110101199003071233") == "110101********1233"
    assert "not decoded" in card.photo_text() or card.photo_text() == "no photo"


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=256, max_size=256))
def test_fuzz_random_text_decodes_or_raises_the_named_error(data):
    try:
        card = cardtext.decode_text(data)
    except cardtext.CardTextError:
        return
    assert isinstance(card.card_type, CardType)


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=256, max_size=256), st.sampled_from(" JIY"),
       st.sampled_from(["长期", "20300101", "", "2030133"]))
def test_fuzz_random_text_of_each_type(data, type_char, valid_to):
    text = bytearray(data)
    text[248:250] = type_char.encode("utf-16-le")
    text[204:220] = valid_to.ljust(8).encode("utf-16-le")
    try:
        card = cardtext.decode_text(bytes(text))
    except cardtext.CardTextError:
        assert valid_to not in ("长期", "20300101")
        return
    assert card.card_type is cardtext.TYPE_CHARS[type_char]
    assert card.valid_to is None if valid_to == "长期" else card.valid_to == dt.date(2030, 1, 1)

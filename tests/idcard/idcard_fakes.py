"""Fake cards for the ID card reader tests: identities that pass the real checksums."""

from __future__ import annotations

import datetime as dt

from shared.devices.idcard.model import CardType, IdCardData

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def ric(region: str, birth: dt.date, seq: int) -> str:
    """A fake 18-character resident ID number with a valid check character."""
    first17 = "{}{:%Y%m%d}{:03d}".format(region, birth, seq)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def resident_card(**over) -> IdCardData:
    fields = dict(card_type=CardType.RESIDENT, name="张小三", sex="男",
                  id_number=ric("350102", dt.date(1990, 3, 7), 123), ethnicity="汉",
                  birth_date=dt.date(1990, 3, 7), address="福建省福州市鼓楼区测试路1号",
                  authority="福州市公安局鼓楼分局", valid_from=dt.date(2015, 1, 1),
                  valid_to=dt.date(2035, 1, 1))
    fields.update(over)
    return IdCardData(**fields)


def hmt_card() -> IdCardData:
    return IdCardData(card_type=CardType.HMT_PERMIT, name="陈大文", sex="男",
                      id_number=ric("810000", dt.date(1985, 6, 1), 31),
                      birth_date=dt.date(1985, 6, 1), address="广东省深圳市福田区测试大道8号",
                      authority="深圳市公安局", valid_from=dt.date(2019, 1, 2),
                      valid_to=dt.date(2024, 1, 2),
                      extra={"pass_number": "H12345678", "issue_count": "01"})


def foreign2017_card() -> IdCardData:
    return IdCardData(card_type=CardType.FOREIGN_2017, name="史密斯", sex="女",
                      id_number="USA310075060101", birth_date=dt.date(1975, 6, 1),
                      valid_from=dt.date(2017, 7, 1), valid_to=dt.date(2027, 7, 1),
                      extra={"english_name": "SMITH, JANE TEST", "nationality": "USA",
                             "card_version": "02", "authority_code": "1500"})


def foreign2023_card() -> IdCardData:
    return IdCardData(card_type=CardType.FOREIGN_2023, name="马丁", sex="男",
                      id_number="931586197502013452", birth_date=dt.date(1975, 2, 1),
                      valid_from=dt.date(2023, 12, 1), valid_to=None,
                      extra={"english_name": "MARTIN, PIERRE ALEXANDRE JEAN-BAPTISTE TEST",
                             "nationality": "FRA", "renewal_count": "00",
                             "previous_number_link": "075"})


ALL_CARDS = {"resident": resident_card, "hmt": hmt_card, "foreign2017": foreign2017_card,
             "foreign2023": foreign2023_card}

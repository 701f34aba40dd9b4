"""Fake identities for the simulated card reader, tests and demos: checksum-valid, never a real person's.

Names come from common characters combined at random; numbers pass the real checksums. The
check characters are computed here from the standards (GB 11643, GB 11714, GB 32100), not with
the domain's validators: the simulated devices stay below the domain, and the validators' tests
get numbers made by an independent implementation.
"""

from __future__ import annotations

import datetime as _dt
import random
from dataclasses import dataclass

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
            "姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志文斌宇浩凯晨雪琳思源博文欣怡子涵雨桐"
REGIONS = ("110101", "110105", "310104", "320106", "330106", "350102", "370102", "440305", "510107", "610113")
STREETS = ("人民路", "解放路", "中山路", "建设路", "和平街", "长安街", "五一路", "滨江路", "学府路", "光明街")
BANKS = ("中国工商银行股份有限公司", "中国建设银行股份有限公司", "中国农业银行股份有限公司", "兴业银行股份有限公司")
BRANCHES = ("福州分行", "鼓楼支行", "高新区支行", "城东支行")


def ric_check_char(first17: str) -> str:
    """GB 11643 check character: ISO 7064 MOD 11-2 over the 17 digits."""
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(first17))
    return "10X98765432"[total % 11]


def org_check_char(first8: str) -> str:
    """GB 11714 organisation code check character of 8 digits / capital letters."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(first8, (3, 7, 9, 10, 5, 8, 4, 2)))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def uscc_check_char(first17: str) -> str:
    """GB 32100 check character: weights 3^i mod 31 over the 17 characters."""
    total = sum(USCC_ALPHABET.index(c) * (3 ** i % 31) for i, c in enumerate(first17))
    return USCC_ALPHABET[(31 - total % 31) % 31]


@dataclass
class FakePerson:
    """A generated natural person."""

    name: str
    id_number: str
    birth: _dt.date
    sex: str
    phone: str
    address: str


@dataclass
class FakeOrg:
    """A generated organisation (a bank branch by default)."""

    name: str
    credit_code: str
    address: str
    phone: str


class FakeFactory:
    """Seeded generator of fake, checksum-valid data."""

    def __init__(self, seed: int | None = None) -> None:
        self.rng = random.Random(seed)

    def resident_id(self, birth: _dt.date | None = None, male: bool | None = None,
                    region: str | None = None) -> str:
        """An 18-character resident ID number that passes GB 11643."""
        rng = self.rng
        birth = birth or _dt.date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28))
        male = rng.random() < 0.5 if male is None else male
        seq = rng.randrange(0, 999)
        if (seq % 2 == 1) != male:
            seq = (seq + 1) % 1000
        first17 = "{}{:%Y%m%d}{:03d}".format(region or rng.choice(REGIONS), birth, seq)
        return first17 + ric_check_char(first17)

    def credit_code(self, authority: str = "9", category: str = "1") -> str:
        """An 18-character unified social credit code that passes GB 32100 (and GB 11714)."""
        rng = self.rng
        region = rng.choice(REGIONS)
        body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
        first17 = authority + category + region + body + org_check_char(body)
        if any(c not in USCC_ALPHABET for c in first17):  # org check may be X: in alphabet
            return self.credit_code(authority, category)
        return first17 + uscc_check_char(first17)

    def unit_number(self, region: str | None = None) -> str:
        """A 28-character real-estate unit number of a flat (F + building + room)."""
        rng = self.rng
        return "{}{:03d}{:03d}GB{:05d}F{:04d}{:04d}".format(
            region or rng.choice(REGIONS), rng.randint(1, 20), rng.randint(1, 30),
            rng.randint(1, 9999), rng.randint(1, 40), rng.randint(101, 3208))

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(
            self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))

    def phone(self) -> str:
        return "1" + self.rng.choice("3456789") + "".join(self.rng.choice("0123456789") for _ in range(9))

    def address(self) -> str:
        return "福州市鼓楼区{}{}号{}栋{}室".format(self.rng.choice(STREETS), self.rng.randint(1, 300),
                                           self.rng.randint(1, 30), self.rng.randint(101, 2808))

    def person(self) -> FakePerson:
        birth = _dt.date(self.rng.randint(1950, 2004), self.rng.randint(1, 12), self.rng.randint(1, 28))
        male = self.rng.random() < 0.5
        return FakePerson(self.name(), self.resident_id(birth, male), birth, "男" if male else "女",
                          self.phone(), self.address())

    def bank(self) -> FakeOrg:
        return FakeOrg(self.rng.choice(BANKS) + self.rng.choice(BRANCHES), self.credit_code(),
                       self.address(), "0591-8" + "".join(self.rng.choice("0123456789") for _ in range(6)))

    def certificate_number(self) -> str:
        return "闽({})福州市不动产权第{:07d}号".format(self.rng.randint(2016, 2025), self.rng.randint(1, 9999999))

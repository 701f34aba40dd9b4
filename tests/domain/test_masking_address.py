"""An address on screen keeps its district and hides the street, door and room."""

import pytest

from shared.security.masking import mask_address


@pytest.mark.parametrize("address, shown", [
    ("福州市鼓楼区五一路88号3单元502室", "福州市鼓楼区****"),
    ("福建省福州市鼓楼区五一路88号", "福建省福州市鼓楼区****"),
    ("五一路88号", "五一****"),
    ("", ""),
    (None, ""),
])
def test_mask_address(address, shown):
    assert mask_address(address) == shown


def test_fake_addresses_lose_their_door_number(fake):
    for _ in range(20):
        address = fake.person().address
        masked = mask_address(address)
        assert masked.endswith("****") and not any(c.isdigit() for c in masked)

"""The real serial driver against the emulator over a pty: every card type, every fault."""

from __future__ import annotations

import threading

import pytest
from idcard_fakes import ALL_CARDS, foreign2023_card, resident_card

from shared.devices.idcard import protocol as p
from shared.devices.idcard.cardtext import encode_text
from shared.devices.idcard.emulator import IdCardEmulator
from shared.devices.idcard.reader import CardRemovedError, ReaderTimeout, wait_for_card
from shared.devices.idcard.serial_driver import SerialIdCardReader
from shared.errors import DeviceError


@pytest.mark.parametrize("kind", sorted(ALL_CARDS))
def test_read_every_card_type(emulator, reader, kind):
    card = ALL_CARDS[kind]()
    emulator.present(card)
    got = reader.read_card(timeout=1)
    assert got.card_type is card.card_type
    assert (got.name, got.id_number, got.valid_to, got.extra) == \
        (card.name, card.id_number, card.valid_to, card.extra)
    assert len(got.photo_wlt) == 1024 and got.photo_bgr is None and got.fingerprint is None
    assert emulator.requests[-3:] == ["find", "select", "read"]


def test_raw_text_cards_and_sam_id(emulator, reader):
    emulator.present(encode_text(foreign2023_card()))
    assert reader.read_card(timeout=1).extra["nationality"] == "FRA"
    assert reader.sam_id() == "05.01-20096882-0000001234-0000005678"
    reader.sam_status()


def test_card_is_reported_once_until_put_back(emulator, reader):
    emulator.present(resident_card())
    reader.read_card(timeout=1)
    with pytest.raises(p.NoCardError) as info:
        reader.read_card(timeout=0.2)
    assert "拿起" in str(info.value)
    emulator.present(resident_card())
    assert reader.read_card(timeout=1).name == "张小三"


def test_queued_cards_are_read_in_turn():
    cards = [resident_card(), ALL_CARDS["hmt"]()]
    with IdCardEmulator(cards) as emu, SerialIdCardReader(emu.path, poll_interval=0.05) as r:
        assert [r.read_card(1).card_type.value, r.read_card(1).card_type.value] == \
            ["resident", "hmt_permit"]


def test_fingerprint_read():
    card = resident_card(fingerprint=b"\x42" * 512)
    with IdCardEmulator([card]) as emu, \
            SerialIdCardReader(emu.path, read_fingerprint=True) as r:
        got = r.read_card(1)
    assert got.fingerprint == b"\x42" * 512 and emu.requests[-1] == "read_fp"


@pytest.mark.parametrize("command, sw3, name", [
    ("find", 0x80, "find_failed"), ("select", 0x81, "select_failed"),
    ("read", 0x41, "read_failed"), ("read", 0x32, "sam_auth_card_failed"),
    ("find", 0x60, "sam_selftest_failed"),
])
def test_status_errors_are_named(emulator, reader, command, sw3, name):
    emulator.present(resident_card())
    emulator.add_fault("status", command, sw3=sw3)
    with pytest.raises(p.StatusError) as info:
        reader.read_card(timeout=0.3)
    assert info.value.status == sw3 and info.value.code == "idcard.status." + name


def test_sam_not_authorised(emulator, reader):
    emulator.add_fault("status", "sam_id", sw3=0x66)
    with pytest.raises(p.StatusError, match="未授权"):
        reader.sam_id()


def test_garbage_before_every_frame_is_skipped(emulator, reader):
    emulator.add_fault("garbage")
    emulator.present(resident_card())
    assert reader.read_card(timeout=1).name == "张小三"
    assert reader.sam_id().startswith("05.01")


def test_slow_byte_by_byte_replies(emulator, reader):
    emulator.add_fault("slow", "find", byte_delay=0.002)
    emulator.add_fault("slow", "select", byte_delay=0.002)
    emulator.add_fault("slow", "read", byte_delay=0.0001)
    emulator.present(resident_card())
    assert reader.read_card(timeout=1).name == "张小三"


def test_bad_checksum_reply(emulator, reader):
    emulator.add_fault("bad_checksum", "read", times=1)
    emulator.present(resident_card())
    with pytest.raises(p.ProtocolError) as info:
        reader.read_card(timeout=1)
    assert info.value.code == "idcard.protocol.checksum"
    emulator.present(resident_card())  # a retry after putting the card back works
    assert reader.read_card(timeout=1).name == "张小三"


def test_card_lifted_mid_read(emulator, reader):
    emulator.add_fault("truncate", "read", truncate_at=700, times=1)
    emulator.present(resident_card())
    with pytest.raises(CardRemovedError, match="移开"):
        reader.read_card(timeout=1)


def test_truncated_small_reply_is_a_protocol_error(emulator, reader):
    emulator.add_fault("truncate", "sam_id", truncate_at=9)
    with pytest.raises(p.ProtocolError) as info:
        reader.sam_id()
    assert info.value.code == "idcard.protocol.truncated"


def test_no_reply_times_out(emulator, reader):
    emulator.add_fault("silent")
    with pytest.raises(ReaderTimeout, match="无应答"):
        reader.sam_status()
    emulator.clear_faults()
    reader.sam_status()  # and the driver recovers


def test_garbage_only_reply(emulator, reader):
    emulator.add_fault("truncate", "sam_status", truncate_at=0)
    emulator.add_fault("garbage", "sam_status", garbage=b"\x01\x02\x03 noise")
    with pytest.raises(p.ProtocolError, match="无法识别"):
        reader.sam_status()


def test_unopened_and_missing_ports(tmp_path):
    r = SerialIdCardReader(str(tmp_path / "no-such-tty"))
    with pytest.raises(DeviceError, match="未打开|尚未打开"):
        r.sam_id()
    with pytest.raises(DeviceError) as info:
        r.open()
    assert info.value.code == "idcard.open"


def test_wait_for_card_retries_transient_errors(emulator, reader):
    emulator.add_fault("status", "read", sw3=0x41, times=1)
    emulator.present(resident_card())
    retries = []

    def put_back(err):
        retries.append(err.code)
        if len(retries) == 1:  # faults of one command apply together: add the next one now
            emulator.add_fault("truncate", "read", times=1)
        emulator.present(resident_card())
    card = wait_for_card(reader, timeout=5, attempt=0.3, on_retry=put_back)
    assert card is not None and card.name == "张小三"
    assert retries == ["idcard.status.read_failed", "idcard.removed"]


def test_wait_for_card_stops_and_times_out(emulator, reader):
    stop = threading.Event()
    stop.set()
    assert wait_for_card(reader, stop=stop) is None
    assert wait_for_card(reader, timeout=0.3, attempt=0.1) is None
    emulator.add_fault("status", "find", sw3=0x60)
    with pytest.raises(p.StatusError):  # a broken SAM is not retried
        wait_for_card(reader, timeout=2)


def test_emulator_answers_bad_requests_like_a_reader(emulator, reader):
    reply_bad_checksum = p.build_response(0x10)
    frame = bytearray(p.build_request(p.SAM_STATUS))
    frame[-1] ^= 0xFF
    reader._serial.write(bytes(frame))
    assert reader._read_reply(p.SAM_STATUS, 1.0) == p.parse_response(reply_bad_checksum)
    with pytest.raises(p.StatusError) as info:
        reader.transact((0x55, 0x01)).raise_for_status()
    assert info.value.status_name == "bad_command"

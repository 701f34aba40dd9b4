"""Frames, checksums, status codes and the stream scanner of the GA/T 467 protocol."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.devices.idcard import protocol as p
from shared.errors import DeviceError


def h(text: str) -> bytes:
    return bytes.fromhex(text)


@pytest.mark.parametrize("command, frame", [
    (p.SAM_STATUS, "AA AA AA 96 69 00 03 11 FF ED"),
    (p.SAM_ID, "AA AA AA 96 69 00 03 12 FF EE"),
    (p.FIND_CARD, "AA AA AA 96 69 00 03 20 01 22"),
    (p.SELECT_CARD, "AA AA AA 96 69 00 03 20 02 21"),
    (p.READ_TEXT_PHOTO, "AA AA AA 96 69 00 03 30 01 32"),
    (p.READ_TEXT_PHOTO_FP, "AA AA AA 96 69 00 03 30 10 23"),
])
def test_request_frames_match_the_spec(command, frame):
    assert p.build_request(command) == h(frame)
    assert p.parse_request(h(frame)) == (command, b"")


def test_find_reply_of_the_spec():
    frame = h("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97")
    assert p.build_response(0x9F, b"\0" * 4) == frame
    reply = p.parse_response(frame)
    assert (reply.sw1, reply.sw2, reply.sw3, reply.data) == (0, 0, 0x9F, b"\0" * 4)
    assert reply.raise_for_status(p.SW_FOUND) is reply


def test_select_and_read_reply_layout():
    select = p.build_response(0x90, bytes(8))
    assert select[:10] == h("AA AA AA 96 69 00 0C 00 00 90") and len(select) == 19
    text, photo = bytes(range(256)), bytes(1024)
    read = p.build_response(0x90, p.build_read_data(text, photo))
    assert len(read) == 1295 and read[5:7] == h("0508")
    assert read[10:14] == h("01000400") and read[14:270] == text
    payload = p.parse_read_data(p.parse_response(read).data)
    assert payload.text == text and payload.photo == photo and payload.fingerprint == b""


def test_read_reply_with_fingerprint():
    text, photo, fp = bytes(256), bytes(1024), b"\x07" * 512
    data = p.build_read_data(text, photo, fp)
    assert data[4:6] == h("0200") and data[6:6 + 256] == text  # text at frame byte 16
    payload = p.parse_read_data(data, with_fingerprint=True)
    assert payload.fingerprint == fp and payload.photo == photo


def test_checksum_is_xor_from_len_to_last_data_byte():
    frame = p.build_response(0x90, b"\x12\x34")
    assert frame[-1] == p.checksum(frame[5:-1]) == 0x00 ^ 0x06 ^ 0x90 ^ 0x12 ^ 0x34


@pytest.mark.parametrize("bad", [
    b"", b"\xAA" * 20, h("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 98"),  # checksum
    h("AA AA AA 96 69 00 09 00 00 9F 00 00 00 00 97"),  # length
    h("AA AA AA 96 68 00 08 00 00 9F 00 00 00 00 97"),  # header
    h("AA AA AA 96 69 00 02 00 02"),  # too short for SW1-3
])
def test_malformed_frames_raise_protocol_error(bad):
    with pytest.raises(p.ProtocolError) as info:
        p.parse_response(bad)
    assert isinstance(info.value, DeviceError) and info.value.code.startswith("idcard.protocol")


@pytest.mark.parametrize("sw3, name, cls", [
    (0x80, "find_failed", p.NoCardError), (0x81, "select_failed", p.StatusError),
    (0x41, "read_failed", p.StatusError), (0x60, "sam_selftest_failed", p.StatusError),
    (0x66, "sam_not_authorised", p.StatusError), (0x10, "checksum_error", p.StatusError),
])
def test_status_codes_map_to_named_chinese_errors(sw3, name, cls):
    reply = p.parse_response(p.build_response(sw3))
    with pytest.raises(cls) as info:
        reply.raise_for_status()
    err = info.value
    assert err.status == sw3 and err.status_name == name
    assert err.code == "idcard.status." + name
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(err))


def test_every_status_has_a_message_and_unknown_codes_are_reported():
    for sw3, (name, text) in p.STATUS.items():
        assert name and text and p.status_message(sw3).code.endswith(name)
    err = p.status_error(0x77)
    assert err.status_name == "unknown_status" and "77" in str(err)


def test_a_success_code_other_than_the_expected_one_is_an_error():
    with pytest.raises(p.StatusError):
        p.parse_response(p.build_response(0x90)).raise_for_status(p.SW_FOUND)


def test_scanner_resyncs_after_garbage_split_headers_and_bad_frames():
    good = p.build_response(0x90, b"ABC")
    corrupt = good[:-1] + b"\x00"
    bogus_len = p.HEADER + b"\xff\xff\x00"
    stream = b"\x00\x13\xAA\xAA" + corrupt + bogus_len + b"\xAA\xAA\x96" + good + good
    scanner = p.FrameScanner()
    frames = []
    for i in range(0, len(stream), 3):  # arrive in small chunks, headers split across them
        scanner.feed(stream[i:i + 3])
        while (frame := scanner.next_frame()) is not None:
            frames.append(frame)
    assert frames == [good, good]
    assert isinstance(scanner.last_error, p.ProtocolError)


def test_scanner_reports_a_partial_frame():
    scanner = p.FrameScanner()
    scanner.feed(p.build_response(0x90, bytes(100))[:50])
    assert scanner.next_frame() is None and scanner.in_frame


def test_sam_id_format():
    data = h("0500010072A73201D20400002E160000")
    assert p.format_sam_id(data) == "05.01-20096882-0000001234-0000005678"
    with pytest.raises(p.ProtocolError):
        p.format_sam_id(b"\x01")


def _parse_everything(data: bytes) -> None:
    reply = p.parse_response(data)
    p.parse_read_data(reply.data)
    p.parse_read_data(reply.data, with_fingerprint=True)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_random_bytes_raise_only_protocol_error(data):
    try:
        _parse_everything(data)
    except p.ProtocolError:
        pass
    try:
        _parse_everything(p.HEADER + data)
    except p.ProtocolError:
        pass
    scanner = p.FrameScanner()
    scanner.feed(data)
    while (frame := scanner.next_frame()) is not None:  # only checksum-valid frames come out
        assert p.parse_response(frame) is not None


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255), st.binary(max_size=2300))
def test_fuzz_valid_frames_round_trip(sw1, sw2, sw3, data):
    frame = p.build_response(sw3, data, sw1=sw1, sw2=sw2)
    reply = p.parse_response(frame)
    assert (reply.sw1, reply.sw2, reply.sw3, reply.data) == (sw1, sw2, sw3, data)
    scanner = p.FrameScanner()
    scanner.feed(b"\x96\x69" + frame[:7])
    assert scanner.next_frame() is None
    scanner.feed(frame[7:])
    assert scanner.next_frame() == frame


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=60), st.integers(0, 14), st.integers(1, 255))
def test_fuzz_mutated_frames_never_crash(data, position, flip):
    frame = bytearray(p.build_response(0x90, data))
    frame[min(position, len(frame) - 1)] ^= flip
    try:
        reply = p.parse_response(bytes(frame))
    except p.ProtocolError:
        return
    assert reply.sw3 in range(256)

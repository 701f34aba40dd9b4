"""The GA/T 467 frame protocol of second-generation ID card readers (no I/O here).

Request:  ``AA AA AA 96 69 | LEN_hi LEN_lo | CMD PARA [DATA] | CHK``
Response: ``AA AA AA 96 69 | LEN_hi LEN_lo | SW1 SW2 SW3 | DATA | CHK``

LEN counts every byte after the LEN field (CHK included); CHK is the XOR of LEN_hi through
the last data byte. Every malformed input raises :class:`ProtocolError` and nothing else, so
callers (and the fuzz bench) can rely on one named error.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.errors import DeviceError
from shared.i18n import Msg, N_

HEADER = b"\xAA\xAA\xAA\x96\x69"
# Largest LEN a reader sends: text + photo + 1024-byte fingerprint is 0x090A. Anything much
# larger is garbage that happened to follow a header, and must not make us wait for it.
MAX_LEN = 0x0A00
MIN_RESPONSE_LEN = 4  # SW1 SW2 SW3 CHK

# (CMD, PARA) of the commands in the spec.
SAM_STATUS = (0x11, 0xFF)
SAM_ID = (0x12, 0xFF)
FIND_CARD = (0x20, 0x01)
SELECT_CARD = (0x20, 0x02)
READ_TEXT_PHOTO = (0x30, 0x01)
READ_TEXT_PHOTO_FP = (0x30, 0x10)

COMMAND_NAMES = {SAM_STATUS: "sam_status", SAM_ID: "sam_id", FIND_CARD: "find",
                 SELECT_CARD: "select", READ_TEXT_PHOTO: "read", READ_TEXT_PHOTO_FP: "read_fp"}

SW_OK = 0x90
SW_FOUND = 0x9F
SW_NO_CONTENT = 0x91
SW_FIND_FAILED = 0x80

# SW3 -> (name, Chinese message saying what is wrong and what to do)
STATUS = {
    0x90: ("ok", N_("操作成功")),
    0x9F: ("card_found", N_("已找到证件")),
    0x91: ("no_content", N_("证件中没有该项内容，请确认证件类型后重试")),
    0x10: ("checksum_error", N_("读卡器报告校验和错误，请重试；反复出现请检查连接线")),
    0x11: ("length_error", N_("读卡器报告长度错误，请重试；反复出现请检查连接线")),
    0x21: ("bad_command", N_("读卡器不支持该命令，请确认读卡器型号或更新驱动")),
    0x23: ("not_permitted", N_("读卡器拒绝越权操作，请重新插拔读卡器后重试")),
    0x24: ("unknown_error", N_("读卡器发生未知错误，请重新插拔读卡器后重试")),
    0x31: ("card_auth_sam_failed", N_("证件认证读卡器安全模块失败，请把身份证放稳后重试")),
    0x32: ("sam_auth_card_failed", N_("读卡器无法认证该证件，证件可能损坏，请人工核验证件")),
    0x33: ("verify_error", N_("证件信息验证错误，请拿起身份证重新放置后重试")),
    0x40: ("unknown_card_type", N_("无法识别的证件类型，请放置居民身份证、居住证或永久居留身份证")),
    0x41: ("read_failed", N_("读卡失败，请把身份证放稳后重试")),
    0x47: ("random_failed", N_("读卡器取随机数失败，请拿起身份证重新放置后重试")),
    0x60: ("sam_selftest_failed", N_("读卡器安全模块自检失败，请联系维护人员更换读卡器")),
    0x66: ("sam_not_authorised", N_("读卡器安全模块未授权，请联系读卡器厂商")),
    0x80: ("find_failed", N_("未找到证件，请把身份证放在读卡区；已读过的证件需拿起后重新放置")),
    0x81: ("select_failed", N_("选卡失败，请拿起身份证重新放置后重试")),
}


class ProtocolError(DeviceError):
    """A malformed frame: bad header, length, checksum or truncated data."""

    default_code = "idcard.protocol"


class StatusError(DeviceError):
    """The reader answered with an error status (SW3); ``status`` and ``status_name`` say which."""

    default_code = "idcard.status"

    def __init__(self, status: int, msg: Msg | None = None) -> None:
        self.status = status
        self.status_name = STATUS.get(status, ("unknown_status", ""))[0]
        if msg is None:
            msg = status_message(status)
        super().__init__(msg)


class NoCardError(StatusError):
    """No (new) card on the reader: SW3 80. Normal while waiting for a card."""


def status_message(status: int) -> Msg:
    """The Chinese message for an SW3 value (unknown values get a generic one)."""
    if status in STATUS:
        name, text = STATUS[status]
        return Msg("idcard.status." + name, text, {})
    return Msg("idcard.status.unknown_status", "读卡器返回未知状态 {code}，请重试；反复出现请联系维护人员",
               {"code": "{:02X}".format(status & 0xFF)})


def status_error(status: int) -> StatusError:
    """The named error for a failing SW3 status."""
    return NoCardError(status) if status == SW_FIND_FAILED else StatusError(status)


def _perr(code: str, text: str, **params: object) -> ProtocolError:
    return ProtocolError(Msg("idcard.protocol." + code, text, params))


def checksum(data: bytes) -> int:
    """XOR of all bytes of ``data``."""
    value = 0
    for b in data:
        value ^= b
    return value


def _frame(body: bytes) -> bytes:
    if len(body) + 1 > 0xFFFF:
        raise _perr("too_long", N_("数据过长，无法组成读卡器命令帧"))
    length = (len(body) + 1).to_bytes(2, "big")
    return HEADER + length + body + bytes([checksum(length + body)])


def build_request(command: tuple[int, int], data: bytes = b"") -> bytes:
    """A request frame for ``command`` = (CMD, PARA)."""
    cmd, para = command
    return _frame(bytes([cmd, para]) + bytes(data))


def build_response(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """A response frame (used by the emulator and the tests)."""
    return _frame(bytes([sw1, sw2, sw3]) + bytes(data))


@dataclass(frozen=True)
class Response:
    """A parsed response frame."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @property
    def ok(self) -> bool:
        return self.sw3 in (SW_OK, SW_FOUND)

    def raise_for_status(self, expected: int = SW_OK) -> "Response":
        """Return self if SW3 is ``expected``, else raise the named :class:`StatusError`."""
        if self.sw3 != expected:
            if self.sw3 in (SW_OK, SW_FOUND):  # a success code, but not the one asked for
                raise StatusError(0x24)
            raise status_error(self.sw3)
        return self


def _body(frame: bytes, minimum: int) -> bytes:
    """Check header, LEN and CHK of one complete frame; return the bytes between LEN and CHK."""
    if not isinstance(frame, (bytes, bytearray, memoryview)):
        raise _perr("type", N_("读卡器数据类型错误，请重试"))
    frame = bytes(frame)
    if len(frame) < 8 or frame[:5] != HEADER:
        raise _perr("header", N_("读卡器应答帧头错误，请重试；反复出现请检查连接线"))
    length = int.from_bytes(frame[5:7], "big")
    if length < minimum or length > MAX_LEN or len(frame) != 7 + length:
        raise _perr("length", N_("读卡器应答长度错误，请重试；反复出现请检查连接线"))
    if checksum(frame[5:-1]) != frame[-1]:
        raise _perr("checksum", N_("读卡器应答校验错误，请重新读卡；反复出现请检查连接线"))
    return frame[7:-1]


def parse_response(frame: bytes) -> Response:
    """Parse one complete response frame; raise :class:`ProtocolError` if malformed."""
    body = _body(frame, MIN_RESPONSE_LEN)
    return Response(body[0], body[1], body[2], body[3:])


def parse_request(frame: bytes) -> tuple[tuple[int, int], bytes]:
    """Parse one complete request frame into ((CMD, PARA), DATA)."""
    body = _body(frame, 3)
    return (body[0], body[1]), body[2:]


@dataclass(frozen=True)
class ReadPayload:
    """The data of a read reply: the 256-byte text, the WLT photo, the fingerprint (or b"")."""

    text: bytes
    photo: bytes
    fingerprint: bytes


def parse_read_data(data: bytes, with_fingerprint: bool = False) -> ReadPayload:
    """Split the data of a read reply (after SW1-3) into text, photo and fingerprint."""
    head = 6 if with_fingerprint else 4
    if len(data) < head:
        raise _perr("read_short", N_("读卡数据不完整，请把身份证放稳后重新读卡"))
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    fp_len = int.from_bytes(data[4:6], "big") if with_fingerprint else 0
    if text_len != 256 or photo_len > 1024 or fp_len > 1024:
        raise _perr("read_layout", N_("读卡数据格式错误，请重新读卡"))
    if len(data) != head + text_len + photo_len + fp_len:
        raise _perr("read_short", N_("读卡数据不完整，请把身份证放稳后重新读卡"))
    text = data[head:head + text_len]
    photo = data[head + text_len:head + text_len + photo_len]
    return ReadPayload(bytes(text), bytes(photo), bytes(data[head + text_len + photo_len:]))


def build_read_data(text: bytes, photo: bytes, fingerprint: bytes | None = None) -> bytes:
    """The data of a read reply (inverse of :func:`parse_read_data`)."""
    out = len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big")
    if fingerprint is not None:
        out += len(fingerprint).to_bytes(2, "big")
    return out + bytes(text) + bytes(photo) + bytes(fingerprint or b"")


def format_sam_id(data: bytes) -> str:
    """The printed form of the 16-byte SAM id: ``05.01-20101010-0001234567-1234567890``."""
    if len(data) < 16:
        raise _perr("sam_id", N_("读卡器安全模块编号格式错误，请重试"))
    a = int.from_bytes(data[0:2], "little")
    b = int.from_bytes(data[2:4], "little")
    c = int.from_bytes(data[4:8], "little")
    d = int.from_bytes(data[8:12], "little")
    e = int.from_bytes(data[12:16], "little")
    return "{:02d}.{:02d}-{:08d}-{:010d}-{:010d}".format(a, b, c, d, e)


class FrameScanner:
    """Incremental extraction of frames from a byte stream, resynchronising on garbage.

    Bytes before a header are dropped; a frame with an impossible length or a bad checksum is
    skipped (one byte past its header) and remembered in ``last_error``, so a real frame that
    follows noise is still found.
    """

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.last_error: ProtocolError | None = None

    def feed(self, data: bytes) -> None:
        """Append received bytes."""
        self.buffer += data

    @property
    def in_frame(self) -> bool:
        """True when a header has been seen but its frame is not complete yet."""
        return self.buffer[:5] == HEADER

    def next_frame(self) -> bytes | None:
        """The next complete, checksum-valid frame, or None if more bytes are needed."""
        buf = self.buffer
        while True:
            start = buf.find(HEADER)
            if start < 0:
                # keep a tail that could be the start of a header split across reads
                keep = next((k for k in range(4, 0, -1) if buf.endswith(HEADER[:k])), 0)
                del buf[:len(buf) - keep]
                return None
            del buf[:start]
            if len(buf) < 7:
                return None
            length = int.from_bytes(buf[5:7], "big")
            if length < 3 or length > MAX_LEN:
                self.last_error = _perr("length", N_("读卡器应答长度错误，请重试；反复出现请检查连接线"))
                del buf[:1]
                continue
            if len(buf) < 7 + length:
                return None
            frame = bytes(buf[:7 + length])
            if checksum(frame[5:-1]) != frame[-1]:
                self.last_error = _perr("checksum", N_("读卡器应答校验错误，请重新读卡；反复出现请检查连接线"))
                del buf[:1]
                continue
            del buf[:7 + length]
            return frame

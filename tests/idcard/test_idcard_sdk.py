"""The vendor-SDK driver against a fake sdtapi + WLT library compiled with gcc."""

from __future__ import annotations

import ctypes
import shutil
import subprocess

import pytest
from idcard_fakes import foreign2017_card, resident_card

from shared.devices.idcard import protocol as p
from shared.devices.idcard.cardtext import encode_text
from shared.devices.idcard.factory import make_reader
from shared.devices.idcard.model import PHOTO_BGR_SIZE
from shared.devices.idcard.reader import ReaderTimeout
from shared.devices.idcard.vendor_sdk import VendorSdkReader, _to_bgr
from shared.errors import DeviceError

FAKE_SDT = r"""
#include <string.h>
#include <unistd.h>
static unsigned char text[256], photo[1024];
static int opened, misses, find_status = 0x9F, read_status = 0x90, hang;
static char calls[4096];
static void logc(const char *s) { strncat(calls, s, sizeof calls - strlen(calls) - 2); strcat(calls, ";"); }
void fake_reset(void) { calls[0] = 0; misses = 0; find_status = 0x9F; read_status = 0x90; hang = 0; }
void fake_set_card(const unsigned char *t, const unsigned char *ph) { memcpy(text, t, 256); memcpy(photo, ph, 1024); }
void fake_set(int m, int f, int r, int h) { misses = m; find_status = f; read_status = r; hang = h; }
const char *fake_calls(void) { return calls; }
int SDT_OpenPort(int port) { logc("open"); if (port != 1001) return 0x01; opened = 1; return 0x90; }
int SDT_ClosePort(int port) { logc("close"); opened = 0; return 0x90; }
int SDT_GetSAMIDToStr(int port, char *out, int ifopen) {
  logc("samid"); strcpy(out, "05.01-20101010-0001234567-1234567890"); return 0x90; }
int SDT_StartFindIDCard(int port, unsigned char *mana, int ifopen) {
  logc("find"); if (hang) usleep(1500000); if (!opened || ifopen) return 0x24;
  if (misses > 0) { misses--; return 0x80; } return find_status; }
int SDT_SelectIDCard(int port, unsigned char *mana, int ifopen) { logc("select"); return 0x90; }
int SDT_ReadBaseMsg(int port, unsigned char *t, unsigned int *tl, unsigned char *ph,
                    unsigned int *pl, int ifopen) {
  logc("read"); if (read_status != 0x90) return read_status;
  memcpy(t, text, 256); *tl = 256; memcpy(ph, photo, 1024); *pl = 1024; return 0x90; }
"""

FAKE_WLT = r"""
#include <string.h>
/* Writes a bottom-up 102x126 BMP; pixel of top-down row r = (B=r, G=wlt[0], R=save). */
int unpack(char *wlt, char *out, int save) {
  if ((unsigned char)wlt[0] == 0xEE) return 0;
  int w = 102, h = 126, stride = (w * 3 + 3) & ~3, size = 54 + stride * h;
  memset(out, 0, size); out[0] = 'B'; out[1] = 'M'; memcpy(out + 2, &size, 4);
  int off = 54, hdr = 40; short planes = 1, bpp = 24;
  memcpy(out + 10, &off, 4); memcpy(out + 14, &hdr, 4); memcpy(out + 18, &w, 4);
  memcpy(out + 22, &h, 4); memcpy(out + 26, &planes, 2); memcpy(out + 28, &bpp, 2);
  for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) {
    char *px = out + off + (h - 1 - r) * stride + c * 3; px[0] = r; px[1] = wlt[0]; px[2] = save; }
  return 1;
}
"""


@pytest.fixture(scope="module")
def libs(tmp_path_factory):
    gcc = shutil.which("gcc")
    assert gcc, "gcc is needed to build the fake vendor library"
    folder = tmp_path_factory.mktemp("sdk")
    paths = {}
    for name, source in (("sdt", FAKE_SDT), ("wlt", FAKE_WLT)):
        c_file, so_file = folder / (name + ".c"), folder / ("libfake" + name + ".so")
        c_file.write_text(source)
        subprocess.run([gcc, "-shared", "-fPIC", "-O1", "-o", str(so_file), str(c_file)],
                       check=True)
        paths[name] = str(so_file)
    return paths


@pytest.fixture
def sdt(libs):
    lib = ctypes.CDLL(libs["sdt"])  # the same handle the driver gets from dlopen
    lib.fake_calls.restype = ctypes.c_char_p
    lib.fake_reset()
    return lib


def put_card(sdt, card, photo=b"\x10" * 1024):
    sdt.fake_set_card(encode_text(card), photo)


def test_call_sequence_and_decoded_text(libs, sdt):
    put_card(sdt, resident_card())
    sdt.fake_set(2, 0x9F, 0x90, 0)  # two "no card" answers before the card is found
    with VendorSdkReader(libs["sdt"], poll_interval=0.01) as reader:
        assert reader.sam_id() == "05.01-20101010-0001234567-1234567890"
        card = reader.read_card(timeout=2)
    assert sdt.fake_calls().decode() == \
        "open;samid;find;find;find;select;read;close;"
    assert card.name == "张小三" and card.photo_wlt == b"\x10" * 1024
    assert card.photo_bgr is None and "not decoded" in card.photo_text()


def test_wlt_decoder_is_used_only_when_configured(libs, sdt):
    put_card(sdt, foreign2017_card(), photo=b"\x33" * 1024)
    reader = make_reader("sdk:{}?port=1001&wlt={}".format(libs["sdt"], libs["wlt"]))
    with reader:
        card = reader.read_card(timeout=1)
    assert card.photo_decoded and len(card.photo_bgr) == PHOTO_BGR_SIZE
    rows = [card.photo_bgr[r * 306:(r + 1) * 306] for r in (0, 1, 125)]
    assert rows[0][:3] == bytes([0, 0x33, 0]) and rows[1][:3] == bytes([1, 0x33, 0])
    assert rows[2][-3:] == bytes([125, 0x33, 0])  # top row first, bmpSave = 0
    assert card.photo_text().startswith("decoded 102x126")


def test_wlt_decoder_refusal_keeps_raw_only(libs, sdt):
    put_card(sdt, resident_card(), photo=b"\xEE" * 1024)
    with VendorSdkReader(libs["sdt"], wlt_lib=libs["wlt"]) as reader:
        card = reader.read_card(timeout=1)
    assert card.photo_bgr is None and card.photo_wlt == b"\xEE" * 1024


@pytest.mark.parametrize("find, read, cls, status", [
    (0x80, 0x90, p.NoCardError, 0x80), (0x9F, 0x41, p.StatusError, 0x41),
    (0x40, 0x90, p.StatusError, 0x40),
])
def test_sdk_status_errors(libs, sdt, find, read, cls, status):
    put_card(sdt, resident_card())
    sdt.fake_set(0, find, read, 0)
    with VendorSdkReader(libs["sdt"], poll_interval=0.01) as reader:
        with pytest.raises(cls) as info:
            reader.read_card(timeout=0.1)
    assert info.value.status == status


def test_open_failures(libs, tmp_path, sdt):
    with pytest.raises(DeviceError) as info:
        VendorSdkReader(libs["sdt"], port=7).open()
    assert info.value.code == "idcard.sdk.open"
    with pytest.raises(DeviceError) as info:
        VendorSdkReader(str(tmp_path / "missing.so")).open()
    assert info.value.code == "idcard.sdk.load"
    with pytest.raises(DeviceError):
        VendorSdkReader(libs["wlt"]).open()  # a library without the sdtapi functions


def test_a_hanging_library_does_not_hang_the_caller(libs, sdt):
    put_card(sdt, resident_card())
    sdt.fake_set(0, 0x9F, 0x90, 1)
    reader = VendorSdkReader(libs["sdt"], call_timeout=0.3)
    reader.open()
    with pytest.raises(ReaderTimeout):
        reader.read_card(timeout=1)
    with pytest.raises(DeviceError, match="尚未打开"):  # must be reopened after a hang
        reader.sam_id()


def test_raw_bgr_output_is_accepted():
    assert _to_bgr(b"\x05" * 40000) == b"\x05" * PHOTO_BGR_SIZE
    assert _to_bgr(b"BM" + bytes(60)) is None

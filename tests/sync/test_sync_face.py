"""The server's face comparison (authoritative), through the client's ServerComparer."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from skimage import data

from shared.capture.comparer import FaceComparer
from shared.domain import identity as idm
from shared.domain.identity import PendingComparer, run_comparison
from shared.sync.client import SyncClient
from shared.sync.face_compare import ServerComparer, WltPhoto, comparer_for


def jpeg(bgr) -> bytes:
    ok, buf = cv2.imencode(".jpg", bgr)
    assert ok
    return buf.tobytes()


@pytest.fixture(scope="module")
def astronaut():
    return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)


def live_capture(bgr):
    """Another picture of the same person: cropped, rescaled, brighter."""
    return jpeg(cv2.convertScaleAbs(cv2.resize(bgr[20:400, 80:460], (300, 300)), alpha=1.1, beta=10))


def other_person():
    """A different person: a face of scikit-image's LFW subset, enlarged with a margin."""
    face = cv2.resize((data.lfw_subset()[1] * 255).astype(np.uint8), (200, 200), interpolation=cv2.INTER_CUBIC)
    return cv2.cvtColor(cv2.copyMakeBorder(face, 60, 60, 60, 60, cv2.BORDER_REPLICATE), cv2.COLOR_GRAY2BGR)


def test_same_person_passes_on_the_server(enrolled, srv, astronaut):
    comparer = ServerComparer(SyncClient(enrolled))
    assert isinstance(comparer, FaceComparer)
    result = run_comparison(comparer, live_capture(astronaut), jpeg(astronaut), operator="t",
                            reference_kind="card_photo")
    assert result["decision"] == "pass" and result["method"] == "server:dlib_resnet"
    assert result["score"] < result["threshold"] == 0.6


def test_another_person_fails_and_a_decoded_card_photo_is_accepted(enrolled, srv, astronaut):
    comparer = ServerComparer(SyncClient(enrolled))
    small = cv2.resize(other_person(), (102, 126))  # the size of a decoded card photo (BGR array)
    result = run_comparison(comparer, live_capture(astronaut), small, operator="t", reference_kind="card_photo")
    assert result["decision"] in ("fail", "manual_review") and result["score"] > 0.55
    result = run_comparison(comparer, live_capture(astronaut), other_person(), operator="t", reference_kind="card_photo")
    assert result["decision"] == "fail"


def test_no_face_goes_to_manual_review(enrolled, srv, astronaut):
    comparer = ServerComparer(SyncClient(enrolled))
    wall = jpeg(cv2.cvtColor(data.brick(), cv2.COLOR_GRAY2BGR))
    result = run_comparison(comparer, wall, jpeg(astronaut), operator="t", reference_kind="card_photo")
    assert result["decision"] == "manual_review" and "人脸" in result["reason"]


def test_raw_wlt_without_a_server_decoder_stays_pending(enrolled, srv, astronaut):
    comparer = ServerComparer(SyncClient(enrolled))
    result = run_comparison(comparer, live_capture(astronaut), WltPhoto(bytes(1024)), operator="t",
                            reference_kind="card_photo_wlt")
    assert result["decision"] == "pending" and "WLT" in result["reason"]


def test_server_down_leaves_the_check_pending(enrolled, srv, astronaut):
    srv.stop()
    try:
        result = run_comparison(ServerComparer(SyncClient(enrolled, timeout=3)), live_capture(astronaut),
                                jpeg(astronaut), operator="t", reference_kind="card_photo")
    finally:
        srv.start()
    assert result["decision"] == "pending" and "无法连接" in result["reason"]


def test_comparer_follows_the_setting(store, srv, settings):
    assert isinstance(comparer_for(store, settings), PendingComparer)  # not enrolled yet
    from shared.sync import enrollment
    enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
    assert isinstance(comparer_for(store, settings), ServerComparer)
    settings.set("face", {"comparer": "none"})
    assert isinstance(comparer_for(store, settings), PendingComparer)
    assert isinstance(idm.default_comparer(), PendingComparer)  # the local extra is off by default


def test_server_decodes_the_card_photo_with_a_vendor_library_and_compares(tmp_path, astronaut):
    """A vendor WLT decoder configured on the server: a fake one (gcc) whose ``unpack`` gives
    the astronaut as a 102x126 card photo, so the raw WLT blob from the card is compared."""
    import shutil
    import subprocess
    from devserver.main import start_in_thread
    from shared.store import Store
    from shared.sync import enrollment
    photo = cv2.resize(astronaut[0:420, 100:440], (102, 126))  # top-down BGR, as decoders give it
    table = ",".join(str(b) for b in photo.tobytes())
    source = ("#include <string.h>\nstatic const unsigned char face[] = {%s};\n"
              "int unpack(char *wlt, char *out, int save) {\n"
              "  if ((unsigned char)wlt[0] == 0xEE) return 0;\n"
              "  memcpy(out, face, sizeof face); return 1; }\n") % table
    gcc = shutil.which("gcc")
    assert gcc, "gcc is needed to build the fake vendor decoder"
    (tmp_path / "wlt.c").write_text(source)
    lib = tmp_path / "libfakewlt.so"
    subprocess.run([gcc, "-shared", "-fPIC", "-O1", "-o", str(lib), str(tmp_path / "wlt.c")], check=True)
    srv = start_in_thread(tmp_path / "srv", rsa_bits=2048, wlt_lib=str(lib))
    try:
        with Store.open(tmp_path / "data", tmp_path / "cfg") as store:
            ident = enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
        comparer = ServerComparer(SyncClient(ident))
        result = run_comparison(comparer, live_capture(astronaut), WltPhoto(b"\x01" * 1024), operator="t",
                                reference_kind="card_photo_wlt")
        assert result["decision"] == "pass" and result["reference"] == "card_photo_wlt"
        refused = run_comparison(comparer, live_capture(astronaut), WltPhoto(b"\xee" * 1024), operator="t",
                                 reference_kind="card_photo_wlt")
        assert refused["decision"] == "pending" and "无法解码" in refused["reason"]
    finally:
        srv.close()

"""Face evidence and the card photo kept only inside the encrypted store."""

from __future__ import annotations

import datetime as dt

import cv2
import numpy as np

from shared.capture import identity_evidence as ev
from shared.capture.autocapture import FaceEvidence, encode_jpeg
from shared.capture.comparer import ComparisonResult, FaceComparer
from shared.devices.idcard.model import CardType, IdCardData
from shared.domain import identity as idm


def noisy_jpeg(seed: int) -> bytes:
    """A JPEG with random content: its bytes appear nowhere else by chance."""
    img = np.random.default_rng(seed).integers(0, 255, (120, 100, 3), dtype=np.uint8)
    return encode_jpeg(img)


def evidence(seed: int) -> FaceEvidence:
    return FaceEvidence(noisy_jpeg(seed), noisy_jpeg(seed + 1), {"pass": True, "measures": {}},
                        412.5, "2026-01-01T00:00:00+00:00", "模拟摄像头", None, 7)


class RecordingComparer(FaceComparer):
    method = "recording"

    def __init__(self):
        self.references = []

    def available(self):
        return True

    def compare(self, probe_jpeg, reference):
        self.references.append(reference)
        return ComparisonResult(0.2, 0.6, "pass", self.method)


def test_face_and_card_photo_are_encrypted_blobs(store, sample_case, tmp_path):
    pid = sample_case.parties[0].party_id
    card = IdCardData(CardType.RESIDENT, "测试", "男", sample_case.parties[0].id_number,
                      valid_to=dt.date(2040, 1, 1), photo_wlt=bytes((i * 13 + 5) & 0xFF for i in range(1024)))
    photo_id = ev.save_card_photo(store, sample_case, pid, card)   # the case row is written first
    assert store.get_case(sample_case.id).id == sample_case.id
    assert store.blobs.get(photo_id) == card.photo_wlt
    assert store.blobs.info(photo_id).kind == "idphoto"
    shot = evidence(42)
    face, comparison = ev.capture_and_compare(store, sample_case, pid, shot, check_no=1,
                                              comparer=idm.PendingComparer(), reference=None,
                                              reference_kind=None, operator="tester", simulated=True)
    assert comparison["decision"] == "pending" and face["simulated"] is True
    assert store.blobs.get(face["frame_blob"]) == shot.frame_jpeg
    assert store.blobs.get(face["face_blob"]) == shot.face_jpeg
    infos = store.blobs.list(sample_case.id, "face")
    assert {i.meta["part"] for i in infos} == {"frame", "face"}
    assert all(i.slot == ev.identity_slot(pid, 1) and i.meta["sharpness"] == 412.5 for i in infos)
    raw = b"".join(p.read_bytes() for p in (tmp_path / "data").rglob("*") if p.is_file())
    for secret in (shot.frame_jpeg, shot.face_jpeg, card.photo_wlt):
        assert secret[200:264] not in raw
    assert not list((tmp_path / "data").rglob("*.jpg"))


def test_second_check_compares_with_the_first_face(store, sample_case):
    pid = sample_case.parties[0].party_id
    first = evidence(1)
    face, comparison = ev.capture_and_compare(store, sample_case, pid, first, check_no=1,
                                              comparer=idm.PendingComparer(), reference=None,
                                              reference_kind=None, operator="t", simulated=False)
    idm.attach_card(sample_case, pid, {"card_type": "resident"})
    idm.attach_face(sample_case, pid, face, comparison)
    comparer = RecordingComparer()
    face2, comparison2 = ev.capture_and_compare(store, sample_case, pid, evidence(3), check_no=2,
                                                comparer=comparer, reference=None,
                                                reference_kind=None, operator="t", simulated=False)
    assert comparer.references == [first.face_jpeg]
    assert comparison2["decision"] == "pass" and comparison2["reference"] == "first_check_face"
    decoded = cv2.imdecode(np.frombuffer(store.blobs.get(face2["face_blob"]), np.uint8), cv2.IMREAD_COLOR)
    assert decoded is not None and decoded.shape == (120, 100, 3)

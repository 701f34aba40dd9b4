"""Storing identity evidence in the encrypted store (Qt-free; call it off the UI thread).

Face images (the frame and the face crop) and the raw WLT card photo go to ``store.blobs``
only, never to files. Blobs reference their case, so the case row is written first when the
case was never saved (one transaction for both).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shared.domain.case import Case

if TYPE_CHECKING:
    from shared.capture.autocapture import FaceEvidence
    from shared.devices.idcard.model import IdCardData
    from shared.store import Store, StoreTx


def identity_slot(party_id: str, check_no: int) -> str:
    """The blob slot of a party's evidence for one check: ``identity:<party>:<n>``."""
    return "identity:{}:{}".format(party_id, check_no)


def _ensure_case(tx: StoreTx, case: Case) -> None:
    if not tx.has_case(case.id):
        tx.write_case(case)


def save_card_photo(store: Store, case: Case, party_id: str, card: "IdCardData",
                    check_no: int = 1) -> str | None:
    """Keep the card's raw WLT photo (kind ``idphoto``); returns the blob id (None: no photo)."""
    if not card.photo_wlt:
        return None

    def work(tx: StoreTx) -> str:
        _ensure_case(tx, case)
        meta = {"party_id": party_id, "check_no": check_no, "format": "wlt",
                "card_type": card.card_type.value, "decoded": card.photo_decoded}
        return tx.add_blob(case.id, "idphoto", bytes(card.photo_wlt), "application/octet-stream",
                           identity_slot(party_id, check_no), meta).id
    return store.transaction(work)


def face_meta(evidence: "FaceEvidence", party_id: str, check_no: int, part: str) -> dict[str, Any]:
    """The blob metadata: quality scores, liveness and device (no image, no name)."""
    report = evidence.report or {}
    return {"party_id": party_id, "check_no": check_no, "part": part,
            "sharpness": evidence.sharpness, "passed": report.get("pass"),
            "quality": report, "liveness": evidence.liveness, "device": evidence.device,
            "captured_at": evidence.captured_at}


def save_face(store: Store, case: Case, party_id: str, evidence: "FaceEvidence",
              check_no: int = 1) -> tuple[str, str]:
    """Store the frame and the face crop (kind ``face``) in one transaction: their blob ids."""
    slot = identity_slot(party_id, check_no)

    def work(tx: StoreTx) -> tuple[str, str]:
        _ensure_case(tx, case)
        frame = tx.add_blob(case.id, "face", evidence.frame_jpeg, "image/jpeg", slot,
                            face_meta(evidence, party_id, check_no, "frame"))
        face = tx.add_blob(case.id, "face", evidence.face_jpeg, "image/jpeg", slot,
                           face_meta(evidence, party_id, check_no, "face"))
        return frame.id, face.id
    return store.transaction(work)


def face_part(evidence: "FaceEvidence", frame_blob: str, face_blob: str, *, operator: str,
              simulated: bool) -> dict[str, Any]:
    """The ``face`` part of an identity record."""
    return {"frame_blob": frame_blob, "face_blob": face_blob, "sharpness": evidence.sharpness,
            "quality": evidence.report, "liveness": evidence.liveness, "device": evidence.device,
            "simulated": bool(simulated), "captured_at": evidence.captured_at,
            "operator": operator}


def reference_face(store, case: Case, party_id: str) -> bytes | None:
    """The face crop of the party's last check-1 capture (the reference of the second check
    when no decoded card photo is at hand), or None."""
    from shared.domain.identity import checks_of
    for record in reversed(checks_of(case, party_id, 1)):
        face = record.get("face") or {}
        if face.get("face_blob"):
            return store.blobs.get(face["face_blob"])
    return None


def capture_and_compare(store, case: Case, party_id: str, evidence: "FaceEvidence", *,
                        check_no: int, comparer, reference, reference_kind: str | None,
                        operator: str, simulated: bool) -> tuple[dict, dict]:
    """Store the evidence and compare it: the ``face`` and ``comparison`` parts of a record.

    ``reference``: a decoded card photo (BGR array) or JPEG bytes, or None. Slow; off the UI
    thread.
    """
    from shared.domain.identity import run_comparison
    frame_id, face_id = save_face(store, case, party_id, evidence, check_no)
    if reference is None and check_no >= 2:
        reference = reference_face(store, case, party_id)
        reference_kind = "first_check_face" if reference is not None else None
    comparison = run_comparison(comparer, evidence.face_jpeg, reference, operator=operator,
                                reference_kind=reference_kind)
    return face_part(evidence, frame_id, face_id, operator=operator, simulated=simulated), comparison


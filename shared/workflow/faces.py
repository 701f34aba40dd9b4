"""The face comparison of a workflow command: reference, comparer, and a check that always ends.

The authoritative comparison is the registration server's. When nothing can compare (no
reference photo: the reader gave no decoded photo and no comparer can decode the raw one; the
server unreachable; no comparer at all), the check is referred to a person at once
(``manual_review`` with the reason), never left "pending": the officer decides with a reason,
or, at a kiosk, the applicant is sent to staff.
"""

from __future__ import annotations

from typing import Any

from shared.domain import identity as idm


def card_reference(card, comparer) -> tuple[Any, str | None]:
    """The reference photo of a card for ``comparer`` and its kind: the decoded photo when a
    vendor decoder gave one; else the raw WLT blob for a comparer that can have it decoded (the
    server's); else nothing."""
    if card is None:
        return None, None
    if card.photo_decoded:
        import numpy as np
        from shared.devices.idcard.model import PHOTO_HEIGHT, PHOTO_WIDTH
        return np.frombuffer(card.photo_bgr, np.uint8).reshape(PHOTO_HEIGHT, PHOTO_WIDTH, 3), "card_photo"
    if card.photo_wlt and getattr(comparer, "accepts_wlt", False):
        from shared.sync.face_compare import WltPhoto
        return WltPhoto(bytes(card.photo_wlt)), "card_photo_wlt"
    return None, None


def stored_reference(session, party_id: str, comparer) -> tuple[Any, str | None]:
    """The card photo kept with the party's last card read (after a restart, when the card read
    this session is gone), for a comparer that can decode it."""
    record = idm.latest_check(session.snapshot(), party_id, 1)
    blob = ((record or {}).get("card") or {}).get("photo_blob")
    if not blob or not getattr(comparer, "accepts_wlt", False):
        return None, None
    from shared.sync.face_compare import WltPhoto
    return WltPhoto(session.store.blobs.get(blob)), "card_photo_wlt"


def first_check_face(session, party_id: str) -> bytes | None:
    """The face crop of the party's last first-check capture: the second check's reference."""
    for record in reversed(idm.checks_of(session.snapshot(), party_id, 1)):
        face = record.get("face") or {}
        if face.get("face_blob"):
            return session.store.blobs.get(face["face_blob"])
    return None


def referred(comparison: dict[str, Any]) -> dict[str, Any]:
    """A comparison that could not be made becomes a referral to a person, keeping its reason."""
    if comparison.get("decision") != "pending":
        return comparison
    return {**comparison, "decision": "manual_review", "referred": True}


def compare_face(session, party_id: str, evidence, check_no: int, operator: str) -> dict[str, Any]:
    """The ``comparison`` part for a capture of ``party_id`` (slow: the server or a model)."""
    comparer = session.comparer
    if check_no >= 2:
        reference = first_check_face(session, party_id)
        kind = "first_check_face" if reference is not None else None
    else:
        reference, kind = card_reference(session._cards.get(party_id), comparer)
        if reference is None:
            reference, kind = stored_reference(session, party_id, comparer)
    if comparer is None:
        comparer = idm.PendingComparer()
    return referred(idm.run_comparison(comparer, evidence.face_jpeg, reference, operator=operator,
                                       reference_kind=kind))

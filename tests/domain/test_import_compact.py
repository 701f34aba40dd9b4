"""The loan approval sheet's QR code (the compact import form), bounded and validated by the
same importer as a file; importing the same loan twice gives the draft made the first time."""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path

import pytest

from shared.domain import importer
from shared.domain.importer import (COMPACT_PREFIX, LIMITS, decode_compact, encode_compact, parse_import_bytes,
                                    save_import)
from shared.errors import ValidationError

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "case_mortgage_first.json"


def _doc(**extra) -> dict:
    doc = json.loads(SAMPLE.read_text("utf-8"))
    doc.pop("materials", None)
    doc.update(extra)
    return doc


def _refused(data: bytes, base=None) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        parse_import_bytes(data, base)
    return err.value


def test_the_compact_form_round_trips_through_the_same_importer():
    doc = _doc(loan_reference="LN-2026-000123")
    text = encode_compact(doc)
    assert text.startswith(COMPACT_PREFIX) and len(text) < 1200   # fits a QR code a sheet prints
    result = parse_import_bytes(text.encode("ascii"), None)
    plain = parse_import_bytes(json.dumps(doc, ensure_ascii=False).encode("utf-8"), None)
    assert result.case.data == plain.case.data and result.case.loan_reference == "LN-2026-000123"
    assert [p.name for p in result.case.parties] == [p.name for p in plain.case.parties]
    assert result.case.channel == "import"


def _compact(payload: bytes) -> bytes:
    return (COMPACT_PREFIX + base64.urlsafe_b64encode(payload).decode().rstrip("=")).encode()


def test_a_bad_payload_gets_a_clear_message_never_a_traceback():
    assert "不是有效的贷款审批数据" in _refused(_compact(b"not zlib at all")).msg.render()
    assert "不是有效的贷款审批数据" in _refused((COMPACT_PREFIX + "***").encode()).msg.render()
    truncated = _compact(zlib.compress(json.dumps(_doc()).encode())[:-6])
    assert "不是有效的贷款审批数据" in _refused(truncated).msg.render()
    assert "过长" in _refused((COMPACT_PREFIX + "A" * (LIMITS["compact"] + 1)).encode()).msg.render()
    # a zip bomb: a few KB that inflate past the import limit stop at the limit
    bomb = _compact(zlib.compress(b"{" + b" " * (LIMITS["import_bytes"] * 2), 9))
    assert len(bomb) < LIMITS["compact"]
    assert "过大" in _refused(bomb).msg.render()
    # what the JSON holds is checked as a file's: the JSON path of the error is named
    errors = _refused(encode_compact(_doc(business="nope")).encode()).errors
    assert "$.business" in errors
    errors = _refused(encode_compact(_doc(loan_reference="../../etc")).encode()).errors
    assert "$.loan_reference" in errors
    errors = _refused(encode_compact({**_doc(), "materials": {"identity": ["id.jpg"]}}).encode()).errors
    assert "条码或接口导入的数据不能包含材料文件" in errors["$.materials"].render()


def test_decode_is_bounded_before_it_inflates():
    with pytest.raises(ValidationError):
        decode_compact(COMPACT_PREFIX + "A" * 10 ** 6)


def test_the_same_loan_imported_twice_gives_the_existing_draft(store):
    doc = _doc(loan_reference="LN-2026-000777")
    first = save_import(store, parse_import_bytes(encode_compact(doc).encode(), None))
    again = parse_import_bytes(json.dumps(doc, ensure_ascii=False).encode("utf-8"), None)   # a file this time
    second = save_import(store, again)
    assert second.id == first.id and again.existing
    assert [r.id for r in store.list_cases()] == [first.id]
    other = save_import(store, parse_import_bytes(encode_compact(_doc(loan_reference="LN-2026-000778")).encode(), None))
    assert other.id != first.id
    unnamed = [save_import(store, parse_import_bytes(encode_compact(_doc()).encode(), None)) for _ in range(2)]
    assert unnamed[0].id != unnamed[1].id                       # no reference: nothing to be idempotent on
    store.delete_draft(first.id)
    again = save_import(store, parse_import_bytes(encode_compact(doc).encode(), None))
    assert again.id != first.id                                 # the draft was deleted: imported anew


def test_the_reference_key_names_the_bank_and_hides_the_reference():
    doc = _doc(loan_reference="LN-1")
    case = importer.parse_import(doc, None).case
    key = importer.reference_key(case)
    assert key.startswith("import.loan.") and "LN-1" not in key
    next(p for p in case.parties if p.role == "mortgagee").id_number = "91350100MA2XXXXX0X"
    assert importer.reference_key(case) != key

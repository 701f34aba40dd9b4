"""More bounds of an import (found by an outside tester): material bytes in total, the same
file once, a NUL in a path, a PDF by its structure, numbers, long keys, duplicate keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared.domain import importer
from shared.domain.importer import LIMITS, parse_import, parse_import_bytes, pdf_structure_ok
from shared.errors import ValidationError

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "case_mortgage_first.json"


def _doc() -> dict:
    doc = json.loads(SAMPLE.read_text("utf-8"))
    doc.pop("materials", None)
    return doc


def _refused(data: bytes, base=None) -> dict:
    with pytest.raises(ValidationError) as err:
        parse_import_bytes(data, base)
    return err.value.errors


def _png(seed: int = 0) -> bytes:
    import cv2
    import numpy as np
    rng = np.random.default_rng(seed)
    return cv2.imencode(".png", rng.integers(0, 255, (64, 64, 3), np.uint8))[1].tobytes()


def _pdf() -> bytes:
    """A minimal well-formed PDF: header, objects, xref table at the startxref offset."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_material_bytes_are_bounded_in_total(tmp_path, monkeypatch):
    monkeypatch.setitem(LIMITS, "materials_bytes", 3 * len(_png()) + 10)
    for i in range(6):
        (tmp_path / "p{}.png".format(i)).write_bytes(_png(i))
    doc = _doc()
    doc["materials"] = {"identity": ["p{}.png".format(i) for i in range(6)]}
    with pytest.raises(ValidationError) as err:
        parse_import(doc, tmp_path)
    assert err.value.errors["$.materials.identity[3]"].code == "import.materials_total"
    assert "$.materials.identity[4]" not in err.value.errors  # nothing more is read


def test_the_same_file_named_many_times_is_read_and_counted_once(tmp_path, monkeypatch):
    monkeypatch.setitem(LIMITS, "materials_bytes", 2 * len(_png()))
    (tmp_path / "same.png").write_bytes(_png())
    reads = []
    real = importer.read_material
    monkeypatch.setattr(importer, "read_material", lambda base, rel: reads.append(rel) or real(base, rel))
    doc = _doc()
    doc["materials"] = {"identity": ["same.png", "./same.png"] * 100}
    result = parse_import(doc, tmp_path)
    assert reads == ["same.png"] and len(result.files) == 1


def test_a_nul_in_a_material_path_is_an_error_not_a_traceback(tmp_path):
    doc = _doc()
    doc["materials"] = {"identity": ["a\x00b.png"]}
    with pytest.raises(ValidationError) as err:
        parse_import(doc, tmp_path)
    assert err.value.errors["$.materials.identity[0]"].code == "import.control"  # caught with every text
    data, msg = importer.read_material(tmp_path, "a\x00b.png")
    assert data == b"" and msg.code == "import.material_path"


def test_a_pdf_is_checked_by_its_structure(tmp_path):
    assert pdf_structure_ok(_pdf())
    garbage = b"%PDF-1.7\n" + b"garbage " * 100 + b"\n%%EOF\n"
    assert not pdf_structure_ok(garbage)
    assert not pdf_structure_ok(b"%PDF-1.4\ngarbage\nstartxref\n5\n%%EOF\n")  # offset names no xref
    (tmp_path / "ok.pdf").write_bytes(_pdf())
    (tmp_path / "bad.pdf").write_bytes(garbage)
    doc = _doc()
    doc["materials"] = {"identity": ["bad.pdf", "ok.pdf"]}
    with pytest.raises(ValidationError) as err:
        parse_import(doc, tmp_path)
    assert err.value.errors["$.materials.identity[0]"].code == "import.type"
    assert "$.materials.identity[1]" not in err.value.errors


@pytest.mark.parametrize("literal", ["9" * 4000, "1" * 41, "1e400", "NaN", "-Infinity", "0." + "1" * 60])
def test_numbers_are_bounded_like_strings(literal):
    doc = _doc()
    text = json.dumps(doc, ensure_ascii=False)
    name = doc["parties"][0]["name"]
    data = text.replace(json.dumps(name, ensure_ascii=False), literal, 1).encode()
    errors = _refused(data)
    assert errors["$.parties[0].name"].code == "import.number"


def test_a_short_number_is_still_a_value():
    doc = _doc()
    doc["parties"][0]["phone"] = 13800000000
    parse_import_bytes(json.dumps(doc, ensure_ascii=False).encode(), None)


def test_a_huge_key_is_named_not_repeated():
    doc = _doc()
    doc["k" * 500_000] = 1
    errors = _refused(json.dumps(doc).encode())
    assert len(errors) == 1
    (path, msg), = errors.items()
    assert msg.code == "import.key_long" and len(path) < 100 and len(msg.render()) < 200


def test_an_unknown_long_field_is_shortened_in_the_message(tmp_path):
    doc = _doc()
    key = "x" * 90  # under the key limit, over what a message repeats
    doc[key] = 1
    with pytest.raises(ValidationError) as err:
        parse_import(doc, tmp_path)
    (path, msg), = [(p, m) for p, m in err.value.errors.items() if m.code == "import.unknown_field"]
    assert len(path) < 90 and "…" in path and key not in msg.render()


def test_duplicate_keys_are_errors_with_their_path():
    doc = _doc()
    text = json.dumps(doc, ensure_ascii=False)
    first_party = text.index('"name"', text.index('"parties"'))
    text = text[:first_party] + '"name": "甲", ' + text[first_party:]
    errors = _refused(text.encode())
    assert errors["$.parties[0].name"].code == "import.duplicate"
    errors = _refused(('{"format": "x", ' + text[1:]).encode())
    assert errors["$.format"].code == "import.duplicate"


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\u202e", "\u2066", "\u061c", "\u2028", "\u200b", "\ufeff", "\x85"])
def test_control_and_invisible_format_characters_in_a_text_are_errors(char):
    doc = _doc()
    doc["parties"][0]["name"] = doc["parties"][0]["name"][:1] + char + "[2J"
    errors = _refused(json.dumps(doc, ensure_ascii=False).encode())
    assert errors["$.parties[0].name"].code == "import.control"


def test_printable_drops_every_control_format_and_separator_character():
    import unicodedata

    from shared.security.masking import printable
    kept = [c for c in map(chr, range(0x110000))
            if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs") and c not in "\n\t" and printable(c)]
    assert kept == []
    assert printable("张三\n\t地址") == "张三\n\t地址"

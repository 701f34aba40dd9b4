"""The operations CLI: validate, case import / list / show, audit verify."""

import json
from pathlib import Path

import pytest

from shared.cli.main import main
from shared.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("kind,value,code,text", [
    ("resident-id", "11010519491231002X", 0, "valid"),
    ("resident-id", "110101199003071234", 1, "第18位校验码应为3"),
    ("credit-code", "91350100M000100Y43", 0, "valid"),
    ("credit-code", "91350100M000100Y44", 1, "第18位校验码应为3"),
    ("unit-number", "350102015020GB09217F00243026", 0, "valid"),
    ("unit-number", "350102015020GB09217A00243026", 1, "第20位"),
])
def test_validate(capsys, kind, value, code, text):
    rc, out, _ = run(capsys, "validate", kind, value)
    assert rc == code and text in out


def test_import_list_show_and_audit(capsys, tmp_path):
    rc, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "case", "import", str(SAMPLES / "case_mortgage_first.json"))
    assert rc == 0
    case_id = out.strip()
    assert case_id.startswith("YZ")
    sample = json.loads((SAMPLES / "case_mortgage_first.json").read_text("utf-8"))
    name, idn = sample["parties"][0]["name"], sample["parties"][0]["id_number"]
    rc, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "case", "list")
    assert rc == 0 and case_id in out and idn not in out and name not in out and idn[:6] + "********" in out
    rc, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "case", "show", case_id)
    assert rc == 0 and "抵押权首次登记" in out and idn not in out and sample["property"]["unit_number"] in out
    rc, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "audit", "verify")
    assert rc == 0 and out.startswith("ok")
    with Store.open(tmp_path / "d") as s:
        s.run(lambda conn: conn.execute("UPDATE audit SET operator='x'"))
    rc, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "audit", "verify")
    assert rc == 1 and "TAMPERED" in out


def test_invalid_import_lists_every_error_and_writes_nothing(capsys, tmp_path):
    rc, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "case", "import", str(SAMPLES / "case_invalid.json"))
    assert rc == 1
    for path in ("$.parties[0].id_number", "$.property.unit_number", "$.mortgage.debt_to"):
        assert path in out
    rc, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "case", "list")
    assert out.strip() == ""


def test_import_with_materials_checks_content_type(capsys, tmp_path):
    doc = json.loads((SAMPLES / "case_mortgage_first.json").read_text("utf-8"))
    import cv2
    import numpy as np
    (tmp_path / "id.jpg").write_bytes(cv2.imencode(".jpg", np.full((64, 64, 3), 200, np.uint8))[1].tobytes())
    (tmp_path / "fake.jpg").write_bytes(b"<html>not an image</html>")
    doc["materials"] = {"identity": ["id.jpg"]}
    (tmp_path / "ok.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    rc, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "case", "import", str(tmp_path / "ok.json"))
    assert rc == 0
    with Store.open(tmp_path / "d") as s:
        case = s.get_case(out.strip())
        assert len(case.materials["identity"]) == 1
        assert s.blobs.get(case.materials["identity"][0]).startswith(b"\xff\xd8")
    doc["materials"] = {"identity": ["fake.jpg", "missing.png"], "no_such_slot": ["id.jpg"]}
    (tmp_path / "bad.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    rc, out, _ = run(capsys, "--data-dir", str(tmp_path / "d2"), "case", "import", str(tmp_path / "bad.json"))
    assert rc == 1
    assert "$.materials.identity[0]" in out and "不是 JPEG" in out
    assert "$.materials.identity[1]" in out and "$.materials.no_such_slot" in out


def test_import_of_unreadable_json(capsys, tmp_path):
    (tmp_path / "x.json").write_text("{not json", "utf-8")
    rc, out, _ = run(capsys, "case", "import", str(tmp_path / "x.json"))
    assert rc == 1 and "JSON" in out


def test_show_unknown_case(capsys, tmp_path):
    rc, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "case", "show", "YZ0000")
    assert rc == 1 and "找不到案件" in err


def test_import_of_the_compact_form_is_idempotent_on_the_loan(capsys, tmp_path):
    from shared.domain.importer import encode_compact
    doc = json.loads((SAMPLES / "case_mortgage_first.json").read_text("utf-8"))
    doc.pop("materials", None)
    doc["loan_reference"] = "LN-CLI-1"
    (tmp_path / "sheet.txt").write_text(encode_compact(doc), "ascii")   # what the sheet's QR code holds
    (tmp_path / "loan.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    rc, first, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "case", "import", str(tmp_path / "sheet.txt"))
    assert rc == 0 and first.strip().startswith("YZ")
    rc, again, err = run(capsys, "--data-dir", str(tmp_path / "d"), "case", "import", str(tmp_path / "loan.json"))
    assert rc == 0 and again == first and "已导入过" in err
    (tmp_path / "bad.txt").write_text("YZI1.@@@", "ascii")
    rc, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "case", "import", str(tmp_path / "bad.txt"))
    assert rc == 1 and "不是有效的贷款审批数据" in out

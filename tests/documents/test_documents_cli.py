"""``yizhan render``: documents from the store's cases to PDF files."""

from __future__ import annotations

from docfixtures import build_case, pdftotext

from shared.cli.main import main
from shared.store.store import Store


def _save(tmp_path, case):
    with Store.open(tmp_path / "data", tmp_path / "config", operator="tester") as store:
        store.save_case(case)


def test_render_application_and_receipt(tmp_path, fake, capsys):
    case = build_case(fake)
    _save(tmp_path, case)
    out = tmp_path / "out" / "app.pdf"
    assert main(["--data-dir", str(tmp_path / "data"), "render", "application", "--case", case.id, "--out", str(out)]) == 0
    assert "不动产登记申请书" in pdftotext(out.read_bytes())
    assert "已生成" in capsys.readouterr().out
    receipt = tmp_path / "receipt.pdf"
    assert main(["--data-dir", str(tmp_path / "data"), "render", "receipt", "--case", case.id, "--out", str(receipt)]) == 0
    assert "SL2026112200017" in pdftotext(receipt.read_bytes())
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_receipt_without_outcome_is_refused(tmp_path, fake, capsys):
    case = build_case(fake)
    case.outcome = None
    _save(tmp_path, case)
    out = tmp_path / "r.pdf"
    assert main(["--data-dir", str(tmp_path / "data"), "render", "not_accepted", "--case", case.id, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "尚无办理结果" in err and case.id in err and not out.exists()


def test_manifest_of_two_cases(tmp_path, fake):
    first, second = build_case(fake), build_case(fake)
    _save(tmp_path, first)
    _save(tmp_path, second)
    out = tmp_path / "m.pdf"
    assert main(["--data-dir", str(tmp_path / "data"), "render", "manifest", "--case", first.id, "--case", second.id,
                 "--batch", "PC-01", "--deadline", "2026-12-01", "--registry", "福州市不动产登记中心",
                 "--out", str(out)]) == 0
    text = pdftotext(out.read_bytes())
    assert first.id in text and second.id in text and "PC-01" in text


def test_missing_fields_are_reported(tmp_path, fake, capsys):
    case = build_case(fake)
    case.set("interview.place", None)
    _save(tmp_path, case)
    assert main(["--data-dir", str(tmp_path / "data"), "render", "interview", "--case", case.id,
                 "--out", str(tmp_path / "i.pdf")]) == 1
    assert "询问地点" in capsys.readouterr().err

"""``yizhan query``: the same core as the counter, from the command line."""

from __future__ import annotations

from flow_helpers import iso_days as _iso
from flow_helpers import sign_letter

from shared.cli.main import main


def test_cli_authorizes_queries_and_writes_the_certificate(ready, store, srv, tmp_path, capsys):
    session, _ = ready(matters=("registry",))
    out = tmp_path / "cert.pdf"
    assert main(["query", "registry", session.case_id, "--purpose", "loan_review", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "查询编号" in printed and "登记记录" in printed
    assert out.read_bytes().startswith(b"%PDF") and (out.stat().st_mode & 0o077) == 0
    assert main(["query", "filing", session.case_id, "--purpose", "loan_review"]) == 1  # not entrusted
    assert "未委托" in capsys.readouterr().err
    assert main(["query", "authorize", session.case_id, "--matters", "registry,contract_filing",
                 "--date", _iso(-1), "--until", _iso(10)]) == 0
    assert main(["query", "filing", session.case_id, "--purpose", "loan_review"]) == 1  # signed before the change
    assert "签名" in capsys.readouterr().err
    session.reload()
    sign_letter(session)
    assert main(["query", "filing", session.case_id, "--purpose", "loan_review", "--contract", "NONE-2"]) == 0
    assert "未查询到" in capsys.readouterr().out


def test_cli_refuses_a_letter_without_a_sane_time_limit(ready, capsys):
    session, _ = ready()
    assert main(["query", "authorize", session.case_id, "--matters", "registry",
                 "--date", _iso(0), "--until", _iso(120)]) == 1
    assert "不超过90日" in capsys.readouterr().err

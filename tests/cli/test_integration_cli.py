"""``yizhan integration``: the token and the secret need an administrator; the printed token
works against the served API; ``deliver`` sends what is due, with the same code as the counter."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))

from api_helpers import loan_document, post_case  # noqa: E402
from shared.cli.main import main  # noqa: E402
from shared.store import Store  # noqa: E402


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _enrolled(data: Path) -> None:
    from devserver.masterdata import operators_document
    from shared.store.operators import enroll
    with Store.open(data) as store:
        enroll(store, operators_document())


def test_token_and_secret_need_an_administrator(capsys, tmp_path):
    data = tmp_path / "d"
    _enrolled(data)
    rc, out, err = run(capsys, "--data-dir", str(data), "integration", "token", "--new")
    assert rc == 1 and "登录" in err and "yz_" not in out
    pw = tmp_path / "pw"
    pw.write_text("Officer2026\n")
    rc, out, err = run(capsys, "--data-dir", str(data), "--operator", "S1001", "--password-file", str(pw),
                       "integration", "token", "--new")
    assert rc == 1 and "管理设置和设备" in err  # an officer may not
    pw.write_text("Admin2026x\n")
    rc, out, _ = run(capsys, "--data-dir", str(data), "--operator", "S1009", "--password-file", str(pw),
                     "integration", "token", "--new", "--days", "30")
    token = next(line for line in out.splitlines() if line.startswith("yz_"))
    assert rc == 0
    rc, out, _ = run(capsys, "--data-dir", str(data), "integration", "token")
    assert rc == 0 and "有效期至" in out and token not in out
    rc, out, _ = run(capsys, "--data-dir", str(data), "--operator", "S1009", "--password-file", str(pw),
                     "integration", "secret")
    assert rc == 0 and len(out.strip()) == 64
    with Store.open(data) as store:
        actions = [r[3] for r in store.audit_rows()]
        assert "integration_token_new" in actions and actions.count("permission_denied") == 2


def test_printed_token_works_and_deliver_uses_the_drop_folder(capsys, tmp_path, fake):
    from shared.config import Settings
    from shared.integration.server import IntegrationServer
    data = tmp_path / "d"
    rc, out, _ = run(capsys, "--data-dir", str(data), "integration", "token", "--new")
    token = next(line for line in out.splitlines() if line.startswith("yz_"))
    with Store.open(data) as store:
        srv = IntegrationServer(store, 0)
        srv.start()
        try:
            status, body = post_case(srv.port, token, loan_document(fake, "LOAN-CLI"))
        finally:
            srv.stop()
        assert status == 201
        store.transaction(lambda tx: tx.integration.note_outcome("p.1", body["case_id"], "accepted",
                                                                 {"receipt_number": "SL1"}))
    rc, out, _ = run(capsys, "--data-dir", str(data), "integration", "deliver")
    assert rc == 1 and "未配置" in out
    settings = Settings.load(tmp_path / "config")
    settings.set("integration.drop_dir", str(tmp_path / "drop"))
    settings.save()
    rc, out, _ = run(capsys, "--data-dir", str(data), "integration", "deliver")
    assert rc == 0 and "已送达 1 条" in out
    dropped = json.loads((tmp_path / "drop" / "{}_p.1.json".format(body["case_id"])).read_text("utf-8"))
    assert json.loads(dropped["body"])["outcome"]["receipt_number"] == "SL1"

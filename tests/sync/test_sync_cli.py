"""The sync commands of the ``yizhan`` CLI against the reference server."""

from __future__ import annotations

import json

from shared.cli.main import main
from sync_helpers import OPEN_SETTINGS, load_sample


def test_enroll_submit_sync_queue(tmp_path, srv, capsys):
    from shared.store import Store
    data = tmp_path / "data"
    (tmp_path / "config").mkdir(parents=True, exist_ok=True)
    (tmp_path / "config" / "settings.json").write_text(json.dumps(OPEN_SETTINGS))
    assert main(["--data-dir", str(data), "enroll", "--server", srv.url, "--code", "0000-0000",
                 "--ca-fingerprint", srv.fingerprint]) == 1
    assert "注册码无效" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "enroll", "--server", srv.url, "--code", srv.new_code(),
                 "--ca-fingerprint", srv.fingerprint]) == 0
    assert "DEV-" in capsys.readouterr().out
    with Store.open(data) as store:
        case = load_sample(store)
        name = case.parties[0].name
    assert main(["--data-dir", str(data), "case", "submit", case.id]) == 0
    assert case.id + "-r1\tqueued" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "queue"]) == 0
    assert "queued" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "sync"]) == 0
    out = capsys.readouterr().out
    assert "-> accepted" in out and "在线" in out
    assert main(["--data-dir", str(data), "queue"]) == 0
    out = capsys.readouterr().out
    assert "proof_issued" in out and name not in out
    assert main(["--data-dir", str(data), "case", "submit", case.id]) == 1  # not twice

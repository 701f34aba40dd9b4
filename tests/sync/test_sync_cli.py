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
    assert case.packet_id + "\tqueued" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "queue"]) == 0
    assert "queued" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "sync"]) == 0
    out = capsys.readouterr().out
    assert "-> accepted" in out and "在线" in out
    assert main(["--data-dir", str(data), "queue"]) == 0
    out = capsys.readouterr().out
    assert "proof_issued" in out and name not in out
    assert main(["--data-dir", str(data), "case", "submit", case.id]) == 1  # not twice
    assert main(["--data-dir", str(data), "queue", "--retry", case.packet_id]) == 1  # done: nothing to retry


def test_queue_retry_is_the_way_back_for_a_failed_packet(tmp_path, srv, capsys):
    """Class 3 of the hardening (``queue --retry`` did not exist before)."""
    from shared.store import Store
    from shared.sync import enrollment
    from shared.sync.outbox import Outbox
    data = tmp_path / "data"
    (tmp_path / "config").mkdir(parents=True, exist_ok=True)
    (tmp_path / "config" / "settings.json").write_text(json.dumps(OPEN_SETTINGS))
    with Store.open(data) as store:
        enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
        case = load_sample(store)
        item = Outbox(store).submit(case.id)
        Outbox(store).note_error(item.packet_id, "refused", 0, failed=True)
    assert main(["--data-dir", str(data), "queue", "--retry", item.packet_id]) == 0
    assert item.packet_id + "\tqueued" in capsys.readouterr().out


def test_the_demo_writes_what_the_client_enrolls_with(tmp_path, srv, capsys):
    """./dev.sh run: the server side writes URL, CA fingerprint and a one-time code; the client
    enrolls its own store from them, and a second run with --if-needed keeps that enrollment."""
    import os
    import stat
    from devserver.demo import write_enrollment
    from shared.store import Store
    from shared.sync import enrollment
    files = write_enrollment(tmp_path / "srv", {"url": srv.url, "fingerprint": srv.fingerprint, "code": srv.new_code()})
    assert stat.S_IMODE(os.stat(files["code"]).st_mode) == 0o600
    data = tmp_path / "data"

    def enroll(*extra):
        return main(["--data-dir", str(data), "enroll", "--server", files["url"].read_text().strip(),
                     "--ca-fingerprint", files["fingerprint"].read_text().strip(), "--code-file", str(files["code"]),
                     *extra])
    assert enroll("--if-needed") == 0
    with Store.open(data) as store:
        first = enrollment.load(store).device_id
    assert first in capsys.readouterr().out
    assert enroll("--if-needed") == 0  # the code is used up, but nothing needs it
    assert "无需重新注册" in capsys.readouterr().out
    assert enroll() == 1  # without --if-needed the used code is refused by the server
    assert "注册码无效" in capsys.readouterr().err
    with Store.open(data) as store:
        assert enrollment.load(store).device_id == first
    empty = tmp_path / "empty.code"
    empty.write_text("\n")
    assert main(["--data-dir", str(data), "enroll", "--server", srv.url, "--code-file", str(empty),
                 "--ca-fingerprint", srv.fingerprint]) == 1
    assert "注册码文件" in capsys.readouterr().err

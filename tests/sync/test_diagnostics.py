"""The support bundle (``yizhan diagnostics``): complete, and clean of personal data."""

from __future__ import annotations

import json
import zipfile

from sync_helpers import make_case


def _bundle_text(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name).decode("utf-8") for name in zf.namelist()}


def test_bundle_has_the_parts_and_no_personal_data(store, fake, settings, outbox, tmp_path, monkeypatch):
    from shared import diagnostics
    from shared.security.masking import mask_id, mask_name
    settings.set("sync_token", "s3cr3t-t0ken")  # a secret-looking setting
    settings.save()
    submitted = make_case(store, fake)
    outbox.submit(submitted.id)   # one packet waiting in the outbox
    make_case(store, fake, ready=False)
    person = submitted.parties[0]
    logs = tmp_path / "logs"
    logs.mkdir()
    monkeypatch.setenv("YIZHAN_LOG_DIR", str(logs))
    # a log line in clear, as an older version (or a server message) might have written it
    (logs / "yizhan-counter.log").write_text("INFO 读卡 {} {} {} 完成\n".format(person.name, person.id_number, person.phone),
                                             "utf-8")

    def devices():
        return [{"area": "idcard", "name": "emulator", "ok": True,
                 "detail": "读到 {} {}".format(person.name, person.id_number)}]

    path = diagnostics.write_bundle(tmp_path / "out", data_dir=store.path.parent, config_dir=tmp_path / "config",
                                    device_checks=devices)
    files = _bundle_text(path)
    everything = "\n".join(files.values())
    for secret in (person.name, person.id_number, person.phone, "s3cr3t-t0ken"):
        assert secret not in everything
    # the parts are there, with what support needs
    assert {"versions.json", "settings.json", "devices.json", "queue.json", "cases.json", "guard_rails.json",
            "audit.json", "logs/yizhan-counter.log.txt"} <= set(files)
    assert json.loads(files["queue.json"])["pending"]["packets"] == 1
    assert json.loads(files["cases.json"])["total"] == 2
    assert json.loads(files["audit.json"])["chain_ok"] is True
    assert json.loads(files["settings.json"])["sync_token"] == "<removed>"
    assert mask_name(person.name) in files["logs/yizhan-counter.log.txt"]
    assert mask_id(person.id_number) in files["devices.json"]


def test_cli_writes_a_bundle_without_a_store(tmp_path, monkeypatch, capsys):
    from shared.cli.main import main
    monkeypatch.setenv("YIZHAN_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("YIZHAN_CONFIG_DIR", str(tmp_path / "config"))
    assert main(["--data-dir", str(tmp_path / "empty"), "diagnostics", "--no-devices", "--out", str(tmp_path / "o")]) == 0
    bundles = list((tmp_path / "o").glob("yizhan-diagnostics-*.zip"))
    assert len(bundles) == 1
    files = _bundle_text(bundles[0])
    assert "no store" in files["store.json"] and "yizhan" in files["versions.json"]


def _diag(tmp_path, monkeypatch, out):
    from shared.cli.main import main
    monkeypatch.setenv("YIZHAN_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("YIZHAN_CONFIG_DIR", str(tmp_path / "config"))
    return main(["--data-dir", str(tmp_path / "empty"), "diagnostics", "--no-devices", "--out", str(out)])


def test_an_existing_out_folder_keeps_its_permissions(tmp_path, monkeypatch, capsys):
    import os
    import stat
    shared_dir = tmp_path / "shared"
    shared_dir.mkdir()
    os.chmod(shared_dir, 0o1777)  # like /tmp: a bundle written there must not make it private
    assert _diag(tmp_path, monkeypatch, shared_dir) == 0
    assert stat.S_IMODE(shared_dir.stat().st_mode) == 0o1777
    bundle, = shared_dir.glob("yizhan-diagnostics-*.zip")
    if os.name == "posix":
        assert stat.S_IMODE(bundle.stat().st_mode) == 0o600


def test_an_out_folder_it_creates_is_private(tmp_path, monkeypatch, capsys):
    import os
    import stat
    assert _diag(tmp_path, monkeypatch, tmp_path / "new" / "o") == 0
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "new" / "o").stat().st_mode) == 0o700


def test_an_out_that_is_a_file_is_a_message(tmp_path, monkeypatch, capsys):
    (tmp_path / "afile").write_text("x")
    assert _diag(tmp_path, monkeypatch, tmp_path / "afile") == 1
    err = capsys.readouterr().err
    assert "诊断包" in err and "Traceback" not in err
    assert (tmp_path / "afile").read_text() == "x"

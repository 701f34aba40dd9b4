"""``yizhan devices check`` runs every driver's real check and reports in one shape."""

import json

from shared.cli.main import main


def test_devices_check_reports_every_area(capsys):
    rc = main(["devices", "check", "--json"])
    rows = json.loads(capsys.readouterr().out)
    areas = {r["area"] for r in rows}
    assert {"idcard", "camera", "pages"} <= areas
    emulator = [r for r in rows if r["area"] == "idcard" and "emulator" in r["name"]]
    assert emulator and emulator[0]["ok"]  # the protocol self-test over a pty really ran
    assert rc == 0
    assert all(set(r) == {"area", "name", "ok", "detail"} and r["detail"] for r in rows)


def test_devices_check_names_a_broken_reader_spec(capsys, tmp_path):
    main(["devices", "check", "--json", "--idcard", "serial:" + str(tmp_path / "no-such-tty")])
    rows = json.loads(capsys.readouterr().out)
    named = [r for r in rows if str(tmp_path) in r["name"] + r["detail"]]
    assert named and not named[0]["ok"]

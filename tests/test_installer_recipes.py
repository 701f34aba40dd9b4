"""The install recipes agree with the code: every program in installer/apps.tsv exists, the kiosk
unit restarts and is watched, the packages' scripts are valid shell. (installer/build.sh builds
and installs them for real; these run in every test part in a second.)"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"


def apps() -> list[list[str]]:
    rows = []
    for line in (INSTALLER / "apps.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def test_every_listed_program_has_a_main():
    rows = apps()
    assert {"yizhan", "yizhan-counter"} <= {r[0] for r in rows}
    for name, module, kind, title in rows:
        assert kind in ("gui", "cli") and title, name
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin, module
        tree = ast.parse(Path(spec.origin).read_text("utf-8"))
        assert any(isinstance(n, ast.FunctionDef) and n.name == "main" for n in tree.body), module


def test_kiosk_unit_restarts_and_is_watched():
    unit = (INSTALLER / "kiosk" / "files" / "yizhan-kiosk.service").read_text("utf-8").splitlines()
    assert "Restart=always" in unit
    assert any(line.startswith("WatchdogSec=") and int(line.split("=")[1]) > 0 for line in unit)
    conf = (INSTALLER / "kiosk" / "files" / "50-yizhan-kiosk.conf").read_text("utf-8")
    assert "autologin-user=yizhan-kiosk" in conf and "-dpms" in conf


@pytest.mark.parametrize("script", sorted(str(p.relative_to(ROOT)) for p in INSTALLER.rglob("*")
                                          if p.is_file() and (p.suffix == ".sh" or p.name in ("postinst", "postrm", "prerm",
                                                                                               "session", "yizhan-kiosk-setup"))))
def test_package_scripts_parse(script):
    shell = "bash" if (ROOT / script).read_text("utf-8").startswith("#!/usr/bin/env bash") else "sh"
    if shutil.which(shell) is None:
        pytest.skip("no " + shell)
    done = subprocess.run([shell, "-n", str(ROOT / script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_deb_refuses_downgrades_and_windows_too():
    assert "refusing to downgrade" in (INSTALLER / "deb" / "prerm").read_text("utf-8")
    nsi = (INSTALLER / "windows" / "yizhan.nsi").read_text("utf-8")
    assert "VersionCompare" in nsi and "SetErrorLevel 3" in nsi

"""Upgrades lose nothing: a data dir written by the release before this one (commit b85c288,
the code taken out of git) opens with the current code with every case, page, packet and
audit row, and the audit chain verifies. A store newer than the code is refused, untouched."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("release_writer.py")
PREVIOUS_RELEASE = "b85c288"


def _git(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, **kw)


@pytest.fixture(scope="module")
def old_tree(tmp_path_factory) -> Path:
    if shutil.which("git") is None or _git("rev-parse", "--git-dir").returncode != 0:
        pytest.fail("the upgrade test needs the project's git history (a clone, not an export)")
    if _git("cat-file", "-e", PREVIOUS_RELEASE + "^{commit}").returncode != 0:
        pytest.fail("commit {} is not in this clone (a shallow clone?): fetch it".format(PREVIOUS_RELEASE))
    tree = tmp_path_factory.mktemp("release")
    archive = _git("archive", "--format=tar", PREVIOUS_RELEASE)
    assert archive.returncode == 0, archive.stderr
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def _run(code_root: Path, *args: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code_root), YIZHAN_KEY_PROVIDER="file")
    env.pop("YIZHAN_TEST_PART", None)  # the child is a plain program, not a test part
    done = subprocess.run([sys.executable, str(WRITER), *args], cwd=code_root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_upgrade_keeps_every_case_page_packet_and_audit_row(old_tree, tmp_path):
    data, conf = tmp_path / "data", tmp_path / "config"
    before = _run(old_tree, "write", str(data), str(conf), str(tmp_path / "server"), str(old_tree / "tests"))
    states = sorted(p["state"] for p in before["packets"].values())
    assert states.count("queued") == 2 and len(states) == 5      # two still in the outbox
    assert any(c["state"] == "draft" for c in before["cases"].values())
    after = _run(ROOT, "snapshot", str(data), str(conf))
    assert after["cases"] == before["cases"]                     # states, revisions, every page by hash
    assert all(all(b for b in c["blobs"].values()) for c in after["cases"].values())
    assert after["packets"] == before["packets"]                 # the outbox, its files intact
    assert after["audit"][:len(before["audit"])] == before["audit"]
    assert after["audit_ok"] is True


def test_a_store_newer_than_the_program_is_refused_untouched(tmp_path, monkeypatch):
    from shared.errors import StoreError
    from shared.store import Store
    from shared.store.schema import SCHEMA_VERSION
    data, conf = tmp_path / "data", tmp_path / "config"
    monkeypatch.setenv("YIZHAN_KEY_PROVIDER", "file")
    with Store.open(data, conf) as store:
        store.run(lambda conn: conn.execute("PRAGMA user_version = {:d}".format(SCHEMA_VERSION + 1)))
    db = next(p for p in data.iterdir() if p.suffix == ".db")
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(StoreError) as err:
        Store.open(data, conf)
    assert err.value.msg.code == "store.newer" and "升级程序" in err.value.msg.render()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest

"""The outbox: disk full rolls back, guard-rails, retention purge, crash leftovers, one uploader."""

from __future__ import annotations

import datetime as _dt
import errno
import os
import subprocess
from pathlib import Path

import pytest

from shared.domain.states import CaseState
from shared.errors import StoreError, SyncError
from shared.sync.outbox import GuardRailError, Outbox
from sync_helpers import drain, fast_service, make_case


def _assert_intact(store, outbox, case, state=CaseState.DRAFT):
    got = store.get_case(case.id)
    assert got.state == state and got.revision == case.revision
    assert outbox.items() == []
    assert not outbox.dir.exists() or list(outbox.dir.iterdir()) == []
    assert store.integrity_check() == "ok"


def test_disk_full_on_a_tiny_filesystem(tmp_path, srv, settings, fake):
    """The data directory on an 8 MB tmpfs: the case fits (in the WAL), its packet cannot; nothing changes."""
    from shared.store import Store
    from shared.sync import enrollment
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mnt)],
                             capture_output=True).returncode == 0
    opener = open
    if not mounted:  # no privilege to mount: the same disk-full condition through the seam
        def opener(path, mode):
            raise OSError(errno.ENOSPC, "No space left on device")
    try:
        store = Store.open(mnt / "data", tmp_path / "cfg", operator="t")
        try:
            enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
            case = make_case(store, fake, page_bytes=1_500_000)
            ob = Outbox(store, settings, opener=opener)
            with pytest.raises((SyncError, StoreError)) as err:
                ob.submit(case.id)
            assert err.value.code in ("sync.disk_full", "store.disk_full")
            assert "磁盘" in str(err.value)
            _assert_intact(store, ob, case)
        finally:
            store.close()
    finally:
        if mounted:
            subprocess.run(["umount", str(mnt)], check=True)


def test_disk_full_while_writing_packet_seam(store, settings, enrolled, fake):
    written = []

    class FullFile:
        def __init__(self, path, mode):
            self.fh = open(path, mode)
            written.append(path)

        def write(self, data):
            if self.fh.tell() + len(data) > 3000:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.fh.write(data)

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    case = make_case(store, fake, page_bytes=50_000)
    ob = Outbox(store, settings, opener=FullFile)
    with pytest.raises(SyncError) as err:
        ob.submit(case.id)
    assert err.value.code == "sync.disk_full" and "未留下半成品文件" in str(err.value)
    assert written and not any(Path(p).exists() for p in written)
    _assert_intact(store, ob, case)


def test_sqlite_full_while_enqueuing_rolls_back(store, settings, enrolled, fake):
    case = make_case(store, fake, page_bytes=20_000)
    ob = Outbox(store, settings)
    pages = store.run(lambda c: c.execute("PRAGMA page_count").fetchone()[0])
    store.run(lambda c: c.execute("PRAGMA max_page_count = {:d}".format(pages + 8)))
    # The enqueue needs room the database cannot get (SQLITE_FULL), deterministically:
    store.run(lambda c: c.execute("CREATE TEMP TRIGGER grow AFTER INSERT ON main.outbox BEGIN"
                                  " INSERT INTO meta(key, value) VALUES ('filler', zeroblob(1048576)); END"))
    with pytest.raises(StoreError) as err:
        ob.submit(case.id)
    assert err.value.code == "store.disk_full"
    store.run(lambda c: c.execute("DROP TRIGGER temp.grow"))
    store.run(lambda c: c.execute("PRAGMA max_page_count = 1073741823"))
    _assert_intact(store, ob, case)
    assert ob.submit(case.id).state == "queued"  # once there is room it works


def test_guard_rails_block_new_submissions_only(store, settings, enrolled, fake):
    from shared.sync import state
    ob = Outbox(store, settings)
    first = make_case(store, fake)
    ob.submit(first.id)
    settings.set("offline_limits.max_unsent", 1)
    second = make_case(store, fake)
    with pytest.raises(GuardRailError) as err:
        ob.submit(second.id)
    assert "待上传的数据包已有 1 个" in str(err.value)
    assert store.get_case(second.id).state == CaseState.DRAFT
    assert ob.get(first.packet_id).state == "queued"  # existing work untouched
    settings.set("offline_limits.max_unsent", 100)
    old = (_dt.datetime.now(_dt.timezone.utc) - _dt.timedelta(days=9)).isoformat()
    state.write(store, "last_success_at", old)
    settings.set("offline_limits.max_days_without_sync", 7)
    with pytest.raises(GuardRailError) as err:
        ob.submit(second.id)
    assert "9 天未与登记服务器同步" in str(err.value)
    state.write(store, "last_success_at", _dt.datetime.now(_dt.timezone.utc).isoformat())
    settings.set("offline_limits.min_free_mb", 10 ** 9)
    with pytest.raises(GuardRailError) as err:
        ob.submit(second.id)
    assert "磁盘剩余空间不足" in str(err.value)
    settings.set("offline_limits.min_free_mb", 0)
    assert ob.submit(second.id).state == "queued"


def test_not_enrolled_cannot_submit(store, settings, fake):
    case = make_case(store, fake)
    with pytest.raises(SyncError) as err:
        Outbox(store, settings).submit(case.id)
    assert "yizhan enroll" in str(err.value)


def test_retention_purges_packet_and_pages_keeps_audit(store, settings, srv, enrolled, fake):
    ob = Outbox(store, settings)
    case = make_case(store, fake)
    item = ob.submit(case.id)
    drain(fast_service(store, settings, outbox=ob))
    item = ob.get(item.packet_id)
    assert item.state == "proof_issued" and ob.path(item).exists()
    assert ob.purge() == 0  # not yet: retention_days after the final answer
    later = _dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(days=31)
    assert ob.purge(now=later) == 1
    assert not (ob.dir / item.file).exists()
    assert store.blobs.list(case.id, "page") == []
    assert store.blobs.list(case.id, "outcome")  # the registry's documents stay
    assert ob.get(item.packet_id).purged_at
    actions = [r[3] for r in store.audit_rows(case.id)]
    assert "purge_packet" in actions and "enqueue" in actions
    assert store.verify_audit().ok
    far = later + _dt.timedelta(days=500)
    ob.purge(now=far)  # audit older than audit_retention_days goes, the chain stays checkable
    assert store.verify_audit().ok


def test_sweep_removes_crash_leftovers(store, settings, enrolled, fake):
    ob = Outbox(store, settings)
    case = make_case(store, fake)
    item = ob.submit(case.id)
    (ob.dir / ".X-r1.1234.tmp").write_bytes(b"partial")
    (ob.dir / "ORPHAN-r1.ypk").write_bytes(b"never committed")
    assert ob.sweep() == 2
    assert sorted(os.listdir(ob.dir)) == [item.file]


def test_only_one_uploader_at_a_time(store, settings, enrolled):
    from shared.sync.uploader import PacketUploader
    ob = Outbox(store, settings)
    a, b = PacketUploader(ob, client=None), PacketUploader(ob, client=None)
    assert a.lock.acquire()
    try:
        assert b.run_once().busy
    finally:
        a.lock.release()
    assert not b.run_once().busy


@pytest.mark.parametrize("which", [0, -1])  # the first page, and the last (checked after the loop)
def test_a_page_that_no_longer_matches_its_hash_is_refused(store, settings, enrolled, fake, which):
    """The hash check of each page runs beside the encryption; a mismatch still stops submit."""
    from shared.errors import StoreError
    case = make_case(store, fake, page_bytes=300_000, pages=3)
    ob = Outbox(store, settings)
    blob = store.blobs.list(case.id, "page")[which]
    store.write(lambda c: c.execute("UPDATE blobs SET sha256 = ? WHERE id = ?", ("0" * 64, blob.id)))
    with pytest.raises(StoreError) as err:
        ob.submit(case.id)
    assert err.value.code == "sync.blob_corrupt" and blob.id[:8] in str(err.value)
    _assert_intact(store, ob, case)

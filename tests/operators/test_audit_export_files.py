"""The audit export writes through the one safe writer (shared.config.atomic_writer): a
regular-file output only, private, nothing half-written on any error."""

from __future__ import annotations

import errno
import os
import stat

import pytest
from op_helpers import fake_enroll

from shared.errors import ValidationError
from shared.sync.audit_export import AuditFilter, export


@pytest.fixture
def enrolled(store):
    fake_enroll(store)
    store.transaction(lambda tx: tx.audit("packet_cleared", "C1", "detail", operator="李强（SUP1）"))
    return store


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_the_export_and_its_signature_are_private(enrolled, login, tmp_path):
    out = tmp_path / "o" / "a.csv"
    export(enrolled, out, AuditFilter(), login("SUP1"))
    assert _names(out.parent) == ["a.csv", "a.csv.sig"]
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        assert stat.S_IMODE((out.parent / "a.csv.sig").stat().st_mode) == 0o600


@pytest.mark.parametrize("kind", ["fifo", "folder", "sig_folder"])
def test_an_output_that_is_not_a_regular_file_is_refused_and_nothing_is_left(enrolled, login, tmp_path, kind):
    if kind == "fifo" and not hasattr(os, "mkfifo"):
        pytest.skip("POSIX FIFOs")
    folder = tmp_path / "o"
    folder.mkdir()
    out = folder / "a.csv"
    if kind == "fifo":
        os.mkfifo(out)
    elif kind == "folder":
        out.mkdir()
    else:
        (folder / "a.csv.sig").mkdir()
    before = _names(folder)
    with pytest.raises(ValidationError) as info:
        export(enrolled, out, AuditFilter(), login("SUP1"))
    assert info.value.msg.code == "audit.export_write"
    assert _names(folder) == before  # no .tmp with audit rows, the FIFO is still a FIFO
    if kind == "fifo":
        assert stat.S_ISFIFO(os.lstat(out).st_mode)


def test_a_full_disk_leaves_no_temp_file(enrolled, login, tmp_path, monkeypatch):
    folder = tmp_path / "o"
    folder.mkdir()
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ValidationError) as info:
        export(enrolled, folder / "a.csv", AuditFilter(), login("SUP1"))
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert info.value.msg.code == "audit.export_write"
    assert _names(folder) == []


@pytest.mark.parametrize("kind", ["sig_fifo", "csv_fifo", "sig_garbage", "sig_list", "sig_dev_zero"])
def test_verify_reads_only_regular_files_and_a_bounded_signature(enrolled, login, tmp_path, kind):
    import threading

    from shared.sync.audit_export import verify_export
    if "fifo" in kind and not hasattr(os, "mkfifo") or kind == "sig_dev_zero" and os.name != "posix":
        pytest.skip("POSIX FIFOs and devices")
    out = tmp_path / "a.csv"
    export(enrolled, out, AuditFilter(), login("SUP1"))
    assert verify_export(out) == []
    sig = tmp_path / "a.csv.sig"
    if kind == "sig_fifo":
        sig.unlink()
        os.mkfifo(sig)
    elif kind == "csv_fifo":
        out.unlink()
        os.mkfifo(out)
    elif kind == "sig_garbage":
        sig.write_text("{not json")
    elif kind == "sig_list":
        sig.write_text("[]")
    else:
        sig.unlink()
        sig.symlink_to("/dev/zero")
    box = {}

    def run():
        try:
            verify_export(out)
        except ValidationError as err:
            box["code"] = err.msg.code
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(30)  # a hang detector (the FIFO), not a timing assertion
    assert not worker.is_alive(), "verify blocked on a FIFO"
    assert box["code"] in ("audit.export_read", "audit.export_sig")

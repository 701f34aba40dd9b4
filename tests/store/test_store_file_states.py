"""Class 4 of the hardening: the store explains every state of its file.

Each test fails on the code before the hardening: a read-only file system or a full disk at
open was reported as "cannot open the database file" or as "wrong key or corrupt"; a database
file deleted while its key stayed was silently replaced by an empty store; a damaged page met
by a read came out as a raw ``sqlcipher3.DatabaseError``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections import namedtuple

import pytest

from shared.domain.case import Case
from shared.errors import StoreError
from shared.store import Store


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def closed_store(tmp_path):
    s = Store.open(tmp_path / "data", tmp_path / "config")
    case = Case("mortgage_first_general")
    s.save_case(case)
    blob = s.blobs.add(case.id, "page", os.urandom(3 << 20), "image/jpeg", slot="identity")
    s.close()
    return tmp_path, case, blob


def _wal_cannot_be_made(tmp_path):
    """What a read-only mount or a full disk does to the open: the WAL cannot be created."""
    (tmp_path / "data" / "yizhan.db-wal").mkdir()


def test_a_read_only_file_system_is_named_as_such(closed_store, monkeypatch):
    tmp_path, _, _ = closed_store
    _wal_cannot_be_made(tmp_path)
    real = getattr(os, "statvfs", None)  # absent on Windows: the mount's flag is faked there too
    Vfs = namedtuple("Vfs", "f_flag")
    flag = getattr(os, "ST_RDONLY", 1)
    monkeypatch.setattr(os, "statvfs", lambda p: Vfs((real(p).f_flag if real else 0) | flag), raising=False)
    before = _digest(tmp_path / "data" / "yizhan.db")
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "data", tmp_path / "config")
    assert err.value.code == "store.readonly_fs" and "只读" in err.value.msg.render()
    assert _digest(tmp_path / "data" / "yizhan.db") == before


def test_a_full_disk_at_open_is_named_as_such(closed_store, monkeypatch):
    tmp_path, _, _ = closed_store
    _wal_cannot_be_made(tmp_path)
    Usage = namedtuple("Usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda p: Usage(1 << 30, 1 << 30, 0))
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "data", tmp_path / "config")
    assert err.value.code == "store.disk_full"


def test_a_missing_database_whose_key_exists_is_reported_not_replaced(closed_store):
    tmp_path, _, _ = closed_store
    db = tmp_path / "data" / "yizhan.db"
    db.rename(tmp_path / "elsewhere.db")
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "data", tmp_path / "config")
    assert err.value.code == "store.file_missing" and "备份" in err.value.msg.render()
    assert not db.exists()  # no empty store in its place
    (tmp_path / "elsewhere.db").rename(db)  # restored: it opens again
    with Store.open(tmp_path / "data", tmp_path / "config") as s:
        assert s.list_cases()


def test_a_damaged_page_met_by_a_read_gives_the_named_message(closed_store):
    tmp_path, case, blob = closed_store
    db = tmp_path / "data" / "yizhan.db"
    with open(db, "r+b") as fh:  # one page of the blob, far from the schema's first page
        fh.seek(db.stat().st_size - 40000)
        fh.write(b"\0" * 100)
    with Store.open(tmp_path / "data", tmp_path / "config") as s:
        with pytest.raises(StoreError) as err:
            s.blobs.get(blob.id)
        assert err.value.code == "store.damaged" and "备份" in err.value.msg.render()

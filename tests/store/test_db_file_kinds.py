"""What lies where the database belongs is named as what it is: a folder, a FIFO, a link to a
device, an empty file, a missing file (never "does not exist" for all of them, never a hang)."""

from __future__ import annotations

import os

import pytest

from shared.errors import StoreError
from shared.store import Store


@pytest.fixture
def used(tmp_path):
    data, config = tmp_path / "data", tmp_path / "config"
    with Store.open(data, config, operator="officer"):
        pass
    return data, config


POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX FIFOs and /dev/null")


@pytest.mark.parametrize("make, code", [
    (lambda p: p.mkdir(), "store.not_regular"),
    pytest.param(lambda p: os.mkfifo(p), "store.not_regular", marks=POSIX),
    pytest.param(lambda p: p.symlink_to("/dev/null"), "store.not_regular", marks=POSIX),
    (lambda p: p.write_bytes(b""), "store.file_empty"),
    (lambda p: None, "store.file_missing"),
])
def test_what_replaced_the_database_file_is_named_and_nothing_is_created(used, make, code):
    data, config = used
    db = data / "yizhan.db"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(str(db) + suffix):
            os.unlink(str(db) + suffix)
    make(db)
    with pytest.raises(StoreError) as err:
        Store.open(data, config, operator="officer")
    assert err.value.code == code
    assert str(db) in err.value.msg.render()
    assert os.path.lexists(db) == (code != "store.file_missing")  # left as it was


def test_a_file_where_the_data_folder_belongs_is_named(tmp_path):
    data = tmp_path / "data"
    data.write_text("x")
    with pytest.raises(StoreError) as err:
        Store.open(data, tmp_path / "config", operator="officer")
    assert err.value.code == "store.datadir_not_dir" and str(data) in err.value.msg.render()
    assert data.read_text() == "x"

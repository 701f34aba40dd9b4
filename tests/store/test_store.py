"""The encrypted store: encryption at rest, failures that lose nothing, migrations, audit."""

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from shared.domain.case import Case
from shared.errors import StoreError
from shared.store import Store
from shared.store.keys import FileKeyProvider, KeyringKeyProvider, default_key_provider
from shared.store.schema import SCHEMA_VERSION

DATA = Path(__file__).parent / "data"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_file_holds_no_plain_text_of_a_saved_case(store, sample_case):
    store.save_case(sample_case)
    store.blobs.add(sample_case.id, "page", "身份证复印件".encode() * 50, "image/jpeg", slot="identity")
    party = sample_case.parties[0]
    secrets = (party.name, party.id_number, party.phone, sample_case.get("property.location"),
               sample_case.get("property.unit_number"), "身份证复印件", sample_case.id, "mortgage_first_general")
    wal = Path(str(store.path) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # open: the latest pages are in the WAL
    for f in store.path.parent.iterdir():  # the WAL and its index hold ciphertext only
        if f.is_file():
            data = f.read_bytes()
            assert not [t for t in secrets if t.encode("utf-8") in data], f.name
    store.close()
    raw = store.path.read_bytes()
    for text in secrets:
        assert text.encode("utf-8") not in raw, text
    assert not raw.startswith(b"SQLite format 3")
    assert not [p for p in store.path.parent.iterdir() if p.name != store.path.name and p.stat().st_size > 0]


def test_saved_case_survives_reopen(tmp_path, sample_case):
    with Store.open(tmp_path / "data", tmp_path / "config") as s:
        s.save_case(sample_case)
    with Store.open(tmp_path / "data", tmp_path / "config") as s:
        again = s.get_case(sample_case.id)
    assert again.parties[0].id_number == sample_case.parties[0].id_number
    assert again.get("property.unit_number") == sample_case.get("property.unit_number")


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes (Windows: the profile folder's ACL)")
def test_key_file_is_private_and_apart_from_the_data(tmp_path, store):
    key_file = tmp_path / "config" / "store.key"
    assert key_file.exists() and (key_file.stat().st_mode & 0o777) == 0o600
    assert not any(p.suffix == ".key" for p in (tmp_path / "data").iterdir())


def test_wrong_key_fails_cleanly_and_leaves_the_file(tmp_path, sample_case):
    with Store.open(tmp_path / "data", tmp_path / "config") as s:
        s.save_case(sample_case)
    db = tmp_path / "data" / "yizhan.db"
    before = _digest(db)
    wrong = FileKeyProvider(tmp_path / "other" / "k")
    wrong.create()
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "data", key_provider=wrong)
    assert err.value.code == "store.cannot_open" and "未作任何改动" in err.value.msg.render()
    assert _digest(db) == before
    with Store.open(tmp_path / "data", tmp_path / "config") as s:  # the right key still opens it
        assert s.get_case(sample_case.id).id == sample_case.id


def test_corrupt_file_is_never_recreated(tmp_path, store, sample_case):
    store.save_case(sample_case)
    store.close()
    with open(store.path, "r+b") as fh:
        fh.seek(100)
        fh.write(os.urandom(3000))
    before = _digest(store.path)
    with pytest.raises(StoreError):
        Store.open(tmp_path / "data", tmp_path / "config")
    assert _digest(store.path) == before


def test_missing_key_for_existing_database_is_refused(tmp_path, store, sample_case):
    store.save_case(sample_case)
    store.close()
    (tmp_path / "config" / "store.key").rename(tmp_path / "lost.key")
    before = _digest(store.path)
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "data", tmp_path / "config")
    assert err.value.code == "store.key_missing"
    assert _digest(store.path) == before and not (tmp_path / "config" / "store.key").exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes (Windows: the profile folder's ACL)")
def test_key_file_with_loose_permissions_is_refused(tmp_path, store):
    store.close()
    key_file = tmp_path / "config" / "store.key"
    key_file.chmod(0o644)
    with pytest.raises(StoreError, match="chmod 600"):
        Store.open(tmp_path / "data", tmp_path / "config")


def test_read_only_database_gives_a_clear_error(store, sample_case):
    """SQLite's own read-only error (query_only stands in for a read-only file: CI runs as root)."""
    store.save_case(sample_case)
    store.run(lambda conn: conn.execute("PRAGMA query_only = ON"))
    sample_case.set("remarks", "changed")
    with pytest.raises(StoreError) as err:
        store.save_case(sample_case)
    assert err.value.code == "store.readonly" and "只读" in err.value.msg.render()
    store.run(lambda conn: conn.execute("PRAGMA query_only = OFF"))
    assert store.get_case(sample_case.id).get("remarks") is None


def test_disk_full_rolls_back_and_keeps_data(store, sample_case, fake):
    store.save_case(sample_case)
    store.run(lambda conn: conn.execute("PRAGMA max_page_count = {}".format(
        conn.execute("PRAGMA page_count").fetchone()[0])))
    big = Case("mortgage_first_general")
    big.set("remarks", fake.address() * 5000)
    with pytest.raises(StoreError) as err:
        store.save_case(big)
    assert err.value.code == "store.disk_full"
    assert store.get_case(sample_case.id).id == sample_case.id
    with pytest.raises(StoreError):
        store.get_case(big.id)
    assert store.verify_audit().ok and store.integrity_check() == "ok"


def test_migration_from_a_saved_version_1_file(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(DATA / "store_v1.db", data / "yizhan.db")
    provider = FileKeyProvider(tmp_path / "config" / "store.key")
    provider.save(bytes.fromhex((DATA / "store_v1.key").read_text().strip()))
    with Store.open(data, key_provider=provider) as s:
        version = s.run(lambda conn: conn.execute("PRAGMA user_version").fetchone()[0])
        rows = s.list_cases()
        assert version == SCHEMA_VERSION
        assert len(rows) == 3 and all(len(r.unit_number) == 28 for r in rows)
        assert s.list_cases(rows[0].unit_number[-8:])[0].id == rows[0].id  # the v2 column is searchable
        assert s.verify_audit().ok
        assert s.integrity_check() == "ok"


def test_new_database_uses_the_fast_page_format_and_old_files_keep_theirs(tmp_path, store, sample_case):
    """New files: 16 KiB pages with HMAC-SHA256; the saved v1 file (SQLCipher 4 defaults) still opens."""
    import sqlcipher3
    from shared.store.db import CIPHER_PROFILES
    store.save_case(sample_case)
    path = Path(store.path)
    key = FileKeyProvider(tmp_path / "config" / "store.key").load()
    store.close()
    assert path.stat().st_size % 16384 == 0

    def opens(db: Path, key: bytes, pragmas) -> bool:
        conn = sqlcipher3.connect(str(db))
        try:
            conn.execute("PRAGMA key = \"x'{}'\"".format(key.hex()))
            for pragma in pragmas:
                conn.execute(pragma)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return True
        except sqlcipher3.DatabaseError:
            return False
        finally:
            conn.close()
    new, legacy = (dict(CIPHER_PROFILES)[n] for n in ("yizhan-2", "sqlcipher-4"))
    assert opens(path, key, new) and not opens(path, key, legacy)
    old_key = bytes.fromhex((DATA / "store_v1.key").read_text().strip())
    assert opens(DATA / "store_v1.db", old_key, legacy) and not opens(DATA / "store_v1.db", old_key, new)


def test_search_by_number_name_id_and_unit(store, sample_case, fake):
    store.save_case(sample_case)
    for _ in range(5):
        store.save_case(Case("mortgage_cancel"))
    p = sample_case.parties[0]
    for q in (sample_case.id, p.name, p.id_number[-6:], p.id_number.lower(), sample_case.get("property.unit_number")[10:20]):
        assert [r.id for r in store.list_cases(q)] == [sample_case.id], q
    assert len(store.list_cases(business="mortgage_cancel")) == 5
    assert store.list_cases(state="ready") == []


def test_delete_draft_is_audited(store, sample_case):
    store.save_case(sample_case)
    store.delete_draft(sample_case.id)
    with pytest.raises(StoreError):
        store.get_case(sample_case.id)
    actions = [r[3] for r in store.audit_rows(sample_case.id)]
    assert actions == ["create", "delete"]
    assert store.audit_rows()[0][2] == "tester"


def _tamper(store, sql, args=()):
    store.run(lambda conn: conn.execute(sql, args))


@pytest.mark.parametrize("sql", [
    "UPDATE audit SET operator = 'someone-else' WHERE seq = 2",
    "DELETE FROM audit WHERE seq = 2",
    "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)",
    "UPDATE audit SET action = 'view' WHERE seq = 1",
])
def test_audit_tampering_is_detected(store, sample_case, sql):
    store.save_case(sample_case)
    store.log_view(sample_case.id, "id_number")
    store.save_case(sample_case)
    assert store.verify_audit().ok
    _tamper(store, sql)
    report = store.verify_audit()
    assert not report.ok and report.problems


def test_audit_purge_keeps_the_chain_checkable(store, sample_case):
    from shared.store import audit
    for _ in range(4):
        store.save_case(sample_case)
    store.write(lambda conn: conn.execute("UPDATE audit SET at = '2000-01-01' WHERE seq <= 2"))
    # editing 'at' breaks the hash of rows 1-2; purging them leaves a valid chain from row 3
    removed = store.write(lambda conn: audit.purge_before(conn, "2001-01-01"))
    assert removed == 2
    report = store.verify_audit()
    assert report.ok and report.rows == 2


class MemoryKeyring:
    """A keyring backend held in memory: the provider's real code path against keyring's API."""

    def __init__(self):
        self.items = {}

    def get_password(self, service, account):
        return self.items.get((service, account))

    def set_password(self, service, account, value):
        self.items[(service, account)] = value


def test_keyring_provider_keeps_the_key_out_of_files(tmp_path, sample_case):
    backend = MemoryKeyring()
    db = tmp_path / "data" / "yizhan.db"
    with Store.open(tmp_path / "data", key_provider=KeyringKeyProvider(db, backend)) as s:
        s.save_case(sample_case)
    assert len(backend.items) == 1 and not (tmp_path / "config").exists()
    with Store.open(tmp_path / "data", key_provider=KeyringKeyProvider(db, backend)) as s:
        assert s.get_case(sample_case.id).id == sample_case.id


def test_default_provider_without_keyring_is_the_key_file(tmp_path, monkeypatch):
    monkeypatch.setenv("YIZHAN_KEY_PROVIDER", "auto")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    provider = default_key_provider(tmp_path / "data" / "yizhan.db", tmp_path / "config")
    assert isinstance(provider, FileKeyProvider)


def test_work_after_close_fails_instead_of_waiting_forever(tmp_path):
    """A worker that asks a closing store (a list refresh at exit) gets an error, not a hang."""
    import threading
    from shared.errors import StoreError
    from shared.store import Store
    store = Store.open(tmp_path / "d", tmp_path / "c", operator="t")
    started, release = threading.Event(), threading.Event()

    def slow(conn):
        started.set()
        release.wait(5)
        return 1
    first = store._db.submit(slow)
    started.wait(5)
    closer = threading.Thread(target=store.close)
    closer.start()
    for _ in range(100):  # close has queued its stop behind the slow call
        if store._db._closed:
            break
        threading.Event().wait(0.01)
    outcome: list = []

    def ask():
        try:
            outcome.append(store.count_cases())
        except StoreError as exc:
            outcome.append(exc)
    asker = threading.Thread(target=ask, daemon=True)
    asker.start()
    asker.join(3)  # before the fix this waited forever behind the stop
    assert not asker.is_alive() and isinstance(outcome[0], StoreError)
    release.set()
    closer.join(5)
    assert first.result(5) == 1 and not closer.is_alive()


def test_release_memory_drops_the_page_cache_and_keeps_the_data(tmp_path, sample_case):
    s = Store.open(tmp_path / "data", tmp_path / "config", operator="tester")
    s.save_case(sample_case)
    data = os.urandom(3 * 1024 * 1024)
    blob = s.blobs.add(sample_case.id, "page", data, "image/jpeg", "identity")
    assert s.blobs.get(blob.id) == data          # its pages now sit in the connection's cache
    assert s.release_memory().result(timeout=30) is None
    assert s.blobs.get(blob.id) == data          # read (decrypted) again after the cache was dropped
    s.close()
    with pytest.raises(StoreError):              # closed: refused at once, never a wait
        s.release_memory()

"""The reference server publishes new master data; a sync pass validates it and it takes effect."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sync_helpers import fast_service

NEW = "2026.12.1"
STORE_FILES = {"data/master", "data/yizhan.db-wal", "data/yizhan.db-shm"}  # the store's journal, if any


def masterdata_pointer() -> str:
    from shared.masterdata import POINTER
    return POINTER


@pytest.fixture
def published(srv):
    """The server's master data, put back to the shipped documents after the test."""
    from devserver import masterdata as server_md
    server_md.reset()
    yield server_md
    server_md.reset()


def _catalog(version: str = NEW) -> dict:
    from devserver.masterdata import catalog_files
    files = catalog_files()
    files["index.json"]["catalog_version"] = version
    files["businesses/refinance.json"]["name"] = "转贷（新版目录）"
    return {"files": files}


def _tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def test_a_sync_pass_picks_up_a_new_catalog(store, settings, enrolled, published):
    from shared.masterdata import current_catalog, versions
    data_dir = Path(store.path).parent
    service = fast_service(store, settings)
    service.run_once(force=True)
    assert current_catalog(data_dir).version == published.index()[0]["version"]  # the shipped one, as served
    published.publish("catalog", _catalog(), NEW)
    service.run_once(force=True)
    catalog = current_catalog(data_dir)
    assert catalog.version == NEW and catalog.business("refinance").name == "转贷（新版目录）"
    used = {v.kind: (v.version, v.source) for v in versions(data_dir)}
    assert used["catalog"] == (NEW, "server")
    # the outbox checks cases against the catalog in use
    assert service.outbox.catalog.version == NEW


def test_a_broken_document_is_refused_once_and_the_pass_goes_on(store, settings, enrolled, published, caplog):
    from shared.masterdata import current_catalog, current_regions, pulled
    from shared.sync.client import SyncClient
    from shared.sync.service import pull_master_data
    data_dir = Path(store.path).parent
    client = SyncClient(enrolled)
    published.publish("catalog", _catalog(), NEW)
    assert "catalog" in pull_master_data(store, client)
    broken = _catalog("2026.12.2")
    del broken["files"]["businesses/refinance.json"]  # listed in index.json, file missing
    published.publish("catalog", broken, "2026.12.2")
    regions = dict(current_regions())
    regions["350104"] = "福州市仓山区"
    published.publish("regions", {"format": "yizhan-regions/1", "regions": regions}, "r2")
    caplog.set_level(logging.INFO, logger="shared.sync.service")
    assert pull_master_data(store, client) == ["regions"]  # the broken catalog does not stop the others
    assert current_catalog(data_dir).version == NEW
    assert current_regions(data_dir)["350104"] == "福州市仓山区"
    assert pull_master_data(store, client) == []
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 1 and "catalog" in refusals[0].getMessage()  # logged once, not every pass
    assert pulled(data_dir, "catalog").version == NEW
    # a fixed document of a newer version is taken again
    published.publish("catalog", _catalog("2026.12.3"), "2026.12.3")
    assert pull_master_data(store, client) == ["catalog"]
    assert current_catalog(data_dir).version == "2026.12.3"


def test_documents_failing_their_schema_are_refused(store, enrolled, published):
    from shared.masterdata import current_bank_profiles, current_version
    from shared.sync.client import SyncClient
    from shared.sync.service import pull_master_data
    data_dir = Path(store.path).parent
    client = SyncClient(enrolled)
    pull_master_data(store, client)
    before = _tree(data_dir / "master")
    bad_schema = _catalog("2026.12.4")
    bad_schema["files"]["businesses/refinance.json"]["channels"] = "counter"
    published.publish("catalog", bad_schema, "2026.12.4")
    published.publish("banks", {"profiles": [{"name": "某银行", "credit_code": "913101045H9QMXC80W",
                                              "documents": "{not json"}]}, "b2")
    assert pull_master_data(store, client) == []
    assert _tree(data_dir / "master") == before
    assert current_version(data_dir, "banks") not in (None, "b2")
    assert "913101045H9QMXC80W" in current_bank_profiles(store)


def test_a_hostile_name_from_the_server_is_never_fetched_nor_written(store, enrolled, published, tmp_path):
    from shared.sync.client import SyncClient
    from shared.sync.service import pull_master_data
    paths = []
    client = SyncClient(enrolled, on_exchange=lambda method, path, *rest: paths.append(path))
    before = _tree(tmp_path)
    published.publish("../../settings", {"regions": {"350102": "x"}}, "h1")
    published.publish("catalog/../x", {"regions": {"350102": "x"}}, "h2")
    hostile = _catalog("2026.12.5")
    hostile["files"]["../../../settings.json"] = {"language": "en"}
    published.publish("catalog", hostile, "2026.12.5")
    assert pull_master_data(store, client) == ["regions", "banks", "settings", "operators"]
    assert [p for p in paths if p.startswith("/v1/master-data/")] == [
        "/v1/master-data/catalog", "/v1/master-data/regions", "/v1/master-data/banks", "/v1/master-data/settings",
        "/v1/master-data/operators"]  # never the hostile names
    created = _tree(tmp_path) - before
    outside = {p for p in created if not p.startswith("data/master/")}
    assert outside <= STORE_FILES, outside
    assert not any("settings" in p and not p.startswith("data/master/settings") for p in created), created  # only the real document
    assert not (tmp_path / "data" / "master" / "catalog" / masterdata_pointer()).exists()


def test_disk_trouble_with_one_document_is_not_a_refusal(store, enrolled, published, monkeypatch):
    import errno

    from shared import masterdata
    from shared.sync.client import SyncClient
    from shared.sync.service import pull_master_data
    real = masterdata.accept

    def full_disk(data_dir, name, version, content, store=None):
        if name == "catalog":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(data_dir, name, version, content, store)
    monkeypatch.setattr(masterdata, "accept", full_disk)
    client = SyncClient(enrolled)
    assert pull_master_data(store, client) == ["regions", "banks", "settings", "operators"]
    monkeypatch.setattr(masterdata, "accept", real)
    assert pull_master_data(store, client) == ["catalog"]  # not remembered as refused: taken once the disk is fine


def test_the_operator_list_goes_into_the_store_and_never_to_a_file(store, enrolled, tmp_path):
    from shared.sync.client import SyncClient
    from shared.sync.service import pull_master_data
    before = _tree(tmp_path)
    assert "operators" in pull_master_data(store, SyncClient(enrolled))
    assert store.read(lambda tx: tx.operators.get("S1001")) is not None
    created = _tree(tmp_path) - before
    for rel in created:
        path = tmp_path / rel
        if path.is_file() and path.suffix in (".json", ".txt"):
            text = path.read_text("utf-8", errors="replace")
            assert "S1001" not in text and "argon2" not in text, rel
    assert pull_master_data(store, SyncClient(enrolled)) == []  # the version is known: not fetched again

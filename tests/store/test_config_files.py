"""Files in the configuration folder are checked before they are read: the store key file
and settings.json (a FIFO, a device, a folder, a huge or deep or mistyped file)."""

from __future__ import annotations

import json
import logging
import os

import pytest

from shared.config import DEFAULT_SETTINGS, Settings
from shared.errors import StoreError
from shared.store.keys import FileKeyProvider

fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")


# -- the store key file -----------------------------------------------------------------------
def test_key_file_round_trip(tmp_path):
    provider = FileKeyProvider(tmp_path / "store.key")
    key = provider.create()
    assert provider.load() == key


def test_key_file_that_is_a_folder_is_a_store_error(tmp_path):
    (tmp_path / "store.key").mkdir(mode=0o700)
    with pytest.raises(StoreError) as info:
        FileKeyProvider(tmp_path / "store.key").load()
    assert info.value.msg.code == "key.not_regular"


@fifo
def test_key_file_that_is_a_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "store.key", 0o600)  # a blocking open would hang here
    with pytest.raises(StoreError) as info:
        FileKeyProvider(tmp_path / "store.key").load()
    assert info.value.msg.code == "key.not_regular"


def test_key_file_linked_to_dev_zero_is_refused(tmp_path):
    if os.name != "posix":  # (under Wine /dev/zero is a path of the Linux drive, an empty file)
        pytest.skip("POSIX devices")
    (tmp_path / "store.key").symlink_to("/dev/zero")
    with pytest.raises(StoreError) as info:
        FileKeyProvider(tmp_path / "store.key").load()
    assert info.value.msg.code == "key.not_regular"


def test_huge_key_file_is_corrupt_not_read(tmp_path):
    path = tmp_path / "store.key"
    path.write_text("ab" * 100_000)
    path.chmod(0o600)
    with pytest.raises(StoreError) as info:
        FileKeyProvider(path).load()
    assert info.value.msg.code == "key.corrupt"


# -- settings.json: the defaults hold, a warning names the file (and the setting) -------------
def _write(tmp_path, text):
    (tmp_path / "settings.json").write_text(text)


@pytest.mark.parametrize("text", ["[]", "5", "null", '"x"', "[" * 100_000, '{"a": ' * 50 + "1" + "}" * 50,
                                  '{"a": [', "\xff{}"])
def test_bad_settings_files_fall_back_to_the_defaults(tmp_path, caplog, text):
    _write(tmp_path, text)
    with caplog.at_level(logging.WARNING, logger="yizhan.config"):
        settings = Settings.load(tmp_path)
    assert settings.get("retention_days") == DEFAULT_SETTINGS["retention_days"]
    assert settings.get("offline_limits.max_unsent") == DEFAULT_SETTINGS["offline_limits"]["max_unsent"]
    assert "settings.json" in caplog.text


def test_settings_that_is_a_folder_falls_back_to_the_defaults(tmp_path, caplog):
    (tmp_path / "settings.json").mkdir()
    with caplog.at_level(logging.WARNING, logger="yizhan.config"):
        assert Settings.load(tmp_path).get("language") == "zh"
    assert "settings.json" in caplog.text


@fifo
def test_settings_that_is_a_fifo_is_not_waited_for(tmp_path):
    os.mkfifo(tmp_path / "settings.json")
    assert Settings.load(tmp_path).get("language") == "zh"


def test_settings_of_the_wrong_type_keep_their_defaults_each_named(tmp_path, caplog):
    _write(tmp_path, json.dumps({"offline_limits": 5, "retention_days": "x", "audit_retention_days": None,
                                 "integration": {"port": "80", "enabled": 1}, "language": "en",
                                 "version": "x", "face": {"comparer": "local"}}))
    with caplog.at_level(logging.WARNING, logger="yizhan.config"):
        settings = Settings.load(tmp_path)
    assert settings.get("retention_days") == 30 and settings.get("audit_retention_days") == 400
    assert settings.get("offline_limits.max_unsent") == 200
    assert settings.get("integration.port") == 8765 and settings.get("integration.enabled") is False
    assert settings.get("language") == "en" and settings.get("face.comparer") == "local"  # good ones kept
    for name in ("retention_days", "audit_retention_days", "offline_limits", "integration.port",
                 "integration.enabled"):
        assert name in caplog.text


def test_a_mistyped_retention_does_not_break_the_purge_arithmetic(tmp_path):
    _write(tmp_path, '{"retention_days": "x"}')
    assert int(Settings.load(tmp_path).get("retention_days")) + 1 == 31

"""Fixtures of the sync tests: a reference server on 127.0.0.1, enrolled stores, sample cases."""

from __future__ import annotations

import json

import pytest

from sync_helpers import OPEN_SETTINGS, SAMPLE, drain, fast_service, load_sample, make_case  # noqa: F401


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    from devserver.main import start_in_thread
    srv = start_in_thread(tmp_path_factory.mktemp("devserver"), rsa_bits=2048)
    yield srv
    srv.close()


@pytest.fixture
def srv(server):
    """The shared server with faults off and default rules (reset after the test too)."""
    server.faults()
    server.rules()
    yield server
    server.faults()
    server.rules()


@pytest.fixture
def settings(tmp_path):
    from shared.config import Settings, _merge, DEFAULT_SETTINGS
    return Settings(tmp_path / "config" / "settings.json", _merge(DEFAULT_SETTINGS, json.loads(json.dumps(OPEN_SETTINGS))))


@pytest.fixture
def enrolled(store, srv):
    from shared.sync import enrollment
    return enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)


@pytest.fixture
def outbox(store, settings, enrolled):
    from shared.sync.outbox import Outbox
    return Outbox(store, settings)


@pytest.fixture
def kiosk_settings(tmp_path):
    """The kiosk's settings: open offline limits, the registry's property extract in tmp_path."""
    from shared.config import Settings, _merge, DEFAULT_SETTINGS
    values = _merge(DEFAULT_SETTINGS, json.loads(json.dumps(OPEN_SETTINGS)))
    values.setdefault("kiosk", {})["property_extract"] = str(tmp_path / "extract.json")
    return Settings(tmp_path / "config" / "settings.json", values)

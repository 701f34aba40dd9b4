"""Fixtures of the workflow tests: a store, the catalog, sessions with a comparer double."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "sync"))


@pytest.fixture
def catalog():
    from shared.domain.catalog import default_catalog
    return default_catalog()


@pytest.fixture
def comparer():
    from flow_helpers import AnsweringComparer
    return AnsweringComparer("pass")


@pytest.fixture
def new_session(store, catalog, comparer):
    """``new_session(business, channel="counter", **kw)``: a session on a new case."""
    from shared.workflow.session import CaseSession

    def make(business: str, channel: str = "counter", **kw):
        kw.setdefault("comparer", comparer)
        kw.setdefault("operator", "officer-1")
        return CaseSession.new(store, catalog, business, channel=channel, **kw)
    return make


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    from devserver.main import start_in_thread
    srv = start_in_thread(tmp_path_factory.mktemp("devserver"), rsa_bits=2048)
    yield srv
    srv.close()


@pytest.fixture
def srv(server):
    server.faults()
    server.rules()
    yield server
    server.rules()


@pytest.fixture
def wired(store, srv, tmp_path, new_session):
    """``make(business)``: a session whose outbox sends to the reference server, and the sync service."""
    import json
    import sync_helpers
    from shared.config import DEFAULT_SETTINGS, Settings, _merge
    from shared.sync import enrollment
    from shared.sync.outbox import Outbox
    settings = Settings(tmp_path / "config" / "settings.json",
                        _merge(DEFAULT_SETTINGS, json.loads(json.dumps(sync_helpers.OPEN_SETTINGS))))
    enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
    outbox = Outbox(store, settings)
    service = sync_helpers.fast_service(store, settings, outbox=outbox)

    def make(business: str, **kw):
        session = new_session(business, outbox=lambda: outbox, **kw)
        return session, service
    return make


@pytest.fixture
def ready(wired, fake, store):
    """``make(business, matters)``: a complete case whose owners signed a letter entrusting
    ``matters`` from yesterday for 30 days, and a client of the reference server."""
    from flow_helpers import complete, iso_days, sign_letter
    from shared.sync import enrollment
    from shared.sync.client import SyncClient
    clients = []

    def make(business="transfer_mortgage", matters=("registry", "contract_filing"), start=-1, until=30, **kw):
        session, _ = wired(business, **kw)
        complete(session, fake)
        session.set_authorization(list(matters), iso_days(start), iso_days(until))
        sign_letter(session)
        client = SyncClient(enrollment.require(store))
        clients.append(client)
        return session, client
    yield make
    for c in clients:
        c.close()

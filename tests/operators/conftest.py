"""Fixtures of the operator tests: a store with enrolled operators (cheap argon2id hashes)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "workflow"))
sys.path.insert(0, str(HERE.parent / "sync"))
sys.path.insert(0, str(HERE))

from op_helpers import PASSWORDS, operator_list  # noqa: E402


@pytest.fixture
def catalog():
    from shared.domain.catalog import default_catalog
    return default_catalog()


@pytest.fixture
def auth(store):
    """An :class:`Authenticator` on a store with the four test operators enrolled."""
    from shared.workflow.auth import Authenticator, enroll
    enroll(store, operator_list())
    return Authenticator(store)


@pytest.fixture
def login(auth):
    """``login(staff_id)``: that operator's session (passwords from op_helpers)."""
    def make(staff_id: str):
        return auth.login(staff_id, PASSWORDS[staff_id]).session
    return make


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """A reference server on 127.0.0.1 for the operator tests (its operator list is the demo's)."""
    from devserver.main import start_in_thread
    srv = start_in_thread(tmp_path_factory.mktemp("devserver-ops"), rsa_bits=2048)
    yield srv
    srv.close()


@pytest.fixture
def srv(server):
    server.faults()
    server.rules()
    yield server
    server.faults()
    server.rules()


@pytest.fixture
def settings(tmp_path):
    import json

    from sync_helpers import OPEN_SETTINGS

    from shared.config import DEFAULT_SETTINGS, Settings, _merge
    return Settings(tmp_path / "config" / "settings.json", _merge(DEFAULT_SETTINGS, json.loads(json.dumps(OPEN_SETTINGS))))

"""Fixtures of the local integration API's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def api(store):
    """The bank's local API on a free port of 127.0.0.1 over ``store``, with a fresh token."""
    from shared.integration import credentials
    from shared.integration.server import IntegrationServer
    srv = IntegrationServer(store, 0, actor_name="测试银行信贷系统")
    srv.start()
    srv.token = credentials.new_token(store)
    yield srv
    srv.stop()

"""Fixtures of the workflow tests: a store, the catalog, sessions with a comparer double."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


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

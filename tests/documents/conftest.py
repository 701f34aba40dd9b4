"""Fixtures of the documents area (helpers live in docfixtures.py)."""

from __future__ import annotations

import pytest
from docfixtures import build_case

from shared.domain.catalog import default_catalog


@pytest.fixture
def business():
    return default_catalog().business("mortgage_first_general")


@pytest.fixture
def doc_case(fake):
    return build_case(fake)

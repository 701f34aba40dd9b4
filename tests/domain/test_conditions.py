"""One condition language: the catalog's and the interview's conditions agree on every value."""

from __future__ import annotations

import pytest

from shared.domain.case import Case
from shared.domain.conditions import evaluate, present
from shared.domain.interview import evaluate as interview_evaluate
from shared.domain.validation import evaluate as catalog_evaluate


@pytest.mark.parametrize("value,expected", [
    (None, False), ("", False), (False, False), ([], False), ({}, False),
    ("x", True), (0, True), (True, True), (["a"], True), ("0", True)])
def test_present(value, expected):
    assert present(value) is expected


@pytest.mark.parametrize("cond", [
    {"field": "k"}, {"field": "k", "equals": True}, {"field": "k", "equals": False},
    {"field": "k", "in": ["a", "b"]}, {"not": {"field": "k"}},
    {"all": [{"field": "k"}, {"not": {"field": "k", "equals": "b"}}]}])
@pytest.mark.parametrize("value", [None, "", [], ["x"], "a", "b", True, False])
def test_catalog_and_interview_agree(cond, value):
    case = Case("mortgage_first_general")
    case.data["k"] = value
    assert catalog_evaluate(cond, case) == interview_evaluate(cond, case, {})


def test_an_empty_list_is_absent_for_both():
    case = Case("mortgage_first_general")
    case.data["k"] = []
    assert catalog_evaluate({"field": "k"}, case) is False
    assert interview_evaluate({"field": "k"}, case, {}) is False


def test_answers_and_no_condition():
    assert evaluate(None, lambda k: None)
    assert evaluate({"answer": "q1", "equals": True}, lambda k: None, {"q1": True})
    assert not evaluate({"answer": "q1", "equals": True}, lambda k: None, {})
    assert not evaluate({"answer": "q1"}, lambda k: None, {"q1": ""})

"""One condition language for the catalog and the interview templates (Qt-free).

A condition is JSON: ``{"field": key}`` (the case's form value is present), ``{"answer": id}``
(the question was answered and the answer is present), either with ``"equals": v`` or
``"in": [..]``, and the combinators ``{"all": [..]}``, ``{"any": [..]}``, ``{"not": c}``.
No condition is true. The catalog's conditional fields, roles and checklist slots and the
interview's conditional questions all go through :func:`evaluate`, so they cannot disagree
(they did: an empty list was present for the questions and absent for the checklist).

"Present" means anything but ``None``, ``""``, ``False`` and an empty list or dict. ``equals``
with ``true`` / ``false`` tests presence the same way, so a missing yes/no is ``false``.
"""

from __future__ import annotations

from typing import Any, Callable

MISSING = object()


def present(value: Any) -> bool:
    """Whether a value counts as given."""
    if value is None or value is MISSING or value is False or value == "":
        return False
    if isinstance(value, (list, tuple, dict, set)):
        return len(value) > 0
    return True


def _test(cond: dict, value: Any) -> bool:
    if "equals" in cond:
        expected = cond["equals"]
        if isinstance(expected, bool):
            return present(value) is expected
        return value == expected
    if "in" in cond:
        return value in cond["in"]
    return present(value)


def evaluate(cond: dict | None, field: Callable[[str], Any],
             answers: dict[str, Any] | None = None) -> bool:
    """Evaluate ``cond``; ``field(key)`` gives a form value, ``answers`` the interview's answers."""
    if not cond:
        return True
    if "all" in cond:
        return all(evaluate(c, field, answers) for c in cond["all"])
    if "any" in cond:
        return any(evaluate(c, field, answers) for c in cond["any"])
    if "not" in cond:
        return not evaluate(cond["not"], field, answers)
    if "answer" in cond:
        answers = answers or {}
        return cond["answer"] in answers and _test(cond, answers[cond["answer"]])
    return _test(cond, field(cond["field"]))

"""SQL lives in shared/store and nowhere else in the product (the store's API is typed).

Every string constant of every module under shared/ (except shared/store/), counter/ and
kiosk/ is parsed with ``ast``; one that reads like an SQL statement fails the test, naming
the file and line. Docstrings are prose, not statements, and are skipped. devserver/ keeps
its own SQLite and is not checked.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("shared", "counter", "kiosk")
EXEMPT = ROOT / "shared" / "store"
SQL = re.compile(r"\bSELECT\b[\s\S]*?\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\b[\s\S]*?\bSET\b|\bDELETE\s+FROM\b"
                 r"|\bCREATE\s+(?:TEMP\s+|TEMPORARY\s+)?TABLE\b|\bPRAGMA\s+\w", re.IGNORECASE)


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of the module, its classes and its functions."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                out.add(id(body[0].value))
    return out


def sql_strings(source: str, name: str = "<text>") -> list[tuple[int, str]]:
    """(line, text) of each string constant in ``source`` that looks like SQL."""
    tree = ast.parse(source, name)
    skip = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in skip and SQL.search(node.value)]


def _modules() -> list[Path]:
    files = []
    for top in CHECKED:
        files += [p for p in sorted((ROOT / top).rglob("*.py")) if EXEMPT not in p.parents]
    return files


@pytest.mark.parametrize("text", [
    "SELECT doc FROM cases WHERE id = ?", "select count(*)\n from outbox",
    "INSERT INTO outbox(packet_id) VALUES (?)", "UPDATE outbox SET state = ? WHERE packet_id = ?",
    "delete from blobs WHERE id = ?", "CREATE TABLE t (k TEXT)", "PRAGMA integrity_check",
    "SELECT {} FROM outbox",
])
def test_detector_flags_sql(text):
    assert sql_strings("x = {!r}\n".format(text)) == [(1, text)]


@pytest.mark.parametrize("text", [
    "select", "find -> select -> read", "已提交的案件不能删除", "update the slot", "pragma: no cover",
    "reselect from", "updates offset",
])
def test_detector_leaves_prose_alone(text):
    assert sql_strings("x = {!r}\n".format(text)) == []


def test_detector_skips_docstrings_but_not_other_strings():
    source = ('"""Select the pages from the store."""\n'
              "def f():\n"
              '    """Update the case, then set its state."""\n'
              '    return "SELECT 1 FROM cases"\n')
    assert sql_strings(source) == [(4, "SELECT 1 FROM cases")]


def test_no_sql_outside_the_store():
    modules = _modules()
    assert any(p.parts[-2:] == ("sync", "outbox.py") for p in modules)  # the walk reaches the packages
    found = ["{}:{}: {}".format(p.relative_to(ROOT), line, " ".join(text.split())[:80])
             for p in modules for line, text in sorted(sql_strings(p.read_text("utf-8"), str(p)))]
    assert not found, "SQL outside shared/store (use the store's typed methods):\n" + "\n".join(found)

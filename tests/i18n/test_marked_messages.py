"""Modules whose messages live in tables and helper calls mark every Chinese text for translation.

The extractor only sees ``Msg``/``N_``/``tr`` calls: a text passed to a helper such as
``_bad("…")`` or kept in a table without ``N_`` would never reach the ``.ts`` file.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u3400-\u9fff]")
MARKERS = {"N_", "tr", "translate", "Msg", "qtr"}
MODULES = ("shared/devices/idcard/protocol.py", "shared/devices/idcard/factory.py",
           "shared/sync/crypto.py", "shared/sync/packet.py", "shared/sync/uploader.py",
           "shared/devices/file_source.py", "shared/devices/sane_source.py",
           "shared/devices/pages.py", "shared/devices/doccam.py", "shared/domain/identifiers.py",
           "shared/domain/catalog.py", "shared/domain/identity.py")
# Data, not messages: a unit of amounts and a date pattern.
ALLOWED = {"元", r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"}


def unmarked(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    marked: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
            if name in MARKERS:
                marked.update(id(a) for a in node.args)
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            marked.add(id(body[0].value))  # docstrings
    return ["{}:{} {}".format(path.name, n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and HAN.search(n.value)
            and id(n) not in marked and n.value not in ALLOWED]


def test_every_message_is_marked():
    found = [line for module in MODULES for line in unmarked(ROOT / module)]
    assert found == []

"""Docstring coverage of the public functions and methods in shared/: it may only go up.

Public means a top-level function, or a method of a top-level class, whose name does not start
with an underscore (the class's own name neither). Run this file directly for the figures per
package and the undocumented names.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = 0.80  # today's figure, rounded down: raise it when you add docstrings, never lower it


def public_defs(path: Path) -> list[tuple[str, bool]]:
    """(qualified name, has a docstring) of each public function and method in one file."""
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            found.append((node.name, ast.get_docstring(node) is not None))
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and not item.name.startswith("_"):
                    found.append(("{}.{}".format(node.name, item.name), ast.get_docstring(item) is not None))
    return found


def coverage() -> tuple[float, dict[str, list[int]], list[str]]:
    """Overall share documented, [documented, total] per package, and the undocumented names."""
    per_package: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missing = []
    for path in sorted((ROOT / "shared").rglob("*.py")):
        rel = path.relative_to(ROOT)
        package = ".".join(rel.parts[:2]).removesuffix(".py")
        for name, documented in public_defs(path):
            per_package[package][0] += documented
            per_package[package][1] += 1
            if not documented:
                missing.append("{}: {}".format(rel, name))
    done = sum(d for d, _ in per_package.values())
    total = sum(t for _, t in per_package.values())
    return done / total, dict(per_package), missing


def test_public_docstring_coverage_does_not_drop():
    share, per_package, _ = coverage()
    figures = ", ".join("{} {}/{}".format(p, d, t) for p, (d, t) in sorted(per_package.items()))
    assert share >= FLOOR, "docstring coverage {:.1%} fell under {:.1%}: {}".format(share, FLOOR, figures)


def test_the_count_sees_missing_and_present_docstrings(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('def a():\n    """Doc."""\n\n\ndef b():\n    pass\n\n\ndef _c():\n    pass\n\n\n'
                      'class K:\n    def m(self):\n        pass\n\n    def _n(self):\n        pass\n\n\n'
                      'class _Hidden:\n    def m(self):\n        pass\n', "utf-8")
    assert public_defs(sample) == [("a", True), ("b", False), ("K.m", False)]


if __name__ == "__main__":
    share, per_package, missing = coverage()
    for package, (done, total) in sorted(per_package.items()):
        print("{:24s} {:4d}/{:<4d} {:6.1%}".format(package, done, total, done / total))
    print("{:24s} {:6.2%}".format("all of shared/", share))
    if "-v" in sys.argv:
        print("\n".join(missing))

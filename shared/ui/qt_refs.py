"""Keeps ``None``, ``True`` and ``False`` alive against a reference-count bug of PySide6.

PySide6 (seen with 6.12.0) on CPython 3.11 hands out references it does not own in two hot
paths: every ``SignalInstance.emit()`` called from Python returns ``True`` without a new
reference, and every Python ``QRunnable.run`` the thread pool calls drops one from ``None``.
Each call takes one reference away from the singleton for good. After some ten thousand
signals or tasks (a day at the counter, or one run of the GUI tests) the count reaches zero
and the interpreter aborts: "Fatal Python error: bool_dealloc", typically while it finalizes
at exit. CPython 3.12 made these singletons immortal; on older versions :func:`install` raises
their counts once by 2**40, which no process lives long enough to spend.

Call :func:`install` once at start, before any thread runs (the counter's ``main`` does).
"""

from __future__ import annotations

import ctypes
import sys

BOOST = 1 << 40
_installed = False


def needed() -> bool:
    """Whether this interpreter needs the guard (CPython before 3.12, refcount first in objects)."""
    return (sys.implementation.name == "cpython" and sys.version_info < (3, 12)
            and not hasattr(sys, "getobjects"))  # a Py_TRACE_REFS build lays objects out otherwise


def install() -> bool:
    """Raise the reference counts of None, True and False once; True when it did."""
    global _installed
    if _installed or not needed():
        return False
    # The layout is checked by reading the count where CPython keeps it and comparing it with
    # sys.getrefcount, loosely: an exact before/after difference of getrefcount failed in two
    # starts in five (the count of None moves by one under the check, an import finishing or a
    # frame letting go), which left the process unguarded.
    for obj in (None, True, False):
        field = ctypes.c_ssize_t.from_address(id(obj))   # ob_refcnt: the first field
        if abs(field.value - sys.getrefcount(obj)) > 16:  # pragma: no cover - an unexpected layout
            return False
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += BOOST
    _installed = True
    return True

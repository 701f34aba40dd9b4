"""A faster answer to PySide6's "does this module use PySide6?" question at import time.

PySide6 (seen with 6.12.0) hooks every import to learn which modules may select its
``__feature__`` options (snake_case, true_property). For each module imported for the first
time after PySide6 it calls ``shibokensupport.feature._mod_uses_pyside``, which runs
``inspect.getsource`` on the module and looks for the text "PySide6". At the counter's start
that is some 150 modules and 13-14 ms of ``inspect`` and ``linecache`` work, most of it on the
UI thread before the first window shows (bench P7).

:func:`install` replaces the check by a byte search of the module's ``.py`` file: the same
answer for every module with a source file; anything else (no file, a compiled extension, a
frozen or zipped module, an unreadable file) still goes to PySide6's own check. The feature
selection itself is untouched.
"""

from __future__ import annotations

import sys

_NEEDLE = b"PySide6"
_original = None


def uses_pyside(module) -> bool:
    """Whether the module's source mentions PySide6 (PySide6's own rule, read as bytes)."""
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as fh:
                return _NEEDLE in fh.read()
        except OSError:
            pass
    return _original(module) if _original is not None else False


def install() -> bool:
    """Replace PySide6's check once PySide6 is imported; True when it did (False: nothing to do)."""
    global _original
    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if check is None or check is uses_pyside:
        return False
    _original = check
    feature._mod_uses_pyside = uses_pyside
    return True

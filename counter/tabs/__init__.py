"""The case editor's pages beyond the form: identity, materials, interview, submit.

Each page is a QWidget built as ``Page(store, catalog, editor)`` with a ``title``, a
``changed`` signal and ``set_case(case, biz)``. It changes the case through
``editor.apply(fn)`` (which re-shows the form) or ``editor.collect()`` + ``editor.save()``.
"""

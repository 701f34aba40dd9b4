"""Render a case's documents in a short-lived child process, so their memory leaves with it.

Rendering loads reportlab, the CJK font (tens of MB of glyph tables) and grows the heap by the
size of the first render; none of that is given back to the system once the documents are done
(measured by bench P10: about 50 MB a counter would otherwise keep for the rest of the day after
its first generation). :func:`render_isolated` runs the same :func:`shared.documents.render` in
``python -m shared.documents.isolated``: the case, its business and the seal plans go in on the
child's stdin and the PDFs (and the plans, whose seal box the layout fills) come back on its
stdout, both pickled; nothing touches the disk. Errors come back as the same
:class:`~shared.errors.YizhanError`. In a frozen build (no ``python -m``) it renders in-process.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from shared import platform
from shared.errors import DocumentError, YizhanError
from shared.i18n import Msg

MAX_OUTPUT = 64 * 1024 * 1024   # the PDFs of one case are well under a MB each
TIMEOUT = 120.0


def _render(jobs: list, case, business, place: str) -> list:
    from shared.documents import render
    from shared.documents.seal import planned

    out = []
    for kind, plan in jobs:
        with planned(plan):
            pdf = render(kind, case, business, place=place)
        out.append((pdf, plan))
    return out


def available() -> bool:
    """Whether documents can be rendered in a child (not in a frozen build)."""
    return not platform.is_frozen()


def render_isolated(jobs: list, case, business, place: str) -> list:
    """``[(pdf, plan)]`` for ``jobs`` (``[(kind, SealPlan | None)]``), rendered in a child process."""
    if not available():
        return _render(jobs, case, business, place)
    root = str(Path(__file__).resolve().parents[2])   # where the ``shared`` package is
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p))
    request = pickle.dumps((jobs, case, business, place), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        done = subprocess.run([sys.executable, "-m", "shared.documents.isolated"], input=request,
                              capture_output=True, timeout=TIMEOUT, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise DocumentError(Msg("document.render_timeout", "文书生成超时，请重试")) from None
    if done.returncode != 0 or not done.stdout or len(done.stdout) > MAX_OUTPUT:
        raise DocumentError(Msg("document.render_failed", "文书生成进程异常退出（返回 {code}），请重试",
                                {"code": done.returncode}))
    status, value = pickle.loads(done.stdout)
    if status != "ok":
        raise value
    return value


def _child() -> int:
    jobs, case, business, place = pickle.loads(sys.stdin.buffer.read())
    try:
        reply = ("ok", _render(jobs, case, business, place))
    except YizhanError as exc:
        reply = ("error", exc)
    except Exception as exc:  # noqa: BLE001 - reported to the parent as a readable error
        reply = ("error", DocumentError(Msg("document.render_error", "文书生成失败：{error}",
                                            {"error": "{}: {}".format(type(exc).__name__, exc)[:300]})))
    sys.stdout.buffer.write(pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_child())

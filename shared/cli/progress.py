"""The CLI's view of a store upgrade: progress on stderr while an older store is migrated."""

from __future__ import annotations

import sys
from typing import Callable, TextIO

from shared.i18n import Msg


def stderr_progress(stream: TextIO | None = None) -> Callable[[int, int], None]:
    """A ``progress(done, total)`` callback printing one updating line (a new line at the end)."""
    def tell(done: int, total: int) -> None:
        out = stream or sys.stderr
        pct = 100 * done // total if total else 100
        text = Msg("cli.store_upgrade", "正在升级本机数据库：{pct}%（{done}/{total}）",
                   {"pct": pct, "done": done, "total": total}).render()
        out.write("\r" + text + ("\n" if done >= total else ""))
        out.flush()
    return tell


def open_store(data_dir):
    """The store of ``data_dir`` for a command, its upgrade (if any) shown on stderr."""
    from shared.store import Store
    return Store.open(data_dir, progress=stderr_progress())

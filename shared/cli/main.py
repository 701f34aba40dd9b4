"""Entry point of the ``yizhan`` command: branch IT and automation.

Every command calls the same code the app calls. Each area module exposes
``register(subparsers)`` and sets ``func`` on its parsers; ``func(args)`` returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path

from shared import i18n
from shared.errors import YizhanError

AREA_MODULES = [
    "shared.cli.case_cmds",
    "shared.cli.idcard_cmds",
    "shared.cli.devices_cmds",
    "shared.cli.face_cmds",
    "shared.cli.page_cmds",
    "shared.cli.sync_cmds",
    "shared.cli.render_cmds",
    "shared.cli.originals_cmds",
    "shared.cli.diagnostics_cmds",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yizhan", description="一站 运维命令行 / Yizhan operations CLI")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="store directory (default: $YIZHAN_DATA_DIR or ~/.local/share/yizhan)")
    parser.add_argument("--lang", choices=["zh", "en"], default=None, help="message language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in AREA_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # the area is not built yet
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except YizhanError as err:
        print(err.msg.render(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

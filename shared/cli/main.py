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
    "shared.cli.seal_cmds",
    "shared.cli.originals_cmds",
    "shared.cli.diagnostics_cmds",
    "shared.cli.integration_cmds",
    "shared.cli.query_cmds",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yizhan", description="一站 运维命令行 / Yizhan operations CLI")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="store directory (default: $YIZHAN_DATA_DIR or ~/.local/share/yizhan)")
    parser.add_argument("--lang", choices=["zh", "en"], default=None, help="message language")
    parser.add_argument("--operator", default=None, metavar="STAFF_ID",
                        help="run as this enrolled operator (password from --password-file)")
    parser.add_argument("--password-file", default=None, metavar="FILE",
                        help="file whose first line is the operator's password ('-' or absent: standard input)")
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


def store_dirs(args: argparse.Namespace) -> tuple[Path, Path]:
    """The data and configuration directories (``--data-dir`` wins over ``$YIZHAN_DATA_DIR``)."""
    from shared.config import resolve_dirs
    return resolve_dirs(args.data_dir)


def main(argv: list[str] | None = None) -> int:
    from shared.logs import setup_logging
    setup_logging("yizhan", console_level=logging.WARNING)
    parser = build_parser()
    args = parser.parse_args(argv)
    args.data_dir, args.config_dir = store_dirs(args)
    if args.lang:
        i18n.set_language(args.lang)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    out, err_stream = sys.stdout, sys.stderr
    # Everything a command prints passes here: card fields and server texts are data, and an
    # escape sequence in them must never reach the terminal as a command.
    sys.stdout, sys.stderr = PlainText(out), PlainText(err_stream)
    try:
        return int(args.func(args) or 0)
    except YizhanError as err:
        print(err.msg.render(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        sys.stdout, sys.stderr = out, err_stream


class PlainText:
    """A text stream that drops control characters (ESC, BEL, C1...) except newline and tab."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from shared.security.masking import printable
        return self._stream.write(printable(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


if __name__ == "__main__":
    sys.exit(main())

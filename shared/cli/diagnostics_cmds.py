"""``yizhan diagnostics``: write the support bundle (see :mod:`shared.diagnostics`)."""

from __future__ import annotations

from pathlib import Path

from shared.i18n import tr


def cmd_diagnostics(args) -> int:
    from shared import diagnostics
    from shared.cli.devices_cmds import run_checks
    checks = None if args.no_devices else run_checks
    path = diagnostics.write_bundle(args.out, data_dir=args.data_dir, device_checks=checks)
    print(tr("诊断包已写入 {path}（个人信息已遮蔽）", path=str(path)))
    return 0


def register(sub) -> None:
    p = sub.add_parser("diagnostics", help="write a support bundle (personal data masked)")
    p.add_argument("--out", type=Path, default=None, help="folder for the bundle (default: the log folder)")
    p.add_argument("--no-devices", action="store_true", help="skip the device checks")
    p.set_defaults(func=cmd_diagnostics)

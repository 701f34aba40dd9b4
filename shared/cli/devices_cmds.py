"""``yizhan devices check``: every device the service point uses, each actually tested."""

from __future__ import annotations

import json

from shared.i18n import tr


def _row(area: str, entry: dict) -> dict:
    """One shape for the three drivers' reports: area, name, ok, detail."""
    ok = entry.get("ok", entry.get("status") == "ok")
    name = entry.get("name") or entry.get("device") or area
    detail = entry.get("detail") or entry.get("message") or ""
    for extra in ("resolution", "fallback"):
        if entry.get(extra):
            detail += " [{}: {}]".format(extra, entry[extra])
    return {"area": area, "name": name, "ok": bool(ok), "detail": detail}


def run_checks(idcard_spec: str | None = None) -> list[dict]:
    """The reports of the ID card readers, cameras and face models, and page sources."""
    from shared.capture import face_models
    from shared.devices import camera, pages
    from shared.devices.idcard import factory
    rows = [_row("idcard", e) for e in factory.check(idcard_spec)]
    rows += [_row("camera", e) for e in camera.check()]
    rows += [_row("camera", e) for e in face_models.check()]
    rows += [_row("pages", e) for e in pages.check()]
    return rows


def cmd_check(args) -> int:
    rows = run_checks(args.idcard)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            print("{:4s} {:8s} {:28s} {}".format(tr("正常") if r["ok"] else tr("异常"), r["area"], r["name"], r["detail"]))
    return 0 if any(r["ok"] for r in rows if r["area"] == "idcard") else 1


def register(sub) -> None:
    devices = sub.add_parser("devices", help="devices of the service point").add_subparsers(dest="devices_cmd", metavar="ACTION")
    p = devices.add_parser("check", help="test every connected device")
    p.add_argument("--idcard", default=None, help="reader spec to test as well (serial:PORT, sdk:LIB)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

"""Collect every translatable Chinese string into ``resources/i18n/yizhan_en.ts``.

Sources: ``Msg(code, "…")``, ``N_("…")``, ``tr("…")``, ``translate("…")`` and
``QCoreApplication.translate(ctx, "…")`` calls in the code, and the display strings of the
catalog and interview templates. Existing translations are kept; new strings are added as
``unfinished``; strings no longer used are marked ``obsolete``.

    python tools/i18n_extract.py          # update the .ts file
    python tools/i18n_extract.py --check  # exit 1 listing strings without an English translation
    python tools/i18n_extract.py --fill new.json        # also take {"中文": "English"} pairs
    python tools/i18n_extract.py --merge a.ts b.ts     # also take the finished translations of
                                                      # other .ts files (resolving a merge)
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "yizhan_en.ts"
CODE_DIRS = ("shared", "counter", "kiosk", "devserver")
CALLS = {"N_": 0, "tr": 0, "translate": 0, "Msg": 1, "qtr": 0}
JSON_KEYS = {"name", "label", "choices", "condition_text", "text", "title", "help", "stop_reason",
             "commitment", "confirmation", "options", "section", "reason"}
HAN = re.compile(r"[\u3400-\u9fff]")


def _call_name(node: ast.Call) -> str | None:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def from_code() -> set[str]:
    found: set[str] = set()
    for top in CODE_DIRS:
        for path in (ROOT / top).rglob("*.py"):
            try:
                tree = ast.parse(path.read_text("utf-8"))
            except (SyntaxError, UnicodeDecodeError):
                continue
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                name = _call_name(node)
                index = CALLS.get(name or "")
                if name == "translate" and len(node.args) == 2:  # QCoreApplication.translate(ctx, text)
                    index = 1
                if index is None or len(node.args) <= index:
                    continue
                arg = node.args[index]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and HAN.search(arg.value):
                    found.add(arg.value)
    return found


def _walk_json(value, key: str | None, found: set[str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _walk_json(v, k, found)
    elif isinstance(value, list):
        for v in value:
            _walk_json(v, key, found)
    elif isinstance(value, str) and key in JSON_KEYS and HAN.search(value):
        found.add(value)


def from_catalog() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "resources" / "catalog").rglob("*.json"):
        if path.name == "schema.json" or path.name.endswith(".schema.json"):
            continue
        _walk_json(json.loads(path.read_text("utf-8")), None, found)
    return found


def _finished(entry: tuple[str, str | None] | None) -> bool:
    return bool(entry and entry[0] and entry[1] not in ("unfinished", "obsolete"))


def load_ts(path: Path = TS) -> dict[str, tuple[str, str | None]]:
    """source -> (translation, its type) of a .ts file."""
    if not path.exists():
        return {}
    out = {}
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source") or ""
        t = message.find("translation")
        out[source] = ((t.text or "") if t is not None else "", t.get("type") if t is not None else "unfinished")
    return out


def write_ts(strings: set[str], existing: dict[str, tuple[str, str | None]]) -> None:
    root = ET.Element("TS", version="2.1", language="en_US", sourcelanguage="zh_CN")
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = "yizhan"
    for source in sorted(set(strings) | set(existing)):
        text, kind = existing.get(source, ("", "unfinished"))
        message = ET.SubElement(ctx, "message")
        ET.SubElement(message, "source").text = source
        t = ET.SubElement(message, "translation")
        t.text = text
        if source not in strings:
            t.set("type", "obsolete")
        elif not text or kind == "unfinished":
            t.set("type", "unfinished")
    ET.indent(root)
    TS.parent.mkdir(parents=True, exist_ok=True)
    data = ET.tostring(root, encoding="unicode")
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + data + "\n", "utf-8")


def missing_translations() -> list[str]:
    """Strings in the code or catalog with no finished English translation."""
    existing = load_ts()
    wanted = from_code() | from_catalog()
    return sorted(s for s in wanted if not existing.get(s, ("", "unfinished"))[0]
                  or existing[s][1] in ("unfinished", "obsolete"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--fill", type=Path, help="a JSON object of Chinese source -> English")
    parser.add_argument("--merge", type=Path, nargs="*", default=[], help="other .ts files to take translations from")
    args = parser.parse_args()
    if args.check:
        lacking = missing_translations()
        for s in lacking:
            print(s)
        return 1 if lacking else 0
    strings = from_code() | from_catalog()
    existing = load_ts()
    for other in args.merge:
        for source, (text, kind) in load_ts(other).items():
            if text and kind not in ("unfinished", "obsolete") and not _finished(existing.get(source)):
                existing[source] = (text, None)
    if args.fill:
        for source, text in json.loads(args.fill.read_text("utf-8")).items():
            existing[source] = (text, None)
    write_ts(strings, existing)
    print("{} strings, {} without translation".format(len(strings), len(missing_translations())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Import of a case's core data from a bank system (the "less typing" path).

The format (``yizhan-case-import/1``, documented in the README)::

    {"format": "yizhan-case-import/1", "business": "mortgage_first_general",
     "parties": [{"role": "mortgagor", "kind": "person", "name": "…", "id_kind": "1",
                  "id_number": "…", "phone": "…", "address": "…"}],
     "property": {"unit_number": "…", "certificate_number": "…", "location": "…",
                  "area": "89.50", "use": "住宅"},
     "mortgage": {"contract_number": "…", "amount": "1000000", "debt_from": "2026-01-01", …},
     "reason": "…", "remarks": "…",
     "materials": {"identity": ["materials/id_front.jpg"], …}}

Groups (``property``, ``mortgage``, ``change``, ``cancel``…) map onto the catalog's dotted
keys. Everything is checked before anything is written; every error names its JSON path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shared.domain.case import Agent, Case, Party
from shared.domain.catalog import Catalog, default_catalog
from shared.domain.validation import field_errors
from shared.errors import ValidationError
from shared.i18n import Msg

FORMAT = "yizhan-case-import/1"
MAX_FILE_BYTES = 30 * 1024 * 1024
PARTY_KEYS = {"role", "kind", "name", "id_kind", "id_number", "phone", "address", "legal_rep", "share", "agent"}
MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"%PDF-", "application/pdf"),
         (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"))


def sniff_mime(data: bytes) -> str | None:
    """The MIME type of an image or PDF, judged by its content, not its name."""
    for magic, mime in MAGIC:
        if data.startswith(magic):
            return mime
    return None


@dataclass
class ImportResult:
    """A validated import, ready to be written: the case and its material files."""

    case: Case
    files: list[tuple[str, str, bytes]] = field(default_factory=list)  # slot, mime, data


def _json_path(path: str) -> str:
    return "$." + path if not path.startswith("$") else path


def parse_import(raw: Any, base_dir: Path, catalog: Catalog | None = None) -> ImportResult:
    """Validate an import document; raise :class:`ValidationError` listing every error."""
    catalog = catalog or default_catalog()
    errors: dict[str, Msg] = {}
    if not isinstance(raw, dict):
        raise ValidationError(Msg("import.not_object", "导入文件应为 JSON 对象"))
    if raw.get("format") != FORMAT:
        errors["$.format"] = Msg("import.format", "format 应为“{f}”", {"f": FORMAT})
    code = raw.get("business")
    if code not in catalog.businesses:
        errors["$.business"] = Msg("import.business", "未知的业务类型“{code}”", {"code": code})
        raise ValidationError(Msg("import.invalid", "导入数据有{n}处错误", {"n": len(errors)}), errors)
    biz = catalog.business(code)
    case = Case(code, catalog_version=catalog.version, channel="import")
    known = {f.key for f in biz.fields}
    for key, value in raw.items():
        if key in ("format", "business", "parties", "materials"):
            continue
        items = value.items() if isinstance(value, dict) else [(None, value)]
        for sub, v in items:
            dotted = key if sub is None else "{}.{}".format(key, sub)
            if dotted not in known:
                errors[_json_path(dotted)] = Msg("import.unknown_field", "业务“{biz}”没有字段 {key}", {"biz": biz.name, "key": dotted})
            else:
                fd = biz.field(dotted)
                case.set(dotted, v if fd.type == "bool" else ("" if v is None else str(v)))
    for i, p in enumerate(raw.get("parties") or []):
        if not isinstance(p, dict):
            errors["$.parties[{}]".format(i)] = Msg("import.party", "当事人应为 JSON 对象")
            continue
        for k in set(p) - PARTY_KEYS:
            errors["$.parties[{}].{}".format(i, k)] = Msg("import.party_key", "当事人没有字段 {key}", {"key": k})
        fields = {k: ("" if v is None else str(v)) for k, v in p.items() if k in PARTY_KEYS - {"agent"}}
        agent = p.get("agent")
        case.parties.append(Party(**{"role": "", **fields}, agent=Agent(**agent) if isinstance(agent, dict) else None))
    for path, msg in field_errors(case, biz, catalog).items():
        errors[_json_path(path)] = msg
    result = ImportResult(case)
    slots = {s.code for s in biz.materials}
    for slot, files in (raw.get("materials") or {}).items():
        if slot not in slots:
            errors["$.materials.{}".format(slot)] = Msg("import.slot", "业务“{biz}”没有材料“{slot}”", {"biz": biz.name, "slot": slot})
            continue
        for j, rel in enumerate(files):
            where = "$.materials.{}[{}]".format(slot, j)
            data, msg = _read_material(base_dir / rel)
            if msg:
                errors[where] = msg
            else:
                result.files.append((slot, sniff_mime(data) or "", data))
    if errors:
        raise ValidationError(Msg("import.invalid", "导入数据有{n}处错误", {"n": len(errors)}), errors)
    return result


def _read_material(path: Path) -> tuple[bytes, Msg | None]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return b"", Msg("import.too_big", "文件 {name} 超过 {mb} MB", {"name": path.name, "mb": MAX_FILE_BYTES // 2**20})
        data = path.read_bytes()
    except OSError as exc:
        return b"", Msg("import.read", "无法读取文件 {name}：{err}", {"name": path.name, "err": exc.strerror or exc})
    if sniff_mime(data) is None:
        return b"", Msg("import.type", "文件 {name} 不是 JPEG、PNG、TIFF 或 PDF", {"name": path.name})
    return data, None


def load_import(path: Path, catalog: Catalog | None = None) -> ImportResult:
    """Read and validate an import file."""
    try:
        raw = json.loads(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise ValidationError(Msg("import.open", "无法读取导入文件 {path}：{err}", {"path": str(path), "err": exc.strerror})) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(Msg("import.json", "导入文件不是有效的 JSON：{err}", {"err": str(exc)})) from None
    return parse_import(raw, Path(path).parent, catalog)


def save_import(store, result: ImportResult) -> Case:
    """Write the case and its files in one transaction: all or nothing."""
    case = result.case

    def work(conn):
        store.write_case(conn, case, "import")
        for slot, mime, data in result.files:
            info = store.blobs.add_in(conn, case.id, "page", data, mime, slot=slot)
            case.materials.setdefault(slot, []).append(info.id)
        if result.files:
            store.write_case(conn, case, "update")
    store.write(work)
    return case
